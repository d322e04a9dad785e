/**
 * Decisions for auditors: find one (decision log -> the recording event, read back from the log
 * itself), recompute one, recompute all. Framework-free so the CLI uses exactly the same code.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { recomputeFactsOf, type ReadModels } from '@ledger/application';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { FindQuery, Page } from '@ledger/read-store';
import {
  CURRENT_READINGS,
  readingIn,
  READING_TOUCHES,
  whatIf,
  type Decision,
  type DecisionFacts,
  type MoneyField,
  type RulebookRegistry,
} from '@ledger/regulations';
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
  /** The correction this decision is (its event is a DecisionCorrected), else null. */
  corrects: Correction | null;
  /** The correction recorded for this decision, else null. */
  correctedBy: Correction | null;
}

/** A DecisionCorrected as the decision views show it, on both the corrected and the correcting decision. */
export interface Correction {
  correctedDecisionId: string;
  /** The correcting decision's id (= the id of the DecisionCorrected event). */
  correctingDecisionId: string;
  interpretationId: string;
  interpretationVersion: number;
  recordedVersion: number;
  differenceCents: number;
  creditNoteIds: string[];
  invoiceId: string | null;
  refundId: string | null;
  reason: string;
  correctedAt: string;
}

function correctionOf(event: RecordedEvent): Correction {
  const d = event.data;
  return {
    correctedDecisionId: String(d['correctedDecisionId']),
    correctingDecisionId: event.id,
    interpretationId: String(d['interpretationId']),
    interpretationVersion: Number(d['interpretationVersion']),
    recordedVersion: Number(d['recordedVersion']),
    differenceCents: Number(d['differenceCents']),
    creditNoteIds: (d['creditNoteIds'] as string[] | undefined) ?? [],
    invoiceId: (d['invoiceId'] as string | null | undefined) ?? null,
    refundId: (d['refundId'] as string | null | undefined) ?? null,
    reason: String(d['reason']),
    correctedAt: String(d['correctedAt']),
  };
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
/** Decisions one what-if call recomputes at most; the answer says when there were more. */
export const MAX_WHAT_IF_DECISIONS = 10_000;

export interface WhatIfItem {
  decisionId: string;
  kind: string;
  rulebook: string;
  streamId: string;
  occurredAt: string | null;
  /** The version of the reading the decision was made under (1 when it predates the reading). */
  recordedVersion: number;
  status: 'differs' | 'unchanged' | 'needs-facts';
  /** Money fields whose cents differ: recomputed minus recorded. */
  differenceCents: Partial<Record<MoneyField, number>>;
  recorded: Partial<Record<MoneyField, number | null>>;
  recomputed: Partial<Record<MoneyField, number | null>>;
  ruleIdsDiffer: boolean;
  interpretationIdsDiffer: boolean;
  /** What is missing to tell (status needs-facts). */
  missing?: { field: string; message: string };
  /** The correcting decision's id when a correction was already recorded (POST /decisions/{id}/corrections), else null. */
  correctedBy: string | null;
}

export interface WhatIfSummary {
  interpretation: string;
  currentVersion: number;
  /** Decisions of the kinds the reading touches that were recorded under an older version. */
  checked: number;
  differing: number;
  unchanged: number;
  needsFacts: number;
  /** Every decision that comes out differently (or cannot be told), in log order. */
  items: WhatIfItem[];
  /** More decisions than MAX_WHAT_IF_DECISIONS were recorded; the rest were not checked. */
  truncated: boolean;
}

export class UnknownReadingError extends Error {
  readonly code = 'INTERPRETATION_NOT_VERSIONED';
  constructor(readonly readingId: string) {
    super(`${readingId} is not a corrected reading; versioned readings: ${Object.keys(CURRENT_READINGS).join(', ')}`);
    this.name = 'UnknownReadingError';
  }
}
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
    return {
      decisionId,
      decision: { ...decision, decisionId },
      event: decisionEventRef(event),
      corrects: event.type === 'DecisionCorrected' ? correctionOf(event) : null,
      correctedBy: await this.correctionOf(indexed.body.streamId, event.revision, decisionId),
    };
  }

  /**
   * The correction of a decision, if one was recorded: it follows the decision in the decision's
   * own stream (a DecisionCorrected citing it), read from the log after the decision's revision.
   */
  private async correctionOf(streamId: string, revision: number, decisionId: string): Promise<Correction | null> {
    for (let from = revision + 1; ;) {
      const page = await this.eventStore.readStream(streamId, { fromRevision: from, maxCount: READ_PAGE });
      const found = page.find((e) => e.type === 'DecisionCorrected' && e.data['correctedDecisionId'] === decisionId);
      if (found) return correctionOf(found);
      if (page.length < READ_PAGE) return null;
      from += page.length;
    }
  }

  async verify(decisionId: string): Promise<(DecisionVerification & { event: DecisionEventRef }) | undefined> {
    const found = await this.find(decisionId);
    if (!found) return undefined;
    return { ...verifyDecision(this.registry, found.decision, decisionId), event: found.event };
  }

  /**
   * What-if: every recorded decision of the kinds a corrected reading touches, made under an older
   * version of it, recomputed under the current version; those that come out differently are listed
   * with the difference in cents. Nothing is appended: a correction is a command of its own.
   */
  async whatIf(readingId: string): Promise<WhatIfSummary> {
    const currentVersion = CURRENT_READINGS[readingId];
    const touches = READING_TOUCHES[readingId];
    if (currentVersion === undefined || !touches) throw new UnknownReadingError(readingId);
    const summary: WhatIfSummary = {
      interpretation: readingId,
      currentVersion,
      checked: 0,
      differing: 0,
      unchanged: 0,
      needsFacts: 0,
      items: [],
      truncated: false,
    };
    const facts = new Map<string, DecisionFacts>();
    for (const touch of touches) {
      for (const kind of touch.decisionKinds) {
        let cursor: string | undefined;
        do {
          const page = await this.list({
            where: { rulebookId: touch.rulebookId, kind },
            orderBy: { field: 'position' },
            limit: 500,
            ...(cursor ? { cursor } : {}),
          });
          for (const { body } of page.items) {
            if (readingIn(body.decision.inputs, readingId) >= currentVersion) continue;
            if (summary.checked >= MAX_WHAT_IF_DECISIONS) {
              summary.truncated = true;
              return summary;
            }
            const decision = await this.fromLog(body);
            const item = this.whatIfOf(body, decision, readingId, await this.factsOf(body.streamId, facts));
            summary.checked += 1;
            if (item.status === 'differs') summary.differing += 1;
            else if (item.status === 'unchanged') summary.unchanged += 1;
            else summary.needsFacts += 1;
            if (item.status !== 'unchanged') {
              const correction = await this.correctionOf(body.streamId, body.event.revision, body.decisionId);
              summary.items.push({ ...item, correctedBy: correction?.correctingDecisionId ?? null });
            }
          }
          cursor = page.nextCursor;
        } while (cursor);
      }
    }
    summary.items.sort((a, b) => a.occurredAt?.localeCompare(b.occurredAt ?? '') ?? 0);
    return summary;
  }

  private whatIfOf(
    indexed: DecisionLogDocument,
    decision: Decision,
    readingId: string,
    facts: DecisionFacts,
  ): Omit<WhatIfItem, 'correctedBy'> {
    const outcome = whatIf(this.registry, decision, readingId, { facts });
    const base = {
      decisionId: indexed.decisionId,
      kind: indexed.kind,
      rulebook: indexed.rulebook,
      streamId: indexed.streamId,
      occurredAt: indexed.occurredAt,
      recordedVersion: readingIn(decision.inputs, readingId),
    };
    if (outcome.status === 'needs-facts') {
      return {
        ...base,
        status: 'needs-facts',
        differenceCents: {},
        recorded: {},
        recomputed: {},
        ruleIdsDiffer: false,
        interpretationIdsDiffer: false,
        missing: { field: outcome.field, message: outcome.message },
      };
    }
    const { comparison } = outcome;
    const differenceCents: Partial<Record<MoneyField, number>> = {};
    const recorded: Partial<Record<MoneyField, number | null>> = {};
    const recomputed: Partial<Record<MoneyField, number | null>> = {};
    for (const [field, money] of Object.entries(comparison.money) as Array<
      [MoneyField, (typeof comparison.money)[MoneyField]]
    >) {
      if (money.recordedCents === null && money.recomputedCents === null) continue;
      recorded[field] = money.recordedCents;
      recomputed[field] = money.recomputedCents;
      if (money.differenceCents) differenceCents[field] = money.differenceCents;
    }
    return {
      ...base,
      status: outcome.status,
      differenceCents,
      recorded,
      recomputed,
      ruleIdsDiffer: comparison.ruleIdsDiffer,
      interpretationIdsDiffer: comparison.interpretationIdsDiffer,
    };
  }

  /** The decision as the log holds it (the read model only says where it is). */
  private async fromLog(indexed: DecisionLogDocument): Promise<Decision> {
    const [event] = await this.eventStore.readStream(indexed.streamId, {
      fromRevision: indexed.event.revision,
      maxCount: 1,
    });
    const decision = event && event.id === indexed.event.eventId ? decisionOf(event) : undefined;
    if (!decision) throw new Error(`Decision log points ${indexed.decisionId} at an event that carries no decision`);
    return { ...decision, decisionId: indexed.decisionId };
  }

  /** Facts a decision recorded before a later reading needed them (recomputeFactsOf), once per stream. */
  private async factsOf(streamId: string, cache: Map<string, DecisionFacts>): Promise<DecisionFacts> {
    const known = cache.get(streamId);
    if (known) return known;
    const [first] = await this.eventStore.readStream(streamId, { fromRevision: 0, maxCount: 1 });
    const facts = recomputeFactsOf(this.registry, first);
    cache.set(streamId, facts);
    return facts;
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
      // A page at a time: commands and reads of other clients run in between.
      await yieldToEventLoop();
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
