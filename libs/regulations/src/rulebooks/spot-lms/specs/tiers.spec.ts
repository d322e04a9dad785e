import {
  spotBillingYearOf,
  spotInvoiceDateEvaluation,
  spotLicenceRegistration,
  spotLmsVersions,
  spotRegisterLicence,
  spotTierCrossing,
  SpotInputError,
  type SpotBook,
  type SpotRegistrationInput,
} from '..';
import { violation } from '../../../rule-violation.test-support';

const spot = spotLmsVersions[0] as unknown as SpotBook;

/** Participant P of the public example: invoice date 2026-01-10. */
function register(overrides: Partial<SpotRegistrationInput>): SpotRegistrationInput {
  return {
    participantId: 'P',
    licenceId: 'L',
    learnerId: 'learner',
    learnerEmployerId: 'P',
    registeredAt: '2026-03-01',
    invoiceDate: '2026-01-10',
    firstRegistrationOn: '2026-01-10',
    activeLicencesBefore: 10,
    activeLicencesAtBillingYearStart: 0,
    lastSurchargeOn: null,
    ...overrides,
  };
}

describe('SPOT-1.2 learner employed by the participant', () => {
  it('SPOT-1.2: given a learner employed by another organisation, when registered, then the registration is refused', () => {
    const v = violation(() => spotLicenceRegistration(spot, register({ learnerEmployerId: 'Q' })));
    expect(v.error).toBe('LEARNER_NOT_EMPLOYED_BY_PARTICIPANT');
    expect(v.ruleId).toBe('SPOT-1.2');
  });

  it('SPOT-1.2: a registration naming no employer is refused', () => {
    expect(violation(() => spotLicenceRegistration(spot, register({ learnerEmployerId: null }))).ruleId).toBe(
      'SPOT-1.2',
    );
  });
});

describe('SPOT-3.1 / SPOT-3.2 / SPOT-3.4 / 4.1 registration fee', () => {
  it('SPOT-3.4 / 4.1 (SPOT-3.4, SPOT-4.1): a registration is invoiced at once for one annual fee at the current rate; SPOT-3.1 low rate 30.00 below 100', () => {
    const d = spotLicenceRegistration(spot, register({}));
    expect(d.feeCents).toBe(3_000);
    expect(d.ruleIds).toEqual(['SPOT-1.2', 'SPOT-3.1', 'SPOT-3.2', 'SPOT-3.3', 'SPOT-3.4', 'SPOT-4.1', 'SPOT-4.2']);
    expect(d.interpretationIds).toEqual(['SPOT-I1', 'SPOT-I2']);
    expect(d.inputs).toMatchObject({
      tier: 'low',
      activeLicencesAfter: 11,
      crossing: false,
      rateCents: 3_000,
      priceLevel: '2020',
    });
  });

  it('SPOT-3.2: VAT is 0 unless the association becomes VAT-liable (net 30.00 = gross 30.00)', () => {
    const d = spotLicenceRegistration(spot, register({}));
    expect(d.inputs).toMatchObject({ vatRateBasisPoints: 0, vatCents: 0, grossCents: 3_000 });
  });

  it('SPOT-3.1: a participant whose tier was high at its invoice date pays 45.00 per registration', () => {
    const d = spotLicenceRegistration(
      spot,
      register({ activeLicencesAtBillingYearStart: 100, activeLicencesBefore: 100 }),
    );
    expect(d.feeCents).toBe(4_500);
    expect(d.inputs).toMatchObject({ billingYearTier: 'high', tier: 'high', crossing: false });
  });

  it('SPOT-3.4: the licence runs 12 months from the registration; renewal and reminder dates follow (SPOT-I1, SPOT-6.1)', () => {
    const d = spotLicenceRegistration(spot, register({ registeredAt: '2026-03-31T10:00:00+02:00' }));
    expect(d.deadlines).toEqual({
      licenceStartsOn: '2026-03-31',
      licenceExpiresOn: '2027-03-31',
      renewalOn: '2027-03-31',
      expiryReminderOn: '2027-03-01',
      nextInvoiceDate: '2027-01-10',
    });
  });
});

describe('SPOT-4.2 tier crossing (INTERP SPOT-I2)', () => {
  it('SPOT-4.2 public example: invoice date 2026-01-10, 100th active licence on 2026-06-01: surcharge (45-30) x 100 = 1,500.00 charged 2026-06-01; registration 100 itself at 30.00', () => {
    const { fee, crossing } = spotRegisterLicence(
      spot,
      register({ licenceId: 'L100', registeredAt: '2026-06-01', activeLicencesBefore: 99 }),
    );
    expect(fee.feeCents).toBe(3_000);
    expect(fee.inputs).toMatchObject({ crossing: true, surchargeApplies: true, activeLicencesAfter: 100, tier: 'low' });
    expect(crossing).not.toBeNull();
    expect(crossing!.kind).toBe('tier-crossing');
    expect(crossing!.surchargeCents).toBe(150_000);
    expect(crossing!.ruleIds).toEqual(['SPOT-4.2']);
    expect(crossing!.interpretationIds).toEqual(['SPOT-I2']);
    expect(crossing!.deadlines).toEqual({
      chargedOn: '2026-06-01',
      highRateFrom: '2026-06-01',
      nextInvoiceDate: '2027-01-10',
      surchargeCutoff: '2026-10-10',
    });
    expect(crossing!.explanation).toContain('(45.00 - 30.00) x 100 = 1,500.00 charged 2026-06-01');
  });

  it('SPOT-4.2 public example: registration 101 on 2026-07-01 costs 45.00', () => {
    const d = spotLicenceRegistration(
      spot,
      register({
        licenceId: 'L101',
        registeredAt: '2026-07-01',
        activeLicencesBefore: 100,
        lastSurchargeOn: '2026-06-01',
      }),
    );
    expect(d.feeCents).toBe(4_500);
    expect(d.inputs).toMatchObject({ surchargedThisBillingYear: true, tier: 'high', crossing: false });
  });

  it('SPOT-I2 boundary: a crossing exactly 3 months before the next invoice date (2026-10-10) is surcharged', () => {
    const c = spotTierCrossing(spot, register({ registeredAt: '2026-10-10', activeLicencesBefore: 99 }));
    expect(c.surchargeCents).toBe(150_000);
  });

  it('SPOT-I2 boundary: a crossing on 2026-10-11, less than 3 months before the invoice date: no surcharge, high rate from 2027-01-10', () => {
    const { fee, crossing } = spotRegisterLicence(
      spot,
      register({ registeredAt: '2026-10-11', activeLicencesBefore: 99 }),
    );
    expect(fee.feeCents).toBe(3_000);
    expect(crossing!.surchargeCents).toBe(0);
    expect(crossing!.deadlines).toEqual({
      highRateFrom: '2027-01-10',
      nextInvoiceDate: '2027-01-10',
      surchargeCutoff: '2026-10-10',
    });
  });

  it('SPOT-4.2 late crossing (2026-11-01): registration 100 and 101 (2026-12-01) at 30.00; high rate only from the invoice date', () => {
    expect(
      spotLicenceRegistration(spot, register({ registeredAt: '2026-11-01', activeLicencesBefore: 99 })).feeCents,
    ).toBe(3_000);
    const r101 = spotLicenceRegistration(spot, register({ registeredAt: '2026-12-01', activeLicencesBefore: 100 }));
    expect(r101.feeCents).toBe(3_000);
    expect(r101.inputs).toMatchObject({ crossing: false, tier: 'low' });
    const evaluation = spotInvoiceDateEvaluation(spot, {
      participantId: 'P',
      invoiceDate: '2026-01-10',
      evaluatedOn: '2027-01-10',
      activeLicences: 101,
    });
    expect(evaluation.inputs).toMatchObject({ tier: 'high', rateCents: 4_500 });
    const r102 = spotLicenceRegistration(
      spot,
      register({ registeredAt: '2027-01-15', activeLicencesBefore: 101, activeLicencesAtBillingYearStart: 101 }),
    );
    expect(r102.feeCents).toBe(4_500);
    expect(r102.inputs).toMatchObject({ billingYearStart: '2027-01-10', nextInvoiceDate: '2028-01-10' });
  });

  it('SPOT-I2: at most one surcharge per billing year: dropping to 99 and reaching 100 again after a surcharge is no new crossing', () => {
    const { fee, crossing } = spotRegisterLicence(
      spot,
      register({ registeredAt: '2026-08-01', activeLicencesBefore: 99, lastSurchargeOn: '2026-06-01' }),
    );
    expect(crossing).toBeNull();
    expect(fee.feeCents).toBe(4_500);
    expect(() =>
      spotTierCrossing(
        spot,
        register({ registeredAt: '2026-08-01', activeLicencesBefore: 99, lastSurchargeOn: '2026-06-01' }),
      ),
    ).toThrow(SpotInputError);
  });

  it('SPOT-I2: a surcharge in the previous billing year does not lift this year; a new early crossing is surcharged again', () => {
    const { fee, crossing } = spotRegisterLicence(
      spot,
      register({
        registeredAt: '2027-02-01',
        activeLicencesBefore: 99,
        activeLicencesAtBillingYearStart: 99,
        lastSurchargeOn: '2026-06-01',
      }),
    );
    expect(fee.inputs).toMatchObject({ surchargedThisBillingYear: false, tier: 'low' });
    expect(crossing!.surchargeCents).toBe(150_000);
  });

  it('SPOT-I2: the invoice date defaults to the first registration (2026-03-15): crossing 2026-12-15 surcharged, 2026-12-16 not', () => {
    const base = { invoiceDate: null, firstRegistrationOn: '2026-03-15', activeLicencesBefore: 99 };
    const onCutoff = spotTierCrossing(spot, register({ ...base, registeredAt: '2026-12-15' }));
    expect(onCutoff.inputs).toMatchObject({
      invoiceAnchor: '2026-03-15',
      nextInvoiceDate: '2027-03-15',
      surchargeCutoff: '2026-12-15',
    });
    expect(onCutoff.surchargeCents).toBe(150_000);
    expect(spotTierCrossing(spot, register({ ...base, registeredAt: '2026-12-16' })).surchargeCents).toBe(0);
  });

  it('SPOT-I2: the very first registration anchors the invoice date on its own date', () => {
    const d = spotLicenceRegistration(
      spot,
      register({ invoiceDate: null, firstRegistrationOn: null, registeredAt: '2026-05-20', activeLicencesBefore: 0 }),
    );
    expect(d.inputs).toMatchObject({
      invoiceAnchor: '2026-05-20',
      billingYearStart: '2026-05-20',
      nextInvoiceDate: '2027-05-20',
    });
  });

  it('SPOT-I2: an invoice date of 29 Feb has its anniversary on 28 Feb in common years (crossing 2025-11-28 is surcharged)', () => {
    expect(spotBillingYearOf('2024-02-29', '2025-11-28')).toEqual({
      start: '2025-02-28',
      next: '2026-02-28',
      index: 1,
    });
    expect(spotBillingYearOf('2024-02-29', '2028-02-29')).toEqual({
      start: '2028-02-29',
      next: '2029-02-28',
      index: 4,
    });
    const c = spotTierCrossing(
      spot,
      register({
        invoiceDate: '2024-02-29',
        firstRegistrationOn: '2024-02-29',
        registeredAt: '2025-11-28',
        activeLicencesBefore: 99,
      }),
    );
    expect(c.surchargeCents).toBe(150_000);
    expect(
      spotTierCrossing(
        spot,
        register({
          invoiceDate: '2024-02-29',
          firstRegistrationOn: '2024-02-29',
          registeredAt: '2025-11-29',
          activeLicencesBefore: 99,
        }),
      ).surchargeCents,
    ).toBe(0);
  });

  it('SPOT-4.2: a registration on the invoice date itself belongs to the new billing year', () => {
    const d = spotLicenceRegistration(spot, register({ registeredAt: '2027-01-10' }));
    expect(d.inputs).toMatchObject({ billingYearStart: '2027-01-10', nextInvoiceDate: '2028-01-10' });
  });
});

describe('SPOT-4.2 re-evaluation at each invoice date', () => {
  it('SPOT-4.2: dropping below 100 by the invoice date returns the low rate', () => {
    const d = spotInvoiceDateEvaluation(spot, {
      participantId: 'P',
      invoiceDate: '2026-01-10',
      evaluatedOn: '2028-01-10',
      activeLicences: 99,
    });
    expect(d.inputs).toMatchObject({ tier: 'low', rateCents: 3_000 });
    expect(d.deadlines).toEqual({ billingYearStart: '2028-01-10', nextInvoiceDate: '2029-01-10' });
    const r = spotLicenceRegistration(
      spot,
      register({
        registeredAt: '2028-01-20',
        activeLicencesBefore: 50,
        activeLicencesAtBillingYearStart: 99,
        lastSurchargeOn: '2027-06-01',
      }),
    );
    expect(r.feeCents).toBe(3_000);
  });

  it('SPOT-4.2: exactly 100 at the invoice date is the high tier', () => {
    expect(
      spotInvoiceDateEvaluation(spot, {
        participantId: 'P',
        invoiceDate: '2026-01-10',
        evaluatedOn: '2027-01-10',
        activeLicences: 100,
      }).inputs.tier,
    ).toBe('high');
  });

  it('SPOT-4.2: a day that is not an invoice date cannot be evaluated', () => {
    expect(() =>
      spotInvoiceDateEvaluation(spot, {
        participantId: 'P',
        invoiceDate: '2026-01-10',
        evaluatedOn: '2027-01-11',
        activeLicences: 100,
      }),
    ).toThrow(SpotInputError);
  });
});
