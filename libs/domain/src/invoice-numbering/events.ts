/**
 * Document numbers (art. 35a lid 1 sub b Wet OB 1968: a unique number, consecutive in one or more
 * series). Invoices (`FIN.invoiceSeries`) and credit notes (`FIN.creditNoteSeries`, a creditnota
 * is an invoice to the tax law and needs a number of its own) each have one series per provider and
 * calendar year of the document's date, in the streams `invoice-numbers-<provider>-<year>` and
 * `credit-note-numbers-<provider>-<year>`. Appending with the revision read makes a series
 * unbroken and free of duplicates even when several processes assign at once.
 */
import type { LocalDate, RulebookId } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';

export const INVOICE_NUMBERS_STREAM_PREFIX = 'invoice-numbers-';
export const CREDIT_NOTE_NUMBERS_STREAM_PREFIX = 'credit-note-numbers-';

export const invoiceSeriesOf = (provider: RulebookId, issuedOn: LocalDate): string =>
  `${provider}-${issuedOn.slice(0, 4)}`;
export const invoiceNumbersStreamId = (series: string): string => `${INVOICE_NUMBERS_STREAM_PREFIX}${series}`;
export const creditNoteNumbersStreamId = (series: string): string => `${CREDIT_NOTE_NUMBERS_STREAM_PREFIX}${series}`;

const sequenceText = (sequence: number): string => String(sequence).padStart(6, '0');

/** The rulebook's series prefix (its invoice-numbering act), the year and the sequence: e.g. XY-2026-000042. */
export function formatInvoiceNumber(prefix: string, year: string, sequence: number): string {
  return `${prefix}-${year}-${sequenceText(sequence)}`;
}

/** The same prefix with `CN` for the credit notes' own series: e.g. XY-CN-2026-000007. */
export function formatCreditNoteNumber(prefix: string, year: string, sequence: number): string {
  return `${prefix}-CN-${year}-${sequenceText(sequence)}`;
}

export type InvoiceNumberAssigned = DomainEvent<
  'InvoiceNumberAssigned',
  {
    invoiceId: string;
    provider: RulebookId;
    series: string;
    /** 1, 2, 3, ... within the series, without gaps. */
    sequence: number;
    invoiceNumber: string;
    /**
     * The betalingskenmerk payers quote (year + sequence, with its check digit); absent on numbers
     * assigned before it existed: `paymentReferenceFor(issuedOn, sequence)` gives the same value.
     */
    paymentReference?: string;
    issuedOn: LocalDate;
    ownerStreamId: string;
  }
>;

/** A credit note's number in its provider's credit-note series of the year of its date (`FIN.creditNoteSeries`). */
export type CreditNoteNumberAssigned = DomainEvent<
  'CreditNoteNumberAssigned',
  {
    creditNoteId: string;
    /** The invoice it credits, so a reader of the series alone can name both documents. */
    invoiceId: string;
    provider: RulebookId;
    series: string;
    /** 1, 2, 3, ... within the series, without gaps. */
    sequence: number;
    creditNoteNumber: string;
    issuedOn: LocalDate;
    ownerStreamId: string;
  }
>;

export type InvoiceNumberingEvent = InvoiceNumberAssigned | CreditNoteNumberAssigned;
