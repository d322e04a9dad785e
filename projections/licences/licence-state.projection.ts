/**
 * SPOT licence state, per participant and per licence, with the dated history an as-of query needs
 * (terms, revocation, expiry, tier evaluations, surcharges). GET /participants/{id}/licences?asOf=
 * answers from it with the same pure view the decider's fold uses (`licenceStateAsOf`).
 *
 * It also is the licence directory (licence id -> participant), so POST /licences/{id}/... finds
 * the participant that owns the licence.
 * Names are personal data and stay out of read models (erasure only reaches the log's keys).
 */
import type {
  InvoiceDateAnchored,
  LicenceExpired,
  LicenceMarkedNotToRenew,
  LicenceRecord,
  LicenceRegistered,
  LicenceRenewed,
  LicenceRevoked,
  LmsUseTerminated,
  MembershipEnded,
  ParticipantOwnEvent,
  ParticipantRegistered,
  TierEvaluated,
  TierHistory,
  TierThresholdCrossed,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const LICENCE_STATE = {
  name: 'licence_state',
  // v2: participants carry the rulebook they are members under.
  version: 2,
  participants: 'participants',
  licences: 'licences',
  directory: 'directory',
} as const;

/** Licence documents are per participant, so a licence id reused elsewhere can never overwrite another's history. */
export const licenceDocumentId = (participantId: string, licenceId: string): string => `${participantId}/${licenceId}`;

/** Licence id -> owning participant; the first registration of an id keeps it (revocations route by it). */
export interface LicenceDirectoryDocument {
  [key: string]: unknown;
  licenceId: string;
  participantId: string;
}

export interface ParticipantLicenceDocument extends TierHistory {
  [key: string]: unknown;
  participantId: string;
  /** The rulebook whose licence acts decide for the participant. */
  rulebookId: string;
  invoiceDate: string | null;
  invoiceAnchor: string | null;
  evaluations: Record<string, number>;
  surchargeDates: string[];
  crossingDates: string[];
  lmsUseEndsOn: string | null;
  membershipEndedOn: string | null;
  licenceCount: number;
}

export interface LicenceDocument extends LicenceRecord {
  [key: string]: unknown;
  participantId: string;
  revocationReason: string | null;
}

type Handled = Exclude<ParticipantOwnEvent, { type: 'CoordinatorAppointed' | 'LicenceExpiryReminderDue' }>;

async function participant(ctx: ProjectionContext, participantId: string): Promise<ParticipantLicenceDocument> {
  const doc = await ctx.get<ParticipantLicenceDocument>(LICENCE_STATE.participants, participantId);
  if (!doc) throw new Error(`licence-state: event for unknown participant ${participantId}`);
  return doc.body;
}

async function updateParticipant(
  ctx: ProjectionContext,
  participantId: string,
  change: (d: ParticipantLicenceDocument) => Partial<ParticipantLicenceDocument>,
) {
  const doc = await participant(ctx, participantId);
  ctx.put(LICENCE_STATE.participants, participantId, { ...doc, ...change(doc) });
}

async function updateLicence(
  ctx: ProjectionContext,
  participantId: string,
  licenceId: string,
  change: (d: LicenceDocument) => Partial<LicenceDocument>,
) {
  const id = licenceDocumentId(participantId, licenceId);
  const doc = await ctx.get<LicenceDocument>(LICENCE_STATE.licences, id);
  if (!doc) throw new Error(`licence-state: event for unknown licence ${id}`);
  ctx.put(LICENCE_STATE.licences, id, { ...doc.body, ...change(doc.body) });
}

async function apply(event: Handled, ctx: ProjectionContext): Promise<void> {
  switch (event.type) {
    case 'ParticipantRegistered': {
      const d = (event as ParticipantRegistered).data;
      const doc: ParticipantLicenceDocument = {
        participantId: d.participantId,
        rulebookId: d.rulebookId,
        invoiceDate: d.invoiceDate,
        invoiceAnchor: d.invoiceDate,
        evaluations: {},
        surchargeDates: [],
        crossingDates: [],
        lmsUseEndsOn: null,
        membershipEndedOn: null,
        licenceCount: 0,
      };
      ctx.put(LICENCE_STATE.participants, d.participantId, doc);
      return;
    }
    case 'InvoiceDateAnchored': {
      const d = (event as InvoiceDateAnchored).data;
      return updateParticipant(ctx, d.participantId, () => ({ invoiceAnchor: d.invoiceDate }));
    }
    case 'LicenceRegistered': {
      const d = (event as LicenceRegistered).data;
      const doc: LicenceDocument = {
        licenceId: d.licenceId,
        participantId: d.participantId,
        learnerId: d.learnerId,
        startsOn: d.startsOn,
        terms: [{ startsOn: d.startsOn, expiresOn: d.expiresOn }],
        expiresOn: d.expiresOn,
        notToRenew: false,
        revokedOn: null,
        revocationReason: null,
        expiredOn: null,
        invoiceIds: [d.invoiceId],
        remindedForExpiry: null,
      };
      ctx.put(LICENCE_STATE.licences, licenceDocumentId(d.participantId, d.licenceId), doc);
      if (!(await ctx.get(LICENCE_STATE.directory, d.licenceId))) {
        const entry: LicenceDirectoryDocument = { licenceId: d.licenceId, participantId: d.participantId };
        ctx.put(LICENCE_STATE.directory, d.licenceId, entry);
      }
      return updateParticipant(ctx, d.participantId, (p) => ({ licenceCount: p.licenceCount + 1 }));
    }
    case 'TierThresholdCrossed': {
      const d = (event as TierThresholdCrossed).data;
      return updateParticipant(ctx, d.participantId, (p) => ({
        crossingDates: [...p.crossingDates, d.crossedOn],
        surchargeDates: d.surchargeCents > 0 ? [...p.surchargeDates, d.crossedOn] : p.surchargeDates,
      }));
    }
    case 'TierEvaluated': {
      const d = (event as TierEvaluated).data;
      return updateParticipant(ctx, d.participantId, (p) => ({
        evaluations: { ...p.evaluations, [d.evaluatedOn]: d.activeLicences },
      }));
    }
    case 'LicenceRenewed': {
      const d = (event as LicenceRenewed).data;
      return updateLicence(ctx, d.participantId, d.licenceId, (l) => ({
        expiresOn: d.expiresOn,
        terms: [...l.terms, { startsOn: d.renewalOn, expiresOn: d.expiresOn }],
        invoiceIds: [...l.invoiceIds, d.invoiceId],
      }));
    }
    case 'LicenceExpired': {
      const d = (event as LicenceExpired).data;
      return updateLicence(ctx, d.participantId, d.licenceId, () => ({ expiredOn: d.expiredOn }));
    }
    case 'LicenceMarkedNotToRenew': {
      const d = (event as LicenceMarkedNotToRenew).data;
      return updateLicence(ctx, d.participantId, d.licenceId, () => ({ notToRenew: true }));
    }
    case 'LmsUseTerminated': {
      const d = (event as LmsUseTerminated).data;
      for (const licenceId of d.notRenewedLicenceIds)
        await updateLicence(ctx, d.participantId, licenceId, () => ({ notToRenew: true }));
      return updateParticipant(ctx, d.participantId, () => ({ lmsUseEndsOn: d.effectiveEnd }));
    }
    case 'MembershipEnded': {
      const d = (event as MembershipEnded).data;
      for (const licenceId of d.notRenewedLicenceIds)
        await updateLicence(ctx, d.participantId, licenceId, () => ({ notToRenew: true }));
      return updateParticipant(ctx, d.participantId, () => ({ membershipEndedOn: d.endedOn }));
    }
    case 'LicenceRevoked': {
      const d = (event as LicenceRevoked).data;
      return updateLicence(ctx, d.participantId, d.licenceId, () => ({
        revokedOn: d.revokedOn,
        revocationReason: d.reason,
      }));
    }
  }
}

const HANDLED: ReadonlyArray<Handled['type']> = [
  'ParticipantRegistered',
  'InvoiceDateAnchored',
  'LicenceRegistered',
  'TierThresholdCrossed',
  'TierEvaluated',
  'LicenceRenewed',
  'LicenceExpired',
  'LicenceMarkedNotToRenew',
  'LmsUseTerminated',
  'MembershipEnded',
  'LicenceRevoked',
];

export const licenceStateProjection: ProjectionDefinition = {
  name: LICENCE_STATE.name,
  version: LICENCE_STATE.version,
  collections: [
    { name: LICENCE_STATE.participants, indexes: [] },
    { name: LICENCE_STATE.licences, indexes: ['participantId', 'startsOn'] },
    { name: LICENCE_STATE.directory, indexes: ['participantId'] },
  ],
  handles: HANDLED,
  apply: (recorded: RecordedEvent, ctx: ProjectionContext) =>
    apply({ type: recorded.type, data: recorded.data } as Handled, ctx),
};
