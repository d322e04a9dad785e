import {
  PLUSPORT_2024,
  PlusportInputError,
  decidePlusportCancellation,
  decidePlusportCancellationEvidence,
} from '../index';
import type { PlusportCancellationInput } from '../index';
import { violation } from '../../../rule-violation.test-support';

const rb = PLUSPORT_2024;

/** Exam 150.00 on Fri 2026-03-20 09:00, cancelled Tue 2026-03-17 (3 working days before) for illness. */
const illness: PlusportCancellationInput = {
  registeredAt: '2026-01-05T10:00:00+01:00',
  requestedAt: '2026-03-17T10:00:00+01:00',
  startsAt: '2026-03-20T09:00:00+01:00',
  components: [{ kind: 'exam', priceCents: 15_000 }],
  paidCents: 18_150,
  reason: 'illness',
};

describe('plusport PP-15.6 illness / death / hospitalisation exemption', () => {
  describe('step 1: the cancellation', () => {
    it('PP-15.6 / PP-I4: given an exam cancelled 3 working days before for illness of the learner, then fee 0 pending evidence until the cancellation date + 7 calendar days (2026-03-24)', () => {
      const d = decidePlusportCancellation(rb, illness);
      expect(d.feeCents).toBe(0);
      expect(d.refundCents).toBe(18_150);
      expect(d.deadlines).toEqual({ pendingEvidenceUntil: '2026-03-24' });
      expect(d.inputs['pendingEvidence']).toBe(true);
      expect(d.inputs['tableFeeCents']).toBe(15_000);
      expect(d.ruleIds).toEqual(['PP-15.5-EX', 'PP-15.6']);
      expect(d.interpretationIds).toEqual(['PP-I2', 'PP-I4', 'PP-I7']);
      expect(d.explanation).toBe(
        'Exam cancelled 3 working days before start for illness: 0.00 pending evidence until 2026-03-24 (table: 100 % of 150.00 = 150.00) (PP-15.5-EX, PP-15.6, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-15.6: given a package (e-learning started + exam) cancelled for hospitalisation, then the e-learning is not exempt (100.00) and the exam is (0.00 pending)', () => {
      const d = decidePlusportCancellation(rb, {
        ...illness,
        reason: 'hospitalisation',
        components: [
          { kind: 'e-learning', priceCents: 10_000 },
          { kind: 'exam', priceCents: 15_000 },
        ],
        eLearningStarted: true,
        paidCents: 30_250,
        offeringKind: 'package-exam',
      });
      expect(d.feeCents).toBe(10_000);
      expect(d.inputs['tableFeeCents']).toBe(25_000);
      // 100.00 + 21.00 VAT = 121.00; 302.50 - 121.00
      expect(d.refundCents).toBe(18_150);
      expect(d.deadlines).toEqual({ pendingEvidenceUntil: '2026-03-24' });
    });

    it('PP-15.6: given death of a first-degree relative, then the classroom training is exempt; a textbook is not', () => {
      const d = decidePlusportCancellation(rb, {
        ...illness,
        reason: 'death',
        affectedPerson: 'first-degree-relative',
        components: [
          { kind: 'classroom', priceCents: 45_000 },
          { kind: 'textbook', priceCents: 3_000 },
        ],
      });
      expect(d.feeCents).toBe(3_000);
      expect(d.inputs['tableFeeCents']).toBe(48_000);
      expect(d.inputs['breakdown']).toEqual([
        expect.objectContaining({ kind: 'classroom', exempt: true, tableFeeCents: 45_000, feeCents: 0 }),
        expect.objectContaining({ kind: 'textbook', exempt: false, feeCents: 3_000 }),
      ]);
    });

    it("PP-15.6: given illness of a first-degree relative (only the learner's own sickness counts), then the table fee applies at once and nothing is pending", () => {
      const d = decidePlusportCancellation(rb, { ...illness, affectedPerson: 'first-degree-relative' });
      expect(d.feeCents).toBe(15_000);
      expect(d.deadlines).toBeUndefined();
      expect(d.ruleIds).toEqual(['PP-15.5-EX', 'PP-15.6']);
      expect(d.explanation).toBe(
        'Exam cancelled 3 working days before start: 100 % of 150.00 = 150.00; illness of a first-degree relative is not a ground for exemption (PP-15.5-EX, PP-15.6, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-15.6 with PP-15.2: given an illness cancellation received after the start, then no exemption: 100 % no-show', () => {
      const d = decidePlusportCancellation(rb, { ...illness, requestedAt: '2026-03-20T09:15:00+01:00' });
      expect(d.feeCents).toBe(15_000);
      expect(d.deadlines).toBeUndefined();
      expect(d.ruleIds).toEqual(['PP-15.2', 'PP-15.6']);
    });

    it('PP-15.6: given an illness cancellation while the table fee is 0 anyway (6 working days), then nothing awaits evidence', () => {
      const d = decidePlusportCancellation(rb, { ...illness, requestedAt: '2026-03-12T10:00:00+01:00' });
      expect(d.feeCents).toBe(0);
      expect(d.deadlines).toBeUndefined();
      expect(d.inputs['pendingEvidence']).toBe(false);
    });

    it('PP-15.6 / PP-I6: given illness and a practical session rescheduled before, then the exemption also covers the PP-15.5-RS fee', () => {
      const d = decidePlusportCancellation(rb, {
        ...illness,
        components: [{ kind: 'practical-session', priceCents: 35_000 }],
        previouslyRescheduled: true,
      });
      expect(d.feeCents).toBe(0);
      expect(d.inputs['tableFeeCents']).toBe(35_000);
      expect(d.ruleIds).toEqual(['PP-15.5-RS', 'PP-15.6']);
    });
  });

  describe('step 2: evidence or the deadline', () => {
    it('PP-15.6 / PP-I4: given evidence received at 23:30 on the deadline day 2026-03-24, then the exemption is confirmed and the fee stays 0', () => {
      const d = decidePlusportCancellationEvidence(rb, {
        cancellation: illness,
        evidenceReceivedAt: '2026-03-24T23:30:00+01:00',
        evidenceKind: 'medical-certificate',
      });
      expect(d.kind).toBe('cancellation-evidence');
      expect(d.feeCents).toBe(0);
      expect(d.refundCents).toBe(18_150);
      expect(d.inputs['outcome']).toBe('confirmed');
      expect(d.inputs['additionalFeeCents']).toBe(0);
      expect(d.deadlines).toEqual({ pendingEvidenceUntil: '2026-03-24' });
      expect(d.explanation).toBe(
        'Evidence (medical-certificate) received 2026-03-24, within the deadline 2026-03-24: exemption confirmed, fee 0.00 (PP-15.6, PP-15.5-EX, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-15.6 / PP-I4: given evidence received 2026-03-24T23:30Z (00:30 on 2026-03-25 in Amsterdam), then it is late and the table fee is charged', () => {
      const d = decidePlusportCancellationEvidence(rb, {
        cancellation: illness,
        evidenceReceivedAt: '2026-03-24T23:30:00Z',
      });
      expect(d.inputs['outcome']).toBe('lapsed');
      expect(d.feeCents).toBe(15_000);
      expect(d.refundCents).toBe(0); // 181.50 paid - (150.00 + 31.50 VAT)
      expect(d.explanation).toBe(
        'Evidence received 2026-03-25, after the deadline 2026-03-24: table fee charged: Exam cancelled 3 working days before start: 100 % of 150.00 = 150.00 (PP-15.6, PP-15.5-EX, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-15.6: given no evidence, when the scheduler fires at 00:00 on 2026-03-25, then a decision that names the deadline charges the table fee', () => {
      const d = decidePlusportCancellationEvidence(rb, {
        cancellation: illness,
        decidedAt: '2026-03-25T00:00:00+01:00',
      });
      expect(d.feeCents).toBe(15_000);
      expect(d.inputs['additionalFeeCents']).toBe(15_000);
      expect(d.deadlines).toEqual({ pendingEvidenceUntil: '2026-03-24' });
      expect(d.explanation).toBe(
        'No evidence received by 2026-03-24: table fee charged: Exam cancelled 3 working days before start: 100 % of 150.00 = 150.00 (PP-15.6, PP-15.5-EX, rulebook plusport@2024-01-01)',
      );
    });

    it('PP-15.6: given no evidence, when asked at 23:59:59 on the deadline day, then EVIDENCE_WINDOW_OPEN', () => {
      const v = violation(() =>
        decidePlusportCancellationEvidence(rb, { cancellation: illness, decidedAt: '2026-03-24T23:59:59+01:00' }),
      );
      expect(v.error).toBe('EVIDENCE_WINDOW_OPEN');
      expect(v.ruleId).toBe('PP-15.6');
      expect(v.details).toEqual({ pendingEvidenceUntil: '2026-03-24' });
    });

    it('PP-15.6 / PP-I4 across DST: given a cancellation on Mon 2026-03-23, then the deadline is 2026-03-30 (CEST): 21:30Z is in time, 22:30Z is late', () => {
      const cancellation: PlusportCancellationInput = {
        ...illness,
        requestedAt: '2026-03-23T10:00:00+01:00',
        startsAt: '2026-03-27T09:00:00+01:00',
      };
      expect(decidePlusportCancellation(rb, cancellation).deadlines).toEqual({ pendingEvidenceUntil: '2026-03-30' });
      expect(
        decidePlusportCancellationEvidence(rb, { cancellation, evidenceReceivedAt: '2026-03-30T21:30:00Z' }).inputs[
          'outcome'
        ],
      ).toBe('confirmed');
      expect(
        decidePlusportCancellationEvidence(rb, { cancellation, evidenceReceivedAt: '2026-03-30T22:30:00Z' }).inputs[
          'outcome'
        ],
      ).toBe('lapsed');
    });

    it('PP-15.6: given a package where only the exam was exempt, when the deadline lapses, then the whole table fee is due and the refund shrinks accordingly', () => {
      const cancellation: PlusportCancellationInput = {
        ...illness,
        components: [
          { kind: 'e-learning', priceCents: 10_000 },
          { kind: 'exam', priceCents: 15_000 },
        ],
        eLearningStarted: true,
        paidCents: 30_250,
      };
      const d = decidePlusportCancellationEvidence(rb, { cancellation, decidedAt: '2026-04-01T09:00:00+02:00' });
      expect(d.feeCents).toBe(25_000);
      expect(d.inputs['exemptFeeCents']).toBe(10_000);
      expect(d.inputs['additionalFeeCents']).toBe(15_000);
      expect(d.refundCents).toBe(0); // 302.50 - (250.00 + 52.50)
    });

    it('PP-15.6: given a regular cancellation, when evidence arrives, then NO_EVIDENCE_PENDING; without evidence and without decidedAt, then PlusportInputError', () => {
      const v = violation(() =>
        decidePlusportCancellationEvidence(rb, {
          cancellation: { ...illness, reason: 'regular' },
          evidenceReceivedAt: '2026-03-18T10:00:00+01:00',
        }),
      );
      expect(v.error).toBe('NO_EVIDENCE_PENDING');
      expect(v.ruleId).toBe('PP-15.6');
      expect(() => decidePlusportCancellationEvidence(rb, { cancellation: illness })).toThrow(PlusportInputError);
    });
  });
});
