/**
 * SPOT LMS licences over HTTP (docs/api.md "Licences"): the worked example of docs/regulations.md §1, a late
 * crossing re-evaluated by the scheduler at the invoice date, and the refusals (422 naming the
 * rule, nothing appended).
 */
import { LedgerEventStore } from '@ledger/event-store';
import { personalDataPolicy } from '@ledger/domain';
import { registerLicensedLearners, type LicenceApiCall } from '../../apps/admin-api/src/licences/demo';
import { openSideStorage } from './audit.fixtures';
import { commandId, startHarness, type Harness } from '../support/http-harness';

let api: Harness;
let call: LicenceApiCall;

beforeAll(async () => {
  api = await startHarness();
  call = (method, path, body) => api.request(method, path, { role: 'backoffice', body });
});
afterAll(() => api.close());

async function registerParticipant(participantId: string, invoiceDate?: string) {
  const res = await api.request('POST', '/participants', {
    role: 'backoffice',
    body: {
      commandId: commandId(),
      participantId,
      name: `Member ${participantId}`,
      ...(invoiceDate ? { invoiceDate } : {}),
      registeredAt: '2026-01-05T09:00:00+01:00',
    },
  });
  expect(res.status).toBe(201);
}

async function registerLearner(learnerId: string, employerId: string) {
  const res = await api.request('POST', '/learners', {
    role: 'backoffice',
    body: { commandId: commandId(), learnerId, name: 'Sanne Jansen', email: `${learnerId}@example.nl`, employerId },
  });
  expect(res.status).toBe(201);
}

const registerLicence = (
  participantId: string,
  licenceId: string,
  learnerId: string,
  registeredAt: string,
  id = commandId(),
) =>
  api.request('POST', `/participants/${participantId}/licences`, {
    role: 'backoffice',
    body: { commandId: id, licenceId, learnerId, registeredAt },
  });

const streamEvents = async (streamId: string): Promise<string[]> => {
  const res = await api.request('GET', `/streams/${streamId}/events`, { role: 'auditor' });
  return res.status === 404 ? [] : res.body.events.map((e: { eventId: string }) => e.eventId);
};

const licenceState = (participantId: string, asOf: string) =>
  api.request('GET', `/participants/${participantId}/licences?asOf=${asOf}`, { role: 'finance' });

describe('docs/regulations.md §1 worked example over HTTP', () => {
  const P = 'spot-example';

  beforeAll(async () => {
    await registerParticipant(P, '2026-01-10');
    await registerLicensedLearners(call, { participantId: P, count: 99, registeredAt: '2026-02-02T10:00:00+01:00' });
    await registerLearner(`${P}-learner-100`, P);
    await registerLearner(`${P}-learner-101`, P);
  }, 120_000);

  let crossing: { status: number; body: any };

  it('SPOT-4.2 / SPOT-I2 / SPOT-3.4: the 100th active licence on 2026-06-01 is invoiced at 30.00, and a surcharge (45-30) x 100 = 1,500.00 is charged on 2026-06-01 on its own invoice', async () => {
    const id = commandId();
    crossing = await registerLicence(P, `${P}-lic-100`, `${P}-learner-100`, '2026-06-01T10:00:00+02:00', id);
    expect(crossing.status).toBe(201);
    expect(crossing.body.invoice).toMatchObject({
      reason: 'licence-fee',
      totalCents: 3_000,
      netCents: 3_000,
      vatCents: 0,
      issuedOn: '2026-06-01',
    });
    expect(crossing.body.decisions.map((d: { kind: string }) => d.kind)).toEqual([
      'licence-registration',
      'tier-crossing',
    ]);
    const [fee, surcharge] = crossing.body.decisions;
    expect(fee).toMatchObject({
      feeCents: 3_000,
      rulebook: { id: 'spot-lms', version: '2020-01-01' },
      interpretationIds: ['SPOT-I1', 'SPOT-I2'],
    });
    expect(surcharge).toMatchObject({
      surchargeCents: 150_000,
      ruleIds: ['SPOT-4.2'],
      interpretationIds: ['SPOT-I2'],
      deadlines: { chargedOn: '2026-06-01', nextInvoiceDate: '2027-01-10' },
    });
    expect(surcharge.decisionId).toEqual(expect.any(String));
    const surchargeInvoice = crossing.body.invoices.find((i: { reason: string }) => i.reason === 'tier-surcharge');
    expect(surchargeInvoice).toMatchObject({ totalCents: 150_000, issuedOn: '2026-06-01' });
    expect(surchargeInvoice.invoiceId).not.toBe(crossing.body.invoice.invoiceId);

    // Resending the same command returns the identical response and appends nothing.
    const before = await streamEvents(`participant-${P}`);
    const again = await registerLicence(P, `${P}-lic-100`, `${P}-learner-100`, '2026-06-01T10:00:00+02:00', id);
    expect(again.body).toEqual(crossing.body);
    expect(await streamEvents(`participant-${P}`)).toEqual(before);
  });

  it('SPOT-4.2: registration 101 on 2026-07-01 costs 45.00', async () => {
    const res = await registerLicence(P, `${P}-lic-101`, `${P}-learner-101`, '2026-07-01T10:00:00+02:00');
    expect(res.status).toBe(201);
    expect(res.body.invoice.totalCents).toBe(4_500);
    expect(res.body.decisions).toHaveLength(1);
    expect(res.body.decisions[0]).toMatchObject({
      kind: 'licence-registration',
      feeCents: 4_500,
      inputs: { tier: 'high', surchargedThisBillingYear: true },
    });
  });

  it('SPOT-3.1 / SPOT-4.2: the licence state answers as of a date: 99 at the low rate on 2026-05-31, 100 at the high rate on 2026-06-01', async () => {
    const may = await licenceState(P, '2026-05-31');
    expect(may.status).toBe(200);
    expect(may.body).toMatchObject({
      activeCount: 99,
      tier: 'low',
      rateCents: 3_000,
      invoiceDate: '2026-01-10',
      nextInvoiceDate: '2027-01-10',
    });
    const june = await licenceState(P, '2026-06-01');
    expect(june.body).toMatchObject({ activeCount: 100, tier: 'high', rateCents: 4_500 });
    expect(june.body.licences).toHaveLength(100);
    expect(june.body.licences.find((l: { licenceId: string }) => l.licenceId === `${P}-lic-100`)).toEqual(
      expect.objectContaining({
        learnerId: `${P}-learner-100`,
        startsOn: '2026-06-01',
        expiresOn: '2027-06-01',
        status: 'active',
      }),
    );
    expect((await licenceState(P, '2026-07-01')).body.activeCount).toBe(101);
  });

  it('SPOT-4.2: GET /participants/{id}/surcharges lists the one surcharge with its decision', async () => {
    const res = await api.request('GET', `/participants/${P}/surcharges`, { role: 'finance' });
    expect(res.status).toBe(200);
    expect(res.body.totalCents).toBe(150_000);
    expect(res.body.surcharges).toEqual([
      expect.objectContaining({
        chargedOn: '2026-06-01',
        activeLicences: 100,
        surchargeCents: 150_000,
        decisionId: crossing.body.decisions[1].decisionId,
        decision: expect.objectContaining({ kind: 'tier-crossing' }),
      }),
    ]);
    const decision = await api.request('GET', `/decisions/${crossing.body.decisions[1].decisionId}`, {
      role: 'auditor',
    });
    if (decision.status !== 404) expect(decision.body).toMatchObject({ kind: 'tier-crossing' }); // audit routes are another feature's
  });

  it('SPOT-1.2: a learner employed by another organisation is refused with 422 naming SPOT-1.2, and nothing is appended', async () => {
    await registerLearner('elsewhere-1', 'other-member');
    const before = await streamEvents(`participant-${P}`);
    const res = await registerLicence(P, `${P}-lic-x`, 'elsewhere-1', '2026-07-02T10:00:00+02:00');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'LEARNER_NOT_EMPLOYED_BY_PARTICIPANT', ruleId: 'SPOT-1.2' });
    expect(await streamEvents(`participant-${P}`)).toEqual(before);
  });

  it('SPOT-3.5: a licence transfer is refused with 422 naming SPOT-3.5, and nothing is appended', async () => {
    const before = await streamEvents(`participant-${P}`);
    const res = await api.request('POST', `/licences/${P}-lic-1/transfers`, {
      role: 'backoffice',
      body: { commandId: commandId(), toLearnerId: `${P}-learner-2` },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'LICENCE_NOT_TRANSFERABLE', ruleId: 'SPOT-3.5' });
    expect(await streamEvents(`participant-${P}`)).toEqual(before);
  });

  it('SPOT-3.5: a licence id held by another participant cannot be registered there (409 LICENCE_ID_TAKEN), so revocations route to one owner', async () => {
    await registerParticipant('spot-other', '2026-01-10');
    await registerLearner('spot-other-learner-1', 'spot-other');
    const res = await registerLicence('spot-other', `${P}-lic-1`, 'spot-other-learner-1', '2026-07-02T10:00:00+02:00');
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('LICENCE_ID_TAKEN');
    expect(await streamEvents('participant-spot-other')).toHaveLength(1);
  });

  it('SPOT-1.4: two coordinators for a location are appointed; a third is 422 naming SPOT-1.4 with nothing appended', async () => {
    for (const personId of ['coord-a', 'coord-b']) {
      const ok = await api.request('POST', `/participants/${P}/coordinators`, {
        role: 'backoffice',
        body: { commandId: commandId(), personId, location: 'Utrecht' },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.decisions[0]).toMatchObject({ kind: 'coordinator-appointment', ruleIds: ['SPOT-1.4'] });
    }
    const before = await streamEvents(`participant-${P}`);
    const third = await api.request('POST', `/participants/${P}/coordinators`, {
      role: 'backoffice',
      body: { commandId: commandId(), personId: 'coord-c', location: 'utrecht' },
    });
    expect(third.status).toBe(422);
    expect(third.body).toMatchObject({ error: 'TOO_MANY_COORDINATORS', ruleId: 'SPOT-1.4' });
    expect(await streamEvents(`participant-${P}`)).toEqual(before);
  });

  it('SPOT-6.2 / SPOT-6.3: a revocation routed by licence id takes effect at once, refunds nothing and leaves the unpaid 30.00 due', async () => {
    const res = await api.request('POST', `/licences/${P}-lic-5/revocations`, {
      role: 'backoffice',
      body: { commandId: commandId(), at: '2026-07-10T09:00:00+02:00', reason: 'not-employed' },
    });
    expect(res.status).toBe(201);
    expect(res.body.decisions[0]).toMatchObject({
      kind: 'revocation',
      ruleIds: ['SPOT-6.2', 'SPOT-6.3'],
      refundCents: 0,
      inputs: { outstandingCents: 3_000, outstandingCentsAfter: 3_000 },
    });
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['LicenceRevoked']);
    const state = await licenceState(P, '2026-07-10');
    expect(state.body.activeCount).toBe(100);
    expect(state.body.licences.find((l: { licenceId: string }) => l.licenceId === `${P}-lic-5`)).toMatchObject({
      status: 'revoked',
      revokedOn: '2026-07-10',
    });
  });

  it('SPOT-3.4 / SPOT-6.2: bad input is 400 naming the field; unknown ids are 404; nothing is appended', async () => {
    const before = await streamEvents(`participant-${P}`);
    const noTime = await api.request('POST', `/participants/${P}/licences`, {
      role: 'backoffice',
      body: { commandId: commandId(), licenceId: 'l-new', learnerId: `${P}-learner-1` },
    });
    expect(noTime.status).toBe(400);
    expect(noTime.body.fields.map((f: { field: string }) => f.field)).toContain('registeredAt');
    const badReason = await api.request('POST', `/licences/${P}-lic-6/revocations`, {
      role: 'backoffice',
      body: { commandId: commandId(), at: '2026-07-10T09:00:00+02:00', reason: 'budget' },
    });
    expect(badReason.status).toBe(400);
    expect(badReason.body.fields.map((f: { field: string }) => f.field)).toContain('reason');
    const badAsOf = await api.request('GET', `/participants/${P}/licences?asOf=yesterday`, { role: 'finance' });
    expect(badAsOf.status).toBe(400);
    expect(badAsOf.body.message).toContain('asOf');
    // A participant is a member under a rulebook that offers licences; PlusPort offers none.
    const badRulebook = await api.request('POST', '/participants', {
      role: 'backoffice',
      body: { commandId: commandId(), participantId: 'not-a-member', name: 'Other BV', rulebookId: 'plusport' },
    });
    expect(badRulebook.status).toBe(400);
    expect(badRulebook.body.fields.map((f: { field: string }) => f.field)).toEqual(['rulebookId']);
    expect(await streamEvents('participant-not-a-member')).toEqual([]);
    expect(
      (
        await api.request('POST', '/licences/no-such-licence/revocations', {
          role: 'backoffice',
          body: { commandId: commandId(), at: '2026-07-10T09:00:00+02:00', reason: 'conduct' },
        })
      ).status,
    ).toBe(404);
    expect((await licenceState('no-such-participant', '2026-07-10')).status).toBe(404);
    expect(
      (await registerLicence('no-such-participant', 'l-zz', `${P}-learner-1`, '2026-07-10T09:00:00+02:00')).status,
    ).toBe(404);
    expect(await streamEvents(`participant-${P}`)).toEqual(before);
  });
});

describe('SPOT-4.2 crossing less than 3 months before the invoice date, re-evaluated by the scheduler', () => {
  const Q = 'spot-late';

  beforeAll(async () => {
    await registerParticipant(Q, '2026-01-10');
    await registerLicensedLearners(call, { participantId: Q, count: 99, registeredAt: '2026-02-02T10:00:00+01:00' });
    for (const n of [100, 101, 102]) await registerLearner(`${Q}-learner-${n}`, Q);
  }, 120_000);

  it('SPOT-4.2 / SPOT-I2: the 100th on 2026-11-01 crosses without surcharge; the high rate waits for 2027-01-10', async () => {
    const res = await registerLicence(Q, `${Q}-lic-100`, `${Q}-learner-100`, '2026-11-01T10:00:00+01:00');
    expect(res.status).toBe(201);
    expect(res.body.invoice.totalCents).toBe(3_000);
    expect(res.body.decisions[1]).toMatchObject({
      kind: 'tier-crossing',
      surchargeCents: 0,
      deadlines: { highRateFrom: '2027-01-10' },
    });
    expect(res.body.invoices).toHaveLength(1);
    const late = await registerLicence(Q, `${Q}-lic-101`, `${Q}-learner-101`, '2026-12-01T10:00:00+01:00');
    expect(late.body.invoice.totalCents).toBe(3_000);
    const surcharges = await api.request('GET', `/participants/${Q}/surcharges`, { role: 'finance' });
    expect(surcharges.body).toMatchObject({
      totalCents: 0,
      surcharges: [],
      crossings: [expect.objectContaining({ crossedOn: '2026-11-01', charged: false, highRateFrom: '2027-01-10' })],
    });
    expect((await licenceState(Q, '2027-01-09')).body).toMatchObject({
      activeCount: 101,
      tier: 'low',
      rateCents: 3_000,
    });
  });

  it('SPOT-4.2: running the scheduler past 2027-01-10 records the evaluation (101 active: high), shown from that date; registration 102 costs 45.00', async () => {
    const run = await api.runScheduler('2027-01-10T12:00:00+01:00');
    const evaluation = run.fired.find((f) => f.deadlineId === `participant-${Q}:tier-evaluation:2027-01-10`);
    expect(evaluation).toMatchObject({ outcome: 'applied', events: ['TierEvaluated'] });
    const stream = await api.request('GET', `/streams/participant-${Q}/events`, { role: 'auditor' });
    // The participant was registered 2026-01-05, so its first invoice date (2026-01-10, no licences yet) was evaluated too.
    const evaluated = stream.body.events.filter((e: { type: string }) => e.type === 'TierEvaluated');
    expect(evaluated.map((e: { data: any }) => e.data)).toEqual([
      expect.objectContaining({ evaluatedOn: '2026-01-10', activeLicences: 0, tier: 'low' }),
      expect.objectContaining({
        evaluatedOn: '2027-01-10',
        activeLicences: 101,
        tier: 'high',
        rateCents: 4_500,
        decision: expect.objectContaining({ ruleIds: ['SPOT-4.2', 'SPOT-3.1', 'SPOT-3.3'] }),
      }),
    ]);
    expect((await licenceState(Q, '2027-01-10')).body).toMatchObject({
      activeCount: 101,
      tier: 'high',
      rateCents: 4_500,
      nextInvoiceDate: '2028-01-10',
    });
    const r102 = await registerLicence(Q, `${Q}-lic-102`, `${Q}-learner-102`, '2027-01-15T10:00:00+01:00');
    expect(r102.status).toBe(201);
    expect(r102.body.invoice.totalCents).toBe(4_500);

    // Firing the same deadlines again changes nothing.
    const before = await streamEvents(`participant-${Q}`);
    const rerun = await api.runScheduler('2027-01-10T12:00:00+01:00');
    expect(rerun.fired.filter((f) => f.deadlineId.startsWith(`participant-${Q}:`) && f.outcome === 'applied')).toEqual(
      [],
    );
    expect(await streamEvents(`participant-${Q}`)).toEqual(before);
  });

  it('SPOT-6.1 / SPOT-I1 / SPOT-4.1: reminders went out 30 days before expiry; on the anniversary every licence renews, invoiced at the rate in force (45.00)', async () => {
    const reminders = (
      await api.request('GET', `/streams/participant-${Q}/events`, { role: 'auditor', body: undefined })
    ).body.events.filter((e: { type: string }) => e.type === 'LicenceExpiryReminderDue');
    expect(reminders).toHaveLength(99);
    expect(reminders[0].data).toMatchObject({ expiresOn: '2027-02-02', reminderOn: '2027-01-03', renews: true });

    const marked = await api.request('POST', `/licences/${Q}-lic-1/not-to-renew`, {
      role: 'backoffice',
      body: { commandId: commandId(), requestedAt: '2027-01-20T10:00:00+01:00' },
    });
    expect(marked.status).toBe(201);
    await api.runScheduler('2027-02-02T12:00:00+01:00');
    const events = (
      await api.request('GET', `/streams/participant-${Q}/events?fromRevision=0&limit=1000`, { role: 'auditor' })
    ).body.events;
    const renewed = events.filter((e: { type: string }) => e.type === 'LicenceRenewed');
    expect(renewed).toHaveLength(98);
    expect(renewed[0].data).toMatchObject({ renewalOn: '2027-02-02', expiresOn: '2028-02-02', feeCents: 4_500 });
    expect(
      events.filter((e: { type: string }) => e.type === 'LicenceExpired').map((e: { data: any }) => e.data.licenceId),
    ).toEqual([`${Q}-lic-1`]);
    expect((await licenceState(Q, '2027-02-02')).body.activeCount).toBe(101);
  });
});

describe('SPOT-6.1 and SPOT-6.4 over HTTP', () => {
  it("SPOT-6.1: ending LMS use takes effect at the longest-running licence's expiry; later registrations are refused naming SPOT-6.1", async () => {
    const R = 'spot-ending';
    await registerParticipant(R);
    await registerLicensedLearners(call, { participantId: R, count: 2, registeredAt: '2026-02-01T10:00:00+01:00' });
    await registerLicensedLearners(call, {
      participantId: R,
      count: 1,
      registeredAt: '2026-05-15T10:00:00+02:00',
      firstNumber: 3,
    });
    const res = await api.request('POST', `/participants/${R}/terminations`, {
      role: 'backoffice',
      body: { commandId: commandId(), requestedAt: '2026-09-01T10:00:00+02:00' },
    });
    expect(res.status).toBe(201);
    expect(res.body.decisions[0]).toMatchObject({
      kind: 'participant-termination',
      ruleIds: ['SPOT-6.1'],
      deadlines: { effectiveEnd: '2027-05-15' },
      feeCents: 0,
      refundCents: 0,
    });
    expect((await licenceState(R, '2026-09-01')).body.licences.every((l: { renews: boolean }) => !l.renews)).toBe(true);
    await registerLearner(`${R}-learner-9`, R);
    const refused = await registerLicence(R, `${R}-lic-9`, `${R}-learner-9`, '2026-10-01T10:00:00+02:00');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'LMS_USE_ENDING', ruleId: 'SPOT-6.1' });
  });

  it('SPOT-6.4: after leaving SPOT the licences stay valid until expiry and are not renewed', async () => {
    const M = 'spot-leaving';
    await registerParticipant(M, '2026-01-10');
    await registerLicensedLearners(call, { participantId: M, count: 2, registeredAt: '2026-03-01T10:00:00+01:00' });
    const res = await api.request('POST', `/participants/${M}/membership-endings`, {
      role: 'backoffice',
      body: { commandId: commandId(), endedAt: '2026-12-31T12:00:00+01:00' },
    });
    expect(res.status).toBe(201);
    expect(res.body.decisions[0]).toMatchObject({
      kind: 'membership-end',
      ruleIds: ['SPOT-6.4'],
      deadlines: { lastLicenceExpiresOn: '2027-03-01' },
      refundCents: 0,
    });
    expect((await licenceState(M, '2027-02-28')).body.activeCount).toBe(2);
    await api.runScheduler('2027-03-01T12:00:00+01:00');
    const after = await licenceState(M, '2027-03-01');
    expect(after.body.activeCount).toBe(0);
    expect(after.body.licences.map((l: { status: string }) => l.status)).toEqual(['expired', 'expired']);
  });
});

describe('SPOT-I2 participants recorded before licences were a rulebook act (upcast on read)', () => {
  const O = 'spot-old-shape';

  it('SPOT-3.4 / SPOT-I2: a v1 ParticipantRegistered (no rulebookId) is read as a spot-lms member: a licence registers and the licence state names spot-lms', async () => {
    const side = await openSideStorage(api.dataDir);
    try {
      // What the code before the licence acts wrote: no rulebookId, no nextInvoiceDate, schemaVersion 1.
      const oldCode = new LedgerEventStore(side.engine, { keyStore: side.keyStore, personalData: personalDataPolicy });
      await oldCode.append(
        `participant-${O}`,
        [
          {
            type: 'ParticipantRegistered',
            data: {
              participantId: O,
              name: 'Old Shape BV',
              invoiceDate: '2026-01-10',
              registeredAt: '2026-01-05T09:00:00+01:00',
            },
            metadata: { schemaVersion: 1, occurredAt: '2026-01-05T09:00:00+01:00' },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      const [upcast] = await side.eventStore.readStream(`participant-${O}`);
      expect(upcast!.metadata.schemaVersion).toBe(2);
      expect(upcast!.data).toMatchObject({ rulebookId: 'spot-lms', nextInvoiceDate: '2026-01-10' });
    } finally {
      await side.close();
    }
    await registerLearner(`${O}-learner-1`, O);
    const registered = await registerLicence(O, `${O}-lic-1`, `${O}-learner-1`, '2026-02-02T10:00:00+01:00');
    expect(registered.status).toBe(201);
    expect(registered.body.invoice).toMatchObject({ totalCents: 3_000, dueDate: '2026-03-04' });
    const state = await licenceState(O, '2026-02-02');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ rulebook: { id: 'spot-lms' }, activeCount: 1, tier: 'low', rateCents: 3_000 });
  });
});
