import { PLUSPORT_2024, PlusportInputError, decidePlusportColleagueSwap, decidePlusportReschedule } from '../index';
import type { PlusportRescheduleInput } from '../index';
import { violation } from '../../../rule-violation.test-support';

const rb = PLUSPORT_2024;

/** Exam 150.00 on Fri 2026-03-20 09:00, fully paid. */
const exam = (requestedAt: string, extra: Partial<PlusportRescheduleInput> = {}): PlusportRescheduleInput => ({
  component: 'exam',
  componentPriceCents: 15_000,
  startsAt: '2026-03-20T09:00:00+01:00',
  requestedAt,
  newStartsAt: '2026-04-17T09:00:00+02:00',
  invoiceTotalCents: 18_150,
  paidCents: 18_150,
  ...extra,
});

/** Practical session 350.00 on Mon 2026-03-23 09:00, fully paid. */
const practical = (requestedAt: string, extra: Partial<PlusportRescheduleInput> = {}): PlusportRescheduleInput => ({
  component: 'practical-session',
  componentPriceCents: 35_000,
  startsAt: '2026-03-23T09:00:00+01:00',
  requestedAt,
  newStartsAt: '2026-04-20T09:00:00+02:00',
  invoiceTotalCents: 42_350,
  paidCents: 42_350,
  ...extra,
});

/** Classroom 450.00 on Fri 2026-03-20 09:00, fully paid. */
const classroom = (requestedAt: string, extra: Partial<PlusportRescheduleInput> = {}): PlusportRescheduleInput => ({
  component: 'classroom',
  componentPriceCents: 45_000,
  startsAt: '2026-03-20T09:00:00+01:00',
  requestedAt,
  newStartsAt: '2026-04-17T09:00:00+02:00',
  invoiceTotalCents: 54_450,
  paidCents: 54_450,
  ...extra,
});

describe('plusport rescheduling (art. 14)', () => {
  describe('PP-14.1-3 preconditions', () => {
    it('PP-14.1-3: given a session that has started, when a reschedule is requested, then RESCHEDULE_NOT_ALLOWED', () => {
      const v = violation(() => decidePlusportReschedule(rb, exam('2026-03-20T09:00:00+01:00')));
      expect([v.error, v.ruleId]).toEqual(['RESCHEDULE_NOT_ALLOWED', 'PP-14.1-3']);
    });

    it('PP-14.1-3: given 181.49 of 181.50 paid, when a reschedule is requested 11 working days before, then RESCHEDULE_REQUIRES_FULL_PAYMENT', () => {
      const v = violation(() => decidePlusportReschedule(rb, exam('2026-03-05T10:00:00+01:00', { paidCents: 18_149 })));
      expect([v.error, v.ruleId]).toEqual(['RESCHEDULE_REQUIRES_FULL_PAYMENT', 'PP-14.1-3']);
      expect(v.details).toEqual({ paidCents: 18_149, invoiceTotalCents: 18_150 });
    });

    it('PP-14.1-3 input: given a new date before the request, then PlusportInputError', () => {
      expect(() =>
        decidePlusportReschedule(rb, exam('2026-03-05T10:00:00+01:00', { newStartsAt: '2026-03-01T09:00:00+01:00' })),
      ).toThrow(PlusportInputError);
    });
  });

  describe('PP-14.4 exam', () => {
    it('PP-14.4: given wdBefore 6 (Thu 2026-03-12), then the exam is rescheduled free of charge', () => {
      const d = decidePlusportReschedule(rb, exam('2026-03-12T10:00:00+01:00'));
      expect(d.kind).toBe('reschedule');
      expect(d.allowed).toBe(true);
      expect(d.feeCents).toBe(0);
      expect(d.refundCents).toBe(0);
      expect(d.deadlines).toBeUndefined();
      expect(d.ruleIds).toEqual(['PP-14.1-3', 'PP-14.4']);
      expect(d.inputs['workingDaysBefore']).toBe(6);
      expect(d.explanation).toBe(
        'Exam rescheduled 6 working days before start to 2026-04-17: no fee (PP-14.1-3, PP-14.4, rulebook plusport@2024-01-01)',
      );
    });

    it.each([
      ['2026-03-13T10:00:00+01:00', 5],
      ['2026-03-19T10:00:00+01:00', 1],
      ['2026-03-20T08:00:00+01:00', 0],
    ])('PP-14.4: given a request at %s (wdBefore %i), then RESCHEDULE_NOT_ALLOWED under PP-14.4', (requestedAt, wd) => {
      const v = violation(() => decidePlusportReschedule(rb, exam(requestedAt)));
      expect([v.error, v.ruleId]).toEqual(['RESCHEDULE_NOT_ALLOWED', 'PP-14.4']);
      expect(v.details['workingDaysBefore']).toBe(wd);
    });

    it('PP-14.4: given wdBefore 11, then free and no new-date window applies (a date 4 months later is fine)', () => {
      const d = decidePlusportReschedule(
        rb,
        exam('2026-03-05T10:00:00+01:00', { newStartsAt: '2026-07-24T09:00:00+02:00' }),
      );
      expect(d.feeCents).toBe(0);
    });
  });

  describe('PP-14.5 practical session (Mon 2026-03-23)', () => {
    it('PP-14.5: given wdBefore 11 (Fri 2026-03-06), then free', () => {
      const d = decidePlusportReschedule(rb, practical('2026-03-06T10:00:00+01:00'));
      expect(d.inputs['workingDaysBefore']).toBe(11);
      expect(d.feeCents).toBe(0);
      expect(d.inputs['latestNewDate']).toBe('2026-06-23');
    });

    it.each([
      ['2026-03-09T10:00:00+01:00', 10],
      ['2026-03-16T10:00:00+01:00', 5],
      ['2026-03-20T16:00:00+01:00', 1],
    ])('PP-14.5: given a request at %s (wdBefore %i), then a fixed fee of 55.00 payable at once', (requestedAt, wd) => {
      const d = decidePlusportReschedule(rb, practical(requestedAt));
      expect(d.inputs['workingDaysBefore']).toBe(wd);
      expect(d.feeCents).toBe(5_500);
      expect(d.feeGrossCents).toBe(6_655); // 55.00 + 11.55 VAT (MONEY-I1)
      expect(d.deadlines).toEqual({ feeDueDate: requestedAt.slice(0, 10) });
    });

    it('PP-14.5: explanation of the 55.00 fee', () => {
      const d = decidePlusportReschedule(rb, practical('2026-03-16T10:00:00+01:00'));
      expect(d.explanation).toBe(
        'Practical session rescheduled 5 working days before start to 2026-04-20: fee 55.00, payable at once (PP-14.1-3, PP-14.5, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-14.5 / PP-I8: given a request on Sat 2026-03-21 (wdBefore 0, but not the session day), then 55.00, not 100 %', () => {
      const d = decidePlusportReschedule(rb, practical('2026-03-21T10:00:00+01:00'));
      expect(d.inputs['workingDaysBefore']).toBe(0);
      expect(d.inputs['onTheDay']).toBe(false);
      expect(d.feeCents).toBe(5_500);
      expect(d.interpretationIds).toContain('PP-I8');
    });

    it('PP-14.5: given a request on the day of the session before its start, then 100 % of the session price', () => {
      const d = decidePlusportReschedule(rb, practical('2026-03-23T07:30:00+01:00'));
      expect(d.feeCents).toBe(35_000);
      expect(d.explanation).toBe(
        'Practical session rescheduled on the day of the session to 2026-04-20: 100 % of 350.00 = 350.00, payable at once (PP-14.1-3, PP-14.5, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-14.5 / PP-I9: given the new date exactly 3 calendar months after the original (2026-06-23), then allowed; 2026-06-24 is RESCHEDULE_OUTSIDE_WINDOW', () => {
      expect(
        decidePlusportReschedule(
          rb,
          practical('2026-03-06T10:00:00+01:00', { newStartsAt: '2026-06-23T13:00:00+02:00' }),
        ).allowed,
      ).toBe(true);
      const v = violation(() =>
        decidePlusportReschedule(
          rb,
          practical('2026-03-06T10:00:00+01:00', { newStartsAt: '2026-06-24T09:00:00+02:00' }),
        ),
      );
      expect([v.error, v.ruleId]).toEqual(['RESCHEDULE_OUTSIDE_WINDOW', 'PP-14.5']);
      expect(v.details).toEqual({ latestNewDate: '2026-06-23' });
    });

    it('PP-14.5 / PP-I9: given a session on Mon 2026-11-30, then the window clamps to 2027-02-28', () => {
      const base = { startsAt: '2026-11-30T09:00:00+01:00' };
      const ok = decidePlusportReschedule(
        rb,
        practical('2026-11-02T10:00:00+01:00', { ...base, newStartsAt: '2027-02-26T09:00:00+01:00' }),
      );
      expect(ok.inputs['latestNewDate']).toBe('2027-02-28');
      const v = violation(() =>
        decidePlusportReschedule(
          rb,
          practical('2026-11-02T10:00:00+01:00', { ...base, newStartsAt: '2027-03-01T09:00:00+01:00' }),
        ),
      );
      expect(v.error).toBe('RESCHEDULE_OUTSIDE_WINDOW');
    });

    it('PP-14.5: given no new date in the request, then RESCHEDULE_NEW_DATE_REQUIRED (only cancellation is possible)', () => {
      const { newStartsAt: _omit, ...noDate } = practical('2026-03-06T10:00:00+01:00');
      const v = violation(() => decidePlusportReschedule(rb, noDate));
      expect([v.error, v.ruleId]).toEqual(['RESCHEDULE_NEW_DATE_REQUIRED', 'PP-14.5']);
    });

    it('PP-14.5 / PP-I15 colleague swap: given proof of participation is required and the colleague passed the online theory exam, then allowed at no fee', () => {
      const d = decidePlusportColleagueSwap(rb, {
        requestedAt: '2026-03-20T10:00:00+01:00',
        startsAt: '2026-03-23T09:00:00+01:00',
        requiresProofOfParticipation: true,
        colleaguePassedOnlineTheoryExam: true,
      });
      expect(d.allowed).toBe(true);
      expect(d.feeCents).toBe(0);
      expect(d.ruleIds).toEqual(['PP-14.5']);
      expect(d.explanation).toBe(
        'Practical session place taken by a colleague who passed the online theory exam (proof of participation required): no fee (PP-14.5, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-14.5 colleague swap: given proof of participation is required and the colleague did not pass the theory exam, then SWAP_NOT_ALLOWED; without that requirement it is allowed', () => {
      const base = { requestedAt: '2026-03-20T10:00:00+01:00', startsAt: '2026-03-23T09:00:00+01:00' };
      const v = violation(() =>
        decidePlusportColleagueSwap(rb, {
          ...base,
          requiresProofOfParticipation: true,
          colleaguePassedOnlineTheoryExam: false,
        }),
      );
      expect([v.error, v.ruleId]).toEqual(['SWAP_NOT_ALLOWED', 'PP-14.5']);
      expect(decidePlusportColleagueSwap(rb, { ...base, requiresProofOfParticipation: false }).allowed).toBe(true);
      const late = violation(() =>
        decidePlusportColleagueSwap(rb, {
          ...base,
          requestedAt: '2026-03-23T09:05:00+01:00',
          requiresProofOfParticipation: false,
        }),
      );
      expect(late.error).toBe('SWAP_NOT_ALLOWED');
    });
  });

  describe('PP-14.6 classroom ATEX / NEN 1010 / NEN 3140 / VCA (Fri 2026-03-20)', () => {
    it.each([
      ['2026-03-05T10:00:00+01:00', 11, 0],
      ['2026-03-06T10:00:00+01:00', 10, 22_500],
      ['2026-03-10T10:00:00+01:00', 8, 22_500],
      ['2026-03-12T10:00:00+01:00', 6, 22_500],
      ['2026-03-13T10:00:00+01:00', 5, 45_000],
      ['2026-03-20T08:00:00+01:00', 0, 45_000],
    ])(
      'PP-14.6 with PP-15.5-CLS: given a request at %s (wdBefore %i), then the cancellation table fee %i cents',
      (requestedAt, wd, fee) => {
        const d = decidePlusportReschedule(rb, classroom(requestedAt, { rescheduleAsCancellation: true }));
        expect(d.inputs['workingDaysBefore']).toBe(wd);
        expect(d.feeCents).toBe(fee);
        expect(d.ruleIds).toEqual(['PP-14.1-3', 'PP-14.6', 'PP-15.5-CLS']);
      },
    );

    it('PP-14.6 explanation: 8 working days before: 50 % of 450.00 = 225.00', () => {
      const d = decidePlusportReschedule(
        rb,
        classroom('2026-03-10T10:00:00+01:00', { rescheduleAsCancellation: true }),
      );
      expect(d.explanation).toBe(
        'Classroom training rescheduled 8 working days before start to 2026-04-17: 50 % of 450.00 = 225.00, payable at once (PP-14.1-3, PP-14.6, PP-15.5-CLS, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-14.6 with PP-15.5-RS: given an ATEX training the learner rescheduled before, then a second reschedule costs 100 %', () => {
      const d = decidePlusportReschedule(
        rb,
        classroom('2026-03-05T10:00:00+01:00', { rescheduleAsCancellation: true, previouslyRescheduled: true }),
      );
      expect(d.feeCents).toBe(45_000);
      expect(d.ruleIds).toEqual(['PP-14.1-3', 'PP-14.6', 'PP-15.5-RS']);
    });

    it('PP-14.1-3 / PP-I10: given an ordinary classroom training, then RESCHEDULE_NOT_ALLOWED (only cancellation)', () => {
      const v = violation(() => decidePlusportReschedule(rb, classroom('2026-03-05T10:00:00+01:00')));
      expect([v.error, v.ruleId]).toEqual(['RESCHEDULE_NOT_ALLOWED', 'PP-14.1-3']);
    });
  });

  describe('PP-14.7 / 15.7 offering-specific reschedule table', () => {
    const customTerms = {
      quoteRef: 'Q-2026-017',
      rescheduleBands: {
        classroom: [
          { minWorkingDaysBefore: 5, allowed: true, feeCents: 2_500 },
          { minWorkingDaysBefore: 0, allowed: false },
        ],
      },
    };

    it('PP-14.7: given an incompany classroom training whose quote charges 25.00 from 5 working days, when requested 8 working days before, then 25.00', () => {
      const d = decidePlusportReschedule(rb, classroom('2026-03-10T10:00:00+01:00', { customTerms }));
      expect(d.feeCents).toBe(2_500);
      expect(d.ruleIds).toEqual(['PP-14.1-3', 'PP-14.7']);
    });

    it('PP-14.7: given the same quote, when requested 3 working days before, then RESCHEDULE_NOT_ALLOWED under PP-14.7', () => {
      const v = violation(() => decidePlusportReschedule(rb, classroom('2026-03-17T10:00:00+01:00', { customTerms })));
      expect([v.error, v.ruleId]).toEqual(['RESCHEDULE_NOT_ALLOWED', 'PP-14.7']);
    });

    it('PP-14.7 input: given bands that do not end at 0 working days, then PlusportInputError', () => {
      const bad = { rescheduleBands: { classroom: [{ minWorkingDaysBefore: 5, allowed: true }] } };
      expect(() => decidePlusportReschedule(rb, classroom('2026-03-10T10:00:00+01:00', { customTerms: bad }))).toThrow(
        PlusportInputError,
      );
    });
  });
});
