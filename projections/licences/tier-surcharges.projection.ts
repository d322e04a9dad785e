/**
 * SPOT tier crossings (SPOT-4.2 with SPOT-I2), each with its decision: the surcharged ones and the
 * late ones that only move the high rate to the next invoice date. GET /participants/{id}/surcharges.
 */
import type { TierThresholdCrossed } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';
import type { Decision } from '@ledger/regulations';

export const TIER_SURCHARGES = { name: 'tier_surcharges', version: 1, collection: 'crossings' } as const;

export interface TierCrossingDocument {
  [key: string]: unknown;
  /** The id of the event that records the crossing decision (= its decisionId). */
  decisionId: string;
  participantId: string;
  licenceId: string;
  crossedOn: string;
  activeLicences: number;
  /** True when a surcharge was charged at the crossing. */
  charged: boolean;
  surchargeCents: number;
  surchargeInvoiceId: string | null;
  highRateFrom: string;
  decision: Decision;
}

export const tierSurchargesProjection: ProjectionDefinition = {
  name: TIER_SURCHARGES.name,
  version: TIER_SURCHARGES.version,
  collections: [{ name: TIER_SURCHARGES.collection, indexes: ['participantId', 'crossedOn'] }],
  handles: ['TierThresholdCrossed'],
  apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    const d = recorded.data as TierThresholdCrossed['data'];
    const document: TierCrossingDocument = {
      decisionId: d.decision.decisionId ?? recorded.id,
      participantId: d.participantId,
      licenceId: d.licenceId,
      crossedOn: d.crossedOn,
      activeLicences: d.activeLicences,
      charged: d.surchargeCents > 0,
      surchargeCents: d.surchargeCents,
      surchargeInvoiceId: d.surchargeInvoiceId,
      highRateFrom: d.highRateFrom,
      decision: d.decision,
    };
    ctx.put(TIER_SURCHARGES.collection, recorded.id, document);
  },
};
