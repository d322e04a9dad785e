/**
 * The participant's billing years (INTERP SPOT-I2): year k runs from the invoice date's k-th
 * anniversary (inclusive) to the next (exclusive). Each anniversary is computed from the invoice
 * date with calendar.addMonths, so an invoice date of 29 Feb falls on 28 Feb in common years and
 * on 29 Feb again in leap years. calendar.ts has no "which period contains this date"; this adds it.
 */
import { addMonths, compareDates, type LocalDate } from '../../../calendar';

export interface BillingYear {
  /** The invoice date that opened this billing year. */
  start: LocalDate;
  /** The next invoice date (exclusive end). */
  next: LocalDate;
  /** Years since the invoice date (negative before it). */
  index: number;
}

function anniversary(invoiceDate: LocalDate, k: number, stepMonths: number): LocalDate {
  return addMonths(invoiceDate, stepMonths * k);
}

/** The billing year containing `date`. The year difference is a first guess settled by addMonths. */
export function billingYearOf(invoiceDate: LocalDate, date: LocalDate, stepMonths = 12): BillingYear {
  const monthsApart =
    (Number(date.slice(0, 4)) - Number(invoiceDate.slice(0, 4))) * 12 +
    (Number(date.slice(5, 7)) - Number(invoiceDate.slice(5, 7)));
  let k = Math.floor(monthsApart / stepMonths);
  while (compareDates(anniversary(invoiceDate, k, stepMonths), date) > 0) k--;
  while (compareDates(anniversary(invoiceDate, k + 1, stepMonths), date) <= 0) k++;
  return {
    start: anniversary(invoiceDate, k, stepMonths),
    next: anniversary(invoiceDate, k + 1, stepMonths),
    index: k,
  };
}
