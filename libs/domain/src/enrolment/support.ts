/**
 * What every enrolment decision shares: a batch that evolves the state as events are added (so
 * ids and figures of later events see earlier ones), guards, the rulebook's act for the business
 * time (the plug-in contract), the facts an act may read, and the money effects an act asks for,
 * applied through libs/domain/src/billing.
 */
import {
  ActInputError,
  parseActDetails,
  compareInstants,
  isNotCovered,
  type ActDetails,
  prorate,
  toLocalDate,
  type Decision,
  type EnrolmentActs,
  type EnrolmentFacts,
  type InvoiceFacts,
  type MoneyEffect,
  type NotCovered,
  type TakesDetails,
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
import type { CreditNoteIssued } from '../billing/events';
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

// ---- the rulebook's acts -------------------------------------------------------------------

/** The enrolment acts of a rulebook version in force at a business time. */
export function enrolmentActsOf(ctx: DecideContext, rulebookId: string, at: string): EnrolmentActs {
  const acts = ctx.rulebooks.rulebookFor(rulebookId, at).acts.enrolment;
  if (!acts)
    throw new Error(`Invariant violated: rulebook ${rulebookId} sells offerings but decides no enrolment acts`);
  return acts;
}

/** The rulebook has no rule for this act: 422 naming the closest rule, so the refusal is explained. */
export function refuseNotCovered(act: NotCovered): never {
  throw new DomainError(act.error, 422, act.message, act.ruleId);
}

/**
 * The act of the agreement's rulebook in force at `at`, or a 422 when the rulebook does not cover
 * it. Details sent for an act the rulebook does not cover are bad input first (400 naming the field).
 */
export function actOf<K extends Exclude<keyof EnrolmentActs, 'offerings' | 'registration'>>(
  ctx: DecideContext,
  agreement: EnrolmentAgreement,
  at: string,
  name: K,
  details?: ActDetails,
): Exclude<EnrolmentActs[K], NotCovered> {
  // Widened on purpose: narrowing the union of every act's type is too complex for the compiler.
  const act: unknown = enrolmentActsOf(ctx, agreement.rulebook.id, at)[name];
  if (isNotCovered(act)) {
    const field = Object.keys(details ?? {})[0];
    if (field !== undefined) throw new ActInputError(field, `field ${field} does not apply to this rulebook`);
    return refuseNotCovered(act);
  }
  const schema = (act as TakesDetails).detailsSchema;
  if (details !== undefined && schema) parseActDetails(schema, details);
  return act as Exclude<EnrolmentActs[K], NotCovered>;
}

// ---- facts ---------------------------------------------------------------------------------

const invoiceFacts = (invoice: InvoiceAccount): InvoiceFacts => ({
  invoiceId: invoice.invoiceId,
  reason: invoice.reason,
  issuedOn: invoice.issuedOn,
  dueDate: invoice.dueDate,
  netCents: invoice.netCents,
  vatCents: invoice.vatCents,
  totalCents: invoice.totalCents,
  creditedCents: invoice.creditedCents,
  paidCents: invoice.paidCents,
  refundedCents: invoice.refundedCents,
});

/** What an act may know about the enrolment (a read-only view of the state). */
export function factsOf(state: EnrolmentState): EnrolmentFacts {
  const agreement = agreementOf(state);
  const cancellation = state.cancellation;
  return {
    enrolmentId: agreement.enrolmentId,
    offeringId: agreement.offeringId,
    customerId: agreement.customerId,
    customerKind: agreement.customerKind,
    registeredAt: agreement.registeredAt,
    terms: agreement.terms,
    vatRateBasisPoints: agreement.vatRateBasisPoints,
    startsAt: state.startsAt,
    learnerId: state.learnerId!,
    rescheduled: state.rescheduled,
    newDateRequired: state.newDateRequired,
    registrationInvoice: invoiceFacts(registrationInvoice(state)),
    invoices: Object.values(state.billing.invoices).map(invoiceFacts),
    examAttempts: state.examAttempts,
    certificate: state.certificate,
    modules: { active: state.activeModuleIds, activated: state.activatedModuleIds },
    documents: state.documents
      ? {
          dueDate: state.documents.dataDueDate,
          received: state.documents.received,
          complete: state.documents.complete,
        }
      : null,
    pendingCancellation:
      cancellation?.evidence === 'pending' && cancellation.pendingEvidenceUntil && cancellation.evidenceBasis
        ? { basis: cancellation.evidenceBasis, pendingEvidenceUntil: cancellation.pendingEvidenceUntil }
        : null,
    withdrawal: state.withdrawal
      ? {
          withdrawnOn: state.withdrawal.withdrawnOn,
          materialsSent: state.withdrawal.materialsSent,
          materialsReturned: state.withdrawal.materialsReturned,
        }
      : null,
    participants: state.participants,
    suspendedSince: state.suspension?.since ?? null,
    deliveries: state.deliveries,
  };
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
const keptPaymentCents = (invoice: InvoiceAccount): number => invoice.paidCents - invoice.refundedCents;
/** Gross the invoice still charges after credit notes. */
const chargedCents = (invoice: InvoiceAccount): number => invoice.totalCents - invoice.creditedCents;

export function addInvoice(
  batch: EventBatch,
  request: Omit<InvoiceRequest, 'invoiceId' | 'vatRateBasisPoints'> & { vatRateBasisPoints?: number },
): string {
  const agreement = agreementOf(batch.state);
  const invoiceId = nextInvoiceId(agreement.streamId, batch.state.billing);
  batch.add(
    issueInvoice(billingParty(agreement), {
      vatRateBasisPoints: agreement.vatRateBasisPoints,
      ...request,
      invoiceId,
    }),
  );
  return invoiceId;
}

/** Which decision a money effect follows from, and when it is issued. */
export interface Citation {
  decisionId: string;
  ruleIds: string[];
  issuedOn: string;
}

function requireInvoice(batch: EventBatch, invoiceId: string): InvoiceAccount {
  const invoice = batch.state.billing.invoices[invoiceId];
  if (!invoice) throw new Error(`Invariant violated: an act settled invoice ${invoiceId}, which the enrolment lacks`);
  return invoice;
}

function grantRefund(
  batch: EventBatch,
  citation: Citation,
  refund: { invoiceId: string; amountCents: number; reason: string; refundDueDate?: string },
): void {
  const agreement = agreementOf(batch.state);
  batch.add(
    refundEntitlement(batch.state.billing, billingParty(agreement), agreement.streamId, {
      invoiceId: refund.invoiceId,
      amountCents: refund.amountCents,
      decidedOn: citation.issuedOn,
      dueDate: refund.refundDueDate,
      reason: refund.reason,
      decisionId: citation.decisionId,
      ruleIds: citation.ruleIds,
    }),
  );
}

/**
 * Credits an invoice down to a gross amount it keeps and grants back what was paid beyond it, so
 * the refund entitlement equals the decision's refund exactly. The credit note's VAT is the
 * invoice's VAT share of the credited amount, half-up once.
 */
function creditToGross(
  batch: EventBatch,
  citation: Citation,
  effect: Extract<MoneyEffect, { kind: 'credit-to-gross' }>,
): void {
  const agreement = agreementOf(batch.state);
  const party = billingParty(agreement);
  const invoice = requireInvoice(batch, effect.invoiceId);
  const keepCents = Math.max(0, Math.min(effect.keepGrossCents, chargedCents(invoice)));
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
        issuedOn: citation.issuedOn,
        netCents: creditTotalCents - vatCents,
        vatCents,
        totalCents: creditTotalCents,
        reason: effect.reason,
        decisionId: citation.decisionId,
        ruleIds: citation.ruleIds,
      },
    };
    batch.add(creditNote);
  }
  if (effect.grantRefund === false) return;
  const after = requireInvoice(batch, effect.invoiceId);
  const overpaidCents = keptPaymentCents(after) - chargedCents(after);
  if (overpaidCents > 0) {
    grantRefund(batch, citation, {
      invoiceId: effect.invoiceId,
      amountCents: overpaidCents,
      reason: effect.reason,
      ...(effect.refundDueDate ? { refundDueDate: effect.refundDueDate } : {}),
    });
  }
}

/** Applies an act's money effects in order, each citing the act's decision. */
export function applyMoney(batch: EventBatch, effects: readonly MoneyEffect[], citation: Citation): void {
  for (const effect of effects) {
    switch (effect.kind) {
      case 'credit-to-net-fee': {
        const agreement = agreementOf(batch.state);
        requireInvoice(batch, effect.invoiceId);
        batch.add(
          ...creditDownTo(batch.state.billing, billingParty(agreement), agreement.streamId, {
            invoiceId: effect.invoiceId,
            chargeableNetCents: effect.chargeableNetCents,
            issuedOn: citation.issuedOn,
            reason: effect.reason,
            decisionId: citation.decisionId,
            ruleIds: citation.ruleIds,
            ...(effect.refundDueDate ? { refundDueDate: effect.refundDueDate } : {}),
          }),
        );
        break;
      }
      case 'credit-to-gross':
        creditToGross(batch, citation, effect);
        break;
      case 'settle-everything-back':
        for (const invoice of Object.values(batch.state.billing.invoices)) {
          creditToGross(batch, citation, {
            kind: 'credit-to-gross',
            invoiceId: invoice.invoiceId,
            keepGrossCents: 0,
            reason: effect.reason,
          });
        }
        break;
      case 'invoice':
        addInvoice(batch, {
          reason: effect.reason,
          issuedOn: citation.issuedOn,
          dueDate: effect.dueDate,
          lines: effect.lines.map((line) => ({ ...line })),
          ...(effect.vatRateBasisPoints !== undefined ? { vatRateBasisPoints: effect.vatRateBasisPoints } : {}),
          decisionId: citation.decisionId,
          ruleIds: citation.ruleIds,
        });
        break;
    }
  }
}

/** Records a decision event and applies the act's money effects, citing it. */
export function recordDecided(
  batch: EventBatch,
  event: EnrolmentEvent,
  decided: { decision: Decision; money: readonly MoneyEffect[] },
  issuedAt: string,
): string {
  const ref = batch.addDecision(event);
  applyMoney(batch, decided.money, {
    decisionId: ref,
    ruleIds: decided.decision.ruleIds,
    issuedOn: toLocalDate(issuedAt),
  });
  return ref;
}

export const dateOf = (at: string): string => toLocalDate(at);
