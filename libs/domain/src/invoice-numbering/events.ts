/**
 * Invoice numbers (art. 35a lid 1 sub b Wet OB 1968: a unique number, consecutive in one or more
 * series; `FIN.invoiceSeries`): one series per provider and calendar year of the invoice date, in the stream
 * `invoice-numbers-<provider>-<year>`. Appending with the revision read makes the series unbroken
 * and free of duplicates even when several processes assign at once.
 */
import type { LocalDate, RulebookId } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';

export const INVOICE_NUMBERS_STREAM_PREFIX = 'invoice-numbers-';

export const invoiceSeriesOf = (provider: RulebookId, issuedOn: LocalDate): string =>
  `${provider}-${issuedOn.slice(0, 4)}`;
export const invoiceNumbersStreamId = (series: string): string => `${INVOICE_NUMBERS_STREAM_PREFIX}${series}`;

/** The rulebook's series prefix (its invoice-numbering act), the year and the sequence: e.g. XY-2026-000042. */
export function formatInvoiceNumber(prefix: string, year: string, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
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

export type InvoiceNumberingEvent = InvoiceNumberAssigned;
