import fc from 'fast-check';
import { addDays } from '../../../calendar';
import { RulebookRegistry } from '../../../rulebook';
import { expectRecomputesIdentically } from '../../vli/specs/test-support';
import { EXCELLUS_2024_01_01, decideExcellusCancellation, excellusVersions } from '../index';

const exc = EXCELLUS_2024_01_01;
const registry = new RulebookRegistry();
for (const v of excellusVersions) registry.register(v);

describe('Excellus properties', () => {
  it('EXC-4.1 given any start date and two cancellation dates after the cooling-off, when decided, then the later one never costs less, every fee is 30, 60 or 80 %, and decisions recompute identically', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 730 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 30 }),
        (startOffset, daysBefore, gap) => {
          const startsAt = addDays('2026-01-01', startOffset);
          const registeredAt = addDays(startsAt, -400);
          const first = addDays(startsAt, -daysBefore);
          const second = addDays(first, gap);
          const decide = (requestedAt: string) =>
            decideExcellusCancellation(exc, {
              offeringKind: 'contact-course',
              customerKind: 'consumer',
              registeredAt,
              requestedAt,
              startsAt,
              priceCents: 100_000,
              paidCents: 100_000,
            });
          const a = decide(first);
          const b = decide(second);
          expect([30_000, 60_000, 80_000]).toContain(a.feeCents);
          expect(b.feeCents!).toBeGreaterThanOrEqual(a.feeCents!);
          expect(a.feeCents! + a.refundCents!).toBe(100_000);
          expectRecomputesIdentically(registry, a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('EXC-4.2 given a consumer and any registration-to-cancellation gap, when the course starts more than 14 days after registration, then the cancellation is free exactly up to day 14', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 15, max: 400 }), (gap, startAfter) => {
        const registeredAt = '2026-03-01';
        const d = decideExcellusCancellation(exc, {
          offeringKind: 'contact-course',
          customerKind: 'consumer',
          registeredAt,
          requestedAt: addDays(registeredAt, Math.min(gap, startAfter)),
          startsAt: addDays(registeredAt, startAfter),
          priceCents: 100_000,
          paidCents: 100_000,
        });
        expect(d.feeCents === 0).toBe(Math.min(gap, startAfter) <= 14);
      }),
      { numRuns: 300 },
    );
  });
});
