import { RulebookRegistry } from '../../../rulebook';
import {
  VLI_2024_01_01,
  decideVliAdmission,
  decideVliExamResult,
  decideVliResit,
  vliDecisionFunctions,
  vliVersions,
} from '../index';
import type { VliData, VliExamResultInput, VliRulebook } from '../index';
import { expectRecomputesIdentically } from './test-support';
import { violation } from '../../../rule-violation.test-support';

const vli = VLI_2024_01_01;
const registry = new RulebookRegistry();
for (const v of vliVersions) registry.register(v);

describe('VLI-2.1 admission: ID always, a valid VOG for security courses; refusal needs a new date', () => {
  const checkedAt = '2026-02-02T08:45:00+01:00';

  it('VLI-2.1 given a regular course and a verified ID, when checked in, then the learner is admitted', () => {
    const d = decideVliAdmission(vli, { checkedAt, securityCourse: false, idVerified: true });
    expect(d.allowed).toBe(true);
    expect(d.ruleIds).toEqual(['VLI-2.1']);
    expect(d.inputs['vogRequired']).toBe(false);
    expect(d.inputs['newDateRequired']).toBe(false);
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-2.1 given no verified ID, when checked in, then admission is refused and a new date must be booked', () => {
    const d = decideVliAdmission(vli, { checkedAt, securityCourse: false, idVerified: false });
    expect(d.allowed).toBe(false);
    expect(d.inputs['missing']).toEqual(['id']);
    expect(d.inputs['newDateRequired']).toBe(true);
    expect(d.explanation).toBe(
      'Learner refused admission, missing a verified ID; a new training date must be booked (VLI-2.1, rulebook vli@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-2.1 given a security course with ID but no VOG shown, when checked in, then admission is refused for the VOG', () => {
    const d = decideVliAdmission(vli, { checkedAt, securityCourse: true, idVerified: true });
    expect(d.allowed).toBe(false);
    expect(d.inputs['missing']).toEqual(['vog']);
    const invalid = decideVliAdmission(vli, { checkedAt, securityCourse: true, idVerified: true, vogValid: false });
    expect(invalid.allowed).toBe(false);
    expectRecomputesIdentically(registry, invalid);
  });

  it('VLI-2.1 given a security course with ID and a valid VOG, when checked in, then admitted; missing both, then refused for both', () => {
    expect(decideVliAdmission(vli, { checkedAt, securityCourse: true, idVerified: true, vogValid: true }).allowed).toBe(
      true,
    );
    const both = decideVliAdmission(vli, { checkedAt, securityCourse: true, idVerified: false, vogValid: false });
    expect(both.inputs['missing']).toEqual(['id', 'vog']);
  });

  it('VLI-2.1 given a regular course, when no VOG is shown, then the VOG is not required', () => {
    expect(
      decideVliAdmission(vli, { checkedAt, securityCourse: false, idVerified: true, vogValid: false }).allowed,
    ).toBe(true);
  });
});

describe('VLI-4.3a pass marks: 80 %; IL&T dangerous goods 70 %, 90 % for an E-recognition holder; exact comparison', () => {
  const sittingAt = '2026-02-03T14:00:00+01:00';
  const exam = (input: Partial<VliExamResultInput> & Pick<VliExamResultInput, 'score' | 'maxScore'>) =>
    decideVliExamResult(vli, { sittingAt, examType: 'standard', ...input });

  it('VLI-4.3a given a standard exam, when the score is exactly 80 % (40/50), then passed', () => {
    const d = exam({ score: 40, maxScore: 50 });
    expect(d.passed).toBe(true);
    expect(d.resitAllowed).toBe(false);
    expect(d.ruleIds).toEqual(['VLI-4.3a']);
    expect(d.inputs['scorePercent']).toBe('80');
    expect(d.inputs['passMarkBasisPoints']).toBe(8_000);
    expect(d.explanation).toBe('Exam passed: 40/50 = 80 % >= 80 % (VLI-4.3a, rulebook vli@2024-01-01)');
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-4.3a given a standard exam, when one point below 80 % (39/50 = 78 %; 79/100), then failed with a resit allowed', () => {
    const d = exam({ score: 39, maxScore: 50 });
    expect(d.passed).toBe(false);
    expect(d.resitAllowed).toBe(true);
    expect(d.ruleIds).toEqual(['VLI-4.3a', 'VLI-4.3b']);
    expect(d.inputs['scorePercent']).toBe('78');
    expectRecomputesIdentically(registry, d);
    expect(exam({ score: 79, maxScore: 100 }).passed).toBe(false);
    expect(exam({ score: 80, maxScore: 100 }).passed).toBe(true);
  });

  it('VLI-4.3a given a standard exam, when the score is 159/199 (79.899 %, which rounds to 80 %), then failed: no rounding', () => {
    const d = exam({ score: 159, maxScore: 199 });
    expect(d.passed).toBe(false);
    expect(d.inputs['scorePercent']).toBe('15900/199');
    expect(exam({ score: 7_999, maxScore: 10_000 }).passed).toBe(false);
  });

  it('VLI-4.3a given an IL&T dangerous-goods state exam, when the score is exactly 70 % (35/50), then passed; 34/50 (68 %) and 69/100 fail', () => {
    const d = exam({ examType: 'ilt-dangerous-goods', score: 35, maxScore: 50 });
    expect(d.passed).toBe(true);
    expect(d.inputs['passMarkRule']).toBe('ilt-dangerous-goods');
    expect(d.inputs['passMarkBasisPoints']).toBe(7_000);
    expectRecomputesIdentically(registry, d);
    expect(exam({ examType: 'ilt-dangerous-goods', score: 34, maxScore: 50 }).passed).toBe(false);
    expect(exam({ examType: 'ilt-dangerous-goods', score: 69, maxScore: 100 }).passed).toBe(false);
    expect(exam({ examType: 'ilt-dangerous-goods', score: 70, maxScore: 100 }).passed).toBe(true);
    // 139/199 = 69.85 %, rounds to 70 %: still failed
    expect(exam({ examType: 'ilt-dangerous-goods', score: 139, maxScore: 199 }).passed).toBe(false);
  });

  it('VLI-4.3a given an IL&T exam for a learner at an E-recognition holder, when exactly 90 % (45/50), then passed; 44/50 (88 %) and 89/100 fail', () => {
    const d = exam({ examType: 'ilt-dangerous-goods', learnerAtERecognitionHolder: true, score: 45, maxScore: 50 });
    expect(d.passed).toBe(true);
    expect(d.inputs['passMarkRule']).toBe('ilt-dangerous-goods-e-recognition-holder');
    expect(d.inputs['passMarkBasisPoints']).toBe(9_000);
    expectRecomputesIdentically(registry, d);
    expect(
      exam({ examType: 'ilt-dangerous-goods', learnerAtERecognitionHolder: true, score: 44, maxScore: 50 }).passed,
    ).toBe(false);
    expect(
      exam({ examType: 'ilt-dangerous-goods', learnerAtERecognitionHolder: true, score: 89, maxScore: 100 }).passed,
    ).toBe(false);
    expect(
      exam({ examType: 'ilt-dangerous-goods', learnerAtERecognitionHolder: true, score: 90, maxScore: 100 }).passed,
    ).toBe(true);
  });

  it('VLI-4.3a given a standard (non-IL&T) exam for a learner at an E-recognition holder, when 80 %, then the 80 % mark applies and it is passed', () => {
    const d = exam({ learnerAtERecognitionHolder: true, score: 80, maxScore: 100 });
    expect(d.passed).toBe(true);
    expect(d.inputs['passMarkRule']).toBe('standard');
  });

  it('VLI-4.3a given a score above the maximum or a zero maximum, when decided, then the input is rejected', () => {
    expect(() => exam({ score: 51, maxScore: 50 })).toThrow(/score must be an integer/);
    expect(() => exam({ score: 0, maxScore: 0 })).toThrow(/maxScore must be a positive integer/);
    expect(() => exam({ score: 39.5, maxScore: 50 })).toThrow(/score must be an integer/);
  });

  it('VLI-2.1 given a sitting where the trainer did not establish identity, when the result is recorded, then it is refused (IDENTITY_NOT_ESTABLISHED)', () => {
    const e = violation(() => exam({ score: 50, maxScore: 50, identified: false }));
    expect(e.error).toBe('IDENTITY_NOT_ESTABLISHED');
    expect(e.ruleId).toBe('VLI-2.1');
  });
});

describe('VLI-4.3b one resit without redoing the training; VLI-4.3c fraud fails the exam without resit', () => {
  const sittingAt = '2026-02-03T14:00:00+01:00';
  const requestedAt = '2026-02-04T10:00:00+01:00';

  it('VLI-4.3b given a failed resit (attempt 2), when the result is recorded, then no further resit is allowed', () => {
    const d = decideVliExamResult(vli, { sittingAt, examType: 'standard', score: 30, maxScore: 50, attempt: 2 });
    expect(d.passed).toBe(false);
    expect(d.resitAllowed).toBe(false);
    expect(d.explanation).toBe(
      'Exam failed: 30/50 = 60 % < 80 %; no resit left (VLI-4.3a, VLI-4.3b, rulebook vli@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-4.3b given a failed first sitting, when a resit is requested, then it is allowed at the default fee 0.00', () => {
    const d = decideVliResit(vli, { requestedAt, examType: 'standard', resitsTaken: 0, lastAttemptOutcome: 'failed' });
    expect(d.allowed).toBe(true);
    expect(d.feeCents).toBe(0);
    expect(d.ruleIds).toEqual(['VLI-4.3b']);
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-4.3b given a failed resit, when a second resit is requested, then it is rejected (RESIT_NOT_ALLOWED)', () => {
    const e = violation(() =>
      decideVliResit(vli, { requestedAt, examType: 'standard', resitsTaken: 1, lastAttemptOutcome: 'failed' }),
    );
    expect(e.error).toBe('RESIT_NOT_ALLOWED');
    expect(e.ruleId).toBe('VLI-4.3b');
    expect(e.details).toEqual({ resitsTaken: 1, maxResits: 1 });
  });

  it('VLI-4.3b given a passed exam, when a resit is requested, then it is rejected', () => {
    const e = violation(() =>
      decideVliResit(vli, { requestedAt, examType: 'standard', resitsTaken: 0, lastAttemptOutcome: 'passed' }),
    );
    expect(e.ruleId).toBe('VLI-4.3b');
  });

  it('VLI-4.3b given a rulebook version whose resit fee for IL&T exams is 75.00, when a resit is requested, then the fee is 75.00', () => {
    const data: VliData = {
      ...vli.data,
      resit: { ...vli.data.resit, feeCentsByExamType: { standard: 0, 'ilt-dangerous-goods': 7_500 } },
    };
    const v2: VliRulebook & { effectiveFrom: string } = {
      ...vli,
      version: '2027-01-01',
      effectiveFrom: '2027-01-01',
      data,
    };
    const local = new RulebookRegistry()
      .register(vli)
      .register({ ...v2, decisions: vliDecisionFunctions(v2), acts: {} });
    const d = local.rulebookFor('vli', '2027-03-01').decisions['resit']!({
      requestedAt: '2027-03-01T10:00:00+01:00',
      examType: 'ilt-dangerous-goods',
      resitsTaken: 0,
      lastAttemptOutcome: 'failed',
    });
    expect(d.feeCents).toBe(7_500);
    expect(d.rulebook).toEqual({ id: 'vli', version: '2027-01-01' });
    expectRecomputesIdentically(local, d);
    // the 2024 version still decides 0.00 for a resit before 2027
    expect(local.rulebookFor('vli', '2026-12-31').version).toBe('2024-01-01');
  });

  it('VLI-4.3c given fraud during the exam, when the result is recorded (even with full marks), then failed and no resit allowed', () => {
    const d = decideVliExamResult(vli, { sittingAt, examType: 'standard', score: 50, maxScore: 50, fraud: true });
    expect(d.passed).toBe(false);
    expect(d.resitAllowed).toBe(false);
    expect(d.ruleIds).toEqual(['VLI-4.3c']);
    expect(d.explanation).toBe('Exam failed for fraud; no resit (VLI-4.3c, rulebook vli@2024-01-01)');
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-4.3c given an exam failed for fraud, when a resit is requested, then it is rejected under VLI-4.3c', () => {
    const e = violation(() =>
      decideVliResit(vli, { requestedAt, examType: 'standard', resitsTaken: 0, lastAttemptOutcome: 'fraud' }),
    );
    expect(e.error).toBe('RESIT_NOT_ALLOWED');
    expect(e.ruleId).toBe('VLI-4.3c');
  });
});
