import {
  createLoiVersion,
  LOI_DATA_2024,
  loiAbroadSurcharge,
  loiExamFee,
  LoiInputError,
  loiMboDataDeadline,
  loiModuleActivation,
  loiModulesAtStart,
  loiServiceDuration,
  loiServiceMonths,
  loiVatRegime,
  loiVersions,
  type LoiBook,
  type LoiMboDataInput,
} from '..';
import { violation } from '../../../rule-violation.test-support';

const loi = loiVersions[0] as unknown as LoiBook;

describe('LOI-9.1 service duration', () => {
  it('LOI-9.1 seed examples: 4 months -> 12; 8 -> 16; 48 (full HBO bachelor) -> 72', () => {
    expect(loiServiceMonths(loi, 4)).toBe(12);
    expect(loiServiceMonths(loi, 8)).toBe(16);
    expect(loiServiceMonths(loi, 48)).toBe(72);
  });

  it('LOI-9.1 boundaries: 6 -> 12 (minimum), 7 -> 14, 35 -> 70, 36 -> 72 (maximum), 1 -> 12', () => {
    expect([6, 7, 35, 36, 1].map((m) => loiServiceMonths(loi, m))).toEqual([12, 14, 70, 72, 12]);
  });

  it('LOI-9.1: given a start of 2026-01-31 and 8 study months, then the service duration ends 2027-05-31', () => {
    const d = loiServiceDuration(loi, { studyMonths: 8, startDate: '2026-01-31' });
    expect(d.inputs).toMatchObject({ serviceMonths: 16, uncappedMonths: 16 });
    expect(d.deadlines).toEqual({ serviceEndsOn: '2027-05-31' });
    expect(d.explanation).toContain('2 x 8 = 16');
  });

  it('LOI-9.1: without a start date only the months are decided', () => {
    const d = loiServiceDuration(loi, { studyMonths: 48 });
    expect(d.inputs.serviceMonths).toBe(72);
    expect(d.deadlines).toEqual({});
  });
});

describe('LOI-10 module activation', () => {
  const course = { startDate: '2026-01-15', studyMonths: 12 }; // service 24 months, until 2028-01-15

  it('LOI-10: at the start of the service duration the first two modules are activated', () => {
    const d = loiModulesAtStart(loi, { ...course, moduleIds: ['m1', 'm2', 'm3', 'm4'] });
    expect(d.inputs.activatedModuleIds).toEqual(['m1', 'm2']);
    expect(d.deadlines).toEqual({ activatedOn: '2026-01-15', serviceEndsOn: '2028-01-15' });
  });

  it('LOI-10: a fifth active module is allowed', () => {
    const d = loiModuleActivation(loi, {
      ...course,
      moduleId: 'm5',
      at: '2026-06-01',
      activeModuleIds: ['m1', 'm2', 'm3', 'm4'],
      prerequisitesMet: true,
    });
    expect(d.allowed).toBe(true);
    expect(d.inputs.activeCountAfter).toBe(5);
  });

  it('LOI-10: a sixth active module is refused (at most 5 at once)', () => {
    const v = violation(() =>
      loiModuleActivation(loi, {
        ...course,
        moduleId: 'm6',
        at: '2026-06-01',
        activeModuleIds: ['m1', 'm2', 'm3', 'm4', 'm5'],
        prerequisitesMet: true,
      }),
    );
    expect(v.error).toBe('TOO_MANY_ACTIVE_MODULES');
    expect(v.ruleId).toBe('LOI-10');
  });

  it('LOI-10: activation on the last day of the service duration is allowed; on the day it has elapsed it is refused', () => {
    const ok = loiModuleActivation(loi, {
      ...course,
      moduleId: 'm3',
      at: '2028-01-14',
      activeModuleIds: [],
      prerequisitesMet: true,
    });
    expect(ok.allowed).toBe(true);
    const v = violation(() =>
      loiModuleActivation(loi, {
        ...course,
        moduleId: 'm3',
        at: '2028-01-15',
        activeModuleIds: [],
        prerequisitesMet: true,
      }),
    );
    expect(v.error).toBe('MODULE_ACTIVATION_OUTSIDE_SERVICE_DURATION');
  });

  it('LOI-10: activation before the start is refused', () => {
    expect(
      violation(() =>
        loiModuleActivation(loi, {
          ...course,
          moduleId: 'm3',
          at: '2026-01-14',
          activeModuleIds: [],
          prerequisitesMet: true,
        }),
      ).error,
    ).toBe('MODULE_ACTIVATION_OUTSIDE_SERVICE_DURATION');
  });

  it('LOI-10: unmet prerequisites and an already active module are refused', () => {
    expect(
      violation(() =>
        loiModuleActivation(loi, {
          ...course,
          moduleId: 'm3',
          at: '2026-03-01',
          activeModuleIds: [],
          prerequisitesMet: false,
        }),
      ).error,
    ).toBe('MODULE_PREREQUISITES_NOT_MET');
    expect(
      violation(() =>
        loiModuleActivation(loi, {
          ...course,
          moduleId: 'm1',
          at: '2026-03-01',
          activeModuleIds: ['m1'],
          prerequisitesMet: true,
        }),
      ).error,
    ).toBe('MODULE_ALREADY_ACTIVE');
  });
});

describe('LOI-4 recognised MBO data within 30 days', () => {
  const mbo: LoiMboDataInput = {
    level: 'mbo',
    recognised: true,
    registrationDate: '2026-03-01',
    asOf: '2026-03-20',
    diplomasReceivedOn: '2026-03-05',
    personalNumberReceivedOn: null,
    signedAgreementReceivedOn: '2026-03-10',
  };

  it('LOI-4: given a registration on 2026-03-01, then the data are due 2026-03-31', () => {
    expect(loiMboDataDeadline(loi, mbo).deadlines).toEqual({ dataDueDate: '2026-03-31' });
  });

  it('LOI-4: while an item is missing exams are blocked; before the deadline study continues', () => {
    const d = loiMboDataDeadline(loi, mbo);
    expect(d.allowed).toBe(false);
    expect(d.inputs).toMatchObject({
      missing: ['personalNumber'],
      examsBlocked: true,
      studyBlocked: false,
      deadlinePassed: false,
    });
  });

  it('LOI-4: on the deadline day nothing more is blocked; the day after, study is blocked too', () => {
    expect(loiMboDataDeadline(loi, { ...mbo, asOf: '2026-03-31' }).inputs.studyBlocked).toBe(false);
    expect(loiMboDataDeadline(loi, { ...mbo, asOf: '2026-04-01' }).inputs).toMatchObject({
      studyBlocked: true,
      examsBlocked: true,
    });
  });

  it('LOI-4: complete data (even late) allow exams; the late item is recorded', () => {
    const d = loiMboDataDeadline(loi, { ...mbo, asOf: '2026-04-10', personalNumberReceivedOn: '2026-04-05' });
    expect(d.allowed).toBe(true);
    expect(d.inputs).toMatchObject({ missing: [], late: ['personalNumber'], examsBlocked: false, studyBlocked: false });
  });

  it('LOI-4 applies only to recognised MBO courses', () => {
    expect(() => loiMboDataDeadline(loi, { ...mbo, level: 'hbo' })).toThrow(LoiInputError);
    expect(() => loiMboDataDeadline(loi, { ...mbo, recognised: false })).toThrow(LoiInputError);
  });
});

describe('LOI-5.3-4 VAT regime and invoicing entity', () => {
  it('LOI-5.3-4: recognised training is exempt and invoiced by Leidse Onderwijsinstellingen B.V.', () => {
    const d = loiVatRegime(loi, { recognised: true, netCents: 100_000 });
    expect(d.inputs).toMatchObject({
      invoicingEntity: 'Leidse Onderwijsinstellingen B.V.',
      vatRateBasisPoints: 0,
      vatCents: 0,
      grossCents: 100_000,
    });
  });

  it('LOI-5.3-4: other training carries 21 % VAT via LOI Zakelijk B.V. (123.45 -> VAT 25.92, gross 149.37)', () => {
    const d = loiVatRegime(loi, { recognised: false, netCents: 12_345 });
    expect(d.inputs).toMatchObject({
      invoicingEntity: 'LOI Zakelijk B.V.',
      vatRateBasisPoints: 2100,
      vatCents: 2_592,
      grossCents: 14_937,
    });
  });
});

describe('LOI-11 exam fees', () => {
  it('LOI-11: given exam fees paid in monthly instalments, when an exam is skipped, then nothing is refunded', () => {
    const d = loiExamFee(loi, { event: 'skipped', examFeeCents: 12_500, examFeesInMonthlyInstalments: true });
    expect(d.refundCents).toBe(0);
    expect(d.feeCents).toBe(0);
  });

  it('LOI-11 / MONEY-I1: a resit costs an additional exam fee (net, with VAT at the agreement rate beside it)', () => {
    const d = loiExamFee(loi, {
      event: 'resit',
      examFeeCents: 12_500,
      examFeesInMonthlyInstalments: true,
      vatRateBasisPoints: 2_100,
    });
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents]).toEqual([12_500, 2_625, 15_125]);
    expect(d.interpretationIds).toEqual([]); // the exam fee was net already: MONEY-I1 changes only its representation
  });

  it('LOI-11 / MONEY-I1: a resit fee without the agreement VAT rate is not guessed', () => {
    expect(() => loiExamFee(loi, { event: 'resit', examFeeCents: 12_500, examFeesInMonthlyInstalments: true })).toThrow(
      /vatRateBasisPoints is required/,
    );
  });

  it('LOI-11 covers exam fees in monthly instalments only', () => {
    expect(() =>
      loiExamFee(loi, { event: 'skipped', examFeeCents: 12_500, examFeesInMonthlyInstalments: false }),
    ).toThrow(LoiInputError);
  });
});

describe('LOI-14 abroad surcharge', () => {
  it('LOI-14: given the offering surcharge 15.00 per month, then 3 months abroad cost 45.00', () => {
    const d = loiAbroadSurcharge(loi, { months: 3, monthlySurchargeCents: 1_500 });
    expect(d.surchargeCents).toBe(4_500);
    expect(d.inputs).toMatchObject({ rateSource: 'offering', appliedMonthlySurchargeCents: 1_500 });
  });

  it('LOI-14: the 2024 rulebook carries no published surcharge, so without an offering figure it is not guessed', () => {
    const v = violation(() => loiAbroadSurcharge(loi, { months: 3 }));
    expect(v.error).toBe('ABROAD_SURCHARGE_RATE_UNKNOWN');
    expect(v.ruleId).toBe('LOI-14');
  });

  it('LOI-14: a version carrying the parameter uses it', () => {
    const version = createLoiVersion({
      version: 'test-abroad',
      effectiveFrom: '2030-01-01',
      data: { ...LOI_DATA_2024, abroad: { monthlySurchargeCents: 1_000 } },
    });
    const d = loiAbroadSurcharge(version, { months: 2 });
    expect(d.surchargeCents).toBe(2_000);
    expect(d.rulebook).toEqual({ id: 'loi', version: 'test-abroad' });
  });
});
