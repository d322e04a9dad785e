import { PLUSPORT_2024, PlusportInputError, decidePlusportCancellation } from '../index';
import type { PlusportCancellationInput } from '../index';

const rb = PLUSPORT_2024;
const START = '2026-03-20T09:00:00+01:00'; // Fri; no holidays in March 2026

function classroom(requestedAt: string, extra: Partial<PlusportCancellationInput> = {}): PlusportCancellationInput {
  return {
    registeredAt: '2026-01-05T10:00:00+01:00',
    requestedAt,
    startsAt: START,
    components: [{ kind: 'classroom', priceCents: 45_000 }],
    paidCents: 54_450, // 450.00 + 21 % VAT
    reason: 'regular',
    ...extra,
  };
}

describe('plusport cancellation by the customer (art. 15.5)', () => {
  it('PP-15.5-CLS §0 worked example: given a 450.00 classroom training on Fri 2026-03-20, when cancelled on Tue 2026-03-10, then "Classroom training cancelled 8 working days before start: 50 % of 450.00 = 225.00"', () => {
    const d = decidePlusportCancellation(rb, classroom('2026-03-10T10:00:00+01:00'));
    expect(d.explanation).toBe(
      'Classroom training cancelled 8 working days before start: 50 % of 450.00 = 225.00 (PP-15.5-CLS, rulebook plusport@2024-01-01)',
    );
    expect(d.kind).toBe('cancellation-fee');
    expect(d.ruleIds).toEqual(['PP-15.5-CLS']);
    expect(d.rulebook).toEqual({ id: 'plusport', version: '2024-01-01' });
    expect(d.feeCents).toBe(22_500);
    // fee 225.00 + VAT 47.25 = 272.25; paid 544.50 -> refund 272.25 (PP-I7, MONEY-I1)
    expect(d.feeVatCents).toBe(4_725);
    expect(d.feeGrossCents).toBe(27_225);
    expect(d.refundCents).toBe(27_225);
    expect(d.inputs['workingDaysBefore']).toBe(8);
    expect(d.inputs['componentPriceCents']).toBe(45_000);
    expect(d.interpretationIds).toEqual(['PP-I7']);
  });

  describe.each([
    ['2026-03-04T10:00:00+01:00', 12, 0],
    ['2026-03-05T10:00:00+01:00', 11, 0],
    ['2026-03-06T10:00:00+01:00', 10, 22_500],
    ['2026-03-12T10:00:00+01:00', 6, 22_500],
    ['2026-03-13T10:00:00+01:00', 5, 45_000],
    ['2026-03-19T17:00:00+01:00', 1, 45_000],
    ['2026-03-20T08:59:00+01:00', 0, 45_000],
  ])('PP-15.5-CLS band boundary: given a classroom training at %s', (requestedAt, wd, fee) => {
    it(`PP-15.5-CLS: when cancelled with wdBefore ${wd}, then the fee is ${fee} cents`, () => {
      const d = decidePlusportCancellation(rb, classroom(requestedAt));
      expect(d.inputs['workingDaysBefore']).toBe(wd);
      expect(d.feeCents).toBe(fee);
      expect(d.ruleIds).toEqual(['PP-15.5-CLS']);
    });
  });

  it('PP-15.5-CLS on the day: given cancellation at 08:59 on the start date, then 100 % and the explanation says "on the day of start"', () => {
    const d = decidePlusportCancellation(rb, classroom('2026-03-20T08:59:00+01:00'));
    expect(d.explanation).toBe(
      'Classroom training cancelled on the day of start: 100 % of 450.00 = 450.00 (PP-15.5-CLS, rulebook plusport@2024-01-01)',
    );
    expect(d.refundCents).toBe(0); // 544.50 paid - 544.50 gross fee
  });

  it.each([['2026-03-20T09:00:00+01:00'], ['2026-03-20T09:30:00+01:00'], ['2026-03-23T10:00:00+01:00']])(
    'PP-15.2 after start: given a cancellation received at %s (start 09:00), then it is a no-show at 100 % (PP-I5)',
    (requestedAt) => {
      const d = decidePlusportCancellation(rb, classroom(requestedAt));
      expect(d.feeCents).toBe(45_000);
      expect(d.ruleIds).toEqual(['PP-15.2']);
      expect(d.interpretationIds).toContain('PP-I5');
      expect(d.explanation).toBe(
        'Classroom training cancelled after start (no-show): 100 % of 450.00 = 450.00 (PP-15.2, rulebook plusport@2024-01-01)',
      );
    },
  );

  describe.each([
    ['2026-03-05T10:00:00+01:00', 11, 0],
    ['2026-03-06T10:00:00+01:00', 10, 17_500],
    ['2026-03-12T10:00:00+01:00', 6, 17_500],
    ['2026-03-13T10:00:00+01:00', 5, 35_000],
    ['2026-03-19T10:00:00+01:00', 1, 35_000],
    ['2026-03-20T07:00:00+01:00', 0, 35_000],
  ])('PP-15.5-PS band boundary: practical session 350.00 at Fri 2026-03-20, request %s', (requestedAt, wd, fee) => {
    it(`PP-15.5-PS / PP-I2: when wdBefore is ${wd}, then the fee is ${fee} cents`, () => {
      const d = decidePlusportCancellation(rb, {
        ...classroom(requestedAt),
        components: [{ kind: 'practical-session', priceCents: 35_000 }],
        paidCents: 0,
      });
      expect(d.inputs['workingDaysBefore']).toBe(wd);
      expect(d.feeCents).toBe(fee);
      expect(d.ruleIds).toEqual(['PP-15.5-PS']);
      expect(d.interpretationIds).toContain('PP-I2');
      expect(d.refundCents).toBe(0);
    });
  });

  describe.each([
    ['2026-03-05T10:00:00+01:00', 11, 0],
    ['2026-03-06T10:00:00+01:00', 10, 0],
    ['2026-03-12T10:00:00+01:00', 6, 0],
    ['2026-03-13T10:00:00+01:00', 5, 15_000],
    ['2026-03-19T10:00:00+01:00', 1, 15_000],
    ['2026-03-20T07:00:00+01:00', 0, 15_000],
  ])('PP-15.5-EX band boundary: separate exam 150.00 at Fri 2026-03-20, request %s', (requestedAt, wd, fee) => {
    it(`PP-15.5-EX: when wdBefore is ${wd}, then the fee is ${fee} cents`, () => {
      const d = decidePlusportCancellation(rb, {
        ...classroom(requestedAt),
        components: [{ kind: 'exam', priceCents: 15_000 }],
        paidCents: 18_150,
      });
      expect(d.inputs['workingDaysBefore']).toBe(wd);
      expect(d.feeCents).toBe(fee);
      expect(d.refundCents).toBe(fee === 0 ? 18_150 : 0);
    });
  });

  it('PP-15.5-EX holidays: given an exam on Tue 2026-04-07, when cancelled Thu 2026-03-26 then wdBefore is 6 (Good Friday and Easter Monday do not count) and the fee 0; on Fri 2026-03-27 wdBefore is 5 and 100 %', () => {
    const exam = (requestedAt: string) =>
      decidePlusportCancellation(rb, {
        ...classroom(requestedAt),
        startsAt: '2026-04-07T09:00:00+02:00',
        components: [{ kind: 'exam', priceCents: 15_000 }],
      });
    expect(exam('2026-03-26T10:00:00+01:00').inputs['workingDaysBefore']).toBe(6);
    expect(exam('2026-03-26T10:00:00+01:00').feeCents).toBe(0);
    expect(exam('2026-03-27T10:00:00+01:00').inputs['workingDaysBefore']).toBe(5);
    expect(exam('2026-03-27T10:00:00+01:00').feeCents).toBe(15_000);
  });

  describe('PP-15.5-EL with INTERP PP-I1 and PP-I3 (purchase Mon 2026-03-02; 10th working day after it is Mon 2026-03-16)', () => {
    const eLearning = (requestedAt: string, eLearningStarted: boolean, registeredAt = '2026-03-02T10:00:00+01:00') =>
      decidePlusportCancellation(rb, {
        registeredAt,
        requestedAt,
        components: [{ kind: 'e-learning', priceCents: 10_000 }],
        paidCents: 12_100,
        reason: 'regular',
        eLearningStarted,
        offeringKind: 'e-learning',
      });

    it('PP-15.5-EL / PP-I1: given not started, when cancelled on the purchase day, then 0 % and a full refund', () => {
      const d = eLearning('2026-03-02T15:00:00+01:00', false);
      expect(d.inputs['workingDaysAfterPurchase']).toBe(0);
      expect(d.feeCents).toBe(0);
      expect(d.refundCents).toBe(12_100);
      expect(d.explanation).toBe(
        'E-learning cancelled 0 working days after purchase, not started: 0 % of 100.00 = 0.00 (PP-15.5-EL, rulebook plusport@2024-01-01)',
      );
      expect(d.interpretationIds).toEqual(['PP-I1', 'PP-I3', 'PP-I7']);
    });

    it('PP-15.5-EL / PP-I3: given not started, when cancelled Fri 2026-03-13 (9 working days after purchase), then 0 %', () => {
      const d = eLearning('2026-03-13T10:00:00+01:00', false);
      expect(d.inputs['workingDaysAfterPurchase']).toBe(9);
      expect(d.feeCents).toBe(0);
    });

    it('PP-I3: given not started, when cancelled Sat 2026-03-14 (still 9 working days after purchase), then 0 %', () => {
      const d = eLearning('2026-03-14T10:00:00+01:00', false);
      expect(d.inputs['workingDaysAfterPurchase']).toBe(9);
      expect(d.feeCents).toBe(0);
    });

    it('PP-15.5-EL / PP-I3: given not started, when cancelled Mon 2026-03-16 (the 10th working day after purchase), then 100 %', () => {
      const d = eLearning('2026-03-16T08:00:00+01:00', false);
      expect(d.inputs['workingDaysAfterPurchase']).toBe(10);
      expect(d.feeCents).toBe(10_000);
      expect(d.refundCents).toBe(0);
      expect(d.inputs['breakdown']).toEqual([
        expect.objectContaining({ case: 'e-learning-after-window', feeBasisPoints: 10_000 }),
      ]);
    });

    it('PP-15.5-EL / PP-I1: given already started, when cancelled within the window (9 working days), then 100 %', () => {
      const d = eLearning('2026-03-13T10:00:00+01:00', true);
      expect(d.feeCents).toBe(10_000);
      expect(d.explanation).toBe(
        'E-learning cancelled 9 working days after purchase, already started: 100 % of 100.00 = 100.00 (PP-15.5-EL, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-I3: given a purchase on Sat 2026-03-07, when cancelled Thu 2026-03-19 (9th working day) then 0 %, on Fri 2026-03-20 (10th) then 100 %', () => {
      expect(eLearning('2026-03-19T10:00:00+01:00', false, '2026-03-07').feeCents).toBe(0);
      expect(eLearning('2026-03-20T10:00:00+01:00', false, '2026-03-07').feeCents).toBe(10_000);
    });
  });

  it('PP-15.5-EL + PP-15.5-EX / PP-I2: given a course package (e-learning 100.00 + exam 150.00), when cancelled Fri 2026-03-13, then 0.00 + 150.00 and the refund nets the VAT', () => {
    const d = decidePlusportCancellation(rb, {
      registeredAt: '2026-03-02T10:00:00+01:00',
      requestedAt: '2026-03-13T10:00:00+01:00',
      startsAt: START,
      components: [
        { kind: 'e-learning', priceCents: 10_000 },
        { kind: 'exam', priceCents: 15_000 },
      ],
      paidCents: 30_250,
      reason: 'regular',
      offeringKind: 'package-exam',
    });
    expect(d.feeCents).toBe(15_000);
    // 150.00 + 31.50 VAT = 181.50; 302.50 - 181.50 = 121.00
    expect(d.refundCents).toBe(12_100);
    expect(d.ruleIds).toEqual(['PP-15.5-EL', 'PP-15.5-EX']);
    expect(d.interpretationIds).toEqual(['PP-I1', 'PP-I3', 'PP-I2', 'PP-I7']);
    expect(d.explanation).toBe(
      'E-learning cancelled 9 working days after purchase, not started: 0 % of 100.00 = 0.00; Exam cancelled 5 working days before start: 100 % of 150.00 = 150.00; fee 150.00 (PP-15.5-EL, PP-15.5-EX, rulebook plusport@2024-01-01)',
    );
  });

  it('PP-15.5-BOOK: given a classroom training with a textbook sent beforehand, when the book is returned unused, then the book costs 0 %; otherwise 100 %', () => {
    const withBook = (textbookReturnedUnused: boolean) =>
      decidePlusportCancellation(rb, {
        ...classroom('2026-03-05T10:00:00+01:00'),
        components: [
          { kind: 'classroom', priceCents: 45_000 },
          { kind: 'textbook', priceCents: 3_000 },
        ],
        textbookReturnedUnused,
      });
    expect(withBook(true).feeCents).toBe(0);
    expect(withBook(false).feeCents).toBe(3_000);
    expect(withBook(false).ruleIds).toEqual(['PP-15.5-CLS', 'PP-15.5-BOOK']);
    expect(withBook(false).explanation).toBe(
      'Classroom training cancelled 11 working days before start: 0 % of 450.00 = 0.00; Textbook sent and not returned unused: 100 % of 30.00 = 30.00; fee 30.00 (PP-15.5-CLS, PP-15.5-BOOK, rulebook plusport@2024-01-01)',
    );
  });

  it('PP-15.5-BOOK / PP-I16: given a textbook + exam booking whose book was not sent yet, then the book costs 0 %', () => {
    const d = decidePlusportCancellation(rb, {
      ...classroom('2026-03-12T10:00:00+01:00'),
      components: [
        { kind: 'textbook', priceCents: 3_000 },
        { kind: 'exam', priceCents: 15_000 },
      ],
      textbookSent: false,
    });
    expect(d.feeCents).toBe(0);
    expect(d.interpretationIds).toContain('PP-I16');
  });

  it('PP-15.5-RS / PP-I6: given a classroom training the learner rescheduled before, when cancelled 11 working days before, then 100 %', () => {
    const d = decidePlusportCancellation(rb, classroom('2026-03-05T10:00:00+01:00', { previouslyRescheduled: true }));
    expect(d.feeCents).toBe(45_000);
    expect(d.ruleIds).toEqual(['PP-15.5-RS']);
    expect(d.interpretationIds).toContain('PP-I6');
    expect(d.explanation).toBe(
      'Classroom training cancelled after an earlier reschedule: 100 % of 450.00 = 450.00 (PP-15.5-RS, rulebook plusport@2024-01-01)',
    );
  });

  it('PP-15.5-RS / PP-I6: given a practical session rescheduled before (component flag), then 100 %; a rescheduled exam follows PP-15.5-EX (0 % at 6 working days)', () => {
    const d = decidePlusportCancellation(rb, {
      ...classroom('2026-03-12T10:00:00+01:00'),
      components: [
        { kind: 'practical-session', priceCents: 35_000, previouslyRescheduled: true },
        { kind: 'exam', priceCents: 15_000, previouslyRescheduled: true },
      ],
    });
    expect(d.inputs['breakdown']).toEqual([
      expect.objectContaining({ kind: 'practical-session', case: 'previously-rescheduled', feeCents: 35_000 }),
      expect.objectContaining({ kind: 'exam', case: 'band', ruleId: 'PP-15.5-EX', feeCents: 0 }),
    ]);
    expect(d.feeCents).toBe(35_000);
  });

  it('PP-15.2 / PP-I5 per component: given an exam that has started and a practical session 11 working days later, then exam 100 % (no-show) and session 0 %', () => {
    const d = decidePlusportCancellation(rb, {
      registeredAt: '2026-01-05',
      requestedAt: '2026-03-06T10:00:00+01:00',
      components: [
        { kind: 'exam', priceCents: 15_000, startsAt: '2026-03-06T09:00:00+01:00' },
        { kind: 'practical-session', priceCents: 35_000, startsAt: '2026-03-23T09:00:00+01:00' },
      ],
      paidCents: 0,
      reason: 'regular',
    });
    expect(d.ruleIds).toEqual(['PP-15.2', 'PP-15.5-PS']);
    expect(d.feeCents).toBe(15_000);
    expect(d.inputs['workingDaysBefore']).toBeUndefined();
  });

  it('PP-14.7 / 15.7 and PP-15.7: given an incompany offering with its own table (>= 20 wd 0 %, else 25 %), when cancelled 8 working days before, then 25 % of 450.00 = 112.50', () => {
    const d = decidePlusportCancellation(
      rb,
      classroom('2026-03-10T10:00:00+01:00', {
        customTerms: {
          quoteRef: 'Q-2026-017',
          cancellationBands: {
            classroom: [
              { minWorkingDaysBefore: 20, feeBasisPoints: 0 },
              { minWorkingDaysBefore: 0, feeBasisPoints: 2_500 },
            ],
          },
        },
      }),
    );
    expect(d.feeCents).toBe(11_250);
    expect(d.ruleIds).toEqual(['PP-15.7']);
    expect(d.explanation).toBe(
      'Classroom training cancelled 8 working days before start: 25 % of 450.00 = 112.50 (PP-15.7, rulebook plusport@2024-01-01)',
    );
  });

  it('PP-15.5-CLS / PP-I7: given 544.50 paid (450.00 + VAT), when 50 % is due, then the fee is net 225.00 and the refund is 544.50 - (225.00 + 47.25 VAT) = 272.25', () => {
    const d = decidePlusportCancellation(rb, classroom('2026-03-06T10:00:00+01:00'));
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents, d.refundCents]).toEqual([22_500, 4_725, 27_225, 27_225]);
    expect(d.interpretationIds).toContain('PP-I7');
  });

  it('PP-15.5-CLS refund never negative: given nothing paid, when 100 % is due, then the refund is 0', () => {
    const d = decidePlusportCancellation(rb, classroom('2026-03-19T10:00:00+01:00', { paidCents: 0 }));
    expect(d.feeCents).toBe(45_000);
    expect(d.refundCents).toBe(0);
  });

  it('PP-15.5-CLS rounding: given a price of 450.01, when 50 % is due, then 225.005 rounds half-up to 225.01', () => {
    const d = decidePlusportCancellation(rb, {
      ...classroom('2026-03-10T10:00:00+01:00'),
      components: [{ kind: 'classroom', priceCents: 45_001 }],
    });
    expect(d.feeCents).toBe(22_501);
  });

  it('PP-15.5 invalid input: given no components, a request before the registration, or a dated component without a start, then PlusportInputError', () => {
    expect(() => decidePlusportCancellation(rb, { ...classroom('2026-03-10T10:00:00+01:00'), components: [] })).toThrow(
      PlusportInputError,
    );
    expect(() => decidePlusportCancellation(rb, classroom('2026-01-01T10:00:00+01:00'))).toThrow(PlusportInputError);
    const { startsAt: _omit, ...noStart } = classroom('2026-03-10T10:00:00+01:00');
    expect(() => decidePlusportCancellation(rb, noStart)).toThrow(PlusportInputError);
    expect(() => decidePlusportCancellation(rb, { ...classroom('2026-03-10'), paidCents: 1 })).toThrow(
      PlusportInputError,
    );
    expect(() => decidePlusportCancellation(rb, { ...classroom('2026-03-10T10:00:00+01:00'), paidCents: -1 })).toThrow(
      PlusportInputError,
    );
  });
});
