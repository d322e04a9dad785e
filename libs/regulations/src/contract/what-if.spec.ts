/**
 * What-if over the versioned readings of catalogue revision 2: recorded decisions recomputed under
 * a forced reading, with their money compared in cents.
 */
import type { Decision } from '../decision';
import { createRulebookRegistry } from '../rulebooks';
import { CURRENT_READINGS, READING_TOUCHES, ReadingInputError, VERSIONED_READINGS } from './readings';
import { WhatIfInputError, compareDecisionMoney, recomputeUnder, whatIf } from './what-if';
import plusportRecorded from '../rulebooks/plusport/specs/fixtures/recorded-before-rev2.json';
import vliRecorded from '../rulebooks/vli/specs/fixtures/recorded-before-rev2.json';
import excellusRecorded from '../rulebooks/excellus/specs/fixtures/recorded-before-rev2.json';

const registry = createRulebookRegistry();

type Fixture = { decisions: { name: string; decision: Decision }[] };
function recordedDecision(fixture: unknown, name: string): Decision {
  const found = (fixture as Fixture).decisions.find((d) => d.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found.decision;
}

const practicalRegular = recordedDecision(plusportRecorded, 'same booking cancelled regularly 4 working days before');
const practicalLapsed = recordedDecision(plusportRecorded, 'evidence lapsed for the practical training');
const classroomBookReturned = recordedDecision(plusportRecorded, 'classroom with textbook returned unused');
const vliLate = recordedDecision(vliRecorded, 'training of 595.00 net (719.95 gross) cancelled 47 h before start');
const excellusBusiness = recordedDecision(
  excellusRecorded,
  'business customer cancels a contact course within 14 days of registration',
);

describe('the versioned readings of catalogue revision 2', () => {
  it('PP-I18 / PP-I19 / EXC-I3 / EXC-I4 / MONEY-I1: each is at version 2 and says what each version reads', () => {
    expect(CURRENT_READINGS).toEqual({ 'PP-I18': 2, 'PP-I19': 2, 'EXC-I3': 2, 'EXC-I4': 2, 'MONEY-I1': 2 });
    for (const reading of Object.values(VERSIONED_READINGS)) expect(reading.versions).toHaveLength(2);
  });

  it('PP-I18 / PP-I19 / EXC-I3 / EXC-I4 / MONEY-I1: every decision kind a reading touches is registered by its rulebook', () => {
    for (const [readingId, touches] of Object.entries(READING_TOUCHES)) {
      for (const { rulebookId, decisionKinds } of touches) {
        const version = registry.rulebookFor(rulebookId, '2026-06-01');
        for (const kind of decisionKinds)
          expect([readingId, kind, version.decisions[kind]]).toEqual([readingId, kind, expect.any(Function)]);
      }
    }
  });
});

describe('recomputeUnder: a recorded decision with a reading forced to a version', () => {
  it('PP-I19 version 2: given a practical-training cancellation recorded without the offering kind, when forced without it, then a ReadingInputError names PP-I19 and offeringKind', () => {
    let error: unknown;
    try {
      recomputeUnder(registry, practicalRegular, { 'PP-I19': 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadingInputError);
    expect(error).toMatchObject({ readingId: 'PP-I19', field: 'offeringKind', missingFact: true });
    expect((error as Error).message).toMatch(
      /^Decision cancellation-fee \(cancellation-fee, plusport@2024-01-01\): offeringKind is required/,
    );
  });

  it('PP-I19 version 2: given the offering kind from the registration, then the e-learning (80.00) comes off the fee and 96.80 more is refunded', () => {
    const recomputed = recomputeUnder(
      registry,
      practicalRegular,
      { 'PP-I19': 2 },
      { offeringKind: 'practical-training' },
    );
    expect(recomputed.inputs['readings']).toEqual({ 'PP-I19': 2 });
    const comparison = compareDecisionMoney(practicalRegular, recomputed);
    expect(comparison.money.feeCents).toEqual({
      recordedCents: 42_000,
      recomputedCents: 34_000,
      differenceCents: -8_000,
    });
    expect(comparison.money.refundCents.differenceCents).toBe(9_680);
    // Other readings stay as recorded (version 1): no fee fields appear.
    expect(comparison.money.feeGrossCents).toEqual({
      recordedCents: null,
      recomputedCents: null,
      differenceCents: null,
    });
    expect(comparison).toMatchObject({
      changedFields: ['feeCents', 'refundCents'],
      ruleIdsDiffer: true,
      interpretationIdsDiffer: true,
      differs: true,
    });
  });

  it('PP-15.6 / PP-I19 version 2: given a lapsed evidence decision recorded before rev 2, when forced with the offering kind, then step 2 no longer charges the e-learning', () => {
    const recomputed = recomputeUnder(
      registry,
      practicalLapsed,
      { 'PP-I19': 2 },
      { offeringKind: 'practical-training' },
    );
    expect(compareDecisionMoney(practicalLapsed, recomputed).money.feeCents.differenceCents).toBe(-8_000);
  });

  it('PP-I19 version 1 forced on its own recorded reading: given the same decision, then it recomputes identically (money unchanged)', () => {
    const recomputed = recomputeUnder(registry, practicalRegular, { 'PP-I19': 1 });
    expect(compareDecisionMoney(practicalRegular, recomputed).differs).toBe(false);
  });

  it('MONEY-I1 version 2: given a VLI cancellation recorded with the gross fee 719.95, when forced with the net price, then the fee reads 595.00 + 124.95 and the refund does not move', () => {
    const recomputed = recomputeUnder(
      registry,
      vliLate,
      { 'MONEY-I1': 2 },
      { priceNetCents: 59_500, vatRateBasisPoints: 2_100 },
    );
    const comparison = compareDecisionMoney(vliLate, recomputed);
    expect(comparison.money.feeCents.differenceCents).toBe(-12_495);
    expect(comparison.money.refundCents.differenceCents).toBe(0);
    expect(comparison.money.feeGrossCents).toEqual({
      recordedCents: null,
      recomputedCents: 71_995,
      differenceCents: null,
    });
    expect(comparison.changedFields).toEqual(['feeCents', 'feeVatCents', 'feeGrossCents']);
  });

  it('MONEY-I1 version 2: given that VLI decision without its net price, then the what-if says which fact is missing', () => {
    const outcome = whatIf(registry, vliLate, 'MONEY-I1');
    expect(outcome).toMatchObject({ status: 'needs-facts', readingId: 'MONEY-I1', field: 'priceNetCents' });
  });

  it('EXC-I3 version 2: given a business cancellation recorded at 30 % within the 14 days, then under version 2 it is free: 300.00 less fee, 300.00 more refund', () => {
    const outcome = whatIf(registry, excellusBusiness, 'EXC-I3');
    expect(outcome.status).toBe('differs');
    if (outcome.status !== 'differs') return;
    expect(outcome.comparison.money.feeCents.differenceCents).toBe(-30_000);
    expect(outcome.comparison.money.refundCents.differenceCents).toBe(30_000);
    expect(outcome.recomputed.interpretationIds).toEqual(['EXC-I3']);
  });

  it('PP-I18 version 2: given a classroom cancellation whose textbook came back unused, then nothing changes (PP-I18 decides only a kept textbook)', () => {
    const outcome = whatIf(registry, classroomBookReturned, 'PP-I18');
    expect(outcome.status).toBe('unchanged');
  });

  it('PP-I18 version 2: given a cancellation that charged a kept textbook, then the money is the same and only the interpretation ids differ', () => {
    const outcome = whatIf(registry, practicalRegular, 'PP-I18');
    expect(outcome.status).toBe('differs');
    if (outcome.status !== 'differs') return;
    expect(outcome.comparison.changedFields).toEqual([]);
    expect(outcome.comparison.interpretationIdsDiffer).toBe(true);
    expect(outcome.recomputed.interpretationIds).toContain('PP-I18');
  });

  it('EXC-I4: given a reading that does not touch the decision kind (a PlusPort cancellation), then forcing it changes nothing', () => {
    const recomputed = recomputeUnder(registry, classroomBookReturned, { 'EXC-I4': 2 });
    expect(JSON.stringify(recomputed)).toBe(JSON.stringify(classroomBookReturned));
  });

  it('PP-I19: given a fact that contradicts what the decision records, then the what-if refuses to change recorded facts', () => {
    const newDecision = recomputeUnder(
      registry,
      practicalRegular,
      { 'PP-I19': 2 },
      { offeringKind: 'practical-training' },
    );
    expect(() => recomputeUnder(registry, newDecision, { 'PP-I19': 2 }, { offeringKind: 'package-practical' })).toThrow(
      WhatIfInputError,
    );
  });

  it('MONEY-I1: given a version that does not exist or an unknown reading, then a ReadingInputError', () => {
    expect(() => recomputeUnder(registry, vliLate, { 'MONEY-I1': 3 })).toThrow('MONEY-I1 has versions 1..2, got 3');
    expect(() => recomputeUnder(registry, vliLate, { 'XYZ-I9': 2 })).toThrow('XYZ-I9 is not a versioned reading');
  });
});
