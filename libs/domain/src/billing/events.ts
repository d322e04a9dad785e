/**
 * Money events, shared by every aggregate that bills (enrolment, participant). They live in the
 * owning aggregate's stream, so the invariants that need them (e.g. "fully paid" before a
 * reschedule) are enforced where the facts are; finance projections read the same shapes from
 * every stream.
 */
import type { Decision, RulebookId } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';

export interface InvoiceLine {
  description: string;
  /** Component or charge kind, e.g. 'classroom', 'licence-fee', 'tier-surcharge', 'reschedule-fee'. */
  kind: string;
  netCents: number;
  vatRateBasisPoints: number;
  vatCents: number;
  grossCents: number;
}

export type InvoiceReason =
  | 'registration'
  | 'reschedule-fee'
  | 'cancellation-fee'
  | 'licence-fee'
  | 'licence-renewal'
  | 'tier-surcharge'
  | 'resit-fee'
  | 'termination-charges'
  | 'decision-correction'
  | 'instalment'
  | 'participant-change'
  | 'extra-contribution'
  | 'other';

export type InvoiceIssued = DomainEvent<
  'InvoiceIssued',
  {
    invoiceId: string;
    customerId: string;
    provider: RulebookId;
    /** Stream that owns the invoice and takes its payments. */
    ownerStreamId: string;
    reason: InvoiceReason;
    issuedOn: string;
    dueDate: string;
    lines: InvoiceLine[];
    netCents: number;
    vatCents: number;
    totalCents: number;
    /** Decision that set the amount or due date, when the regulations decided it. */
    decisionId: string | null;
    ruleIds: string[];
  }
>;

/** Lowers what an invoice asks (a cancellation, withdrawal or termination); never edits the invoice. */
export type CreditNoteIssued = DomainEvent<
  'CreditNoteIssued',
  {
    creditNoteId: string;
    invoiceId: string;
    customerId: string;
    provider: RulebookId;
    issuedOn: string;
    netCents: number;
    vatCents: number;
    totalCents: number;
    reason: string;
    decisionId: string | null;
    ruleIds: string[];
  }
>;

export type PaymentReceived = DomainEvent<
  'PaymentReceived',
  {
    paymentId: string;
    invoiceId: string;
    customerId: string;
    provider: RulebookId;
    amountCents: number;
    receivedAt: string;
  }
>;

/** Corrections are new events: a payment recorded in error is reversed, never edited. */
export type PaymentReversed = DomainEvent<
  'PaymentReversed',
  { paymentId: string; invoiceId: string; customerId: string; amountCents: number; reversedAt: string; reason: string }
>;

export type RefundEntitlementGranted = DomainEvent<
  'RefundEntitlementGranted',
  {
    refundId: string;
    customerId: string;
    provider: RulebookId;
    enrolmentId: string | null;
    participantId: string | null;
    /** Invoice whose payments the refund returns (null for money not tied to one invoice). */
    invoiceId: string | null;
    amountCents: number;
    dueDate: string;
    decisionId: string | null;
    reason: string;
    ruleIds: string[];
  }
>;

export type RefundPaid = DomainEvent<
  'RefundPaid',
  { refundId: string; customerId: string; amountCents: number; paidAt: string; reference: string }
>;

/**
 * A recorded decision corrected under the version of a reading now in force (docs/decisions.md,
 * "Corrections"): the correcting decision (`decision`, recomputed from the corrected decision's
 * inputs) cites the decision it corrects; the money difference follows as a credit note (with a
 * refund entitlement for what was paid beyond it) or an extra invoice, in the same append.
 */
export type DecisionCorrected = DomainEvent<
  'DecisionCorrected',
  {
    correctedDecisionId: string;
    correctedKind: string;
    interpretationId: string;
    /** The version of the reading in force, under which the decision was recomputed. */
    interpretationVersion: number;
    /** The version the corrected decision was made under. */
    recordedVersion: number;
    customerId: string;
    reason: string;
    correctedAt: string;
    /** What the customer is charged more (positive) or less (negative), VAT included. */
    differenceCents: number;
    /** Money fields of both decisions that state a figure: recorded, recomputed and the difference. */
    money: Record<string, { recordedCents: number | null; recomputedCents: number | null }>;
    creditNoteIds: string[];
    invoiceId: string | null;
    refundId: string | null;
    decision: Decision;
  }
>;

export type BillingEvent =
  | InvoiceIssued
  | CreditNoteIssued
  | PaymentReceived
  | PaymentReversed
  | RefundEntitlementGranted
  | RefundPaid
  | DecisionCorrected;

export const BILLING_EVENT_TYPES: ReadonlySet<string> = new Set([
  'InvoiceIssued',
  'CreditNoteIssued',
  'PaymentReceived',
  'PaymentReversed',
  'RefundEntitlementGranted',
  'RefundPaid',
  'DecisionCorrected',
]);

export function isBillingEvent(event: DomainEvent): event is BillingEvent {
  return BILLING_EVENT_TYPES.has(event.type);
}
