/**
 * Quotes (POST /enrolments/{id}/<act>/quote): the decision the regulations would make now, with
 * nothing appended. Each story quotes an act, checks that the log's head and the enrolment's
 * stream did not move, then commits the same body and checks the recorded decision equals the
 * quote (apart from the id of the event that records it).
 */
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

describe('quotes over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

  async function enrol(offering: Record<string, unknown>, registeredAt: string) {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    const enrolmentId = newId('enr');
    const at = '2026-01-05T10:00:00+01:00';
    await post('/customers', {
      customerId,
      kind: 'consumer',
      name: 'J. Jansen',
      email: 'j.jansen@example.nl',
      registeredAt: at,
    });
    await post('/learners', { learnerId, name: 'P. de Boer', email: 'p.deboer@example.nl', registeredAt: at });
    await post('/offerings', { offeringId, title: 'Course', ...offering });
    const registered = await post('/enrolments', { enrolmentId, offeringId, learnerId, customerId, registeredAt });
    const invoice = registered.invoice as { invoiceId: string; totalCents: number };
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: invoice.invoiceId,
      amountCents: invoice.totalCents,
      receivedAt: registeredAt,
    });
    return enrolmentId;
  }

  /** The log's head and the enrolment stream's length: what a quote must leave as it was. */
  async function footprint(enrolmentId: string) {
    const chain = await api.request('GET', '/audit/chain', { role: 'auditor' });
    expect(chain.status).toBe(200);
    const stream = await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' });
    expect(stream.status).toBe(200);
    return { headPosition: chain.body.headPosition as number, streamEvents: stream.body.events.length as number };
  }

  const withoutId = (decision: Record<string, unknown>) => {
    const { decisionId: _decisionId, ...rest } = decision;
    return rest;
  };

  /** Quotes `act` with `body`, proves nothing moved, commits the same body, compares the decisions. */
  async function quoteThenCommit(enrolmentId: string, act: string, body: Record<string, unknown>) {
    const before = await footprint(enrolmentId);
    const sent = { commandId: commandId(), ...body };
    const quoted = await api.request('POST', `/enrolments/${enrolmentId}/${act}/quote`, {
      role: 'backoffice',
      body: sent,
    });
    expect(quoted.status).toBe(200);
    expect(quoted.body.quote).toBe(true);
    expect(quoted.body.decision).toBeDefined();
    expect(quoted.body.decision.decisionId).toBeUndefined();
    // The same quote again answers the same: nothing was recorded in between.
    const again = await api.request('POST', `/enrolments/${enrolmentId}/${act}/quote`, {
      role: 'backoffice',
      body: sent,
    });
    expect(again.body).toEqual(quoted.body);
    expect(await footprint(enrolmentId)).toEqual(before);

    const committed = await api.request('POST', `/enrolments/${enrolmentId}/${act}`, {
      role: 'backoffice',
      body: sent,
    });
    expect(committed.status).toBe(201);
    expect(withoutId(committed.body.decision)).toEqual(quoted.body.decision);
    expect(committed.body.events.map((e: { type: string }) => e.type)).toEqual(
      quoted.body.events.map((e: { type: string }) => e.type),
    );
    expect((await footprint(enrolmentId)).streamEvents).toBe(before.streamEvents + quoted.body.events.length);
    return quoted.body;
  }

  const packageExam = {
    rulebookId: 'plusport',
    kind: 'package-exam',
    startsAt: '2026-04-20T09:00:00+02:00',
    components: [
      { kind: 'e-learning', priceCents: 10_000 },
      { kind: 'exam', priceCents: 20_000 },
    ],
  };

  it('a cancellation quote is the decision the cancellation then records (PP-15.5), appending nothing', async () => {
    const enrolmentId = await enrol(packageExam, '2026-03-02T10:00:00+01:00');
    const quote = await quoteThenCommit(enrolmentId, 'cancellations', {
      requestedAt: '2026-04-14T10:00:00+02:00',
      reason: 'regular',
    });
    expect(quote.decision).toMatchObject({ kind: 'cancellation-fee', ruleIds: expect.arrayContaining(['PP-15.5-EL']) });
    const refunded = (quote.refunds ?? []).reduce((sum: number, r: { amountCents: number }) => sum + r.amountCents, 0);
    expect(refunded).toBe(quote.decision.refundCents);
    expect(quote.decision.feeCents + quote.decision.feeVatCents).toBe(quote.decision.feeGrossCents);
  });

  it('a reschedule quote is the decision the reschedule then records (PP-14.4)', async () => {
    const enrolmentId = await enrol(packageExam, '2026-03-02T10:00:00+01:00');
    const quote = await quoteThenCommit(enrolmentId, 'reschedules', {
      requestedAt: '2026-04-08T10:00:00+02:00',
      newStartsAt: '2026-05-18T09:00:00+02:00',
    });
    expect(quote.decision).toMatchObject({ ruleIds: ['PP-14.1-3', 'PP-14.4'], feeCents: 0 });
  });

  it('a withdrawal quote is the decision the withdrawal then records (EXC-4.2)', async () => {
    const enrolmentId = await enrol(
      {
        rulebookId: 'excellus',
        kind: 'contact-course',
        startsAt: '2026-09-01T09:00:00+02:00',
        components: [{ kind: 'tuition', priceCents: 100_000 }],
      },
      '2026-03-02T10:00:00+01:00',
    );
    const quote = await quoteThenCommit(enrolmentId, 'withdrawals', { requestedAt: '2026-03-10T10:00:00+01:00' });
    expect(quote.decision).toMatchObject({ ruleIds: ['EXC-4.2'], feeCents: 0, refundCents: 100_000 });
  });

  it('a termination quote is the decision the termination then records (LOI-12.3-OV, LOI-12.4)', async () => {
    const enrolmentId = await enrol(
      {
        rulebookId: 'loi',
        kind: 'home-study',
        startsAt: '2026-02-23T00:00:00+01:00',
        components: [{ kind: 'tuition', priceCents: 5_000 }],
        level: 'other',
        studyMonths: 12,
        tutor: true,
      },
      '2026-02-01T10:00:00+01:00',
    );
    const quote = await quoteThenCommit(enrolmentId, 'terminations', { requestedAt: '2026-06-20T10:00:00+02:00' });
    expect(quote).toMatchObject({ noticeStart: '2026-06-23', effectiveEnd: '2026-09-23' });
    expect(quote.decision).toMatchObject({
      ruleIds: ['LOI-12.3-OV', 'LOI-12.4'],
      feeCents: 35_000,
      refundCents: 30_250,
    });
  });

  it('a quote the regulations refuse is the 422 the act would get, with nothing appended; bad input is 400', async () => {
    const enrolmentId = await enrol(
      {
        rulebookId: 'loi',
        kind: 'home-study',
        startsAt: '2026-02-23T00:00:00+01:00',
        components: [{ kind: 'tuition', priceCents: 5_000 }],
        level: 'other',
        studyMonths: 12,
        tutor: false,
      },
      '2026-02-01T10:00:00+01:00',
    );
    const before = await footprint(enrolmentId);
    const body = { commandId: commandId(), requestedAt: '2026-06-20T10:00:00+02:00' };
    const quoted = await api.request('POST', `/enrolments/${enrolmentId}/terminations/quote`, {
      role: 'backoffice',
      body,
    });
    const committed = await api.request('POST', `/enrolments/${enrolmentId}/terminations`, {
      role: 'backoffice',
      body,
    });
    expect(committed.status).toBe(422);
    expect(quoted.status).toBe(422);
    expect(quoted.body).toEqual(committed.body);
    const bad = await api.request('POST', `/enrolments/${enrolmentId}/cancellations/quote`, {
      role: 'backoffice',
      body: { commandId: commandId(), requestedAt: 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('requestedAt');
    const forbidden = await api.request('POST', `/enrolments/${enrolmentId}/cancellations/quote`, {
      role: 'auditor',
      body: { commandId: commandId(), requestedAt: '2026-06-20T10:00:00+02:00', reason: 'regular' },
    });
    expect(forbidden.status).toBe(403);
    expect(await footprint(enrolmentId)).toEqual(before);
  });
});
