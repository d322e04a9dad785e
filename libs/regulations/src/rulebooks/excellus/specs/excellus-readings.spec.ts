/**
 * Catalogue revision 2 in Excellus: EXC-I3 (cooling-off for business customers), EXC-I4 ("used"
 * e-learning = login details issued) and MONEY-I1 (fee fields), as versioned readings; the exam
 * result as a recomputable decision.
 */
import { RulebookRegistry } from '../../../rulebook';
import type { Decision } from '../../../decision';
import { readingIdsOf } from '../../../contract/readings';
import {
  EXCELLUS_2024_01_01,
  decideExcellusAttendance,
  decideExcellusCancellation,
  decideExcellusExamResult,
  decideExcellusProviderCancellation,
  decideExcellusResit,
  decideExcellusSubstitution,
  excellusVersions,
} from '../index';
import type { ExcellusCancellationInput, ExcellusExamResultInput } from '../index';
import recordedBeforeRev2 from './fixtures/recorded-before-rev2.json';

const exc = EXCELLUS_2024_01_01;
const registry = new RulebookRegistry();
for (const v of excellusVersions) registry.register(v);

const recorded = (recordedBeforeRev2 as unknown as { decisions: { name: string; decision: Decision }[] }).decisions;

function expectRecomputesByteForByte(decision: Decision): void {
  const stored = JSON.parse(JSON.stringify(decision)) as Decision;
  expect(JSON.stringify(registry.recompute(stored))).toBe(JSON.stringify(decision));
}

describe('excellus decisions recorded before catalogue revision 2', () => {
  it.each(recorded.map((r) => [r.name, r.decision] as const))(
    'EXC-I3 / EXC-I4 / MONEY-I1 version 1: given the recorded decision "%s" (no readings in its inputs), when recomputed, then it is byte-for-byte the recorded decision',
    (_name, decision) => {
      expect(decision.inputs['readings']).toBeUndefined();
      expect(JSON.stringify(registry.recompute(decision))).toBe(JSON.stringify(decision));
    },
  );
});

describe('EXC-I3 (rev 2): the EXC-4.2 cooling-off applies to business customers (instellingen) too', () => {
  /** Registered (e-mail sent) 2026-01-10, cancelled 2026-01-15: within 14 days. */
  const withinCoolingOff = (extra: Partial<ExcellusCancellationInput>) =>
    decideExcellusCancellation(exc, {
      offeringKind: 'contact-course',
      customerKind: 'business',
      registeredAt: '2026-01-10T10:00:00+01:00',
      requestedAt: '2026-01-15T10:00:00+01:00',
      startsAt: '2026-05-31',
      priceCents: 100_000,
      paidCents: 100_000,
      ...extra,
    });

  it('EXC-4.2 / EXC-I3 version 1: given a business customer cancelling a contact course within 14 days, then no cooling-off: 30 % under EXC-4.1', () => {
    const d = withinCoolingOff({ readings: { 'EXC-I3': 1 } });
    expect([d.feeCents, d.refundCents]).toEqual([30_000, 70_000]);
    expect(d.inputs['coolingOffStatus']).toBe('not-applicable-business');
    expect(d.interpretationIds).toEqual([]);
    expectRecomputesByteForByte(d);
  });

  it('EXC-4.2 / EXC-I3 version 2: given the same business cancellation, then free within the cooling-off, citing EXC-I3', () => {
    const d = withinCoolingOff({});
    expect([d.feeCents, d.refundCents]).toEqual([0, 100_000]);
    expect(d.ruleIds).toEqual(['EXC-4.2']);
    expect(d.interpretationIds).toEqual(['EXC-I3']);
    expect(d.deadlines).toEqual({ coolingOffUntil: '2026-01-24' });
    expect(d.explanation).toContain('within the 14-day cooling-off period (until 2026-01-24)');
    expectRecomputesByteForByte(d);
  });

  it('EXC-4.2 / EXC-I3 version 2: given a consumer, then the cooling-off applies as before and EXC-I3 is not cited', () => {
    const d = withinCoolingOff({ customerKind: 'consumer' });
    expect(d.feeCents).toBe(0);
    expect(d.interpretationIds).toEqual([]);
  });

  it('EXC-4.1* / EXC-I3 version 2: given an in-company/group course of a business customer, then still no cooling-off', () => {
    const d = withinCoolingOff({ group: true, priceCents: 500_000, paidCents: 500_000 });
    expect(d.feeCents).toBe(150_000);
    expect(d.inputs['coolingOffStatus']).toBe('not-applicable-group');
    expect(d.interpretationIds).toEqual([]);
  });

  it('EXC-4.3 / EXC-I3 version 2: given a business exam-only booking cancelled within 14 days (exam more than 14 days away), then free', () => {
    const d = withinCoolingOff({
      offeringKind: 'exam-only',
      startsAt: '2026-06-01',
      priceCents: 35_000,
      paidCents: 35_000,
    });
    expect([d.feeCents, d.refundCents]).toEqual([0, 35_000]);
    expect(d.ruleIds).toEqual(['EXC-4.3', 'EXC-4.2']);
    expect(d.interpretationIds).toEqual(['EXC-I3']);
  });

  it('EXC-4.2 / EXC-I3 version 2: given a business course starting within 14 days of registration, then the cooling-off was waived as for consumers', () => {
    const d = withinCoolingOff({ startsAt: '2026-01-20' });
    expect(d.inputs['coolingOffStatus']).toBe('waived');
    expect(d.feeCents).toBe(80_000);
  });
});

describe('EXC-I4 (rev 2): for EXC-4.3 an e-learning environment is used once its login details were issued', () => {
  /** Exam-only booking: exam 2026-06-01 (400.00 with an e-learning environment of 150.00), cancelled 2026-04-01 (8 weeks before). */
  const examOnly = (extra: Partial<ExcellusCancellationInput>) =>
    decideExcellusCancellation(exc, {
      offeringKind: 'exam-only',
      customerKind: 'consumer',
      registeredAt: '2026-01-10',
      requestedAt: '2026-04-01',
      startsAt: '2026-06-01',
      priceCents: 40_000,
      paidCents: 40_000,
      eLearningCostCents: 15_000,
      ...extra,
    });

  it('EXC-4.3 / EXC-I4 version 1: given login details issued but the e-learning never started, then only the administration costs (50.00)', () => {
    const d = examOnly({ credentialsIssuedAt: '2026-01-12', eLearningUsed: false, readings: { 'EXC-I4': 1 } });
    expect([d.feeCents, d.refundCents]).toEqual([5_000, 35_000]);
    expect(d.interpretationIds).toEqual([]);
    expectRecomputesByteForByte(d);
  });

  it('EXC-4.3 / EXC-I4 version 2: given the same booking, then the e-learning counts as used: 50.00 + 150.00 = 200.00, citing EXC-I4', () => {
    const d = examOnly({ credentialsIssuedAt: '2026-01-12', eLearningUsed: false });
    expect([d.feeCents, d.refundCents]).toEqual([20_000, 20_000]);
    expect(d.interpretationIds).toEqual(['EXC-I4']);
    expect(d.inputs['eLearningEnvironmentUsed']).toBe(true);
    expect(d.explanation).toContain('+ e-learning 150.00 (login details issued 2026-01-12) = 200.00');
    expectRecomputesByteForByte(d);
  });

  it('EXC-4.3 / EXC-I4 version 2: given no login details issued (even if the learner reports having started), then only the administration costs', () => {
    const d = examOnly({ eLearningUsed: true });
    expect(d.feeCents).toBe(5_000);
    expect(d.inputs['eLearningEnvironmentUsed']).toBe(false);
    expect(d.interpretationIds).toEqual(['EXC-I4']);
  });

  it('EXC-4.3 / EXC-I4 version 2: given login details issued after the cancellation was sent, then they were not issued by then: not used', () => {
    const d = examOnly({ credentialsIssuedAt: '2026-04-02' });
    expect(d.feeCents).toBe(5_000);
  });

  it('EXC-4.3 / EXC-I4 version 2: given a cancellation less than 6 weeks before, then the full price, whatever the e-learning', () => {
    const d = examOnly({ requestedAt: '2026-04-21', credentialsIssuedAt: '2026-01-12' });
    expect(d.feeCents).toBe(40_000);
    expect(d.interpretationIds).toEqual([]);
  });
});

describe('MONEY-I1 (rev 2) in Excellus: VAT-exempt (rate 0), so VAT 0 and gross = fee', () => {
  it('MONEY-I1 version 2 / EXC-4.1: given a contact course cancelled 3 weeks before start, then 60 % = 600.00 with VAT 0 and gross 600.00', () => {
    const d = decideExcellusCancellation(exc, {
      offeringKind: 'contact-course',
      customerKind: 'consumer',
      registeredAt: '2026-01-10',
      requestedAt: '2026-05-10',
      startsAt: '2026-05-31',
      priceCents: 100_000,
      paidCents: 100_000,
    });
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents, d.refundCents]).toEqual([60_000, 0, 60_000, 40_000]);
    expect(d.inputs['vatRateBasisPoints']).toBe(0);
    expect(d.inputs['readings']).toEqual({ 'EXC-I3': 2, 'EXC-I4': 2, 'MONEY-I1': 2 });
  });

  it('MONEY-I1 version 2 / EXC-4.2b / EXC-4.9 / EXC-13 / EXC-8.2: substitution, provider cancellation, refused entry and resit state fee, VAT and gross', () => {
    const decisions = [
      decideExcellusSubstitution(exc, {
        requestedAt: '2026-05-01',
        originalLearnerId: 'l1',
        substituteLearnerId: 'l2',
        invoiceCustomerId: 'c1',
      }),
      decideExcellusProviderCancellation(exc, { cancelledAt: '2026-05-01', paidCents: 100_000 }),
      decideExcellusAttendance(exc, {
        reason: 'late',
        startsAt: '2026-05-31T09:00:00+02:00',
        arrivedAt: '2026-05-31T09:20:00+02:00',
        priceCents: 100_000,
        paidCents: 100_000,
      }),
      decideExcellusResit(exc, {
        offeringKind: 'exam-only',
        examSatOn: '2026-06-01',
        lastAttemptPassed: false,
        resitsTaken: 0,
      }),
    ];
    expect(decisions.map((d) => [d.feeCents, d.feeVatCents, d.feeGrossCents])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [100_000, 0, 100_000],
      [0, 0, 0],
    ]);
    for (const d of decisions) {
      expect(Object.keys(d.inputs['readings'] as object)).toEqual(readingIdsOf('excellus', d.kind));
      expectRecomputesByteForByte(d);
    }
  });
});

describe('excellus exam-result: a recomputable decision (passed, EXC-8.2 free resit)', () => {
  const sitting = (extra: Partial<ExcellusExamResultInput>) =>
    decideExcellusExamResult(exc, {
      offeringKind: 'exam-only',
      sittingAt: '2026-06-01T10:00:00+02:00',
      attempt: 1,
      identified: true,
      score: 60,
      maxScore: 100,
      passMark: 55,
      ...extra,
    });

  it('EXC-8.2 given an identified learner with 60 of 100 correct and pass mark 55, then passed and no resit', () => {
    const d = sitting({});
    expect([d.passed, d.resitAllowed]).toEqual([true, false]);
    expect(d.kind).toBe('exam-result');
    expect(d.ruleIds).toEqual(['EXC-8.2']);
    expect(d.inputs['resitRuleId']).toBeUndefined();
    expectRecomputesByteForByte(d);
  });

  it('EXC-8.2 given exactly the pass mark (55), then passed', () => {
    expect(sitting({ score: 55 }).passed).toBe(true);
  });

  it('EXC-8.2 given an exam-only customer failing the first sitting (54 < 55), then one free resit is allowed', () => {
    const d = sitting({ score: 54 });
    expect([d.passed, d.resitAllowed]).toEqual([false, true]);
    expect(d.inputs['resitRuleId']).toBe('EXC-8.2');
    expect(d.explanation).toBe(
      'Exam failed (54/100 correct, below the pass mark of 55): one free resit with another examiner (EXC-8.2, rulebook excellus@2024-01-01)',
    );
    expectRecomputesByteForByte(d);
  });

  it('EXC-8.2 given the free resit failed too (attempt 2), then no further free resit', () => {
    const d = sitting({ score: 40, attempt: 2 });
    expect([d.passed, d.resitAllowed]).toEqual([false, false]);
    expect(d.inputs['resitRuleId']).toBe('EXC-8.2');
  });

  it('EXC-8.2 given a contact-course learner failing, then no free resit (it is for exam-only customers)', () => {
    const d = sitting({ offeringKind: 'contact-course', score: 40 });
    expect(d.resitAllowed).toBe(false);
  });

  it('EXC-8.2 given an unidentified learner or fraud, then failed whatever the score', () => {
    expect(sitting({ identified: false, score: 100 }).passed).toBe(false);
    const fraud = sitting({ fraud: true, score: 100 });
    expect(fraud.passed).toBe(false);
    expect(fraud.explanation).toContain('Exam failed (fraud)');
    expectRecomputesByteForByte(fraud);
  });

  it('EXC-8.2 given a score above the maximum, then a bad request', () => {
    expect(() => sitting({ score: 101 })).toThrow('score must be an integer from 0 to 100');
  });
});
