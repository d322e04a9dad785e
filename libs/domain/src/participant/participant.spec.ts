import {
  createRulebookRegistry,
  createSpotLmsVersion,
  SPOT_DATA_2020,
  spotLmsVersions,
  UnknownRulebookError,
} from '@ledger/regulations';
import { invoiceOutstandingCents, type InvoiceIssued } from '../billing';
import { deciderSpec } from '../shared/decider-spec';
import { participantDecider } from './decide';
import type { ParticipantEvent } from './events';
import {
  context,
  fold,
  ofType,
  PARTICIPANT,
  record,
  registerLicence,
  registerParticipant,
  registrations,
} from './participant.test-support';
import { licenceStateAsOf } from './tier';

const spec = deciderSpec(participantDecider);
const spot = spotLmsVersions[0]!;

/** Participant P of the public example (invoice date 2026-01-10) with 99 licences from 2026-02-01. */
const with99 = record([registerParticipant(), ...registrations(99, '2026-02-01')]);
const registered = record([registerParticipant()]);

function viewOf(events: ParticipantEvent[], asOf: string) {
  const state = fold(events);
  if (state.status !== 'registered') throw new Error('no participant');
  return licenceStateAsOf(spot, PARTICIPANT, state, Object.values(state.licences), asOf);
}

const invoices = (events: ParticipantEvent[]): InvoiceIssued[] => ofType(events, 'InvoiceIssued');

describe('SPOT-1.2 learners employed by the participant', () => {
  it('SPOT-1.2: given a participant, when a learner employed elsewhere is registered, then 422 naming SPOT-1.2', () => {
    spec
      .given(registered)
      .when(registerLicence(1, '2026-02-01T10:00:00+01:00', 'other-org'))
      .thenThrows({ error: 'LEARNER_NOT_EMPLOYED_BY_PARTICIPANT', ruleId: 'SPOT-1.2' });
  });

  it('SPOT-1.2: given a participant, when a learner with no employer is registered, then 422 naming SPOT-1.2', () => {
    spec
      .given(registered)
      .when(registerLicence(1, '2026-02-01T10:00:00+01:00', null))
      .thenThrows({ ruleId: 'SPOT-1.2' });
  });

  it('SPOT-1.2: given a participant, when an unknown learner is registered, then 404 LEARNER_NOT_FOUND', () => {
    spec
      .given(registered)
      .when({ ...registerLicence(1, '2026-02-01T10:00:00+01:00'), learner: null })
      .thenThrows({ error: 'LEARNER_NOT_FOUND', status: 404 });
  });

  it('SPOT-1.2: given a learner already licensed, when registered again, then 409 LEARNER_ALREADY_LICENSED', () => {
    const given = record([registerLicence(1, '2026-02-01T10:00:00+01:00')], registered);
    spec
      .given(given)
      .when({ ...registerLicence(2, '2026-02-02T10:00:00+01:00'), learnerId: 'learner-1' })
      .thenThrows({ error: 'LEARNER_ALREADY_LICENSED', status: 409 });
  });
});

describe('SPOT-1.4 at most two coordinators per organisation/location', () => {
  const appoint = (personId: string, location = 'Utrecht') => ({
    type: 'AppointCoordinator' as const,
    participantId: PARTICIPANT,
    personId,
    location,
    appointedAt: '2026-02-01T10:00:00+01:00',
  });
  const two = record([appoint('c1'), appoint('c2')], registered);

  it('SPOT-1.4: given one coordinator for Utrecht, when a second is appointed, then CoordinatorAppointed citing SPOT-1.4', () => {
    spec
      .given(record([appoint('c1')], registered))
      .when(appoint('c2'))
      .then((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: 'CoordinatorAppointed',
          data: {
            personId: 'c2',
            locationKey: 'utrecht',
            decision: { ruleIds: ['SPOT-1.4'], inputs: { coordinatorsAfter: 2 } },
          },
        });
      });
  });

  it('SPOT-1.4: given two coordinators for Utrecht, when a third is appointed (written " utrecht "), then 422 TOO_MANY_COORDINATORS', () => {
    spec.given(two).when(appoint('c3', ' utrecht ')).thenThrows({ error: 'TOO_MANY_COORDINATORS', ruleId: 'SPOT-1.4' });
  });

  it('SPOT-1.4: given two coordinators for Utrecht, when one is appointed for Amsterdam, then it is appointed', () => {
    spec
      .given(two)
      .when(appoint('c3', 'Amsterdam'))
      .then((events) => expect(events.map((e) => e.type)).toEqual(['CoordinatorAppointed']));
  });

  it('SPOT-1.4: given c1 appointed, when c1 is appointed again, then nothing changes', () => {
    spec.given(two).when(appoint('c1')).then([]);
  });
});

describe('SPOT-3.1 / SPOT-3.2 / SPOT-3.4 / SPOT-4.1 registration: the licence and its own invoice', () => {
  it('SPOT-3.4 / SPOT-4.1 / SPOT-3.1: given 10 licences, when one more is registered, then LicenceRegistered and a separate invoice of one annual fee at 30.00', () => {
    const given = record(registrations(10, '2026-02-01'), registered);
    spec
      .given(given)
      .when(registerLicence(11, '2026-03-01T10:00:00+01:00'))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['LicenceRegistered', 'InvoiceIssued']);
        const [licence, invoice] = events as [Extract<ParticipantEvent, { type: 'LicenceRegistered' }>, InvoiceIssued];
        expect(licence.data).toMatchObject({
          licenceId: 'L11',
          startsOn: '2026-03-01',
          expiresOn: '2027-03-01',
          feeCents: 3_000,
          invoiceId: invoice.data.invoiceId,
        });
        expect(licence.data.decision).toMatchObject({
          kind: 'licence-registration',
          feeCents: 3_000,
          rulebook: { id: 'spot-lms', version: '2020-01-01' },
        });
        expect(licence.data.decision.ruleIds).toEqual(
          expect.arrayContaining(['SPOT-1.2', 'SPOT-3.1', 'SPOT-3.2', 'SPOT-3.3', 'SPOT-3.4', 'SPOT-4.1']),
        );
        expect(invoice.data).toMatchObject({
          invoiceId: 'participant-P-INV-11',
          reason: 'licence-fee',
          customerId: 'P',
          issuedOn: '2026-03-01',
          dueDate: '2026-03-31',
        });
      });
  });

  it('SPOT-3.2: the licence invoice carries no VAT unless the rulebook says so (net 30.00 = gross 30.00)', () => {
    const events = record([registerLicence(1, '2026-02-01T10:00:00+01:00')], registered);
    expect(invoices(events)[0]!.data).toMatchObject({ netCents: 3_000, vatCents: 0, totalCents: 3_000 });
  });

  it('SPOT-3.2: a rulebook version that is VAT-liable (21 %) adds VAT to the licence invoice', () => {
    const rulebooks = createRulebookRegistry();
    rulebooks.register(
      createSpotLmsVersion({
        version: '2026-04-01',
        effectiveFrom: '2026-04-01',
        data: SPOT_DATA_2020,
        vatRateBasisPoints: 2_100,
      }),
    );
    const events = record([registerLicence(1, '2026-04-02T10:00:00+02:00')], registered, {
      rulebooks,
      recordedAt: '2026-04-02T08:00:00Z',
    });
    expect(invoices(events)[0]!.data).toMatchObject({ netCents: 3_000, vatCents: 630, totalCents: 3_630 });
  });
});

describe('SPOT-3.3 prices set each year: the version in force on the invoice date', () => {
  it('SPOT-3.3: given a 2027 price list (32.00), when registering on 2026-12-31 and 2027-01-01, then 30.00 under 2020-01-01 and 32.00 under 2027-01-01', () => {
    const rulebooks = createRulebookRegistry();
    rulebooks.register(
      createSpotLmsVersion({
        version: '2027-01-01',
        effectiveFrom: '2027-01-01',
        data: { ...SPOT_DATA_2020, priceLevel: '2027', prices: { lowRateCents: 3_200, highRateCents: 4_800 } },
      }),
    );
    const ctx = { rulebooks, recordedAt: '2027-01-01T00:00:00Z' };
    const events = record(
      [registerLicence(1, '2026-12-31T10:00:00+01:00'), registerLicence(2, '2027-01-01T10:00:00+01:00')],
      registered,
      ctx,
    );
    const [first, second] = ofType(events, 'LicenceRegistered');
    expect([first!.data.feeCents, first!.data.decision.rulebook.version]).toEqual([3_000, '2020-01-01']);
    expect([second!.data.feeCents, second!.data.decision.rulebook.version]).toEqual([3_200, '2027-01-01']);
  });
});

describe('SPOT-3.5 licences are personal', () => {
  it('SPOT-3.5: given a licence, when a transfer to another learner is requested, then 422 LICENCE_NOT_TRANSFERABLE', () => {
    const given = record([registerLicence(1, '2026-02-01T10:00:00+01:00')], registered);
    spec
      .given(given)
      .when({
        type: 'TransferLicence',
        participantId: PARTICIPANT,
        licenceId: 'L1',
        toLearnerId: 'learner-9',
        requestedAt: '2026-03-01T10:00:00+01:00',
      })
      .thenThrows({ error: 'LICENCE_NOT_TRANSFERABLE', ruleId: 'SPOT-3.5' });
  });

  it('SPOT-3.5: a transfer of an unknown licence is 404 LICENCE_NOT_FOUND', () => {
    spec
      .given(registered)
      .when({
        type: 'TransferLicence',
        participantId: PARTICIPANT,
        licenceId: 'nope',
        toLearnerId: 'learner-9',
        requestedAt: '2026-03-01T10:00:00+01:00',
      })
      .thenThrows({ error: 'LICENCE_NOT_FOUND', status: 404 });
  });
});

describe('SPOT-4.2 tier crossing with INTERP SPOT-I2 (docs/regulations.md §1 example)', () => {
  it('SPOT-4.2 / SPOT-I2: given 99 active licences and invoice date 2026-01-10, when the 100th is registered on 2026-06-01, then it is invoiced at 30.00 and a surcharge of (45-30) x 100 = 1,500.00 is charged on its own invoice', () => {
    spec
      .given(with99)
      .when(registerLicence(100, '2026-06-01T10:00:00+02:00'))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'LicenceRegistered',
          'InvoiceIssued',
          'TierThresholdCrossed',
          'InvoiceIssued',
        ]);
        const [licence, feeInvoice, crossed, surchargeInvoice] = events as [any, InvoiceIssued, any, InvoiceIssued];
        expect(licence.data.feeCents).toBe(3_000);
        expect(feeInvoice.data).toMatchObject({ totalCents: 3_000, reason: 'licence-fee' });
        expect(crossed.data).toMatchObject({
          crossedOn: '2026-06-01',
          activeLicences: 100,
          surchargeCents: 150_000,
          highRateFrom: '2026-06-01',
          surchargeInvoiceId: surchargeInvoice.data.invoiceId,
        });
        expect(crossed.data.decision).toMatchObject({
          kind: 'tier-crossing',
          ruleIds: ['SPOT-4.2'],
          interpretationIds: ['SPOT-I2'],
          surchargeCents: 150_000,
        });
        expect(surchargeInvoice.data).toMatchObject({
          reason: 'tier-surcharge',
          issuedOn: '2026-06-01',
          totalCents: 150_000,
        });
        expect(surchargeInvoice.data.invoiceId).not.toBe(feeInvoice.data.invoiceId);
      });
  });

  it('SPOT-4.2: given the surcharged crossing, when registration 101 is made on 2026-07-01, then it costs 45.00', () => {
    const given = record([registerLicence(100, '2026-06-01T10:00:00+02:00')], with99);
    spec
      .given(given)
      .when(registerLicence(101, '2026-07-01T10:00:00+02:00'))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['LicenceRegistered', 'InvoiceIssued']);
        expect(invoices(events)[0]!.data.totalCents).toBe(4_500);
      });
  });

  it('SPOT-4.2 / SPOT-I2: given 99 licences, when the 100th is registered 2026-10-11 (less than 3 months before 2027-01-10), then no surcharge and the high rate only from 2027-01-10', () => {
    spec
      .given(with99)
      .when(registerLicence(100, '2026-10-11T10:00:00+02:00'))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['LicenceRegistered', 'InvoiceIssued', 'TierThresholdCrossed']);
        expect(events[2]!.data).toMatchObject({
          surchargeCents: 0,
          surchargeInvoiceId: null,
          highRateFrom: '2027-01-10',
        });
      });
    const late = record(
      [registerLicence(100, '2026-10-11T10:00:00+02:00'), registerLicence(101, '2026-12-01T10:00:00+01:00')],
      with99,
    );
    expect(invoices(late).slice(-1)[0]!.data.totalCents).toBe(3_000);
    expect(viewOf(late, '2027-01-09')).toMatchObject({ tier: 'low', rateCents: 3_000, activeCount: 101 });
    expect(viewOf(late, '2027-01-10')).toMatchObject({ tier: 'high', rateCents: 4_500 });
  });

  it('SPOT-4.2: the re-evaluation at the invoice date (scheduled) records the high tier, and registrations after it cost 45.00', () => {
    const late = record([registerLicence(100, '2026-10-11T10:00:00+02:00')], with99);
    spec
      .given(late)
      .when({ type: 'EvaluateTier', participantId: PARTICIPANT, evaluatedOn: '2027-01-10' })
      .then((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: 'TierEvaluated',
          data: {
            evaluatedOn: '2027-01-10',
            activeLicences: 100,
            tier: 'high',
            rateCents: 4_500,
            nextInvoiceDate: '2028-01-10',
          },
        });
      });
    const after = record(
      [
        { type: 'EvaluateTier', participantId: PARTICIPANT, evaluatedOn: '2027-01-10' },
        registerLicence(101, '2027-01-15T10:00:00+01:00'),
      ],
      late,
    );
    expect(invoices(after).slice(-1)[0]!.data.totalCents).toBe(4_500);
  });

  it('SPOT-4.2: given an evaluation already recorded, when the same invoice date fires again, then nothing changes', () => {
    const evaluated = record([{ type: 'EvaluateTier', participantId: PARTICIPANT, evaluatedOn: '2027-01-10' }], with99);
    spec
      .given(evaluated)
      .when({ type: 'EvaluateTier', participantId: PARTICIPANT, evaluatedOn: '2027-01-10' })
      .then([]);
  });

  it('SPOT-4.2: dropping below 100 by the invoice date returns the low rate', () => {
    const crossed = record([registerLicence(100, '2026-06-01T10:00:00+02:00')], with99);
    const dropped = record(
      [
        {
          type: 'RevokeLicence',
          participantId: PARTICIPANT,
          licenceId: 'L1',
          at: '2026-12-01T10:00:00+01:00',
          reason: 'not-employed',
        },
      ],
      crossed,
    );
    const evaluated = record(
      [{ type: 'EvaluateTier', participantId: PARTICIPANT, evaluatedOn: '2027-01-10' }],
      dropped,
    );
    expect(ofType(evaluated, 'TierEvaluated')[0]!.data).toMatchObject({
      activeLicences: 99,
      tier: 'low',
      rateCents: 3_000,
    });
    expect(viewOf(dropped, '2026-12-15')).toMatchObject({ tier: 'high', rateCents: 4_500 });
    expect(viewOf(evaluated, '2027-01-10')).toMatchObject({ tier: 'low', rateCents: 3_000 });
  });

  it('SPOT-I2: at most one surcharge per billing year: dropping to 99 and reaching 100 again records no second crossing', () => {
    const crossed = record([registerLicence(100, '2026-06-01T10:00:00+02:00')], with99);
    const again = record(
      [
        {
          type: 'RevokeLicence',
          participantId: PARTICIPANT,
          licenceId: 'L1',
          at: '2026-07-01T10:00:00+02:00',
          reason: 'conduct',
        },
        registerLicence(101, '2026-07-02T10:00:00+02:00'),
      ],
      crossed,
    );
    expect(ofType(again, 'TierThresholdCrossed')).toHaveLength(1);
    expect(invoices(again).filter((i) => i.data.reason === 'tier-surcharge')).toHaveLength(1);
  });

  it('SPOT-I2: given no agreed invoice date, when the first licence is registered, then its date anchors the invoice date', () => {
    const noDate = record([registerParticipant(null)]);
    spec
      .given(noDate)
      .when(registerLicence(1, '2026-03-15T10:00:00+01:00'))
      .then((events) => {
        expect(events[0]).toEqual({
          type: 'InvoiceDateAnchored',
          data: {
            participantId: PARTICIPANT,
            invoiceDate: '2026-03-15',
            nextInvoiceDate: '2027-03-15',
            licenceId: 'L1',
            ruleIds: ['SPOT-4.2'],
            interpretationIds: ['SPOT-I2'],
          },
        });
        expect(events[1]!.data).toMatchObject({
          decision: { inputs: { invoiceAnchor: '2026-03-15', nextInvoiceDate: '2027-03-15' } },
        });
      });
  });

  it('SPOT-4.2 / SPOT-I2: a registration dated before the latest one is refused (the crossing depends on their order)', () => {
    spec
      .given(with99)
      .when(registerLicence(100, '2026-01-20T10:00:00+01:00'))
      .thenThrows({ error: 'REGISTRATION_OUT_OF_ORDER', ruleId: 'SPOT-4.2', status: 422 });
  });
});

describe('SPOT-4.1 / SPOT-I1 renewal on each anniversary', () => {
  const one = record([registerLicence(1, '2026-03-31T10:00:00+02:00')], registered);
  const renew = { type: 'RenewLicence' as const, participantId: PARTICIPANT, licenceId: 'L1', renewalOn: '2027-03-31' };

  it('SPOT-I1 / SPOT-4.1: given a licence started 2026-03-31, when its renewal date comes, then it renews until 2028-03-31, invoiced then at 30.00', () => {
    spec
      .given(one)
      .when(renew)
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['LicenceRenewed', 'InvoiceIssued']);
        expect(events[0]!.data).toMatchObject({
          renewalOn: '2027-03-31',
          expiresOn: '2028-03-31',
          feeCents: 3_000,
          decision: { kind: 'licence-renewal', allowed: true },
        });
        expect(events[1]!.data).toMatchObject({ reason: 'licence-renewal', issuedOn: '2027-03-31', totalCents: 3_000 });
      });
  });

  it('SPOT-I1: a renewal fired twice changes nothing the second time', () => {
    spec
      .given(record([renew], one))
      .when(renew)
      .then([]);
  });

  it('SPOT-I1 / SPOT-4.1: a renewal in a billing year that opened with 100 active licences is at the high rate (45.00)', () => {
    const high = record(
      [
        registerLicence(100, '2026-10-11T10:00:00+02:00'),
        { type: 'EvaluateTier', participantId: PARTICIPANT, evaluatedOn: '2027-01-10' },
      ],
      with99,
    );
    const renewed = record(
      [{ type: 'RenewLicence', participantId: PARTICIPANT, licenceId: 'L1', renewalOn: '2027-02-01' }],
      high,
    );
    expect(ofType(renewed, 'LicenceRenewed')[0]!.data.feeCents).toBe(4_500);
  });

  it('SPOT-I1: given a licence marked not-to-renew, when its renewal date comes, then it expires without an invoice', () => {
    const marked = record(
      [
        {
          type: 'MarkLicenceNotToRenew',
          participantId: PARTICIPANT,
          licenceId: 'L1',
          requestedAt: '2026-09-01T10:00:00+02:00',
        },
      ],
      one,
    );
    spec
      .given(marked)
      .when(renew)
      .then((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: 'LicenceExpired',
          data: { expiredOn: '2027-03-31', decision: { allowed: false, feeCents: 0 } },
        });
      });
    expect(viewOf(record([renew], marked), '2027-03-31')).toMatchObject({
      activeCount: 0,
      licences: [{ licenceId: 'L1', status: 'expired', expiresOn: '2027-03-31' }],
    });
  });
});

describe('SPOT-6.1 expiry reminder and ending LMS use', () => {
  const two = record(
    [registerLicence(1, '2026-02-01T10:00:00+01:00'), registerLicence(2, '2026-05-15T10:00:00+02:00')],
    registered,
  );

  it('SPOT-6.1: when the reminder deadline fires, then LicenceExpiryReminderDue 30 days before expiry; firing again changes nothing', () => {
    const remind = {
      type: 'RemindLicenceExpiry' as const,
      participantId: PARTICIPANT,
      licenceId: 'L1',
      expiresOn: '2027-02-01',
    };
    spec
      .given(two)
      .when(remind)
      .then((events) => {
        expect(events[0]).toMatchObject({
          type: 'LicenceExpiryReminderDue',
          data: { reminderOn: '2027-01-02', renews: true, decision: { ruleIds: ['SPOT-6.1'] } },
        });
      });
    spec
      .given(record([remind], two))
      .when(remind)
      .then([]);
  });

  it('SPOT-6.1: given licences expiring 2027-02-01 and 2027-05-15, when the participant ends LMS use, then it ends 2027-05-15 and neither renews', () => {
    const terminate = {
      type: 'TerminateLmsUse' as const,
      participantId: PARTICIPANT,
      requestedAt: '2026-09-01T10:00:00+02:00',
      keepRenewingLicenceIds: [],
    };
    spec
      .given(two)
      .when(terminate)
      .then((events) => {
        expect(events[0]).toMatchObject({
          type: 'LmsUseTerminated',
          data: {
            effectiveEnd: '2027-05-15',
            notRenewedLicenceIds: ['L1', 'L2'],
            decision: { feeCents: 0, refundCents: 0 },
          },
        });
      });
    const ended = record(
      [terminate, { type: 'RenewLicence', participantId: PARTICIPANT, licenceId: 'L1', renewalOn: '2027-02-01' }],
      two,
    );
    expect(ofType(ended, 'LicenceExpired').map((e) => e.data.licenceId)).toEqual(['L1']);
    spec
      .given(ended)
      .when(registerLicence(3, '2026-10-01T10:00:00+02:00'))
      .thenThrows({ error: 'LMS_USE_ENDING', ruleId: 'SPOT-6.1' });
  });

  it('SPOT-6.1: a licence the participant keeps renewing renews despite the termination', () => {
    const kept = record(
      [
        {
          type: 'TerminateLmsUse',
          participantId: PARTICIPANT,
          requestedAt: '2026-09-01T10:00:00+02:00',
          keepRenewingLicenceIds: ['L1'],
        },
        { type: 'RenewLicence', participantId: PARTICIPANT, licenceId: 'L1', renewalOn: '2027-02-01' },
      ],
      two,
    );
    expect(ofType(kept, 'LmsUseTerminated')[0]!.data.renewingLicenceIds).toEqual(['L1']);
    expect(ofType(kept, 'LicenceRenewed')).toHaveLength(1);
  });
});

describe('SPOT-6.2 / SPOT-6.3 revocation', () => {
  const one = record([registerLicence(1, '2026-02-01T10:00:00+01:00')], registered);

  it.each([['unpaid'], ['conduct'], ['not-employed'], ['participant-expelled']] as const)(
    'SPOT-6.2 / SPOT-6.3: given an unpaid licence, when revoked for %s, then LicenceRevoked with no refund and the 30.00 still due',
    (reason) => {
      spec
        .given(one)
        .when({
          type: 'RevokeLicence',
          participantId: PARTICIPANT,
          licenceId: 'L1',
          at: '2026-05-04T15:00:00+02:00',
          reason,
        })
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['LicenceRevoked']);
          expect(events[0]!.data).toMatchObject({
            revokedOn: '2026-05-04',
            reason,
            outstandingCents: 3_000,
            decision: { ruleIds: ['SPOT-6.2', 'SPOT-6.3'], refundCents: 0 },
          });
        });
    },
  );

  it('SPOT-6.3: after revocation the invoice stays outstanding and the licence no longer counts or renews', () => {
    const revoked = record(
      [
        {
          type: 'RevokeLicence',
          participantId: PARTICIPANT,
          licenceId: 'L1',
          at: '2026-05-04T15:00:00+02:00',
          reason: 'unpaid',
        },
      ],
      one,
    );
    const state = fold(revoked);
    if (state.status !== 'registered') throw new Error('participant');
    expect(invoiceOutstandingCents(state.billing.invoices['participant-P-INV-1']!)).toBe(3_000);
    expect(viewOf(revoked, '2026-05-04')).toMatchObject({
      activeCount: 0,
      licences: [{ status: 'revoked', revokedOn: '2026-05-04' }],
    });
    spec
      .given(revoked)
      .when({ type: 'RenewLicence', participantId: PARTICIPANT, licenceId: 'L1', renewalOn: '2027-02-01' })
      .then([]);
  });

  it('SPOT-6.2: revoking a revoked licence is 409 LICENCE_ALREADY_REVOKED', () => {
    const revoked = record(
      [
        {
          type: 'RevokeLicence',
          participantId: PARTICIPANT,
          licenceId: 'L1',
          at: '2026-05-04T15:00:00+02:00',
          reason: 'unpaid',
        },
      ],
      one,
    );
    spec
      .given(revoked)
      .when({
        type: 'RevokeLicence',
        participantId: PARTICIPANT,
        licenceId: 'L1',
        at: '2026-05-05T15:00:00+02:00',
        reason: 'conduct',
      })
      .thenThrows({ error: 'LICENCE_ALREADY_REVOKED', status: 409 });
  });
});

describe('SPOT-6.4 leaving SPOT', () => {
  const two = record(
    [registerLicence(1, '2026-02-01T10:00:00+01:00'), registerLicence(2, '2026-05-15T10:00:00+02:00')],
    registered,
  );
  const leave = { type: 'EndMembership' as const, participantId: PARTICIPANT, endedAt: '2026-12-31T12:00:00+01:00' };

  it('SPOT-6.4: when the participant leaves, then its licences stay valid until expiry and are not renewed', () => {
    spec
      .given(two)
      .when(leave)
      .then((events) => {
        expect(events[0]).toMatchObject({
          type: 'MembershipEnded',
          data: {
            endedOn: '2026-12-31',
            notRenewedLicenceIds: ['L1', 'L2'],
            lastLicenceExpiresOn: '2027-05-15',
            decision: { ruleIds: ['SPOT-6.4'], refundCents: 0 },
          },
        });
      });
    const left = record([leave], two);
    expect(viewOf(left, '2027-01-15')).toMatchObject({ activeCount: 2 });
    const expired = record(
      [{ type: 'RenewLicence', participantId: PARTICIPANT, licenceId: 'L1', renewalOn: '2027-02-01' }],
      left,
    );
    expect(ofType(expired, 'LicenceExpired')).toHaveLength(1);
    expect(viewOf(expired, '2027-02-01')).toMatchObject({ activeCount: 1 });
    spec
      .given(left)
      .when(registerLicence(3, '2027-01-05T10:00:00+01:00'))
      .thenThrows({ error: 'PARTICIPANT_LEFT_SPOT', ruleId: 'SPOT-6.4', status: 422 });
  });
});

describe('payments against participant invoices', () => {
  it('SPOT-3.4: a payment against the licence invoice is recorded in the participant stream', () => {
    const one = record([registerLicence(1, '2026-02-01T10:00:00+01:00')], registered);
    spec
      .given(one)
      .when({
        type: 'RecordPayment',
        participantId: PARTICIPANT,
        paymentId: 'pay-1',
        invoiceId: 'participant-P-INV-1',
        amountCents: 3_000,
        receivedAt: '2026-02-10T10:00:00+01:00',
      })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['PaymentReceived']));
  });

  it('SPOT-3.4: a participant joins under the rulebook named, recorded with the first invoice date its tier is evaluated at', () => {
    expect(registered[0]).toMatchObject({
      type: 'ParticipantRegistered',
      data: { rulebookId: 'spot-lms', invoiceDate: '2026-01-10', nextInvoiceDate: '2026-01-10' },
    });
  });

  it('SPOT-3.4: joining under a rulebook without licence acts is 422 RULEBOOK_WITHOUT_LICENCES; an unknown rulebook is refused too', () => {
    spec
      .given([])
      .when({ ...registerParticipant(), rulebookId: 'plusport' })
      .thenThrows({
        error: 'RULEBOOK_WITHOUT_LICENCES',
        status: 422,
      });
    const unknown = { ...registerParticipant(), rulebookId: 'no-such-book' };
    expect(() => participantDecider.decide(unknown, participantDecider.initialState(), context())).toThrow(
      UnknownRulebookError,
    );
  });

  it('SPOT-3.4: a registration for an unknown participant is 404 PARTICIPANT_NOT_FOUND', () => {
    spec
      .given([])
      .when(registerLicence(1, '2026-02-01T10:00:00+01:00'), context())
      .thenThrows({ error: 'PARTICIPANT_NOT_FOUND', status: 404 });
  });
});
