/**
 * Decisions for auditors: find one (decision log -> the recording event, read back from the log
 * itself), recompute one, recompute all. Framework-free so the CLI uses exactly the same code.
 */
import type { ReadModels } from '@ledger/application';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { FindQuery, Page } from '@ledger/read-store';
import type { Decision, RulebookRegistry } from '@ledger/regulations';
import {
  DECISION_LOG,
  decisionEventRef,
  decisionOf,
  verifyDecision,
  type DecisionEventRef,
  type DecisionLogDocument,
  type DecisionVerification,
} from '@ledger/projections';

export interface RecordedDecision {
  decisionId: string;
  decision: Decision;
  event: DecisionEventRef;
}

export interface VerifyAllSummary {
  /** Decisions recomputed. */
  checked: number;
  matched: number;
  /** Every decision that did not match, with its differences (bounded by MAX_MISMATCHES_LISTED). */
  mismatches: Array<DecisionVerification & { event: DecisionEventRef }>;
  /** Last log position read; pass it as `afterPosition` to continue. */
  lastPosition: number;
  /** True when the whole log up to its head at the start was read. */
  complete: boolean;
  byKind: Record<string, { checked: number; matched: number }>;
}

export const MAX_MISMATCHES_LISTED = 1_000;
const READ_PAGE = 500;

export class DecisionAudit {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readModels: ReadModels,
    private readonly registry: RulebookRegistry,
  ) {}

  /** The decision as recorded in the log, with the event that records it; undefined when unknown. */
  async find(decisionId: string): Promise<RecordedDecision | undefined> {
    await this.readModels.ready();
    const indexed = await this.readModels.get<DecisionLogDocument>(
      DECISION_LOG.name,
      DECISION_LOG.collection,
      decisionId,
    );
    if (!indexed) return undefined;
    // The read model only says where to look; what an auditor sees comes from the log itself.
    const [event] = await this.eventStore.readStream(indexed.body.streamId, {
      fromRevision: indexed.body.event.revision,
      maxCount: 1,
    });
    if (!event || event.id !== indexed.body.event.eventId) {
      throw new Error(
        `Decision log points decision ${decisionId} at ${indexed.body.streamId}@${indexed.body.event.revision}, but the log holds another event there`,
      );
    }
    const decision = decisionOf(event);
    if (!decision) throw new Error(`Event ${event.id} indexed as decision ${decisionId} carries no decision`);
    return { decisionId, decision: { ...decision, decisionId }, event: decisionEventRef(event) };
  }

  async verify(decisionId: string): Promise<(DecisionVerification & { event: DecisionEventRef }) | undefined> {
    const found = await this.find(decisionId);
    if (!found) return undefined;
    return { ...verifyDecision(this.registry, found.decision, decisionId), event: found.event };
  }

  async list(query: FindQuery): Promise<Page<DecisionLogDocument>> {
    await this.readModels.ready();
    return this.readModels.find<DecisionLogDocument>(DECISION_LOG.name, DECISION_LOG.collection, query);
  }

  /**
   * Recomputes every decision recorded in the log (not the read model: a decision the projection
   * missed is still checked), from `afterPosition`, up to `maxEvents` events read.
   */
  async verifyAll(
    options: {
      afterPosition?: number;
      maxEvents?: number;
      onProgress?: (position: number, head: number, checked: number) => void;
    } = {},
  ): Promise<VerifyAllSummary> {
    const head = await this.eventStore.headPosition();
    const maxEvents = options.maxEvents ?? Number.MAX_SAFE_INTEGER;
    const summary: VerifyAllSummary = {
      checked: 0,
      matched: 0,
      mismatches: [],
      lastPosition: options.afterPosition ?? -1,
      complete: false,
      byKind: {},
    };
    let read = 0;
    for (;;) {
      if (summary.lastPosition >= head) {
        summary.complete = true;
        break;
      }
      if (read >= maxEvents) break;
      const page = await this.eventStore.readAll({
        afterPosition: summary.lastPosition,
        maxCount: Math.min(READ_PAGE, maxEvents - read),
      });
      if (page.length === 0) {
        summary.complete = true;
        break;
      }
      for (const event of page) {
        if (event.position > head) {
          summary.complete = true;
          break;
        }
        read += 1;
        summary.lastPosition = event.position;
        this.check(event, summary);
      }
      options.onProgress?.(summary.lastPosition, head, summary.checked);
      if (summary.complete) break;
    }
    return summary;
  }

  private check(event: RecordedEvent, summary: VerifyAllSummary): void {
    const decision = decisionOf(event);
    if (!decision) return;
    const decisionId = decision.decisionId ?? event.id;
    const result = verifyDecision(this.registry, decision, decisionId);
    const kind = (summary.byKind[`${decision.rulebook.id}/${decision.kind}`] ??= { checked: 0, matched: 0 });
    summary.checked += 1;
    kind.checked += 1;
    if (result.matches) {
      summary.matched += 1;
      kind.matched += 1;
    } else if (summary.mismatches.length < MAX_MISMATCHES_LISTED) {
      summary.mismatches.push({ ...result, event: decisionEventRef(event) });
    }
  }
}
