/**
 * Given/when/then of the Excellus seed rules with money effects on a running agreement:
 * EXC-4.1* (participants of a group agreement), EXC-4.7 (returned material), EXC-10.2
 * (instalments) and EXC-10.4 (material prepaid at most half). Each decision recomputes from its
 * recorded inputs.
 */
import { RulebookRegistry } from '../../../rulebook';
import { violation } from '../../../rule-violation.test-support';
import { DecisionInputError } from '../../vli/decisions/decision-inputs';
import { expectRecomputesIdentically } from '../../vli/specs/test-support';
import {
  EXCELLUS_2024_01_01,
  decideExcellusInstalmentPlan,
  decideExcellusMaterialPayment,
  decideExcellusMaterialsReturn,
  decideExcellusParticipantCountChange,
  decidedInstalments,
  excellusVersions,
  materialPaymentLines,
  participantChangeLines,
} from '../index';

const exc = EXCELLUS_2024_01_01;
const registry = new RulebookRegistry();
for (const v of excellusVersions) registry.register(v);

describe('EXC-4.1* participants of a group agreement, until 3 months before the start; the price follows', () => {
  // Quoted for 10 participants: tuition 5,000.00 and material 800.00 for all of them; start 2026-06-01.
  const change = (requestedAt: string, newParticipants: number, over: { startsAt?: string; group?: boolean } = {}) =>
    decideExcellusParticipantCountChange(exc, {
      group: over.group ?? true,
      requestedAt,
      startsAt: over.startsAt ?? '2026-06-01T09:00:00+02:00',
      quotedParticipants: 10,
      currentParticipants: 10,
      newParticipants,
      components: [
        { kind: 'tuition', priceCents: 500_000 },
        { kind: 'material', priceCents: 80_000 },
      ],
      vatRateBasisPoints: 0,
    });

  it('EXC-4.1* given 10 quoted, when 12 are booked on 2026-03-01 (exactly 3 months before), then 1,160.00 more is invoiced, due 10 days before the start (EXC-10.3)', () => {
    const d = change('2026-03-01T17:00:00+01:00', 12);
    expect(d.allowed).toBe(true);
    expect(d.ruleIds).toEqual(['EXC-4.1*', 'EXC-10.3']);
    expect(d).toMatchObject({ feeCents: 696_000, feeVatCents: 0, feeGrossCents: 696_000, surchargeCents: 116_000 });
    expect(d.deadlines).toEqual({ participantCountChangeableUntil: '2026-03-01', dueDate: '2026-05-22' });
    expect(participantChangeLines(d)).toEqual([
      { kind: 'tuition', netCents: 100_000 },
      { kind: 'material', netCents: 16_000 },
    ]);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.1* given 10 quoted, when 7 remain on 2026-02-01, then 1,740.00 is credited and nothing is invoiced', () => {
    const d = change('2026-02-01T10:00:00+01:00', 7);
    expect(d.ruleIds).toEqual(['EXC-4.1*']);
    expect(d.feeCents).toBe(406_000);
    expect(d.surchargeCents).toBe(0);
    expect(d.inputs['creditGrossCents']).toBe(174_000);
    expect(d.deadlines).toEqual({ participantCountChangeableUntil: '2026-03-01' });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.1* given the same course, when the count changes on 2026-03-02 (a day later), then refused (PARTICIPANT_CHANGE_TOO_LATE)', () => {
    const e = violation(() => change('2026-03-02T09:00:00+01:00', 12));
    expect(e.error).toBe('PARTICIPANT_CHANGE_TOO_LATE');
    expect(e.ruleId).toBe('EXC-4.1*');
  });

  it('EXC-4.1* given a start on 2026-05-31, when 3 months before clamps to 2026-02-28, then 02-28 is allowed and 03-01 refused; a non-group agreement is refused', () => {
    expect(change('2026-02-28', 11, { startsAt: '2026-05-31' }).allowed).toBe(true);
    expect(violation(() => change('2026-03-01', 11, { startsAt: '2026-05-31' })).error).toBe(
      'PARTICIPANT_CHANGE_TOO_LATE',
    );
    expect(violation(() => change('2026-01-01', 11, { group: false })).error).toBe('NOT_A_GROUP_AGREEMENT');
  });

  it('EXC-4.1* given prices that do not divide evenly, when 3 of 7 remain, then each component is pro rata half-up once', () => {
    const d = decideExcellusParticipantCountChange(exc, {
      group: true,
      requestedAt: '2026-01-05',
      startsAt: '2026-06-01',
      quotedParticipants: 7,
      currentParticipants: 7,
      newParticipants: 3,
      components: [{ kind: 'tuition', priceCents: 100_000 }],
      vatRateBasisPoints: 2_100,
    });
    // 1,000.00 x 3/7 = 428.571... -> 428.57; gross 1,210.00 before, 518.57 after (VAT 90.00 half-up).
    expect(d).toMatchObject({ feeCents: 42_857, feeVatCents: 9_000, feeGrossCents: 51_857 });
    expect(d.inputs['creditGrossCents']).toBe(121_000 - 51_857);
    expectRecomputesIdentically(registry, d);
  });
});

describe('EXC-10.2 instalments as the agreement sets them, within EXC-10.3; no surcharge', () => {
  const components = [
    { kind: 'tuition', priceCents: 100_001 },
    { kind: 'exam', priceCents: 20_000 },
  ];

  it('EXC-10.2 given 40/30/30 % at 0, 30 and 60 days, when registered 2026-01-10 for a start on 2026-06-01, then three instalments summing exactly to the price, no surcharge', () => {
    const d = decideExcellusInstalmentPlan(exc, {
      registeredAt: '2026-01-10T10:00:00+01:00',
      startsAt: '2026-06-01T09:00:00+02:00',
      components,
      plan: [
        { basisPoints: 4_000, dueDaysAfterRegistration: 0 },
        { basisPoints: 3_000, dueDaysAfterRegistration: 30 },
        { basisPoints: 3_000, dueDaysAfterRegistration: 60 },
      ],
      vatRateBasisPoints: 0,
    });
    expect(d.ruleIds).toEqual(['EXC-10.2']);
    expect(d).toMatchObject({ feeCents: 120_001, surchargeCents: 0 });
    const instalments = decidedInstalments(d);
    expect(instalments.map((i) => i.dueDate)).toEqual(['2026-01-10', '2026-02-09', '2026-03-11']);
    const totals = instalments.map((i) => i.lines.reduce((sum, l) => sum + l.netCents, 0));
    expect(totals).toEqual([48_001, 36_000, 36_000]);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(120_001);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-10.2 + EXC-10.3 given a last instalment agreed after 10 days before the start, when decided, then its due date is 2026-05-22', () => {
    const d = decideExcellusInstalmentPlan(exc, {
      registeredAt: '2026-04-01T10:00:00+02:00',
      startsAt: '2026-06-01T09:00:00+02:00',
      components,
      plan: [
        { basisPoints: 5_000, dueDaysAfterRegistration: 0 },
        { basisPoints: 5_000, dueDaysAfterRegistration: 90 },
      ],
      vatRateBasisPoints: 0,
    });
    expect(d.ruleIds).toEqual(['EXC-10.2', 'EXC-10.3']);
    expect(d.deadlines).toEqual({ instalment1DueDate: '2026-04-01', instalment2DueDate: '2026-05-22' });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-10.2 given shares that do not make 100 %, then bad input naming plan', () => {
    expect(() =>
      decideExcellusInstalmentPlan(exc, {
        registeredAt: '2026-04-01T10:00:00+02:00',
        components,
        plan: [
          { basisPoints: 5_000, dueDaysAfterRegistration: 0 },
          { basisPoints: 4_000, dueDaysAfterRegistration: 30 },
        ],
        vatRateBasisPoints: 0,
      }),
    ).toThrow(expect.objectContaining({ name: 'DecisionInputError', field: 'plan' }) as DecisionInputError);
  });
});

describe('EXC-10.4 material bought alone: paid on delivery, at most half in advance', () => {
  const pay = (prepaymentBasisPoints: number) =>
    decideExcellusMaterialPayment(exc, {
      boughtAt: '2026-03-02T10:00:00+01:00',
      components: [{ kind: 'material', priceCents: 8_001 }],
      prepaymentBasisPoints,
      vatRateBasisPoints: 0,
    });

  it('EXC-10.4 given no prepayment agreed, when material is bought on 2026-03-02, then the whole price is due on delivery, at the latest 2026-04-01 (EXC-8.1)', () => {
    const d = pay(0);
    expect(d.ruleIds).toEqual(['EXC-10.4', 'EXC-8.1']);
    expect(d.deadlines).toEqual({ restDueDate: '2026-04-01' });
    expect(materialPaymentLines(d)).toEqual({ prepayment: [], rest: [{ kind: 'material', netCents: 8_001 }] });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-10.4 given half in advance, then 40.01 is due within the default term (ENR-I1) and 40.00 on delivery', () => {
    const d = pay(5_000);
    expect(d.interpretationIds).toEqual(['ENR-I1']);
    expect(d.deadlines).toEqual({ prepaymentDueDate: '2026-03-16', restDueDate: '2026-04-01' });
    expect(materialPaymentLines(d)).toEqual({
      prepayment: [{ kind: 'material', netCents: 4_001 }],
      rest: [{ kind: 'material', netCents: 4_000 }],
    });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-10.4 given more than half required in advance, then refused (PREPAYMENT_ABOVE_HALF)', () => {
    const e = violation(() => pay(5_001));
    expect(e.error).toBe('PREPAYMENT_ABOVE_HALF');
    expect(e.ruleId).toBe('EXC-10.4');
  });
});

describe('EXC-4.7 returned material: direct return costs charged; opened sealed media cannot be returned', () => {
  const back = (over: { returnCostsCents?: number; sealedMedia?: boolean; sealBroken?: boolean; paidCents?: number }) =>
    decideExcellusMaterialsReturn(exc, {
      withdrawnAt: '2026-03-10T10:00:00+01:00',
      receivedAt: '2026-03-14T12:00:00+01:00',
      priceCents: 8_000,
      chargedCents: 8_000,
      paidCents: over.paidCents ?? 8_000,
      returnCostsCents: over.returnCostsCents ?? 0,
      sealedMedia: over.sealedMedia ?? false,
      sealBroken: over.sealBroken ?? false,
      vatRateBasisPoints: 0,
    });

  it('EXC-4.7 given 80.00 paid and 6.95 direct return costs, when the material comes back, then 6.95 stays charged and 73.05 comes back', () => {
    const d = back({ returnCostsCents: 695 });
    expect(d.allowed).toBe(true);
    expect(d.ruleIds).toEqual(['EXC-4.7']);
    expect(d).toMatchObject({ feeCents: 695, feeVatCents: 0, feeGrossCents: 695, refundCents: 7_305 });
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.7 given sealed media with the seal broken, when it comes back, then the return is refused and the price stays owed in full', () => {
    const d = back({ sealedMedia: true, sealBroken: true, returnCostsCents: 695 });
    expect(d.allowed).toBe(false);
    expect(d).toMatchObject({ feeCents: 8_000, feeGrossCents: 8_000, refundCents: 0 });
    expect(d.inputs['returnable']).toBe(false);
    expectRecomputesIdentically(registry, d);
  });

  it('EXC-4.7 given sealed media still sealed and nothing paid, then no costs and nothing comes back; return costs never exceed the price', () => {
    expect(back({ sealedMedia: true, sealBroken: false, paidCents: 0 })).toMatchObject({ feeCents: 0, refundCents: 0 });
    expect(back({ returnCostsCents: 9_000 })).toMatchObject({ feeGrossCents: 8_000, refundCents: 0 });
  });
});
