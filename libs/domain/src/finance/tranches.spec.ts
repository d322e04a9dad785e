/** FIN-I4: the overdue principal split into tranches, and interest on tranches (§6, INT-I1..I4). */
import fc from 'fast-check';
import { addDays, COMMERCIAL_INTEREST_TABLE, CONSUMER_INTEREST_TABLE, statutoryInterest } from '@ledger/regulations';
import {
  interestOnTranches,
  principalOn,
  principalTranches,
  suspendedDaysWithin,
  type PrincipalChange,
} from './tranches';

describe('principalTranches (FIN-I4)', () => {
  it('FIN-I4 given 1,210.00 and 605.00 paid on 2024-08-01, then one half closes on that day and the other runs to the end', () => {
    expect(
      principalTranches(121_000, [{ on: '2024-08-01', deltaCents: -60_500 }], {
        from: '2024-06-01',
        until: '2025-01-01',
      }),
    ).toEqual([
      { amountCents: 60_500, from: '2024-06-01', until: '2024-08-01' },
      { amountCents: 60_500, from: '2024-06-01', until: '2025-01-01' },
    ]);
  });

  it('FIN-I4 a payment before the window lowers the opening principal; an overpayment leaves no tranche (never negative)', () => {
    expect(
      principalTranches(10_000, [{ on: '2024-05-20', deltaCents: -4_000 }], {
        from: '2024-06-01',
        until: '2024-07-01',
      }),
    ).toEqual([{ amountCents: 6_000, from: '2024-06-01', until: '2024-07-01' }]);
    expect(
      principalTranches(10_000, [{ on: '2024-05-20', deltaCents: -12_000 }], {
        from: '2024-06-01',
        until: '2024-07-01',
      }),
    ).toEqual([]);
  });

  it('FIN-I4 a rise opens a new tranche from its own day (last in, first out on the next drop)', () => {
    const changes: PrincipalChange[] = [
      { on: '2024-06-10', deltaCents: -10_000 },
      { on: '2024-06-20', deltaCents: 3_000 },
      { on: '2024-06-25', deltaCents: -4_000 },
    ];
    // 10,000 from 06-01; 0 from 06-10; 3,000 from 06-20; 0 from 06-25 (raw -1,000)
    expect(principalTranches(10_000, changes, { from: '2024-06-01', until: '2024-07-01' })).toEqual([
      { amountCents: 10_000, from: '2024-06-01', until: '2024-06-10' },
      { amountCents: 3_000, from: '2024-06-20', until: '2024-06-25' },
    ]);
  });

  it('FIN-I4 property: on every day of the window the open tranches add up to max(0, principal of that day)', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays('2024-05-01', n));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(fc.record({ on: day, deltaCents: fc.integer({ min: -200_000, max: 200_000 }) }), { maxLength: 12 }),
        (opening, changes) => {
          const window = { from: '2024-05-15', until: '2024-08-15' };
          const tranches = principalTranches(opening, changes, window);
          for (let d = window.from; d < window.until; d = addDays(d, 1)) {
            const open = tranches.filter((t) => t.from <= d && d < t.until).reduce((sum, t) => sum + t.amountCents, 0);
            expect(open).toBe(Math.max(0, principalOn(opening, changes, d)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('interestOnTranches (§6, INT-I1..I4)', () => {
  it('INT-I2 property: one tranche gives exactly what statutoryInterest gives for a constant principal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 400 }),
        (principal, offset, length) => {
          const from = addDays('2024-01-01', offset);
          const until = addDays(from, length);
          const expected = statutoryInterest({
            principalCents: principal,
            defaultFrom: from,
            until,
            table: CONSUMER_INTEREST_TABLE,
          });
          const actual = interestOnTranches([{ amountCents: principal, from, until }], CONSUMER_INTEREST_TABLE);
          if (expected.status === 'ok')
            expect(actual).toMatchObject({ status: 'ok', interestCents: expected.interestCents });
          else
            expect(actual).toMatchObject({
              status: 'rate-unknown',
              unknownFrom: expected.unknownFrom,
              knownInterestCents: expected.interestCentsUntilUnknown,
            });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('INT-I4 one tranche needing a rate after 2026-06-30 makes the whole answer rate-unknown, with the known interest of every tranche', () => {
    // tranche 1: 100,000 x 0.1015 x 30/365 (June 2026) = 834.25 -> 834; tranche 2 known until 06-30: also 834
    const result = interestOnTranches(
      [
        { amountCents: 100_000, from: '2026-06-01', until: '2026-07-01' },
        { amountCents: 100_000, from: '2026-06-01', until: '2026-08-01' },
      ],
      COMMERCIAL_INTEREST_TABLE,
    );
    expect(result).toEqual({
      status: 'rate-unknown',
      unknownFrom: '2026-07-01',
      knownInterestCents: 834 + 834,
      rateKnownUntil: '2026-06-30',
    });
  });

  it('EXC-12 suspendedDaysWithin counts overlapping suspensions once and only inside the window', () => {
    expect(
      suspendedDaysWithin(
        [
          { from: '2024-05-01', until: '2024-05-11' },
          { from: '2024-05-05', until: '2024-05-15' },
        ],
        { from: '2024-05-03', until: '2024-06-01' },
      ),
    ).toBe(12);
  });

  it('EXC-12 property: suspendedDaysWithin equals counting the suspended days of the window one by one', () => {
    const day = fc.integer({ min: 0, max: 90 }).map((n) => addDays('2024-05-01', n));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(day, fc.integer({ min: 0, max: 30 })), { maxLength: 6 }),
        day,
        fc.integer({ min: 0, max: 60 }),
        (spans, from, length) => {
          const suspended = spans.map(([start, days]) => ({ from: start, until: addDays(start, days) }));
          const window = { from, until: addDays(from, length) };
          let expected = 0;
          for (let d = window.from; d < window.until; d = addDays(d, 1))
            if (suspended.some((s) => s.from <= d && d < s.until)) expected += 1;
          expect(suspendedDaysWithin(suspended, window)).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
