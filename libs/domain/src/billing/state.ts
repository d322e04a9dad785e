/**
 * The money an aggregate owns: its invoices, credit notes, payments and refunds. Pure; folded by
 * the owning aggregate's evolve. Amounts are gross cents.
 */
import { assertCents } from '@ledger/regulations';
import { invariant } from '../shared/decider';
import type { BillingEvent } from './events';

export interface InvoiceAccount {
  invoiceId: string;
  reason: string;
  issuedOn: string;
  dueDate: string;
  netCents: number;
  vatCents: number;
  vatRateBasisPoints: number;
  totalCents: number;
  creditedCents: number;
  paidCents: number;
  /** Part of the payments granted back as refund entitlements. */
  refundedCents: number;
}

export interface RefundAccount {
  refundId: string;
  amountCents: number;
  paidCents: number;
  dueDate: string;
}

export interface BillingState {
  invoices: Record<string, InvoiceAccount>;
  /** Payment ids seen (including reversed ones: an id is never reused). */
  paymentIds: Record<string, { invoiceId: string; amountCents: number; reversed: boolean }>;
  refunds: Record<string, RefundAccount>;
  /** Counts of the maps above, kept so the next id costs O(1) on a participant with thousands of invoices. */
  invoiceCount: number;
  refundCount: number;
  creditNoteCount: number;
  /** Decisions of this stream corrected (DecisionCorrected): a decision is corrected once. */
  correctedDecisionIds: Record<string, true>;
}

export const initialBillingState = (): BillingState => ({
  invoices: {},
  paymentIds: {},
  refunds: {},
  invoiceCount: 0,
  refundCount: 0,
  creditNoteCount: 0,
  correctedDecisionIds: {},
});

/**
 * The billing state after the event, as a new state: the one given is left as it was (decide uses
 * it to see the state after an invoice it is about to issue). Copies the collections: O(invoices).
 */
export function evolveBilling(state: BillingState, event: BillingEvent): BillingState {
  return applyBillingEvent(
    {
      ...state,
      invoices: { ...state.invoices },
      paymentIds: { ...state.paymentIds },
      refunds: { ...state.refunds },
      correctedDecisionIds: { ...state.correctedDecisionIds },
    },
    event,
  );
}

/**
 * Applies the event to the state in place and returns it: O(1), for aggregates whose stream grows
 * long (a licence-holding participant's invoices). Entries are replaced, never changed, so a shallow copy of
 * the collections (evolveBilling) is a safe snapshot of the state before.
 */
export function applyBillingEvent(state: BillingState, event: BillingEvent): BillingState {
  switch (event.type) {
    case 'InvoiceIssued': {
      const d = event.data;
      invariant(!state.invoices[d.invoiceId], `invoice ${d.invoiceId} issued once`);
      assertCents(d.totalCents, 'invoice total');
      invariant(d.totalCents === d.netCents + d.vatCents, 'invoice gross = net + VAT');
      state.invoices[d.invoiceId] = {
        invoiceId: d.invoiceId,
        reason: d.reason,
        issuedOn: d.issuedOn,
        dueDate: d.dueDate,
        netCents: d.netCents,
        vatCents: d.vatCents,
        vatRateBasisPoints: d.lines[0]?.vatRateBasisPoints ?? 0,
        totalCents: d.totalCents,
        creditedCents: 0,
        paidCents: 0,
        refundedCents: 0,
      };
      state.invoiceCount += 1;
      return state;
    }
    case 'CreditNoteIssued': {
      const invoice = state.invoices[event.data.invoiceId];
      invariant(invoice, `credit note for known invoice ${event.data.invoiceId}`);
      const creditedCents = invoice.creditedCents + event.data.totalCents;
      invariant(creditedCents <= invoice.totalCents, 'credit never exceeds the invoice');
      state.creditNoteCount += 1;
      state.invoices[invoice.invoiceId] = { ...invoice, creditedCents };
      return state;
    }
    case 'PaymentReceived': {
      const invoice = state.invoices[event.data.invoiceId];
      invariant(invoice, `payment for known invoice ${event.data.invoiceId}`);
      invariant(event.data.amountCents > 0, 'payments are positive');
      state.invoices[invoice.invoiceId] = { ...invoice, paidCents: invoice.paidCents + event.data.amountCents };
      state.paymentIds[event.data.paymentId] = {
        invoiceId: invoice.invoiceId,
        amountCents: event.data.amountCents,
        reversed: false,
      };
      return state;
    }
    case 'PaymentReversed': {
      const payment = state.paymentIds[event.data.paymentId];
      invariant(payment && !payment.reversed, `reversal of a live payment ${event.data.paymentId}`);
      const invoice = state.invoices[payment.invoiceId]!;
      state.invoices[invoice.invoiceId] = { ...invoice, paidCents: invoice.paidCents - payment.amountCents };
      state.paymentIds[event.data.paymentId] = { ...payment, reversed: true };
      return state;
    }
    case 'RefundEntitlementGranted': {
      const d = event.data;
      invariant(!state.refunds[d.refundId], `refund ${d.refundId} granted once`);
      invariant(d.amountCents > 0, 'refund entitlements are positive');
      const invoice = d.invoiceId ? state.invoices[d.invoiceId] : undefined;
      invariant(!d.invoiceId || invoice, `refund against a known invoice ${d.invoiceId}`);
      if (invoice)
        state.invoices[invoice.invoiceId] = { ...invoice, refundedCents: invoice.refundedCents + d.amountCents };
      state.refunds[d.refundId] = {
        refundId: d.refundId,
        amountCents: d.amountCents,
        paidCents: 0,
        dueDate: d.dueDate,
      };
      state.refundCount += 1;
      return state;
    }
    case 'RefundPaid': {
      const refund = state.refunds[event.data.refundId];
      invariant(refund, `payout of a known refund ${event.data.refundId}`);
      const paidCents = refund.paidCents + event.data.amountCents;
      invariant(paidCents <= refund.amountCents, 'a refund is never paid out beyond its entitlement');
      state.refunds[refund.refundId] = { ...refund, paidCents };
      return state;
    }
    case 'DecisionCorrected': {
      const correctedId = event.data.correctedDecisionId;
      invariant(!state.correctedDecisionIds[correctedId], `decision ${correctedId} corrected once`);
      state.correctedDecisionIds[correctedId] = true;
      return state;
    }
  }
}

/** What the invoice still asks: total - credited - (paid - refunded); negative when overpaid and not yet granted back. */
export const invoiceOutstandingCents = (invoice: InvoiceAccount): number =>
  invoice.totalCents - invoice.creditedCents - invoice.paidCents + invoice.refundedCents;

export const totalInvoicedCents = (state: BillingState): number =>
  Object.values(state.invoices).reduce((sum, i) => sum + i.totalCents, 0);
export const totalPaidCents = (state: BillingState): number =>
  Object.values(state.invoices).reduce((sum, i) => sum + i.paidCents, 0);
export const totalCreditedCents = (state: BillingState): number =>
  Object.values(state.invoices).reduce((sum, i) => sum + i.creditedCents, 0);
export const totalRefundsGrantedCents = (state: BillingState): number =>
  Object.values(state.refunds).reduce((sum, r) => sum + r.amountCents, 0);

/** Net position: positive = the customer owes; negative = the ledger owes the customer. */
export function balanceCents(state: BillingState): number {
  // A refund entitlement classifies money the ledger already owes (a negative balance); paying it out
  // brings the balance back towards zero.
  const refundsPaid = Object.values(state.refunds).reduce((sum, r) => sum + r.paidCents, 0);
  return totalInvoicedCents(state) - totalCreditedCents(state) - totalPaidCents(state) + refundsPaid;
}

export function isFullyPaid(state: BillingState, invoiceIds?: readonly string[]): boolean {
  const invoices = invoiceIds
    ? invoiceIds.map((id) => state.invoices[id]).filter((i): i is InvoiceAccount => !!i)
    : Object.values(state.invoices);
  return invoices.every((invoice) => invoiceOutstandingCents(invoice) <= 0);
}
