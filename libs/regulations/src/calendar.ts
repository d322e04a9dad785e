/**
 * The one calendar module (docs/regulations.md §0). Dates are ISO `YYYY-MM-DD` strings in
 * Europe/Amsterdam; instants are ISO 8601 strings with an offset. Luxon does the time-zone and
 * month arithmetic; the holiday list is versioned data so a rulebook can add closing days.
 */
import { DateTime, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

export const LEDGER_ZONE = 'Europe/Amsterdam';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Hours whose offset is remembered; about 11 years of distinct hours, then the cache starts over. */
const REMEMBERED_HOURS_LIMIT = 100_000;

/**
 * Luxon's IANA zone with its UTC offsets remembered per hour. Luxon asks Intl for the offset of
 * every instant it converts (`formatToParts`), which was most of the calendar's cost and 6-8 % of a
 * rebuild's CPU: every event has an instant of its own, so caching parsed instants did not help.
 * An hour is remembered only when its offset is the same at its first and last millisecond, so an
 * hour with a transition in it (none in Europe/Amsterdam since 1940, whose transitions fall on
 * whole UTC hours) is always asked of Intl. Names and formats come from the IANA zone itself.
 */
class HourlyRememberedZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly iana: IANAZone) {
    super();
  }

  override get type(): string {
    return this.iana.type;
  }
  override get name(): string {
    return this.iana.name;
  }
  get ianaName(): string {
    return this.iana.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return this.iana.isValid;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.iana.offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.iana.formatOffset(ts, format);
  }
  override equals(other: Zone): boolean {
    return other.type === this.type && other.name === this.name;
  }
  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    const known = this.offsets.get(hour);
    if (known !== undefined) return known;
    const offset = this.iana.offset(ts);
    if (
      Number.isFinite(offset) &&
      this.iana.offset(hour * HOUR_MS) === offset &&
      this.iana.offset((hour + 1) * HOUR_MS - 1) === offset
    ) {
      if (this.offsets.size >= REMEMBERED_HOURS_LIMIT) this.offsets.clear();
      this.offsets.set(hour, offset);
    }
    return offset;
  }
}

/** The zone every calendar computation runs in (LEDGER_ZONE). */
const ledgerZone: Zone = new HourlyRememberedZone(IANAZone.create(LEDGER_ZONE));

/** A calendar date, `YYYY-MM-DD`, meaning a day in Europe/Amsterdam. */
export type LocalDate = string;
/** An instant, ISO 8601 with offset or `Z`. */
export type Instant = string;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

/** Working-day calendar: versioned data, so a provider can add its own closing days. */
export interface WorkingDayCalendar {
  id: string;
  version: string;
  /** Extra non-working days on top of the Algemene termijnenwet art. 3 lid 1-2 list. */
  extraClosedDays: readonly LocalDate[];
}

/** Algemene termijnenwet art. 3 lid 1-2 only; lid 3 days are working days (CAL-I1). */
export const TERMIJNENWET_CALENDAR: WorkingDayCalendar = Object.freeze({
  id: 'nl-algemene-termijnenwet',
  version: '2024-01-01',
  extraClosedDays: Object.freeze([]) as readonly LocalDate[],
});

/**
 * Parsed dates, by text. Luxon's zone handling (Intl offset look-ups) dominated the cost of the
 * working-day loops; a DateTime is immutable, so one parse per distinct date can be shared. Only
 * valid dates are cached; the bound keeps the cache small whatever the input.
 */
const PARSED_DATES_LIMIT = 8_192;
const parsedDates = new Map<LocalDate, DateTime>();

/**
 * The cached result for `key`, computed once: results are immutable (text or luxon values), and a
 * computation that throws (invalid input) caches nothing. Bounded like parsedDates.
 */
function remembered<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = compute();
  if (cache.size >= PARSED_DATES_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function parseLocalDate(date: LocalDate): DateTime {
  return remembered(parsedDates, date, () => {
    if (!LOCAL_DATE.test(date)) throw new CalendarInputError(`Not a calendar date (YYYY-MM-DD): ${date}`);
    const parsed = DateTime.fromISO(date, { zone: ledgerZone });
    if (!parsed.isValid) throw new CalendarInputError(`Impossible calendar date: ${date}`);
    return parsed;
  });
}

/** Parses an instant; a bare date means the start of that day in Amsterdam. */
const parsedInstants = new Map<Instant, DateTime>();

export function parseInstant(value: Instant | LocalDate): DateTime {
  if (LOCAL_DATE.test(value)) return parseLocalDate(value);
  return remembered(parsedInstants, value, () => {
    const parsed = DateTime.fromISO(value, { setZone: true });
    if (!parsed.isValid || !/([zZ]|[+-]\d{2}:?\d{2})$/.test(value)) {
      throw new CalendarInputError(`Not an ISO 8601 instant with offset: ${value}`);
    }
    return parsed.setZone(ledgerZone);
  });
}

/** Through the parse cache: a check with its own luxon parse cost about 30 us, once per date field of every command. */
export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

export function isInstant(value: string): boolean {
  try {
    parseInstant(value);
    return !LOCAL_DATE.test(value);
  } catch {
    return false;
  }
}

/** The Amsterdam calendar date of an instant (or the date itself). */
export function toLocalDate(value: Instant | LocalDate): LocalDate {
  return parseInstant(value).toISODate()!;
}

/** The Amsterdam date of an instant (or the date itself) as Dutch documents write it: dd-mm-jjjj. */
export function formatDateNl(value: Instant | LocalDate): string {
  return parseInstant(value).toFormat('dd-LL-yyyy');
}

/** Start of the Amsterdam day as an instant with offset. */
const startsOfDays = new Map<LocalDate, Instant>();

export function startOfDay(date: LocalDate): Instant {
  return remembered(startsOfDays, date, () =>
    parseLocalDate(date).startOf('day').toISO({ suppressMilliseconds: true })!,
  );
}

/** Local wall-clock time in Amsterdam: hour and minute (DST-correct). */
export function localTimeOf(instant: Instant): { date: LocalDate; hour: number; minute: number } {
  const t = parseInstant(instant);
  return { date: t.toISODate()!, hour: t.hour, minute: t.minute };
}

/** True when the instant is strictly before hh:mm local time on its own Amsterdam day. */
export function isBeforeLocalTime(instant: Instant, hour: number, minute = 0): boolean {
  const t = parseInstant(instant);
  return t < t.set({ hour, minute, second: 0, millisecond: 0 });
}

/** Exact elapsed hours from `from` to `to` (negative when `to` is earlier). */
export function hoursBetween(from: Instant, to: Instant): number {
  return parseInstant(to).diff(parseInstant(from), 'hours').hours;
}

export function compareInstants(a: Instant, b: Instant): number {
  return Math.sign(parseInstant(a).toMillis() - parseInstant(b).toMillis());
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  parseLocalDate(a);
  parseLocalDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Day arithmetic (the working-day loops' step, due dates), cached like parsed dates. */
const shiftedDays = new Map<string, LocalDate>();

export function addDays(date: LocalDate, days: number): LocalDate {
  return remembered(shiftedDays, `${date}|${days}`, () => parseLocalDate(date).plus({ days }).toISODate()!);
}

/** Calendar-month arithmetic, clamping to the last day of a shorter month (2026-03-31 - 1 = 2026-02-28). */
const shiftedMonths = new Map<string, LocalDate>();

export function addMonths(date: LocalDate, months: number): LocalDate {
  return remembered(shiftedMonths, `${date}|${months}`, () => parseLocalDate(date).plus({ months }).toISODate()!);
}

/**
 * Calendar days from `from` to `to`. The two parsed midnights are 23 or 25 hours apart across a DST
 * change, never 12, so rounding their distance in days is exact, and cheaper than a Luxon diff
 * (the working-day loops of cancellation decisions call this per day).
 */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((parseLocalDate(to).toMillis() - parseLocalDate(from).toMillis()) / DAY_MS);
}

/** Elapsed-time arithmetic (due times such as a dunning step's 09:00), cached like day arithmetic. */
const shiftedInstants = new Map<string, Instant>();

export function addHours(instant: Instant, hours: number): Instant {
  return remembered(shiftedInstants, `${instant}|${hours}h`, () =>
    parseInstant(instant).plus({ hours }).toISO({ suppressMilliseconds: true })!,
  );
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, ReadonlySet<LocalDate>>();

/**
 * First year the encoded list is right for: Koningsdag (27 Apr, 26 Apr when the 27th is a Sunday)
 * replaced Koninginnedag (30 Apr) in 2014. Earlier years are refused rather than answered wrongly.
 */
export const FIRST_HOLIDAY_YEAR = 2014;

/** Algemene termijnenwet art. 3 lid 1-2 holidays of a year (not lid 3 Royal Decree days: CAL-I1). */
export function termijnenwetHolidays(year: number): ReadonlySet<LocalDate> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  if (!Number.isInteger(year) || year < FIRST_HOLIDAY_YEAR || year > 9999) {
    throw new CalendarInputError(`No working-day calendar for year ${year} (encoded from ${FIRST_HOLIDAY_YEAR})`);
  }
  const easter = easterSunday(year);
  const pad = (n: number) => String(n).padStart(2, '0');
  const kingsDay = DateTime.fromObject({ year, month: 4, day: 27 }).weekday === 7 ? `${year}-04-26` : `${year}-04-27`;
  const days = new Set<LocalDate>([
    `${year}-01-01`,
    addDays(easter, -2), // Goede Vrijdag
    addDays(easter, 1), // Tweede Paasdag
    kingsDay,
    `${year}-05-${pad(5)}`, // Bevrijdingsdag, every year
    addDays(easter, 39), // Hemelvaartsdag
    addDays(easter, 50), // Tweede Pinksterdag
    `${year}-12-25`,
    `${year}-12-26`,
  ]);
  holidayCache.set(year, days);
  return days;
}

export function isWorkingDay(date: LocalDate, calendar: WorkingDayCalendar = TERMIJNENWET_CALENDAR): boolean {
  const day = parseLocalDate(date);
  // Looked up first so that a year without an encoded calendar is refused even on a weekend.
  const holidays = termijnenwetHolidays(day.year);
  if (day.weekday >= 6) return false;
  if (holidays.has(date)) return false;
  return !calendar.extraClosedDays.includes(date);
}

/** Guard against runaway loops on absurd inputs (e.g. a year-9999 typo): 20 years of days. */
const MAX_SPAN_DAYS = 366 * 20;

/**
 * Per calendar and year: counts[i] is the number of working days among the year's first i days.
 * Built once by walking the year with isWorkingDay, so a count over months costs two look-ups
 * instead of a step per day (every cancellation counts the days to its course's start).
 */
const workingDayCounts = new WeakMap<WorkingDayCalendar, Map<number, Uint16Array>>();
/** Years kept per calendar; a span is at most 20 years (MAX_SPAN_DAYS). */
const COUNTED_YEARS_LIMIT = 64;

function workingDayCountsOf(year: number, calendar: WorkingDayCalendar): Uint16Array {
  let years = workingDayCounts.get(calendar);
  if (years === undefined) workingDayCounts.set(calendar, (years = new Map()));
  const known = years.get(year);
  if (known !== undefined) return known;
  const daysInYear = parseLocalDate(`${year}-12-31`).ordinal;
  const counts = new Uint16Array(daysInYear + 1);
  let date: LocalDate = `${year}-01-01`;
  for (let day = 1; day <= daysInYear; day++, date = addDays(date, 1))
    counts[day] = counts[day - 1]! + (isWorkingDay(date, calendar) ? 1 : 0);
  if (years.size >= COUNTED_YEARS_LIMIT) years.clear();
  years.set(year, counts);
  return counts;
}

/** Working days from 1 January of the date's year up to, not including, the date. */
function workingDaysInYearBefore(date: DateTime, calendar: WorkingDayCalendar): number {
  return date.ordinal === 1 ? 0 : workingDayCountsOf(date.year, calendar)[date.ordinal - 1]!;
}

/**
 * wdBefore(receipt, start): the number of working days d with receiptDate <= d < startDate,
 * dates in Europe/Amsterdam (docs/regulations.md §0). 0 on the day itself or after it.
 */
export function wdBefore(
  receipt: Instant | LocalDate,
  start: Instant | LocalDate,
  calendar: WorkingDayCalendar = TERMIJNENWET_CALENDAR,
): number {
  const from = toLocalDate(receipt);
  const to = toLocalDate(start);
  const span = daysBetween(from, to);
  if (span <= 0) return 0;
  if (span > MAX_SPAN_DAYS) throw new CalendarInputError(`Span of ${span} days exceeds the calendar's limit`);
  const first = parseLocalDate(from);
  const last = parseLocalDate(to);
  if (first.year === last.year)
    return workingDaysInYearBefore(last, calendar) - workingDaysInYearBefore(first, calendar);
  const yearTotal = (year: number): number => {
    const counts = workingDayCountsOf(year, calendar);
    return counts[counts.length - 1]!;
  };
  let count = yearTotal(first.year) - workingDaysInYearBefore(first, calendar);
  for (let year = first.year + 1; year < last.year; year++) count += yearTotal(year);
  return count + workingDaysInYearBefore(last, calendar);
}

/** The date `n` working days after `date` (n >= 1), e.g. an answer deadline of 7 working days. */
export function addWorkingDays(
  date: LocalDate,
  n: number,
  calendar: WorkingDayCalendar = TERMIJNENWET_CALENDAR,
): LocalDate {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPAN_DAYS)
    throw new CalendarInputError(`Invalid working-day count ${n}`);
  let d = date;
  for (let added = 0; added < n;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) added++;
  }
  return d;
}

/** Normalises an instant to ISO UTC for storage comparisons (record time). */
const utcInstants = new Map<Instant, string>();

export function toUtcIso(instant: Instant): string {
  return remembered(utcInstants, instant, () => parseInstant(instant).toUTC().toISO()!);
}

const localTimes = new Map<string, Instant>();

/** The instant of wall-clock hh:mm in Amsterdam on `date` (DST-correct), e.g. 09:00 on the training day. */
export function atLocalTime(date: LocalDate, hour: number, minute = 0): Instant {
  // parseLocalDate refuses what is not a possible calendar date (CalendarInputError), caching nothing.
  return remembered(localTimes, `${date}|${hour}:${minute}`, () =>
    parseLocalDate(date).set({ hour, minute, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })!,
  );
}

/** `instant` plus elapsed minutes (absolute time, so DST-correct), e.g. start + 15 minutes. */
export function addMinutes(instant: Instant, minutes: number): Instant {
  return remembered(shiftedInstants, `${instant}|${minutes}m`, () =>
    parseInstant(instant).plus({ minutes }).toISO({ suppressMilliseconds: true })!,
  );
}
