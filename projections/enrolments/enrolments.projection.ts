/** Enrolments across streams, for lists by customer, offering, learner or status (GET /enrolments). */
import type { EnrolmentRegistered } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const ENROLMENTS = { name: 'enrolments', version: 1, collection: 'enrolments' } as const;

export interface EnrolmentDocument {
  [key: string]: unknown;
  enrolmentId: string;
  streamId: string;
  status: string;
  offeringId: string;
  rulebookId: string;
  customerId: string;
  learnerId: string;
  registeredAt: string;
  startsAt: string | null;
  /** Business time of the latest change. */
  updatedAt: string | null;
}

/** The status each closing event leaves the enrolment in (as the aggregate's state has it). */
const STATUS_AFTER: Readonly<Record<string, string>> = {
  EnrolmentCancelled: 'cancelled',
  EnrolmentCancelledByProvider: 'cancelled-by-provider',
  EnrolmentWithdrawn: 'withdrawn',
  EnrolmentTerminated: 'terminated',
  EnrolmentDissolved: 'dissolved',
  ForceMajeureRefundDecided: 'ended-force-majeure',
};

export const enrolmentsProjection: ProjectionDefinition = {
  name: ENROLMENTS.name,
  version: ENROLMENTS.version,
  collections: [
    { name: ENROLMENTS.collection, indexes: ['customerId', 'offeringId', 'learnerId', 'status', 'rulebookId'] },
  ],
  handles: ['EnrolmentRegistered', 'EnrolmentRescheduled', 'LearnerSubstituted', ...Object.keys(STATUS_AFTER)],
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const occurredAt = event.metadata.occurredAt ?? null;
    if (event.type === 'EnrolmentRegistered') {
      const d = event.data as EnrolmentRegistered['data'];
      const document: EnrolmentDocument = {
        enrolmentId: d.enrolmentId,
        streamId: event.streamId,
        status: 'active',
        offeringId: d.offeringId,
        rulebookId: d.rulebook.id,
        customerId: d.customerId,
        learnerId: d.learnerId,
        registeredAt: d.registeredAt,
        startsAt: d.terms.startsAt,
        updatedAt: occurredAt,
      };
      ctx.put(ENROLMENTS.collection, d.enrolmentId, document);
      return;
    }
    const enrolmentId = String(event.data['enrolmentId']);
    const existing = await ctx.get<EnrolmentDocument>(ENROLMENTS.collection, enrolmentId);
    if (!existing) throw new Error(`enrolments projection: ${event.type} for unknown enrolment ${enrolmentId}`);
    const change: Partial<EnrolmentDocument> =
      event.type === 'EnrolmentRescheduled'
        ? { startsAt: String(event.data['toStartsAt']) }
        : event.type === 'LearnerSubstituted'
          ? { learnerId: String(event.data['toLearnerId']) }
          : { status: STATUS_AFTER[event.type]! };
    ctx.put(ENROLMENTS.collection, enrolmentId, { ...existing.body, ...change, updatedAt: occurredAt });
  },
};
