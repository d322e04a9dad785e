/**
 * Balances per customer (docs/api.md "Finance": GET /customers/{id}/balance, CSV export). Two layers:
 *  - `customers`: the running totals of every money event of the customer (invoiced, credited,
 *    paid, refunds granted and paid, outstanding, net position) and its kind (the interest table);
 *  - `invoices`, `refunds`, `complaints`: the dated facts (libs/domain/src/finance/ledger-facts.ts)
 *    the balance "as of" any business time is computed from on read, interest included.
 * Interest is never stored: it depends on the day it is asked for. Rebuildable: every field is a
 * function of the log in order, and no document depends on wall-clock time.
 */
import {
  complaintClosingOf,
  complaintLedgerOf,
  invoiceLedgerOf,
  movementOf,
  refundLedgerOf,
  refundPayoutOf,
  reminderFactOf,
  type ComplaintClosed,
  type ComplaintFiled,
  type ComplaintLedger,
  type CreditNoteIssued,
  type CustomerKind,
  type InvoiceIssued,
  type InvoiceLedger,
  type InvoiceMovement,
  type InvoiceNumberAssigned,
  type PaymentReceived,
  type PaymentReminderSent,
  type PaymentReversed,
  type RefundEntitlementGranted,
  type RefundLedger,
  type RefundPaid,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const BALANCES = {
  name: 'customer_balances',
  version: 1,
  customers: 'customers',
  invoices: 'invoices',
  refunds: 'refunds',
  complaints: 'complaints',
} as const;

export type CustomerKindSource = 'customer' | 'enrolment' | 'participant';

export interface CustomerTotalsDocument {
  [key: string]: unknown;
  customerId: string;
  kind: CustomerKind | null;
  kindSource: CustomerKindSource | null;
  registered: boolean;
  invoiceCount: number;
  invoicedCents: number;
  creditedCents: number;
  /** Received minus reversed. */
  paidCents: number;
  refundsGrantedCents: number;
  refundsPaidCents: number;
  refundsOwedCents: number;
  unlinkedRefundsCents: number;
  outstandingCents: number;
  creditBalanceCents: number;
  netPositionCents: number;
  lastActivityAt: string | null;
}

export type InvoiceLedgerDocument = InvoiceLedger & { [key: string]: unknown };
export type RefundLedgerDocument = RefundLedger & { [key: string]: unknown };
export type ComplaintLedgerDocument = ComplaintLedger & { [key: string]: unknown };

const emptyCustomer = (customerId: string): CustomerTotalsDocument => ({
  customerId,
  kind: null,
  kindSource: null,
  registered: false,
  invoiceCount: 0,
  invoicedCents: 0,
  creditedCents: 0,
  paidCents: 0,
  refundsGrantedCents: 0,
  refundsPaidCents: 0,
  refundsOwedCents: 0,
  unlinkedRefundsCents: 0,
  outstandingCents: 0,
  creditBalanceCents: 0,
  netPositionCents: 0,
  lastActivityAt: null,
});

/** Raw amount an invoice asks now: total - credited - (paid - reversed) + refunds granted against it. */
export function invoiceRawCents(invoice: InvoiceLedger): number {
  return invoice.movements.reduce((raw, m) => {
    if (m.kind === 'credit' || m.kind === 'payment') return raw - m.amountCents;
    return raw + m.amountCents; // reversal, refund
  }, invoice.totalCents);
}

const businessTime = (recorded: RecordedEvent): string => recorded.metadata.occurredAt ?? recorded.recordedAt;

async function customerDoc(ctx: ProjectionContext, customerId: string): Promise<CustomerTotalsDocument> {
  return (await ctx.get<CustomerTotalsDocument>(BALANCES.customers, customerId))?.body ?? emptyCustomer(customerId);
}

function putCustomer(ctx: ProjectionContext, doc: CustomerTotalsDocument, recorded: RecordedEvent | null): void {
  const next: CustomerTotalsDocument = {
    ...doc,
    refundsOwedCents: doc.refundsGrantedCents - doc.refundsPaidCents,
    netPositionCents: doc.invoicedCents - doc.creditedCents - doc.paidCents + doc.refundsPaidCents,
    lastActivityAt: recorded ? businessTime(recorded) : doc.lastActivityAt,
  };
  ctx.put(BALANCES.customers, doc.customerId, next);
}

async function setKind(
  ctx: ProjectionContext,
  customerId: string,
  kind: CustomerKind,
  source: CustomerKindSource,
): Promise<void> {
  const doc = await customerDoc(ctx, customerId);
  // A registered customer's own kind wins over the kind an enrolment or participant implies (FIN-I13).
  if (doc.kindSource === 'customer' && source !== 'customer') return;
  if (doc.kind !== null && source !== 'customer') return;
  putCustomer(ctx, { ...doc, kind, kindSource: source, registered: doc.registered || source === 'customer' }, null);
}

/** Adds a movement to an invoice and moves the customer's totals with it. */
async function move(
  ctx: ProjectionContext,
  recorded: RecordedEvent,
  moved: { invoiceId: string; movement: InvoiceMovement } | null,
  totals: (doc: CustomerTotalsDocument) => Partial<CustomerTotalsDocument>,
): Promise<void> {
  if (!moved) throw new Error(`customer_balances: ${recorded.type} moves no invoice`);
  const { invoiceId, movement } = moved;
  const existing = await ctx.get<InvoiceLedgerDocument>(BALANCES.invoices, invoiceId);
  if (!existing) throw new Error(`customer_balances: movement for unknown invoice ${invoiceId}`);
  const before = invoiceRawCents(existing.body);
  const invoice = { ...existing.body, movements: [...existing.body.movements, movement] };
  const after = invoiceRawCents(invoice);
  ctx.put(BALANCES.invoices, invoiceId, invoice);
  const doc = await customerDoc(ctx, invoice.customerId);
  putCustomer(
    ctx,
    {
      ...doc,
      ...totals(doc),
      outstandingCents: doc.outstandingCents - Math.max(0, before) + Math.max(0, after),
      creditBalanceCents: doc.creditBalanceCents - Math.max(0, -before) + Math.max(0, -after),
    },
    recorded,
  );
}

const factOf = (recorded: RecordedEvent) => ({ at: businessTime(recorded), recordedAt: recorded.recordedAt });

type Handled =
  | InvoiceIssued
  | CreditNoteIssued
  | PaymentReceived
  | PaymentReversed
  | RefundEntitlementGranted
  | RefundPaid
  | PaymentReminderSent
  | InvoiceNumberAssigned
  | ComplaintFiled
  | ComplaintClosed;

export const balancesProjection: ProjectionDefinition = {
  name: BALANCES.name,
  version: BALANCES.version,
  collections: [
    { name: BALANCES.customers, indexes: ['kind', 'registered'] },
    { name: BALANCES.invoices, indexes: ['customerId', 'ownerStreamId', 'provider'] },
    { name: BALANCES.refunds, indexes: ['customerId', 'ownerStreamId'] },
    { name: BALANCES.complaints, indexes: ['customerId', 'ownerStreamId', 'status'] },
  ],
  handles: [
    'CustomerRegistered',
    'EnrolmentRegistered',
    'ParticipantRegistered',
    'InvoiceIssued',
    'CreditNoteIssued',
    'PaymentReceived',
    'PaymentReversed',
    'RefundEntitlementGranted',
    'RefundPaid',
    'PaymentReminderSent',
    'InvoiceNumberAssigned',
    'ComplaintFiled',
    'ComplaintClosed',
  ],
  async apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    const data = recorded.data as Record<string, unknown>;
    switch (recorded.type) {
      case 'CustomerRegistered':
        return setKind(ctx, String(data['customerId']), data['kind'] as CustomerKind, 'customer');
      case 'EnrolmentRegistered':
        if (data['customerKind'] === 'consumer' || data['customerKind'] === 'business') {
          return setKind(ctx, String(data['customerId']), data['customerKind'], 'enrolment');
        }
        return;
      case 'ParticipantRegistered':
        // FIN-I13: a SPOT participant is a member organisation, billed as the customer.
        return setKind(ctx, String(data['participantId']), 'business', 'participant');
    }
    const event = { type: recorded.type, data } as unknown as Handled;
    const fact = factOf(recorded);
    const moved = movementOf(recorded.type, data, fact);
    switch (event.type) {
      case 'InvoiceIssued': {
        const d = event.data;
        ctx.put(BALANCES.invoices, d.invoiceId, invoiceLedgerOf(d, recorded.streamId, fact) as InvoiceLedgerDocument);
        const doc = await customerDoc(ctx, d.customerId);
        putCustomer(
          ctx,
          {
            ...doc,
            invoiceCount: doc.invoiceCount + 1,
            invoicedCents: doc.invoicedCents + d.totalCents,
            outstandingCents: doc.outstandingCents + d.totalCents,
          },
          recorded,
        );
        return;
      }
      case 'CreditNoteIssued':
        return move(ctx, recorded, moved, (doc) => ({ creditedCents: doc.creditedCents + event.data.totalCents }));
      case 'PaymentReceived':
        return move(ctx, recorded, moved, (doc) => ({ paidCents: doc.paidCents + event.data.amountCents }));
      case 'PaymentReversed':
        return move(ctx, recorded, moved, (doc) => ({ paidCents: doc.paidCents - event.data.amountCents }));
      case 'RefundEntitlementGranted': {
        const d = event.data;
        ctx.put(BALANCES.refunds, d.refundId, refundLedgerOf(d, recorded.streamId, fact) as RefundLedgerDocument);
        if (moved)
          return move(ctx, recorded, moved, (doc) => ({
            refundsGrantedCents: doc.refundsGrantedCents + d.amountCents,
          }));
        const doc = await customerDoc(ctx, d.customerId);
        putCustomer(
          ctx,
          {
            ...doc,
            refundsGrantedCents: doc.refundsGrantedCents + d.amountCents,
            unlinkedRefundsCents: doc.unlinkedRefundsCents + d.amountCents,
          },
          recorded,
        );
        return;
      }
      case 'RefundPaid': {
        const d = event.data;
        const existing = await ctx.get<RefundLedgerDocument>(BALANCES.refunds, d.refundId);
        if (!existing) throw new Error(`customer_balances: payout of unknown refund ${d.refundId}`);
        ctx.put(BALANCES.refunds, d.refundId, {
          ...existing.body,
          payouts: [...existing.body.payouts, refundPayoutOf(d, fact)],
        });
        const doc = await customerDoc(ctx, existing.body.customerId);
        putCustomer(ctx, { ...doc, refundsPaidCents: doc.refundsPaidCents + d.amountCents }, recorded);
        return;
      }
      case 'PaymentReminderSent': {
        const d = event.data;
        const existing = await ctx.get<InvoiceLedgerDocument>(BALANCES.invoices, d.invoiceId);
        if (!existing) throw new Error(`customer_balances: reminder for unknown invoice ${d.invoiceId}`);
        ctx.put(BALANCES.invoices, d.invoiceId, {
          ...existing.body,
          reminders: [...existing.body.reminders, reminderFactOf(d, fact)],
        });
        return;
      }
      case 'InvoiceNumberAssigned': {
        const existing = await ctx.get<InvoiceLedgerDocument>(BALANCES.invoices, event.data.invoiceId);
        if (!existing) throw new Error(`customer_balances: number for unknown invoice ${event.data.invoiceId}`);
        ctx.put(BALANCES.invoices, event.data.invoiceId, { ...existing.body, invoiceNumber: event.data.invoiceNumber });
        return;
      }
      case 'ComplaintFiled': {
        const d = event.data;
        ctx.put(BALANCES.complaints, d.complaintId, {
          ...complaintLedgerOf(d, fact),
          enrolmentId: d.enrolmentId,
          status: 'open',
          deadlines: d.deadlines,
        });
        // A customer with a complaint on record has a balance (possibly zero), never "unknown".
        putCustomer(ctx, await customerDoc(ctx, d.customerId), null);
        return;
      }
      case 'ComplaintClosed': {
        const d = event.data;
        const existing = await ctx.get<ComplaintLedgerDocument>(BALANCES.complaints, d.complaintId);
        if (!existing) throw new Error(`customer_balances: closing of unknown complaint ${d.complaintId}`);
        ctx.put(BALANCES.complaints, d.complaintId, {
          ...existing.body,
          closed: complaintClosingOf(d, fact),
          status: 'closed',
          outcome: d.outcome,
        });
        return;
      }
      default:
        return;
    }
  },
};
