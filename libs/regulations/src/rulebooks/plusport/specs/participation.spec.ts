import {
  PLUSPORT_2024,
  PlusportInputError,
  decidePlusportAttendance,
  decidePlusportCertificate,
  decidePlusportComplaint,
  decidePlusportExamResult,
} from '../index';

const rb = PLUSPORT_2024;

describe('plusport participation rules', () => {
  describe('PP-8.2-3 identification and PP-15.5-LATE', () => {
    it('PP-8.2-3: given a learner without a valid original ID at a 450.00 classroom training, then access refused, charged in full, no refund', () => {
      const d = decidePlusportAttendance(rb, {
        at: '2026-03-20T08:45:00+01:00',
        component: 'classroom',
        componentPriceCents: 45_000,
        status: 'no-id',
      });
      expect(d.allowed).toBe(false);
      expect(d.feeCents).toBe(45_000);
      expect(d.refundCents).toBe(0);
      expect(d.ruleIds).toEqual(['PP-8.2-3']);
      expect(d.explanation).toBe(
        'Classroom training: no valid original ID, access refused: charged in full, 100 % of 450.00 = 450.00, no refund (PP-8.2-3, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-8.2-3: given an exam candidate without valid ID, then the exam (150.00) is charged in full', () => {
      const d = decidePlusportAttendance(rb, {
        at: '2026-03-20T08:45:00+01:00',
        component: 'exam',
        componentPriceCents: 15_000,
        status: 'no-id',
      });
      expect(d.feeCents).toBe(15_000);
    });

    it('PP-15.5-LATE: given a learner who arrives after the start and is refused, then 100 %, no refund', () => {
      const d = decidePlusportAttendance(rb, {
        at: '2026-03-20T09:20:00+01:00',
        component: 'practical-session',
        componentPriceCents: 35_000,
        status: 'late',
      });
      expect(d.feeCents).toBe(35_000);
      expect(d.refundCents).toBe(0);
      expect(d.ruleIds).toEqual(['PP-15.5-LATE']);
      expect(d.explanation).toBe(
        'Practical session: learner late, access refused: charged in full, 100 % of 350.00 = 350.00, no refund (PP-15.5-LATE, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-15.5-LATE: given a no-show at an exam, then 100 %, no refund', () => {
      const d = decidePlusportAttendance(rb, {
        at: '2026-03-20T12:00:00+01:00',
        component: 'exam',
        componentPriceCents: 15_000,
        status: 'no-show',
      });
      expect(d.feeCents).toBe(15_000);
      expect(d.ruleIds).toEqual(['PP-15.5-LATE']);
    });

    it('PP-8.2-3: given a learner identified and attending, then admitted and no fee decision', () => {
      const d = decidePlusportAttendance(rb, {
        at: '2026-03-20T08:45:00+01:00',
        component: 'exam',
        componentPriceCents: 15_000,
        status: 'attended',
      });
      expect(d.allowed).toBe(true);
      expect(d.feeCents).toBeUndefined();
    });
  });

  describe('PP-13.2-3 pass conditions', () => {
    const exam = {
      course: 'exam' as const,
      sittingAt: '2026-03-20T09:00:00+01:00',
      identified: true,
      maxScore: 40,
      passMark: 28,
    };

    it('PP-13.2-3: given an identified candidate with exactly the required 28 of 40 correct, then passed', () => {
      const d = decidePlusportExamResult(rb, { ...exam, score: 28 });
      expect(d.passed).toBe(true);
      expect(d.ruleIds).toEqual(['PP-13.2-3']);
      expect(d.explanation).toBe(
        'Exam passed: identified, 28 of 40 correct (28 required) (PP-13.2-3, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-13.2-3: given 27 of 40 correct, then failed', () => {
      const d = decidePlusportExamResult(rb, { ...exam, score: 27 });
      expect(d.passed).toBe(false);
      expect(d.explanation).toBe(
        'Exam failed: 27 of 40 correct, 28 required (PP-13.2-3, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-13.2-3: given 40 of 40 correct but not identified as prescribed, then failed', () => {
      expect(decidePlusportExamResult(rb, { ...exam, score: 40, identified: false }).passed).toBe(false);
    });

    it('PP-13.2-3: given 40 of 40 correct but caught cheating (art. 12.12), then failed', () => {
      expect(decidePlusportExamResult(rb, { ...exam, score: 40, fraud: true }).passed).toBe(false);
      expect(decidePlusportExamResult(rb, { ...exam, score: 40, invalidated: true }).passed).toBe(false);
    });

    it('PP-13.2-3 input: given a score above the maximum, then PlusportInputError', () => {
      expect(() => decidePlusportExamResult(rb, { ...exam, score: 41 })).toThrow(PlusportInputError);
    });

    const course = {
      course: 'practical-session-course' as const,
      sittingAt: '2026-03-23T09:00:00+01:00',
      identified: true,
      onlineTrainingCompleted: true,
      onlineTheoryExamPassed: true,
      practicalExercisesPassed: true,
      declaredCompetent: true,
    };

    it('PP-13.2-3: given a practical-session course with all five conditions met, then passed', () => {
      expect(decidePlusportExamResult(rb, course).passed).toBe(true);
    });

    it.each([
      'identified',
      'onlineTrainingCompleted',
      'onlineTheoryExamPassed',
      'practicalExercisesPassed',
      'declaredCompetent',
    ] as const)('PP-13.2-3: given a practical-session course with %s false, then not passed', (condition) => {
      expect(decidePlusportExamResult(rb, { ...course, [condition]: false }).passed).toBe(false);
    });
  });

  describe('PP-13.6 certificate', () => {
    it('PP-13.6: given passed and the invoice paid, then the certificate may be issued', () => {
      const d = decidePlusportCertificate(rb, {
        asOf: '2026-03-24',
        passed: true,
        invoiceTotalCents: 18_150,
        paidCents: 18_150,
      });
      expect(d.allowed).toBe(true);
      expect(d.inputs['waitingFor']).toEqual([]);
    });

    it('PP-13.6: given passed but 60.50 unpaid, then the certificate waits for payment', () => {
      const d = decidePlusportCertificate(rb, {
        asOf: '2026-03-24',
        passed: true,
        invoiceTotalCents: 18_150,
        paidCents: 12_100,
      });
      expect(d.allowed).toBe(false);
      expect(d.inputs['waitingFor']).toEqual(['payment']);
      expect(d.explanation).toBe(
        'Exam passed but the invoice is not paid (60.50 outstanding): the certificate waits for payment (PP-13.6, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-13.6: given not passed, then no certificate even when paid', () => {
      expect(
        decidePlusportCertificate(rb, {
          asOf: '2026-03-24',
          passed: false,
          invoiceTotalCents: 18_150,
          paidCents: 18_150,
        }).allowed,
      ).toBe(false);
    });
  });

  describe('PP-16.5 complaints (course of Fri 2026-03-20)', () => {
    it('PP-16.5 / PP-I14: given a complaint on Mon 2026-03-23, then in time and the answer is due 7 working days later, 2026-04-01', () => {
      const d = decidePlusportComplaint(rb, { courseEndedAt: '2026-03-20', receivedAt: '2026-03-23T10:00:00+01:00' });
      expect(d.allowed).toBe(true);
      expect(d.deadlines).toEqual({ complaintWindowEndsOn: '2026-04-03', answerDueBy: '2026-04-01' });
      expect(d.explanation).toBe(
        'Complaint received 2026-03-23, within 2 weeks after the course of 2026-03-20 (until 2026-04-03): answer due by 2026-04-01 (7 working days) (PP-16.5, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-16.5 / PP-I14: given a complaint on the last day 2026-04-03 (Good Friday), then in time; the answer skips Good Friday and Easter Monday: 2026-04-15', () => {
      const d = decidePlusportComplaint(rb, {
        courseEndedAt: '2026-03-20T17:00:00+01:00',
        receivedAt: '2026-04-03T22:00:00+02:00',
      });
      expect(d.allowed).toBe(true);
      expect(d.deadlines).toEqual({ complaintWindowEndsOn: '2026-04-03', answerDueBy: '2026-04-15' });
    });

    it('PP-16.5: given a complaint on 2026-04-04, then too late: deemed accepted, no answer deadline', () => {
      const d = decidePlusportComplaint(rb, { courseEndedAt: '2026-03-20', receivedAt: '2026-04-04T09:00:00+02:00' });
      expect(d.allowed).toBe(false);
      expect(d.deadlines).toEqual({ complaintWindowEndsOn: '2026-04-03' });
    });
  });
});
