/**
 * PlusPort rulebook (docs/regulations.md §2, seed 001): data shape and decision input types.
 *
 * Every exported name carries a `Plusport`/`PLUSPORT` prefix because rulebooks/index.ts re-exports
 * all rulebooks with `export *` and a duplicate name would break the build.
 */
import type { Instant, LocalDate } from '../../../calendar';
import type { Cents } from '../../../money';
import type { Decision } from '../../../decision';
import type { Readings } from '../../../contract/readings';

/** Price components of a PlusPort booking (docs/api.md). */
export const PLUSPORT_COMPONENT_KINDS = ['e-learning', 'exam', 'practical-session', 'classroom', 'textbook'] as const;
export type PlusportComponentKind = (typeof PLUSPORT_COMPONENT_KINDS)[number];

/** Offering kinds PlusPort sells (docs/api.md); PP-I19 tells the Praktijkopleiding apart. */
export const PLUSPORT_OFFERING_KINDS = [
  'e-learning',
  'package-exam',
  'package-practical',
  'practical-training',
  'classroom',
  'book-exam',
  'exam',
] as const;
export type PlusportOfferingKind = (typeof PLUSPORT_OFFERING_KINDS)[number];

/** Components that take place on a date (a session or sitting); their fee depends on wdBefore. */
export const PLUSPORT_DATED_COMPONENT_KINDS = ['exam', 'practical-session', 'classroom'] as const;
export type PlusportDatedComponentKind = (typeof PLUSPORT_DATED_COMPONENT_KINDS)[number];

export const PLUSPORT_CANCELLATION_REASONS = ['regular', 'illness', 'death', 'hospitalisation'] as const;
export type PlusportCancellationReason = (typeof PLUSPORT_CANCELLATION_REASONS)[number];

/** Whose death, hospitalisation or sickness (art. 15.5 footnotes: "persoonlijk of eerste graad"). */
export const PLUSPORT_AFFECTED_PERSONS = ['learner', 'first-degree-relative'] as const;
export type PlusportAffectedPerson = (typeof PLUSPORT_AFFECTED_PERSONS)[number];

// ---------------------------------------------------------------------------------------------
// Rulebook data (versioned; a later version changes these, never the code)
// ---------------------------------------------------------------------------------------------

/** A timing band: applies when `wdBefore >= minWorkingDaysBefore` (first match, highest first). */
export interface PlusportFeeBand {
  minWorkingDaysBefore: number;
  feeBasisPoints: number;
}

/**
 * A reschedule band. `allowed: false` refuses the reschedule; otherwise the fee is `feeCents`
 * (a fixed amount) or `feeBasisPoints` of the component price (0 when neither is given).
 */
export interface PlusportRescheduleBand {
  minWorkingDaysBefore: number;
  allowed: boolean;
  feeCents?: Cents;
  feeBasisPoints?: number;
}

export interface PlusportRescheduleTable {
  /** Highest `minWorkingDaysBefore` first; the last band must have `minWorkingDaysBefore: 0`. */
  bands: PlusportRescheduleBand[];
  /** Overrides the bands when the request falls on the session's own date (before its start). */
  onTheDay?: PlusportRescheduleBand;
  /** New date must fall on or before original date + this many calendar months (PP-14.5). */
  newDateWithinMonths?: number;
  /** The new date must be given in the request (PP-14.5). */
  newDateRequired?: boolean;
}

export interface PlusportData {
  cancellation: {
    /** PP-15.5-EL with INTERP PP-I1 / PP-I3. */
    eLearning: {
      /** Free (if not started) while fewer than this many working days have passed since purchase. */
      freeWhileWorkingDaysAfterPurchaseBelow: number;
      notStartedWithinWindowFeeBasisPoints: number;
      startedFeeBasisPoints: number;
      afterWindowFeeBasisPoints: number;
    };
    /** PP-15.5-EX / PS / CLS timing bands per dated component. */
    bands: Record<PlusportDatedComponentKind, PlusportFeeBand[]>;
    /** PP-15.5-BOOK. */
    textbook: { returnedUnusedFeeBasisPoints: number; otherwiseFeeBasisPoints: number; notSentFeeBasisPoints: number };
    /** PP-15.5-RS and the components it covers (INTERP PP-I6). */
    previouslyRescheduled: { feeBasisPoints: number; appliesTo: PlusportDatedComponentKind[] };
    /** PP-15.2 / PP-15.5-LATE: after start, late, no-show. */
    noShowFeeBasisPoints: number;
  };
  /** PP-15.6. */
  exemption: {
    exemptComponents: PlusportComponentKind[];
    /** Which persons' circumstances qualify, per reason. */
    qualifyingPersons: Record<Exclude<PlusportCancellationReason, 'regular'>, PlusportAffectedPerson[]>;
    evidenceWindowCalendarDays: number;
  };
  /** PP-14.4 (exam), PP-14.5 (practical session). Classroom via PP-14.6 uses the cancellation bands. */
  reschedule: {
    exam: PlusportRescheduleTable;
    'practical-session': PlusportRescheduleTable;
  };
  /** PP-7.3. */
  forceMajeure: { retentionBasisPoints: number };
  /** PP-5.2. */
  priceChange: { thresholdBasisPoints: number; windowMonths: number };
  /** PP-16.5. */
  complaints: { windowCalendarDays: number; answerWorkingDays: number };
  /** PP-13.4-5: working days for the written result after the sitting, and for the certificate after it. */
  deliveries: { resultWorkingDays: number; certificateWorkingDays: number };
  /** INTERP ids this version cites (ids are data so a renumbering is one edit). */
  interpretations: Record<PlusportInterpretationKey, string>;
}

export type PlusportInterpretationKey =
  | 'eLearningColumns'
  | 'oneComponentTable'
  | 'eLearningWorkingDayCount'
  | 'evidenceWindow'
  | 'perComponentStart'
  | 'previouslyRescheduledScope'
  | 'vatOnFees'
  | 'rescheduleNonWorkingDayBefore'
  | 'rescheduleWindow'
  | 'rescheduleScope'
  | 'dueDate'
  | 'forceMajeureProRata'
  | 'priceChangeWindow'
  | 'complaintWindows'
  | 'colleagueSwap'
  | 'textbookNotSent'
  | 'suspensionWhileUnpaid';

// ---------------------------------------------------------------------------------------------
// Offering-specific terms (PP-14.7 / 15.7): recorded in the decision's inputs so it recomputes.
// ---------------------------------------------------------------------------------------------

export interface PlusportCustomTerms {
  /** The quote or confirmation the terms come from. */
  quoteRef?: string;
  /** Replaces the rulebook's PP-15.5 timing bands for the components given (PP-15.7). */
  cancellationBands?: Partial<Record<PlusportDatedComponentKind, PlusportFeeBand[]>>;
  /** Replaces the rulebook's reschedule table for the components given (PP-14.7). */
  rescheduleBands?: Partial<Record<PlusportDatedComponentKind, PlusportRescheduleBand[]>>;
}

// ---------------------------------------------------------------------------------------------
// Decision inputs
// ---------------------------------------------------------------------------------------------

export interface PlusportBookingComponent {
  kind: PlusportComponentKind;
  /** Net price (excl. VAT) of this component. */
  priceCents: Cents;
  /** Start of this component's session or sitting, when it differs from the booking's `startsAt`. */
  startsAt?: Instant;
  /** This session was rescheduled before at the learner's request (PP-15.5-RS). Overrides the booking flag. */
  previouslyRescheduled?: boolean;
}

/** Kind `cancellation-fee`: the customer cancels (PP-15.2, PP-15.5-*, PP-15.6 step 1, PP-15.7). */
export interface PlusportCancellationInput {
  /** Purchase = registration (INTERP PP-I1). */
  registeredAt: Instant | LocalDate;
  /** When PlusPort (or its answering service) received the cancellation. */
  requestedAt: Instant;
  /** Start of the booking's dated components (an instant; a bare date means 00:00 Amsterdam). */
  startsAt?: Instant;
  components: PlusportBookingComponent[];
  /** Gross amount (incl. VAT) paid for the booking so far. */
  paidCents: Cents;
  reason: PlusportCancellationReason;
  /** Default `learner`. */
  affectedPerson?: PlusportAffectedPerson;
  /** Default false. */
  eLearningStarted?: boolean;
  /** Default true: the textbook was sent beforehand. */
  textbookSent?: boolean;
  /** Default false: PlusPort received the textbook back unused and undamaged. */
  textbookReturnedUnused?: boolean;
  /** Default false: the learner rescheduled this booking's session before (PP-15.5-RS). */
  previouslyRescheduled?: boolean;
  customTerms?: PlusportCustomTerms;
  /**
   * The offering's kind. PP-I19 version 2 needs it when the booking has e-learning: in a
   * Praktijkopleiding (`practical-training`) the e-learning is an extra service without cost.
   */
  offeringKind?: PlusportOfferingKind;
  /**
   * New decisions: readings to pin (default the current version of each). As the `cancellation`
   * of a PP-15.6 step 2: the readings the cancellation decision recorded (`inputs.readings`);
   * absent for a cancellation recorded before readings existed (version 1 of each).
   */
  readings?: Readings;
}

/** Kind `cancellation-evidence`: PP-15.6 step 2 (evidence in time -> confirmed; else table fee). */
export interface PlusportCancellationEvidenceInput {
  cancellation: PlusportCancellationInput;
  /** When the death notice / hospital confirmation / doctor's statement arrived; absent when none did. */
  evidenceReceivedAt?: Instant;
  /** Free text or a code, recorded as given (e.g. `medical-certificate`). */
  evidenceKind?: string;
  /** When the decision is taken (the evidence's arrival, or the scheduler firing the deadline). Defaults to `evidenceReceivedAt`. */
  decidedAt?: Instant;
}

/** Readings a new decision pins (default: the current version of each reading it depends on). */
export interface PlusportReadingsRequest {
  readings?: Readings;
}

export interface PlusportRescheduleInput extends PlusportReadingsRequest {
  component: PlusportDatedComponentKind;
  /** Net price of the session being moved (the "100 %" of PP-14.5 and the PP-14.6 table base). */
  componentPriceCents: Cents;
  startsAt: Instant;
  requestedAt: Instant;
  newStartsAt?: Instant;
  /** Gross invoice total of the booking and the gross amount paid (PP-14.1-3 "fully paid"). */
  invoiceTotalCents: Cents;
  paidCents: Cents;
  /** Offering option for classroom ATEX / NEN 1010 / NEN 3140 / VCA (PP-14.6). Default false. */
  rescheduleAsCancellation?: boolean;
  /** The learner rescheduled this session before (matters for PP-14.6 via PP-15.5-RS). Default false. */
  previouslyRescheduled?: boolean;
  customTerms?: PlusportCustomTerms;
}

/** Kind `colleague-swap`: a colleague takes the learner's practical-session place (PP-14.5). */
export interface PlusportColleagueSwapInput extends PlusportReadingsRequest {
  requestedAt: Instant;
  startsAt: Instant;
  requiresProofOfParticipation: boolean;
  /** Required when proof of participation is required. */
  colleaguePassedOnlineTheoryExam?: boolean;
}

/** Kind `provider-cancellation` (PP-15.1). */
export interface PlusportProviderCancellationInput extends PlusportReadingsRequest {
  cancelledAt: Instant;
  paidCents: Cents;
}

/** Kind `force-majeure-refund` (PP-7.3). */
export interface PlusportForceMajeureInput extends PlusportReadingsRequest {
  declaredAt: Instant;
  components: { kind: PlusportComponentKind; priceCents: Cents; delivered: boolean }[];
  /** Gross total invoice value. */
  invoiceTotalCents: Cents;
  paidCents: Cents;
  /** Costs the exam supplier charges PlusPort; default 0. */
  supplierCostsCents?: Cents;
}

/** Kind `price-change` (PP-5.2). */
export interface PlusportPriceChangeInput {
  /** When the agreement came about (the registration). */
  agreementAt: Instant | LocalDate;
  /** When the price adjustment takes effect. */
  changedAt: Instant | LocalDate;
  oldPriceCents: Cents;
  newPriceCents: Cents;
}

/** Kind `invoice-due-date` (PP-5.3). */
export interface PlusportInvoiceDueDateInput {
  invoiceDate: LocalDate;
  /** Start of the course; absent for e-learning only (access starts at once). */
  startsAt?: Instant;
}

export const PLUSPORT_CUSTOMER_KINDS = ['consumer', 'business'] as const;
export type PlusportCustomerKind = (typeof PLUSPORT_CUSTOMER_KINDS)[number];

/** Kind `late-payment` (PP-5.4). */
export interface PlusportLatePaymentInput {
  /** Last day on which payment was on time (the `dueDate` of the PP-5.3 decision). */
  dueDate: LocalDate;
  asOf: Instant | LocalDate;
  outstandingCents: Cents;
  customerKind: PlusportCustomerKind;
}

/** Kind `delivery-suspension` (PP-5.7). */
export interface PlusportSuspensionInput {
  asOf: Instant | LocalDate;
  outstandingCents: Cents;
}

export const PLUSPORT_ATTENDANCE_STATUSES = ['attended', 'late', 'no-id', 'no-show'] as const;
export type PlusportAttendanceStatus = (typeof PLUSPORT_ATTENDANCE_STATUSES)[number];

/** Kind `attendance` (PP-8.2-3, PP-15.5-LATE). */
export interface PlusportAttendanceInput extends PlusportReadingsRequest {
  at: Instant;
  component: PlusportDatedComponentKind;
  componentPriceCents: Cents;
  /** `late` = arrived after the start and refused (art. 10); admitted late learners are `attended`. */
  status: PlusportAttendanceStatus;
}

/** Kind `exam-result` (PP-13.2-3). */
export type PlusportExamResultInput =
  | {
      course: 'exam';
      sittingAt: Instant;
      identified: boolean;
      /** Correct answers. */
      score: number;
      maxScore: number;
      /** The prescribed minimum number of correct answers. */
      passMark: number;
      /** Caught cheating (art. 12.12). Default false. */
      fraud?: boolean;
      /** Declared invalid on another art. 12 ground (devices, leaving the room, ...). Default false. */
      invalidated?: boolean;
    }
  | {
      course: 'practical-session-course';
      sittingAt: Instant;
      identified: boolean;
      onlineTrainingCompleted: boolean;
      onlineTheoryExamPassed: boolean;
      practicalExercisesPassed: boolean;
      declaredCompetent: boolean;
    };

export interface PlusportExamResultDecision extends Decision {
  passed: boolean;
}

/** Kind `certificate` (PP-13.6). */
export interface PlusportCertificateInput {
  asOf: Instant | LocalDate;
  passed: boolean;
  invoiceTotalCents: Cents;
  paidCents: Cents;
}

/** Kind `complaint` (PP-16.5). */
export interface PlusportComplaintInput {
  /** When the course was carried out (its last day). */
  courseEndedAt: Instant | LocalDate;
  receivedAt: Instant | LocalDate;
}
