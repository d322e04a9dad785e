/**
 * Every invoice with what was credited and paid on it: the directory that routes a payment to the
 * stream owning the invoice, and finance's invoice view (GET /invoices/{id}).
 */
import type { BillingEvent, InvoiceIssued } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const INVOICES = { name: 'invoices', version: 1, collection: 'invoices' } as const;

export interface InvoiceDocument {
  [key: string]: unknown;
  invoiceId: string;
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
  payments: Array<{ paymentId: string; amountCents: number; receivedAt: string; reversed: boolean }>;
  creditNotes: Array<{ creditNoteId: string; totalCents: number; issuedOn: string; reason: string; decisionId: string | null }>;
}

const outstanding = (d: InvoiceDocument): number => d.totalCents - d.creditedCents - d.paidCents + d.refundedCents;

async function update(ctx: ProjectionContext, invoiceId: string, change: (d: InvoiceDocument) => InvoiceDocument): Promise<void> {
  const existing = await ctx.get<InvoiceDocument>(INVOICES.collection, invoiceId);
  if (!existing) throw new Error(`invoices projection: event for unknown invoice ${invoiceId}`);
  const next = change(existing.body);
  ctx.put(INVOICES.collection, invoiceId, { ...next, outstandingCents: outstanding(next) });
}

export const invoicesProjection: ProjectionDefinition = {
  name: INVOICES.name,
  version: INVOICES.version,
  collections: [{ name: INVOICES.collection, indexes: ['customerId', 'ownerStreamId', 'provider'] }],
  handles: ['InvoiceIssued', 'CreditNoteIssued', 'PaymentReceived', 'PaymentReversed', 'RefundEntitlementGranted'],
  async apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    const event = { type: recorded.type, data: recorded.data } as BillingEvent;
    switch (event.type) {
      case 'InvoiceIssued': {
        const d = event.data;
        const document: InvoiceDocument = {
          ...d,
          ownerStreamId: recorded.streamId,
          creditedCents: 0,
          paidCents: 0,
          refundedCents: 0,
          outstandingCents: d.totalCents,
          payments: [],
          creditNotes: [],
        };
        ctx.put(INVOICES.collection, d.invoiceId, document);
        return;
      }
      case 'CreditNoteIssued':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          creditedCents: d.creditedCents + event.data.totalCents,
          creditNotes: [...d.creditNotes, { creditNoteId: event.data.creditNoteId, totalCents: event.data.totalCents, issuedOn: event.data.issuedOn, reason: event.data.reason, decisionId: event.data.decisionId }],
        }));
      case 'PaymentReceived':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          paidCents: d.paidCents + event.data.amountCents,
          payments: [...d.payments, { paymentId: event.data.paymentId, amountCents: event.data.amountCents, receivedAt: event.data.receivedAt, reversed: false }],
        }));
      case 'PaymentReversed':
        return update(ctx, event.data.invoiceId, (d) => ({
          ...d,
          paidCents: d.paidCents - event.data.amountCents,
          payments: d.payments.map((p) => (p.paymentId === event.data.paymentId ? { ...p, reversed: true } : p)),
        }));
      case 'RefundEntitlementGranted':
        if (!event.data.invoiceId) return;
        return update(ctx, event.data.invoiceId, (d) => ({ ...d, refundedCents: d.refundedCents + event.data.amountCents }));
      default:
        return;
    }
  },
};
