/**
 * Commands of the enrolment decider. Each carries the business time of the act; the application
 * enriches RegisterEnrolment with the offering's terms and the customer's kind (read from their
 * streams), and ApplyPriceChange with the offering's recorded price change. Facts only one
 * rulebook asks for travel as `details`, which that rulebook's schema validates.
 */
import type { ActDetails } from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';
import type { OfferingTerms } from '../offering/terms';
import type { PriceChange } from '../offering/state';
import type { AttendanceStatus, CancellationReason } from './events';
import type { AgreementCommand } from './agreement-commands';

export type * from './agreement-commands';

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
  details?: ActDetails;
}

export interface SubmitCancellationEvidence extends Of<'SubmitCancellationEvidence'> {
  receivedAt: string;
  kind: string;
}

/** Fired by the scheduler when the evidence window of a fee exemption has passed. */
export interface LapseCancellationEvidence extends Of<'LapseCancellationEvidence'> {
  at: string;
  deadlineId: string;
}

export interface CancelByProvider extends Of<'CancelByProvider'> {
  cancelledAt: string;
}

export interface WithdrawEnrolment extends Of<'WithdrawEnrolment'> {
  requestedAt: string;
  details?: ActDetails;
}

export interface RecordMaterialsReturn extends Of<'RecordMaterialsReturn'> {
  receivedAt: string;
  originalState: boolean;
  valueReductionCents?: number;
  /** Book-specific facts of the return (validated by the withdrawal act's returnDetailsSchema). */
  details?: ActDetails;
}

export interface RescheduleEnrolment extends Of<'RescheduleEnrolment'> {
  requestedAt: string;
  newStartsAt: string;
  details?: ActDetails;
}

export interface SubstituteLearner extends Of<'SubstituteLearner'> {
  requestedAt: string;
  substituteLearnerId: string;
  details?: ActDetails;
}

export interface TerminateEnrolment extends Of<'TerminateEnrolment'> {
  requestedAt: string;
  details?: ActDetails;
}

export interface RecordAttendance extends Of<'RecordAttendance'> {
  at: string;
  status: AttendanceStatus;
  details?: ActDetails;
}

export interface RecordExamResult extends Of<'RecordExamResult'> {
  sittingAt: string;
  score: number;
  maxScore: number;
  identified: boolean;
  fraud?: boolean;
  /** Correct answers required; defaults to the offering's pass mark option. */
  passMark?: number;
  details?: ActDetails;
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
  items: string[];
}

/** Fired by the scheduler the day after the documents' due date. */
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
  deliveredComponents: string[];
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
  | MarkRefundOverdue
  | AgreementCommand;
