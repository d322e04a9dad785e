/**
 * SPOT-2.2: e-learning of SPOT's own or of a provider other than ExpertCollege shared through the
 * LMS, for an extra contribution; ExpertCollege's e-Xpert VVT is part of the licence (art. 2.1).
 */
import { RuleViolation, type Decision } from '../../../decision';
import { RulebookRegistry } from '../../../rulebook';
import { createSpotLmsVersion, SPOT_DATA_2020, spotExtraContribution, spotLmsVersions } from '..';
import type { SpotBook } from '../decisions/common';

const book: SpotBook = { id: 'spot-lms', version: '2020-01-01', data: SPOT_DATA_2020, vatRateBasisPoints: 0 };
const charge = (overrides: Partial<Parameters<typeof spotExtraContribution>[1]> = {}): Decision =>
  spotExtraContribution(book, {
    participantId: 'P',
    licenceId: 'L1',
    courseId: 'dementia-care-basics',
    courseProvider: 'Vilans',
    contributionCents: 1_500,
    chargedAt: '2026-04-01T10:00:00+02:00',
    ...overrides,
  });

describe('SPOT-2.2 extra contribution for e-learning beyond the standard offer', () => {
  it('SPOT-2.2: given Vilans e-learning shared for licence L1, when SPOT asks 15.00 on 2026-04-01, then the decision charges 15.00 net, no VAT (SPOT-3.2)', () => {
    const decision = charge();
    expect(decision).toMatchObject({
      kind: 'extra-contribution',
      ruleIds: ['SPOT-2.2'],
      rulebook: { id: 'spot-lms', version: '2020-01-01' },
      feeCents: 1_500,
      feeVatCents: 0,
      feeGrossCents: 1_500,
      allowed: true,
    });
    expect(decision.inputs).toMatchObject({ licenceId: 'L1', courseProvider: 'Vilans', vatRateBasisPoints: 0 });
    expect(decision.explanation).toMatch(/SPOT-2\.2/);
  });

  it('SPOT-2.2: given SPOT became VAT-liable (21 %), then the contribution carries VAT on top of the net amount', () => {
    const decision = spotExtraContribution(
      { ...book, vatRateBasisPoints: 2_100 },
      {
        participantId: 'P',
        courseId: 'c',
        courseProvider: 'SPOT',
        contributionCents: 1_000,
        chargedAt: '2026-04-01',
      },
    );
    expect(decision).toMatchObject({ feeCents: 1_000, feeVatCents: 210, feeGrossCents: 1_210 });
    expect(decision.inputs['licenceId']).toBeNull();
  });

  it("SPOT-2.2 / art. 2.1: given ExpertCollege's e-learning (any spacing or case), when a contribution is asked, then it is refused naming SPOT-2.2", () => {
    for (const courseProvider of ['ExpertCollege', '  expertcollege ']) {
      let thrown: unknown;
      try {
        charge({ courseProvider });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RuleViolation);
      expect(thrown).toMatchObject({ error: 'CONTRIBUTION_FOR_STANDARD_OFFER', ruleId: 'SPOT-2.2' });
    }
  });

  it('SPOT-2.2: a contribution of 0 or a malformed date is bad input naming the field', () => {
    expect(() => charge({ contributionCents: 0 })).toThrow(/contributionCents/);
    expect(() => charge({ chargedAt: 'tomorrow' })).toThrow(/chargedAt/);
  });

  it('SPOT-2.2: the decision recomputes from its recorded inputs under its own version, also after a new price list', () => {
    const registry = new RulebookRegistry();
    for (const v of spotLmsVersions) registry.register(v);
    registry.register(
      createSpotLmsVersion({
        version: '2027-01-01',
        effectiveFrom: '2027-01-01',
        data: { ...SPOT_DATA_2020, priceLevel: '2027', prices: { lowRateCents: 3_200, highRateCents: 4_800 } },
      }),
    );
    const decision = charge();
    const stored = JSON.parse(JSON.stringify(decision)) as Decision;
    expect(registry.recompute(stored)).toEqual(decision);
  });
});
