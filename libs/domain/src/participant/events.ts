/**
 * SPOT LMS participant (regulations.md §1): the member organisation that holds licences for its
 * learners and is billed for them. One stream per participant (`participant-<id>`): the tier
 * depends on the count of active licences, so the participant owns every licence (design.md
 * "Consistency boundaries").
 */
import type { PersonalDataPolicy } from '@ledger/event-store';
import type { Decision, LocalDate, SpotRevocationReason } from '@ledger/regulations';
import type { BillingEvent } from '../billing';
import type { DomainEvent } from '../shared/decider';

export const PARTICIPANT_STREAM_PREFIX = 'participant-';
export const participantStreamId = (participantId: string): string => `${PARTICIPANT_STREAM_PREFIX}${participantId}`;

export type ParticipantRegistered = DomainEvent<
  'ParticipantRegistered',
  {
    participantId: string;
    /** Personal data (organisation name): encrypted per participant. */
    name: string;
    /** SPOT-I2: the annual invoice date, when agreed; null = the date of the first licence registration. */
    invoiceDate: LocalDate | null;
    registeredAt: string;
  }
>;

/** SPOT-I2: no invoice date was agreed, so the first licence registration sets it. */
export type InvoiceDateAnchored = DomainEvent<
  'InvoiceDateAnchored',
  { participantId: string; invoiceDate: LocalDate; licenceId: string; ruleIds: string[]; interpretationIds: string[] }
>;

/** SPOT-1.4: a training coordinator for an organisation/location. */
export type CoordinatorAppointed = DomainEvent<
  'CoordinatorAppointed',
  {
    participantId: string;
    personId: string;
    location: string;
    locationKey: string;
    appointedAt: string;
    decision: Decision;
  }
>;

/** SPOT-3.4 / 4.1: the licence is issued; its fee is on `invoiceId` (an InvoiceIssued in the same append). */
export type LicenceRegistered = DomainEvent<
  'LicenceRegistered',
  {
    participantId: string;
    licenceId: string;
    learnerId: string;
    registeredAt: string;
    startsOn: LocalDate;
    /** End of the first term (exclusive): the licence renews on this date (SPOT-I1). */
    expiresOn: LocalDate;
    invoiceId: string;
    feeCents: number;
    decision: Decision;
  }
>;

/** SPOT-4.2 / SPOT-I2: the registration that made active licences reach the threshold. */
export type TierThresholdCrossed = DomainEvent<
  'TierThresholdCrossed',
  {
    participantId: string;
    licenceId: string;
    crossedOn: LocalDate;
    activeLicences: number;
    surchargeCents: number;
    /** Invoice of the surcharge; null when the crossing came too late to be surcharged. */
    surchargeInvoiceId: string | null;
    highRateFrom: LocalDate;
    decision: Decision;
  }
>;

/** SPOT-4.2: the tier re-evaluated at an invoice date (a scheduled deadline). */
export type TierEvaluated = DomainEvent<
  'TierEvaluated',
  {
    participantId: string;
    evaluatedOn: LocalDate;
    activeLicences: number;
    tier: 'low' | 'high';
    rateCents: number;
    nextInvoiceDate: LocalDate;
    decision: Decision;
  }
>;

/** SPOT-I1: renewed for another term on its expiry date, invoiced then (InvoiceIssued in the same append). */
export type LicenceRenewed = DomainEvent<
  'LicenceRenewed',
  {
    participantId: string;
    licenceId: string;
    renewalOn: LocalDate;
    expiresOn: LocalDate;
    invoiceId: string;
    feeCents: number;
    decision: Decision;
  }
>;

/** SPOT-I1 / SPOT-6.1 / SPOT-6.4: a licence marked not-to-renew reached its expiry. */
export type LicenceExpired = DomainEvent<
  'LicenceExpired',
  { participantId: string; licenceId: string; expiredOn: LocalDate; decision: Decision }
>;

/** SPOT-6.1: the reminder that a licence expires is due. */
export type LicenceExpiryReminderDue = DomainEvent<
  'LicenceExpiryReminderDue',
  {
    participantId: string;
    licenceId: string;
    expiresOn: LocalDate;
    reminderOn: LocalDate;
    renews: boolean;
    decision: Decision;
  }
>;

/** SPOT-I1: the participant asked not to renew this licence. */
export type LicenceMarkedNotToRenew = DomainEvent<
  'LicenceMarkedNotToRenew',
  {
    participantId: string;
    licenceId: string;
    requestedAt: string;
    expiresOn: LocalDate;
    ruleIds: string[];
    interpretationIds: string[];
  }
>;

/** SPOT-6.1: the participant ends LMS use with effect from its longest-running licence's expiry. */
export type LmsUseTerminated = DomainEvent<
  'LmsUseTerminated',
  {
    participantId: string;
    requestedAt: string;
    effectiveEnd: LocalDate;
    notRenewedLicenceIds: string[];
    renewingLicenceIds: string[];
    decision: Decision;
  }
>;

/** SPOT-6.4: the participant left SPOT; its licences stay valid until expiry and are not renewed. */
export type MembershipEnded = DomainEvent<
  'MembershipEnded',
  {
    participantId: string;
    endedAt: string;
    endedOn: LocalDate;
    notRenewedLicenceIds: string[];
    lastLicenceExpiresOn: LocalDate;
    decision: Decision;
  }
>;

/** SPOT-6.2 / 6.3: access revoked at once; no refund, unpaid fees stay due (no billing event). */
export type LicenceRevoked = DomainEvent<
  'LicenceRevoked',
  {
    participantId: string;
    licenceId: string;
    learnerId: string;
    at: string;
    revokedOn: LocalDate;
    reason: SpotRevocationReason;
    /** The term end the revocation cuts short (its renewal and reminder deadlines are settled). */
    expiresOn: LocalDate;
    outstandingCents: number;
    decision: Decision;
  }
>;

export type ParticipantOwnEvent =
  | ParticipantRegistered
  | InvoiceDateAnchored
  | CoordinatorAppointed
  | LicenceRegistered
  | TierThresholdCrossed
  | TierEvaluated
  | LicenceRenewed
  | LicenceExpired
  | LicenceExpiryReminderDue
  | LicenceMarkedNotToRenew
  | LmsUseTerminated
  | MembershipEnded
  | LicenceRevoked;

export type ParticipantEvent = ParticipantOwnEvent | BillingEvent;

export const participantPersonalData: PersonalDataPolicy = {
  ParticipantRegistered: { subjectField: 'participantId', subjectNamespace: 'participant', personalFields: ['name'] },
};
