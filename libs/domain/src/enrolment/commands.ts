/**
 * Commands of the enrolment decider. Each carries the business time of the act; the API enriches
 * RegisterEnrolment with the offering's terms and the customer's kind (read from their streams),
 * and ApplyPriceChange with the offering's recorded price change.
 */
import type { CustomerKind } from '../customer/events';
import type { OfferingTerms } from '../offering/terms';
import type { PriceChange } from '../offering/state';
import type { AffectedPerson, AttendanceStatus, CancellationReason, MboItem } from './events';
import type { ComponentKind } from '../offering/terms';

interface Of<T extends string> {
  type: T;
  enrolmentId: string;
}

export interface RegisterEnrolment extends Of<'RegisterEnrolment'> {
  offeringId: string;
  learnerId: string;
  customerId: string;
  customerKind: CustomerKind;
  registeredAt: string;
  terms: OfferingTerms;
}

/** The shape POST /payments routes to the stream owning the invoice (feature-slice guide). */
export interface RecordPayment extends Of<'RecordPayment'> {
  paymentId: string;
  invoiceId: string;
  amountCents: number;
  receivedAt: string;
}

export interface CancelEnrolment extends Of<'CancelEnrolment'> {
  requestedAt: string;
  reason: CancellationReason;
  affectedPerson?: AffectedPerson;
  eLearningStarted?: boolean;
  textbookSent?: boolean;
  textbookReturnedUnused?: boolean;
  /** EXC-4.4: when the e-learning login credentials were issued, if they were. */
  credentialsIssuedAt?: string;
  /** EXC-4.5: when ordered course material arrived, if it did. */
  materialReceivedOn?: string;
}

export interface SubmitCancellationEvidence extends Of<'SubmitCancellationEvidence'> {
  receivedAt: string;
  kind: string;
}

/** Fired by the scheduler when the PP-15.6 evidence window has passed. */
export interface LapseCancellationEvidence extends Of<'LapseCancellationEvidence'> {
  at: string;
  deadlineId: string;
}

export interface CancelByProvider extends Of<'CancelByProvider'> {
  cancelledAt: string;
}

export interface WithdrawEnrolment extends Of<'WithdrawEnrolment'> {
  requestedAt: string;
  /** LOI-7.3: course materials were sent and must come back; default: the offering has a material component. */
  materialsSent?: boolean;
}

export interface RecordMaterialsReturn extends Of<'RecordMaterialsReturn'> {
  receivedAt: string;
  originalState: boolean;
  valueReductionCents?: number;
}

export interface RescheduleEnrolment extends Of<'RescheduleEnrolment'> {
  requestedAt: string;
  newStartsAt: string;
}

export interface SubstituteLearner extends Of<'SubstituteLearner'> {
  requestedAt: string;
  substituteLearnerId: string;
  colleaguePassedOnlineTheoryExam?: boolean;
}

export interface TerminateEnrolment extends Of<'TerminateEnrolment'> {
  requestedAt: string;
}

export interface RecordAttendance extends Of<'RecordAttendance'> {
  at: string;
  status: AttendanceStatus;
  /** VLI-2.1: a valid VOG was shown (security courses). */
  vogValid?: boolean;
}

export interface RecordExamResult extends Of<'RecordExamResult'> {
  sittingAt: string;
  score: number;
  maxScore: number;
  identified: boolean;
  fraud?: boolean;
  learnerAtERecognitionHolder?: boolean;
  /** Correct answers required; defaults to the offering's `examPassMark` (PP-13.2-3). */
  passMark?: number;
  /** PP-13.2-3 practical-session course conditions. */
  onlineTrainingCompleted?: boolean;
  onlineTheoryExamPassed?: boolean;
  practicalExercisesPassed?: boolean;
  declaredCompetent?: boolean;
}

export interface RequestCertificate extends Of<'RequestCertificate'> {
  requestedAt: string;
}

export interface ActivateModule extends Of<'ActivateModule'> {
  moduleId: string;
  at: string;
  prerequisitesMet?: boolean;
}

export interface CompleteModule extends Of<'CompleteModule'> {
  moduleId: string;
  at: string;
}

export interface ReceiveMboData extends Of<'ReceiveMboData'> {
  receivedAt: string;
  items: MboItem[];
}

/** Fired by the scheduler the day after the LOI-4 data due date. */
export interface CheckMboData extends Of<'CheckMboData'> {
  at: string;
  deadlineId: string;
}

export interface ApplyPriceChange extends Of<'ApplyPriceChange'> {
  change: PriceChange;
  appliedAt: string;
}

export interface DissolveEnrolment extends Of<'DissolveEnrolment'> {
  requestedAt: string;
  changeId: string;
}

export interface DeclareForceMajeure extends Of<'DeclareForceMajeure'> {
  declaredAt: string;
  deliveredComponents: ComponentKind[];
  supplierCostsCents: number;
}

/** Fired by the scheduler the day after a refund's due date. */
export interface MarkRefundOverdue extends Of<'MarkRefundOverdue'> {
  refundId: string;
  at: string;
}

export type EnrolmentCommand =
  | RegisterEnrolment
  | RecordPayment
  | CancelEnrolment
  | SubmitCancellationEvidence
  | LapseCancellationEvidence
  | CancelByProvider
  | WithdrawEnrolment
  | RecordMaterialsReturn
  | RescheduleEnrolment
  | SubstituteLearner
  | TerminateEnrolment
  | RecordAttendance
  | RecordExamResult
  | RequestCertificate
  | ActivateModule
  | CompleteModule
  | ReceiveMboData
  | CheckMboData
  | ApplyPriceChange
  | DissolveEnrolment
  | DeclareForceMajeure
  | MarkRefundOverdue;
