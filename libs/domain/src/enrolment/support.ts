/**
 * What every enrolment decision shares: a batch that evolves the state as events are added (so
 * ids and figures of later events see earlier ones), guards, rulebook look-up, and money helpers
 * on top of libs/domain/src/billing.
 */
import {
  addVat,
  compareInstants,
  percentOf,
  prorate,
  toLocalDate,
  type Decision,
  type ExcellusData,
  type LoiBook,
  type PlusportData,
  type RulebookVersion,
  type VliData,
} from '@ledger/regulations';
import {
  creditDownTo,
  issueInvoice,
  nextCreditNoteId,
  nextInvoiceId,
  refundEntitlement,
  type BillingParty,
  type InvoiceRequest,
} from '../billing/decide';
import type { CreditNoteIssued, RefundEntitlementGranted } from '../billing/events';
import type { InvoiceAccount } from '../billing/state';
import { DomainError, type DecideContext } from '../shared/decider';
import { OfferingInputError } from '../offering/errors';
import { decisionRef, type EnrolmentEvent } from './events';
import { evolveEnrolment, type EnrolmentAgreement, type EnrolmentState } from './state';

/** Bad enrolment input only the domain can judge (HTTP 400 naming the field). */
export class EnrolmentInputError extends OfferingInputError {
  constructor(field: string, message: string) {
    super(field, message);
    this.name = 'EnrolmentInputError';
  }
}

export class EventBatch {
  readonly events: EnrolmentEvent[] = [];
  constructor(public state: EnrolmentState) {}

  add(...events: EnrolmentEvent[]): this {
    for (const event of events) {
      this.state = evolveEnrolment(this.state, event);
      this.events.push(event);
    }
    return this;
  }

  /** Adds a decision event and returns the reference billing events cite it by. */
  addDecision(event: EnrolmentEvent): string {
    const ref = decisionRef(agreementOf(this.state).streamId, this.state.eventCount);
    this.add(event);
    return ref;
  }
}

export function agreementOf(state: EnrolmentState): EnrolmentAgreement {
  if (!state.agreement) throw new DomainError('ENROLMENT_NOT_FOUND', 404, 'No such enrolment');
  return state.agreement;
}

/** The agreement of an enrolment that is still running (not cancelled, withdrawn, ...). */
export function activeAgreement(state: EnrolmentState): EnrolmentAgreement {
  const agreement = agreementOf(state);
  if (state.status !== 'active') {
    throw new DomainError(
      'ENROLMENT_NOT_ACTIVE',
      409,
      `Enrolment ${agreement.enrolmentId} is ${state.status}; nothing more can change its booking`,
    );
  }
  return agreement;
}

/** Business times of acts on an enrolment cannot precede the registration. */
export function requireNotBeforeRegistration(agreement: EnrolmentAgreement, at: string, field: string): void {
  if (compareInstants(at, agreement.registeredAt) < 0) {
    throw new EnrolmentInputError(field, `${at} precedes the registration of ${agreement.registeredAt}`);
  }
}

export const plusportBook = (ctx: DecideContext, at: string) =>
  ctx.rulebooks.rulebookFor('plusport', at) as RulebookVersion<PlusportData>;
export const vliBook = (ctx: DecideContext, at: string) =>
  ctx.rulebooks.rulebookFor('vli', at) as RulebookVersion<VliData>;
export const excellusBook = (ctx: DecideContext, at: string) =>
  ctx.rulebooks.rulebookFor('excellus', at) as RulebookVersion<ExcellusData>;
export const loiBook = (ctx: DecideContext, at: string) =>
  ctx.rulebooks.rulebookFor('loi', at) as unknown as LoiBook & RulebookVersion<unknown>;

/** The rulebook has no rule for this act: 422 naming the closest rule, so the refusal is explained. */
export function notCovered(error: string, ruleId: string | undefined, message: string): never {
  throw new DomainError(error, 422, message, ruleId);
}

// ---- money ---------------------------------------------------------------------------------

export function billingParty(agreement: EnrolmentAgreement): BillingParty {
  return {
    customerId: agreement.customerId,
    provider: agreement.rulebook.id,
    ownerStreamId: agreement.streamId,
    enrolmentId: agreement.enrolmentId,
  };
}

export function registrationInvoice(state: EnrolmentState): InvoiceAccount {
  const id = agreementOf(state).registrationInvoiceId;
  const invoice = id ? state.billing.invoices[id] : undefined;
  if (!invoice) throw new Error('Invariant violated: an enrolment has a registration invoice');
  return invoice;
}

/** Gross paid on an invoice and not granted back. */
export const keptPaymentCents = (invoice: InvoiceAccount): number => invoice.paidCents - invoice.refundedCents;
/** Gross the invoice still charges after credit notes. */
export const chargedCents = (invoice: InvoiceAccount): number => invoice.totalCents - invoice.creditedCents;

export const allInvoices = (state: EnrolmentState): InvoiceAccount[] => Object.values(state.billing.invoices);
export const sumOf = (invoices: readonly InvoiceAccount[], figure: (i: InvoiceAccount) => number): number =>
  invoices.reduce((s, i) => s + figure(i), 0);

export const grossOf = (netCents: number, vatRateBasisPoints: number): number =>
  addVat(netCents, vatRateBasisPoints).grossCents;

export function addInvoice(
  batch: EventBatch,
  request: Omit<InvoiceRequest, 'invoiceId' | 'vatRateBasisPoints'> & { vatRateBasisPoints?: number },
): string {
  const agreement = agreementOf(batch.state);
  const invoiceId = nextInvoiceId(agreement.streamId, batch.state.billing);
  batch.add(
    issueInvoice(billingParty(agreement), { vatRateBasisPoints: agreement.vatRateBasisPoints, ...request, invoiceId }),
  );
  return invoiceId;
}

interface Settlement {
  invoiceId: string;
  issuedOn: string;
  reason: string;
  decisionId: string;
  ruleIds: string[];
  refundDueDate?: string;
}

/** A rulebook whose fee is net (PlusPort, INTERP PP-I7): the invoice keeps fee + VAT. */
export function settleToNetFee(batch: EventBatch, settlement: Settlement & { chargeableNetCents: number }): void {
  const agreement = agreementOf(batch.state);
  batch.add(...creditDownTo(batch.state.billing, billingParty(agreement), agreement.streamId, settlement));
}

/**
 * A rulebook whose figures are in the invoice's own (gross) terms (VLI, Excellus, LOI, PP-7.3):
 * the invoice is credited down to `keepGrossCents` and what was paid beyond it is granted back,
 * so the refund entitlement equals the decision's refund exactly. The credit note's VAT is the
 * invoice's VAT share of the credited amount, half-up once.
 */
export function settleToGross(
  batch: EventBatch,
  settlement: Settlement & { keepGrossCents: number; grantRefund?: boolean },
): void {
  const agreement = agreementOf(batch.state);
  const party = billingParty(agreement);
  const invoice = batch.state.billing.invoices[settlement.invoiceId]!;
  const keepCents = Math.max(0, Math.min(settlement.keepGrossCents, chargedCents(invoice)));
  const creditTotalCents = chargedCents(invoice) - keepCents;
  if (creditTotalCents > 0) {
    const vatCents = invoice.totalCents === 0 ? 0 : prorate(creditTotalCents, invoice.vatCents, invoice.totalCents);
    const creditNote: CreditNoteIssued = {
      type: 'CreditNoteIssued',
      data: {
        creditNoteId: nextCreditNoteId(agreement.streamId, batch.state.billing),
        invoiceId: invoice.invoiceId,
        customerId: party.customerId,
        provider: party.provider,
        issuedOn: settlement.issuedOn,
        netCents: creditTotalCents - vatCents,
        vatCents,
        totalCents: creditTotalCents,
        reason: settlement.reason,
        decisionId: settlement.decisionId,
        ruleIds: settlement.ruleIds,
      },
    };
    batch.add(creditNote);
  }
  if (settlement.grantRefund === false) return;
  const after = batch.state.billing.invoices[settlement.invoiceId]!;
  const overpaidCents = keptPaymentCents(after) - chargedCents(after);
  if (overpaidCents > 0) grantRefund(batch, { ...settlement, amountCents: overpaidCents });
}

export function grantRefund(batch: EventBatch, refund: Settlement & { amountCents: number }): void {
  const agreement = agreementOf(batch.state);
  const event: RefundEntitlementGranted = refundEntitlement(
    batch.state.billing,
    billingParty(agreement),
    agreement.streamId,
    {
      invoiceId: refund.invoiceId,
      amountCents: refund.amountCents,
      decidedOn: refund.issuedOn,
      dueDate: refund.refundDueDate,
      reason: refund.reason,
      decisionId: refund.decisionId,
      ruleIds: refund.ruleIds,
    },
  );
  batch.add(event);
}

/** Every invoice of the enrolment credited to nothing and every payment granted back (PP-15.1, EXC-4.9, dissolution). */
export function settleEverythingBack(batch: EventBatch, settlement: Omit<Settlement, 'invoiceId'>): void {
  for (const invoice of allInvoices(batch.state))
    settleToGross(batch, { ...settlement, invoiceId: invoice.invoiceId, keepGrossCents: 0 });
}

export const dateOf = (at: string): string => toLocalDate(at);
export const componentPrice = (agreement: EnrolmentAgreement, kind: string): number =>
  agreement.terms.components.find((c) => c.kind === kind)?.priceCents ?? 0;
/** The agreement's price excluding VAT (MONEY-I1: fees are computed on it). */
export const netPriceOf = (agreement: EnrolmentAgreement): number =>
  agreement.terms.components.reduce((sum, c) => sum + c.priceCents, 0);
export { percentOf };
export type { Decision };
