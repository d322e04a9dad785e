/**
 * Events of one enrolment (stream `enrolment-<id>`): the booking, its invoices and payments
 * (billing events), and every decision the regulations took about it. A decision event carries
 * exactly one `decision`; billing events that follow it in the same command cite it by
 * `decisionRef` (`<streamId>@<revision>`, the decision event's place in the stream).
 */
import type { CustomerKind } from '../customer/events';
import type { BillingEvent } from '../billing/events';
import type { DomainEvent } from '../shared/decider';
import type { OfferingTerms } from '../offering/terms';
import type { AgreementEvent } from './agreement-events';
import {
  ATTENDANCE_STATUSES,
  CANCELLATION_REASONS,
  type AttendanceStatus,
  type CancellationReason,
  type Decision,
  type JsonValue,
  type RulebookRef,
} from '@ledger/regulations';

export const enrolmentStreamId = (enrolmentId: string): string => `enrolment-${enrolmentId}`;
export const ENROLMENT_STREAM_PREFIX = 'enrolment-';

/** The reference a billing event uses for the decision recorded at `revision` of the stream. */
export const decisionRef = (streamId: string, revision: number): string => `${streamId}@${revision}`;

export { ATTENDANCE_STATUSES, CANCELLATION_REASONS, type AttendanceStatus, type CancellationReason };
/** A document item the rulebook asks for (e.g. diplomas); the rulebook's documents act names them. */
export type MboItem = string;

type WithDecision<T> = T & { enrolmentId: string; decision: Decision };

/** The agreement: who, what (the offering's terms as sold), under which rulebook version. */
export type EnrolmentRegistered = DomainEvent<
  'EnrolmentRegistered',
  {
    enrolmentId: string;
    offeringId: string;
    learnerId: string;
    customerId: string;
    customerKind: CustomerKind;
    registeredAt: string;
    /** Rulebook version in force at registration (the agreement's terms). */
    rulebook: RulebookRef;
    terms: OfferingTerms;
    vatRateBasisPoints: number;
  }
>;

/** When the registration invoice is due, where the rulebook sets the payment term. */
export type PaymentTermDecided = DomainEvent<'PaymentTermDecided', WithDecision<{ dueDate: string }>>;
/** Which of the provider's entities invoices, at which VAT rate, where the rulebook decides it. */
export type VatRegimeDecided = DomainEvent<'VatRegimeDecided', WithDecision<{ vatRateBasisPoints: number }>>;
/** The first modules activated at the start of the service duration. */
export type ModulesActivatedAtStart = DomainEvent<
  'ModulesActivatedAtStart',
  WithDecision<{ moduleIds: string[]; serviceEndsOn: string }>
>;
/** Documents (e.g. diplomas) the learner must hand in, and by when. */
export type MboDataDeadlineSet = DomainEvent<'MboDataDeadlineSet', WithDecision<{ dataDueDate: string }>>;
export type MboDataReceived = DomainEvent<
  'MboDataReceived',
  { enrolmentId: string; items: MboItem[]; receivedOn: string }
>;
/** Every document is in; study and exams may go on. */
export type MboDataCompleted = DomainEvent<'MboDataCompleted', WithDecision<{ completedOn: string }>>;
/** The deadline passed with documents missing; study and exams are blocked. */
export type MboDataOverdue = DomainEvent<'MboDataOverdue', WithDecision<{ missing: MboItem[]; deadlineId: string }>>;

export type EnrolmentCancelled = DomainEvent<
  'EnrolmentCancelled',
  WithDecision<{
    requestedAt: string;
    reason: CancellationReason;
    /** A fee exemption awaits evidence until this date (inclusive): the fee is held, not charged; null otherwise. */
    pendingEvidenceUntil: string | null;
    /** What the rulebook decides the evidence step on, kept so step two uses exactly the same facts. */
    evidenceBasis: Record<string, JsonValue> | null;
  }>
>;
/** Step two of an exemption: evidence in time confirms it; otherwise (or none by the deadline) the fee is charged. */
export type CancellationEvidenceDecided = DomainEvent<
  'CancellationEvidenceDecided',
  WithDecision<{
    outcome: 'confirmed' | 'lapsed';
    evidenceReceivedAt: string | null;
    evidenceKind: string | null;
    deadlineId: string;
  }>
>;
/** The provider cancels; everything paid comes back. */
export type EnrolmentCancelledByProvider = DomainEvent<
  'EnrolmentCancelledByProvider',
  WithDecision<{ cancelledAt: string }>
>;
/** Withdrawal (herroeping) within a cooling-off period. */
export type EnrolmentWithdrawn = DomainEvent<
  'EnrolmentWithdrawn',
  WithDecision<{ requestedAt: string; materialsSent: boolean }>
>;
/** Materials sent with a withdrawn agreement came back; the refund falls due. */
export type WithdrawnMaterialsReturned = DomainEvent<
  'WithdrawnMaterialsReturned',
  WithDecision<{ receivedAt: string; originalState: boolean }>
>;
export type EnrolmentRescheduled = DomainEvent<
  'EnrolmentRescheduled',
  /** `decision` is null only in events recorded before every reschedule was a decision. */
  { enrolmentId: string; requestedAt: string; fromStartsAt: string; toStartsAt: string; decision: Decision | null }
>;
export type LearnerSubstituted = DomainEvent<
  'LearnerSubstituted',
  WithDecision<{ requestedAt: string; fromLearnerId: string; toLearnerId: string }>
>;
/** Early termination with its notice period. */
export type EnrolmentTerminated = DomainEvent<
  'EnrolmentTerminated',
  WithDecision<{ requestedAt: string; noticeStart: string; effectiveEnd: string }>
>;
export type AttendanceRecorded = DomainEvent<
  'AttendanceRecorded',
  {
    enrolmentId: string;
    at: string;
    status: AttendanceStatus;
    admitted: boolean;
    newDateRequired: boolean;
    decision: Decision | null;
  }
>;
/** A resit is allowed (and what it costs). */
export type ResitGranted = DomainEvent<'ResitGranted', WithDecision<{ attempt: number }>>;
export type ExamResultRecorded = DomainEvent<
  'ExamResultRecorded',
  {
    enrolmentId: string;
    sittingAt: string;
    attempt: number;
    score: number;
    maxScore: number;
    passed: boolean;
    fraud: boolean;
    resitAllowed: boolean;
    /** The rule that allows or refuses a further resit. */
    resitRuleId: string | null;
    /** null only in events recorded before every exam result was a decision. */
    decision: Decision | null;
  }
>;
/** Passed but unpaid: the certificate waits for payment. */
export type CertificateWithheld = DomainEvent<'CertificateWithheld', WithDecision<{ requestedAt: string }>>;
export type CertificateIssued = DomainEvent<'CertificateIssued', WithDecision<{ issuedAt: string }>>;
export type ModuleActivated = DomainEvent<'ModuleActivated', WithDecision<{ moduleId: string; at: string }>>;
export type ModuleCompleted = DomainEvent<'ModuleCompleted', { enrolmentId: string; moduleId: string; at: string }>;
/** What an offering's price change means for this agreement. */
export type PriceChangeApplied = DomainEvent<
  'PriceChangeApplied',
  WithDecision<{ changeId: string; dissolutionRight: boolean; surchargeCents: number }>
>;
/** The customer used a dissolution right a price change granted. */
export type EnrolmentDissolved = DomainEvent<
  'EnrolmentDissolved',
  { enrolmentId: string; requestedAt: string; changeId: string; ruleIds: string[]; priceChangeDecisionRef: string }
>;
/** Permanent force majeure: what is refunded. */
export type ForceMajeureRefundDecided = DomainEvent<'ForceMajeureRefundDecided', WithDecision<{ declaredAt: string }>>;
/** A refund entitlement passed its due date unpaid (fired by the scheduler). */
export type RefundBecameOverdue = DomainEvent<
  'RefundBecameOverdue',
  { enrolmentId: string; refundId: string; dueDate: string; outstandingCents: number }
>;

export type EnrolmentOwnEvent =
  | EnrolmentRegistered
  | PaymentTermDecided
  | VatRegimeDecided
  | ModulesActivatedAtStart
  | MboDataDeadlineSet
  | MboDataReceived
  | MboDataCompleted
  | MboDataOverdue
  | EnrolmentCancelled
  | CancellationEvidenceDecided
  | EnrolmentCancelledByProvider
  | EnrolmentWithdrawn
  | WithdrawnMaterialsReturned
  | EnrolmentRescheduled
  | LearnerSubstituted
  | EnrolmentTerminated
  | AttendanceRecorded
  | ResitGranted
  | ExamResultRecorded
  | CertificateWithheld
  | CertificateIssued
  | ModuleActivated
  | ModuleCompleted
  | PriceChangeApplied
  | EnrolmentDissolved
  | ForceMajeureRefundDecided
  | RefundBecameOverdue
  | AgreementEvent;

export type EnrolmentEvent = EnrolmentOwnEvent | BillingEvent;
export type * from './agreement-events';
