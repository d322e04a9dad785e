/**
 * Licence acts of a member organisation (participant): joining, licence registration with its fee
 * and tier, renewal, expiry reminders, tier evaluation at invoice dates, coordinators, transfer,
 * revocation, ending use and leaving. The participant aggregate keeps the dated history (which
 * licences were active when, evaluations, surcharges) and asks the rulebook version in force at the
 * act's business date what the act means; it records the decisions in its own events and invoices
 * the charges the act names.
 */
import type { Instant, LocalDate } from '../calendar';
import type { Decision } from '../decision';
import type { Cents } from '../money';
import type { ActOf } from './acts';

/** What the tier rules read of a participant's history. */
export interface TierFacts {
  /** The invoice date in use (agreed, or set by the first registration); null before either. */
  invoiceAnchor: LocalDate | null;
  /** Active licences found at each evaluated invoice date. */
  evaluations: Readonly<Record<LocalDate, number>>;
  /** Days a tier surcharge was charged. */
  surchargeDates: readonly LocalDate[];
  /** Active licences at the opening of a day (registrations of that day not yet counted). */
  activeLicencesAtStartOf(day: LocalDate): number;
}

/** What the licence acts read of a participant. */
export interface ParticipantFacts extends TierFacts {
  participantId: string;
  /** The invoice date agreed at joining; null: the first registration sets it. */
  invoiceDate: LocalDate | null;
  firstRegistrationOn: LocalDate | null;
  /** Days a registration crossed the tier threshold. */
  crossingDates: readonly LocalDate[];
  /** Active licences on a day (registrations of that day included). */
  activeLicencesOn(day: LocalDate): number;
}

/** An amount the participant is invoiced for (net; the version's VAT rate applies). */
export interface LicenceCharge {
  netCents: Cents;
  /** The invoice line. */
  description: string;
}

/** A refusal the rulebook words; the domain raises it with the status its context calls for. */
export interface Refusal {
  error: string;
  ruleId: string;
  message: string;
}

export interface ParticipantJoining {
  /** The first invoice date the tier is evaluated at; null while no invoice date is set. */
  nextInvoiceDate: LocalDate | null;
}

export interface TierCrossing {
  decision: Decision;
  crossedOn: LocalDate;
  activeLicences: number;
  /** Charged at once when its net amount is above 0. */
  surcharge: LicenceCharge;
  highRateFrom: LocalDate;
}

export interface LicenceRegistration {
  decision: Decision;
  startsOn: LocalDate;
  /** End of the first term (exclusive). */
  expiresOn: LocalDate;
  fee: LicenceCharge;
  /** The first registration sets the invoice date when none was agreed. */
  invoiceDateSet: {
    invoiceDate: LocalDate;
    nextInvoiceDate: LocalDate;
    ruleIds: string[];
    interpretationIds: string[];
  } | null;
  /** The registration crossed the tier threshold for the first time in its billing period. */
  tierCrossing: TierCrossing | null;
}

export type LicenceRenewal =
  | { renews: false; decision: Decision }
  | { renews: true; decision: Decision; expiresOn: LocalDate; fee: LicenceCharge };

export interface TierEvaluation {
  decision: Decision;
  activeLicences: number;
  tier: string;
  rateCents: Cents;
  nextInvoiceDate: LocalDate;
}

/** The tier and rate in force on a day (the licence-state view). */
export interface TierOn {
  tier: string;
  rateCents: Cents;
  invoiceDate: LocalDate | null;
  nextInvoiceDate: LocalDate | null;
}

export interface LicenceSummary {
  licenceId: string;
  expiresOn: LocalDate;
}

/** A charge for e-learning shared beyond the licence's standard offer (a course of another maker). */
export interface ExtraContributionInput {
  /** The licence the contribution gives access for; null: for the participant as a whole. */
  licenceId: string | null;
  courseId: string;
  courseProvider: string;
  contributionCents: Cents;
  chargedAt: Instant;
}

export interface ExtraContributionAct {
  /** Throws RuleViolation when the rulebook refuses the contribution (e.g. for content the licence includes). */
  charge(participant: ParticipantFacts, input: ExtraContributionInput): { decision: Decision; charge: LicenceCharge };
}

export interface LicenceActs {
  /** Days to pay a licence invoice. */
  invoicePaymentTermDays: number;
  /** The grounds a licence may be revoked on. */
  revocationReasons: readonly string[];
  /** Marking a licence not to renew cites these. */
  notToRenew: { ruleIds: string[]; interpretationIds: string[] };
  refusals: {
    /** The participant left; `forNewLicence` when a registration asked. */
    membershipEnded(participantId: string, endedOn: LocalDate, forNewLicence: boolean): Refusal;
    /** The participant ends its use of the licences; `forNewLicence` when a registration asked. */
    useEnding(participantId: string, endsOn: LocalDate, forNewLicence: boolean): Refusal;
    /** A registration dated before the latest one (the tier depends on their order). */
    registrationOutOfOrder(registeredOn: LocalDate, lastRegistrationOn: LocalDate): Refusal;
    /** Not-to-renew asked after the licence already renewed. */
    renewalAlreadyDue(licenceId: string, renewedOn: LocalDate): Refusal;
  };
  join(input: { participantId: string; invoiceDate: LocalDate | null; registeredAt: Instant }): ParticipantJoining;
  /** Throws RuleViolation when the rulebook refuses (e.g. the learner works elsewhere). */
  registerLicence(
    participant: ParticipantFacts,
    input: { licenceId: string; learnerId: string; learnerEmployerId: string | null; registeredAt: Instant },
  ): LicenceRegistration;
  /** At the end of a term: renew at the rate in force then, or let a licence marked not-to-renew expire. */
  renew(
    participant: ParticipantFacts,
    licence: { licenceId: string; startsOn: LocalDate; termStartsOn: LocalDate; notToRenew: boolean },
    renewalOn: LocalDate,
  ): LicenceRenewal;
  /** The reminder before a term ends. */
  expiryReminder(input: { licenceId: string; expiresOn: LocalDate }): { decision: Decision; reminderOn: LocalDate };
  /** The tier at an invoice date; null when `on` is not one of the participant's invoice dates. */
  evaluateTier(participant: ParticipantFacts, on: LocalDate): TierEvaluation | null;
  tierOn(participant: TierFacts, on: LocalDate): TierOn;
  /** `alreadyAppointed`: the person already coordinates there (nothing to record). Throws when refused. */
  appointCoordinator(input: {
    participantId: string;
    location: string;
    personId: string;
    currentCoordinatorIds: string[];
  }): { decision: Decision; alreadyAppointed: boolean };
  /** Throws RuleViolation when the rulebook refuses the transfer. */
  transfer(input: { licenceId: string; fromLearnerId: string; toLearnerId: string }): Decision;
  revoke(input: { licenceId: string; at: Instant; reason: string; outstandingCents: Cents }): Decision;
  /** The participant ends its use: which licences stop renewing, and when the use ends. */
  endUse(input: {
    participantId: string;
    requestedAt: Instant;
    licences: Array<LicenceSummary & { keepRenewing: boolean }>;
  }): { decision: Decision; effectiveEnd: LocalDate; notRenewedLicenceIds: string[]; renewingLicenceIds: string[] };
  /** An extra contribution for e-learning beyond the standard offer of the licence. */
  extraContribution: ActOf<ExtraContributionAct>;
  /** The participant leaves: its licences run until expiry without renewal. */
  endMembership(input: { participantId: string; endedAt: Instant; licences: LicenceSummary[] }): {
    decision: Decision;
    endedOn: LocalDate;
    notRenewedLicenceIds: string[];
    lastLicenceExpiresOn: LocalDate;
  };
}

/** An upcaster a rulebook contributes for events recorded before a field it relies on existed. */
export interface RulebookUpcaster {
  eventType: string;
  fromSchemaVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}
