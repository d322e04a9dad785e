import { RulebookRegistry } from '../../../rulebook';
import { DecisionInputError } from '../decisions/decision-inputs';
import { VLI_2024_01_01, decideVliCancellation, vliVersions } from '../index';
import type { VliCancellationInput } from '../index';
import { expectRecomputesIdentically } from './test-support';

const vli = VLI_2024_01_01;
const registry = new RulebookRegistry();
for (const v of vliVersions) registry.register(v);

function cancel(input: Partial<VliCancellationInput> & Pick<VliCancellationInput, 'startsAt' | 'requestedAt'>) {
  // A 450.00 training (net; MONEY-I1) at VLI's 21 % VAT, paid in full: 544.50.
  return decideVliCancellation(vli, { reason: 'regular', priceNetCents: 45_000, paidCents: 54_450, ...input });
}

describe('vli rulebook version', () => {
  it('VLI-2.3 given the vli registry, when asking for the version in force on 2026-03-01, then 2024-01-01 applies with its 48 h / 09:00 data', () => {
    const v = registry.rulebookFor('vli', '2026-03-01');
    expect(v.version).toBe('2024-01-01');
    expect(v.effectiveFrom).toBe('2024-01-01');
    expect(v.vatRateBasisPoints).toBe(2_100);
    expect(vli.data.cancellation.regularMinHoursBeforeStart).toBe(48);
    expect(vli.data.cancellation.sicknessNoticeBefore).toEqual({ hour: 9, minute: 0 });
    expect(() => registry.rulebookFor('vli', '2023-12-31')).toThrow(/No version of rulebook vli/);
  });
});

describe('VLI-2.3 regular cancellation: at least 48 hours before start is free, later 100 %', () => {
  it('VLI-2.3 given a training at 2026-01-15 10:00 (winter), when cancelled exactly 48 h before, then fee 0 and everything paid is refunded', () => {
    const d = cancel({ startsAt: '2026-01-15T10:00:00+01:00', requestedAt: '2026-01-13T10:00:00+01:00' });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(54_450);
    expect(d.ruleIds).toEqual(['VLI-2.3']);
    expect(d.inputs['hoursBeforeStart']).toBe(48);
    expect(d.inputs['band']).toBe('at-least-48h');
    expect(d.deadlines).toEqual({ freeCancellationUntil: '2026-01-13T10:00:00+01:00' });
    expect(d.explanation).toBe(
      'Cancellation (regular) 48.00 hours before start (at least 48 hours): 0 % of 450.00 = 0.00; refund 544.50 of 544.50 paid (VLI-2.3, rulebook vli@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-2.3 given the same training, when cancelled 1 minute less than 48 h before, then the whole training (450.00) is charged', () => {
    const d = cancel({ startsAt: '2026-01-15T10:00:00+01:00', requestedAt: '2026-01-13T10:01:00+01:00' });
    expect(d.feeCents).toBe(45_000);
    expect(d.refundCents).toBe(0);
    expect(d.inputs['band']).toBe('less-than-48h');
    expect(d.inputs['hoursBeforeStart']).toBeCloseTo(47 + 59 / 60, 10);
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-2.3 given a start on Mon 2026-03-30 09:00 CEST (clocks went forward on 03-29), when cancelled at Sat 03-28 08:00 CET, then that is exactly 48 h and free', () => {
    const d = cancel({ startsAt: '2026-03-30T09:00:00+02:00', requestedAt: '2026-03-28T08:00:00+01:00' });
    expect(d.inputs['hoursBeforeStart']).toBe(48);
    expect(d.feeCents).toBe(0);
    expect(d.deadlines).toEqual({ freeCancellationUntil: '2026-03-28T08:00:00+01:00' });
  });

  it('VLI-2.3 given the same spring-forward start, when cancelled at 08:01 CET, then 47 h 59 min remain and 100 % is charged', () => {
    const d = cancel({ startsAt: '2026-03-30T09:00:00+02:00', requestedAt: '2026-03-28T08:01:00+01:00' });
    expect(d.feeCents).toBe(45_000);
    expect(d.refundCents).toBe(0);
  });

  it('VLI-2.3 given the same spring-forward start, when cancelled at the same wall-clock time two days earlier (09:00 CET), then only 47 real hours remain: 100 %', () => {
    const d = cancel({ startsAt: '2026-03-30T09:00:00+02:00', requestedAt: '2026-03-28T09:00:00+01:00' });
    expect(d.inputs['hoursBeforeStart']).toBe(47);
    expect(d.feeCents).toBe(45_000);
  });

  it('VLI-2.3 given a start on Mon 2026-10-26 09:00 CET (clocks went back on 10-25), when cancelled at Sat 10-24 10:00 CEST, then exactly 48 h: free; at 10:01 CEST: 100 %', () => {
    const onTime = cancel({ startsAt: '2026-10-26T09:00:00+01:00', requestedAt: '2026-10-24T10:00:00+02:00' });
    expect(onTime.inputs['hoursBeforeStart']).toBe(48);
    expect(onTime.feeCents).toBe(0);
    const late = cancel({ startsAt: '2026-10-26T09:00:00+01:00', requestedAt: '2026-10-24T10:01:00+02:00' });
    expect(late.feeCents).toBe(45_000);
    // the same wall-clock time as the start, two days earlier, is 49 real hours before: free
    const wallClock = cancel({ startsAt: '2026-10-26T09:00:00+01:00', requestedAt: '2026-10-24T09:00:00+02:00' });
    expect(wallClock.inputs['hoursBeforeStart']).toBe(49);
    expect(wallClock.feeCents).toBe(0);
  });

  it('VLI-2.3 given an instant in UTC, when compared with a start in local time, then the exact elapsed time decides (2026-01-13T09:00Z = 10:00 CET: free)', () => {
    const d = cancel({ startsAt: '2026-01-15T10:00:00+01:00', requestedAt: '2026-01-13T09:00:00Z' });
    expect(d.feeCents).toBe(0);
  });

  it('VLI-2.3 given a partly paid training (200.00 of 544.50), when cancelled late, then the fee is 450.00 (544.50 with VAT) and nothing is refunded; when on time, 200.00 is refunded', () => {
    const late = cancel({
      startsAt: '2026-01-15T10:00:00+01:00',
      requestedAt: '2026-01-14T10:00:00+01:00',
      paidCents: 20_000,
    });
    expect(late.feeCents).toBe(45_000);
    expect(late.refundCents).toBe(0);
    const onTime = cancel({
      startsAt: '2026-01-15T10:00:00+01:00',
      requestedAt: '2026-01-10T10:00:00+01:00',
      paidCents: 20_000,
    });
    expect(onTime.feeCents).toBe(0);
    expect(onTime.refundCents).toBe(20_000);
  });

  it('VLI-2.3 given a regular cancellation after the training started, when decided, then 100 % is charged', () => {
    const d = cancel({ startsAt: '2026-01-15T10:00:00+01:00', requestedAt: '2026-01-15T11:30:00+01:00' });
    expect(d.feeCents).toBe(45_000);
    expect(d.inputs['hoursBeforeStart']).toBe(-1.5);
    expect(d.explanation).toContain('1.50 hours after start');
  });

  it('VLI-2.3 given a cancellation for a death in the family, when decided, then it is not sickness: the 48-hour rule applies', () => {
    const d = cancel({
      reason: 'death',
      startsAt: '2026-01-15T10:00:00+01:00',
      requestedAt: '2026-01-15T07:00:00+01:00',
    });
    expect(d.inputs['sicknessRule']).toBe(false);
    expect(d.feeCents).toBe(45_000);
  });
});

describe('VLI-2.3 sickness: notice before 09:00 Europe/Amsterdam on the training day (and before start) is free', () => {
  const winterStart = '2026-01-15T10:00:00+01:00';
  const summerStart = '2026-07-15T10:00:00+02:00';

  it('VLI-2.3 given sickness in winter, when notice arrives at 08:59 CET on the training day, then fee 0', () => {
    const d = cancel({ reason: 'illness', startsAt: winterStart, requestedAt: '2026-01-15T08:59:00+01:00' });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(54_450);
    expect(d.inputs['band']).toBe('sickness-notice-in-time');
    expect(d.deadlines).toEqual({ sicknessNoticeBefore: '2026-01-15T09:00:00+01:00' });
    expect(d.explanation).toBe(
      'Sickness cancellation 1.02 hours before start (notice before 09:00 on the training day and the start): 0 % of 450.00 = 0.00; refund 544.50 of 544.50 paid (VLI-2.3, rulebook vli@2024-01-01)',
    );
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-2.3 given sickness in winter, when notice arrives at 09:00 CET exactly, then 100 %', () => {
    const d = cancel({ reason: 'illness', startsAt: winterStart, requestedAt: '2026-01-15T09:00:00+01:00' });
    expect(d.feeCents).toBe(45_000);
    expect(d.refundCents).toBe(0);
    expect(d.inputs['band']).toBe('sickness-notice-late');
    expectRecomputesIdentically(registry, d);
  });

  it('VLI-2.3 given sickness in summer, when notice arrives at 06:59Z (08:59 CEST), then fee 0; at 07:00Z (09:00 CEST), then 100 %', () => {
    const inTime = cancel({ reason: 'illness', startsAt: summerStart, requestedAt: '2026-07-15T06:59:00Z' });
    expect(inTime.feeCents).toBe(0);
    expect(inTime.deadlines).toEqual({ sicknessNoticeBefore: '2026-07-15T09:00:00+02:00' });
    const late = cancel({ reason: 'illness', startsAt: summerStart, requestedAt: '2026-07-15T07:00:00Z' });
    expect(late.feeCents).toBe(45_000);
  });

  it('VLI-2.3 given sickness in summer, when notice arrives at 08:59 written with a winter offset (08:59+01:00 = 09:59 CEST), then it is late: 100 %', () => {
    const d = cancel({ reason: 'illness', startsAt: summerStart, requestedAt: '2026-07-15T08:59:00+01:00' });
    expect(d.feeCents).toBe(45_000);
  });

  it('VLI-2.3 given sickness notice the evening before (less than 48 h), when decided, then it is before 09:00 on the training day: fee 0', () => {
    const d = cancel({ reason: 'illness', startsAt: winterStart, requestedAt: '2026-01-14T20:00:00+01:00' });
    expect(d.feeCents).toBe(0);
  });

  it('VLI-2.3 given a training starting at 08:00, when sickness notice arrives at 08:30 (before 09:00 but after the start), then 100 %; at 07:59, fee 0', () => {
    const late = cancel({
      reason: 'illness',
      startsAt: '2026-01-15T08:00:00+01:00',
      requestedAt: '2026-01-15T08:30:00+01:00',
    });
    expect(late.feeCents).toBe(45_000);
    expect(late.deadlines).toEqual({ sicknessNoticeBefore: '2026-01-15T08:00:00+01:00' });
    const inTime = cancel({
      reason: 'illness',
      startsAt: '2026-01-15T08:00:00+01:00',
      requestedAt: '2026-01-15T07:59:00+01:00',
    });
    expect(inTime.feeCents).toBe(0);
  });

  it('VLI-2.3 given hospitalisation of the learner, when notified at 08:00 on the training day, then the sickness rule applies: fee 0', () => {
    const d = cancel({ reason: 'hospitalisation', startsAt: winterStart, requestedAt: '2026-01-15T08:00:00+01:00' });
    expect(d.inputs['sicknessRule']).toBe(true);
    expect(d.feeCents).toBe(0);
  });

  it('VLI-2.3 given sickness on a day after the training day, when decided, then 100 %', () => {
    const d = cancel({ reason: 'illness', startsAt: winterStart, requestedAt: '2026-01-16T07:00:00+01:00' });
    expect(d.feeCents).toBe(45_000);
  });
});

describe('VLI-2.3 inputs', () => {
  it('VLI-2.3 given a recorded decision whose derived band and fee were altered, when recomputed from its inputs, then the recomputation shows the true figures (verify would report a mismatch)', () => {
    const d = cancel({ startsAt: '2026-01-15T10:00:00+01:00', requestedAt: '2026-01-13T10:01:00+01:00' });
    const tampered = { ...d, feeCents: 0, inputs: { ...d.inputs, band: 'at-least-48h' } };
    const recomputed = registry.recompute(tampered);
    expect(recomputed.feeCents).toBe(45_000);
    expect(recomputed.inputs['band']).toBe('less-than-48h');
    expect(recomputed).not.toEqual(tampered);
  });

  it('VLI-2.3 given a start without offset, when recomputed from JSON, then a DecisionInputError (bad request, not a 422) is thrown', () => {
    const fn = vli.decisions['cancellation-fee']!;
    expect(() =>
      fn({
        startsAt: '2026-01-15T10:00:00',
        requestedAt: '2026-01-13T10:00:00+01:00',
        reason: 'regular',
        priceCents: 100,
        paidCents: 0,
      }),
    ).toThrow(DecisionInputError);
    expect(() =>
      fn({
        startsAt: '2026-01-15T10:00:00+01:00',
        requestedAt: '2026-01-13T10:00:00+01:00',
        reason: 'regular',
        priceCents: 1.5,
        paidCents: 0,
      }),
    ).toThrow(DecisionInputError);
    expect(() =>
      fn({
        startsAt: '2026-01-15T10:00:00+01:00',
        requestedAt: '2026-01-13T10:00:00+01:00',
        reason: 'bored',
        priceCents: 100,
        paidCents: 0,
      }),
    ).toThrow(DecisionInputError);
  });
});
