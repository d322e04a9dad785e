import fc from 'fast-check';
import { addHours } from '../../../calendar';
import { RulebookRegistry } from '../../../rulebook';
import { VLI_2024_01_01, decideVliCancellation, decideVliExamResult, vliVersions } from '../index';
import { expectRecomputesIdentically } from './test-support';

const vli = VLI_2024_01_01;
const registry = new RulebookRegistry();
for (const v of vliVersions) registry.register(v);

describe('VLI properties', () => {
  it('VLI-2.3 given any request time within 10 days of a start in 2026, when decided, then the fee is 0 exactly when at least 48 real hours remain, and the decision recomputes identically', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: -240 * 60, max: 240 * 60 }),
        fc.constantFrom('regular' as const, 'illness' as const),
        (dayOfYear, minutesBefore, reason) => {
          const startsAt = addHours('2026-01-01T10:00:00+01:00', dayOfYear * 24);
          const requestedAt = addHours(startsAt, -minutesBefore / 60);
          const d = decideVliCancellation(vli, {
            startsAt,
            requestedAt,
            reason,
            priceNetCents: 45_000,
            paidCents: 54_450,
          });
          if (reason === 'regular') expect(d.feeCents === 0).toBe(minutesBefore >= 48 * 60);
          // sickness notice is never worse than a regular notice
          if (reason === 'illness' && minutesBefore >= 48 * 60) expect(d.feeCents).toBe(0);
          // MONEY-I1: the fee is net; what is charged (gross) and refunded add up to what was paid.
          expect(d.feeGrossCents! + d.refundCents!).toBe(54_450);
          expectRecomputesIdentically(registry, d);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('VLI-4.3a given any score out of any maximum, when decided, then passed iff score x 10,000 >= pass mark x maximum, and a higher score never fails where a lower one passed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.nat(),
        fc.constantFrom('standard' as const, 'ilt-dangerous-goods' as const),
        fc.boolean(),
        (maxScore, raw, examType, eHolder) => {
          const score = raw % (maxScore + 1);
          const input = {
            sittingAt: '2026-02-03T14:00:00+01:00',
            examType,
            maxScore,
            learnerAtERecognitionHolder: eHolder,
          };
          const d = decideVliExamResult(vli, { ...input, score });
          const mark = examType === 'standard' ? 8_000 : eHolder ? 9_000 : 7_000;
          expect(d.passed).toBe(score * 10_000 >= mark * maxScore);
          if (d.passed && score < maxScore)
            expect(decideVliExamResult(vli, { ...input, score: score + 1 }).passed).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
