/**
 * The accounting journal (docs/operations.md "The finance day"): one balanced entry per invoice,
 * credit note, payment, payment reversal and refund payout, with its postings by role (debtors,
 * revenue per component, VAT per rate, bank). The general-ledger accounts are not stored: the
 * export maps roles to the accounts configured per provider and component, so a changed chart of
 * accounts needs no rebuild. Entries are found by month (`period`), so a date-range export reads
 * only the months it covers.
 *
 * Also the credit-note directory (`credit_notes`): a credit note with the lines it credits and its
 * number (FIN-I16), for its documents (GET /credit-notes/{id}).
 *
 * Version 2: credit notes and their entries carry `creditNoteNumber` (CreditNoteNumberAssigned).
 */
import type {
  CreditNoteIssued,
  CreditNoteNumberAssigned,
  InvoiceIssued,
  InvoiceNumberAssigned,
  PaymentReceived,
  PaymentReversed,
  RefundEntitlementGranted,
  RefundPaid,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { splitByWeights, toLocalDate } from '@ledger/regulations';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const JOURNAL = {
  name: 'journal',
  version: 2,
  entries: 'entries',
  creditNotes: 'credit_notes',
  refunds: 'refund_providers',
} as const;

export type JournalEntryKind = 'invoice' | 'credit-note' | 'payment' | 'payment-reversal' | 'refund-payout';
export type PostingRole = 'debtors' | 'revenue' | 'vat' | 'bank';

export interface JournalPosting {
  role: PostingRole;
  /** The invoice line kind a revenue posting belongs to (e.g. 'classroom', 'licence-fee'). */
  component: string | null;
  /** The VAT rate a VAT or revenue posting belongs to. */
  vatRateBasisPoints: number | null;
  debitCents: number;
  creditCents: number;
}

export interface JournalEntryDocument {
  [key: string]: unknown;
  entryId: string;
  kind: JournalEntryKind;
  provider: string;
  customerId: string;
  /** The business date the entry is booked on (Amsterdam). */
  bookedOn: string;
  /** `YYYY-MM` of bookedOn. */
  period: string;
  /** The invoice, credit note, payment or refund id. */
  documentId: string;
  /** The invoice the entry concerns (its own id for an invoice); null for a refund not tied to one. */
  invoiceId: string | null;
  /** An invoice entry's number (FIN-I9), set when assigned. */
  invoiceNumber: string | null;
  /** A credit-note entry's number (FIN-I16), set when assigned; absent on other kinds. */
  creditNoteNumber?: string | null;
  postings: JournalPosting[];
  /** An invoice entry's lines, which its credit notes are allocated over. */
  lines?: CreditedLine[];
}

export interface CreditedLine {
  description: string;
  kind: string;
  netCents: number;
  vatRateBasisPoints: number;
}

export interface CreditNoteDocument {
  [key: string]: unknown;
  creditNoteId: string;
  invoiceId: string;
  customerId: string;
  provider: string;
  ownerStreamId: string;
  issuedOn: string;
  netCents: number;
  vatCents: number;
  totalCents: number;
  /** The invoice's VAT rate (one rate per invoice). */
  vatRateBasisPoints: number;
  /** The credited net allocated over the invoice's lines (in proportion to their net; sums to netCents). */
  lines: CreditedLine[];
  reason: string;
  decisionId: string | null;
  ruleIds: string[];
  /** Its number in the provider's credit-note series (FIN-I16); null until the numbering process assigned it. */
  creditNoteNumber: string | null;
}

interface RefundProviderDocument {
  [key: string]: unknown;
  refundId: string;
  provider: string;
  invoiceId: string | null;
}

/**
 * A credit note's net spread over the invoice's lines in proportion to their net (largest
 * remainder, so the parts sum exactly): the ledger records what is credited, not which component.
 */
export function allocateCredit(lines: readonly CreditedLine[], creditNetCents: number): CreditedLine[] {
  const weights = lines.map((l) => Math.max(0, l.netCents));
  if (lines.length === 0 || weights.every((w) => w === 0))
    return [
      {
        description: 'Creditering',
        kind: lines[0]?.kind ?? 'credit',
        netCents: creditNetCents,
        vatRateBasisPoints: lines[0]?.vatRateBasisPoints ?? 0,
      },
    ];
  const parts = splitByWeights(creditNetCents, weights);
  return lines.map((line, i) => ({ ...line, netCents: parts[i]! })).filter((l) => l.netCents !== 0);
}

const posting = (
  role: PostingRole,
  side: 'debit' | 'credit',
  cents: number,
  extra: { component?: string; vatRateBasisPoints?: number } = {},
): JournalPosting => ({
  role,
  component: extra.component ?? null,
  vatRateBasisPoints: extra.vatRateBasisPoints ?? null,
  debitCents: side === 'debit' ? cents : 0,
  creditCents: side === 'credit' ? cents : 0,
});

/** Revenue per component and VAT per rate of some lines, on one side; lines of one component are summed. */
function revenueAndVat(lines: readonly CreditedLine[], vatCents: number, side: 'debit' | 'credit'): JournalPosting[] {
  const byComponent = new Map<string, { netCents: number; vatRateBasisPoints: number }>();
  for (const line of lines) {
    const key = `${line.kind}|${line.vatRateBasisPoints}`;
    const sum = byComponent.get(key) ?? { netCents: 0, vatRateBasisPoints: line.vatRateBasisPoints };
    sum.netCents += line.netCents;
    byComponent.set(key, sum);
  }
  const revenue = [...byComponent.entries()]
    .filter(([, s]) => s.netCents !== 0)
    .map(([key, s]) =>
      posting('revenue', side, s.netCents, { component: key.split('|')[0]!, vatRateBasisPoints: s.vatRateBasisPoints }),
    );
  const rate = lines.find((l) => l.vatRateBasisPoints > 0)?.vatRateBasisPoints ?? lines[0]?.vatRateBasisPoints ?? 0;
  return vatCents === 0 ? revenue : [...revenue, posting('vat', side, vatCents, { vatRateBasisPoints: rate })];
}

const periodOf = (day: string): string => day.slice(0, 7);
const paymentEntryId = (streamId: string, paymentId: string) => `payment:${streamId}:${paymentId}`;
export const invoiceEntryId = (invoiceId: string) => `invoice:${invoiceId}`;
export const creditNoteEntryId = (creditNoteId: string) => `credit-note:${creditNoteId}`;

type EntryFields = Pick<
  JournalEntryDocument,
  | 'entryId'
  | 'kind'
  | 'provider'
  | 'customerId'
  | 'bookedOn'
  | 'documentId'
  | 'invoiceId'
  | 'postings'
  | 'lines'
  | 'creditNoteNumber'
>;

function entry(recorded: RecordedEvent, fields: EntryFields): JournalEntryDocument {
  const debit = fields.postings.reduce((s, p) => s + p.debitCents, 0);
  const credit = fields.postings.reduce((s, p) => s + p.creditCents, 0);
  if (debit !== credit)
    throw new Error(
      `journal: entry ${fields.entryId} of event ${recorded.id} does not balance (${debit} != ${credit})`,
    );
  return { invoiceNumber: null, ...fields, period: periodOf(fields.bookedOn) };
}

async function mustGet<T>(ctx: ProjectionContext, collection: string, id: string): Promise<T> {
  const found = await ctx.get<T>(collection, id);
  if (!found) throw new Error(`journal projection: ${collection} ${id} unknown`);
  return found.body;
}

type Handled =
  | InvoiceIssued
  | InvoiceNumberAssigned
  | CreditNoteIssued
  | CreditNoteNumberAssigned
  | PaymentReceived
  | PaymentReversed
  | RefundEntitlementGranted
  | RefundPaid;

export const journalProjection: ProjectionDefinition = {
  name: JOURNAL.name,
  version: JOURNAL.version,
  collections: [
    { name: JOURNAL.entries, indexes: ['period', 'bookedOn', 'provider', 'kind', 'invoiceId'] },
    { name: JOURNAL.creditNotes, indexes: ['invoiceId', 'customerId', 'provider', 'issuedOn'] },
    { name: JOURNAL.refunds, indexes: [] },
  ],
  handles: [
    'InvoiceIssued',
    'InvoiceNumberAssigned',
    'CreditNoteIssued',
    'CreditNoteNumberAssigned',
    'PaymentReceived',
    'PaymentReversed',
    'RefundEntitlementGranted',
    'RefundPaid',
  ],
  async apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    const event = { type: recorded.type, data: recorded.data } as Handled;
    switch (event.type) {
      case 'InvoiceIssued': {
        const d = event.data;
        const lines = d.lines.map(({ description, kind, netCents, vatRateBasisPoints }) => ({
          description,
          kind,
          netCents,
          vatRateBasisPoints,
        }));
        ctx.put(
          JOURNAL.entries,
          invoiceEntryId(d.invoiceId),
          entry(recorded, {
            entryId: invoiceEntryId(d.invoiceId),
            kind: 'invoice',
            provider: d.provider,
            customerId: d.customerId,
            bookedOn: d.issuedOn,
            documentId: d.invoiceId,
            invoiceId: d.invoiceId,
            postings: [posting('debtors', 'debit', d.totalCents), ...revenueAndVat(lines, d.vatCents, 'credit')],
            lines,
          }),
        );
        return;
      }
      case 'InvoiceNumberAssigned': {
        const id = invoiceEntryId(event.data.invoiceId);
        const invoice = await mustGet<JournalEntryDocument>(ctx, JOURNAL.entries, id);
        ctx.put(JOURNAL.entries, id, { ...invoice, invoiceNumber: event.data.invoiceNumber });
        return;
      }
      case 'CreditNoteIssued': {
        const d = event.data;
        const invoice = await mustGet<JournalEntryDocument>(ctx, JOURNAL.entries, invoiceEntryId(d.invoiceId));
        const invoiceLines = invoice.lines ?? [];
        const lines = allocateCredit(invoiceLines, d.netCents);
        const note: CreditNoteDocument = {
          creditNoteId: d.creditNoteId,
          invoiceId: d.invoiceId,
          customerId: d.customerId,
          provider: d.provider,
          ownerStreamId: recorded.streamId,
          issuedOn: d.issuedOn,
          netCents: d.netCents,
          vatCents: d.vatCents,
          totalCents: d.totalCents,
          vatRateBasisPoints: invoiceLines[0]?.vatRateBasisPoints ?? 0,
          lines,
          reason: d.reason,
          decisionId: d.decisionId,
          ruleIds: d.ruleIds,
          creditNoteNumber: null,
        };
        ctx.put(JOURNAL.creditNotes, d.creditNoteId, note);
        const id = creditNoteEntryId(d.creditNoteId);
        ctx.put(
          JOURNAL.entries,
          id,
          entry(recorded, {
            entryId: id,
            kind: 'credit-note',
            provider: d.provider,
            customerId: d.customerId,
            bookedOn: d.issuedOn,
            documentId: d.creditNoteId,
            invoiceId: d.invoiceId,
            creditNoteNumber: null,
            postings: [...revenueAndVat(lines, d.vatCents, 'debit'), posting('debtors', 'credit', d.totalCents)],
          }),
        );
        return;
      }
      case 'CreditNoteNumberAssigned': {
        const { creditNoteId, creditNoteNumber } = event.data;
        const note = await mustGet<CreditNoteDocument>(ctx, JOURNAL.creditNotes, creditNoteId);
        ctx.put(JOURNAL.creditNotes, creditNoteId, { ...note, creditNoteNumber });
        const id = creditNoteEntryId(creditNoteId);
        const noteEntry = await mustGet<JournalEntryDocument>(ctx, JOURNAL.entries, id);
        ctx.put(JOURNAL.entries, id, { ...noteEntry, creditNoteNumber });
        return;
      }
      case 'PaymentReceived': {
        const d = event.data;
        const id = paymentEntryId(recorded.streamId, d.paymentId);
        ctx.put(
          JOURNAL.entries,
          id,
          entry(recorded, {
            entryId: id,
            kind: 'payment',
            provider: d.provider,
            customerId: d.customerId,
            bookedOn: toLocalDate(d.receivedAt),
            documentId: d.paymentId,
            invoiceId: d.invoiceId,
            postings: [posting('bank', 'debit', d.amountCents), posting('debtors', 'credit', d.amountCents)],
          }),
        );
        return;
      }
      case 'PaymentReversed': {
        const d = event.data;
        const payment = await mustGet<JournalEntryDocument>(
          ctx,
          JOURNAL.entries,
          paymentEntryId(recorded.streamId, d.paymentId),
        );
        const id = `payment-reversal:${recorded.streamId}:${d.paymentId}`;
        ctx.put(
          JOURNAL.entries,
          id,
          entry(recorded, {
            entryId: id,
            kind: 'payment-reversal',
            provider: payment.provider,
            customerId: d.customerId,
            bookedOn: toLocalDate(d.reversedAt),
            documentId: d.paymentId,
            invoiceId: d.invoiceId,
            postings: [posting('debtors', 'debit', d.amountCents), posting('bank', 'credit', d.amountCents)],
          }),
        );
        return;
      }
      case 'RefundEntitlementGranted': {
        const d = event.data;
        const refund: RefundProviderDocument = { refundId: d.refundId, provider: d.provider, invoiceId: d.invoiceId };
        ctx.put(JOURNAL.refunds, d.refundId, refund);
        return;
      }
      case 'RefundPaid': {
        const d = event.data;
        const refund = await mustGet<RefundProviderDocument>(ctx, JOURNAL.refunds, d.refundId);
        // A refund may be paid out in parts: one entry per payout event.
        const id = `refund-payout:${recorded.id}`;
        ctx.put(
          JOURNAL.entries,
          id,
          entry(recorded, {
            entryId: id,
            kind: 'refund-payout',
            provider: refund.provider,
            customerId: d.customerId,
            bookedOn: toLocalDate(d.paidAt),
            documentId: d.refundId,
            invoiceId: refund.invoiceId,
            postings: [posting('debtors', 'debit', d.amountCents), posting('bank', 'credit', d.amountCents)],
          }),
        );
        return;
      }
      default:
        return;
    }
  },
};
