import { RuleViolation, type Decision, type JsonValue } from '../../../decision';
import { RulebookRegistry } from '../../../rulebook';
import { createSpotLmsVersion, SPOT_DATA_2020, SPOT_DECISION_KINDS, spotLmsVersions } from '..';

const registry = new RulebookRegistry();
for (const v of spotLmsVersions) registry.register(v);
const ref = { id: 'spot-lms' as const, version: '2020-01-01' };

const registration: Record<string, JsonValue> = {
  participantId: 'P',
  licenceId: 'L100',
  learnerId: 'learner-100',
  learnerEmployerId: 'P',
  registeredAt: '2026-06-01T09:30:00+02:00',
  invoiceDate: '2026-01-10',
  firstRegistrationOn: '2026-01-10',
  activeLicencesBefore: 99,
  activeLicencesAtBillingYearStart: 12,
  lastSurchargeOn: null,
};

/** One representative JSON input per kind (raw facts only); licence-transfer always refuses. */
const samples: Record<Exclude<(typeof SPOT_DECISION_KINDS)[number], 'licence-transfer'>, Record<string, JsonValue>> = {
  'licence-registration': registration,
  'tier-crossing': registration,
  'invoice-date-evaluation': {
    participantId: 'P',
    invoiceDate: '2026-01-10',
    evaluatedOn: '2027-01-10',
    activeLicences: 104,
  },
  'licence-renewal': {
    participantId: 'P',
    licenceId: 'L1',
    termStartsOn: '2026-03-31',
    notToRenew: false,
    invoiceDate: '2026-01-10',
    activeLicencesAtBillingYearStart: 104,
    lastSurchargeOn: '2026-06-01',
  },
  'expiry-reminder': { licenceId: 'L1', expiresOn: '2027-03-31' },
  'participant-termination': {
    participantId: 'P',
    requestedAt: '2026-09-01',
    licences: [
      { licenceId: 'A', expiresOn: '2026-11-01' },
      { licenceId: 'B', expiresOn: '2027-06-15', keepRenewing: false },
      { licenceId: 'C', expiresOn: '2027-02-01', keepRenewing: true },
    ],
  },
  'membership-end': {
    participantId: 'P',
    endedAt: '2026-12-31',
    licences: [{ licenceId: 'A', expiresOn: '2027-03-01' }],
  },
  revocation: { licenceId: 'L1', at: '2026-05-04T15:00:00+02:00', reason: 'unpaid', outstandingCents: 3_000 },
  'coordinator-appointment': { participantId: 'P', location: 'Utrecht', personId: 'c2', currentCoordinatorIds: ['c1'] },
  'price-list-publication': {
    version: '2027-01-01',
    effectiveFrom: '2027-01-01',
    publishedAt: '2026-11-20T10:00:00+01:00',
    lowRateCents: 3_200,
    highRateCents: 4_800,
  },
  'extra-contribution': {
    participantId: 'P',
    licenceId: 'L1',
    courseId: 'dementie-basis',
    courseProvider: 'Zorgacademie',
    contributionCents: 1_250,
    chargedAt: '2026-05-04T10:00:00+02:00',
  },
};

describe('spot-lms rulebook versions and recomputation', () => {
  it('registers spot-lms@2020-01-01 (2020 price list: 30.00 / 45.00, VAT 0) with every decision kind', () => {
    const v = registry.rulebookFor('spot-lms', '2026-06-01');
    expect(v.version).toBe('2020-01-01');
    expect(v.effectiveFrom).toBe('2020-01-01');
    expect(v.vatRateBasisPoints).toBe(0);
    expect(v.data).toMatchObject({
      prices: { lowRateCents: 3_000, highRateCents: 4_500 },
      tierThreshold: 100,
      surchargeWindowMonths: 3,
      reminderLeadDays: 30,
      licenceTermMonths: 12,
    });
    expect(Object.keys(v.decisions).sort()).toEqual([...SPOT_DECISION_KINDS].sort());
  });

  it.each(Object.keys(samples).map((k) => [k]))(
    'recompute(%s) from the recorded inputs (after a JSON round trip) gives the identical decision',
    (kind) => {
      const decision = registry.exact(ref).decisions[kind]!(samples[kind as keyof typeof samples]);
      expect(decision.kind).toBe(kind);
      expect(decision.rulebook).toEqual(ref);
      const stored = JSON.parse(JSON.stringify(decision)) as Decision;
      expect(stored).toEqual(decision);
      expect(registry.recompute(stored)).toEqual(decision);
    },
  );

  it('SPOT-3.5: recomputing a licence-transfer refuses again with the same RuleViolation', () => {
    const attempt = () =>
      registry.recompute({
        kind: 'licence-transfer',
        rulebook: ref,
        inputs: { licenceId: 'L1', fromLearnerId: 'a', toLearnerId: 'b' },
      });
    expect(attempt).toThrow(RuleViolation);
    expect(attempt).toThrow('Licence L1 is personal and cannot be transferred');
  });
});

describe('SPOT-3.3 prices set each year: the version in force on the invoice date', () => {
  // A registry built for this test only: a hypothetical 2027 price list (32.00 / 48.00).
  const withNewYear = new RulebookRegistry();
  for (const v of spotLmsVersions) withNewYear.register(v);
  withNewYear.register(
    createSpotLmsVersion({
      version: '2027-01-01',
      effectiveFrom: '2027-01-01',
      data: { ...SPOT_DATA_2020, priceLevel: '2027', prices: { lowRateCents: 3_200, highRateCents: 4_800 } },
    }),
  );

  function registerOn(date: string, extra: Record<string, JsonValue> = {}): Decision {
    const version = withNewYear.rulebookFor('spot-lms', date);
    return version.decisions['licence-registration']!({
      ...registration,
      activeLicencesBefore: 10,
      registeredAt: date,
      ...extra,
    });
  }

  it('SPOT-3.3: a registration on 2026-12-31 is invoiced under 2020-01-01 at 30.00; on 2027-01-01 under 2027-01-01 at 32.00', () => {
    const before = registerOn('2026-12-31');
    expect(before.rulebook.version).toBe('2020-01-01');
    expect(before.feeCents).toBe(3_000);
    const after = registerOn('2027-01-01');
    expect(after.rulebook.version).toBe('2027-01-01');
    expect(after.feeCents).toBe(3_200);
  });

  it('SPOT-3.3: a crossing under the 2027 list is surcharged (48 - 32) x 100 = 1,600.00, and recomputes under its own version', () => {
    const version = withNewYear.rulebookFor('spot-lms', '2027-02-01');
    const crossing = version.decisions['tier-crossing']!({
      ...registration,
      registeredAt: '2027-02-01',
      activeLicencesAtBillingYearStart: 60,
    });
    expect(crossing.surchargeCents).toBe(160_000);
    expect(withNewYear.recompute(crossing)).toEqual(crossing);
    // The 2026 decision still recomputes to the 2020 prices.
    const old = registerOn('2026-06-01');
    expect(withNewYear.recompute(old).feeCents).toBe(3_000);
  });
});
