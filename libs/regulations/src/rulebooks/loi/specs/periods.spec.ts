import fc from 'fast-check';
import { addDays, addMonths, compareDates, daysBetween } from '../../../calendar';
import { firstPeriodStartOnOrAfter, periodIndex, periodStart, periodStartsBefore } from '../decisions/periods';

const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2010-01-01', n));

describe('month periods from an anchor (LOI-12.3-OV notice start, LOI-I1 study years, LOI-12.4 instalments)', () => {
  it('LOI-I1: periodIndex places every date in [start(k), start(k+1)) for 1- and 12-month steps', () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom(1, 12), (anchor, date, step) => {
        const k = periodIndex(anchor, step, date);
        expect(compareDates(periodStart(anchor, step, k), date)).toBeLessThanOrEqual(0);
        expect(compareDates(date, periodStart(anchor, step, k + 1))).toBeLessThan(0);
      }),
    );
  });

  it("LOI-12.3-OV: the notice start is on/after receipt, within a month, carries the start date's day (clamped) and none is skipped", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 3000 }), (start, after) => {
        const receipt = addDays(start, after);
        const { index, date } = firstPeriodStartOnOrAfter(start, 1, receipt);
        expect(date).toBe(addMonths(start, index));
        expect(compareDates(date, receipt)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(receipt, date)).toBeLessThan(31);
        if (index > 0) expect(compareDates(addMonths(start, index - 1), receipt)).toBeLessThan(0);
      }),
    );
  });

  it('LOI-12.4: instalments before an end are counted exactly (start 23 Feb, end 23 Sep: 7; end 24 Sep: 8)', () => {
    expect(periodStartsBefore('2026-02-23', 1, '2026-09-23', 100)).toBe(7);
    expect(periodStartsBefore('2026-02-23', 1, '2026-09-24', 100)).toBe(8);
    expect(periodStartsBefore('2026-02-23', 1, '2026-02-23', 100)).toBe(0);
    expect(periodStartsBefore('2026-02-23', 1, '2026-02-24', 100)).toBe(1);
    expect(periodStartsBefore('2026-02-23', 1, '2030-01-01', 12)).toBe(12);
  });
});
