/**
 * SPOT-2.2 over HTTP: an extra contribution for e-learning of a provider other than ExpertCollege,
 * charged to a participant on an invoice of its own (POST /participants/{id}/extra-contributions),
 * paid like any licence invoice; the decision verifies; refusals name the field or the rule and
 * append nothing.
 */
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(() => api?.close());

const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

const eventCount = async (participantId: string): Promise<number> =>
  (await api.request('GET', `/streams/participant-${participantId}/events`, { role: 'auditor' })).body.events.length;

/** A participant with one licence from 2026-02-02. */
async function participantWithLicence() {
  const participantId = newId('spot');
  const learnerId = `${participantId}-learner`;
  const licenceId = `${participantId}-lic`;
  await post('/participants', {
    participantId,
    name: 'Zorggroep Noord',
    invoiceDate: '2026-01-10',
    registeredAt: '2026-01-05T09:00:00+01:00',
  });
  await post('/learners', { learnerId, name: 'Sanne Jansen', email: 'sanne@example.nl', employerId: participantId });
  await post(`/participants/${participantId}/licences`, {
    licenceId,
    learnerId,
    registeredAt: '2026-02-02T10:00:00+01:00',
  });
  return { participantId, licenceId };
}

const vilans = (licenceId: string) => ({
  licenceId,
  courseId: 'dementia-care-basics',
  courseProvider: 'Vilans',
  contributionCents: 1_500,
  chargedAt: '2026-04-01T10:00:00+02:00',
});

describe('SPOT-2.2 extra contribution over HTTP', () => {
  it('SPOT-2.2: given a running licence, when SPOT charges 15.00 for Vilans e-learning, then a decision citing SPOT-2.2 and an invoice of 15.00 due 2026-05-01 are recorded; the decision verifies and the invoice takes a payment', async () => {
    const { participantId, licenceId } = await participantWithLicence();
    const id = commandId();
    const res = await api.request('POST', `/participants/${participantId}/extra-contributions`, {
      role: 'backoffice',
      body: { commandId: id, ...vilans(licenceId) },
    });
    expect(res.status).toBe(201);
    expect(res.body.decisions).toEqual([
      expect.objectContaining({
        kind: 'extra-contribution',
        ruleIds: ['SPOT-2.2'],
        rulebook: { id: 'spot-lms', version: '2020-01-01' },
        feeCents: 1_500,
        feeGrossCents: 1_500,
        inputs: expect.objectContaining({ licenceId, courseProvider: 'Vilans', contributionCents: 1_500 }),
      }),
    ]);
    expect(res.body.invoice).toMatchObject({
      reason: 'extra-contribution',
      issuedOn: '2026-04-01',
      dueDate: '2026-05-01',
      totalCents: 1_500,
    });
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['ExtraContributionCharged', 'InvoiceIssued']);

    const resent = await api.request('POST', `/participants/${participantId}/extra-contributions`, {
      role: 'backoffice',
      body: { commandId: id, ...vilans(licenceId) },
    });
    expect(resent.body).toEqual(res.body);

    const verified = await api.request('POST', `/decisions/${res.body.decisions[0].decisionId}/verify`, {
      role: 'auditor',
    });
    expect(verified.body).toMatchObject({ matches: true });

    const invoiceId = res.body.invoice.invoiceId;
    const invoice = await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ invoiceId, customerId: participantId, totalCents: 1_500 });
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId,
      amountCents: 1_500,
      receivedAt: '2026-04-10T10:00:00+02:00',
    });
    const paid = await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' });
    expect(paid.body.outstandingCents).toBe(0);
  });

  it('SPOT-2.2: for the participant as a whole (no licence) it is charged as well', async () => {
    const { participantId } = await participantWithLicence();
    const res = await post(`/participants/${participantId}/extra-contributions`, {
      courseId: 'medication-safety',
      courseProvider: 'SPOT',
      contributionCents: 1_500,
      chargedAt: '2026-04-01T10:00:00+02:00',
    });
    expect(res.events[0].data.licenceId).toBeNull();
    expect(res.invoice.totalCents).toBe(1_500);
  });

  it('SPOT-2.2: ExpertCollege e-learning is 422 naming SPOT-2.2; bad fields are 400 naming them; an unknown licence 404, one not yet running 409; nothing appended', async () => {
    const { participantId, licenceId } = await participantWithLicence();
    const route = `/participants/${participantId}/extra-contributions`;
    const before = await eventCount(participantId);

    const standard = await post(route, { ...vilans(licenceId), courseProvider: 'ExpertCollege' }, 422);
    expect(standard).toMatchObject({ error: 'CONTRIBUTION_FOR_STANDARD_OFFER', ruleId: 'SPOT-2.2' });

    for (const [field, value] of [
      ['contributionCents', 0],
      ['contributionCents', 12.5],
      ['chargedAt', 'next week'],
      ['courseProvider', '   '],
      ['courseId', ''],
    ] as const) {
      const bad = await post(route, { ...vilans(licenceId), [field]: value }, 400);
      expect(bad.fields.map((f: { field: string }) => f.field)).toContain(field);
    }

    const unknown = await post(route, vilans('no-such-licence'), 404);
    expect(unknown.error).toBe('LICENCE_NOT_FOUND');
    const early = await post(route, { ...vilans(licenceId), chargedAt: '2026-01-20T10:00:00+01:00' }, 409);
    expect(early.error).toBe('LICENCE_NOT_ACTIVE');
    const noParticipant = await post('/participants/no-such-participant/extra-contributions', vilans(licenceId), 404);
    expect(noParticipant.error).toBe('PARTICIPANT_NOT_FOUND');

    expect(await eventCount(participantId)).toBe(before);
  });
});
