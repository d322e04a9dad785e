/**
 * Test support (not exported): a small pure world of events for finance specs. Invoices, payments
 * and credit notes come from the shared billing functions; reminders and complaints from their real
 * deciders with the real rulebooks, so the balance specs read exactly what the ledger records.
 */
import { createRulebookRegistry, toUtcIso, type RulebookId } from '@ledger/regulations';
import { creditDownTo, decidePayment, issueInvoice, refundEntitlement, type BillingParty } from '../billing/decide';
import { isBillingEvent, type BillingEvent } from '../billing/events';
import { evolveBilling, initialBillingState, type BillingState } from '../billing/state';
import { complaintDecider } from '../complaint/decide';
import type { ComplaintCommand, FileComplaint } from '../complaint/commands';
import type { ComplaintEvent } from '../complaint/events';
import type { ComplaintState } from '../complaint/state';
import type { CustomerKind } from '../customer/events';
import { dunningDecider } from '../dunning/decide';
import type { DunningState } from '../dunning/state';
import type { DecideContext, DomainEvent } from '../shared/decider';
import { asOfDay, asOfInstant, computeCustomerBalance, invoicePrincipalAsOf, type CustomerBalance } from './balance';
import { decidePaymentReversal, decideRefundPayout } from './billing-corrections';
import { ledgersFromEvents, type LedgerSourceEvent } from './ledger-from-events';

export const rulebooks = createRulebookRegistry();
export const decideContext: DecideContext = { rulebooks, recordedAt: '2026-01-01T00:00:00.000Z' };

export class FinanceWorld {
  readonly events: LedgerSourceEvent[] = [];
  private readonly billing = new Map<string, BillingState>();
  private readonly parties = new Map<string, BillingParty>();
  private readonly dunning = new Map<string, DunningState>();
  private readonly complaints = new Map<string, ComplaintState>();

  record(streamId: string, event: DomainEvent, occurredAt: string, recordedAt?: string): void {
    this.events.push({
      streamId,
      type: event.type,
      data: event.data as Record<string, unknown>,
      occurredAt,
      recordedAt: recordedAt ?? toUtcIso(occurredAt),
    });
    if (isBillingEvent(event))
      this.billing.set(streamId, evolveBilling(this.billingOf(streamId), event as BillingEvent));
  }

  private billingOf(streamId: string): BillingState {
    return this.billing.get(streamId) ?? initialBillingState();
  }

  customer(customerId: string, kind: CustomerKind, at = '2024-01-02T09:00:00+01:00'): this {
    this.record(
      `customer-${customerId}`,
      { type: 'CustomerRegistered', data: { customerId, kind, name: 'n', email: 'e@example.nl', registeredAt: at } },
      at,
    );
    return this;
  }

  /** An enrolment-like billing stream for a customer under a provider. */
  account(ownerId: string, customerId: string, provider: RulebookId): string {
    const streamId = `enrolment-${ownerId}`;
    this.parties.set(streamId, { customerId, provider, ownerStreamId: streamId, enrolmentId: ownerId });
    return streamId;
  }

  invoice(
    streamId: string,
    invoiceId: string,
    input: { issuedOn: string; dueDate: string; netCents: number; vatRateBasisPoints?: number },
    at = `${input.issuedOn}T10:00:00+02:00`,
  ): this {
    const event = issueInvoice(this.parties.get(streamId)!, {
      invoiceId,
      reason: 'registration',
      issuedOn: input.issuedOn,
      dueDate: input.dueDate,
      lines: [{ description: 'Course', kind: 'classroom', netCents: input.netCents }],
      vatRateBasisPoints: input.vatRateBasisPoints ?? 0,
    });
    this.record(streamId, event, at);
    return this;
  }

  pay(streamId: string, paymentId: string, invoiceId: string, amountCents: number, receivedAt: string): this {
    for (const e of decidePayment(
      this.billingOf(streamId),
      this.parties.get(streamId)!,
      { paymentId, invoiceId, amountCents, receivedAt },
      streamId,
    ))
      this.record(streamId, e, receivedAt);
    return this;
  }

  reverse(streamId: string, paymentId: string, invoiceId: string, reversedAt: string): this {
    const party = this.parties.get(streamId)!;
    for (const e of decidePaymentReversal(this.billingOf(streamId), {
      type: 'ReversePayment',
      paymentId,
      invoiceId,
      customerId: party.customerId,
      reversedAt,
      reason: 'bank return',
    }))
      this.record(streamId, e, reversedAt);
    return this;
  }

  creditDown(streamId: string, invoiceId: string, chargeableNetCents: number, at: string): this {
    const issuedOn = at.slice(0, 10);
    for (const e of creditDownTo(this.billingOf(streamId), this.parties.get(streamId)!, streamId, {
      invoiceId,
      chargeableNetCents,
      issuedOn,
      reason: 'cancellation',
      decisionId: null,
      ruleIds: [],
    })) {
      this.record(streamId, e, at);
    }
    return this;
  }

  unlinkedRefund(streamId: string, amountCents: number, at: string): this {
    this.record(
      streamId,
      refundEntitlement(this.billingOf(streamId), this.parties.get(streamId)!, streamId, {
        invoiceId: null,
        amountCents,
        decidedOn: at.slice(0, 10),
        reason: 'goodwill',
        decisionId: null,
        ruleIds: [],
      }),
      at,
    );
    return this;
  }

  payRefund(streamId: string, refundId: string, amountCents: number, paidAt: string): this {
    const party = this.parties.get(streamId)!;
    for (const e of decideRefundPayout(this.billingOf(streamId), {
      type: 'PayRefund',
      refundId,
      customerId: party.customerId,
      amountCents,
      paidAt,
      reference: 'batch-1',
    }))
      this.record(streamId, e, paidAt);
    return this;
  }

  /** A reminder through the real dunning decider, enriched as the HTTP endpoint does. */
  remind(invoiceId: string, sentAt: string, options: { receivedOn?: string; termDays?: number } = {}): DomainEvent[] {
    const invoice = this.ledgerInvoice(invoiceId);
    const customerKind = ledgersFromEvents(this.events).get(invoice.customerId)?.kind ?? null;
    const state = this.dunning.get(invoiceId) ?? dunningDecider.initialState();
    const events = dunningDecider.decide(
      {
        type: 'SendPaymentReminder',
        invoiceId,
        sentAt,
        receivedOn: options.receivedOn ?? sentAt.slice(0, 10),
        termDays: options.termDays ?? 14,
        invoice: {
          customerId: invoice.customerId,
          provider: invoice.provider,
          ownerStreamId: invoice.ownerStreamId,
          dueDate: invoice.dueDate,
          outstandingCents: invoicePrincipalAsOf(invoice, asOfInstant(sentAt)),
        },
        customerKind,
      },
      state,
      decideContext,
    );
    for (const e of events) {
      // The write path sets a decision's id to the id of the event recording it.
      const data = e.data as { decision: { decisionId?: string } | null };
      if (data.decision) data.decision = { ...data.decision, decisionId: `decision-${this.events.length}` };
      this.record(`dunning-${invoiceId}`, e, sentAt);
      this.dunning.set(
        invoiceId,
        dunningDecider.evolve(this.dunning.get(invoiceId) ?? dunningDecider.initialState(), e),
      );
    }
    return events;
  }

  complaint(command: ComplaintCommand, at: string): ComplaintEvent[] {
    const state = this.complaints.get(command.complaintId) ?? complaintDecider.initialState();
    const events = complaintDecider.decide(command, state, decideContext);
    for (const e of events) {
      this.record(`complaint-${command.complaintId}`, e, at);
      this.complaints.set(
        command.complaintId,
        complaintDecider.evolve(this.complaints.get(command.complaintId) ?? complaintDecider.initialState(), e),
      );
    }
    return events;
  }

  fileComplaint(
    input: Omit<FileComplaint, 'type' | 'subject' | 'incidentOn' | 'courseEndedOn'> &
      Partial<Pick<FileComplaint, 'incidentOn' | 'courseEndedOn'>>,
  ): ComplaintEvent[] {
    return this.complaint(
      { type: 'FileComplaint', subject: 'invoice', incidentOn: null, courseEndedOn: null, ...input },
      input.filedAt,
    );
  }

  ledgerInvoice(invoiceId: string) {
    for (const ledger of ledgersFromEvents(this.events).values()) {
      const invoice = ledger.invoices.find((i) => i.invoiceId === invoiceId);
      if (invoice) return invoice;
    }
    throw new Error(`no invoice ${invoiceId}`);
  }

  balance(customerId: string, asOf: string, knownAt: string | null = null): CustomerBalance {
    const ledger = ledgersFromEvents(this.events).get(customerId);
    if (!ledger) throw new Error(`no customer ${customerId}`);
    return computeCustomerBalance(
      ledger,
      asOf.length === 10 ? asOfDay(asOf, knownAt) : asOfInstant(asOf, knownAt),
      rulebooks,
    );
  }
}
