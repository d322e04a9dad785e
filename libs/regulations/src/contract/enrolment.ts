/**
 * Enrolment acts: what a booking's rulebook decides at registration and at every later act. The
 * domain builds `EnrolmentFacts` from the aggregate's state, calls the act of the rulebook version
 * in force at the act's business time, records the decision(s) in its own events and applies the
 * money effects through its billing module. Book-specific facts travel as `details`, validated by
 * the book's own schema (`parseActDetails`).
 */
import type { Instant, LocalDate } from '../calendar';
import type { Decision, JsonValue } from '../decision';
import type { Cents } from '../money';
import type { ActDetails, ActOf, SchemaClass } from './acts';
import type { AgreementActs, DeliveryDeadline, DeliveryFacts } from './agreement-acts';

export type CustomerKind = 'consumer' | 'business';

export interface OfferingComponentFacts {
  kind: string;
  /** Net price, excluding VAT. */
  priceCents: Cents;
}

/** The terms an offering is sold under; an enrolment snapshots them at registration. */
export interface OfferingTermsFacts {
  offeringId: string;
  rulebookId: string;
  kind: string;
  title: string;
  startsAt: Instant | null;
  components: readonly OfferingComponentFacts[];
  /** The rulebook's own options for this offering, normalised by its catalogue. */
  options: Readonly<Record<string, JsonValue>>;
}

/** The kinds of offering a rulebook sells and how it checks their options. */
export interface OfferingCatalogue {
  /** Offering kind -> component kinds it may carry, and whether it takes place on a date. */
  kinds: Readonly<Record<string, { components: readonly string[]; needsStart: boolean }>>;
  /**
   * Checks the offering's options (and anything else only the rulebook can judge) and returns them
   * with defaults filled in. Throws ActInputError naming the field.
   */
  normaliseOptions(terms: OfferingTermsFacts): Record<string, JsonValue>;
}

/** Gross figures of one invoice of the enrolment, as its billing state holds them. */
export interface InvoiceFacts {
  invoiceId: string;
  reason: string;
  issuedOn: LocalDate;
  dueDate: LocalDate;
  netCents: Cents;
  vatCents: Cents;
  totalCents: Cents;
  creditedCents: Cents;
  paidCents: Cents;
  /** Part of the payments granted back as refund entitlements. */
  refundedCents: Cents;
}

/** Gross paid on an invoice and not granted back. */
export const keptPaymentCents = (invoice: InvoiceFacts): Cents => invoice.paidCents - invoice.refundedCents;
/** Gross the invoice still charges after credit notes. */
export const chargedCents = (invoice: InvoiceFacts): Cents => invoice.totalCents - invoice.creditedCents;
export const sumOf = (invoices: readonly InvoiceFacts[], figure: (i: InvoiceFacts) => Cents): Cents =>
  invoices.reduce((sum, invoice) => sum + figure(invoice), 0);

export interface ExamAttemptFacts {
  attempt: number;
  sittingAt: Instant;
  passed: boolean;
  fraud: boolean;
  resitAllowed: boolean;
}

/** What an act may know about the enrolment: the agreement, where it stands, its money. */
export interface EnrolmentFacts {
  enrolmentId: string;
  offeringId: string;
  customerId: string;
  customerKind: CustomerKind;
  registeredAt: Instant;
  terms: OfferingTermsFacts;
  vatRateBasisPoints: number;
  /** Current start of the dated part (moves with reschedules); null for undated offerings. */
  startsAt: Instant | null;
  learnerId: string;
  /** The learner rescheduled before. */
  rescheduled: boolean;
  /** Admission was refused; a new date must be booked. */
  newDateRequired: boolean;
  registrationInvoice: InvoiceFacts;
  invoices: readonly InvoiceFacts[];
  examAttempts: readonly ExamAttemptFacts[];
  certificate: 'none' | 'withheld' | 'issued';
  modules: { active: readonly string[]; activated: readonly string[] };
  /** Documents the learner must hand in by a date (e.g. diplomas for recognised education). */
  documents: { dueDate: LocalDate; received: Readonly<Record<string, LocalDate>>; complete: boolean } | null;
  /** A cancellation whose fee exemption awaits evidence: the basis the act recorded for step two. */
  pendingCancellation: { basis: Readonly<Record<string, JsonValue>>; pendingEvidenceUntil: LocalDate } | null;
  withdrawal: { withdrawnOn: Instant; materialsSent: boolean; materialsReturned: boolean } | null;
  /** The number of participants of a group agreement after its last change; null: as the offering states. */
  participants: number | null;
  /** The provider suspended its obligations then (for non-performance); null while not suspended. */
  suspendedSince: Instant | null;
  /** Deliveries the provider owes by a date, by label. */
  deliveries: Readonly<Record<string, DeliveryFacts>>;
}

export interface InvoiceLineRequest {
  description: string;
  kind: string;
  netCents: Cents;
}

/**
 * What an act does to the enrolment's money. Issued on the act's business date, citing the act's
 * decision. Applied in order.
 */
export type MoneyEffect =
  /** Credit the invoice down to a net fee plus its VAT; what was paid beyond it is granted back. */
  | {
      kind: 'credit-to-net-fee';
      invoiceId: string;
      chargeableNetCents: Cents;
      reason: string;
      refundDueDate?: LocalDate;
    }
  /**
   * Credit the invoice down to a gross amount it keeps; what was paid beyond it is granted back
   * (unless `grantRefund` is false). The credit note's VAT is the invoice's VAT share.
   */
  | {
      kind: 'credit-to-gross';
      invoiceId: string;
      keepGrossCents: Cents;
      reason: string;
      refundDueDate?: LocalDate;
      grantRefund?: boolean;
    }
  /** Every invoice credited to nothing and every payment granted back. */
  | { kind: 'settle-everything-back'; reason: string }
  /** A new invoice (a fee payable on its own). VAT rate: the agreement's unless given. */
  | {
      kind: 'invoice';
      reason: 'reschedule-fee' | 'resit-fee' | 'instalment' | 'participant-change' | 'other';
      dueDate: LocalDate;
      lines: readonly InvoiceLineRequest[];
      vatRateBasisPoints?: number;
    };

/**
 * An act that takes book-specific details names their schema; the domain validates the details
 * against it before anything else, so a field the book does not know is the first thing a client hears.
 */
export interface TakesDetails {
  detailsSchema?: SchemaClass<object>;
}

/** A decision and what it does to the money. */
export interface DecidedAct {
  decision: Decision;
  money: readonly MoneyEffect[];
}

// ---- registration ---------------------------------------------------------------------------

export interface RegistrationInput {
  enrolmentId: string;
  customerKind: CustomerKind;
  registeredAt: Instant;
  terms: OfferingTermsFacts;
}

export interface RegistrationOutcome {
  vatRateBasisPoints: number;
  /** Which entity invoices at which VAT rate, where the rulebook decides it. */
  vatDecision?: Decision;
  /** When the registration invoice is due; `decision` where the rulebook sets the term. */
  paymentTerm: { dueDate: LocalDate; decision?: Decision; ruleIds: readonly string[] };
  invoiceLines: readonly InvoiceLineRequest[];
  /** Modules activated at the start of the service duration. */
  modulesAtStart?: { moduleIds: readonly string[]; serviceEndsOn: LocalDate; decision: Decision };
  /** Documents due by a date (study and exams blocked while missing). */
  documentsDeadline?: { dueDate: LocalDate; decision: Decision };
  /**
   * Instalments agreed: the registration invoice carries the first (`invoiceLines`); each further
   * instalment is an invoice of its own, issued at registration with its own due date.
   */
  instalments?: {
    decision: Decision;
    invoices: ReadonlyArray<{ dueDate: LocalDate; lines: readonly InvoiceLineRequest[] }>;
  };
  /** Something the provider owes by a date from the registration (e.g. course material). */
  deliveryDeadline?: DeliveryDeadline;
}

export interface RegistrationAct {
  register(input: RegistrationInput): RegistrationOutcome;
}

// ---- cancellation, evidence, provider cancellation, force majeure -----------------------------

export const CANCELLATION_REASONS = ['regular', 'illness', 'death', 'hospitalisation'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface CancellationInput {
  requestedAt: Instant;
  reason: CancellationReason;
  details?: ActDetails;
}

export interface CancellationOutcome extends DecidedAct {
  /** A fee exemption awaits evidence until this date (inclusive); step two decides. */
  pendingEvidenceUntil?: LocalDate;
  /** What step two decides on, recorded with the cancellation. */
  evidenceBasis?: Record<string, JsonValue>;
}

export interface CancellationAct extends TakesDetails {
  /** The customer cancels. */
  cancel(facts: EnrolmentFacts, input: CancellationInput): CancellationOutcome;
  /** The rule of the evidence step, cited when evidence arrives with no exemption awaiting it. */
  evidenceRuleId?: string;
  /** Step two of an exemption awaiting evidence: evidence arrived, or (null) the window passed. */
  decideEvidence?(
    facts: EnrolmentFacts,
    at: Instant,
    evidence: { receivedAt: Instant; kind: string } | null,
  ): DecidedAct & { outcome: 'confirmed' | 'lapsed' };
}

export interface ProviderCancellationAct {
  /** The provider cancels; everything paid comes back. */
  cancelByProvider(facts: EnrolmentFacts, cancelledAt: Instant): Decision;
}

export interface ForceMajeureInput {
  declaredAt: Instant;
  deliveredComponents: readonly string[];
  supplierCostsCents: Cents;
}

export interface ForceMajeureAct {
  declare(facts: EnrolmentFacts, input: ForceMajeureInput): DecidedAct;
}

// ---- withdrawal and returned materials --------------------------------------------------------

export interface WithdrawalInput {
  requestedAt: Instant;
  details?: ActDetails;
}

export interface WithdrawalAct extends TakesDetails {
  withdraw(facts: EnrolmentFacts, input: WithdrawalInput): DecidedAct & { materialsSent: boolean };
  /** Materials sent with a withdrawn agreement come back (or are refused). */
  returnMaterials?(
    facts: EnrolmentFacts,
    input: { receivedAt: Instant; originalState: boolean; valueReductionCents?: Cents; details?: ActDetails },
  ): DecidedAct;
  /** The book-specific details of a return (e.g. the return costs charged), validated before anything else. */
  returnDetailsSchema?: SchemaClass<object>;
}

// ---- reschedule, substitution ----------------------------------------------------------------

export interface RescheduleInput {
  requestedAt: Instant;
  newStartsAt: Instant;
  details?: ActDetails;
}

export interface RescheduleAct extends TakesDetails {
  reschedule(facts: EnrolmentFacts, input: RescheduleInput): DecidedAct;
}

export interface SubstitutionInput {
  requestedAt: Instant;
  substituteLearnerId: string;
  details?: ActDetails;
}

export interface SubstitutionAct extends TakesDetails {
  substitute(facts: EnrolmentFacts, input: SubstitutionInput): Decision;
}

// ---- termination -------------------------------------------------------------------------------

export interface TerminationAct extends TakesDetails {
  terminate(
    facts: EnrolmentFacts,
    input: { requestedAt: Instant; details?: ActDetails },
  ): DecidedAct & { noticeStart: LocalDate; effectiveEnd: LocalDate };
}

// ---- attendance, exams, certificates -----------------------------------------------------------

export const ATTENDANCE_STATUSES = ['attended', 'late', 'no-id', 'no-show', 'misconduct'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface AttendanceAct extends TakesDetails {
  record(
    facts: EnrolmentFacts,
    input: { at: Instant; status: AttendanceStatus; details?: ActDetails },
  ): { decision: Decision | null; admitted: boolean; newDateRequired: boolean; deliveryDeadline?: DeliveryDeadline };
}

export interface ExamResultInput {
  sittingAt: Instant;
  score: number;
  maxScore: number;
  identified: boolean;
  fraud: boolean;
  /** Correct answers required, when the result states it (else the offering's option). */
  passMark?: number;
  details?: ActDetails;
}

export interface ExamResultOutcome {
  /** A resit taken at this sitting was allowed (and what it costs). */
  resit?: DecidedAct;
  /** Every exam result is a recorded, recomputable decision. */
  result: Decision;
  passed: boolean;
  resitAllowed: boolean;
  /** The rule that allows or refuses a further resit. */
  resitRuleId: string | null;
  /** A resit granted after this sitting (recorded after the result). */
  resitGranted?: Decision;
}

export interface ExamResultAct extends TakesDetails {
  record(facts: EnrolmentFacts, attempt: number, input: ExamResultInput): ExamResultOutcome;
}

export interface CertificateAct {
  /** Whether the certificate may be issued now (`decision.allowed`), and what it waits for. */
  decide(facts: EnrolmentFacts, at: Instant): { decision: Decision; refusal?: { error: string; message: string } };
}

// ---- modules and documents -------------------------------------------------------------------

export interface ModulesAct {
  activate(facts: EnrolmentFacts, input: { moduleId: string; at: Instant; prerequisitesMet: boolean }): Decision;
}

export interface DocumentsAct {
  /** The rule that asks for the documents. */
  ruleId: string;
  /** Which bookings need documents, in words (for a refusal's message). */
  requiredFor: string;
  /** The document items the rulebook asks for. */
  items: readonly string[];
  /** Where the documents stand on a date: `allowed` when complete; `inputs.missing` lists the rest. */
  check(facts: EnrolmentFacts, at: Instant): Decision;
}

// ---- price changes ---------------------------------------------------------------------------

export interface PriceChangeFacts {
  changeId: string;
  changedAt: Instant;
  requiredByLaw: boolean;
  previousTotalNetCents: Cents;
  newTotalNetCents: Cents;
}

export interface PriceChangeAct {
  /** The rule under which a price change grants (or not) a right to dissolve the agreement. */
  dissolutionRuleId: string;
  apply(
    facts: EnrolmentFacts,
    change: PriceChangeFacts,
  ): { decision: Decision; dissolutionRight: boolean; surchargeCents: Cents };
}

/** The agreement as registered: what a decision recorded before a later reading may lack. */
export interface AgreementFacts {
  terms: OfferingTermsFacts;
  vatRateBasisPoints: number;
  customerKind: CustomerKind;
}

/** Every enrolment act a rulebook may implement (with those on a running agreement, agreement-acts.ts). */
export interface EnrolmentActs extends AgreementActs {
  offerings: OfferingCatalogue;
  /**
   * Facts of the agreement this book's decisions state since a later reading needed them (e.g. the
   * offering kind, net prices): what-if supplies them to decisions recorded before, never overriding
   * what a decision recorded.
   */
  recomputeFacts?(agreement: AgreementFacts): Record<string, JsonValue>;
  registration: RegistrationAct;
  cancellation: ActOf<CancellationAct>;
  providerCancellation: ActOf<ProviderCancellationAct>;
  forceMajeure: ActOf<ForceMajeureAct>;
  withdrawal: ActOf<WithdrawalAct>;
  reschedule: ActOf<RescheduleAct>;
  substitution: ActOf<SubstitutionAct>;
  termination: ActOf<TerminationAct>;
  attendance: ActOf<AttendanceAct>;
  examResult: ActOf<ExamResultAct>;
  certificate: ActOf<CertificateAct>;
  modules: ActOf<ModulesAct>;
  documents: ActOf<DocumentsAct>;
  priceChange: ActOf<PriceChangeAct>;
}
