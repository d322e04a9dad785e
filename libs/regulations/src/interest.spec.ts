import fc from 'fast-check';
import { addDays, addMonths, daysBetween } from './calendar';
import {
  BUILT_IN_RATES_VERSION,
  COMMERCIAL_INTEREST_TABLE,
  CONSUMER_INTEREST_TABLE,
  halfYearEnd,
  InterestInputError,
  ratesInForce,
  withRecordedRates,
  type RecordedInterestRate,
  interestTableFor,
  statutoryInterest,
  type InterestRateTable,
  type InterestResult,
} from './interest';

function ok(result: InterestResult) {
  if (result.status !== 'ok') throw new Error(`expected an ok result, got ${JSON.stringify(result)}`);
  return result;
}

const consumer = CONSUMER_INTEREST_TABLE;
const commercial = COMMERCIAL_INTEREST_TABLE;

describe('§6 rate tables (art. 6:119 / 6:119a BW)', () => {
  it('interestTableFor: consumers get the art. 6:119 table, businesses the art. 6:119a table', () => {
    expect(interestTableFor('consumer')).toBe(CONSUMER_INTEREST_TABLE);
    expect(interestTableFor('business')).toBe(COMMERCIAL_INTEREST_TABLE);
  });

  it('every rate names its source, the tables ascend and end at knownUntil 2026-06-30', () => {
    for (const table of [consumer, commercial]) {
      expect(table.knownUntil).toBe('2026-06-30');
      expect(table.version).toBe(BUILT_IN_RATES_VERSION);
      table.entries.forEach((entry, i) => {
        expect(entry.source.length).toBeGreaterThan(20);
        if (i > 0) expect(entry.effectiveFrom > table.entries[i - 1]!.effectiveFrom).toBe(true);
      });
    }
  });

  it('commercial rates change only on 1 January or 1 July (ECB rate + 8 points)', () => {
    for (const entry of commercial.entries.slice(1)) expect(entry.effectiveFrom.slice(5)).toMatch(/^(01-01|07-01)$/);
  });

  it('the published tables cannot be mutated', () => {
    expect(Object.isFrozen(consumer.entries)).toBe(true);
    expect(Object.isFrozen(consumer.entries[0])).toBe(true);
  });
});

describe('the rates of 2025-07-01 and 2026-01-01 (issue 15; to be confirmed against the Staatscourant)', () => {
  const rateOn = (table: InterestRateTable, day: string) =>
    ratesInForce(table, day, day).map((r) => [r.rateBasisPoints, r.confirmed]);

  it('consumer 6 % from 2025-07-01 and 4 % from 2026-01-01; commercial 10.15 % (ECB 2.15 % + 8) from both', () => {
    expect(rateOn(consumer, '2025-07-01')).toEqual([[600, false]]);
    expect(rateOn(consumer, '2026-01-01')).toEqual([[400, false]]);
    expect(rateOn(commercial, '2025-07-01')).toEqual([[1_015, false]]);
    expect(rateOn(commercial, '2026-06-30')).toEqual([[1_015, false]]);
    expect(rateOn(commercial, '2025-06-30')).toEqual([[1_115, true]]);
  });

  it('business 3,000.00 from 2025-09-16 to 2026-07-01 at 10.15 %: 107 + 181 days, 240.26', () => {
    // 300,000 x 1,015 bp x 288 / (10,000 x 365) = 87,696,000,000 / 3,650,000 = 24,026.30 cents -> 240.26
    const result = ok(
      statutoryInterest({ principalCents: 300_000, defaultFrom: '2025-09-16', until: '2026-07-01', table: commercial }),
    );
    expect(daysBetween('2025-09-16', '2026-07-01')).toBe(288);
    expect(result.interestCents).toBe(24_026);
    expect(result.periods.map((p) => [p.from, p.until, p.rateBasisPoints])).toEqual([
      ['2025-09-16', '2026-01-01', 1_015],
      ['2026-01-01', '2026-07-01', 1_015],
    ]);
  });
});

describe('rates recorded after the built-in table (POST /admin/statutory-rates)', () => {
  const recorded = (
    effectiveFrom: string,
    rateBasisPoints: number,
    eventId: string,
    recordedAt = '2026-07-02T09:00:00Z',
  ) =>
    ({
      customerKind: 'business',
      effectiveFrom,
      knownUntil: halfYearEnd(effectiveFrom)!,
      rateBasisPoints,
      source: 'Staatscourant (test)',
      eventId,
      recordedAt,
    }) satisfies RecordedInterestRate;

  it('a rate recorded for the next half-year extends the table and names its event in the version', () => {
    const extended = withRecordedRates(commercial, [recorded('2026-07-01', 1_000, 'ev-1')]);
    expect(extended.knownUntil).toBe('2026-12-31');
    expect(extended.version).toBe(`${BUILT_IN_RATES_VERSION}+ev-1`);
    expect(ratesInForce(extended, '2026-06-30', '2026-07-01').map((r) => [r.origin, r.recordedEventId])).toEqual([
      ['built-in', null],
      ['recorded', 'ev-1'],
    ]);
    // 100,000 x 0.10 x 31/365 = 849.32 -> 849
    expect(
      ok(
        statutoryInterest({ principalCents: 100_000, defaultFrom: '2026-07-01', until: '2026-08-01', table: extended }),
      ).interestCents,
    ).toBe(849);
  });

  it('a later recording of the same half-year corrects it; a rate inside the built-in table or after a gap is ignored', () => {
    const extended = withRecordedRates(commercial, [
      recorded('2026-07-01', 1_000, 'ev-1', '2026-07-02T09:00:00Z'),
      recorded('2026-07-01', 1_010, 'ev-2', '2026-07-03T09:00:00Z'),
      recorded('2026-01-01', 1, 'ev-3'),
      recorded('2027-07-01', 900, 'ev-4'),
    ]);
    expect(extended.knownUntil).toBe('2026-12-31');
    expect(extended.entries.slice(-1)[0]).toMatchObject({ effectiveFrom: '2026-07-01', rateBasisPoints: 1_010 });
    expect(withRecordedRates(commercial, [recorded('2027-01-01', 900, 'ev-5')])).toBe(commercial);
  });

  it('halfYearEnd: a statutory rate starts on 1 January or 1 July', () => {
    expect(halfYearEnd('2026-01-01')).toBe('2026-06-30');
    expect(halfYearEnd('2026-07-01')).toBe('2026-12-31');
    expect(halfYearEnd('2026-03-01')).toBeNull();
  });
});

describe('§6 statutory interest, hand-computed', () => {
  it('consumer across the 2023-07-01 rate change (4 % -> 6 %): 1,000.00 from 2023-06-01 to 2023-08-01 is 8.38', () => {
    // June: 30 days at 4 %: 100,000 x 0.04 x 30/365 = 120,000/365 = 328.767 cents
    // July: 31 days at 6 %: 100,000 x 0.06 x 31/365 = 186,000/365 = 509.589 cents
    // total 306,000/365 = 838.356 -> 838 cents (one rounding, INT-I2)
    const result = ok(
      statutoryInterest({ principalCents: 100_000, defaultFrom: '2023-06-01', until: '2023-08-01', table: consumer }),
    );
    expect(result.interestCents).toBe(838);
    expect(result.compoundedAt).toEqual([]);
    // Periods carry rounded running totals: 329 then 838 - 329 = 509.
    expect(result.periods).toEqual([
      {
        from: '2023-06-01',
        until: '2023-07-01',
        rateBasisPoints: 400,
        principalCents: 100_000,
        days: 30,
        interestCents: 329,
      },
      {
        from: '2023-07-01',
        until: '2023-08-01',
        rateBasisPoints: 600,
        principalCents: 100_000,
        days: 31,
        interestCents: 509,
      },
    ]);
  });

  it('INT-I1 business across the 2024-07-01 change (12.5 % -> 12.25 %) in a leap year: 10,000.00 -> 206.22', () => {
    // June: 1,000,000 x 0.125 x 30/366 = 3,750,000/366 = 10,245.90 cents
    // July: 1,000,000 x 0.1225 x 31/366 = 3,797,500/366 = 10,375.68 cents
    // total 7,547,500/366 = 20,621.58 -> 20,622; periods 10,246 and 20,622 - 10,246 = 10,376
    const result = ok(
      statutoryInterest({
        principalCents: 1_000_000,
        defaultFrom: '2024-06-01',
        until: '2024-08-01',
        table: commercial,
      }),
    );
    expect(result.interestCents).toBe(20_622);
    expect(result.periods.map((p) => [p.rateBasisPoints, p.days, p.interestCents])).toEqual([
      [1250, 30, 10_246],
      [1225, 31, 10_376],
    ]);
  });

  it('INT-I1 actual/actual: a whole leap year at 7 % on 1,000.00 is exactly 70.00 (actual/365 would give 70.19)', () => {
    // 100,000 x 0.07 x 366/366 = 7,000 cents; under actual/365: 7,000 x 366/365 = 7,019.18
    const result = ok(
      statutoryInterest({ principalCents: 100_000, defaultFrom: '2024-01-01', until: '2025-01-01', table: consumer }),
    );
    expect(result.interestCents).toBe(7_000);
    // The anniversary is the end itself: nothing accrues afterwards, so nothing is compounded.
    expect(result.compoundedAt).toEqual([]);
  });

  it("art. 6:119 lid 2 BW: across a year boundary the first year's interest is added to the principal (10,000.00, 2021-03-01 .. 2022-03-11)", () => {
    // Year 1 (2021-03-01 .. 2022-03-01), 2 %, 365 days in 365-day years:
    //   2021: 306 days: 1,000,000 x 0.02 x 306/365 = 16,767.12 cents
    //   2022:  59 days: 1,000,000 x 0.02 x  59/365 =  3,232.88 cents
    //   year total exactly 20,000 cents, capitalised on 2022-03-01 -> principal 1,020,000
    // Then 10 days: 1,020,000 x 0.02 x 10/365 = 204,000/365 = 558.90 -> 559
    // Total 20,000 + 559 = 20,559 (without compounding: 20,000 + 547.95 -> 20,548)
    const result = ok(
      statutoryInterest({ principalCents: 1_000_000, defaultFrom: '2021-03-01', until: '2022-03-11', table: consumer }),
    );
    expect(result.interestCents).toBe(20_559);
    expect(result.compoundedAt).toEqual(['2022-03-01']);
    expect(result.periods).toEqual([
      {
        from: '2021-03-01',
        until: '2022-01-01',
        rateBasisPoints: 200,
        principalCents: 1_000_000,
        days: 306,
        interestCents: 16_767,
      },
      {
        from: '2022-01-01',
        until: '2022-03-01',
        rateBasisPoints: 200,
        principalCents: 1_000_000,
        days: 59,
        interestCents: 3_233,
      },
      {
        from: '2022-03-01',
        until: '2022-03-11',
        rateBasisPoints: 200,
        principalCents: 1_020_000,
        days: 10,
        interestCents: 559,
      },
    ]);
  });

  it('art. 6:119 lid 2 BW with rate changes: business 10,000.00 over 2023-2024 compounds once, total 2,502.34', () => {
    // Year 1 (2023, 365 days):
    //   181 days at 10.5 %: 1,000,000 x 0.105 x 181/365 = 52,068.49
    //   184 days at 12 %:   1,000,000 x 0.12  x 184/365 = 60,493.15
    //   = 41,085,000/365 = 112,561.64 -> 112,562 capitalised on 2024-01-01, principal 1,112,562
    // Year 2 (2024, 366 days):
    //   182 days at 12.5 %:  1,112,562 x 0.125  x 182/366 = 69,155.15
    //   184 days at 12.25 %: 1,112,562 x 0.1225 x 184/366 = 68,516.80
    //   = 137,671.95 -> 137,672
    // Total 112,562 + 137,672 = 250,234
    const result = ok(
      statutoryInterest({
        principalCents: 1_000_000,
        defaultFrom: '2023-01-01',
        until: '2025-01-01',
        table: commercial,
      }),
    );
    expect(result.interestCents).toBe(250_234);
    expect(result.compoundedAt).toEqual(['2024-01-01']);
    expect(result.periods.map((p) => p.principalCents)).toEqual([1_000_000, 1_000_000, 1_112_562, 1_112_562]);
  });

  it('INT-I3 a default starting 29 Feb compounds on 28 Feb of the next (common) year', () => {
    // 365,000.00 at 2 %; 2020 is a leap year, 2021 is not.
    // 2020-02-29 .. 2021-01-01: 307 days: 36,500,000 x 0.02 x 307/366 = 612,322.40
    // 2021-01-01 .. 2021-02-28:  58 days: 36,500,000 x 0.02 x  58/365 = 116,000
    // year 1 (365 days) = 728,322.40 -> 728,322, capitalised on 2021-02-28: principal 37,228,322
    // 2021-02-28, one day: 37,228,322 x 0.02 / 365 = 2,039.91
    // total 728,322 + 2,039.91 = 730,361.91 -> 730,362
    const result = ok(
      statutoryInterest({
        principalCents: 36_500_000,
        defaultFrom: '2020-02-29',
        until: '2021-03-01',
        table: consumer,
      }),
    );
    expect(result.compoundedAt).toEqual(['2021-02-28']);
    expect(result.interestCents).toBe(730_362);
  });

  it('nothing accrues when the end is the first day of default', () => {
    const result = ok(
      statutoryInterest({ principalCents: 100_000, defaultFrom: '2024-05-01', until: '2024-05-01', table: consumer }),
    );
    expect(result).toEqual({ status: 'ok', interestCents: 0, periods: [], compoundedAt: [] });
  });
});

describe('INT-I4 never guess a rate: rate-unknown beyond the table', () => {
  it('consumer 10,000.00 from 2026-06-01 to 2026-08-01: unknown from 2026-07-01, 32.88 up to then', () => {
    // 30 days at 4 %: 1,000,000 x 0.04 x 30/365 = 1,200,000/365 = 3,287.67 -> 3,288
    const result = statutoryInterest({
      principalCents: 1_000_000,
      defaultFrom: '2026-06-01',
      until: '2026-08-01',
      table: consumer,
    });
    expect(result).toEqual({ status: 'rate-unknown', unknownFrom: '2026-07-01', interestCentsUntilUnknown: 3_288 });
  });

  it('ending exactly at knownUntil + 1 (2026-07-01, exclusive) is still a known amount', () => {
    const result = statutoryInterest({
      principalCents: 1_000_000,
      defaultFrom: '2026-06-01',
      until: '2026-07-01',
      table: consumer,
    });
    expect(result).toMatchObject({ status: 'ok', interestCents: 3_288 });
  });

  it('a day before the table starts is unknown too: business from 2019-12-01 is unknown at once', () => {
    const result = statutoryInterest({
      principalCents: 1_000_000,
      defaultFrom: '2019-12-01',
      until: '2020-02-01',
      table: commercial,
    });
    expect(result).toEqual({ status: 'rate-unknown', unknownFrom: '2019-12-01', interestCentsUntilUnknown: 0 });
  });

  it('EXC-12 suspended days need no rate: a suspension covering every unknown day leaves a known amount', () => {
    const result = statutoryInterest({
      principalCents: 1_000_000,
      defaultFrom: '2026-06-01',
      until: '2026-07-10',
      table: consumer,
      suspendedPeriods: [{ from: '2026-07-01', until: '2026-07-10' }],
    });
    expect(result).toMatchObject({ status: 'ok', interestCents: 3_288 });
  });

  it('property: any span reaching past knownUntil is rate-unknown from 2026-07-01, never a number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.boolean(),
        (principalCents, daysBefore, daysAfter, isConsumer) => {
          const result = statutoryInterest({
            principalCents,
            defaultFrom: addDays('2026-07-01', -daysBefore),
            until: addDays('2026-07-01', daysAfter),
            table: isConsumer ? consumer : commercial,
          });
          expect(result.status).toBe('rate-unknown');
          if (result.status === 'rate-unknown') expect(result.unknownFrom).toBe('2026-07-01');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('EXC-12 suspension: no interest on suspended days', () => {
  // 365,000.00 at 2 % in a 365-day year is exactly 20.00 a day: 36,500,000 x 0.02 / 365 = 2,000 cents.
  const principalCents = 36_500_000;

  it('a 10-day suspension removes exactly 10 x 20.00 = 200.00 (620.00 -> 420.00)', () => {
    const base = { principalCents, defaultFrom: '2021-03-01', until: '2021-04-01', table: consumer };
    const without = ok(statutoryInterest(base));
    const withSuspension = ok(
      statutoryInterest({ ...base, suspendedPeriods: [{ from: '2021-03-10', until: '2021-03-20' }] }),
    );
    expect(without.interestCents).toBe(62_000); // 31 days x 2,000
    expect(withSuspension.interestCents).toBe(42_000); // 21 days x 2,000
    expect(withSuspension.periods.map((p) => [p.from, p.until, p.days, p.interestCents])).toEqual([
      ['2021-03-01', '2021-03-10', 9, 18_000],
      ['2021-03-20', '2021-04-01', 12, 24_000],
    ]);
  });

  it('overlapping and out-of-window suspensions count each day once', () => {
    const result = ok(
      statutoryInterest({
        principalCents,
        defaultFrom: '2021-03-01',
        until: '2021-04-01',
        table: consumer,
        suspendedPeriods: [
          { from: '2021-03-10', until: '2021-03-15' },
          { from: '2021-03-12', until: '2021-03-20' },
          { from: '2021-02-01', until: '2021-03-03' }, // clipped to 03-01 .. 03-03
          { from: '2021-05-01', until: '2021-06-01' }, // after the end: ignored
        ],
      }),
    );
    // suspended: 03-01, 03-02 and 03-10 .. 03-19 = 2 + 10 = 12 days; accruing 31 - 12 = 19 days x 2,000
    expect(result.interestCents).toBe(38_000);
  });

  it('INT-I3 a suspension does not move the anniversary; interest is capitalised on it even while suspended', () => {
    // Year 1 accrues 2021-03-01 .. 2022-02-01 = 337 days x 2,000 = 674,000; suspended 2022-02-01 .. 2022-04-01.
    // Anniversary 2022-03-01 (inside the suspension): principal 36,500,000 + 674,000 = 37,174,000.
    // Resumes 2022-04-01 .. 2022-05-01: 37,174,000 x 0.02 x 30/365 = 61,107.95 -> 61,108
    // Total 674,000 + 61,108 = 735,108
    const result = ok(
      statutoryInterest({
        principalCents,
        defaultFrom: '2021-03-01',
        until: '2022-05-01',
        table: consumer,
        suspendedPeriods: [{ from: '2022-02-01', until: '2022-04-01' }],
      }),
    );
    expect(result.compoundedAt).toEqual(['2022-03-01']);
    expect(result.interestCents).toBe(735_108);
  });

  it('property: when every day is worth whole cents, a suspension removes exactly daily interest x suspended days', () => {
    // 18,250 cents at 2 % in a 365-day year is 18,250 x 200 / 3,650,000 = 1 cent a day exactly,
    // so 18,250 x k earns k cents a day throughout 2021 (2 % all year, no anniversary inside).
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 400 }),
        (multiple, a, b, suspensionOffset, suspensionLength) => {
          const defaultFrom = addDays('2021-01-01', Math.min(a, b));
          const until = addDays('2021-01-01', Math.max(a, b) + 1);
          const suspensionFrom = addDays('2021-01-01', suspensionOffset);
          const suspensionUntil = addDays(suspensionFrom, suspensionLength);
          const base = { principalCents: 18_250 * multiple, defaultFrom, until, table: consumer };
          const full = ok(statutoryInterest(base));
          const suspended = ok(
            statutoryInterest({ ...base, suspendedPeriods: [{ from: suspensionFrom, until: suspensionUntil }] }),
          );
          // Suspended days inside [defaultFrom, until), counted independently of the implementation.
          const overlapFrom = suspensionFrom > defaultFrom ? suspensionFrom : defaultFrom;
          const overlapUntil = suspensionUntil < until ? suspensionUntil : until;
          const suspendedDays = overlapFrom < overlapUntil ? daysBetween(overlapFrom, overlapUntil) : 0;
          expect(full.interestCents).toBe(multiple * daysBetween(defaultFrom, until));
          expect(full.interestCents - suspended.interestCents).toBe(multiple * suspendedDays);
        },
      ),
    );
  });

  it("property: for any principal and rate, a suspension inside the first year removes the suspended days' own interest, within 1 cent", () => {
    // Exact amounts: full = round(X + S + Y), suspended = round(X + Y), S alone = round(S), where S is
    // the interest of the suspended days (same principal: no anniversary inside), so the
    // difference (full - suspended) - round(S) lies in {-1, 0, 1}.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: daysBetween('2020-01-01', '2024-06-30') }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        fc.boolean(),
        (principalCents, offset, before, suspendedLength, after, isConsumer) => {
          const table = isConsumer ? consumer : commercial;
          const defaultFrom = addDays('2020-01-01', offset);
          const suspensionFrom = addDays(defaultFrom, before);
          const suspensionUntil = addDays(suspensionFrom, suspendedLength);
          const until = addDays(suspensionUntil, after);
          const run = (from: string, to: string, suspendedPeriods: Array<{ from: string; until: string }> = []) =>
            ok(statutoryInterest({ principalCents, defaultFrom: from, until: to, table, suspendedPeriods }))
              .interestCents;
          const removed =
            run(defaultFrom, until) - run(defaultFrom, until, [{ from: suspensionFrom, until: suspensionUntil }]);
          expect(Math.abs(removed - run(suspensionFrom, suspensionUntil))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('INT-I2 additivity and rounding', () => {
  /** A default starting 2020-01-01 .. 2024-06-30 that ends within its first year and within the table. */
  const splitWithinFirstYear = fc
    .tuple(
      fc.integer({ min: 0, max: 1_000_000_000 }),
      fc.integer({ min: 0, max: daysBetween('2020-01-01', '2024-06-30') }),
      fc.integer({ min: 0, max: 365 }),
      fc.integer({ min: 0, max: 365 }),
      fc.boolean(),
    )
    .map(([principalCents, offset, x, y, isConsumer]) => {
      const a = addDays('2020-01-01', offset);
      const firstAnniversary = addMonths(a, 12);
      const clamp = (d: string) => (d > firstAnniversary ? firstAnniversary : d);
      const b = clamp(addDays(a, Math.min(x, y)));
      const c = clamp(addDays(a, Math.max(x, y)));
      return { principalCents, a, b, c, table: isConsumer ? consumer : commercial };
    });

  it('property: with no anniversary inside, I(a,c) differs from I(a,b) + I(b,c) by at most 1 cent (one split, one rounding each side)', () => {
    // Exactly: I(a,c) = round(X + Y), I(a,b) = round(X), I(b,c) = round(Y) for the exact amounts X, Y,
    // so the difference is in {-1, 0, 1}.
    fc.assert(
      fc.property(splitWithinFirstYear, ({ principalCents, a, b, c, table }) => {
        const whole = ok(statutoryInterest({ principalCents, defaultFrom: a, until: c, table }));
        const left = ok(statutoryInterest({ principalCents, defaultFrom: a, until: b, table }));
        const right = ok(statutoryInterest({ principalCents, defaultFrom: b, until: c, table }));
        expect(whole.compoundedAt).toEqual([]);
        expect(Math.abs(whole.interestCents - left.interestCents - right.interestCents)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('property: when every day is worth whole cents (18,250 x k at 2 % in 2021), the split is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 364 }),
        (multiple, x, y) => {
          const a = '2021-01-01';
          const b = addDays(a, Math.min(x, y));
          const c = addDays(a, Math.max(x, y));
          const run = (from: string, until: string) =>
            ok(statutoryInterest({ principalCents: 18_250 * multiple, defaultFrom: from, until, table: consumer }))
              .interestCents;
          expect(run(a, c)).toBe(run(a, b) + run(b, c));
          expect(run(a, c)).toBe(multiple * daysBetween(a, c));
        },
      ),
    );
  });

  it("property: periods add up exactly to the total, and a year's periods to the amount capitalised", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: daysBetween('2020-01-01', '2026-06-30') }),
        fc.integer({ min: 0, max: 1_200 }),
        fc.boolean(),
        (principalCents, offset, length, isConsumer) => {
          const defaultFrom = addDays('2020-01-01', offset);
          const until = addDays(defaultFrom, length);
          if (until > '2026-07-01') return;
          const result = ok(
            statutoryInterest({ principalCents, defaultFrom, until, table: isConsumer ? consumer : commercial }),
          );
          expect(result.periods.reduce((sum, p) => sum + p.interestCents, 0)).toBe(result.interestCents);
          expect(result.periods.reduce((sum, p) => sum + p.days, 0)).toBe(length);
          // Each capitalisation raises the principal of later periods by that year's periods' sum.
          for (const anniversary of result.compoundedAt) {
            const before = result.periods.filter((p) => p.until <= anniversary);
            const firstAfter = result.periods.find((p) => p.from === anniversary)!;
            const lastBefore = before[before.length - 1]!;
            const yearStart = result.compoundedAt.filter((d) => d < anniversary).pop() ?? defaultFrom;
            const yearInterest = before.filter((p) => p.from >= yearStart).reduce((sum, p) => sum + p.interestCents, 0);
            expect(firstAfter.principalCents).toBe(lastBefore.principalCents + yearInterest);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: more days never mean less interest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: daysBetween('2020-01-01', '2023-01-01') }),
        fc.integer({ min: 0, max: 800 }),
        (principalCents, offset, length) => {
          const defaultFrom = addDays('2020-01-01', offset);
          const run = (days: number) =>
            ok(statutoryInterest({ principalCents, defaultFrom, until: addDays(defaultFrom, days), table: commercial }))
              .interestCents;
          expect(run(length + 1)).toBeGreaterThanOrEqual(run(length));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('statutoryInterest rejects bad input', () => {
  const base = { principalCents: 100_000, defaultFrom: '2024-05-01', until: '2024-06-01', table: consumer };

  it('a negative principal', () => {
    expect(() => statutoryInterest({ ...base, principalCents: -1 })).toThrow(InterestInputError);
  });

  it('a fractional principal', () => {
    expect(() => statutoryInterest({ ...base, principalCents: 100.5 })).toThrow(/whole number of cents/);
  });

  it('an end before the first day of default', () => {
    expect(() => statutoryInterest({ ...base, until: '2024-04-30' })).toThrow(InterestInputError);
  });

  it('a suspension that ends before it starts', () => {
    expect(() =>
      statutoryInterest({ ...base, suspendedPeriods: [{ from: '2024-05-10', until: '2024-05-09' }] }),
    ).toThrow(InterestInputError);
  });

  it('an unsorted table or one with an entry after knownUntil', () => {
    const unsorted: InterestRateTable = { ...consumer, entries: [...consumer.entries].reverse() };
    expect(() => statutoryInterest({ ...base, table: unsorted })).toThrow(/ascending/);
    const beyond: InterestRateTable = { ...consumer, knownUntil: '2024-12-31' };
    expect(() => statutoryInterest({ ...base, table: beyond })).toThrow(/after knownUntil/);
  });
});
