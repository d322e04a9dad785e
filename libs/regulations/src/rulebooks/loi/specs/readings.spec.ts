/**
 * Catalogue revision 2 in LOI: MONEY-I1 (feeCents excludes VAT; VAT and gross beside it) as a
 * versioned reading, and the exam result (LOI-4 block, LOI-11) as a recomputable decision.
 */
import { RulebookRegistry } from '../../../rulebook';
import type { Decision } from '../../../decision';
import { readingIdsOf } from '../../../contract/readings';
import { addVat } from '../../../money';
import { violation } from '../../../rule-violation.test-support';
import {
  loiEarlyTermination,
  loiExamResult,
  loiMaterialsReturn,
  loiVersions,
  loiWithdrawal,
  type LoiBook,
  type LoiExamResultInput,
  type LoiTerminationInput,
} from '..';
import recordedBeforeRev2 from './fixtures/recorded-before-rev2.json';

const loi = loiVersions[0] as unknown as LoiBook;
const registry = new RulebookRegistry();
for (const v of loiVersions) registry.register(v);

const recorded = (recordedBeforeRev2 as unknown as { decisions: { name: string; decision: Decision }[] }).decisions;

function expectRecomputesByteForByte(decision: Decision): void {
  const stored = JSON.parse(JSON.stringify(decision)) as Decision;
  expect(JSON.stringify(registry.recompute(stored))).toBe(JSON.stringify(decision));
}

const gross = (netCents: number) => addVat(netCents, 2_100).grossCents;

describe('loi decisions recorded before catalogue revision 2', () => {
  it.each(recorded.map((r) => [r.name, r.decision] as const))(
    'MONEY-I1 version 1: given the recorded decision "%s" (no readings in its inputs), when recomputed, then it is byte-for-byte the recorded decision',
    (_name, decision) => {
      expect(decision.inputs['readings']).toBeUndefined();
      expect(JSON.stringify(registry.recompute(decision))).toBe(JSON.stringify(decision));
    },
  );
});

describe('MONEY-I1 (rev 2) / LOI-12.4: what is owed on termination, net with VAT beside it', () => {
  /** A non-recognised MBO course (LOI Zakelijk, 21 % VAT): tuition 33.33 + exam fee 10.00 a month net, materials 100.00 net. */
  const mbo: LoiTerminationInput = {
    level: 'mbo',
    studyMonths: 24,
    tutor: true,
    startDate: '2026-03-01',
    requestedAt: '2026-11-15T10:00:00+01:00',
    agreementDate: '2026-02-20',
    monthlyTuitionNetCents: 3_333,
    monthlyExamFeeNetCents: 1_000,
    extraMaterialsNetCents: 10_000,
    vatRateBasisPoints: 2_100,
    paidCents: 50_000,
  };

  it('LOI-12.3-MBO / LOI-12.4 / MONEY-I1 version 2: given a termination in study year 1 in time, then 12 months net + materials with VAT per instalment; refund/outstanding from the gross', () => {
    const d = loiEarlyTermination(loi, mbo);
    expect(d.inputs['monthsDue']).toBe(12);
    const feeNet = 12 * (3_333 + 1_000) + 10_000;
    const feeGross = 12 * (gross(3_333) + gross(1_000)) + gross(10_000);
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents]).toEqual([feeNet, feeGross - feeNet, feeGross]);
    expect(d.refundCents).toBe(0);
    expect(d.inputs['outstandingCents']).toBe(feeGross - 50_000);
    expect(d.interpretationIds).toEqual(['LOI-I1', 'MONEY-I1']);
    expect(d.inputs).toMatchObject({ vatRateBasisPoints: 2_100, readings: { 'MONEY-I1': 2 } });
    expectRecomputesByteForByte(d);
  });

  it('LOI-12.4 / MONEY-I1: given the same termination under version 1 (gross monthly amounts) and version 2 (net with the rate), then what is owed, paid back and still due is the same', () => {
    const asVersion1 = {
      ...mbo,
      monthlyTuitionCents: gross(3_333),
      monthlyExamFeeCents: gross(1_000),
      extraMaterialsCents: gross(10_000),
      readings: { 'MONEY-I1': 1 },
    };
    for (const paidCents of [50_000, 90_000]) {
      const v1 = loiEarlyTermination(loi, { ...asVersion1, paidCents });
      const v2 = loiEarlyTermination(loi, { ...mbo, paidCents });
      expect([v2.feeGrossCents, v2.refundCents, v2.inputs['outstandingCents']]).toEqual([
        v1.feeCents,
        v1.refundCents,
        v1.inputs['outstandingCents'],
      ]);
      expect(v1.feeVatCents).toBeUndefined();
      expectRecomputesByteForByte(v1);
    }
  });

  it('MONEY-I1 version 2: given a termination without the VAT rate, then it is refused naming the field, not guessed', () => {
    expect(() => loiEarlyTermination(loi, { ...mbo, vatRateBasisPoints: undefined })).toThrow(
      /vatRateBasisPoints is required/,
    );
    expect(() =>
      loiEarlyTermination(loi, { ...mbo, monthlyTuitionNetCents: undefined, monthlyTuitionCents: 4_033 }),
    ).toThrow(/monthlyTuitionNetCents is required/);
  });

  it('LOI-7.1 / MONEY-I1 version 2: given a withdrawal, then fee, VAT and gross 0 and all paid refunded', () => {
    const d = loiWithdrawal(loi, {
      customerKind: 'consumer',
      agreementDate: '2026-02-01',
      requestedAt: '2026-02-10T10:00:00+01:00',
      paidCents: 6_050,
      materialsSent: false,
    });
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents, d.refundCents]).toEqual([0, 0, 0, 6_050]);
    expect(Object.keys(d.inputs['readings'] as object)).toEqual(readingIdsOf('loi', 'withdrawal'));
    expectRecomputesByteForByte(d);
  });

  it('LOI-7.4 / MONEY-I1: given a value reduction of 24.20 paid VAT included, then version 1 stated 24.20 and version 2 states 20.00 + 4.20 = 24.20; the refund is the same', () => {
    const input = {
      withdrawnOn: '2026-02-10',
      returnReceivedAt: '2026-02-20T10:00:00+01:00',
      originalState: false,
      paidCents: 6_050,
      valueReductionCents: 2_420,
      vatRateBasisPoints: 2_100,
    };
    const v1 = loiMaterialsReturn(loi, { ...input, readings: { 'MONEY-I1': 1 } });
    const v2 = loiMaterialsReturn(loi, input);
    expect([v1.feeCents, v1.refundCents]).toEqual([2_420, 3_630]);
    expect([v2.feeCents, v2.feeVatCents, v2.feeGrossCents, v2.refundCents]).toEqual([2_000, 420, 2_420, 3_630]);
    expect(v2.explanation).toContain('value reduction 24.20 (fee 20.00 excl. VAT + VAT 4.20 = 24.20) set off');
    expectRecomputesByteForByte(v2);
  });
});

describe('loi exam-result: a recomputable decision (LOI-4 block, LOI-11 resit)', () => {
  const sitting = (extra: Partial<LoiExamResultInput>) =>
    loiExamResult(loi, {
      sittingAt: '2026-06-01T10:00:00+02:00',
      attempt: 1,
      identified: true,
      score: 30,
      maxScore: 40,
      passMark: 30,
      ...extra,
    });

  it('LOI-11 given an identified learner reaching the pass mark (30 of 40), then passed', () => {
    const d = sitting({});
    expect([d.passed, d.resitAllowed]).toEqual([true, false]);
    expect(d.kind).toBe('exam-result');
    expect(d.ruleIds).toEqual(['LOI-11']);
    expect(d.inputs['resitRuleId']).toBeNull();
    expectRecomputesByteForByte(d);
  });

  it('LOI-11 given a failed sitting (29 of 40), then a resit may follow at an extra exam fee', () => {
    const d = sitting({ score: 29 });
    expect([d.passed, d.resitAllowed]).toEqual([false, true]);
    expect(d.inputs['resitRuleId']).toBe('LOI-11');
    expect(d.explanation).toBe(
      'Exam failed (29/40 correct, below the pass mark of 30): a resit costs an extra exam fee (LOI-11, rulebook loi@2024-01-01)',
    );
    expectRecomputesByteForByte(d);
  });

  it('LOI-11 given fraud, then failed and no resit', () => {
    const d = sitting({ fraud: true, score: 40 });
    expect([d.passed, d.resitAllowed]).toEqual([false, false]);
  });

  it('LOI-11 given an unidentified learner, then failed; a resit may follow', () => {
    expect([sitting({ identified: false }).passed, sitting({ identified: false }).resitAllowed]).toEqual([false, true]);
  });

  it('LOI-4 given a recognised MBO course whose data is complete, then the result also cites LOI-4', () => {
    const d = sitting({ mboDataMissing: [] });
    expect(d.ruleIds).toEqual(['LOI-4', 'LOI-11']);
    expect(d.explanation).toContain('MBO data complete');
    expectRecomputesByteForByte(d);
  });

  it('LOI-4 given a recognised MBO course with the personal number still missing, then the exam is blocked (EXAMS_BLOCKED), also on recompute', () => {
    const v = violation(() => sitting({ mboDataMissing: ['personalNumber'] }));
    expect([v.error, v.ruleId]).toEqual(['EXAMS_BLOCKED', 'LOI-4']);
    expect(v.message).toBe('Exams are blocked until the MBO data is complete: missing personalNumber');
    const recompute = () =>
      registry.recompute({
        kind: 'exam-result',
        rulebook: { id: 'loi', version: '2024-01-01' },
        inputs: { ...sitting({}).inputs, mboDataMissing: ['diplomas'] },
      });
    expect(violation(recompute).ruleId).toBe('LOI-4');
  });
});
