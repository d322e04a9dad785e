/** SPOT's licence and finance acts as the participant aggregate calls them: given its history, when an act decides, then what it records. */
import type { ParticipantFacts } from '../../../contract/licences';
import { financeActsOf } from '../../../contract/finance';
import { RuleViolation } from '../../../decision';
import { spotLmsVersions } from '..';
import { spotInvoiceDateAnchoredV1ToV2, spotParticipantRegisteredV1ToV2 } from '../upcasters';

const version = spotLmsVersions[0]!;
const acts = version.acts.licences!;

/** Participant P: invoice date 2026-01-10, 99 active licences now, none at the opening of an invoice date. */
const participant = (overrides: Partial<ParticipantFacts> = {}): ParticipantFacts => ({
  participantId: 'P',
  invoiceDate: '2026-01-10',
  invoiceAnchor: '2026-01-10',
  firstRegistrationOn: '2026-02-01',
  evaluations: {},
  crossingDates: [],
  surchargeDates: [],
  activeLicencesOn: () => 99,
  activeLicencesAtStartOf: () => 0,
  ...overrides,
});

const register = (facts: ParticipantFacts, registeredAt = '2026-06-01T10:00:00+02:00', employer: string | null = 'P') =>
  acts.registerLicence(facts, {
    licenceId: 'L100',
    learnerId: 'learner-100',
    learnerEmployerId: employer,
    registeredAt,
  });

describe('SPOT licence acts', () => {
  it('SPOT-I2: given an agreed invoice date of 2026-01-10, when P joins on 2026-01-05, then the tier is first evaluated on 2026-01-10; without one, when the first registration sets it', () => {
    expect(
      acts.join({ participantId: 'P', invoiceDate: '2026-01-10', registeredAt: '2026-01-05T09:00:00+01:00' }),
    ).toEqual({
      nextInvoiceDate: '2026-01-10',
    });
    expect(acts.join({ participantId: 'P', invoiceDate: null, registeredAt: '2026-01-05T09:00:00+01:00' })).toEqual({
      nextInvoiceDate: null,
    });
  });

  it('SPOT-3.4 / SPOT-4.2: given 99 active licences, when the 100th is registered on 2026-06-01, then a 30.00 fee and a (45-30) x 100 = 1,500.00 surcharge, high rate from that day', () => {
    const registration = register(participant());
    expect(registration).toMatchObject({
      startsOn: '2026-06-01',
      expiresOn: '2027-06-01',
      fee: { netCents: 3_000, description: 'SPOT LMS licence L100, 2026-06-01 to 2027-06-01' },
      invoiceDateSet: null,
    });
    expect(registration.tierCrossing).toMatchObject({
      crossedOn: '2026-06-01',
      activeLicences: 100,
      surcharge: { netCents: 150_000, description: 'SPOT LMS tier surcharge: 100 active licences from 2026-06-01' },
      highRateFrom: '2026-06-01',
      decision: { kind: 'tier-crossing', ruleIds: ['SPOT-4.2'] },
    });
  });

  it('SPOT-I2: given a crossing already recorded this billing year, when the threshold is reached again, then no second crossing', () => {
    expect(register(participant({ crossingDates: ['2026-05-01'] })).tierCrossing).toBeNull();
  });

  it('SPOT-I2: given no invoice date, when the first licence is registered on 2026-03-15, then that day becomes the invoice date, evaluated next on 2027-03-15', () => {
    const first = register(
      participant({ invoiceDate: null, invoiceAnchor: null, firstRegistrationOn: null, activeLicencesOn: () => 0 }),
      '2026-03-15T10:00:00+01:00',
    );
    expect(first.invoiceDateSet).toEqual({
      invoiceDate: '2026-03-15',
      nextInvoiceDate: '2027-03-15',
      ruleIds: ['SPOT-4.2'],
      interpretationIds: ['SPOT-I2'],
    });
  });

  it('SPOT-1.2: given a learner employed elsewhere, when registered, then the registration is refused', () => {
    expect(() => register(participant(), undefined, 'other-org')).toThrow(
      expect.objectContaining({ error: 'LEARNER_NOT_EMPLOYED_BY_PARTICIPANT', ruleId: 'SPOT-1.2' }),
    );
  });

  it('SPOT-I1 / SPOT-4.1: given a licence started 2026-03-31, when its renewal date comes, then it renews until 2028-03-31 at 30.00; marked not-to-renew, it expires', () => {
    const licence = { licenceId: 'L1', startsOn: '2026-03-31', termStartsOn: '2026-03-31', notToRenew: false };
    expect(acts.renew(participant(), licence, '2027-03-31')).toMatchObject({
      renews: true,
      expiresOn: '2028-03-31',
      fee: { netCents: 3_000, description: 'SPOT LMS licence L1 renewal, 2027-03-31 to 2028-03-31' },
    });
    const expiring = acts.renew(participant(), { ...licence, notToRenew: true }, '2027-03-31');
    expect(expiring).toMatchObject({ renews: false, decision: { allowed: false, ruleIds: ['SPOT-4.1'] } });
  });

  it('SPOT-6.1: given a licence expiring 2027-02-01, then the reminder is due 30 days before, on 2027-01-02', () => {
    expect(acts.expiryReminder({ licenceId: 'L1', expiresOn: '2027-02-01' })).toMatchObject({
      reminderOn: '2027-01-02',
      decision: { ruleIds: ['SPOT-6.1'] },
    });
  });

  it('SPOT-4.2: given 101 active licences at the opening of 2027-01-10, when the invoice date is evaluated, then the high tier (45.00) until 2028-01-10; another day is no invoice date', () => {
    const facts = participant({ activeLicencesAtStartOf: () => 101 });
    expect(acts.evaluateTier(facts, '2027-01-10')).toMatchObject({
      activeLicences: 101,
      tier: 'high',
      rateCents: 4_500,
      nextInvoiceDate: '2028-01-10',
      decision: { ruleIds: ['SPOT-4.2', 'SPOT-3.1', 'SPOT-3.3'] },
    });
    expect(acts.evaluateTier(facts, '2027-01-11')).toBeNull();
  });

  it('SPOT-3.1 / SPOT-4.2: the tier on a day: low before any invoice date, high after a surcharged crossing', () => {
    expect(acts.tierOn(participant({ invoiceAnchor: null }), '2026-03-01')).toEqual({
      tier: 'low',
      rateCents: 3_000,
      invoiceDate: null,
      nextInvoiceDate: null,
    });
    expect(acts.tierOn(participant({ surchargeDates: ['2026-06-01'] }), '2026-07-01')).toEqual({
      tier: 'high',
      rateCents: 4_500,
      invoiceDate: '2026-01-10',
      nextInvoiceDate: '2027-01-10',
    });
  });

  it('SPOT-1.4: given two coordinators for Utrecht, a third is refused; one already appointed changes nothing', () => {
    const input = { participantId: 'P', location: 'Utrecht', personId: 'c3', currentCoordinatorIds: ['c1', 'c2'] };
    expect(() => acts.appointCoordinator(input)).toThrow(
      expect.objectContaining({ error: 'TOO_MANY_COORDINATORS', ruleId: 'SPOT-1.4' }),
    );
    expect(acts.appointCoordinator({ ...input, personId: 'c1' })).toMatchObject({ alreadyAppointed: true });
  });

  it('SPOT-3.5: a licence transfer is refused', () => {
    expect(() => acts.transfer({ licenceId: 'L1', fromLearnerId: 'a', toLearnerId: 'b' })).toThrow(RuleViolation);
  });

  it('SPOT-6.2 / SPOT-6.3: revoked for an enumerated ground with no refund; another ground is refused', () => {
    expect(acts.revocationReasons).toEqual(['unpaid', 'conduct', 'not-employed', 'participant-expelled']);
    const revoke = (reason: string) =>
      acts.revoke({ licenceId: 'L1', at: '2026-08-01T10:00:00+02:00', reason, outstandingCents: 3_000 });
    expect(revoke('unpaid')).toMatchObject({ ruleIds: ['SPOT-6.2', 'SPOT-6.3'], refundCents: 0 });
    expect(() => revoke('bored')).toThrow(expect.objectContaining({ error: 'REVOCATION_REASON_INVALID' }));
  });

  it('SPOT-6.1: given licences expiring 2027-02-01 and 2027-05-15, when P ends LMS use, then it ends 2027-05-15; a licence kept renewing renews', () => {
    const licences = [
      { licenceId: 'L1', expiresOn: '2027-02-01', keepRenewing: false },
      { licenceId: 'L2', expiresOn: '2027-05-15', keepRenewing: false },
    ];
    const end = (keepL1: boolean) =>
      acts.endUse({
        participantId: 'P',
        requestedAt: '2026-09-01T10:00:00+02:00',
        licences: licences.map((l) => (l.licenceId === 'L1' ? { ...l, keepRenewing: keepL1 } : l)),
      });
    expect(end(false)).toMatchObject({
      effectiveEnd: '2027-05-15',
      notRenewedLicenceIds: ['L1', 'L2'],
      renewingLicenceIds: [],
    });
    expect(end(true)).toMatchObject({ notRenewedLicenceIds: ['L2'], renewingLicenceIds: ['L1'] });
  });

  it('SPOT-6.4: when P leaves on 2026-09-01, then its licences run to expiry (the last 2027-05-15) without renewal', () => {
    expect(
      acts.endMembership({
        participantId: 'P',
        endedAt: '2026-09-01T10:00:00+02:00',
        licences: [
          { licenceId: 'L1', expiresOn: '2027-02-01' },
          { licenceId: 'L2', expiresOn: '2027-05-15' },
        ],
      }),
    ).toMatchObject({ endedOn: '2026-09-01', notRenewedLicenceIds: ['L1', 'L2'], lastLicenceExpiresOn: '2027-05-15' });
  });

  it('SPOT-6.4 / SPOT-6.1 / SPOT-4.2 / SPOT-4.1: the refusals the aggregate raises name their rules', () => {
    expect(acts.refusals.membershipEnded('P', '2026-09-01', true)).toEqual({
      error: 'PARTICIPANT_LEFT_SPOT',
      ruleId: 'SPOT-6.4',
      message: 'Participant P left SPOT on 2026-09-01: no new licences',
    });
    expect(acts.refusals.useEnding('P', '2027-05-15', false)).toMatchObject({
      error: 'LMS_USE_ENDING',
      ruleId: 'SPOT-6.1',
    });
    expect(acts.refusals.registrationOutOfOrder('2026-01-20', '2026-02-01')).toMatchObject({
      error: 'REGISTRATION_OUT_OF_ORDER',
      ruleId: 'SPOT-4.2',
    });
    expect(acts.refusals.renewalAlreadyDue('L1', '2027-03-31')).toMatchObject({
      error: 'RENEWAL_ALREADY_DUE',
      ruleId: 'SPOT-4.1',
    });
    expect(acts.notToRenew).toEqual({ ruleIds: ['SPOT-4.1'], interpretationIds: ['SPOT-I1'] });
  });

  it('SPOT-3.4: licence invoices are payable in 30 days (no term in the seed: the statutory term between businesses)', () => {
    expect(acts.invoicePaymentTermDays).toBe(30);
  });

  it('FIN-I1 / FIN-I12 / FIN-I9: SPOT has no late-payment or complaint rule of its own; its invoices are numbered SPOT-<year>-<sequence>', () => {
    const finance = financeActsOf(version);
    expect(finance.invoiceNumbering.prefix).toBe('SPOT');
    expect(finance.reminders.ruleId).toBe('BW-6:96-6');
    expect(finance.complaints.requiredFact).toBeNull();
  });
});

describe('SPOT upcasters for participant events recorded before licences were a rulebook act', () => {
  it('SPOT-I2: given a v1 ParticipantRegistered with invoice date 2026-01-10, then v2 names spot-lms and the first evaluation 2026-01-10', () => {
    const v1 = { participantId: 'P', name: 'n', invoiceDate: '2026-01-10', registeredAt: '2026-01-05T09:00:00+01:00' };
    expect(spotParticipantRegisteredV1ToV2.upcast(v1)).toEqual({
      ...v1,
      rulebookId: 'spot-lms',
      nextInvoiceDate: '2026-01-10',
    });
    expect(spotParticipantRegisteredV1ToV2.upcast({ ...v1, invoiceDate: null })).toMatchObject({
      rulebookId: 'spot-lms',
      nextInvoiceDate: null,
    });
  });

  it('SPOT-I2: data already in the v2 shape passes unchanged (idempotent)', () => {
    const v2 = {
      participantId: 'P',
      rulebookId: 'other-book',
      name: 'n',
      invoiceDate: '2026-01-10',
      nextInvoiceDate: '2026-01-10',
      registeredAt: '2026-01-05T09:00:00+01:00',
    };
    expect(spotParticipantRegisteredV1ToV2.upcast(v2)).toEqual(v2);
    const anchored = { participantId: 'P', invoiceDate: '2026-03-15', nextInvoiceDate: '2027-03-15' };
    expect(spotInvoiceDateAnchoredV1ToV2.upcast(anchored)).toBe(anchored);
  });

  it('SPOT-I2: given a v1 InvoiceDateAnchored on 2026-03-15, then v2 evaluates next on 2027-03-15', () => {
    expect(
      spotInvoiceDateAnchoredV1ToV2.upcast({ participantId: 'P', invoiceDate: '2026-03-15', licenceId: 'L1' }),
    ).toMatchObject({ nextInvoiceDate: '2027-03-15' });
  });
});
