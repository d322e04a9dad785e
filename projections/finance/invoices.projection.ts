/**
 * Every invoice with what was credited and paid on it: the directory that routes a payment to the
 * stream owning the invoice, and finance's invoice view (GET /invoices/{id}) with its number
 * (FIN-I9) and reminders (EXC-11, LOI-6.2-3). The `payments` collection is the payment directory
 * (POST /payments/{id}/reversals finds the invoice and stream of a payment id).
 *
 * Version 4: an invoice's credit notes carry their numbers (FIN-I16).
 */
import type {
  BillingEvent,
  CreditNoteNumberAssigned,
  InvoiceIssued,
  InvoiceNumberAssigned,
  PaymentReminderSent,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { paymentReferenceFor } from '@ledger/regulations';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const INVOICES = { name: 'invoices', version: 4, collection: 'invoices', payments: 'payments' } as const;

export interface InvoiceReminderView {
  reminderNumber: number;
  sentAt: string;
  receivedOn: string;
  reminderTermEndsOn: string;
  collectionCostsDueFrom: string;
  interestFrom: string;
  ruleIds: string[];
  decisionId: string | null;
}

export interface InvoiceDocument {
  [key: string]: unknown;
  invoiceId: string;
  /** FIN-I9: assigned by the invoice-numbering process; null until then. */
  invoiceNumber: string | null;
  /** The betalingskenmerk assigned with the number; null until then. */
  paymentReference: string | null;
  ownerStreamId: string;
  customerId: string;
  provider: string;
  reason: string;
  issuedOn: string;
  dueDate: string;
  lines: InvoiceIssued['data']['lines'];
  netCents: number;
  vatCents: number;
  totalCents: number;
  creditedCents: number;
  paidCents: number;
  refundedCents: number;
  outstandingCents: number;
  decisionId: string | null;
  ruleIds: string[];
  payments: Array<{
    paymentId: string;
    amountCents: number;
    receivedAt: string;
    reversed: boolean;
    reversedAt: string | null;
  }>;
  creditNotes: Array<{
    creditNoteId: string;
    totalCents: number;
    issuedOn: string;
    reason: string;
    decisionId: string | null;
    /** Its number in the credit-note series (FIN-I16); null until assigned. */
    creditNoteNumber: string | null;
  }>;
  reminders: InvoiceReminderView[];
}

/** A payment id is unique within its stream only: the directory keeps every invoice that used it. */
export interface PaymentDirectoryDocument {
  [key: string]: unknown;
  paymentId: string;
  entries: Array<{
    invoiceId: string;
    ownerStreamId: string;
    customerId: string;
    amountCents: number;
    receivedAt: string;
    reversed: boolean;
  }>;
}

const outstanding = (d: InvoiceDocument): number => d.totalCents - d.creditedCents - d.paidCents + d.refundedCents;

async function update(
  ctx: ProjectionContext,
  invoiceId: string,
  change: (d: InvoiceDocument) => InvoiceDocument,
): Promise<void> {
  const existing = await ctx.get<InvoiceDocument>(INVOICES.collection, invoiceId);
  if (!existing) throw new Error(`invoices projection: event for unknown invoice ${invoiceId}`);
  const next = change(existing.body);
  ctx.put(INVOICES.collection, invoiceId, { ...next, outstandingCents: outstanding(next) });
}

async function updatePayment(
  ctx: ProjectionContext,
  paymentId: string,
  change: (d: PaymentDirectoryDocument) => PaymentDirectoryDocument,
): Promise<void> {
  const existing = await ctx.get<PaymentDirectoryDocument>(INVOICES.payments, paymentId);
  ctx.put(INVOICES.payments, paymentId, change(existing?.body ?? { paymentId, entries: [] }));
}

type Handled = BillingEvent | InvoiceNumberAssigned | CreditNoteNumberAssigned | PaymentReminderSent;

export const invoicesProjection: ProjectionDefinition = {
  name: INVOICES.name,
  version: INVOICES.version,
  collections: [
    {
      name: INVOICES.collection,
      indexes: [
        'customerId',
        'ownerStreamId',
        'provider',
        'invoiceNumber',
        'paymentReference',
        'outstandingCents',
        'dueDate',
        'issuedOn',
      ],
    },
    { name: INVOICES.payments, indexes: [] },
  ],
  handles: [
    'InvoiceIssued',
    'CreditNoteIssued',
    'PaymentReceived',
    'PaymentReversed',
    'RefundEntitlementGranted',
    'InvoiceNumberAssigned',
    'CreditNoteNumberAssigned',
    'PaymentReminderSent',
  ],
  async apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    const event = { type: recorded.type, data: recorded.data } as Handled;
    switch (event.type) {
      case 'InvoiceIssued': {
        const d = event.data;
        const document: InvoiceDocument = {
          ...d,
          invoiceNumber: null,
          paymentReference: null,
          ownerStreamId: recorded.streamId,
          creditedCents: 0,
          paidCents: 0,
          refundedCents: 0,
          outstandingCents: d.totalCents,
          payments: [],
          creditNotes: [],
          reminders: [],
        };
        ctx.put(INVOICES.collection, d.invoiceId, document);
        return;
      }
      case 'CreditNoteIssued':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          creditedCents: d.creditedCents + event.data.totalCents,
          creditNotes: [
            ...d.creditNotes,
            {
              creditNoteId: event.data.creditNoteId,
              totalCents: event.data.totalCents,
              issuedOn: event.data.issuedOn,
              reason: event.data.reason,
              decisionId: event.data.decisionId,
              creditNoteNumber: null,
            },
          ],
        }));
      case 'PaymentReceived': {
        const d = event.data;
        await updatePayment(ctx, d.paymentId, (p) => ({
          ...p,
          entries: [
            ...p.entries,
            {
              invoiceId: d.invoiceId,
              ownerStreamId: recorded.streamId,
              customerId: d.customerId,
              amountCents: d.amountCents,
              receivedAt: d.receivedAt,
              reversed: false,
            },
          ],
        }));
        return update(ctx, d.invoiceId, (doc) => ({
          ...doc,
          paidCents: doc.paidCents + d.amountCents,
          payments: [
            ...doc.payments,
            {
              paymentId: d.paymentId,
              amountCents: d.amountCents,
              receivedAt: d.receivedAt,
              reversed: false,
              reversedAt: null,
            },
          ],
        }));
      }
      case 'PaymentReversed': {
        const d = event.data;
        await updatePayment(ctx, d.paymentId, (p) => ({
          ...p,
          entries: p.entries.map((e) =>
            e.invoiceId === d.invoiceId && e.ownerStreamId === recorded.streamId ? { ...e, reversed: true } : e,
          ),
        }));
        return update(ctx, d.invoiceId, (doc) => ({
          ...doc,
          paidCents: doc.paidCents - d.amountCents,
          payments: doc.payments.map((p) =>
            p.paymentId === d.paymentId ? { ...p, reversed: true, reversedAt: d.reversedAt } : p,
          ),
        }));
      }
      case 'RefundEntitlementGranted':
        if (!event.data.invoiceId) return;
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          refundedCents: d.refundedCents + event.data.amountCents,
        }));
      case 'InvoiceNumberAssigned':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          invoiceNumber: event.data.invoiceNumber,
          paymentReference:
            event.data.paymentReference ?? paymentReferenceFor(event.data.issuedOn, event.data.sequence),
        }));
      case 'CreditNoteNumberAssigned': {
        const { creditNoteId, creditNoteNumber } = event.data;
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          creditNotes: d.creditNotes.map((note) =>
            note.creditNoteId === creditNoteId ? { ...note, creditNoteNumber } : note,
          ),
        }));
      }
      case 'PaymentReminderSent': {
        const d = event.data;
        const decisionId = (d.decision as { decisionId?: string } | null)?.decisionId ?? null;
        return update(ctx, d.invoiceId, (doc) => ({
          ...doc,
          reminders: [
            ...doc.reminders,
            {
              reminderNumber: d.reminderNumber,
              sentAt: d.sentAt,
              receivedOn: d.receivedOn,
              reminderTermEndsOn: d.reminderTermEndsOn,
              collectionCostsDueFrom: d.collectionCostsDueFrom,
              interestFrom: d.interestFrom,
              ruleIds: d.ruleIds,
              decisionId,
            },
          ],
        }));
      }
      default:
        return;
    }
  },
};
