/**
 * Periods of whole calendar months counted from an anchor date (study years, monthly instalment
 * days). calendar.ts has addMonths but no "which period contains this date"; this adds it on top
 * of addMonths/compareDates only (each period start is computed from the anchor, so clamping of
 * the 29th-31st never drifts: 2026-01-31 + 1 month = 2026-02-28, + 2 months = 2026-03-31).
 */
import { addDays, addMonths, compareDates, type LocalDate } from '../../../calendar';

/** Period `k` starts on addMonths(anchor, stepMonths * k). */
export function periodStart(anchor: LocalDate, stepMonths: number, k: number): LocalDate {
  return addMonths(anchor, stepMonths * k);
}

/**
 * The index k (negative before the anchor) with periodStart(k) <= date < periodStart(k + 1).
 * The year/month difference only gives a first guess; the loops settle it with addMonths.
 */
export function periodIndex(anchor: LocalDate, stepMonths: number, date: LocalDate): number {
  const monthsApart =
    (Number(date.slice(0, 4)) - Number(anchor.slice(0, 4))) * 12 +
    (Number(date.slice(5, 7)) - Number(anchor.slice(5, 7)));
  let k = Math.floor(monthsApart / stepMonths);
  while (compareDates(periodStart(anchor, stepMonths, k), date) > 0) k--;
  while (compareDates(periodStart(anchor, stepMonths, k + 1), date) <= 0) k++;
  return k;
}

/** The first period start on or after `date` (at the earliest the anchor itself). */
export function firstPeriodStartOnOrAfter(
  anchor: LocalDate,
  stepMonths: number,
  date: LocalDate,
): { index: number; date: LocalDate } {
  if (compareDates(date, anchor) <= 0) return { index: 0, date: anchor };
  const k = periodIndex(anchor, stepMonths, date);
  const start = periodStart(anchor, stepMonths, k);
  if (start === date) return { index: k, date: start };
  return { index: k + 1, date: periodStart(anchor, stepMonths, k + 1) };
}

/** Number of period starts s with anchor <= s < end (the instalments falling due before `end`), at most `limit`. */
export function periodStartsBefore(anchor: LocalDate, stepMonths: number, end: LocalDate, limit: number): number {
  if (compareDates(end, anchor) <= 0) return 0;
  return Math.min(limit, periodIndex(anchor, stepMonths, addDays(end, -1)) + 1);
}
