/**
 * Participant: the member organisation that holds licences for its learners under a rulebook's
 * licence acts and is billed for them. One stream per participant (`participant-<id>`): the tier
 * depends on the count of active licences, so the participant owns every licence
 * (docs/architecture.md "Features").
 */
import type { PersonalDataPolicy } from '@ledger/event-store';
import type { Decision, LocalDate, RulebookId } from '@ledger/regulations';
import type { BillingEvent } from '../billing';
import type { DomainEvent } from '../shared/decider';

export const PARTICIPANT_STREAM_PREFIX = 'participant-';
export const participantStreamId = (participantId: string): string => `${PARTICIPANT_STREAM_PREFIX}${participantId}`;

export type ParticipantRegistered = DomainEvent<
  'ParticipantRegistered',
  {
    participantId: string;
    /** The rulebook the participant is a member under (its licence acts decide). Schema version 2. */
    rulebookId: RulebookId;
    /** Personal data (organisation name): encrypted per participant. */
    name: string;
    /** The invoice date, when agreed; null = the date of the first licence registration. */
    invoiceDate: LocalDate | null;
    /** The first invoice date the tier is evaluated at; null while no invoice date is agreed. Schema version 2. */
    nextInvoiceDate: LocalDate | null;
    registeredAt: string;
  }
>;

/** No invoice date was agreed, so the first licence registration sets it. */
export type InvoiceDateAnchored = DomainEvent<
  'InvoiceDateAnchored',
  {
    participantId: string;
    invoiceDate: LocalDate;
    /** The first invoice date the tier is evaluated at. Schema version 2. */
    nextInvoiceDate: LocalDate;
    licenceId: string;
    ruleIds: string[];
    interpretationIds: string[];
  }
>;

/** A training coordinator for an organisation/location. */
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

/** The licence is issued; its fee is on `invoiceId` (an InvoiceIssued in the same append). */
export type LicenceRegistered = DomainEvent<
  'LicenceRegistered',
  {
    participantId: string;
    licenceId: string;
    learnerId: string;
    registeredAt: string;
    startsOn: LocalDate;
    /** End of the first term (exclusive): the licence renews on this date. */
    expiresOn: LocalDate;
    invoiceId: string;
    feeCents: number;
    decision: Decision;
  }
>;

/** The registration that made active licences reach the tier threshold. */
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

/** The tier re-evaluated at an invoice date (a scheduled deadline). */
export type TierEvaluated = DomainEvent<
  'TierEvaluated',
  {
    participantId: string;
    evaluatedOn: LocalDate;
    activeLicences: number;
    tier: string;
    rateCents: number;
    nextInvoiceDate: LocalDate;
    decision: Decision;
  }
>;

/** Renewed for another term on its expiry date, invoiced then (InvoiceIssued in the same append). */
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

/** A licence marked not-to-renew reached its expiry. */
export type LicenceExpired = DomainEvent<
  'LicenceExpired',
  { participantId: string; licenceId: string; expiredOn: LocalDate; decision: Decision }
>;

/** The reminder that a licence expires is due. */
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

/** The participant asked not to renew this licence. */
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

/** The participant ends its use of the licences (the rulebook says from when). */
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

/** The participant left; its licences stay valid until expiry and are not renewed. */
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

/** Access revoked at once; no refund, unpaid fees stay due (no billing event). */
export type LicenceRevoked = DomainEvent<
  'LicenceRevoked',
  {
    participantId: string;
    licenceId: string;
    learnerId: string;
    at: string;
    revokedOn: LocalDate;
    /** One of the rulebook's revocation grounds. */
    reason: string;
    /** The term end the revocation cuts short (its renewal and reminder deadlines are settled). */
    expiresOn: LocalDate;
    outstandingCents: number;
    decision: Decision;
  }
>;

/** An extra contribution for e-learning beyond the licence's standard offer; invoiced on `invoiceId` (same append). */
export type ExtraContributionCharged = DomainEvent<
  'ExtraContributionCharged',
  {
    participantId: string;
    licenceId: string | null;
    courseId: string;
    courseProvider: string;
    chargedAt: string;
    chargedOn: LocalDate;
    invoiceId: string;
    /** Net, as the decision's feeCents. */
    contributionCents: number;
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
  | LicenceRevoked
  | ExtraContributionCharged;

export type ParticipantEvent = ParticipantOwnEvent | BillingEvent;

export const participantPersonalData: PersonalDataPolicy = {
  ParticipantRegistered: { subjectField: 'participantId', subjectNamespace: 'participant', personalFields: ['name'] },
};
