/**
 * Statutory interest on a principal that changes over time (`FIN.tranches`). `statutoryInterest` takes one
 * constant principal; an invoice's overdue principal drops with each payment or credit note. The
 * overdue principal is split into tranches, each owed from its own first day until it is paid, and
 * each tranche's interest is `statutoryInterest` over its own span (yearly compounding from the
 * tranche's first day, rate changes and suspended days included).
 */
import {
  compareDates,
  daysBetween,
  statutoryInterest,
  type InterestPeriod,
  type InterestRateTable,
  type LocalDate,
} from '@ledger/regulations';

/** A signed change of what the invoice asks, effective from `on` (inclusive). */
export interface PrincipalChange {
  on: LocalDate;
  deltaCents: number;
}

export interface Tranche {
  amountCents: number;
  from: LocalDate;
  /** Exclusive. */
  until: LocalDate;
}

export interface DateSpan {
  from: LocalDate;
  /** Exclusive. */
  until: LocalDate;
}

/** The raw amount asked (may be negative when overpaid) after every change effective on or before `day`. */
export function principalOn(openingCents: number, changes: readonly PrincipalChange[], day: LocalDate): number {
  return changes.reduce((sum, c) => (c.on <= day ? sum + c.deltaCents : sum), openingCents);
}

/**
 * Splits the overdue principal max(0, raw) over [from, until) into tranches, last in first out: a
 * drop closes the most recent tranche first, a rise opens a new one. Over [from, until) the sum of
 * the open tranches equals the overdue principal on every day.
 */
export function principalTranches(
  openingCents: number,
  changes: readonly PrincipalChange[],
  window: DateSpan,
): Tranche[] {
  if (compareDates(window.from, window.until) >= 0) return [];
  let raw = principalOn(openingCents, changes, window.from);
  let level = Math.max(0, raw);
  const open: Array<{ amountCents: number; from: LocalDate }> =
    level > 0 ? [{ amountCents: level, from: window.from }] : [];
  const closed: Tranche[] = [];
  const inside = changes
    .filter((c) => c.on > window.from && c.on < window.until && c.deltaCents !== 0)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let i = 0;
  while (i < inside.length) {
    const day = inside[i]!.on;
    while (i < inside.length && inside[i]!.on === day) raw += inside[i++]!.deltaCents;
    const next = Math.max(0, raw);
    if (next > level) open.push({ amountCents: next - level, from: day });
    let drop = level - next;
    while (drop > 0) {
      const top = open[open.length - 1]!;
      const part = Math.min(drop, top.amountCents);
      closed.push({ amountCents: part, from: top.from, until: day });
      top.amountCents -= part;
      drop -= part;
      if (top.amountCents === 0) open.pop();
    }
    level = next;
  }
  for (const t of open) closed.push({ amountCents: t.amountCents, from: t.from, until: window.until });
  return closed.filter((t) => t.amountCents > 0 && t.from < t.until);
}

export interface TrancheInterest extends Tranche {
  interestCents: number;
  compoundedAt: LocalDate[];
  periods: InterestPeriod[];
}

export type TranchesInterestResult =
  | { status: 'ok'; interestCents: number; tranches: TrancheInterest[] }
  /** `INTEREST_READINGS.rateUnknown`: some day has no known rate; `knownInterestCents` is the interest of the days before it. */
  | { status: 'rate-unknown'; unknownFrom: LocalDate; knownInterestCents: number; rateKnownUntil: LocalDate };

/** Interest of every tranche, summed; `rate-unknown` as soon as one tranche needs an unknown rate. */
export function interestOnTranches(
  tranches: readonly Tranche[],
  table: InterestRateTable,
  suspended: readonly DateSpan[] = [],
): TranchesInterestResult {
  let total = 0;
  let knownTotal = 0;
  let unknownFrom: LocalDate | undefined;
  const results: TrancheInterest[] = [];
  for (const tranche of tranches) {
    const result = statutoryInterest({
      principalCents: tranche.amountCents,
      defaultFrom: tranche.from,
      until: tranche.until,
      table,
      suspendedPeriods: suspended,
    });
    if (result.status === 'rate-unknown') {
      knownTotal += result.interestCentsUntilUnknown;
      if (unknownFrom === undefined || result.unknownFrom < unknownFrom) unknownFrom = result.unknownFrom;
      continue;
    }
    total += result.interestCents;
    knownTotal += result.interestCents;
    results.push({
      ...tranche,
      interestCents: result.interestCents,
      compoundedAt: result.compoundedAt,
      periods: result.periods,
    });
  }
  if (unknownFrom !== undefined)
    return { status: 'rate-unknown', unknownFrom, knownInterestCents: knownTotal, rateKnownUntil: table.knownUntil };
  return { status: 'ok', interestCents: total, tranches: results };
}

/** Days of `suspended` (merged) that fall inside [from, until). */
export function suspendedDaysWithin(suspended: readonly DateSpan[], window: DateSpan): number {
  const clipped = suspended
    .map((span) => ({
      from: span.from > window.from ? span.from : window.from,
      until: span.until < window.until ? span.until : window.until,
    }))
    .filter((span) => span.from < span.until)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let days = 0;
  let coveredUntil: LocalDate | undefined;
  for (const span of clipped) {
    const from = coveredUntil && coveredUntil > span.from ? coveredUntil : span.from;
    if (from < span.until) days += daysBetween(from, span.until);
    if (!coveredUntil || span.until > coveredUntil) coveredUntil = span.until;
  }
  return days;
}
