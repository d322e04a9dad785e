/**
 * Catalogue revision 2 in PlusPort: PP-I18, PP-I19 and MONEY-I1 as versioned readings. Version 1
 * is how decisions recorded before rev 2 were made; they keep recomputing exactly as recorded.
 */
import { RulebookRegistry } from '../../../rulebook';
import type { Decision } from '../../../decision';
import { ReadingInputError, readingIdsOf } from '../../../contract/readings';
import {
  PLUSPORT_2024,
  decidePlusportAttendance,
  decidePlusportCancellation,
  decidePlusportCancellationEvidence,
  decidePlusportColleagueSwap,
  decidePlusportForceMajeureRefund,
  decidePlusportProviderCancellation,
  decidePlusportReschedule,
  plusportVersions,
} from '../index';
import type { PlusportCancellationInput } from '../index';
import recordedBeforeRev2 from './fixtures/recorded-before-rev2.json';

const rb = PLUSPORT_2024;
const registry = new RulebookRegistry();
for (const v of plusportVersions) registry.register(v);

const recorded = (recordedBeforeRev2 as unknown as { decisions: { name: string; decision: Decision }[] }).decisions;

function expectRecomputesByteForByte(decision: Decision): void {
  const stored = JSON.parse(JSON.stringify(decision)) as Decision;
  expect(JSON.stringify(registry.recompute(stored))).toBe(JSON.stringify(decision));
}

/** A Praktijkopleiding of 2026-04-20: practical session 300.00, e-learning 80.00 (started), textbook 40.00 kept. */
const practicalTraining: PlusportCancellationInput = {
  registeredAt: '2026-03-02T10:00:00+01:00',
  requestedAt: '2026-04-14T10:00:00+02:00',
  startsAt: '2026-04-20T09:00:00+02:00',
  components: [
    { kind: 'practical-session', priceCents: 30_000 },
    { kind: 'e-learning', priceCents: 8_000 },
    { kind: 'textbook', priceCents: 4_000 },
  ],
  paidCents: 50_820,
  reason: 'regular',
  eLearningStarted: true,
  textbookReturnedUnused: false,
  offeringKind: 'practical-training',
};

const eLearningOf = (d: Decision) =>
  (d.inputs['breakdown'] as { kind: string; case: string; feeCents: number; ruleId: string }[]).find(
    (c) => c.kind === 'e-learning',
  )!;

describe('plusport decisions recorded before catalogue revision 2', () => {
  it.each(recorded.map((r) => [r.name, r.decision] as const))(
    'PP-I18 / PP-I19 / MONEY-I1 version 1: given the recorded decision "%s" (no readings in its inputs), when recomputed, then it is byte-for-byte the recorded decision',
    (_name, decision) => {
      expect(decision.inputs['readings']).toBeUndefined();
      expect(JSON.stringify(registry.recompute(decision))).toBe(JSON.stringify(decision));
    },
  );
});

describe('PP-I19 (rev 2): in a Praktijkopleiding the e-learning is an extra service without cancellation cost', () => {
  it('PP-I19 version 1: given a practical training with the e-learning started, when cancelled 4 working days before, then PP-15.5-EL charges the e-learning 100 %', () => {
    const d = decidePlusportCancellation(rb, { ...practicalTraining, readings: { 'PP-I19': 1 } });
    expect(eLearningOf(d)).toMatchObject({ case: 'e-learning-after-window', feeCents: 8_000 });
    expect(eLearningOf(d).ruleId).toBe('PP-15.5-EL');
    // 300.00 (PS, 100 %) + 80.00 (EL) + 40.00 (book kept)
    expect(d.feeCents).toBe(42_000);
    expect(d.ruleIds).toContain('PP-15.5-EL');
    expect(d.interpretationIds).not.toContain('PP-I19');
    expect(d.inputs['readings']).toEqual({ 'PP-I18': 2, 'PP-I19': 1, 'MONEY-I1': 2 });
    expectRecomputesByteForByte(d);
  });

  it('PP-I19 version 2: given the same booking, when cancelled, then the e-learning costs nothing, PP-15.5-EL is not cited and PP-I19 is', () => {
    const d = decidePlusportCancellation(rb, practicalTraining);
    expect(eLearningOf(d)).toMatchObject({ case: 'e-learning-extra-service', feeCents: 0, ruleId: 'PP-15.5-PS' });
    expect(d.feeCents).toBe(34_000);
    expect(d.feeGrossCents).toBe(41_140);
    expect(d.refundCents).toBe(50_820 - 41_140);
    expect(d.ruleIds).toEqual(['PP-15.5-PS', 'PP-15.5-BOOK']);
    expect(d.interpretationIds).toContain('PP-I19');
    expect(d.inputs['offeringKind']).toBe('practical-training');
    expect(d.inputs['workingDaysAfterPurchase']).toBeUndefined();
    expect(d.inputs['readings']).toEqual({ 'PP-I18': 2, 'PP-I19': 2, 'MONEY-I1': 2 });
    expect(d.explanation).toContain('E-learning of a practical training (an extra service): no cancellation cost');
    expectRecomputesByteForByte(d);
  });

  it('PP-I19 version 2: given a course package (package-practical) with started e-learning, then PP-15.5-EL still applies', () => {
    const d = decidePlusportCancellation(rb, { ...practicalTraining, offeringKind: 'package-practical' });
    expect(eLearningOf(d)).toMatchObject({ case: 'e-learning-after-window', feeCents: 8_000 });
    expect(d.interpretationIds).not.toContain('PP-I19');
  });

  it('PP-I19 version 2: given a booking with e-learning but no offering kind, then it is refused naming PP-I19 and offeringKind, not guessed', () => {
    const { offeringKind: _omitted, ...withoutKind } = practicalTraining;
    let error: unknown;
    try {
      decidePlusportCancellation(rb, withoutKind);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadingInputError);
    expect(error).toMatchObject({ readingId: 'PP-I19', field: 'offeringKind', missingFact: true });
  });

  it('PP-I19 version 2: given a booking without e-learning, then no offering kind is needed', () => {
    const d = decidePlusportCancellation(rb, {
      ...practicalTraining,
      offeringKind: undefined,
      components: [{ kind: 'practical-session', priceCents: 30_000 }],
    });
    expect(d.feeCents).toBe(30_000);
  });

  it('PP-15.6 / PP-I19: given a practical training cancelled for illness under version 2, when the evidence window lapses, then step 2 decides under the cancellation readings: the e-learning stays free', () => {
    const cancellation = decidePlusportCancellation(rb, { ...practicalTraining, reason: 'illness' });
    expect(cancellation.feeCents).toBe(4_000); // only the kept textbook; the session awaits evidence
    const lapsed = decidePlusportCancellationEvidence(rb, {
      cancellation: { ...practicalTraining, reason: 'illness', readings: { 'PP-I18': 2, 'PP-I19': 2, 'MONEY-I1': 2 } },
      decidedAt: '2026-04-22T00:00:00+02:00',
    });
    expect(lapsed.feeCents).toBe(34_000);
    expect(eLearningOf(lapsed)).toMatchObject({ case: 'e-learning-extra-service', feeCents: 0 });
    expect(lapsed.inputs['readings']).toEqual({ 'PP-I18': 2, 'PP-I19': 2, 'MONEY-I1': 2 });
    expect(lapsed.interpretationIds).toEqual(expect.arrayContaining(['PP-I19', 'PP-I18']));
    expectRecomputesByteForByte(lapsed);
  });

  it('PP-15.6 / PP-I19: given a cancellation recorded before rev 2 (no readings), when its evidence window lapses now, then step 2 keeps version 1 and charges the e-learning as the cancellation did', () => {
    const lapsed = decidePlusportCancellationEvidence(rb, {
      cancellation: { ...practicalTraining, offeringKind: undefined, reason: 'illness' },
      decidedAt: '2026-04-22T00:00:00+02:00',
    });
    expect(lapsed.feeCents).toBe(42_000);
    expect(eLearningOf(lapsed).case).toBe('e-learning-after-window');
    expect(lapsed.inputs['readings']).toEqual({ 'PP-I18': 1, 'PP-I19': 1, 'MONEY-I1': 1 });
    expect(lapsed.feeGrossCents).toBeUndefined();
    expect(lapsed.inputs['feeGrossCents']).toBe(50_820);
    expectRecomputesByteForByte(lapsed);
  });
});

describe('PP-I18 (rev 2): a textbook sent and not returned unused keeps being charged, citing PP-I18', () => {
  const classroomWithBook = (extra: Partial<PlusportCancellationInput>) =>
    decidePlusportCancellation(rb, {
      registeredAt: '2026-01-05',
      requestedAt: '2026-03-10T10:00:00+01:00',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [
        { kind: 'classroom', priceCents: 45_000 },
        { kind: 'textbook', priceCents: 3_000 },
      ],
      paidCents: 58_080,
      reason: 'regular',
      ...extra,
    });

  it('PP-15.5-BOOK / PP-I18 version 1: given a kept textbook, then it is charged 100 % without citing PP-I18', () => {
    const d = classroomWithBook({ readings: { 'PP-I18': 1 } });
    expect(d.feeCents).toBe(22_500 + 3_000);
    expect(d.interpretationIds).not.toContain('PP-I18');
  });

  it('PP-15.5-BOOK / PP-I18 version 2: given a kept textbook, then it is still charged 100 % and the decision cites PP-I18', () => {
    const d = classroomWithBook({});
    expect(d.feeCents).toBe(22_500 + 3_000);
    expect(d.interpretationIds).toContain('PP-I18');
    expectRecomputesByteForByte(d);
  });

  it('PP-15.5-BOOK / PP-I18 version 2: given the textbook returned unused, then it costs nothing and PP-I18 is not cited', () => {
    const d = classroomWithBook({ textbookReturnedUnused: true });
    expect(d.feeCents).toBe(22_500);
    expect(d.interpretationIds).not.toContain('PP-I18');
  });
});

describe('MONEY-I1 (rev 2) in PlusPort: feeCents net (as before), feeVatCents and feeGrossCents beside it', () => {
  const classroom: PlusportCancellationInput = {
    registeredAt: '2026-01-05',
    requestedAt: '2026-03-10T10:00:00+01:00',
    startsAt: '2026-03-20T09:00:00+01:00',
    components: [{ kind: 'classroom', priceCents: 45_000 }],
    paidCents: 54_450,
    reason: 'regular',
  };

  it('MONEY-I1 version 1: given a classroom cancellation 8 working days before, then VAT and gross sit in the inputs only', () => {
    const d = decidePlusportCancellation(rb, { ...classroom, readings: { 'MONEY-I1': 1 } });
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents, d.refundCents]).toEqual([22_500, undefined, undefined, 27_225]);
    expect([d.inputs['feeVatCents'], d.inputs['feeGrossCents']]).toEqual([4_725, 27_225]);
  });

  it('MONEY-I1 version 2: given the same cancellation, then the decision states 225.00 + 47.25 = 272.25 and the same refund 272.25', () => {
    const d = decidePlusportCancellation(rb, classroom);
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents, d.refundCents]).toEqual([22_500, 4_725, 27_225, 27_225]);
    expect(d.inputs['feeVatCents']).toBeUndefined();
    expect(d.inputs['vatRateBasisPoints']).toBe(2_100);
    // PlusPort stated the fee net already: MONEY-I1 made no difference worth citing here.
    expect(d.interpretationIds).toEqual(['PP-I7']);
    expectRecomputesByteForByte(d);
  });

  it('MONEY-I1 version 2 / PP-14.5: given a practical session rescheduled 5 working days before, then 55.00 + 11.55 = 66.55 as fields', () => {
    const d = decidePlusportReschedule(rb, {
      component: 'practical-session',
      componentPriceCents: 35_000,
      startsAt: '2026-03-23T09:00:00+01:00',
      requestedAt: '2026-03-16T10:00:00+01:00',
      newStartsAt: '2026-04-20T09:00:00+02:00',
      invoiceTotalCents: 42_350,
      paidCents: 42_350,
    });
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents, d.refundCents]).toEqual([5_500, 1_155, 6_655, 0]);
    expect(d.inputs['readings']).toEqual({ 'MONEY-I1': 2 });
    expectRecomputesByteForByte(d);
  });

  it('MONEY-I1 version 2 / PP-7.3: given force majeure, then what PlusPort keeps is split net + VAT and the refund does not change', () => {
    const input = {
      declaredAt: '2026-03-10T12:00:00+01:00',
      components: [
        { kind: 'e-learning' as const, priceCents: 10_000, delivered: true },
        { kind: 'exam' as const, priceCents: 15_000, delivered: false },
      ],
      invoiceTotalCents: 30_250,
      paidCents: 30_250,
      supplierCostsCents: 1_000,
    };
    const v1 = decidePlusportForceMajeureRefund(rb, { ...input, readings: { 'MONEY-I1': 1 } });
    const v2 = decidePlusportForceMajeureRefund(rb, input);
    expect(v2.refundCents).toBe(v1.refundCents);
    expect(v2.feeGrossCents).toBe(v1.feeCents); // version 1 stated the kept part of the gross payments
    expect(v2.feeCents! + v2.feeVatCents!).toBe(v2.feeGrossCents);
    expect(v2.interpretationIds).toContain('MONEY-I1');
    expectRecomputesByteForByte(v2);
  });

  it('MONEY-I1 version 2 / PP-15.1 / PP-14.5 / PP-15.5-LATE: given a provider cancellation, a colleague swap and a no-show, then each states its fee, VAT and gross', () => {
    const provider = decidePlusportProviderCancellation(rb, {
      cancelledAt: '2026-03-10T12:00:00+01:00',
      paidCents: 42_350,
    });
    expect([provider.feeCents, provider.feeVatCents, provider.feeGrossCents, provider.refundCents]).toEqual([
      0, 0, 0, 42_350,
    ]);
    const swap = decidePlusportColleagueSwap(rb, {
      requestedAt: '2026-03-20T10:00:00+01:00',
      startsAt: '2026-03-23T09:00:00+01:00',
      requiresProofOfParticipation: false,
    });
    expect([swap.feeCents, swap.feeVatCents, swap.feeGrossCents]).toEqual([0, 0, 0]);
    const noShow = decidePlusportAttendance(rb, {
      at: '2026-03-20T09:30:00+01:00',
      component: 'exam',
      componentPriceCents: 20_000,
      status: 'no-show',
    });
    expect([noShow.feeCents, noShow.feeVatCents, noShow.feeGrossCents, noShow.refundCents]).toEqual([
      20_000, 4_200, 24_200, 0,
    ]);
    for (const d of [provider, swap, noShow]) expectRecomputesByteForByte(d);
  });

  it('PP-I18 / PP-I19 / MONEY-I1: every new decision of a touched kind records exactly the readings that touch it', () => {
    const samples: Decision[] = [
      decidePlusportCancellation(rb, practicalTraining),
      decidePlusportProviderCancellation(rb, { cancelledAt: '2026-03-10T12:00:00+01:00', paidCents: 1 }),
      decidePlusportAttendance(rb, {
        at: '2026-03-20T09:00:00+01:00',
        component: 'exam',
        componentPriceCents: 1,
        status: 'attended',
      }),
    ];
    for (const d of samples) {
      expect(Object.keys(d.inputs['readings'] as object)).toEqual(readingIdsOf('plusport', d.kind));
    }
  });

  it('MONEY-I1: given a reading pinned to a version that does not exist, then a ReadingInputError names it', () => {
    expect(() => decidePlusportCancellation(rb, { ...classroom, readings: { 'MONEY-I1': 3 } })).toThrow(
      'MONEY-I1 has versions 1..2, got 3',
    );
  });
});
