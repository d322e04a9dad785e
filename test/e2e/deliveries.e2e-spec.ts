/**
 * PP-13.4-5 over HTTP: the written result within 2 working days after the exam or practical
 * session, and the certificate within 2 working days after a passed result, as deadlines the
 * scheduler checks (POST /enrolments/{id}/deliveries records a delivery).
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

/** A paid PlusPort booking of the offering; returns the enrolment id. */
async function paidBooking(offering: Record<string, unknown>): Promise<string> {
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
  const { invoiceId, totalCents } = registered.invoice;
  await post('/payments', {
    paymentId: newId('pay'),
    invoiceId,
    amountCents: totalCents,
    receivedAt: '2026-03-03T10:00:00+01:00',
  });
  return enrolmentId;
}

// Monday 2026-04-20: the result is due Wednesday 2026-04-22.
const exam = {
  kind: 'exam',
  startsAt: '2026-04-20T09:00:00+02:00',
  components: [{ kind: 'exam', priceCents: 20_000 }],
  examPassMark: 28,
};
const practical = {
  kind: 'practical-training',
  startsAt: '2026-04-20T09:00:00+02:00',
  components: [{ kind: 'practical-session', priceCents: 30_000 }],
};

describe('PP-13.4-5 result and certificate within 2 working days, over HTTP', () => {
  it('PP-13.4-5: attending the exam sets the result deadline; the scheduler records it as missed the day after the last day, once', async () => {
    const enrolmentId = await paidBooking(exam);
    const attendance = await post(`/enrolments/${enrolmentId}/attendance`, {
      at: '2026-04-20T09:05:00+02:00',
      status: 'attended',
    });
    const deadline = attendance.events.find((e: { type: string }) => e.type === 'DeliveryDeadlineSet');
    expect(deadline.data).toMatchObject({
      deliverable: 'result',
      dueBy: '2026-04-22',
      decision: { ruleIds: ['PP-13.4-5'], deadlines: { resultDueBy: '2026-04-22' } },
    });
    const view = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'backoffice' });
    expect(view.body.deliveries).toEqual({
      result: { dueBy: '2026-04-22', deliveredAt: null, missed: false, dissolutionRight: false },
    });

    const onTheLastDay = await api.runScheduler('2026-04-22T23:00:00+02:00');
    expect(onTheLastDay.fired.filter((f) => f.deadlineId === `enrolment-${enrolmentId}:delivery:result`)).toEqual([]);
    const after = await api.runScheduler('2026-04-23T06:00:00+02:00');
    expect(after.fired.filter((f) => f.deadlineId === `enrolment-${enrolmentId}:delivery:result`)).toHaveLength(1);
    const events = await streamEvents(enrolmentId);
    const missed = events.filter((e) => e.type === 'DeliveryDeadlineMissed');
    expect(missed).toHaveLength(1);
    expect(missed[0]!.data).toMatchObject({
      deliverable: 'result',
      dueBy: '2026-04-22',
      dissolutionRight: false,
      decision: { kind: 'delivery-missed', ruleIds: ['PP-13.4-5'] },
    });
    await api.runScheduler('2026-04-24T06:00:00+02:00');
    expect(await streamEvents(enrolmentId)).toEqual(events);
  });

  it('PP-13.4-5: a passed practical-session result delivered in time sets the certificate deadline; the certificate issued in time leaves nothing to record', async () => {
    const enrolmentId = await paidBooking(practical);
    await post(`/enrolments/${enrolmentId}/attendance`, { at: '2026-04-20T09:05:00+02:00', status: 'attended' });
    await post(`/enrolments/${enrolmentId}/exam-results`, {
      sittingAt: '2026-04-20T09:00:00+02:00',
      score: 1,
      maxScore: 1,
      identified: true,
      onlineTrainingCompleted: true,
      onlineTheoryExamPassed: true,
      practicalExercisesPassed: true,
      declaredCompetent: true,
    });
    const delivered = await post(`/enrolments/${enrolmentId}/deliveries`, {
      deliverable: 'result',
      deliveredAt: '2026-04-21T15:00:00+02:00',
    });
    expect(delivered.decision).toMatchObject({
      kind: 'delivery',
      ruleIds: ['PP-13.4-5'],
      inputs: { inTime: true, certificateFollows: true },
    });
    const certificateDeadline = delivered.events.find((e: { type: string }) => e.type === 'DeliveryDeadlineSet');
    expect(certificateDeadline.data).toMatchObject({ deliverable: 'certificate', dueBy: '2026-04-23' });
    await post(`/enrolments/${enrolmentId}/certificates`, { requestedAt: '2026-04-22T10:00:00+02:00' });

    await api.runScheduler('2026-04-25T06:00:00+02:00');
    const events = await streamEvents(enrolmentId);
    expect(events.filter((e) => e.type === 'DeliveryDeadlineMissed')).toEqual([]);
  });

  it('refusals: a deliverable the rulebook does not track is a 400, a result not yet recorded a 422 naming PP-13.4-5, a second delivery a 409; nothing appended', async () => {
    const enrolmentId = await paidBooking(exam);
    await post(`/enrolments/${enrolmentId}/attendance`, { at: '2026-04-20T09:05:00+02:00', status: 'attended' });
    const before = await streamEvents(enrolmentId);
    const notRecorded = await post(
      `/enrolments/${enrolmentId}/deliveries`,
      { deliverable: 'result', deliveredAt: '2026-04-21T10:00:00+02:00' },
      422,
    );
    expect(notRecorded).toMatchObject({ error: 'RESULT_NOT_RECORDED', ruleId: 'PP-13.4-5' });
    const certificate = await post(
      `/enrolments/${enrolmentId}/deliveries`,
      { deliverable: 'certificate', deliveredAt: '2026-04-21T10:00:00+02:00' },
      400,
    );
    expect(certificate.fields[0].field).toBe('deliverable');
    const badTime = await post(
      `/enrolments/${enrolmentId}/deliveries`,
      { deliverable: 'result', deliveredAt: '2026-04-21' },
      400,
    );
    expect(badTime.fields[0].field).toBe('deliveredAt');
    expect(await streamEvents(enrolmentId)).toEqual(before);

    await post(`/enrolments/${enrolmentId}/exam-results`, {
      sittingAt: '2026-04-20T09:00:00+02:00',
      score: 30,
      maxScore: 40,
      identified: true,
    });
    await post(`/enrolments/${enrolmentId}/deliveries`, {
      deliverable: 'result',
      deliveredAt: '2026-04-21T10:00:00+02:00',
    });
    const again = await post(
      `/enrolments/${enrolmentId}/deliveries`,
      { deliverable: 'result', deliveredAt: '2026-04-21T11:00:00+02:00' },
      409,
    );
    expect(again.error).toBe('ALREADY_DELIVERED');
  });
});
