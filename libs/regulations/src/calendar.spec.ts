import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  formatDateNl,
  addDays,
  addHours,
  atLocalTime,
  addMonths,
  addWorkingDays,
  CalendarInputError,
  daysBetween,
  easterSunday,
  hoursBetween,
  isBeforeLocalTime,
  isWorkingDay,
  parseInstant,
  startOfDay,
  termijnenwetHolidays,
  toLocalDate,
  wdBefore,
  TERMIJNENWET_CALENDAR,
  type WorkingDayCalendar,
} from './calendar';

/** Weekday from the plain JS UTC calendar (independent of Luxon): 0 Sunday .. 6 Saturday. */
function utcWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** A day between 2014-01-01 and 2099-12-31, the range the holiday list is encoded for. */
const anyDate = fc
  .integer({ min: 0, max: daysBetween('2014-01-01', '2099-12-31') })
  .map((n) => addDays('2014-01-01', n));

describe('§0 working days (Algemene termijnenwet art. 3 lid 1-2)', () => {
  it.each([
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-04-27', 'Koningsdag (a Monday)'],
    ['2026-05-05', 'Bevrijdingsdag (a Tuesday; every year, not only lustrum years)'],
    ['2026-05-14', 'Ascension Day'],
    ['2026-05-25', 'Whit Monday'],
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-26', 'Boxing Day (a Saturday)'],
    ['2026-01-01', "New Year's Day"],
  ])('CAL-I1 example: %s (%s) is not a working day', (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it('CAL-I1: Fri 2026-05-15, the Friday after Ascension (art. 3 lid 3 only), is a working day', () => {
    expect(utcWeekday('2026-05-15')).toBe(5);
    expect(isWorkingDay('2026-05-15')).toBe(true);
  });

  it('CAL-I1: ordinary weekdays around the 2026 holidays are working days, weekends are not', () => {
    expect(isWorkingDay('2026-04-02')).toBe(true); // Maundy Thursday
    expect(isWorkingDay('2026-04-07')).toBe(true); // Tuesday after Easter
    expect(isWorkingDay('2026-04-28')).toBe(true);
    expect(isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-05')).toBe(false); // Easter Sunday
  });

  it('CAL-I1: the 2026 list holds exactly the nine art. 3 lid 1-2 days', () => {
    expect([...termijnenwetHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it.each([
    ['2025', '2025-04-26', '2025-04-27'],
    ['2014', '2014-04-26', '2014-04-27'],
    ['2031', '2031-04-26', '2031-04-27'],
  ])('Koningsdag %s: 27 April is a Sunday, so the holiday is Saturday 26 April', (year, saturday, sunday) => {
    expect(utcWeekday(sunday)).toBe(0);
    const holidays = termijnenwetHolidays(Number(year));
    expect(holidays.has(saturday)).toBe(true);
    expect(holidays.has(sunday)).toBe(false);
  });

  it('Koningsdag on a Monday the 28th is not a holiday: 2025-04-28 is a working day', () => {
    expect(isWorkingDay('2025-04-28')).toBe(true);
  });

  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('2024 (Easter 03-31): Good Friday 03-29, Easter Monday 04-01, Ascension 05-09, Whit Monday 05-20 are not working days', () => {
    for (const date of ['2024-03-29', '2024-04-01', '2024-05-09', '2024-05-20']) expect(isWorkingDay(date)).toBe(false);
    expect(isWorkingDay('2024-05-10')).toBe(true); // CAL-I1 Friday after Ascension
  });

  it('refuses years before 2014, when Koninginnedag (30 April) rather than Koningsdag applied', () => {
    expect(() => isWorkingDay('2013-04-30')).toThrow(CalendarInputError);
    expect(() => isWorkingDay('2013-04-27')).toThrow(CalendarInputError); // a Saturday, still refused
  });

  it('a rulebook calendar may add closing days on top of the statutory list', () => {
    const withClosure: WorkingDayCalendar = { id: 'test', version: '1', extraClosedDays: ['2026-05-15'] };
    expect(isWorkingDay('2026-05-15', withClosure)).toBe(false);
    // exam Mon 2026-05-18, receipt Wed 05-13: 13 only (14 Ascension, 15 closed)
    expect(wdBefore('2026-05-13', '2026-05-18', withClosure)).toBe(1);
  });

  it('property: a working day is a Monday-Friday that is not a holiday, and vice versa', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const weekday = utcWeekday(date);
        const isWeekday = weekday >= 1 && weekday <= 5;
        const year = Number(date.slice(0, 4));
        const easter = easterSunday(year);
        const fixed = [`${year}-01-01`, `${year}-05-05`, `${year}-12-25`, `${year}-12-26`];
        const kingsDay = utcWeekday(`${year}-04-27`) === 0 ? `${year}-04-26` : `${year}-04-27`;
        const movable = [-2, 1, 39, 50].map((offset) => addDays(easter, offset));
        const isHoliday = [...fixed, kingsDay, ...movable].includes(date);
        expect(isWorkingDay(date)).toBe(isWeekday && !isHoliday);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('§0 wdBefore(receipt, start): working days d with receiptDate <= d < startDate', () => {
  // Exam on Fri 2026-03-20; working days before it: Mar 5,6,9,10,11,12,13,16,17,18,19.
  const exam = '2026-03-20';

  it('§0 example: receipt Thu 2026-03-12 gives 6 (12,13,16,17,18,19)', () => {
    expect(wdBefore('2026-03-12', exam)).toBe(6);
  });

  it('§0 example: receipt Fri 2026-03-13 gives 5 (13,16,17,18,19)', () => {
    expect(wdBefore('2026-03-13', exam)).toBe(5);
  });

  it.each([
    ['2026-03-05', 11, 'Thu: 5,6,9..13,16..19 - first day of the ">= 11" band'],
    ['2026-03-06', 10, 'Fri: 6,9..13,16..19 - top of the 6..10 band'],
    ['2026-03-07', 9, 'Sat: the weekend adds nothing, 9..13,16..19'],
    ['2026-03-12', 6, 'Thu: bottom of the 6..10 band'],
    ['2026-03-13', 5, 'Fri: top of the "<= 5" band'],
    ['2026-03-19', 1, 'Thu: the day before'],
    ['2026-03-20', 0, 'the day itself'],
    ['2026-03-21', 0, 'after the start'],
  ])('band boundary: receipt %s gives %i (%s)', (receipt, expected) => {
    expect(wdBefore(receipt, exam)).toBe(expected);
  });

  it('a receipt instant is taken as its Amsterdam date: 2026-03-12T23:30Z is Fri 03-13 00:30 CET, so 5', () => {
    expect(toLocalDate('2026-03-12T23:30:00Z')).toBe('2026-03-13');
    expect(wdBefore('2026-03-12T23:30:00Z', exam)).toBe(5);
    expect(wdBefore('2026-03-12T22:59:00Z', exam)).toBe(6); // 23:59 CET, still Thursday
  });

  it('on the day itself it is 0 even early in the morning', () => {
    expect(wdBefore('2026-03-20T05:00:00+01:00', '2026-03-20T09:00:00+01:00')).toBe(0);
  });

  it('holidays do not count: receipt Wed 2026-04-01 before Tue 04-07 gives 2 (04-01, 04-02; Good Friday and Easter Monday out)', () => {
    expect(wdBefore('2026-04-01', '2026-04-07')).toBe(2);
  });

  it('CAL-I1: receipt Wed 2026-05-13 before Mon 05-18 gives 2 (13 and the Friday after Ascension, 15)', () => {
    expect(wdBefore('2026-05-13', '2026-05-18')).toBe(2);
  });

  it('property: wdBefore counts exactly the working days of [receipt, start), day by day, across year ends and with a rulebook closing day', () => {
    const closures: WorkingDayCalendar = {
      id: 'test-closures',
      version: '1',
      extraClosedDays: ['2026-12-31', '2027-01-04', '2027-07-01'],
    };
    const dayByDay = (from: string, to: string, calendar: WorkingDayCalendar) => {
      let count = 0;
      for (let day = from; day < to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
      return count;
    };
    const day = fc.integer({ min: 0, max: 5 * 366 }).map((offset) => addDays('2025-06-01', offset));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), fc.boolean(), (from, length, withClosures) => {
        const to = addDays(from, length);
        const calendar = withClosures ? closures : undefined;
        expect(wdBefore(from, to, calendar)).toBe(dayByDay(from, to, calendar ?? TERMIJNENWET_CALENDAR));
      }),
      { numRuns: 300 },
    );
    // A span that starts on 1 January or ends on it, and one over three year ends.
    expect(wdBefore('2027-01-01', '2027-01-08')).toBe(dayByDay('2027-01-01', '2027-01-08', TERMIJNENWET_CALENDAR));
    // Thu 24, then Christmas (Fri 25) and the weekend, then Mon 28 to Thu 31: 5.
    expect(wdBefore('2026-12-24', '2027-01-01')).toBe(5);
    expect(wdBefore('2025-12-30', '2028-01-03')).toBe(dayByDay('2025-12-30', '2028-01-03', TERMIJNENWET_CALENDAR));
  });

  it('addWorkingDays: 7 working days after Thu 2026-04-02 skip Easter: 04-07,08,09,10,13,14,15', () => {
    expect(addWorkingDays('2026-04-02', 7)).toBe('2026-04-15');
  });

  const orderedTriple = fc
    .tuple(anyDate, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }))
    .map(([a, x, y]) => [a, addDays(a, x), addDays(a, x + y)] as const);

  it('property: monotone - an earlier receipt never gives fewer working days', () => {
    fc.assert(
      fc.property(orderedTriple, ([earlier, later, start]) => {
        expect(wdBefore(earlier, start)).toBeGreaterThanOrEqual(wdBefore(later, start));
      }),
    );
  });

  it('property: additive over adjacent intervals - wdBefore(a, c) = wdBefore(a, b) + wdBefore(b, c)', () => {
    fc.assert(
      fc.property(orderedTriple, ([a, b, c]) => {
        expect(wdBefore(a, c)).toBe(wdBefore(a, b) + wdBefore(b, c));
      }),
    );
  });

  it('property: one more calendar day adds 1 exactly when that day is a working day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 60 }), (receipt, span) => {
        const start = addDays(receipt, span);
        expect(wdBefore(receipt, addDays(start, 1)) - wdBefore(receipt, start)).toBe(isWorkingDay(start) ? 1 : 0);
      }),
    );
  });
});

describe('§0 calendar days between two dates', () => {
  it('counts the days across both 2026 DST changes (23- and 25-hour days)', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-10-26', '2026-03-28')).toBe(-212);
  });

  it('property: equals the plain UTC calendar difference (independent of Luxon), and is the inverse of addDays', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (from, to) => {
        const utcDays = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
        expect(daysBetween(from, to)).toBe(utcDays);
        expect(addDays(from, daysBetween(from, to))).toBe(to);
      }),
    );
  });
});

describe('§0 calendar months (clamping)', () => {
  it('2 months before 2026-05-31 is 2026-03-31', () => {
    expect(addMonths('2026-05-31', -2)).toBe('2026-03-31');
  });

  it('2026-03-31 minus 1 month is 2026-02-28 (clamped to the shorter month)', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('in a leap year 2024-03-31 minus 1 month is 2024-02-29', () => {
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('12 months after 2024-02-29 is 2025-02-28; 48 months after is 2028-02-29', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(CalendarInputError);
  });
});

describe('§0 time: Europe/Amsterdam, DST included', () => {
  // Summer time starts Sun 2026-03-29 02:00 CET -> 03:00 CEST; ends Sun 2026-10-25 03:00 CEST -> 02:00 CET.
  it('atLocalTime gives the wall-clock time in Amsterdam, also on both 2026 DST Sundays, and refuses an impossible date', () => {
    expect(atLocalTime('2026-03-29', 9)).toBe('2026-03-29T09:00:00+02:00');
    expect(atLocalTime('2026-10-25', 9)).toBe('2026-10-25T09:00:00+01:00');
    expect(atLocalTime('2026-07-01', 17, 30)).toBe('2026-07-01T17:30:00+02:00');
    expect(() => atLocalTime('2026-02-30', 9)).toThrow(CalendarInputError);
    expect(() => atLocalTime('2026-02-30', 9)).toThrow(CalendarInputError);
  });

  it('48 hours before Mon 2026-03-30 09:00 CEST is Sat 03-28 08:00 CET (the night lost an hour)', () => {
    const start = '2026-03-30T09:00:00+02:00';
    expect(addHours(start, -48)).toBe('2026-03-28T08:00:00+01:00');
    expect(hoursBetween('2026-03-28T08:00:00+01:00', start)).toBe(48);
    // Same wall-clock time two days earlier is only 47 real hours before.
    expect(hoursBetween('2026-03-28T09:00:00+01:00', start)).toBe(47);
  });

  it('48 hours before Mon 2026-10-26 09:00 CET is Sat 10-24 10:00 CEST (the night gained an hour)', () => {
    const start = '2026-10-26T09:00:00+01:00';
    expect(addHours(start, -48)).toBe('2026-10-24T10:00:00+02:00');
    expect(hoursBetween('2026-10-24T10:00:00+02:00', start)).toBe(48);
    // Same wall-clock time two days earlier is 49 real hours before.
    expect(hoursBetween('2026-10-24T09:00:00+02:00', start)).toBe(49);
  });

  it('hours are exact whatever offset the instants are written in', () => {
    expect(hoursBetween('2026-03-28T07:00:00Z', '2026-03-30T07:00:00Z')).toBe(48);
    expect(hoursBetween('2026-03-30T07:00:00Z', '2026-03-30T09:00:00+02:00')).toBe(0);
  });

  it('"before 09:00" in winter time: 08:59 CET is before, 09:00 CET is not (07:59Z / 08:00Z)', () => {
    expect(isBeforeLocalTime('2026-01-15T08:59:00+01:00', 9)).toBe(true);
    expect(isBeforeLocalTime('2026-01-15T09:00:00+01:00', 9)).toBe(false);
    expect(isBeforeLocalTime('2026-01-15T07:59:00Z', 9)).toBe(true);
    expect(isBeforeLocalTime('2026-01-15T08:00:00Z', 9)).toBe(false);
  });

  it('"before 09:00" in summer time: 08:59 CEST is before, 09:00 CEST is not (06:59Z / 07:00Z)', () => {
    expect(isBeforeLocalTime('2026-07-15T08:59:00+02:00', 9)).toBe(true);
    expect(isBeforeLocalTime('2026-07-15T09:00:00+02:00', 9)).toBe(false);
    expect(isBeforeLocalTime('2026-07-15T06:59:00Z', 9)).toBe(true);
    expect(isBeforeLocalTime('2026-07-15T07:00:00Z', 9)).toBe(false);
    // 07:30Z would be 08:30 in winter but is 09:30 CEST in July: too late.
    expect(isBeforeLocalTime('2026-07-15T07:30:00Z', 9)).toBe(false);
  });

  it('"before 09:00" on the day summer time starts (Sun 2026-03-29): 06:59Z is 08:59 CEST', () => {
    expect(isBeforeLocalTime('2026-03-29T06:59:00Z', 9)).toBe(true);
    expect(isBeforeLocalTime('2026-03-29T07:00:00Z', 9)).toBe(false);
  });

  it('the Amsterdam date of a late UTC instant is the next day in summer: 2026-07-15T22:30Z is 07-16', () => {
    expect(toLocalDate('2026-07-15T22:30:00Z')).toBe('2026-07-16');
    expect(toLocalDate('2026-07-15T21:59:00Z')).toBe('2026-07-15');
  });

  it('rejects an instant without an offset (its wall-clock meaning would be guessed)', () => {
    expect(() => hoursBetween('2026-03-28T08:00:00', '2026-03-30T09:00:00+02:00')).toThrow(CalendarInputError);
  });
});

describe('§0 time: the remembered offsets of Europe/Amsterdam (D43)', () => {
  /** The same instant as Luxon writes it in the IANA zone, with nothing remembered. */
  const viaIntl = (utcMs: number) =>
    DateTime.fromMillis(utcMs, { zone: 'Europe/Amsterdam' }).toISO({ suppressMilliseconds: true });

  it('every minute around both 2026 transitions has the offset Intl gives', () => {
    for (const aroundUtc of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
      const centre = Date.parse(aroundUtc);
      for (let minute = -120; minute <= 120; minute++) {
        const utcMs = centre + minute * 60_000;
        expect(parseInstant(new Date(utcMs).toISOString()).toISO({ suppressMilliseconds: true })).toBe(viaIntl(utcMs));
      }
    }
  });

  it('property: any instant 2000-2060, asked in any order, converts as Intl converts it', () => {
    const from = Date.parse('2000-01-01T00:00:00Z');
    const to = Date.parse('2060-12-31T23:59:59Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (utcMs) => {
        const instant = new Date(utcMs).toISOString();
        expect(parseInstant(instant).toISO()).toBe(DateTime.fromMillis(utcMs, { zone: 'Europe/Amsterdam' }).toISO());
      }),
      { numRuns: 2000 },
    );
  });

  it('the start of a day is midnight in the offset of that day, winter and summer', () => {
    expect(startOfDay('2026-03-29')).toBe('2026-03-29T00:00:00+01:00');
    expect(startOfDay('2026-03-30')).toBe('2026-03-30T00:00:00+02:00');
    expect(startOfDay('2026-10-25')).toBe('2026-10-25T00:00:00+02:00');
    expect(startOfDay('2026-10-26')).toBe('2026-10-26T00:00:00+01:00');
    expect(parseInstant('2026-07-01T12:00:00Z').zoneName).toBe('Europe/Amsterdam');
  });
});

describe('formatDateNl (dd-mm-jjjj)', () => {
  it('a date and an instant late on 31 December UTC (already 1 January in Amsterdam)', () => {
    expect(formatDateNl('2026-03-02')).toBe('02-03-2026');
    expect(formatDateNl('2026-12-31T23:30:00Z')).toBe('01-01-2027');
  });
});
