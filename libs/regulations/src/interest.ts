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

export interface InterestRateEntry {
  /** First day this rate applies. */
  effectiveFrom: LocalDate;
  /** Annual rate in basis points (700 = 7 %). */
  rateBasisPoints: number;
  /** The publication the rate was taken from. */
  source: string;
}

export interface InterestRateTable {
  id: string;
  legalBasis: string;
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

/**
 * Art. 6:119 BW, set by Order in Council amending the Besluit vaststelling wettelijke rente.
 * Ends at 2025-06-30: no source confirming the rate from 2025-07-01 was available.
 */
export const CONSUMER_INTEREST_TABLE: InterestRateTable = frozenTable({
  id: 'nl-wettelijke-rente-6-119',
  legalBasis: 'art. 6:119 BW (non-commercial transactions, consumers)',
  entries: [
    {
      effectiveFrom: '2015-01-01',
      rateBasisPoints: 200,
      source:
        'Order in Council lowering the rate from 3 % to 2 % from 2015-01-01 (ministerraad 2014-11-07; Staatsblad); ' +
        'advocatenkantooroste.nl/verlaging-wettelijke-rente, findinet.nl/persbericht/wettelijke-rente-gaat-naar-2; ' +
        'still 2 % on 2021-01-04 (legalsearch.nl) and until 2022-12-31 (fieldfisher.com: "was 2 %, as of 1 January [2023] 4 %")',
    },
    {
      effectiveFrom: '2023-01-01',
      rateBasisPoints: 400,
      source:
        'Order in Council, rate 4 % from 2023-01-01; nfco.nl 2023-01-11, debloggendeadvocaat.nl 2023-07-09, ' +
        'wieringa-advocaten.nl 2024-01-16',
    },
    {
      effectiveFrom: '2023-07-01',
      rateBasisPoints: 600,
      source: 'Staatsblad 2023, 235, rate 6 % from 2023-07-01 (vfn.nl; topinkomens.nl 2023-08-29; watsonlaw.nl)',
    },
    {
      effectiveFrom: '2024-01-01',
      rateBasisPoints: 700,
      source:
        'Order in Council of 2023-12-20, rate 7 % from 2024-01-01 (wieringa-advocaten.nl 2024-01-16; smkaccountants.nl 2024-01-03); ' +
        'unchanged on 2024-07-01 (metaalunie.nl "Wettelijke rente per 1 juli 2024")',
    },
    {
      effectiveFrom: '2025-01-01',
      rateBasisPoints: 600,
      source:
        'Order in Council of 2024-12-10, rate 6 % from 2025-01-01 (wieringa-advocaten.nl 2025-01-13; vvoadvocatuur.nl)',
    },
  ],
  knownUntil: '2025-06-30',
});

/**
 * Art. 6:119a BW: ECB main refinancing rate before the half-year's first day + 8 points (art. 6:120
 * lid 2), changing on 1 January and 1 July. Ends at 2025-06-30: no source confirming the rate
 * from 2025-07-01 was available.
 */
export const COMMERCIAL_INTEREST_TABLE: InterestRateTable = frozenTable({
  id: 'nl-wettelijke-handelsrente-6-119a',
  legalBasis: 'art. 6:119a BW (commercial transactions, businesses)',
  entries: [
    {
      effectiveFrom: '2020-01-01',
      rateBasisPoints: 800,
      source:
        'ECB MRO 0.00 % + 8 (in force before 2020; the table starts at 2020-01-01); Rijksoverheid "Hoe hoog is de wettelijke rente?" 8.00 %; ' +
        'legalsearch.nl 2021-01-04; watsonlaw.nl ("op 1 januari 2022 nog 8 %"); debloggendeadvocaat.nl ("van 8 % naar 10,5 %" on 2023-01-01)',
    },
    {
      effectiveFrom: '2023-01-01',
      rateBasisPoints: 1050,
      source:
        'ECB MRO 2.50 % + 8; debloggendeadvocaat.nl 2023-07-09, fieldfisher.com ("commercial interest is 10.5 %")',
    },
    {
      effectiveFrom: '2023-07-01',
      rateBasisPoints: 1200,
      source:
        'ECB MRO 4.00 % + 8; watsonlaw.nl "Wettelijke handelsrente vanaf 1 juli naar 12 %", debloggendeadvocaat.nl 2023-07-09',
    },
    {
      effectiveFrom: '2024-01-01',
      rateBasisPoints: 1250,
      source: 'ECB MRO 4.50 % + 8; wieringa-advocaten.nl 2024-01-16, e-justice.europa.eu (Netherlands, interest rates)',
    },
    {
      effectiveFrom: '2024-07-01',
      rateBasisPoints: 1225,
      source: 'ECB MRO 4.25 % + 8; metaalunie.nl "Wettelijke rente per 1 juli 2024"',
    },
    {
      effectiveFrom: '2025-01-01',
      rateBasisPoints: 1115,
      source: 'ECB MRO 3.15 % + 8; wieringa-advocaten.nl 2025-01-13, vvoadvocatuur.nl',
    },
  ],
  knownUntil: '2025-06-30',
});

export function interestTableFor(customerKind: 'consumer' | 'business'): InterestRateTable {
  return customerKind === 'consumer' ? CONSUMER_INTEREST_TABLE : COMMERCIAL_INTEREST_TABLE;
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
