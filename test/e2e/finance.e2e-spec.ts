/**
 * Finance over HTTP against the embedded store, with real enrolments (docs/api.md "Finance"):
 * payments and reversals, reminders (EXC-11 / §6), statutory interest and collection costs in
 * GET /customers/{id}/balance?asOf= checked against hand-computed figures, complaints suspending
 * charges (EXC-12), refund payouts, invoice numbers and CSV exports. A refused action is 4xx naming
 * the field or the rule, and nothing is appended.
 */
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

describe('finance over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

  const balance = async (customerId: string, asOf: string) => {
    const res = await api.request('GET', `/customers/${customerId}/balance?asOf=${encodeURIComponent(asOf)}`, {
      role: 'finance',
    });
    expect(res.status).toBe(200);
    return res.body;
  };

  const streamLength = async (streamId: string): Promise<number> => {
    const res = await api.request('GET', `/streams/${streamId}/events`, { role: 'auditor' });
    return res.status === 404 ? 0 : res.body.events.length;
  };

  async function enrol(kind: 'consumer' | 'business', offering: Record<string, unknown>, registeredAt: string) {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    const enrolmentId = newId('enr');
    await post('/customers', {
      customerId,
      kind,
      name: 'Opleidingen B.V.',
      email: 'finance@example.nl',
      registeredAt: '2024-01-02T10:00:00+01:00',
    });
    await post('/learners', {
      learnerId,
      name: 'P. de Boer',
      email: 'p.deboer@example.nl',
      registeredAt: '2024-01-02T10:00:00+01:00',
    });
    await post('/offerings', { offeringId, title: 'Course', ...offering });
    const registered = await post('/enrolments', { enrolmentId, offeringId, learnerId, customerId, registeredAt });
    return {
      customerId,
      enrolmentId,
      invoice: registered.invoice as { invoiceId: string; totalCents: number; dueDate: string },
    };
  }

  // PlusPort classroom of 1,000.00 + 21 % VAT starting Sat 2024-06-01: due the day before (PP-5.3, PP-I11).
  const plusportClassroom = {
    rulebookId: 'plusport',
    kind: 'classroom',
    startsAt: '2024-06-01T09:00:00+02:00',
    components: [{ kind: 'classroom', priceCents: 100_000 }],
  };

  it('PP-5.4, WIK-2, FIN-I4, FIN-I5: a business customer pays half late; balance as of several dates across the 2024-07-01 rate change and the year boundary; a reversal puts the interest back', async () => {
    const { customerId, invoice } = await enrol('business', plusportClassroom, '2024-05-01T10:00:00+02:00');
    expect(invoice).toMatchObject({ totalCents: 121_000, dueDate: '2024-05-31' });

    // A reminder on the due date is refused under PP-5.4 and appends nothing.
    const early = await api.request('POST', `/invoices/${invoice.invoiceId}/reminders`, {
      role: 'backoffice',
      body: { commandId: commandId(), sentAt: '2024-05-31T10:00:00+02:00' },
    });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ error: 'REMINDER_BEFORE_DEFAULT', ruleId: 'PP-5.4' });
    expect(await streamLength(`dunning-${invoice.invoiceId}`)).toBe(0);

    // Reminder received Mon 2024-06-10: 14 days to Mon 06-24; collection costs from 06-25. A resend is identical.
    const reminderBody = { commandId: commandId(), sentAt: '2024-06-10T10:00:00+02:00' };
    const reminder = await api.request('POST', `/invoices/${invoice.invoiceId}/reminders`, {
      role: 'backoffice',
      body: reminderBody,
    });
    expect(reminder.status).toBe(201);
    expect(reminder.body.reminder).toMatchObject({
      reminderNumber: 1,
      reminderTermEndsOn: '2024-06-24',
      collectionCostsDueFrom: '2024-06-25',
      interestFrom: '2024-06-01',
      ruleIds: ['PP-5.4'],
    });
    const resent = await api.request('POST', `/invoices/${invoice.invoiceId}/reminders`, {
      role: 'backoffice',
      body: reminderBody,
    });
    expect(resent.body).toEqual(reminder.body);
    expect(await streamLength(`dunning-${invoice.invoiceId}`)).toBe(1);

    // As of 2024-06-30: 121,000 x 0.125 x 30/366 = 1,239.75 -> 12.40; costs 15 % of 1,210.00 = 181.50.
    expect(await balance(customerId, '2024-06-30')).toMatchObject({
      outstandingCents: 121_000,
      overdueCents: 121_000,
      interestCents: 1_240,
      collectionCostsCents: 18_150,
      interestStatus: 'ok',
      customerKind: 'business',
    });

    const paymentId = newId('pay');
    await post('/payments', {
      paymentId,
      invoiceId: invoice.invoiceId,
      amountCents: 60_500,
      receivedAt: '2024-08-01T09:00:00+02:00',
    });
    // As of 2024-12-31: 605.00 until 08-01 = 12.48 (456,621.25/366), 605.00 to year end = 43.46 (1,590,545/366).
    const december = await balance(customerId, '2024-12-31');
    expect(december).toMatchObject({
      paidCents: 60_500,
      outstandingCents: 60_500,
      interestCents: 5_594,
      collectionCostsCents: 18_150,
      totalDueCents: 60_500 + 5_594 + 18_150,
    });
    expect(december.invoices[0].interest.ruleIds).toEqual(['PP-5.4']);
    // Across the year boundary: + 605.00 x 0.1115 x 90/365 (1,663.34) on the open half, rounded with 2024's: 43.46 + 16.63 -> 60.09; total 72.57.
    expect((await balance(customerId, '2025-03-31')).interestCents).toBe(1_248 + 6_009);
    // The built-in table ends 2026-06-30 (no rate recorded after it here): the answer says so instead of guessing (INT-I4).
    expect(await balance(customerId, '2026-07-15')).toMatchObject({
      interestStatus: 'rate-unknown',
      interestRateUnknownFrom: '2026-07-01',
    });

    // A reversal before the payment is bad input (400 naming the field), nothing appended.
    const ownerStream: string = (await api.request('GET', `/invoices/${invoice.invoiceId}`, { role: 'finance' })).body
      .ownerStreamId;
    const before = await streamLength(ownerStream);
    const badReversal = await api.request('POST', `/payments/${paymentId}/reversals`, {
      role: 'backoffice',
      body: { commandId: commandId(), reversedAt: '2024-07-31T09:00:00+02:00', reason: 'bank return' },
    });
    expect(badReversal.status).toBe(400);
    expect(badReversal.body.fields.map((f: { field: string }) => f.field)).toEqual(['reversedAt']);
    expect(await streamLength(ownerStream)).toBe(before);

    // The bank returns the payment on 2024-09-02: as of year end it counts as never paid (FIN-I5): 86.92.
    const reversed = await post(`/payments/${paymentId}/reversals`, {
      reversedAt: '2024-09-02T09:00:00+02:00',
      reason: 'bank return',
    });
    expect(reversed.events.map((e: { type: string }) => e.type)).toEqual(['PaymentReversed']);
    expect(reversed.streamId).toBe(ownerStream);
    expect(await balance(customerId, '2024-12-31')).toMatchObject({
      paidCents: 0,
      outstandingCents: 121_000,
      interestCents: 8_692,
    });
    const again = await api.request('POST', `/payments/${paymentId}/reversals`, {
      role: 'backoffice',
      body: { commandId: commandId(), reversedAt: '2024-09-03T09:00:00+02:00', reason: 'twice' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('PAYMENT_ALREADY_REVERSED');
  });

  it('EXC-11, EXC-12: an Excellus consumer in default; a complaint suspends interest and collection costs until it is closed', async () => {
    const contactCourse = {
      rulebookId: 'excellus',
      kind: 'contact-course',
      startsAt: '2024-04-10T09:00:00+02:00',
      components: [{ kind: 'tuition', priceCents: 100_000 }],
    };
    const { customerId, enrolmentId, invoice } = await enrol('consumer', contactCourse, '2024-03-01T10:00:00+01:00');
    // VAT-exempt, due 10 days before the start (EXC-10.3).
    expect(invoice).toMatchObject({ totalCents: 100_000, dueDate: '2024-03-31' });
    expect((await balance(customerId, '2024-04-15')).invoices[0].interest.status).toBe('reminder-needed');
    const reminder = await post(`/invoices/${invoice.invoiceId}/reminders`, { sentAt: '2024-04-02T09:00:00+02:00' });
    expect(reminder.decision).toMatchObject({
      kind: 'collection-costs',
      ruleIds: ['EXC-11', 'WIK-2'],
      surchargeCents: 15_000,
      deadlines: { collectionCostsDueFrom: '2024-04-17', interestFrom: '2024-04-17' },
    });

    // The decision on the reminder is an auditable decision: recomputed from its inputs it matches.
    const verified = await api.request('POST', `/decisions/${reminder.decision.decisionId}/verify`, {
      role: 'auditor',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.matches).toBe(true);

    const complaintId = newId('cmp');
    const filed = await post('/complaints', {
      complaintId,
      enrolmentId,
      filedAt: '2024-05-01T11:00:00+02:00',
      subject: 'invoice',
    });
    expect(filed.decision).toMatchObject({
      kind: 'complaint-suspension',
      ruleIds: ['EXC-12'],
      deadlines: { suspendedFrom: '2024-05-01' },
    });
    // 2024-04-17 .. 04-30: 14 days x 100,000 x 0.07 / 366 = 267.76 -> 2.68; costs suspended.
    const during = await balance(customerId, '2024-05-05');
    expect(during).toMatchObject({ interestCents: 268, collectionCostsCents: 0 });
    expect(during.invoices[0].collectionCosts.status).toBe('suspended');

    const closed = await post(`/complaints/${complaintId}/closures`, {
      closedAt: '2024-05-10T16:00:00+02:00',
      outcome: 'rejected',
    });
    expect(closed.decision).toMatchObject({ ruleIds: ['EXC-12'], deadlines: { suspendedUntil: '2024-05-11' } });
    expect(
      (await api.request('POST', `/decisions/${closed.decision.decisionId}/verify`, { role: 'auditor' })).body.matches,
    ).toBe(true);
    // 45 days from 04-17 to 05-31 minus 10 suspended = 35: 245,000/366 = 669.40 -> 6.69; costs 15 % of 1,000.00 = 150.00.
    expect(await balance(customerId, '2024-05-31')).toMatchObject({
      interestCents: 669,
      collectionCostsCents: 15_000,
      totalDueCents: 100_000 + 669 + 15_000,
    });
    const view = await api.request('GET', `/complaints/${complaintId}`, { role: 'finance' });
    expect(view.body).toMatchObject({
      status: 'closed',
      suspendsCharges: true,
      closed: { suspendedUntil: '2024-05-11' },
    });
    const listed = await api.request('GET', `/complaints?customerId=${customerId}&status=closed`, { role: 'finance' });
    expect(listed.body.items.map((c: { complaintId: string }) => c.complaintId)).toEqual([complaintId]);
  });

  it('PP-16.5: a complaint after the 2-week window is refused (422) and appends nothing; one in time gets its answer deadline', async () => {
    const { enrolmentId } = await enrol('consumer', plusportClassroom, '2024-05-01T10:00:00+02:00');
    const lateId = newId('cmp');
    const late = await api.request('POST', '/complaints', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        complaintId: lateId,
        enrolmentId,
        filedAt: '2024-06-20T10:00:00+02:00',
        courseEndedOn: '2024-06-01',
      },
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ error: 'COMPLAINT_TOO_LATE', ruleId: 'PP-16.5' });
    expect(await streamLength(`complaint-${lateId}`)).toBe(0);
    const missing = await api.request('POST', '/complaints', {
      role: 'backoffice',
      body: { commandId: commandId(), complaintId: newId('cmp'), enrolmentId, filedAt: '2024-06-05T10:00:00+02:00' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['courseEndedOn']);
    const complaintId = newId('cmp');
    // Course of Sat 2024-06-01, complaint Wed 06-05: 7 working days later is Fri 2024-06-14.
    const filed = await post('/complaints', {
      complaintId,
      enrolmentId,
      filedAt: '2024-06-05T10:00:00+02:00',
      courseEndedOn: '2024-06-01',
    });
    expect(filed.decision).toMatchObject({
      ruleIds: ['PP-16.5'],
      deadlines: { answerDueBy: '2024-06-14', complaintWindowEndsOn: '2024-06-15' },
    });
    // The answer deadline passes unanswered: the scheduler records it missed.
    const run = await api.runScheduler('2024-06-16T00:00:00+02:00');
    expect(
      run.fired.filter((f) => f.deadlineId === `complaint-${complaintId}:answerDueBy`).map((f) => f.events),
    ).toEqual([['ComplaintDeadlineMissed']]);
  });

  it('LEDGER-I1, FIN-I10: an overpayment becomes a refund entitlement; paid out in parts, never beyond it; GET /refunds?status=owed and CSV', async () => {
    const { customerId, invoice } = await enrol('consumer', plusportClassroom, '2024-05-01T10:00:00+02:00');
    // 1,250.00 on 1,210.00: 40.00 back.
    const paymentId = newId('pay');
    const paid = await post('/payments', {
      paymentId,
      invoiceId: invoice.invoiceId,
      amountCents: 125_000,
      receivedAt: '2024-05-10T10:00:00+02:00',
    });
    // The same payment id on another invoice is a conflict (payments are never edited or moved).
    const other = await enrol('consumer', plusportClassroom, '2024-05-01T10:00:00+02:00');
    const reused = await api.request('POST', '/payments', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        paymentId,
        invoiceId: other.invoice.invoiceId,
        amountCents: 100,
        receivedAt: '2024-05-10T10:00:00+02:00',
      },
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toBe('PAYMENT_ID_EXISTS');
    // D54: a payment claims its id before it is recorded; a resend (same command id and body) finds
    // the claim and the payment again and answers what was recorded, appending nothing.
    const resendBody = {
      commandId: commandId(),
      paymentId: newId('pay'),
      invoiceId: other.invoice.invoiceId,
      amountCents: 100,
      receivedAt: '2024-05-10T10:00:00+02:00',
    };
    const first = await api.request('POST', '/payments', { role: 'backoffice', body: resendBody });
    const resent = await api.request('POST', '/payments', { role: 'backoffice', body: resendBody });
    expect(first.status).toBe(201);
    expect(resent.status).toBe(first.status);
    expect(resent.body).toEqual(first.body);
    const claim = await api.request('GET', `/streams/id-claim-payment-${resendBody.paymentId}/events`, {
      role: 'auditor',
    });
    expect(claim.status).toBe(200);
    expect(claim.body.events).toEqual([
      expect.objectContaining({
        type: 'IdClaimed',
        revision: 0,
        commandId: `${resendBody.commandId}/claim-payment-id`,
        data: { kind: 'payment', id: resendBody.paymentId, ownerId: other.invoice.invoiceId },
      }),
    ]);
    const refundId = paid.events.find((e: { type: string }) => e.type === 'RefundEntitlementGranted').data.refundId;
    const owed = await api.request('GET', `/refunds?status=owed&customerId=${customerId}`, { role: 'finance' });
    expect(owed.body).toEqual([
      expect.objectContaining({
        refundId,
        customerId,
        amountCents: 4_000,
        outstandingCents: 4_000,
        dueDate: '2024-05-24',
        status: 'owed',
      }),
    ]);

    const payout = {
      commandId: commandId(),
      amountCents: 1_500,
      paidAt: '2024-05-20T10:00:00+02:00',
      reference: 'batch-2024-05-20',
    };
    const firstPayout = await api.request('POST', `/refunds/${refundId}/payments`, {
      role: 'backoffice',
      body: payout,
    });
    expect(firstPayout.status).toBe(201);
    const ownerStream = paid.streamId;
    const before = await streamLength(ownerStream);
    // A retry with the command id in upper case is the same command: paid once (issue 16).
    const retried = await api.request('POST', `/refunds/${refundId}/payments`, {
      role: 'backoffice',
      body: { ...payout, commandId: payout.commandId.toUpperCase() },
    });
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(firstPayout.body);
    expect(await streamLength(ownerStream)).toBe(before);
    // 25.00 still owed: 25.01 is refused by the entitlement, nothing appended.
    const over = await api.request('POST', `/refunds/${refundId}/payments`, {
      role: 'backoffice',
      body: { commandId: commandId(), amountCents: 2_501, paidAt: '2024-05-21T10:00:00+02:00', reference: 'batch-x' },
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toBe('PAYOUT_EXCEEDS_ENTITLEMENT');
    expect(await streamLength(ownerStream)).toBe(before);
    const negative = await api.request('POST', `/refunds/${refundId}/payments`, {
      role: 'backoffice',
      body: { commandId: commandId(), amountCents: -5, paidAt: '2024-05-21T10:00:00+02:00', reference: 'batch-x' },
    });
    expect(negative.status).toBe(400);
    expect(negative.body.fields.map((f: { field: string }) => f.field)).toEqual(['amountCents']);
    await post(`/refunds/${refundId}/payments`, {
      amountCents: 2_500,
      paidAt: '2024-05-22T10:00:00+02:00',
      reference: 'batch-2024-05-22',
    });

    const refund = await api.request('GET', `/refunds/${refundId}`, { role: 'finance' });
    expect(refund.body).toMatchObject({ status: 'paid', paidCents: 4_000, outstandingCents: 0 });
    expect(await balance(customerId, '2024-05-31')).toMatchObject({
      paidCents: 125_000,
      refundsGrantedCents: 4_000,
      refundsPaidCents: 4_000,
      refundsOwedCents: 0,
      outstandingCents: 0,
      netPositionCents: 0,
    });

    const csv = await api.request('GET', `/refunds?customerId=${customerId}`, {
      role: 'finance',
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe(
      'refundId,customerId,provider,enrolmentId,participantId,invoiceId,amountCents,paidCents,outstandingCents,dueDate,status,reason,ruleIds,decisionId,grantedAt,lastPaidAt',
    );
    expect(lines[1]!.split(',').slice(0, 3)).toEqual([refundId, customerId, 'plusport']);
    expect(lines[1]!.split(',').slice(6, 11)).toEqual(['4000', '4000', '0', '2024-05-24', 'paid']);
  });

  it('FIN-I9: invoice numbers per provider and year are consecutive, shown on GET /invoices/{id}, and a second run changes nothing', async () => {
    const a = await enrol('consumer', plusportClassroom, '2024-05-02T10:00:00+02:00');
    const b = await enrol('consumer', plusportClassroom, '2024-05-03T10:00:00+02:00');
    const first = await api.request('POST', '/invoice-numbering/runs', { role: 'admin' });
    expect(first.status).toBe(200);
    const second = await api.request('POST', '/invoice-numbering/runs', { role: 'admin' });
    expect(second.body.assigned).toBe(0);
    const numberOf = async (invoiceId: string) =>
      (await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body.invoiceNumber as string;
    const [na, nb] = [await numberOf(a.invoice.invoiceId), await numberOf(b.invoice.invoiceId)];
    expect(na).toMatch(/^PP-2024-\d{6}$/);
    expect(Number(nb.slice(-6))).toBe(Number(na.slice(-6)) + 1);
    const series = await api.request('GET', '/streams/invoice-numbers-plusport-2024/events', { role: 'auditor' });
    expect(series.body.events.map((e: { data: { sequence: number } }) => e.data.sequence)).toEqual(
      series.body.events.map((_: unknown, i: number) => i + 1),
    );
    const forbidden = await api.request('POST', '/invoice-numbering/runs', { role: 'backoffice' });
    expect(forbidden.status).toBe(403);
    const openApi = await api.request('GET', '/docs-json', { role: null });
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining([
        '/payments',
        '/payments/{paymentId}/reversals',
        '/invoices/{invoiceId}',
        '/invoices/{invoiceId}/reminders',
        '/refunds',
        '/refunds/{refundId}/payments',
        '/customers/{customerId}/balance',
        '/exports/balances.csv',
        '/exports/refunds.csv',
        '/complaints',
        '/complaints/{complaintId}/closures',
        '/invoice-numbering/runs',
      ]),
    );
  });

  it('balance input: a bad asOf is 400 naming the field, an unknown customer 404, a backoffice key 403; CSV export of balances', async () => {
    const { customerId } = await enrol('business', plusportClassroom, '2024-05-01T10:00:00+02:00');
    const bad = await api.request('GET', `/customers/${customerId}/balance?asOf=2024-13-01`, { role: 'finance' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['asOf']);
    const farFuture = await api.request('GET', `/customers/${customerId}/balance?asOf=9999-12-31`, { role: 'finance' });
    expect(farFuture.status).toBe(400);
    expect(farFuture.body.fields.map((f: { field: string }) => f.field)).toEqual(['asOf']);
    const badKnownAt = await api.request('GET', `/customers/${customerId}/balance?asOf=2024-06-30&knownAt=yesterday`, {
      role: 'finance',
    });
    expect(badKnownAt.status).toBe(400);
    expect(badKnownAt.body.fields.map((f: { field: string }) => f.field)).toEqual(['knownAt']);
    expect(
      (await api.request('GET', `/customers/${newId('nobody')}/balance?asOf=2024-06-30`, { role: 'finance' })).status,
    ).toBe(404);
    expect((await api.request('GET', `/customers/${customerId}/balance`, { role: 'backoffice' })).status).toBe(403);
    for (const route of [
      '/refunds?limit=0',
      '/refunds?limit=5001',
      '/complaints?limit=501',
      '/exports/balances.csv?limit=x',
      '/refunds?cursor=not-a-cursor',
    ]) {
      const res = await api.request('GET', route, { role: 'finance' });
      expect([route, res.status]).toEqual([route, 400]);
    }
    expect((await api.request('GET', '/complaints?limit=500', { role: 'finance' })).status).toBe(200);
    expect((await api.request('GET', '/refunds?limit=5000', { role: 'finance' })).status).toBe(200);
    const summary = await api.request('GET', `/customers/${customerId}/balance?asOf=2024-06-30&invoices=false`, {
      role: 'auditor',
    });
    expect(summary.body.invoices).toBeUndefined();
    expect(summary.body).toMatchObject({ invoicedCents: 121_000, interestCents: 1_240 });

    const csv = await api.request('GET', '/exports/balances.csv?asOf=2024-06-30', { role: 'finance' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['customerId', 'customerKind', 'asOf', 'invoicedCents']);
    const row = lines.find((line) => line.startsWith(`${customerId},`))!.split(',');
    // invoiced 1,210.00; outstanding and overdue 1,210.00; interest 12.40; no reminder: no costs
    expect(row.slice(0, 4)).toEqual([customerId, 'business', '2024-06-30', '121000']);
    expect(row[9]).toBe('121000');
    expect(row[12]).toBe('1240');
  });
});
