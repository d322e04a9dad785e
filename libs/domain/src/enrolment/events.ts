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
import type { Decision, PlusportCancellationInput, RulebookRef } from '@ledger/regulations';

export const enrolmentStreamId = (enrolmentId: string): string => `enrolment-${enrolmentId}`;
export const ENROLMENT_STREAM_PREFIX = 'enrolment-';

/** The reference a billing event uses for the decision recorded at `revision` of the stream. */
export const decisionRef = (streamId: string, revision: number): string => `${streamId}@${revision}`;

export const CANCELLATION_REASONS = ['regular', 'illness', 'death', 'hospitalisation'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];
export const AFFECTED_PERSONS = ['learner', 'first-degree-relative'] as const;
export type AffectedPerson = (typeof AFFECTED_PERSONS)[number];
export const ATTENDANCE_STATUSES = ['attended', 'late', 'no-id', 'no-show', 'misconduct'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const MBO_ITEMS = ['diplomas', 'personalNumber', 'signedAgreement'] as const;
export type MboItem = (typeof MBO_ITEMS)[number];

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

/** PP-5.3 / EXC-10.3: when the registration invoice is due. */
export type PaymentTermDecided = DomainEvent<'PaymentTermDecided', WithDecision<{ dueDate: string }>>;
/** LOI-5.3-4: which LOI entity invoices, at which VAT rate. */
export type VatRegimeDecided = DomainEvent<'VatRegimeDecided', WithDecision<{ vatRateBasisPoints: number }>>;
/** LOI-10: the first modules activated at the start of the service duration. */
export type ModulesActivatedAtStart = DomainEvent<
  'ModulesActivatedAtStart',
  WithDecision<{ moduleIds: string[]; serviceEndsOn: string }>
>;
/** LOI-4: MBO data due date. */
export type MboDataDeadlineSet = DomainEvent<'MboDataDeadlineSet', WithDecision<{ dataDueDate: string }>>;
export type MboDataReceived = DomainEvent<
  'MboDataReceived',
  { enrolmentId: string; items: MboItem[]; receivedOn: string }
>;
/** LOI-4: every item is in; exams are allowed. */
export type MboDataCompleted = DomainEvent<'MboDataCompleted', WithDecision<{ completedOn: string }>>;
/** LOI-4: the deadline passed with items missing; study and exams are blocked. */
export type MboDataOverdue = DomainEvent<'MboDataOverdue', WithDecision<{ missing: MboItem[]; deadlineId: string }>>;

export type EnrolmentCancelled = DomainEvent<
  'EnrolmentCancelled',
  WithDecision<{
    requestedAt: string;
    reason: CancellationReason;
    /** PP-15.6 step 1: the table fee is held until this date (inclusive) for evidence; null otherwise. */
    pendingEvidenceUntil: string | null;
    /** PlusPort: the rulebook input, kept so PP-15.6 step 2 decides on exactly the same facts. */
    plusportCancellation: PlusportCancellationInput | null;
  }>
>;
/** PP-15.6 step 2: evidence in time confirms the exemption; otherwise (or none by the deadline) the table fee is charged. */
export type CancellationEvidenceDecided = DomainEvent<
  'CancellationEvidenceDecided',
  WithDecision<{
    outcome: 'confirmed' | 'lapsed';
    evidenceReceivedAt: string | null;
    evidenceKind: string | null;
    deadlineId: string;
  }>
>;
/** PP-15.1 / EXC-4.9: the provider cancels; everything paid comes back. */
export type EnrolmentCancelledByProvider = DomainEvent<
  'EnrolmentCancelledByProvider',
  WithDecision<{ cancelledAt: string }>
>;
/** LOI-7.1 / EXC-4.2 / EXC-4.5: withdrawal (herroeping). */
export type EnrolmentWithdrawn = DomainEvent<
  'EnrolmentWithdrawn',
  WithDecision<{ requestedAt: string; materialsSent: boolean }>
>;
/** LOI-7.3 / LOI-7.4: the materials came back; the refund falls due. */
export type WithdrawnMaterialsReturned = DomainEvent<
  'WithdrawnMaterialsReturned',
  WithDecision<{ receivedAt: string; originalState: boolean }>
>;
export type EnrolmentRescheduled = DomainEvent<
  'EnrolmentRescheduled',
  { enrolmentId: string; requestedAt: string; fromStartsAt: string; toStartsAt: string; decision: Decision | null }
>;
export type LearnerSubstituted = DomainEvent<
  'LearnerSubstituted',
  WithDecision<{ requestedAt: string; fromLearnerId: string; toLearnerId: string }>
>;
/** LOI-12: early termination with its notice period. */
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
/** VLI-4.3b / EXC-8.2: a resit is allowed (and what it costs). */
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
    /** The rule that allows or refuses a resit (VLI-4.3b, VLI-4.3c, EXC-8.2, LOI-11, ...). */
    resitRuleId: string | null;
    decision: Decision | null;
  }
>;
/** PP-13.6: passed but unpaid: the certificate waits for payment. */
export type CertificateWithheld = DomainEvent<'CertificateWithheld', WithDecision<{ requestedAt: string }>>;
export type CertificateIssued = DomainEvent<'CertificateIssued', WithDecision<{ issuedAt: string }>>;
export type ModuleActivated = DomainEvent<'ModuleActivated', WithDecision<{ moduleId: string; at: string }>>;
export type ModuleCompleted = DomainEvent<'ModuleCompleted', { enrolmentId: string; moduleId: string; at: string }>;
/** PP-5.2 / EXC-7.1-2: what an offering's price change means for this agreement. */
export type PriceChangeApplied = DomainEvent<
  'PriceChangeApplied',
  WithDecision<{ changeId: string; dissolutionRight: boolean; surchargeCents: number }>
>;
/** The customer used a dissolution right a price change granted (PP-5.2, EXC-7.1-2). */
export type EnrolmentDissolved = DomainEvent<
  'EnrolmentDissolved',
  { enrolmentId: string; requestedAt: string; changeId: string; ruleIds: string[]; priceChangeDecisionRef: string }
>;
/** PP-7.3: permanent force majeure. */
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
  | RefundBecameOverdue;

export type EnrolmentEvent = EnrolmentOwnEvent | BillingEvent;
