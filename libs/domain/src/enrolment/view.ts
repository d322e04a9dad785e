/**
 * GET /enrolments/{id}: the enrolment as it stood at a business time (`asOf`: events whose
 * `occurredAt` is not later) as the ledger knew it at a record time (`knownAt`: events recorded
 * by then). A pure fold of the stream; nothing is read from projections.
 */
import { compareInstants, type Decision } from '@ledger/regulations';
import { balanceCents, invoiceOutstandingCents } from '../billing/state';
import type { InvoiceIssued, RefundEntitlementGranted } from '../billing/events';
import type { EnrolmentEvent } from './events';
import { evolveEnrolment, initialEnrolmentState, type EnrolmentState } from './state';

export interface ViewSourceEvent {
  eventId: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string | undefined;
  recordedAt: string;
}

export interface EnrolmentTimeFilter {
  asOf?: string;
  knownAt?: string;
}

export function eventsAsOf<T extends ViewSourceEvent>(events: readonly T[], filter: EnrolmentTimeFilter): T[] {
  return events.filter(
    (e) =>
      (filter.knownAt === undefined || compareInstants(e.recordedAt, filter.knownAt) <= 0) &&
      (filter.asOf === undefined || e.occurredAt === undefined || compareInstants(e.occurredAt, filter.asOf) <= 0),
  );
}

export function enrolmentView(all: readonly ViewSourceEvent[], filter: EnrolmentTimeFilter = {}) {
  const events = eventsAsOf(all, filter).sort((a, b) => a.revision - b.revision);
  if (!events.some((e) => e.type === 'EnrolmentRegistered')) return null;
  const state: EnrolmentState = events.reduce(
    (s, e) => evolveEnrolment(s, { type: e.type, data: e.data } as EnrolmentEvent),
    initialEnrolmentState(),
  );
  const agreement = state.agreement!;
  const decisions = events
    .filter((e) => e.data['decision'])
    .map((e) => ({
      eventId: e.eventId,
      eventType: e.type,
      occurredAt: e.occurredAt ?? null,
      recordedAt: e.recordedAt,
      decision: e.data['decision'] as Decision,
    }));
  const invoices = events
    .filter((e) => e.type === 'InvoiceIssued')
    .map((e) => {
      const issued = e.data as InvoiceIssued['data'];
      const account = state.billing.invoices[issued.invoiceId]!;
      return {
        invoiceId: issued.invoiceId,
        reason: issued.reason,
        issuedOn: issued.issuedOn,
        dueDate: issued.dueDate,
        lines: issued.lines,
        netCents: issued.netCents,
        vatCents: issued.vatCents,
        totalCents: issued.totalCents,
        creditedCents: account.creditedCents,
        paidCents: account.paidCents,
        refundedCents: account.refundedCents,
        outstandingCents: invoiceOutstandingCents(account),
        ruleIds: issued.ruleIds,
      };
    });
  const refunds = events
    .filter((e) => e.type === 'RefundEntitlementGranted')
    .map((e) => {
      const granted = e.data as RefundEntitlementGranted['data'];
      const account = state.billing.refunds[granted.refundId]!;
      return {
        refundId: granted.refundId,
        amountCents: granted.amountCents,
        paidCents: account.paidCents,
        dueDate: granted.dueDate,
        reason: granted.reason,
        decisionId: resolveDecisionId(events, granted.decisionId),
        ruleIds: granted.ruleIds,
        overdue: state.overdueRefundIds.includes(granted.refundId),
      };
    });
  return {
    enrolmentId: agreement.enrolmentId,
    status: state.status,
    asOf: filter.asOf ?? null,
    knownAt: filter.knownAt ?? null,
    registeredAt: agreement.registeredAt,
    rulebook: agreement.rulebook,
    offering: { ...agreement.terms, startsAt: state.startsAt, originalStartsAt: agreement.terms.startsAt },
    learnerId: state.learnerId,
    customerId: agreement.customerId,
    customerKind: agreement.customerKind,
    vatRateBasisPoints: agreement.vatRateBasisPoints,
    invoices,
    refunds,
    balanceCents: balanceCents(state.billing),
    cancellation: state.cancellation && {
      reason: state.cancellation.reason,
      pendingEvidenceUntil: state.cancellation.pendingEvidenceUntil,
      evidence: state.cancellation.evidence,
    },
    withdrawal: state.withdrawal && {
      withdrawnAt: state.withdrawal.withdrawnOn,
      materialsSent: state.withdrawal.materialsSent,
      materialsReturned: state.withdrawal.materialsReturned,
    },
    attendance: state.attendance,
    rescheduled: state.rescheduled,
    examAttempts: state.examAttempts,
    certificate: state.certificate,
    modules: { active: state.activeModuleIds, activated: state.activatedModuleIds },
    mboData: state.documents,
    /** What the provider owes by a date (a result, a certificate, material), by label. */
    deliveries: state.deliveries,
    decisions,
    eventCount: events.length,
  };
}

export type EnrolmentView = NonNullable<ReturnType<typeof enrolmentView>>;

/** A billing event cites its decision as `<streamId>@<revision>`; the view answers with the decision's own id. */
function resolveDecisionId(events: readonly ViewSourceEvent[], ref: string | null): string | null {
  if (!ref) return null;
  const at = ref.lastIndexOf('@');
  const revision = Number(ref.slice(at + 1));
  const event = at > 0 ? events.find((e) => e.revision === revision) : undefined;
  const decision = event?.data['decision'] as { decisionId?: string } | undefined;
  return decision?.decisionId ?? event?.eventId ?? ref;
}
