/**
 * Catalogue revision 2 in VLI: MONEY-I1 (feeCents excludes VAT, with VAT and gross beside it).
 * Version 1 stated VLI's fee gross; decisions recorded under it keep recomputing as recorded.
 */
import { RulebookRegistry } from '../../../rulebook';
import type { Decision } from '../../../decision';
import { ReadingInputError } from '../../../contract/readings';
import { VLI_2024_01_01, decideVliCancellation, decideVliResit, vliVersions } from '../index';
import recordedBeforeRev2 from './fixtures/recorded-before-rev2.json';

const vli = VLI_2024_01_01;
const registry = new RulebookRegistry();
for (const v of vliVersions) registry.register(v);

const recorded = (recordedBeforeRev2 as unknown as { decisions: { name: string; decision: Decision }[] }).decisions;

function expectRecomputesByteForByte(decision: Decision): void {
  const stored = JSON.parse(JSON.stringify(decision)) as Decision;
  expect(JSON.stringify(registry.recompute(stored))).toBe(JSON.stringify(decision));
}

/** A 595.00 training (net) on Fri 2026-03-20 09:00, paid in full: 595.00 + 124.95 VAT = 719.95. */
const training = {
  startsAt: '2026-03-20T09:00:00+01:00',
  reason: 'regular' as const,
  priceNetCents: 59_500,
  vatRateBasisPoints: 2_100,
  paidCents: 71_995,
};

describe('vli decisions recorded before catalogue revision 2', () => {
  it.each(recorded.map((r) => [r.name, r.decision] as const))(
    'MONEY-I1 version 1 / VLI-2.3: given the recorded decision "%s" (no readings in its inputs), when recomputed, then it is byte-for-byte the recorded decision',
    (_name, decision) => {
      expect(decision.inputs['readings']).toBeUndefined();
      expect(JSON.stringify(registry.recompute(decision))).toBe(JSON.stringify(decision));
    },
  );

  it('MONEY-I1 version 1 / VLI-2.3: the recorded cancellation of a 719.95 (gross) training 47 h before start stated the gross fee 719.95', () => {
    const d = recorded.find((r) => r.name.includes('47 h'))!.decision;
    expect([d.feeCents, d.refundCents, d.feeVatCents]).toEqual([71_995, 0, undefined]);
  });
});

describe('MONEY-I1 (rev 2) / VLI-2.3: the fee excludes VAT, VAT and gross beside it, the refund includes VAT', () => {
  it('VLI-2.3 / MONEY-I1 acceptance: given a 595.00 (net) training, when cancelled 47 h before start, then feeCents 59,500, feeVatCents 12,495, feeGrossCents 71,995 and refund = paid - 71,995', () => {
    const d = decideVliCancellation(vli, { ...training, requestedAt: '2026-03-18T10:00:00+01:00' });
    expect(d.inputs['hoursBeforeStart']).toBe(47);
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents]).toEqual([59_500, 12_495, 71_995]);
    expect(d.refundCents).toBe(71_995 - 71_995);
    expect(d.interpretationIds).toEqual(['MONEY-I1']);
    expect(d.inputs).toMatchObject({ priceNetCents: 59_500, vatRateBasisPoints: 2_100, readings: { 'MONEY-I1': 2 } });
    expect(d.inputs['priceCents']).toBeUndefined();
    expect(d.explanation).toBe(
      'Cancellation (regular) 47.00 hours before start (less than 48 hours): 100 % of 595.00 = 595.00 excl. VAT + VAT 124.95 = 719.95; refund 0.00 of 719.95 paid (VLI-2.3, MONEY-I1, rulebook vli@2024-01-01)',
    );
    expectRecomputesByteForByte(d);
  });

  it('VLI-2.3 / MONEY-I1: given half paid (360.00), when cancelled 47 h before, then nothing is refunded; cancelled 49 h before, then all 360.00 comes back', () => {
    const late = decideVliCancellation(vli, {
      ...training,
      paidCents: 36_000,
      requestedAt: '2026-03-18T10:00:00+01:00',
    });
    expect([late.feeGrossCents, late.refundCents]).toEqual([71_995, 0]);
    const onTime = decideVliCancellation(vli, {
      ...training,
      paidCents: 36_000,
      requestedAt: '2026-03-18T08:00:00+01:00',
    });
    expect([onTime.feeCents, onTime.feeVatCents, onTime.feeGrossCents, onTime.refundCents]).toEqual([0, 0, 0, 36_000]);
    expect(onTime.interpretationIds).toEqual([]);
  });

  it('VLI-2.3 / MONEY-I1: given the same cancellation under version 1 (gross price) and version 2 (net price), then what is charged and refunded is the same', () => {
    const requestedAt = '2026-03-18T10:00:00+01:00';
    const v1 = decideVliCancellation(vli, {
      ...training,
      priceCents: 71_995,
      requestedAt,
      readings: { 'MONEY-I1': 1 },
    });
    const v2 = decideVliCancellation(vli, { ...training, requestedAt });
    expect(v1.feeCents).toBe(v2.feeGrossCents);
    expect(v1.refundCents).toBe(v2.refundCents);
    expect(v1.inputs['readings']).toEqual({ 'MONEY-I1': 1 });
    expectRecomputesByteForByte(v1);
  });

  it('MONEY-I1 version 2: given a cancellation without the net price, then it is refused naming MONEY-I1 and priceNetCents, not derived from the gross', () => {
    let error: unknown;
    try {
      decideVliCancellation(vli, {
        ...training,
        priceNetCents: undefined,
        priceCents: 71_995,
        requestedAt: '2026-03-18T10:00:00+01:00',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadingInputError);
    expect(error).toMatchObject({ readingId: 'MONEY-I1', field: 'priceNetCents', missingFact: true });
  });

  it('VLI-2.3 / MONEY-I1: given no VAT rate, then the rulebook version rate (21 %) applies and is recorded', () => {
    const d = decideVliCancellation(vli, {
      ...training,
      vatRateBasisPoints: undefined,
      requestedAt: '2026-03-18T10:00:00+01:00',
    });
    expect(d.inputs['vatRateBasisPoints']).toBe(2_100);
    expect(d.feeGrossCents).toBe(71_995);
  });

  it('VLI-4.3b / MONEY-I1: given a resit, then its fee (a net rulebook parameter, 0 in 2024) is stated with VAT and gross', () => {
    const d = decideVliResit(vli, {
      requestedAt: '2026-04-01T09:00:00+02:00',
      examType: 'standard',
      resitsTaken: 0,
      lastAttemptOutcome: 'failed',
    });
    expect([d.feeCents, d.feeVatCents, d.feeGrossCents]).toEqual([0, 0, 0]);
    expect(d.inputs).toMatchObject({ vatRateBasisPoints: 2_100, readings: { 'MONEY-I1': 2 } });
    expectRecomputesByteForByte(d);
  });
});
