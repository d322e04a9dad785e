/**
 * The decision log: every decision the regulations made, wherever it was recorded. A decision
 * event is any event whose data carries a `decision` object (libs/regulations decision.ts), so the
 * projection reads every event type rather than a list that each new feature would have to extend.
 * Indexed by decisionId (the document id), rulebook, kind and stream.
 */
import type { EventActor, RecordedEvent } from '@ledger/event-store';
import { ALL_EVENT_TYPES, type ProjectionContext, type ProjectionDefinition } from '@ledger/read-store';
import type { Decision } from '@ledger/regulations';

export const DECISION_LOG = { name: 'decision_log', version: 1, collection: 'decisions' } as const;

/** Where a decision is recorded: enough to read the event back from the log. */
export interface DecisionEventRef {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  position: number;
  occurredAt: string | null;
  recordedAt: string;
  actor: EventActor | string | null;
}

export interface DecisionLogDocument {
  [key: string]: unknown;
  decisionId: string;
  kind: string;
  rulebookId: string;
  rulebookVersion: string;
  /** `<id>@<version>`, to filter one version with one index. */
  rulebook: string;
  ruleIds: string[];
  streamId: string;
  position: number;
  occurredAt: string | null;
  feeCents: number | null;
  refundCents: number | null;
  event: DecisionEventRef;
  decision: Decision;
}

/** The decision an event carries, if its data has one that names a kind and a rulebook version. */
export function decisionOf(event: Pick<RecordedEvent, 'data'>): Decision | undefined {
  const candidate = (event.data as { decision?: unknown }).decision;
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return undefined;
  const decision = candidate as Partial<Decision>;
  if (
    typeof decision.kind !== 'string' ||
    typeof decision.rulebook?.id !== 'string' ||
    typeof decision.rulebook?.version !== 'string'
  )
    return undefined;
  return decision as Decision;
}

export function decisionEventRef(event: RecordedEvent): DecisionEventRef {
  return {
    eventId: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    occurredAt: event.metadata.occurredAt ?? null,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor ?? null,
  };
}

export const decisionLogProjection: ProjectionDefinition = {
  name: DECISION_LOG.name,
  version: DECISION_LOG.version,
  collections: [{ name: DECISION_LOG.collection, indexes: ['kind', 'rulebookId', 'rulebook', 'streamId', 'position'] }],
  handles: [ALL_EVENT_TYPES],
  apply(event: RecordedEvent, ctx: ProjectionContext) {
    const decision = decisionOf(event);
    if (!decision) return;
    // The write path sets decisionId to the recording event's id; fall back to it for older events.
    const decisionId =
      typeof decision.decisionId === 'string' && decision.decisionId.length > 0 ? decision.decisionId : event.id;
    const document: DecisionLogDocument = {
      decisionId,
      kind: decision.kind,
      rulebookId: decision.rulebook.id,
      rulebookVersion: decision.rulebook.version,
      rulebook: `${decision.rulebook.id}@${decision.rulebook.version}`,
      ruleIds: Array.isArray(decision.ruleIds) ? decision.ruleIds : [],
      streamId: event.streamId,
      position: event.position,
      occurredAt: event.metadata.occurredAt ?? null,
      feeCents: typeof decision.feeCents === 'number' ? decision.feeCents : null,
      refundCents: typeof decision.refundCents === 'number' ? decision.refundCents : null,
      event: decisionEventRef(event),
      decision: { ...decision, decisionId },
    };
    ctx.put(DECISION_LOG.collection, decisionId, document);
  },
};
