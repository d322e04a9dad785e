import fc from 'fast-check';
import { addDays, compareDates } from '../../../calendar';
import { billingYearOf } from '../decisions/billing-year';

const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2010-01-01', n));

describe('SPOT-I2 billing years from the invoice date', () => {
  it('SPOT-I2: every date lies in exactly one billing year [start, next) and next is the following anniversary', () => {
    fc.assert(
      fc.property(day, day, (invoiceDate, date) => {
        const y = billingYearOf(invoiceDate, date);
        expect(compareDates(y.start, date)).toBeLessThanOrEqual(0);
        expect(compareDates(date, y.next)).toBeLessThan(0);
        expect(billingYearOf(invoiceDate, y.next).index).toBe(y.index + 1);
        expect(billingYearOf(invoiceDate, y.start)).toEqual(y);
      }),
    );
  });

  it('SPOT-I2: invoice date 2026-01-10: 2026-06-01 lies in 2026-01-10..2027-01-10; the day before the invoice date in the previous year', () => {
    expect(billingYearOf('2026-01-10', '2026-06-01')).toEqual({ start: '2026-01-10', next: '2027-01-10', index: 0 });
    expect(billingYearOf('2026-01-10', '2027-01-09')).toEqual({ start: '2026-01-10', next: '2027-01-10', index: 0 });
    expect(billingYearOf('2026-01-10', '2026-01-09')).toEqual({ start: '2025-01-10', next: '2026-01-10', index: -1 });
  });
});
