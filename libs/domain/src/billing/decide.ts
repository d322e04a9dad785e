/**
 * Money decisions every billing aggregate shares: issuing an invoice (VAT per line, half-up once),
 * recording a payment (overpayment becomes a refund entitlement), and crediting an invoice down
 * to a fee (the excess already paid becomes a refund entitlement).
 */
import { addDays, addVat, STATUTORY_REFUND_DUE_DAYS, toLocalDate, type RulebookId } from '@ledger/regulations';
import { DomainError } from '../shared/decider';
import type {
  BillingEvent,
  CreditNoteIssued,
  InvoiceIssued,
  InvoiceLine,
  InvoiceReason,
  PaymentReceived,
  RefundEntitlementGranted,
} from './events';
import { invoiceOutstandingCents, type BillingState } from './state';

export interface BillingParty {
  customerId: string;
  provider: RulebookId;
  ownerStreamId: string;
  enrolmentId?: string;
  participantId?: string;
}

export interface InvoiceRequest {
  invoiceId: string;
  reason: InvoiceReason;
  issuedOn: string;
  dueDate: string;
  lines: Array<{ description: string; kind: string; netCents: number }>;
  vatRateBasisPoints: number;
  decisionId?: string | null;
  ruleIds?: string[];
}

export function issueInvoice(party: BillingParty, request: InvoiceRequest): InvoiceIssued {
  if (request.lines.length === 0) throw new Error('an invoice has at least one line');
  const lines: InvoiceLine[] = request.lines.map((line) => {
    const { vatCents, grossCents } = addVat(line.netCents, request.vatRateBasisPoints);
    return { ...line, vatRateBasisPoints: request.vatRateBasisPoints, vatCents, grossCents };
  });
  const netCents = lines.reduce((sum, l) => sum + l.netCents, 0);
  const vatCents = lines.reduce((sum, l) => sum + l.vatCents, 0);
  return {
    type: 'InvoiceIssued',
    data: {
      invoiceId: request.invoiceId,
      customerId: party.customerId,
      provider: party.provider,
      ownerStreamId: party.ownerStreamId,
      reason: request.reason,
      issuedOn: request.issuedOn,
      dueDate: request.dueDate,
      lines,
      netCents,
      vatCents,
      totalCents: netCents + vatCents,
      decisionId: request.decisionId ?? null,
      ruleIds: request.ruleIds ?? [],
    },
  };
}

/** Sequential ids within the owning stream, so decide stays deterministic (no random ids). */
export const nextInvoiceId = (ownerId: string, state: BillingState): string =>
  `${ownerId}-INV-${state.invoiceCount + 1}`;
export const nextCreditNoteId = (ownerId: string, state: BillingState): string =>
  `${ownerId}-CN-${state.creditNoteCount + 1}`;
export const nextRefundId = (ownerId: string, state: BillingState, offset = 0): string =>
  `${ownerId}-RF-${state.refundCount + 1 + offset}`;

const OWNED_BILLING_ID = /^(.+)-(?:INV|RF)-[1-9][0-9]*$/;

/**
 * The stream that owns an invoice or a refund entitlement: its id is `<ownerStreamId>-INV-<n>` or
 * `<ownerStreamId>-RF-<n>` (nextInvoiceId, nextRefundId), so no directory is needed to find it.
 * Undefined for an id of another shape.
 */
export function billingOwnerStreamId(invoiceOrRefundId: string): string | undefined {
  return OWNED_BILLING_ID.exec(invoiceOrRefundId)?.[1];
}

export interface PaymentCommand {
  paymentId: string;
  invoiceId: string;
  amountCents: number;
  receivedAt: string;
}

/** Records a payment; the part beyond what the invoice still asks becomes a refund entitlement. */
export function decidePayment(
  state: BillingState,
  party: BillingParty,
  command: PaymentCommand,
  ownerId: string,
): BillingEvent[] {
  const invoice = state.invoices[command.invoiceId];
  if (!invoice)
    throw new DomainError('INVOICE_NOT_FOUND', 404, `Invoice ${command.invoiceId} is not one of ${ownerId}`);
  if (state.paymentIds[command.paymentId])
    throw new DomainError('PAYMENT_ID_EXISTS', 409, `Payment ${command.paymentId} is already recorded`);
  if (!Number.isSafeInteger(command.amountCents) || command.amountCents <= 0) {
    throw new DomainError('INVALID_AMOUNT', 422, 'A payment is a positive whole number of cents');
  }
  const payment: PaymentReceived = {
    type: 'PaymentReceived',
    data: {
      paymentId: command.paymentId,
      invoiceId: invoice.invoiceId,
      customerId: party.customerId,
      provider: party.provider,
      amountCents: command.amountCents,
      receivedAt: command.receivedAt,
    },
  };
  const stillAskedCents = Math.max(0, invoiceOutstandingCents(invoice));
  const excessCents = command.amountCents - stillAskedCents;
  if (excessCents <= 0) return [payment];
  return [
    payment,
    refundEntitlement(state, party, ownerId, {
      invoiceId: invoice.invoiceId,
      amountCents: excessCents,
      decidedOn: toLocalDate(command.receivedAt),
      reason: 'overpayment',
      decisionId: null,
      ruleIds: [],
    }),
  ];
}

export function refundEntitlement(
  state: BillingState,
  party: BillingParty,
  ownerId: string,
  refund: {
    invoiceId: string | null;
    amountCents: number;
    decidedOn: string;
    dueDate?: string;
    reason: string;
    decisionId: string | null;
    ruleIds: string[];
  },
): RefundEntitlementGranted {
  return {
    type: 'RefundEntitlementGranted',
    data: {
      refundId: nextRefundId(ownerId, state),
      customerId: party.customerId,
      provider: party.provider,
      enrolmentId: party.enrolmentId ?? null,
      participantId: party.participantId ?? null,
      invoiceId: refund.invoiceId,
      amountCents: refund.amountCents,
      dueDate: refund.dueDate ?? addDays(refund.decidedOn, STATUTORY_REFUND_DUE_DAYS),
      decisionId: refund.decisionId,
      reason: refund.reason,
      ruleIds: refund.ruleIds,
    },
  };
}

/**
 * Brings an invoice down to what a decision leaves chargeable (`chargeableNetCents`, VAT at the
 * invoice's rate): a credit note for the rest, and a refund entitlement for whatever was already
 * paid beyond the charge. Returns [] when nothing changes.
 */
export function creditDownTo(
  state: BillingState,
  party: BillingParty,
  ownerId: string,
  input: {
    invoiceId: string;
    chargeableNetCents: number;
    issuedOn: string;
    reason: string;
    decisionId: string | null;
    ruleIds: string[];
    refundDueDate?: string;
  },
): Array<CreditNoteIssued | RefundEntitlementGranted> {
  const invoice = state.invoices[input.invoiceId];
  if (!invoice) throw new DomainError('INVOICE_NOT_FOUND', 404, `Invoice ${input.invoiceId} is not one of ${ownerId}`);
  const chargeableNetCents = Math.min(input.chargeableNetCents, invoice.netCents);
  const chargeable = addVat(chargeableNetCents, invoice.vatRateBasisPoints);
  const creditTotalCents = invoice.totalCents - invoice.creditedCents - chargeable.grossCents;
  const events: Array<CreditNoteIssued | RefundEntitlementGranted> = [];
  if (creditTotalCents > 0) {
    const creditVatCents = Math.max(0, invoice.vatCents - chargeable.vatCents);
    events.push({
      type: 'CreditNoteIssued',
      data: {
        creditNoteId: nextCreditNoteId(ownerId, state),
        invoiceId: invoice.invoiceId,
        customerId: party.customerId,
        provider: party.provider,
        issuedOn: input.issuedOn,
        netCents: creditTotalCents - creditVatCents,
        vatCents: creditVatCents,
        totalCents: creditTotalCents,
        reason: input.reason,
        decisionId: input.decisionId,
        ruleIds: input.ruleIds,
      },
    });
  }
  // Still asked after the credit note is the chargeable gross; what was paid beyond it (and not yet
  // granted back) becomes a refund entitlement.
  const stillAskedCents = invoice.totalCents - invoice.creditedCents - Math.max(0, creditTotalCents);
  const overpaidCents = invoice.paidCents - invoice.refundedCents - stillAskedCents;
  if (overpaidCents > 0) {
    events.push(
      refundEntitlement(state, party, ownerId, {
        invoiceId: invoice.invoiceId,
        amountCents: overpaidCents,
        decidedOn: input.issuedOn,
        dueDate: input.refundDueDate,
        reason: input.reason,
        decisionId: input.decisionId,
        ruleIds: input.ruleIds,
      }),
    );
  }
  return events;
}
