/**
 * The enrolment lifecycle over HTTP against the embedded store: one story per rulebook, each
 * asserting the decisions' fees, refunds and rule ids, the refund entitlements they grant, and
 * that a refused action is 422 naming the rule with nothing appended.
 */
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

describe('enrolments over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

  async function streamEvents(streamId: string): Promise<Array<{ type: string; data: any }>> {
    const res = await api.request('GET', `/streams/${streamId}/events`, { role: 'auditor' });
    expect(res.status).toBe(200);
    return res.body.events;
  }

  /** A customer, a learner and an offering; returns their ids. */
  async function setUp(offering: Record<string, unknown>, customerKind: 'consumer' | 'business' = 'consumer') {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', {
      customerId,
      kind: customerKind,
      name: 'J. Jansen',
      email: 'j.jansen@example.nl',
      registeredAt: '2026-01-05T10:00:00+01:00',
    });
    await post('/learners', {
      learnerId,
      name: 'P. de Boer',
      email: 'p.deboer@example.nl',
      registeredAt: '2026-01-05T10:00:00+01:00',
    });
    await post('/offerings', { offeringId, title: 'Course', ...offering });
    return { customerId, learnerId, offeringId };
  }

  async function enrol(
    offering: Record<string, unknown>,
    registeredAt: string,
    customerKind: 'consumer' | 'business' = 'consumer',
  ) {
    const ids = await setUp(offering, customerKind);
    const enrolmentId = newId('enr');
    const registered = await post('/enrolments', {
      enrolmentId,
      offeringId: ids.offeringId,
      learnerId: ids.learnerId,
      customerId: ids.customerId,
      registeredAt,
    });
    return {
      ...ids,
      enrolmentId,
      registered,
      invoice: registered.invoice as { invoiceId: string; totalCents: number; dueDate: string },
    };
  }

  const pay = (invoiceId: string, amountCents: number, receivedAt: string) =>
    post('/payments', { paymentId: newId('pay'), invoiceId, amountCents, receivedAt });

  const packageExam = {
    rulebookId: 'plusport',
    kind: 'package-exam',
    startsAt: '2026-04-20T09:00:00+02:00',
    components: [
      { kind: 'e-learning', priceCents: 10_000 },
      { kind: 'exam', priceCents: 20_000 },
    ],
  };
  const classroom = {
    rulebookId: 'plusport',
    kind: 'classroom',
    startsAt: '2026-03-20T09:00:00+01:00',
    components: [{ kind: 'classroom', priceCents: 45_000 }],
  };

  it('PP-5.3, PP-14.4, PP-15.5-EL, PP-15.5-EX: register, pay, reschedule the exam free, cancel with the e-learning fee, refund entitlement for the rest', async () => {
    const { enrolmentId, customerId, invoice, registered } = await enrol(packageExam, '2026-03-02T10:00:00+01:00');
    // 300.00 net + 21 % VAT 63.00 = 363.00, due the day before the start (PP-5.3, PP-I11).
    expect(invoice).toMatchObject({ totalCents: 36_300, netCents: 30_000, vatCents: 6_300, dueDate: '2026-04-19' });
    expect(registered.decision).toMatchObject({ kind: 'invoice-due-date', ruleIds: ['PP-5.3'] });
    await pay(invoice.invoiceId, 36_300, '2026-03-05T10:00:00+01:00');

    // 8 working days before the exam: free (PP-14.4).
    const moved = await post(`/enrolments/${enrolmentId}/reschedules`, {
      requestedAt: '2026-04-08T10:00:00+02:00',
      newStartsAt: '2026-05-18T09:00:00+02:00',
    });
    expect(moved.decision).toMatchObject({ ruleIds: ['PP-14.1-3', 'PP-14.4'], feeCents: 0, refundCents: 0 });
    expect(moved.decision.inputs.workingDaysBefore).toBe(8);

    // 7 working days before the new date (Ascension 14 May excluded): exam 0 %; e-learning long after purchase 100 %.
    const cancelled = await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-05-06T10:00:00+02:00',
      reason: 'regular',
    });
    expect(cancelled.decision).toMatchObject({
      kind: 'cancellation-fee',
      ruleIds: ['PP-15.5-EL', 'PP-15.5-EX'],
      feeCents: 10_000,
      refundCents: 24_200,
    });
    expect(cancelled.refunds).toEqual([
      expect.objectContaining({
        amountCents: 24_200,
        dueDate: '2026-05-20',
        decisionId: cancelled.decision.decisionId,
        ruleIds: ['PP-15.5-EL', 'PP-15.5-EX'],
      }),
    ]);

    const owed = await api.request('GET', '/refunds?status=owed', { role: 'finance' });
    expect(owed.status).toBe(200);
    const items = Array.isArray(owed.body) ? owed.body : owed.body.items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          enrolmentId,
          amountCents: 24_200,
          dueDate: '2026-05-20',
          decisionId: cancelled.decision.decisionId,
        }),
      ]),
    );
    // The stored entitlement cites the decision's real id (the id of the event recording it).
    const decision = await api.request('GET', `/decisions/${cancelled.decision.decisionId}`, { role: 'auditor' });
    expect(decision.status).toBe(200);

    const view = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'finance' });
    expect(view.body).toMatchObject({
      status: 'cancelled',
      rescheduled: true,
      offering: { startsAt: '2026-05-18T09:00:00+02:00', originalStartsAt: '2026-04-20T09:00:00+02:00' },
    });
    expect(view.body.invoices[0]).toMatchObject({
      totalCents: 36_300,
      creditedCents: 24_200,
      paidCents: 36_300,
      refundedCents: 24_200,
      outstandingCents: 0,
    });
    expect(view.body.refunds).toEqual([
      expect.objectContaining({ amountCents: 24_200, decisionId: cancelled.decision.decisionId }),
    ]);
    expect(view.body.decisions.map((d: { decision: { kind: string } }) => d.decision.kind)).toEqual([
      'invoice-due-date',
      'reschedule',
      'cancellation-fee',
    ]);

    const listed = await api.request('GET', `/enrolments?customerId=${customerId}`, { role: 'finance' });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ enrolmentId, status: 'cancelled', startsAt: '2026-05-18T09:00:00+02:00' }),
    ]);

    const before = await api.request('GET', `/enrolments/${enrolmentId}?asOf=2026-05-01T00:00:00%2B02:00`, {
      role: 'auditor',
    });
    expect(before.body).toMatchObject({ status: 'active', rescheduled: true, refunds: [] });
  });

  it('PP-14.4: a reschedule 5 working days before the exam is 422 naming the rule and appends nothing', async () => {
    const { enrolmentId, invoice } = await enrol(
      {
        rulebookId: 'plusport',
        kind: 'exam',
        startsAt: '2026-03-20T09:00:00+01:00',
        components: [{ kind: 'exam', priceCents: 20_000 }],
      },
      '2026-03-02T10:00:00+01:00',
    );
    await pay(invoice.invoiceId, invoice.totalCents, '2026-03-03T10:00:00+01:00');
    const before = await streamEvents(`enrolment-${enrolmentId}`);
    const res = await api.request('POST', `/enrolments/${enrolmentId}/reschedules`, {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        requestedAt: '2026-03-13T10:00:00+01:00',
        newStartsAt: '2026-04-17T09:00:00+02:00',
      },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'RESCHEDULE_NOT_ALLOWED', ruleId: 'PP-14.4' });
    expect(await streamEvents(`enrolment-${enrolmentId}`)).toEqual(before);
  });

  it('PP-15.6: illness with evidence in time: fee 0 pending until +7 days, the held table fee is released when the evidence arrives', async () => {
    const { enrolmentId, invoice } = await enrol(classroom, '2026-03-02T10:00:00+01:00');
    await pay(invoice.invoiceId, 54_450, '2026-03-03T10:00:00+01:00');
    const cancelled = await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-03-10T10:00:00+01:00',
      reason: 'illness',
    });
    expect(cancelled.decision).toMatchObject({
      ruleIds: ['PP-15.5-CLS', 'PP-15.6'],
      feeCents: 0,
      refundCents: 54_450,
      deadlines: { pendingEvidenceUntil: '2026-03-17' },
    });
    expect(cancelled.pendingEvidenceUntil).toBe('2026-03-17');
    // While evidence may come, the 50 % table fee (225.00 + VAT = 272.25) stays held; the rest goes back now.
    expect(cancelled.refunds).toEqual([expect.objectContaining({ amountCents: 27_225 })]);

    const evidence = await post(`/enrolments/${enrolmentId}/evidence`, {
      receivedAt: '2026-03-16T12:00:00+01:00',
      kind: 'medical-certificate',
    });
    expect(evidence.decision).toMatchObject({ kind: 'cancellation-evidence', feeCents: 0, refundCents: 54_450 });
    expect(evidence.decision.inputs.outcome).toBe('confirmed');
    expect(evidence.refunds).toEqual([
      expect.objectContaining({ amountCents: 27_225, decisionId: evidence.decision.decisionId }),
    ]);

    const run = await api.runScheduler('2026-03-25T00:00:00+01:00');
    expect(run.fired.filter((f) => f.deadlineId === `enrolment-${enrolmentId}:evidence`)).toEqual([]);
  });

  it('PP-15.6: illness without evidence: the scheduler charges the table fee when the window has passed; firing again changes nothing', async () => {
    const { enrolmentId, invoice } = await enrol(classroom, '2026-03-02T10:00:00+01:00');
    await pay(invoice.invoiceId, 54_450, '2026-03-03T10:00:00+01:00');
    await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-03-10T10:00:00+01:00',
      reason: 'illness',
    });

    const early = await api.runScheduler('2026-03-17T23:00:00+01:00');
    expect(early.fired.filter((f) => f.deadlineId === `enrolment-${enrolmentId}:evidence`)).toEqual([]);
    const run = await api.runScheduler('2026-03-18T06:00:00+01:00');
    expect(run.fired.filter((f) => f.deadlineId === `enrolment-${enrolmentId}:evidence`)).toHaveLength(1);
    const events = await streamEvents(`enrolment-${enrolmentId}`);
    const lapse = events.find((e) => e.type === 'CancellationEvidenceDecided')!;
    expect(lapse.data.outcome).toBe('lapsed');
    expect(lapse.data.decision).toMatchObject({
      ruleIds: ['PP-15.6', 'PP-15.5-CLS'],
      feeCents: 22_500,
      refundCents: 27_225,
    });
    // The held fee is now charged: no further refund, the invoice keeps 272.25.
    expect(events.filter((e) => e.type === 'RefundEntitlementGranted').map((e) => e.data.amountCents)).toEqual([
      27_225,
    ]);

    await api.runScheduler('2026-03-19T06:00:00+01:00');
    expect(await streamEvents(`enrolment-${enrolmentId}`)).toEqual(events);
    const late = await api.request('POST', `/enrolments/${enrolmentId}/evidence`, {
      role: 'backoffice',
      body: { commandId: commandId(), receivedAt: '2026-03-19T09:00:00+01:00', kind: 'medical-certificate' },
    });
    expect(late.status).toBe(409);
  });

  it('LOI-12.3-OV, LOI-12.4: the seed example (start 23 Feb, notice received 20 Jun) ends on 23 Sep; 7 months are owed, the rest refunded', async () => {
    const loi = {
      rulebookId: 'loi',
      kind: 'home-study',
      startsAt: '2026-02-23T00:00:00+01:00',
      components: [{ kind: 'tuition', priceCents: 5_000 }],
      level: 'other',
      studyMonths: 12,
      tutor: true,
    };
    const { enrolmentId, invoice, registered } = await enrol(loi, '2026-02-01T10:00:00+01:00');
    // 12 x 50.00 + 21 % VAT (LOI Zakelijk, LOI-5.3-4) = 726.00; ENR-I1 due date.
    expect(invoice).toMatchObject({ netCents: 60_000, vatCents: 12_600, totalCents: 72_600, dueDate: '2026-02-15' });
    expect(registered.decision).toMatchObject({ kind: 'vat-regime', ruleIds: ['LOI-5.3-4'] });
    await pay(invoice.invoiceId, 72_600, '2026-02-10T10:00:00+01:00');

    const terminated = await post(`/enrolments/${enrolmentId}/terminations`, {
      requestedAt: '2026-06-20T10:00:00+02:00',
    });
    expect(terminated).toMatchObject({ noticeStart: '2026-06-23', effectiveEnd: '2026-09-23' });
    // Months starting 23 Feb .. 23 Aug (7) x 60.50 = 423.50 owed; 726.00 - 423.50 = 302.50 back.
    // MONEY-I1 (rev 2): the fee is stated net (7 x 50.00) with VAT 73.50 beside it.
    expect(terminated.decision).toMatchObject({
      ruleIds: ['LOI-12.3-OV', 'LOI-12.4'],
      feeCents: 35_000,
      feeVatCents: 7_350,
      feeGrossCents: 42_350,
      refundCents: 30_250,
    });
    expect(terminated.refunds).toEqual([
      expect.objectContaining({ amountCents: 30_250, decisionId: terminated.decision.decisionId }),
    ]);
  });

  it('LOI-12.2: a self-study course cannot be terminated early (422, nothing appended)', async () => {
    const loi = {
      rulebookId: 'loi',
      kind: 'home-study',
      startsAt: '2026-02-23T00:00:00+01:00',
      components: [{ kind: 'tuition', priceCents: 5_000 }],
      level: 'other',
      studyMonths: 12,
      tutor: false,
    };
    const { enrolmentId } = await enrol(loi, '2026-02-01T10:00:00+01:00');
    const before = await streamEvents(`enrolment-${enrolmentId}`);
    const res = await api.request('POST', `/enrolments/${enrolmentId}/terminations`, {
      role: 'backoffice',
      body: { commandId: commandId(), requestedAt: '2026-06-20T10:00:00+02:00' },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'TERMINATION_NOT_ALLOWED', ruleId: 'LOI-12.2' });
    expect(await streamEvents(`enrolment-${enrolmentId}`)).toEqual(before);
  });

  it('VLI-4.3a, VLI-4.3b: 78 % fails with one resit allowed, the resit at exactly 80 % passes; nothing after a pass', async () => {
    const { enrolmentId } = await enrol(
      {
        rulebookId: 'vli',
        kind: 'training',
        startsAt: '2026-03-20T09:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 60_000 }],
      },
      '2026-03-02T10:00:00+01:00',
    );
    const first = await post(`/enrolments/${enrolmentId}/exam-results`, {
      sittingAt: '2026-03-20T15:00:00+01:00',
      score: 39,
      maxScore: 50,
      identified: true,
    });
    expect(first).toMatchObject({ passed: false, resitAllowed: true });
    expect(first.decision).toMatchObject({ kind: 'exam-result', ruleIds: ['VLI-4.3a', 'VLI-4.3b'] });
    const resit = await post(`/enrolments/${enrolmentId}/exam-results`, {
      sittingAt: '2026-04-03T15:00:00+02:00',
      score: 40,
      maxScore: 50,
      identified: true,
    });
    expect(resit).toMatchObject({ passed: true, resitAllowed: false, attempt: 2 });
    expect(resit.decision).toMatchObject({ kind: 'exam-result', ruleIds: ['VLI-4.3a'] });
    expect(resit.decisions[0]).toMatchObject({ kind: 'resit', ruleIds: ['VLI-4.3b'], feeCents: 0 });
    const again = await api.request('POST', `/enrolments/${enrolmentId}/exam-results`, {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        sittingAt: '2026-04-10T15:00:00+02:00',
        score: 50,
        maxScore: 50,
        identified: true,
      },
    });
    expect(again.status).toBe(409);
  });

  it('VLI-4.3b, VLI-4.3c: a second resit is refused; fraud fails without a resit', async () => {
    const training = {
      rulebookId: 'vli',
      kind: 'training',
      startsAt: '2026-03-20T09:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 60_000 }],
    };
    const { enrolmentId } = await enrol(training, '2026-03-02T10:00:00+01:00');
    await post(`/enrolments/${enrolmentId}/exam-results`, {
      sittingAt: '2026-03-20T15:00:00+01:00',
      score: 10,
      maxScore: 50,
      identified: true,
    });
    const second = await post(`/enrolments/${enrolmentId}/exam-results`, {
      sittingAt: '2026-04-03T15:00:00+02:00',
      score: 20,
      maxScore: 50,
      identified: true,
    });
    expect(second).toMatchObject({ passed: false, resitAllowed: false });
    const third = await api.request('POST', `/enrolments/${enrolmentId}/exam-results`, {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        sittingAt: '2026-04-17T15:00:00+02:00',
        score: 50,
        maxScore: 50,
        identified: true,
      },
    });
    expect(third.status).toBe(422);
    expect(third.body).toMatchObject({ error: 'RESIT_NOT_ALLOWED', ruleId: 'VLI-4.3b' });

    const fraud = await enrol(training, '2026-03-02T10:00:00+01:00');
    const caught = await post(`/enrolments/${fraud.enrolmentId}/exam-results`, {
      sittingAt: '2026-03-20T15:00:00+01:00',
      score: 50,
      maxScore: 50,
      identified: true,
      fraud: true,
    });
    expect(caught).toMatchObject({ passed: false, resitAllowed: false, resitRuleId: 'VLI-4.3c' });
    expect(caught.decision.ruleIds).toEqual(['VLI-4.3c']);
  });

  it('VLI-2.3: sickness reported before 09:00 on the training day is free; a regular cancellation the day before is charged in full', async () => {
    const training = {
      rulebookId: 'vli',
      kind: 'training',
      startsAt: '2026-03-20T10:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 60_000 }],
    };
    const sick = await enrol(training, '2026-03-02T10:00:00+01:00');
    await pay(sick.invoice.invoiceId, 72_600, '2026-03-03T10:00:00+01:00');
    const free = await post(`/enrolments/${sick.enrolmentId}/cancellations`, {
      requestedAt: '2026-03-20T08:30:00+01:00',
      reason: 'illness',
    });
    expect(free.decision).toMatchObject({ ruleIds: ['VLI-2.3'], feeCents: 0, refundCents: 72_600 });
    expect(free.refunds).toEqual([expect.objectContaining({ amountCents: 72_600 })]);

    const late = await enrol(training, '2026-03-02T10:00:00+01:00');
    await pay(late.invoice.invoiceId, 72_600, '2026-03-03T10:00:00+01:00');
    const charged = await post(`/enrolments/${late.enrolmentId}/cancellations`, {
      requestedAt: '2026-03-19T12:00:00+01:00',
      reason: 'regular',
    });
    // MONEY-I1 (rev 2): 600.00 net + 126.00 VAT = 726.00 charged.
    expect(charged.decision).toMatchObject({
      ruleIds: ['VLI-2.3'],
      feeCents: 60_000,
      feeVatCents: 12_600,
      feeGrossCents: 72_600,
      refundCents: 0,
    });
    expect(charged.refunds).toBeUndefined();
  });

  const contactCourse = {
    rulebookId: 'excellus',
    kind: 'contact-course',
    startsAt: '2026-09-01T09:00:00+02:00',
    components: [{ kind: 'tuition', priceCents: 100_000 }],
  };

  it('EXC-10.3, EXC-4.2: a consumer withdraws within the 14-day cooling-off period for free and gets everything back', async () => {
    const { enrolmentId, invoice } = await enrol(contactCourse, '2026-03-02T10:00:00+01:00');
    // VAT-exempt (art. 7 lid 5); due 10 days before the start.
    expect(invoice).toMatchObject({ netCents: 100_000, vatCents: 0, totalCents: 100_000, dueDate: '2026-08-22' });
    await pay(invoice.invoiceId, 100_000, '2026-03-04T10:00:00+01:00');
    const withdrawn = await post(`/enrolments/${enrolmentId}/withdrawals`, {
      requestedAt: '2026-03-10T10:00:00+01:00',
    });
    expect(withdrawn.decision).toMatchObject({ ruleIds: ['EXC-4.2'], feeCents: 0, refundCents: 100_000 });
    expect(withdrawn.refunds).toEqual([expect.objectContaining({ amountCents: 100_000, dueDate: '2026-03-24' })]);
  });

  it("EXC-4.1, EXC-I1: cancelled between 1 month and 2 weeks before the start: 60 % (the gap read in the customer's favour)", async () => {
    const { enrolmentId, invoice } = await enrol(contactCourse, '2026-03-02T10:00:00+01:00');
    await pay(invoice.invoiceId, 100_000, '2026-03-04T10:00:00+01:00');
    const cancelled = await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-08-10T10:00:00+02:00',
      reason: 'regular',
    });
    expect(cancelled.decision).toMatchObject({
      ruleIds: ['EXC-4.2', 'EXC-4.1'],
      interpretationIds: ['EXC-I1'],
      feeCents: 60_000,
      refundCents: 40_000,
    });
    expect(cancelled.refunds).toEqual([
      expect.objectContaining({ amountCents: 40_000, decisionId: cancelled.decision.decisionId }),
    ]);
    const withdrawal = await api.request('POST', `/enrolments/${enrolmentId}/withdrawals`, {
      role: 'backoffice',
      body: { commandId: commandId(), requestedAt: '2026-08-11T10:00:00+02:00' },
    });
    expect(withdrawal.status).toBe(409);
  });

  it('PP-15.1: a provider cancellation refunds everything paid', async () => {
    const { enrolmentId, invoice } = await enrol(classroom, '2026-03-02T10:00:00+01:00');
    await pay(invoice.invoiceId, 30_000, '2026-03-03T10:00:00+01:00');
    const res = await post(`/enrolments/${enrolmentId}/provider-cancellations`, {
      cancelledAt: '2026-03-12T10:00:00+01:00',
    });
    expect(res.decision).toMatchObject({ ruleIds: ['PP-15.1'], feeCents: 0, refundCents: 30_000 });
    expect(res.refunds).toEqual([expect.objectContaining({ amountCents: 30_000 })]);
  });

  it('PP-15.5-CLS: GET /enrolments/{id} answers as of a business time and as known at a record time; the decision verifies', async () => {
    const { enrolmentId, invoice } = await enrol(classroom, '2026-03-02T10:00:00+01:00');
    await pay(invoice.invoiceId, 54_450, '2026-03-03T10:00:00+01:00');
    const knownBeforeCancel = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-03-10T10:00:00+01:00',
      reason: 'regular',
    });
    expect(cancelled.decision).toMatchObject({ ruleIds: ['PP-15.5-CLS'], feeCents: 22_500, refundCents: 27_225 });

    const now = await api.request('GET', `/enrolments/${enrolmentId}`, { role: 'backoffice' });
    expect(now.body).toMatchObject({
      status: 'cancelled',
      balanceCents: -27_225,
      cancellation: { reason: 'regular', evidence: 'none' },
    });
    const asOf = await api.request(
      'GET',
      `/enrolments/${enrolmentId}?asOf=${encodeURIComponent('2026-03-09T12:00:00+01:00')}`,
      { role: 'auditor' },
    );
    expect(asOf.body).toMatchObject({ status: 'active', balanceCents: 0, asOf: '2026-03-09T12:00:00+01:00' });
    const known = await api.request(
      'GET',
      `/enrolments/${enrolmentId}?knownAt=${encodeURIComponent(knownBeforeCancel)}`,
      { role: 'auditor' },
    );
    expect(known.body).toMatchObject({
      status: 'active',
      decisions: [expect.objectContaining({ eventType: 'PaymentTermDecided' })],
    });
    const beforeRegistration = await api.request(
      'GET',
      `/enrolments/${enrolmentId}?asOf=${encodeURIComponent('2026-03-01T00:00:00+01:00')}`,
      { role: 'auditor' },
    );
    expect(beforeRegistration.status).toBe(404);
    const badTime = await api.request('GET', `/enrolments/${enrolmentId}?asOf=tomorrow`, { role: 'auditor' });
    expect(badTime.status).toBe(400);

    const verified = await api.request('POST', `/decisions/${cancelled.decision.decisionId}/verify`, {
      role: 'auditor',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.matches).toBe(true);
  });

  it('PP-15.5-CLS: resending a cancellation with the same command id returns the first response and appends nothing', async () => {
    const { enrolmentId, invoice } = await enrol(classroom, '2026-03-02T10:00:00+01:00');
    await pay(invoice.invoiceId, 54_450, '2026-03-03T10:00:00+01:00');
    const body = { commandId: commandId(), requestedAt: '2026-03-10T10:00:00+01:00', reason: 'regular' };
    const first = await api.request('POST', `/enrolments/${enrolmentId}/cancellations`, { role: 'backoffice', body });
    const events = await streamEvents(`enrolment-${enrolmentId}`);
    const second = await api.request('POST', `/enrolments/${enrolmentId}/cancellations`, { role: 'backoffice', body });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await streamEvents(`enrolment-${enrolmentId}`)).toEqual(events);
    const conflict = await api.request('POST', `/enrolments/${enrolmentId}/cancellations`, {
      role: 'backoffice',
      body: { ...body, reason: 'illness' },
    });
    expect(conflict.status).toBe(409);
  });

  it('PP-5.2: a 10 % price increase recorded on the offering gives the booking a dissolution right; dissolving refunds everything paid', async () => {
    const { enrolmentId, offeringId, invoice } = await enrol(classroom, '2026-03-02T10:00:00+01:00');
    await pay(invoice.invoiceId, 54_450, '2026-03-03T10:00:00+01:00');
    await post(`/offerings/${offeringId}/price-changes`, {
      changeId: 'pc-2026',
      changedAt: '2026-03-05T00:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 49_500 }],
    });
    const offering = await api.request('GET', `/offerings/${offeringId}`, { role: 'backoffice' });
    expect(offering.body.components).toEqual([{ kind: 'classroom', priceCents: 49_500 }]);
    const applied = await post(`/enrolments/${enrolmentId}/price-changes`, {
      changeId: 'pc-2026',
      appliedAt: '2026-03-05T10:00:00+01:00',
    });
    expect(applied).toMatchObject({ dissolutionRight: true });
    expect(applied.decision).toMatchObject({ kind: 'price-change', ruleIds: ['PP-5.2'], allowed: true });
    const dissolved = await post(`/enrolments/${enrolmentId}/dissolutions`, {
      requestedAt: '2026-03-06T10:00:00+01:00',
      changeId: 'pc-2026',
    });
    expect(dissolved.refunds).toEqual([
      expect.objectContaining({ amountCents: 54_450, decisionId: applied.decision.decisionId, ruleIds: ['PP-5.2'] }),
    ]);
  });

  it('LOI-4: a recognised MBO enrolment with data missing after 30 days is blocked by the scheduler; exams are refused', async () => {
    const mbo = {
      rulebookId: 'loi',
      kind: 'home-study',
      startsAt: '2026-03-01T00:00:00+01:00',
      components: [{ kind: 'tuition', priceCents: 8_000 }],
      level: 'mbo',
      studyMonths: 24,
      tutor: true,
      recognised: true,
      examPassMark: 30,
    };
    const { enrolmentId, invoice } = await enrol(mbo, '2026-02-01T10:00:00+01:00');
    expect(invoice).toMatchObject({ vatCents: 0, totalCents: 192_000 });
    await post(`/enrolments/${enrolmentId}/mbo-data`, { receivedAt: '2026-02-10T10:00:00+01:00', items: ['diplomas'] });
    const run = await api.runScheduler('2026-03-04T06:00:00+01:00');
    expect(run.fired.filter((f) => f.deadlineId === `enrolment-${enrolmentId}:mbo-data`)).toHaveLength(1);
    const overdue = (await streamEvents(`enrolment-${enrolmentId}`)).find((e) => e.type === 'MboDataOverdue')!;
    expect(overdue.data).toMatchObject({
      missing: ['personalNumber', 'signedAgreement'],
      decision: { ruleIds: ['LOI-4'] },
    });
    const exam = await api.request('POST', `/enrolments/${enrolmentId}/exam-results`, {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        sittingAt: '2026-06-01T10:00:00+02:00',
        score: 40,
        maxScore: 50,
        identified: true,
      },
    });
    expect(exam.status).toBe(422);
    expect(exam.body).toMatchObject({ error: 'EXAMS_BLOCKED', ruleId: 'LOI-4' });
  });

  it('a payment to a well-formed invoice id of an unrecorded enrolment is 404 INVOICE_NOT_FOUND and appends nothing', async () => {
    const enrolmentId = newId('enr');
    const paid = await api.request('POST', '/payments', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        paymentId: newId('pay'),
        invoiceId: `enrolment-${enrolmentId}-INV-1`,
        amountCents: 10_000,
        receivedAt: '2026-03-02T10:00:00+01:00',
      },
    });
    expect(paid.status).toBe(404);
    expect(paid.body.error).toBe('INVOICE_NOT_FOUND');
    expect((await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' })).status).toBe(
      404,
    );
  });

  it('bad input is 400 naming the field; an unknown offering is 404; nothing is appended', async () => {
    const ids = await setUp(classroom);
    const badOption = await api.request('POST', '/offerings', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        offeringId: newId('off'),
        rulebookId: 'vli',
        kind: 'training',
        title: 'x',
        startsAt: '2026-03-20T09:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 1 }],
        level: 'mbo',
      },
    });
    expect(badOption.status).toBe(400);
    expect(badOption.body.message).toContain('level');
    const badMoney = await api.request('POST', '/offerings', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        offeringId: newId('off'),
        rulebookId: 'vli',
        kind: 'training',
        title: 'x',
        startsAt: '2026-03-20T09:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 1.5 }],
      },
    });
    expect(badMoney.status).toBe(400);
    expect(badMoney.body.message).toContain('priceCents');
    const unknown = await api.request('POST', '/enrolments', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        enrolmentId: newId('enr'),
        offeringId: 'nope',
        learnerId: ids.learnerId,
        customerId: ids.customerId,
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
    });
    expect(unknown.status).toBe(404);
    const enrolmentId = newId('enr');
    const early = await api.request('POST', '/enrolments', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        enrolmentId,
        offeringId: ids.offeringId,
        learnerId: ids.learnerId,
        customerId: ids.customerId,
        registeredAt: 'yesterday',
      },
    });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('registeredAt');
    expect((await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' })).status).toBe(
      404,
    );
  });
});
