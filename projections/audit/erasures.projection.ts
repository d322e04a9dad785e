/**
 * Erasures of personal data (GDPR art. 17 on request, VLI-5.2 at the end of retention), by data
 * subject. The erasure keeper reads it to make sure every recorded erasure's key is destroyed,
 * also for erasures the scheduler recorded in another process.
 */
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const ERASURES = { name: 'erasures', version: 1, collection: 'erasures' } as const;

/** Erasure event type -> the data field naming the data subject (its key in the key store). */
export const ERASURE_EVENTS: Readonly<Record<string, { subjectField: string; subjectKind: 'learner' | 'customer' }>> =
  Object.freeze({
    LearnerPersonalDataErased: { subjectField: 'learnerId', subjectKind: 'learner' },
    CustomerPersonalDataErased: { subjectField: 'customerId', subjectKind: 'customer' },
  });

export interface ErasureDocument {
  [key: string]: unknown;
  subjectId: string;
  subjectKind: 'learner' | 'customer';
  streamId: string;
  eventId: string;
  position: number;
  erasedAt: string;
  reason: string;
  ruleIds: string[];
}

export const erasuresProjection: ProjectionDefinition = {
  name: ERASURES.name,
  version: ERASURES.version,
  collections: [{ name: ERASURES.collection, indexes: ['subjectKind', 'position'] }],
  handles: Object.keys(ERASURE_EVENTS),
  apply(event: RecordedEvent, ctx: ProjectionContext) {
    const spec = ERASURE_EVENTS[event.type];
    const subjectId = spec ? event.data[spec.subjectField] : undefined;
    if (!spec || typeof subjectId !== 'string')
      throw new Error(`erasures projection: ${event.type} ${event.id} names no subject`);
    const document: ErasureDocument = {
      subjectId,
      subjectKind: spec.subjectKind,
      streamId: event.streamId,
      eventId: event.id,
      position: event.position,
      erasedAt: String(event.data['erasedAt'] ?? event.metadata.occurredAt ?? event.recordedAt),
      reason: String(event.data['reason'] ?? 'request'),
      ruleIds: Array.isArray(event.data['ruleIds']) ? (event.data['ruleIds'] as string[]) : [],
    };
    // Keyed by subject kind and id: learner and customer ids are separate namespaces.
    ctx.put(ERASURES.collection, `${spec.subjectKind}:${subjectId}`, document);
  },
};
