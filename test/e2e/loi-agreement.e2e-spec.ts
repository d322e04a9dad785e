/**
 * LOI on a running agreement over HTTP: LOI-8 suspension for non-performance (fees stay due, the
 * service duration is not extended, study acts refused meanwhile) and LOI-17 changed terms published
 * as a new version with at least 10 calendar days' notice; refusals name the field or the rule and
 * append nothing.
 */
import { newId, startHarness, type Harness } from '../support/http-harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(() => api?.close());

const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

const eventCount = async (streamId: string): Promise<number> => {
  const res = await api.request('GET', `/streams/${streamId}/events`, { role: 'auditor' });
  return res.status === 404 ? 0 : res.body.events.length;
};

const verify = async (decisionId: string) =>
  (await api.request('POST', `/decisions/${decisionId}/verify`, { role: 'auditor' })).body;

/** 12 months x 50.00 tuition + 21 % VAT = 726.00, due 2026-02-15 (ENR-I1); modules m1..m4, m1 and m2 active. */
async function homeStudy(startsAt = '2026-02-23T00:00:00+01:00', registeredAt = '2026-02-01T10:00:00+01:00') {
  const customerId = newId('cust');
  const learnerId = newId('learner');
  const offeringId = newId('off');
  await post('/customers', { customerId, kind: 'consumer', name: 'J. Jansen', email: 'j@example.nl' });
  await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl' });
  await post('/offerings', {
    offeringId,
    title: 'Boekhouden',
    rulebookId: 'loi',
    kind: 'home-study',
    startsAt,
    components: [{ kind: 'tuition', priceCents: 5_000 }],
    level: 'other',
    studyMonths: 12,
    tutor: true,
    moduleIds: ['m1', 'm2', 'm3', 'm4'],
  });
  const enrolmentId = newId('enr');
  const registered = await post('/enrolments', { enrolmentId, offeringId, learnerId, customerId, registeredAt });
  return { enrolmentId, invoice: registered.invoice as { invoiceId: string; totalCents: number; dueDate: string } };
}

describe('LOI-8 suspension for non-performance, over HTTP', () => {
  it('LOI-8: given 726.00 unpaid past 2026-02-15, when LOI suspends on 2026-05-04, then modules cannot be activated until it ends; the fees stay due and the service duration still ends 2028-02-23', async () => {
    const { enrolmentId, invoice } = await homeStudy();
    expect(invoice).toMatchObject({ totalCents: 72_600, dueDate: '2026-02-15' });

    const suspended = await post(`/enrolments/${enrolmentId}/suspensions`, {
      suspendedAt: '2026-05-04T09:00:00+02:00',
      ground: 'unpaid',
    });
    expect(suspended.decision).toMatchObject({
      kind: 'suspension',
      ruleIds: ['LOI-8', 'LOI-6.2-3'],
      rulebook: { id: 'loi', version: '2024-01-01' },
      deadlines: { serviceEndsOn: '2028-02-23' },
      inputs: { ground: 'unpaid', overdueCents: 72_600, overdueInvoiceIds: [invoice.invoiceId] },
    });
    expect(suspended.events.map((e: { type: string }) => e.type)).toEqual(['EnrolmentSuspended']);
    expect(await verify(suspended.decision.decisionId)).toMatchObject({ matches: true });

    const blocked = await post(
      `/enrolments/${enrolmentId}/modules`,
      { moduleId: 'm3', at: '2026-05-10T10:00:00+02:00' },
      422,
    );
    expect(blocked).toMatchObject({ error: 'ENROLMENT_SUSPENDED', ruleId: 'LOI-8' });

    const view = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'backoffice' });
    expect(view.body.invoices[0]).toMatchObject({ creditedCents: 0, outstandingCents: 72_600 });

    const resumed = await post(`/enrolments/${enrolmentId}/resumptions`, { resumedAt: '2026-06-01T09:00:00+02:00' });
    expect(resumed.decision).toMatchObject({
      kind: 'suspension-end',
      ruleIds: ['LOI-8', 'LOI-9.1'],
      inputs: { suspendedDays: 28 },
      deadlines: { serviceEndsOn: '2028-02-23' },
    });
    expect(await verify(resumed.decision.decisionId)).toMatchObject({ matches: true });
    await post(`/enrolments/${enrolmentId}/modules`, { moduleId: 'm3', at: '2026-06-02T10:00:00+02:00' });
  });

  it('LOI-8: paid in full there is no unpaid ground (422 naming LOI-8); an unknown ground, a missing obligation or a bad instant is a 400 naming the field; resuming what is not suspended is 409; nothing appended', async () => {
    const { enrolmentId, invoice } = await homeStudy();
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: invoice.invoiceId,
      amountCents: 72_600,
      receivedAt: '2026-02-10T10:00:00+01:00',
    });
    const stream = `enrolment-${enrolmentId}`;
    const before = await eventCount(stream);
    const route = `/enrolments/${enrolmentId}/suspensions`;

    const noGround = await post(route, { suspendedAt: '2026-05-04T09:00:00+02:00', ground: 'unpaid' }, 422);
    expect(noGround).toMatchObject({ error: 'NO_GROUND_FOR_SUSPENSION', ruleId: 'LOI-8' });
    const unknownGround = await post(route, { suspendedAt: '2026-05-04T09:00:00+02:00', ground: 'lazy' }, 400);
    expect(unknownGround.fields[0].field).toBe('ground');
    const noObligation = await post(route, { suspendedAt: '2026-05-04T09:00:00+02:00', ground: 'other' }, 400);
    expect(noObligation.message).toMatch(/obligation/);
    const unknownField = await post(
      route,
      { suspendedAt: '2026-05-04T09:00:00+02:00', ground: 'unpaid', mood: 'bad' },
      400,
    );
    expect(unknownField.fields[0].field).toBe('mood');
    const badInstant = await post(route, { suspendedAt: 'soon', ground: 'unpaid' }, 400);
    expect(badInstant.fields[0].field).toBe('suspendedAt');
    const notSuspended = await post(
      `/enrolments/${enrolmentId}/resumptions`,
      { resumedAt: '2026-06-01T09:00:00+02:00' },
      409,
    );
    expect(notSuspended.error).toBe('NOT_SUSPENDED');
    expect(await eventCount(stream)).toBe(before);

    // Another obligation LOI names is recorded as LOI's statement.
    const other = await post(route, {
      suspendedAt: '2026-05-04T09:00:00+02:00',
      ground: 'other',
      obligation: 'No homework sent in for 3 months',
    });
    expect(other.decision).toMatchObject({
      ruleIds: ['LOI-8'],
      inputs: { obligation: 'No homework sent in for 3 months' },
    });
  });

  it('LOI-8: a rulebook without the rule (VLI) refuses a suspension: 422 SUSPENSION_NOT_COVERED', async () => {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', { customerId, kind: 'consumer', name: 'J. Jansen', email: 'j@example.nl' });
    await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl' });
    await post('/offerings', {
      offeringId,
      title: 'Training',
      rulebookId: 'vli',
      kind: 'training',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 60_000 }],
    });
    const enrolmentId = newId('enr');
    await post('/enrolments', {
      enrolmentId,
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-02-01T10:00:00+01:00',
    });
    const refused = await post(
      `/enrolments/${enrolmentId}/suspensions`,
      { suspendedAt: '2026-03-01T09:00:00+01:00' },
      422,
    );
    expect(refused.error).toBe('SUSPENSION_NOT_COVERED');
  });
});

describe("LOI-17 10 days' notice of changed terms, over HTTP", () => {
  const change = {
    version: '2027-01-01',
    effectiveFrom: '2027-01-01',
    noticeChannel: 'website',
    summary: 'Other courses: notice period of 2 months',
    otherNoticeMonths: 2,
  };

  it('LOI-17: a change announced 9 days ahead is 422 naming LOI-17 and the earliest day; bad details are 400 naming the field; nothing appended', async () => {
    const before = await eventCount('rulebook-versions-loi');
    const publish = (body: Record<string, unknown>, expected: number) =>
      post('/rulebooks/loi/versions', body, expected);
    const early = await publish({ ...change, publishedAt: '2026-12-23T10:00:00+01:00' }, 422);
    expect(early).toMatchObject({
      error: 'TERMS_CHANGE_NOTICE_TOO_SHORT',
      ruleId: 'LOI-17',
      details: { earliestEffectiveFrom: '2027-01-02' },
    });
    const channel = await publish({ ...change, publishedAt: '2026-12-01T10:00:00+01:00', noticeChannel: 'radio' }, 400);
    expect(channel.fields[0].field).toBe('noticeChannel');
    const months = await publish({ ...change, publishedAt: '2026-12-01T10:00:00+01:00', otherNoticeMonths: 0 }, 400);
    expect(months.fields[0].field).toBe('otherNoticeMonths');
    const foreign = await publish({ ...change, publishedAt: '2026-12-01T10:00:00+01:00', lowRateCents: 100 }, 400);
    expect(foreign.fields[0].field).toBe('lowRateCents');
    expect(await eventCount('rulebook-versions-loi')).toBe(before);
  });

  it('LOI-17: announced on the website on 2026-12-22, the change takes effect on 2027-01-01; a termination notice received after it runs 2 months instead of 3, while one before it keeps 3', async () => {
    // Both bookings exist before the change: it applies to running agreements from its first day.
    const old = await homeStudy('2026-11-01T00:00:00+01:00', '2026-10-01T10:00:00+02:00');
    const changed = await homeStudy('2026-11-01T00:00:00+01:00', '2026-10-01T10:00:00+02:00');

    const published = await post('/rulebooks/loi/versions', { ...change, publishedAt: '2026-12-22T10:00:00+01:00' });
    expect(published.decision).toMatchObject({
      kind: 'terms-change-notice',
      ruleIds: ['LOI-17'],
      rulebook: { id: 'loi', version: '2024-01-01' },
      deadlines: { earliestEffectiveFrom: '2027-01-01', effectiveFrom: '2027-01-01' },
      inputs: { noticeOn: '2026-12-22', noticeDays: 10, changes: { otherNoticeMonths: 2 } },
    });
    expect(await verify(published.decision.decisionId)).toMatchObject({ matches: true });
    const inForce = await api.request('GET', '/rulebooks/loi?at=2027-01-01', { role: 'auditor' });
    expect(inForce.body.inForce.version).toBe('2027-01-01');

    const before = await post(`/enrolments/${old.enrolmentId}/terminations`, {
      requestedAt: '2026-12-28T10:00:00+01:00',
    });
    expect(before.decision.rulebook.version).toBe('2024-01-01');
    expect(before).toMatchObject({ noticeStart: '2027-01-01', effectiveEnd: '2027-04-01' });
    const after = await post(`/enrolments/${changed.enrolmentId}/terminations`, {
      requestedAt: '2027-01-05T10:00:00+01:00',
    });
    expect(after.decision.rulebook.version).toBe('2027-01-01');
    expect(after).toMatchObject({ noticeStart: '2027-02-01', effectiveEnd: '2027-04-01' });
    expect(await verify(after.decision.decisionId)).toMatchObject({ matches: true });
  });
});
