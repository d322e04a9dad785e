/**
 * Statutory interest (docs/regulations.md §6): art. 6:119 BW (consumers) and art. 6:119a BW (businesses).
 *
 * Interpretations taken here (proposed ids; the catalogue records them as INTERP entries):
 *
 * - INT-I1 day count, actual/actual by calendar year: a day's interest is principal x annual rate /
 *   the number of days of that day's calendar year (365 or 366). Art. 6:119 sets a rate "per jaar";
 *   under actual/actual a whole calendar year at one rate yields exactly that rate, whereas
 *   actual/365 would charge a consumer 366/365 of the statutory rate in a leap year.
 * - INT-I2 rounding: interest is summed as an exact fraction (bigint numerator over one common
 *   denominator) and rounded half-up to the cent only when it is capitalised at an anniversary
 *   and once at the end. A period's `interestCents` is the difference of the rounded running
 *   total of its default year, so the periods add up to the capitalised amounts and the total
 *   exactly, and no rounding error accumulates period by period.
 * - INT-I3 anniversaries: year k of default ends on `defaultFrom + 12k months` (clamped, so a default
 *   starting 29 Feb compounds on 28 Feb in common years). Suspended days (EXC-12) accrue nothing but
 *   do not move an anniversary: the default itself continues during a complaint, only charging
 *   interest is suspended. Capitalisation happens at an anniversary even inside a suspension.
 * - INT-I4 unknown rates: a day the table does not cover (before its first entry or after
 *   `knownUntil`) makes the answer `rate-unknown` with the interest up to that day, never a number
 *   computed with a guessed rate. Suspended days need no rate, so they never make a rate unknown.
 *
 * `defaultFrom` is the first day interest runs: for an invoice payable by day X that is X + 1.
 */
import { addDays, addMonths, compareDates, daysBetween, isLocalDate, type LocalDate } from './calendar';
import { assertCents, type Cents } from './money';
import RATE_FILE from './statutory/interest-rates.json';

export interface InterestRateEntry {
  /** First day this rate applies. */
  effectiveFrom: LocalDate;
  /** Annual rate in basis points (700 = 7 %). */
  rateBasisPoints: number;
  /** The publication the rate was taken from. */
  source: string;
  /** False while the rate still has to be checked against the official publication. */
  confirmed?: boolean;
  /** Shipped in `statutory/interest-rates.json`, or recorded later by an admin (an event). */
  origin?: 'built-in' | 'recorded';
  /** The event that recorded it (recorded rates only). */
  recordedEventId?: string | null;
}

/** One rate as a balance cites it: which table, from when, where it came from. */
export interface InterestRateVersion {
  tableId: string;
  effectiveFrom: LocalDate;
  rateBasisPoints: number;
  origin: 'built-in' | 'recorded';
  confirmed: boolean;
  recordedEventId: string | null;
}

export interface InterestRateTable {
  id: string;
  legalBasis: string;
  /** The data file's version, `+<event id>` of the last recorded rate when extended (absent in hand-made tables). */
  version?: string;
  /** Ascending by `effectiveFrom`; the first entry's date is the first day the table covers. */
  entries: readonly InterestRateEntry[];
  /** Last day (inclusive) whose rate is confirmed; later days have no known rate. */
  knownUntil: LocalDate;
}

export interface InterestPeriod {
  from: LocalDate;
  /** Exclusive end. */
  until: LocalDate;
  rateBasisPoints: number;
  principalCents: Cents;
  /** Accruing days in the period (until - from; suspended days are never inside a period). */
  days: number;
  interestCents: Cents;
}

/**
 * `compoundedAt`: the anniversaries (before `until`) on which the year's interest was added to the
 * principal. `rate-unknown`: `unknownFrom` is the first accruing day without a known rate and
 * `interestCentsUntilUnknown` the interest (compounded, rounded half-up) of the days before it.
 */
export type InterestResult =
  | { status: 'ok'; interestCents: Cents; periods: InterestPeriod[]; compoundedAt: LocalDate[] }
  | { status: 'rate-unknown'; unknownFrom: LocalDate; interestCentsUntilUnknown: Cents };

export interface StatutoryInterestInput {
  principalCents: Cents;
  /** First day interest runs. */
  defaultFrom: LocalDate;
  /** Exclusive end: interest accrues for each day d with defaultFrom <= d < until. */
  until: LocalDate;
  table: InterestRateTable;
  /** EXC-12: no accrual on these days; exclusive ends; may overlap. */
  suspendedPeriods?: ReadonlyArray<{ from: LocalDate; until: LocalDate }>;
}

export class InterestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterestInputError';
  }
}

/** Rate data must not be mutated after publication: a recorded decision cites it. */
function frozenTable(table: InterestRateTable): InterestRateTable {
  return Object.freeze({ ...table, entries: Object.freeze(table.entries.map((entry) => Object.freeze({ ...entry }))) });
}

interface RateFileTable {
  id: string;
  customerKind: 'consumer' | 'business';
  legalBasis: string;
  knownUntil: string;
  entries: Array<{ effectiveFrom: string; rateBasisPoints: number; source: string; confirmed: boolean }>;
}

/** The data file's version: names the built-in rates a balance used (with the recorded ones after it). */
export const BUILT_IN_RATES_VERSION: string = RATE_FILE.dataVersion;

function builtInTable(customerKind: 'consumer' | 'business'): InterestRateTable {
  const tables = RATE_FILE.tables as RateFileTable[];
  const table = tables.find((t) => t.customerKind === customerKind);
  if (!table) throw new InterestInputError(`interest-rates.json has no ${customerKind} table`);
  const built = frozenTable({
    id: table.id,
    legalBasis: table.legalBasis,
    version: BUILT_IN_RATES_VERSION,
    knownUntil: table.knownUntil,
    entries: table.entries.map((entry) => ({ ...entry, origin: 'built-in' as const, recordedEventId: null })),
  });
  validateTable(built);
  return built;
}

/**
 * Art. 6:119 BW, set by Order in Council amending the Besluit vaststelling wettelijke rente. The
 * rates and their sources live in `statutory/interest-rates.json`.
 */
export const CONSUMER_INTEREST_TABLE: InterestRateTable = builtInTable('consumer');

/**
 * Art. 6:119a BW: ECB main refinancing rate before the half-year's first day + 8 points (art. 6:120
 * lid 2), changing on 1 January and 1 July. Rates and sources in `statutory/interest-rates.json`.
 */
export const COMMERCIAL_INTEREST_TABLE: InterestRateTable = builtInTable('business');

export function interestTableFor(customerKind: 'consumer' | 'business'): InterestRateTable {
  return customerKind === 'consumer' ? CONSUMER_INTEREST_TABLE : COMMERCIAL_INTEREST_TABLE;
}

/** A rate an admin recorded after the built-in table (POST /admin/statutory-rates): an event, no release. */
export interface RecordedInterestRate {
  customerKind: 'consumer' | 'business';
  effectiveFrom: LocalDate;
  /** Last day the published rate applies (the end of its half-year). */
  knownUntil: LocalDate;
  rateBasisPoints: number;
  source: string;
  /** Id of the event that recorded it: the rate's version. */
  eventId: string;
  recordedAt: string;
}

/** Half-years: a statutory rate takes effect on 1 January or 1 July and runs to the half-year's end. */
export function halfYearEnd(effectiveFrom: LocalDate): LocalDate | null {
  const monthDay = effectiveFrom.slice(5);
  if (monthDay === '01-01') return `${effectiveFrom.slice(0, 4)}-06-30`;
  if (monthDay === '07-01') return `${effectiveFrom.slice(0, 4)}-12-31`;
  return null;
}

/**
 * The built-in table extended by recorded rates (INT-I4 still holds beyond them). Only rates after
 * the built-in table count, a later recording of the same half-year corrects an earlier one, and
 * the table stops at the first gap: a day without a published rate stays `rate-unknown`.
 */
export function withRecordedRates(
  table: InterestRateTable,
  recorded: readonly RecordedInterestRate[],
): InterestRateTable {
  const byStart = new Map<LocalDate, RecordedInterestRate>();
  for (const rate of recorded) {
    if (rate.effectiveFrom <= table.knownUntil) continue;
    const earlier = byStart.get(rate.effectiveFrom);
    if (!earlier || earlier.recordedAt <= rate.recordedAt) byStart.set(rate.effectiveFrom, rate);
  }
  const entries: InterestRateEntry[] = [...table.entries];
  let knownUntil = table.knownUntil;
  let lastEventId: string | null = null;
  for (const rate of [...byStart.values()].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom))) {
    if (rate.effectiveFrom !== addDays(knownUntil, 1)) break;
    entries.push({
      effectiveFrom: rate.effectiveFrom,
      rateBasisPoints: rate.rateBasisPoints,
      source: rate.source,
      confirmed: true,
      origin: 'recorded',
      recordedEventId: rate.eventId,
    });
    knownUntil = rate.knownUntil;
    lastEventId = rate.eventId;
  }
  if (lastEventId === null) return table;
  const extended = frozenTable({ ...table, entries, knownUntil, version: `${table.version}+${lastEventId}` });
  validateTable(extended);
  return extended;
}

/** The rate versions in force on some day of [from, until] (inclusive), as cited by a balance. */
export function ratesInForce(table: InterestRateTable, from: LocalDate, until: LocalDate): InterestRateVersion[] {
  const last = until < table.knownUntil ? until : table.knownUntil;
  return table.entries
    .filter((entry, i) => {
      const next = table.entries[i + 1];
      const lastDay = next ? addDays(next.effectiveFrom, -1) : table.knownUntil;
      return entry.effectiveFrom <= last && lastDay >= from;
    })
    .map((entry) => ({
      tableId: table.id,
      effectiveFrom: entry.effectiveFrom,
      rateBasisPoints: entry.rateBasisPoints,
      origin: entry.origin ?? 'built-in',
      confirmed: entry.confirmed ?? true,
      recordedEventId: entry.recordedEventId ?? null,
    }));
}

/**
 * Every day's interest is a multiple of 1 / (10,000 bp x 365 x 366) of principal x rate, so one
 * bigint denominator holds both common and leap years exactly (INT-I1, INT-I2).
 */
const COMMON_DENOMINATOR = 10_000n * 365n * 366n;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Numerator (over COMMON_DENOMINATOR) of one day's share of the annual rate in `year`. */
function dayShareNumerator(year: number): bigint {
  return isLeapYear(year) ? 365n : 366n;
}

function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

function earliest(...dates: LocalDate[]): LocalDate {
  return dates.reduce((a, b) => (b < a ? b : a));
}

function validateTable(table: InterestRateTable): void {
  const { entries, knownUntil } = table;
  if (entries.length === 0) throw new InterestInputError(`Interest table ${table.id} has no rates`);
  if (!isLocalDate(knownUntil)) throw new InterestInputError(`Interest table ${table.id}: knownUntil is not a date`);
  entries.forEach((entry, i) => {
    if (!isLocalDate(entry.effectiveFrom))
      throw new InterestInputError(`Interest table ${table.id}: bad date ${entry.effectiveFrom}`);
    if (!Number.isSafeInteger(entry.rateBasisPoints) || entry.rateBasisPoints < 0) {
      throw new InterestInputError(`Interest table ${table.id}: rate must be whole non-negative basis points`);
    }
    const previous = entries[i - 1];
    if (previous && entry.effectiveFrom <= previous.effectiveFrom) {
      throw new InterestInputError(`Interest table ${table.id}: entries must be strictly ascending by effectiveFrom`);
    }
    if (entry.effectiveFrom > knownUntil) {
      throw new InterestInputError(
        `Interest table ${table.id}: entry ${entry.effectiveFrom} lies after knownUntil ${knownUntil}`,
      );
    }
  });
}

function rateInForceOn(table: InterestRateTable, day: LocalDate): InterestRateEntry | undefined {
  if (day > table.knownUntil) return undefined;
  let inForce: InterestRateEntry | undefined;
  for (const entry of table.entries) {
    if (entry.effectiveFrom <= day) inForce = entry;
    else break;
  }
  return inForce;
}

function nextRateChangeAfter(table: InterestRateTable, day: LocalDate): LocalDate | undefined {
  return table.entries.find((entry) => entry.effectiveFrom > day)?.effectiveFrom;
}

type Span = { from: LocalDate; until: LocalDate };

/** Clips suspensions to the interest window and merges overlaps, sorted. */
function normaliseSuspensions(periods: ReadonlyArray<Span>, window: Span): Span[] {
  for (const p of periods) {
    if (compareDates(p.from, p.until) > 0) {
      throw new InterestInputError(`Suspension ends (${p.until}) before it starts (${p.from})`);
    }
  }
  const clipped = periods
    .map((p) => ({
      from: p.from < window.from ? window.from : p.from,
      until: p.until > window.until ? window.until : p.until,
    }))
    .filter((p) => p.from < p.until)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Span[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.until) last.until = p.until > last.until ? p.until : last.until;
    else merged.push({ ...p });
  }
  return merged;
}

/**
 * Statutory interest with yearly compounding (art. 6:119 lid 2 BW) over an effective-dated rate
 * table; see the module comment for INT-I1..I4.
 */
export function statutoryInterest(input: StatutoryInterestInput): InterestResult {
  const { principalCents, defaultFrom, until, table } = input;
  assertCents(principalCents, 'principal');
  if (principalCents < 0) throw new InterestInputError(`Principal must not be negative, got ${principalCents}`);
  if (compareDates(defaultFrom, until) > 0) {
    throw new InterestInputError(`Interest end (${until}) lies before the first day of default (${defaultFrom})`);
  }
  validateTable(table);
  const suspensions = normaliseSuspensions(input.suspendedPeriods ?? [], { from: defaultFrom, until });

  const periods: InterestPeriod[] = [];
  const compoundedAt: LocalDate[] = [];
  let principal = BigInt(principalCents);
  let capitalisedCents = 0n;
  let defaultYear = 1;
  let nextAnniversary = addMonths(defaultFrom, 12);
  // Exact interest of the current default year, over COMMON_DENOMINATOR.
  let yearNumerator = 0n;
  // Cents already attributed to this default year's periods (rounded running total).
  let yearCentsAttributed = 0n;

  const totalSoFar = () => capitalisedCents + roundHalfUp(yearNumerator, COMMON_DENOMINATOR);

  let cursor = defaultFrom;
  while (cursor < until) {
    if (cursor === nextAnniversary) {
      const yearCents = roundHalfUp(yearNumerator, COMMON_DENOMINATOR);
      principal += yearCents;
      capitalisedCents += yearCents;
      compoundedAt.push(cursor);
      yearNumerator = 0n;
      yearCentsAttributed = 0n;
      defaultYear += 1;
      nextAnniversary = addMonths(defaultFrom, 12 * defaultYear);
      continue;
    }

    const suspension = suspensions.find((s) => s.from <= cursor && cursor < s.until);
    if (suspension) {
      cursor = earliest(suspension.until, nextAnniversary, until);
      continue;
    }

    const rate = rateInForceOn(table, cursor);
    if (!rate) {
      return { status: 'rate-unknown', unknownFrom: cursor, interestCentsUntilUnknown: Number(totalSoFar()) };
    }

    const year = Number(cursor.slice(0, 4));
    const boundaries: LocalDate[] = [until, nextAnniversary, `${year + 1}-01-01`, addDays(table.knownUntil, 1)];
    const rateChange = nextRateChangeAfter(table, cursor);
    if (rateChange) boundaries.push(rateChange);
    const nextSuspension = suspensions.find((s) => s.from > cursor);
    if (nextSuspension) boundaries.push(nextSuspension.from);
    const periodEnd = earliest(...boundaries);

    const days = daysBetween(cursor, periodEnd);
    yearNumerator += principal * BigInt(rate.rateBasisPoints) * BigInt(days) * dayShareNumerator(year);
    const yearCentsNow = roundHalfUp(yearNumerator, COMMON_DENOMINATOR);
    periods.push({
      from: cursor,
      until: periodEnd,
      rateBasisPoints: rate.rateBasisPoints,
      principalCents: Number(principal),
      days,
      interestCents: Number(yearCentsNow - yearCentsAttributed),
    });
    yearCentsAttributed = yearCentsNow;
    cursor = periodEnd;
  }

  return { status: 'ok', interestCents: assertCents(Number(totalSoFar()), 'interest'), periods, compoundedAt };
}
