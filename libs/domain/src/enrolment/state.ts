/**
 * What an enrolment must know to decide: the agreement it snapshotted, where it stands, its money
 * (billing), and the facts later rules need (reschedules, exam attempts, modules, MBO data).
 * Invariants here signal a corrupt log, never user input.
 */
import type { Decision, JsonValue, RulebookRef } from '@ledger/regulations';
import { evolveBilling, initialBillingState, type BillingState } from '../billing/state';
import { isBillingEvent } from '../billing/events';
import { invariant } from '../shared/decider';
import type { CustomerKind } from '../customer/events';
import type { OfferingTerms } from '../offering/terms';
import type { AttendanceStatus, CancellationReason, EnrolmentEvent } from './events';
import type { AgreementEvent } from './agreement-events';

export type EnrolmentStatus =
  | 'unknown'
  | 'active'
  | 'cancelled'
  | 'cancelled-by-provider'
  | 'withdrawn'
  | 'terminated'
  | 'dissolved'
  | 'ended-force-majeure';

export interface EnrolmentAgreement {
  enrolmentId: string;
  streamId: string;
  offeringId: string;
  customerId: string;
  customerKind: CustomerKind;
  registeredAt: string;
  rulebook: RulebookRef;
  terms: OfferingTerms;
  vatRateBasisPoints: number;
  registrationInvoiceId: string | null;
}

export interface ExamAttempt {
  attempt: number;
  sittingAt: string;
  passed: boolean;
  fraud: boolean;
  resitAllowed: boolean;
  resitRuleId: string | null;
}

export interface EnrolmentState {
  status: EnrolmentStatus;
  /** Events folded so far: the revision the next appended event gets. */
  eventCount: number;
  agreement: EnrolmentAgreement | null;
  learnerId: string | null;
  /** Current start of the dated part (moves with reschedules). */
  startsAt: string | null;
  /** The learner rescheduled before (some fee tables charge a second move in full). */
  rescheduled: boolean;
  /** Admission was refused; a new date must be booked. */
  newDateRequired: boolean;
  billing: BillingState;
  cancellation: {
    reason: CancellationReason;
    decisionRef: string;
    pendingEvidenceUntil: string | null;
    evidence: 'none' | 'pending' | 'confirmed' | 'lapsed';
    evidenceBasis: Record<string, JsonValue> | null;
  } | null;
  withdrawal: { withdrawnOn: string; materialsSent: boolean; materialsReturned: boolean; decision: Decision } | null;
  attendance: { status: AttendanceStatus; admitted: boolean } | null;
  examAttempts: ExamAttempt[];
  certificate: 'none' | 'withheld' | 'issued';
  activeModuleIds: string[];
  activatedModuleIds: string[];
  /** Documents the learner must hand in by a date. */
  documents: {
    dataDueDate: string;
    received: Record<string, string>;
    complete: boolean;
    overdue: boolean;
  } | null;
  priceChanges: Record<string, { dissolutionRight: boolean; decisionRef: string }>;
  overdueRefundIds: string[];
  /** Participants of a group agreement after its last change; null: as the offering states. */
  participants: number | null;
  /** The provider's obligations are suspended (for non-performance), citing the rules of its decision. */
  suspension: { since: string; ruleIds: string[] } | null;
  /** What the provider owes by a date, by the label the rulebook gave it. */
  deliveries: Record<string, DeliveryState>;
}

export interface DeliveryState {
  dueBy: string;
  deliveredAt: string | null;
  missed: boolean;
  dissolutionRight: boolean;
}

export const initialEnrolmentState = (): EnrolmentState => ({
  status: 'unknown',
  eventCount: 0,
  agreement: null,
  learnerId: null,
  startsAt: null,
  rescheduled: false,
  newDateRequired: false,
  billing: initialBillingState(),
  cancellation: null,
  withdrawal: null,
  attendance: null,
  examAttempts: [],
  certificate: 'none',
  activeModuleIds: [],
  activatedModuleIds: [],
  documents: null,
  priceChanges: {},
  overdueRefundIds: [],
  participants: null,
  suspension: null,
  deliveries: {},
});

/**
 * How later commands cite a decision recorded earlier: its id once the write path has assigned it
 * (every event read back from the store), else its place in the stream.
 */
const decisionIdOf = (state: EnrolmentState, decision: { decisionId?: string }): string =>
  decision.decisionId ?? `${state.agreement?.streamId}@${state.eventCount}`;

export function evolveEnrolment(state: EnrolmentState, event: EnrolmentEvent): EnrolmentState {
  const next = applyEvent(state, event);
  return { ...next, eventCount: state.eventCount + 1 };
}

function applyEvent(state: EnrolmentState, event: EnrolmentEvent): EnrolmentState {
  if (isBillingEvent(event)) {
    invariant(state.agreement, 'billing follows the registration');
    const billing = evolveBilling(state.billing, event);
    const agreement =
      event.type === 'InvoiceIssued' && event.data.reason === 'registration' && !state.agreement.registrationInvoiceId
        ? { ...state.agreement, registrationInvoiceId: event.data.invoiceId }
        : state.agreement;
    return { ...state, billing, agreement };
  }
  if (event.type !== 'EnrolmentRegistered') invariant(state.agreement, `${event.type} follows the registration`);
  switch (event.type) {
    case 'EnrolmentRegistered': {
      invariant(state.status === 'unknown', 'an enrolment is registered once');
      const d = event.data;
      return {
        ...state,
        status: 'active',
        agreement: {
          enrolmentId: d.enrolmentId,
          streamId: `enrolment-${d.enrolmentId}`,
          offeringId: d.offeringId,
          customerId: d.customerId,
          customerKind: d.customerKind,
          registeredAt: d.registeredAt,
          rulebook: d.rulebook,
          terms: d.terms,
          vatRateBasisPoints: d.vatRateBasisPoints,
          registrationInvoiceId: null,
        },
        learnerId: d.learnerId,
        startsAt: d.terms.startsAt,
      };
    }
    case 'PaymentTermDecided':
    case 'VatRegimeDecided':
    case 'ResitGranted':
      return state;
    case 'ForceMajeureRefundDecided':
      invariant(state.status === 'active', 'only an active enrolment ends by force majeure');
      return { ...state, status: 'ended-force-majeure' };
    case 'ModulesActivatedAtStart':
      return { ...state, activeModuleIds: event.data.moduleIds, activatedModuleIds: event.data.moduleIds };
    case 'MboDataDeadlineSet':
      return {
        ...state,
        documents: { dataDueDate: event.data.dataDueDate, received: {}, complete: false, overdue: false },
      };
    case 'MboDataReceived': {
      invariant(state.documents, 'documents follow their deadline');
      const received = { ...state.documents.received };
      for (const item of event.data.items) received[item] ??= event.data.receivedOn;
      return { ...state, documents: { ...state.documents, received } };
    }
    case 'MboDataCompleted':
      invariant(state.documents, 'documents follow their deadline');
      return { ...state, documents: { ...state.documents, complete: true } };
    case 'MboDataOverdue':
      invariant(state.documents, 'documents follow their deadline');
      return { ...state, documents: { ...state.documents, overdue: true } };
    case 'EnrolmentCancelled':
      invariant(state.status === 'active', 'only an active enrolment is cancelled');
      return {
        ...state,
        status: 'cancelled',
        cancellation: {
          reason: event.data.reason,
          decisionRef: decisionIdOf(state, event.data.decision),
          pendingEvidenceUntil: event.data.pendingEvidenceUntil,
          evidence: event.data.pendingEvidenceUntil ? 'pending' : 'none',
          evidenceBasis: event.data.evidenceBasis ?? null,
        },
      };
    case 'CancellationEvidenceDecided':
      invariant(state.cancellation?.evidence === 'pending', 'evidence is decided once, for a pending exemption');
      return { ...state, cancellation: { ...state.cancellation, evidence: event.data.outcome } };
    case 'EnrolmentCancelledByProvider':
      invariant(state.status === 'active', 'only an active enrolment is cancelled by the provider');
      return { ...state, status: 'cancelled-by-provider' };
    case 'EnrolmentWithdrawn':
      invariant(state.status === 'active', 'only an active enrolment is withdrawn');
      return {
        ...state,
        status: 'withdrawn',
        withdrawal: {
          withdrawnOn: event.data.requestedAt,
          materialsSent: event.data.materialsSent,
          materialsReturned: false,
          decision: event.data.decision,
        },
      };
    case 'WithdrawnMaterialsReturned':
      invariant(
        state.withdrawal?.materialsSent && !state.withdrawal.materialsReturned,
        'materials come back once, after a withdrawal',
      );
      return { ...state, withdrawal: { ...state.withdrawal, materialsReturned: true } };
    case 'EnrolmentRescheduled':
      invariant(state.status === 'active', 'only an active enrolment is rescheduled');
      return { ...state, startsAt: event.data.toStartsAt, rescheduled: true, newDateRequired: false, attendance: null };
    case 'LearnerSubstituted':
      return { ...state, learnerId: event.data.toLearnerId };
    case 'EnrolmentTerminated':
      invariant(state.status === 'active', 'only an active enrolment is terminated');
      return { ...state, status: 'terminated' };
    case 'AttendanceRecorded':
      return {
        ...state,
        attendance: { status: event.data.status, admitted: event.data.admitted },
        newDateRequired: event.data.newDateRequired,
      };
    case 'ExamResultRecorded': {
      const d = event.data;
      invariant(d.attempt === state.examAttempts.length + 1, 'exam attempts are numbered in order');
      const attempt: ExamAttempt = {
        attempt: d.attempt,
        sittingAt: d.sittingAt,
        passed: d.passed,
        fraud: d.fraud,
        resitAllowed: d.resitAllowed,
        resitRuleId: d.resitRuleId,
      };
      return { ...state, examAttempts: [...state.examAttempts, attempt] };
    }
    case 'CertificateWithheld':
      return { ...state, certificate: 'withheld' };
    case 'CertificateIssued':
      invariant(state.certificate !== 'issued', 'a certificate is issued once');
      return { ...delivered(state, CERTIFICATE_DELIVERABLE, event.data.issuedAt), certificate: 'issued' };
    case 'ModuleActivated':
      invariant(!state.activeModuleIds.includes(event.data.moduleId), 'a module is activated while inactive');
      return {
        ...state,
        activeModuleIds: [...state.activeModuleIds, event.data.moduleId],
        activatedModuleIds: state.activatedModuleIds.includes(event.data.moduleId)
          ? state.activatedModuleIds
          : [...state.activatedModuleIds, event.data.moduleId],
      };
    case 'ModuleCompleted':
      return { ...state, activeModuleIds: state.activeModuleIds.filter((m) => m !== event.data.moduleId) };
    case 'PriceChangeApplied':
      invariant(!state.priceChanges[event.data.changeId], 'a price change is applied once');
      return {
        ...state,
        priceChanges: {
          ...state.priceChanges,
          [event.data.changeId]: {
            dissolutionRight: event.data.dissolutionRight,
            decisionRef: decisionIdOf(state, event.data.decision),
          },
        },
      };
    case 'EnrolmentDissolved':
      invariant(state.status === 'active', 'only an active enrolment is dissolved');
      return { ...state, status: 'dissolved' };
    case 'RefundBecameOverdue':
      return { ...state, overdueRefundIds: [...state.overdueRefundIds, event.data.refundId] };
    default:
      return evolveAgreement(state, event);
  }
}

/**
 * The deliverable an issued certificate delivers: a rulebook that tracks a deadline for the
 * certificate gives it this label, so issuing the certificate meets it.
 */
export const CERTIFICATE_DELIVERABLE = 'certificate';

function delivered(state: EnrolmentState, deliverable: string, at: string): EnrolmentState {
  const pending = state.deliveries[deliverable];
  if (!pending || pending.deliveredAt !== null) return state;
  return { ...state, deliveries: { ...state.deliveries, [deliverable]: { ...pending, deliveredAt: at } } };
}

function evolveAgreement(state: EnrolmentState, event: AgreementEvent): EnrolmentState {
  switch (event.type) {
    case 'PaymentScheduleDecided':
      return state;
    case 'DeliveryDeadlineSet': {
      const { deliverable, dueBy } = event.data;
      const deadline: DeliveryState = { dueBy, deliveredAt: null, missed: false, dissolutionRight: false };
      return { ...state, deliveries: { ...state.deliveries, [deliverable]: deadline } };
    }
    case 'DeliveryRecorded':
      return delivered(state, event.data.deliverable, event.data.deliveredAt);
    case 'DeliveryDeadlineMissed': {
      const pending = state.deliveries[event.data.deliverable];
      invariant(pending && !pending.missed, 'a delivery deadline is missed once, after it was set');
      const missed = { ...pending, missed: true, dissolutionRight: event.data.dissolutionRight };
      return { ...state, deliveries: { ...state.deliveries, [event.data.deliverable]: missed } };
    }
    case 'EnrolmentDissolvedForLateDelivery':
    case 'EnrolmentDissolvedForNonPayment':
      invariant(state.status === 'active', 'only an active enrolment is dissolved');
      return { ...state, status: 'dissolved', suspension: null };
    case 'EnrolmentSuspended':
      invariant(state.suspension === null, 'a suspended enrolment is not suspended again');
      return { ...state, suspension: { since: event.data.suspendedAt, ruleIds: event.data.decision.ruleIds } };
    case 'EnrolmentResumed':
      invariant(state.suspension !== null, 'only a suspended enrolment resumes');
      return { ...state, suspension: null };
    case 'DateMovedForForceMajeure': {
      const { toStartsAt } = event.data;
      return toStartsAt === null
        ? { ...state, newDateRequired: true }
        : { ...state, startsAt: toStartsAt, newDateRequired: false, attendance: null };
    }
    case 'ParticipantCountChanged':
      return { ...state, participants: event.data.toParticipants };
  }
}
