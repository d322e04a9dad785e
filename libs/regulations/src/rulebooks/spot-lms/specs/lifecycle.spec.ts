import {
  spotCoordinatorAppointment,
  spotExpiryReminder,
  spotLicenceRenewal,
  spotLicenceTransfer,
  spotLmsVersions,
  spotMembershipEnd,
  spotParticipantTermination,
  spotRevocation,
  type SpotBook,
  type SpotRenewalInput,
  type SpotRevocationReason,
} from '..';
import { violation } from '../../../rule-violation.test-support';

const spot = spotLmsVersions[0] as unknown as SpotBook;

describe('SPOT-4.1 renewal (INTERP SPOT-I1)', () => {
  const renewal: SpotRenewalInput = {
    participantId: 'P',
    licenceId: 'L1',
    termStartsOn: '2026-03-31',
    notToRenew: false,
    invoiceDate: '2026-01-10',
    activeLicencesAtBillingYearStart: 40,
    lastSurchargeOn: null,
  };

  it('SPOT-I1: a licence started 2026-03-31 renews on 2027-03-31 for 12 months, invoiced then at the rate in force (30.00)', () => {
    const d = spotLicenceRenewal(spot, renewal);
    expect(d.allowed).toBe(true);
    expect(d.feeCents).toBe(3_000);
    expect(d.deadlines).toEqual({
      renewalOn: '2027-03-31',
      licenceExpiresOn: '2028-03-31',
      nextRenewalOn: '2028-03-31',
      expiryReminderOn: '2028-03-01',
    });
    expect(d.inputs).toMatchObject({ billingYearStart: '2027-01-10', tier: 'low' });
  });

  it('SPOT-I1 / SPOT-4.1: a renewal in a billing year whose invoice date found 100 active licences costs 45.00', () => {
    expect(spotLicenceRenewal(spot, { ...renewal, activeLicencesAtBillingYearStart: 100 }).feeCents).toBe(4_500);
  });

  it('SPOT-I1: a renewal after an early crossing surcharge in the same billing year is at the high rate', () => {
    expect(spotLicenceRenewal(spot, { ...renewal, lastSurchargeOn: '2027-02-01' }).feeCents).toBe(4_500);
  });

  it('SPOT-I1: a licence marked not-to-renew expires without a renewal invoice', () => {
    const d = spotLicenceRenewal(spot, { ...renewal, notToRenew: true });
    expect(d.allowed).toBe(false);
    expect(d.feeCents).toBe(0);
    expect(d.deadlines).toEqual({ expiresOn: '2027-03-31' });
  });

  it('SPOT-I1: a term started 29 Feb 2024 renews on 28 Feb 2025', () => {
    expect(
      spotLicenceRenewal(spot, { ...renewal, termStartsOn: '2024-02-29', invoiceDate: '2024-01-10' }).deadlines,
    ).toMatchObject({
      renewalOn: '2025-02-28',
      licenceExpiresOn: '2026-02-28',
    });
  });
});

describe('SPOT-6.1 expiry reminder and ending LMS use', () => {
  it('SPOT-6.1: the reminder is due 30 days before expiry (expiry 2027-03-31 -> 2027-03-01)', () => {
    const d = spotExpiryReminder(spot, { licenceId: 'L1', expiresOn: '2027-03-31' });
    expect(d.deadlines).toEqual({ reminderOn: '2027-03-01', expiresOn: '2027-03-31' });
  });

  it('SPOT-6.1: the participant ends LMS use at the expiry of its longest-running licence; earlier licences are not renewed unless kept', () => {
    const d = spotParticipantTermination(spot, {
      participantId: 'P',
      requestedAt: '2026-09-01T12:00:00+02:00',
      licences: [
        { licenceId: 'A', expiresOn: '2026-11-01' },
        { licenceId: 'B', expiresOn: '2027-06-15' },
        { licenceId: 'C', expiresOn: '2027-02-01', keepRenewing: true },
        { licenceId: 'Old', expiresOn: '2026-08-01' },
      ],
    });
    expect(d.deadlines).toEqual({ effectiveEnd: '2027-06-15' });
    expect(d.inputs).toMatchObject({
      requestedOn: '2026-09-01',
      runningLicences: 3,
      longestRunningLicenceIds: ['B'],
      renewingLicenceIds: ['C'],
      notRenewedLicenceIds: ['A', 'B'],
    });
    expect(d.feeCents).toBe(0);
    expect(d.refundCents).toBe(0);
  });

  it('SPOT-6.1: with no running licence the end is immediate', () => {
    const d = spotParticipantTermination(spot, {
      participantId: 'P',
      requestedAt: '2026-09-01',
      licences: [{ licenceId: 'Old', expiresOn: '2026-09-01' }],
    });
    expect(d.deadlines).toEqual({ effectiveEnd: '2026-09-01' });
    expect(d.inputs.runningLicences).toBe(0);
  });
});

describe('SPOT-6.4 leaving SPOT', () => {
  it('SPOT-6.4: licences stay valid until their expiry and are not renewed', () => {
    const d = spotMembershipEnd(spot, {
      participantId: 'P',
      endedAt: '2026-12-31',
      licences: [
        { licenceId: 'A', expiresOn: '2027-03-01' },
        { licenceId: 'B', expiresOn: '2027-08-15' },
      ],
    });
    expect(d.deadlines).toEqual({ membershipEndedOn: '2026-12-31', lastLicenceExpiresOn: '2027-08-15' });
    expect(d.inputs).toMatchObject({ validUntilExpiryLicenceIds: ['A', 'B'], notRenewedLicenceIds: ['A', 'B'] });
    expect(d.refundCents).toBe(0);
  });
});

describe('SPOT-6.2 / SPOT-6.3 revocation', () => {
  const reasons: SpotRevocationReason[] = ['unpaid', 'conduct', 'not-employed', 'participant-expelled'];

  it.each(reasons.map((r) => [r]))('SPOT-6.2: access revoked at once for reason %s; SPOT-6.3 no refund', (reason) => {
    const d = spotRevocation(spot, { licenceId: 'L1', at: '2026-05-04T15:00:00+02:00', reason, outstandingCents: 0 });
    expect(d.ruleIds).toEqual(['SPOT-6.2', 'SPOT-6.3']);
    expect(d.refundCents).toBe(0);
    expect(d.deadlines).toEqual({ revokedOn: '2026-05-04' });
  });

  it('SPOT-6.3: unpaid licence fees stay due after revocation (30.00 outstanding stays 30.00)', () => {
    const d = spotRevocation(spot, { licenceId: 'L1', at: '2026-05-04', reason: 'unpaid', outstandingCents: 3_000 });
    expect(d.inputs).toMatchObject({ outstandingCents: 3_000, outstandingCentsAfter: 3_000 });
    expect(d.refundCents).toBe(0);
  });

  it('SPOT-6.2: a reason outside the enumeration is refused', () => {
    const v = violation(() =>
      spotRevocation(spot, {
        licenceId: 'L1',
        at: '2026-05-04',
        reason: 'budget' as SpotRevocationReason,
        outstandingCents: 0,
      }),
    );
    expect(v.error).toBe('REVOCATION_REASON_INVALID');
    expect(v.ruleId).toBe('SPOT-6.2');
  });
});

describe('SPOT-1.4 coordinators and SPOT-3.5 transfer', () => {
  it('SPOT-1.4: a second coordinator for a location is appointed', () => {
    const d = spotCoordinatorAppointment(spot, {
      participantId: 'P',
      location: 'Utrecht',
      personId: 'c2',
      currentCoordinatorIds: ['c1'],
    });
    expect(d.allowed).toBe(true);
    expect(d.inputs.coordinatorsAfter).toBe(2);
  });

  it('SPOT-1.4: a third coordinator for the same location is refused', () => {
    const v = violation(() =>
      spotCoordinatorAppointment(spot, {
        participantId: 'P',
        location: 'Utrecht',
        personId: 'c3',
        currentCoordinatorIds: ['c1', 'c2'],
      }),
    );
    expect(v.error).toBe('TOO_MANY_COORDINATORS');
    expect(v.ruleId).toBe('SPOT-1.4');
  });

  it('SPOT-1.4: re-appointing an existing coordinator changes nothing', () => {
    const d = spotCoordinatorAppointment(spot, {
      participantId: 'P',
      location: 'Utrecht',
      personId: 'c2',
      currentCoordinatorIds: ['c1', 'c2'],
    });
    expect(d.inputs).toMatchObject({ alreadyAppointed: true, coordinatorsAfter: 2 });
  });

  it('SPOT-3.5: a licence transfer is refused', () => {
    const v = violation(() => spotLicenceTransfer(spot, { licenceId: 'L1', fromLearnerId: 'a', toLearnerId: 'b' }));
    expect(v.error).toBe('LICENCE_NOT_TRANSFERABLE');
    expect(v.ruleId).toBe('SPOT-3.5');
  });
});
