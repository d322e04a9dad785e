/**
 * EXC-8.1 over HTTP: standard material bought without education is delivered within 30 days; the
 * scheduler records a miss, which gives the customer the right to dissolve with everything back.
 */
import { newId, startHarness, type Harness } from '../support/http-harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(() => api?.close());

const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

const streamEvents = async (enrolmentId: string): Promise<Array<{ type: string; data: any }>> =>
  (await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' })).body.events;

async function materialBought() {
  const customerId = newId('cust');
  const learnerId = newId('learner');
  const offeringId = newId('off');
  await post('/customers', { customerId, kind: 'consumer', name: 'J. Jansen', email: 'j@example.nl' });
  await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl' });
  await post('/offerings', {
    offeringId,
    title: 'Handboek',
    rulebookId: 'excellus',
    kind: 'material',
    components: [{ kind: 'material', priceCents: 8_000 }],
  });
  const enrolmentId = newId('enr');
  const registered = await post('/enrolments', {
    enrolmentId,
    offeringId,
    learnerId,
    customerId,
    registeredAt: '2026-03-02T10:00:00+01:00',
  });
  return { enrolmentId, registered };
}

describe('EXC-8.1 material within 30 days, over HTTP', () => {
  it('EXC-8.1: bought 2026-03-02, not delivered by 2026-04-01: the scheduler records the miss; the customer dissolves and gets the 80.00 paid back', async () => {
    const { enrolmentId, registered } = await materialBought();
    const deadline = registered.events.find((e: { type: string }) => e.type === 'DeliveryDeadlineSet');
    expect(deadline.data).toMatchObject({ deliverable: 'material', dueBy: '2026-04-01' });
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: registered.invoice.invoiceId,
      amountCents: registered.invoice.totalCents,
      receivedAt: '2026-03-03T10:00:00+01:00',
    });
    const early = await post(
      `/enrolments/${enrolmentId}/late-delivery-dissolutions`,
      { requestedAt: '2026-03-30T10:00:00+02:00' },
      422,
    );
    expect(early).toMatchObject({ error: 'NO_LATE_DELIVERY', ruleId: 'EXC-8.1' });

    const run = await api.runScheduler('2026-04-02T06:00:00+02:00');
    expect(run.fired.filter((f) => f.deadlineId === `enrolment-${enrolmentId}:delivery:material`)).toHaveLength(1);
    const missed = (await streamEvents(enrolmentId)).find((e) => e.type === 'DeliveryDeadlineMissed')!;
    expect(missed.data).toMatchObject({ dissolutionRight: true, decision: { ruleIds: ['EXC-8.1'] } });

    const dissolved = await post(`/enrolments/${enrolmentId}/late-delivery-dissolutions`, {
      requestedAt: '2026-04-03T10:00:00+02:00',
    });
    expect(dissolved.decision).toMatchObject({
      kind: 'late-delivery-dissolution',
      ruleIds: ['EXC-8.1'],
      refundCents: 8_000,
    });
    expect(dissolved.refunds).toEqual([expect.objectContaining({ amountCents: 8_000 })]);
    const view = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'backoffice' });
    expect(view.body.status).toBe('dissolved');
    expect(view.body.deliveries.material).toMatchObject({ missed: true, dissolutionRight: true });
  });

  it('EXC-8.1: material delivered in time leaves nothing for the scheduler and no right to dissolve', async () => {
    const { enrolmentId } = await materialBought();
    const delivered = await post(`/enrolments/${enrolmentId}/deliveries`, {
      deliverable: 'material',
      deliveredAt: '2026-03-20T10:00:00+01:00',
    });
    expect(delivered.decision).toMatchObject({ kind: 'material-delivery', inputs: { inTime: true } });
    await api.runScheduler('2026-04-03T06:00:00+02:00');
    expect((await streamEvents(enrolmentId)).some((e) => e.type === 'DeliveryDeadlineMissed')).toBe(false);
    const refused = await post(
      `/enrolments/${enrolmentId}/late-delivery-dissolutions`,
      { requestedAt: '2026-04-03T10:00:00+02:00' },
      422,
    );
    expect(refused.ruleId).toBe('EXC-8.1');
  });
});
