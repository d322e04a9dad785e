/**
 * PlusPort on a running agreement over HTTP: PP-5.5 dissolution for non-payment with pay for what
 * was performed, PP-7.4 a new exam date after force majeure; refusals name the field or the rule
 * and append nothing.
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

async function booking(offering: Record<string, unknown>) {
  const customerId = newId('cust');
  const learnerId = newId('learner');
  const offeringId = newId('off');
  await post('/customers', { customerId, kind: 'consumer', name: 'J. Jansen', email: 'j@example.nl' });
  await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl' });
  await post('/offerings', { offeringId, title: 'Course', rulebookId: 'plusport', ...offering });
  const enrolmentId = newId('enr');
  const registered = await post('/enrolments', {
    enrolmentId,
    offeringId,
    learnerId,
    customerId,
    registeredAt: '2026-03-02T10:00:00+01:00',
  });
  return { enrolmentId, invoice: registered.invoice as { invoiceId: string; totalCents: number; dueDate: string } };
}

const packageExam = {
  kind: 'package-exam',
  startsAt: '2026-04-20T09:00:00+02:00',
  components: [
    { kind: 'e-learning', priceCents: 10_000 },
    { kind: 'exam', priceCents: 20_000 },
  ],
};

describe('PP-5.5 dissolution for non-payment, over HTTP', () => {
  it('PP-5.5: 200.00 paid of 363.00 due 2026-04-19; on 2026-04-21 PlusPort dissolves with the e-learning performed: 121.00 stays charged, 79.00 comes back', async () => {
    const { enrolmentId, invoice } = await booking(packageExam);
    expect(invoice).toMatchObject({ totalCents: 36_300, dueDate: '2026-04-19' });
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: invoice.invoiceId,
      amountCents: 20_000,
      receivedAt: '2026-03-05T10:00:00+01:00',
    });
    const early = await post(
      `/enrolments/${enrolmentId}/non-payment-dissolutions`,
      { requestedAt: '2026-04-19T10:00:00+02:00', performedComponents: [] },
      422,
    );
    expect(early).toMatchObject({ error: 'NOT_PAID_LATE', ruleId: 'PP-5.5' });

    const res = await post(`/enrolments/${enrolmentId}/non-payment-dissolutions`, {
      requestedAt: '2026-04-21T10:00:00+02:00',
      performedComponents: ['e-learning'],
    });
    expect(res.decision).toMatchObject({
      kind: 'non-payment-dissolution',
      ruleIds: ['PP-5.5'],
      feeCents: 10_000,
      feeGrossCents: 12_100,
      refundCents: 7_900,
    });
    expect(res.refunds).toEqual([expect.objectContaining({ amountCents: 7_900 })]);
    const view = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'backoffice' });
    expect(view.body.status).toBe('dissolved');
    expect(view.body.invoices[0]).toMatchObject({ creditedCents: 24_200, outstandingCents: 0 });

    const again = await post(
      `/enrolments/${enrolmentId}/non-payment-dissolutions`,
      { requestedAt: '2026-04-22T10:00:00+02:00', performedComponents: [] },
      409,
    );
    expect(again.error).toBeDefined();
  });

  it('PP-5.5: a component the booking lacks or does not know is a 400 naming it; nothing appended', async () => {
    const { enrolmentId } = await booking(packageExam);
    const before = await streamEvents(enrolmentId);
    const lacking = await post(
      `/enrolments/${enrolmentId}/non-payment-dissolutions`,
      { requestedAt: '2026-04-21T10:00:00+02:00', performedComponents: ['classroom'] },
      400,
    );
    expect(lacking.fields[0].field).toBe('performedComponents[0]');
    const unknown = await post(
      `/enrolments/${enrolmentId}/non-payment-dissolutions`,
      { requestedAt: '2026-04-21T10:00:00+02:00', performedComponents: ['lunch'] },
      400,
    );
    expect(unknown.fields[0].field).toBe('performedComponents');
    expect(await streamEvents(enrolmentId)).toEqual(before);
  });
});

describe('PP-7.4 a new exam date after force majeure, over HTTP', () => {
  it('PP-7.4: force majeure concerning the exam of 2026-04-20: first no date, then 2026-05-11, at no cost and not the learner reschedule', async () => {
    const { enrolmentId } = await booking(packageExam);
    const waiting = await post(`/enrolments/${enrolmentId}/force-majeure-dates`, {
      declaredAt: '2026-04-19T08:00:00+02:00',
    });
    expect(waiting.decision).toMatchObject({ kind: 'force-majeure-new-date', ruleIds: ['PP-7.4'], feeCents: 0 });
    expect(waiting.events[0].data.toStartsAt).toBeNull();

    const moved = await post(`/enrolments/${enrolmentId}/force-majeure-dates`, {
      declaredAt: '2026-04-22T08:00:00+02:00',
      newStartsAt: '2026-05-11T09:00:00+02:00',
    });
    expect(moved.decision.deadlines).toEqual({ newStartsOn: '2026-05-11' });
    expect(moved.invoice).toBeUndefined();
    const view = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'backoffice' });
    expect(view.body.offering.startsAt).toBe('2026-05-11T09:00:00+02:00');
    expect(view.body.rescheduled).toBe(false);
  });

  it('PP-7.4: a classroom training gets no new date (422 naming PP-7.4); a bad instant is a 400; nothing appended', async () => {
    const { enrolmentId } = await booking({
      kind: 'classroom',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 45_000 }],
    });
    const before = await streamEvents(enrolmentId);
    const refused = await post(
      `/enrolments/${enrolmentId}/force-majeure-dates`,
      { declaredAt: '2026-03-19T08:00:00+01:00', newStartsAt: '2026-04-03T09:00:00+02:00' },
      422,
    );
    expect(refused).toMatchObject({ error: 'NEW_DATE_ONLY_FOR_AN_EXAM', ruleId: 'PP-7.4' });
    const bad = await post(
      `/enrolments/${enrolmentId}/force-majeure-dates`,
      { declaredAt: '2026-03-19T08:00:00+01:00', newStartsAt: 'next week' },
      400,
    );
    expect(bad.fields[0].field).toBe('newStartsAt');
    expect(await streamEvents(enrolmentId)).toEqual(before);
  });
});
