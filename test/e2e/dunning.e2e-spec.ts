/**
 * Automated dunning over HTTP (docs/operations.md "Dunning", FIN-I15): the scheduler sends each
 * unpaid invoice's reminder after its due date, the demand (aanmaning) after the reminder's term and
 * escalates after the demand's, as the invoice's rulebook decides; a second run sends nothing twice;
 * a paused invoice gets nothing until the pause is lifted; GET /dunning lists the states; the letters
 * come as Dutch PDFs.
 */
import { pdfText } from '../support/documents';
import { commandId, newId, startHarness, TEST_KEYS, type Harness } from '../support/http-harness';

describe('automated dunning over HTTP', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api.close();
  });

  async function post(route: string, body: Record<string, unknown>, role: 'backoffice' | 'admin' = 'backoffice') {
    const res = await api.request('POST', route, { role, body: { commandId: commandId(), ...body } });
    if (res.status !== 201) throw new Error(`POST ${route}: got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const runScheduler = async (until: string) => {
    const run = await api.request('POST', '/admin/scheduler/run', { role: 'admin', body: { until } });
    expect(run.status).toBe(200);
    // Every run here fires far fewer than the bound: it got to the end of what was due.
    expect(run.body.complete).toBe(true);
    return run.body.fired as Array<{ deadlineId: string; command: string; outcome: string; dueAt: string }>;
  };
  const streamEvents = async (streamId: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> => {
    const res = await api.request('GET', `/streams/${streamId}/events`, { role: 'auditor' });
    return res.status === 404 ? [] : res.body.events;
  };
  const fetchPdf = async (route: string) => {
    const response = await fetch(api.baseUrl + route, {
      headers: { authorization: `Bearer ${TEST_KEYS.finance}`, accept: 'application/pdf' },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
  const dunningList = async (query: string) => {
    const res = await api.request('GET', `/dunning?${query}`, { role: 'finance' });
    expect(res.status).toBe(200);
    return res.body as { items: Array<Record<string, unknown> & { invoiceId: string }>; nextCursor: string | null };
  };

  /** An Excellus contact course of `priceCents` (VAT-exempt), registered 2 months before its start; EXC-10.3: due start - 10 days. */
  async function excellusInvoice(
    kind: 'business' | 'consumer',
    startsAt: string,
    registeredAt: string,
    priceCents: number,
  ) {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', {
      customerId,
      kind,
      name: kind === 'business' ? 'Jansen B.V.' : 'A. Jansen',
      email: 'info@jansen.example',
      registeredAt,
    });
    await post(`/customers/${customerId}/billing-details`, {
      legalName: kind === 'business' ? 'Opleidingen Jansen B.V.' : 'A. Jansen',
      address: { street: 'Keizersgracht 1', postalCode: '1015 CC', city: 'Amsterdam', countryCode: 'NL' },
      invoiceEmail: 'facturen@jansen.example',
      ...(kind === 'business' ? { kvkNumber: '12345678', vatId: 'NL123456782B01' } : {}),
      recordedAt: registeredAt,
    });
    await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl', registeredAt });
    await post('/offerings', {
      offeringId,
      title: 'Leidinggeven',
      rulebookId: 'excellus',
      kind: 'contact-course',
      startsAt,
      components: [{ kind: 'tuition', priceCents }],
    });
    const registered = await post('/enrolments', {
      enrolmentId: newId('enr'),
      offeringId,
      learnerId,
      customerId,
      registeredAt,
    });
    expect((await api.request('POST', '/invoice-numbering/runs', { role: 'admin', body: {} })).status).toBe(200);
    return { customerId, invoiceId: registered.invoice.invoiceId as string, invoice: registered.invoice };
  }

  it('EXC-11, WIK-2, FIN-I15: a scheduler run to 2026-11-01 reminds an unpaid Excellus 3,000.00 business invoice due 2026-08-31 on 2026-09-01, demands on 09-16 and escalates on 10-01; the balance shows collection costs 425.00 and interest; a second run sends nothing twice', async () => {
    const { customerId, invoiceId, invoice } = await excellusInvoice(
      'business',
      '2026-09-10T09:00:00+02:00',
      '2026-07-01T10:00:00+02:00',
      300_000,
    );
    expect(invoice).toMatchObject({ totalCents: 300_000, dueDate: '2026-08-31' });
    // The commercial rate of the second half of 2026, as published (the built-in table ends 2026-06-30).
    await post(
      '/admin/statutory-rates',
      {
        customerKind: 'business',
        effectiveFrom: '2026-07-01',
        rateBasisPoints: 1_015,
        source: 'Staatscourant 2026 (test)',
      },
      'admin',
    );
    const balanceOn = async (asOf: string) =>
      (await api.request('GET', `/customers/${customerId}/balance?asOf=${asOf}&invoices=false`, { role: 'finance' }))
        .body;
    expect((await balanceOn('2026-11-01')).collectionCostsCents).toBe(0);
    // Due by the morning of 2026-09-01: listed as due before the run.
    expect((await dunningList('status=due&asOf=2026-09-01&provider=excellus')).items.map((i) => i.invoiceId)).toContain(
      invoiceId,
    );

    const fired = (await runScheduler('2026-11-01T00:00:00+01:00')).filter((f) =>
      f.deadlineId.startsWith(`dunning-${invoiceId}:`),
    );
    expect(fired.map((f) => [f.command, f.dueAt, f.outcome])).toEqual([
      ['SendDueReminder', '2026-09-01T09:00:00+02:00', 'applied'],
      ['SendDueReminder', '2026-09-16T09:00:00+02:00', 'applied'],
      ['EscalateDunning', '2026-10-01T09:00:00+02:00', 'applied'],
    ]);
    const events = await streamEvents(`dunning-${invoiceId}`);
    expect(events.map((e) => e.type)).toEqual(['PaymentReminderSent', 'PaymentReminderSent', 'DunningEscalated']);
    expect(events[0]!.data).toMatchObject({
      reminderNumber: 1,
      letter: 'herinnering',
      receivedOn: '2026-09-01',
      termDays: 14,
    });
    expect(events[0]!.data['ruleIds']).toContain('EXC-11');
    expect(events[0]!.data['interpretationIds']).toContain('FIN-I15');
    expect(events[1]!.data).toMatchObject({ reminderNumber: 2, letter: 'aanmaning' });
    expect(events[2]!.data).toMatchObject({ afterReminderNumber: 2, outstandingCents: 300_000, ruleIds: ['EXC-11'] });

    const after = await balanceOn('2026-11-01');
    // WIK: 15 % of 2,500.00 + 10 % of 500.00 = 425.00, owed once (the demand charges nothing more)
    expect(after.collectionCostsCents).toBe(42_500);
    expect(after.interestCents).toBeGreaterThan(0);
    expect(after.interestStatus).toBe('ok');

    const again = (await runScheduler('2026-11-01T00:00:00+01:00')).filter((f) =>
      f.deadlineId.startsWith(`dunning-${invoiceId}:`),
    );
    expect(again).toEqual([]);
    const viaDunningRun = await api.request('POST', '/dunning/runs', {
      role: 'admin',
      body: { until: '2026-11-01T00:00:00+01:00' },
    });
    expect(viaDunningRun.status).toBe(200);
    expect(viaDunningRun.body.complete).toBe(true);
    expect(viaDunningRun.body.steps.filter((s: { invoiceId: string }) => s.invoiceId === invoiceId)).toEqual([]);
    expect(viaDunningRun.body.reminders.filter((s: { invoiceId: string }) => s.invoiceId === invoiceId)).toEqual([]);
    expect(await streamEvents(`dunning-${invoiceId}`)).toHaveLength(3);
    expect((await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body.reminders).toHaveLength(2);

    const escalated = (await dunningList('status=escalated&provider=excellus')).items.find(
      (i) => i.invoiceId === invoiceId,
    );
    expect(escalated).toMatchObject({
      status: 'escalated',
      outstandingCents: 300_000,
      escalated: { escalatedOn: '2026-10-01' },
    });
    expect((await dunningList('status=sent&provider=excellus')).items.map((i) => i.invoiceId)).not.toContain(invoiceId);
    expect(
      (await dunningList('status=due&asOf=2026-11-01&provider=excellus')).items.map((i) => i.invoiceId),
    ).not.toContain(invoiceId);

    // The demand as a letter: the costs now charged, 14 more days.
    const demand = await api.request('GET', `/invoices/${invoiceId}/reminders/2`, { role: 'finance' });
    expect(demand.status).toBe(200);
    expect(demand.body).toMatchObject({
      letter: 'aanmaning',
      collectionCostsCents: 42_500,
      reminderTermEndsOn: '2026-09-30',
    });
    const pdf = await fetchPdf(`/invoices/${invoiceId}/reminders/1`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = (await pdfText(pdf.body)).replace(/\s+/g, ' ');
    const numbered = (await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body;
    for (const expected of [
      'Betalingsherinnering',
      numbered.invoiceNumber,
      numbered.paymentReference,
      '€ 3.000,00',
      '01-09-2026',
      '14 dagen na ontvangst',
      '15-09-2026',
      '€ 425,00',
    ])
      expect(text).toContain(expected);
    expect((await api.request('GET', `/invoices/${invoiceId}/reminders/3`, { role: 'finance' })).status).toBe(404);
    const malformed = await api.request('GET', `/invoices/${invoiceId}/reminders/x`, { role: 'finance' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toMatch(/reminderNumber/);
  });

  it('FIN-I15: a paused invoice gets no reminder from the scheduler and none by hand (409); lifting the pause sends it; a consumer reminder is the 14-day letter with the WIK costs warning', async () => {
    const { invoiceId, invoice } = await excellusInvoice(
      'consumer',
      '2027-03-20T09:00:00+01:00',
      '2027-01-04T10:00:00+01:00',
      100_000,
    );
    expect(invoice).toMatchObject({ totalCents: 100_000, dueDate: '2027-03-10' });

    const badReason = await api.request('POST', `/invoices/${invoiceId}/dunning-pauses`, {
      role: 'finance',
      body: { commandId: commandId(), pausedAt: '2027-03-05T10:00:00+01:00', reason: 'holiday' },
    });
    expect(badReason.status).toBe(400);
    expect(JSON.stringify(badReason.body)).toMatch(/reason/);
    expect(await streamEvents(`dunning-${invoiceId}`)).toEqual([]);
    const unknown = await api.request('POST', '/invoices/enrolment-nope-INV-1/dunning-pauses', {
      role: 'finance',
      body: { commandId: commandId(), pausedAt: '2027-03-05T10:00:00+01:00', reason: 'complaint' },
    });
    expect(unknown.status).toBe(404);

    const paused = await api.request('POST', `/invoices/${invoiceId}/dunning-pauses`, {
      role: 'finance',
      body: { commandId: commandId(), pausedAt: '2027-03-05T10:00:00+01:00', reason: 'payment-plan', note: 'plan 3x' },
    });
    expect(paused.status).toBe(201);
    expect(paused.body.events[0]).toMatchObject({ type: 'DunningPaused' });
    const twice = await api.request('POST', `/invoices/${invoiceId}/dunning-pauses`, {
      role: 'finance',
      body: { commandId: commandId(), pausedAt: '2027-03-06T10:00:00+01:00', reason: 'complaint' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('DUNNING_ALREADY_PAUSED');

    const listed = (await dunningList('status=paused&provider=excellus')).items.find((i) => i.invoiceId === invoiceId);
    expect(listed).toMatchObject({
      status: 'paused',
      paused: { reason: 'payment-plan', note: 'plan 3x', by: 'svc-test-finance' },
    });

    const fired = (await runScheduler('2027-04-30T00:00:00+02:00')).filter((f) =>
      f.deadlineId.startsWith(`dunning-${invoiceId}:`),
    );
    expect(fired).toEqual([]);
    const byHand = await api.request('POST', `/invoices/${invoiceId}/reminders`, {
      role: 'backoffice',
      body: { commandId: commandId(), sentAt: '2027-03-15T10:00:00+01:00' },
    });
    expect(byHand.status).toBe(409);
    expect(byHand.body.error).toBe('DUNNING_PAUSED');
    expect((await streamEvents(`dunning-${invoiceId}`)).map((e) => e.type)).toEqual(['DunningPaused']);

    const resumed = await api.request('POST', `/invoices/${invoiceId}/dunning-resumptions`, {
      role: 'finance',
      body: { commandId: commandId(), resumedAt: '2027-05-03T10:00:00+02:00' },
    });
    expect(resumed.status).toBe(201);
    expect(
      (
        await api.request('POST', `/invoices/${invoiceId}/dunning-resumptions`, {
          role: 'finance',
          body: { commandId: commandId(), resumedAt: '2027-05-04T10:00:00+02:00' },
        })
      ).body.error,
    ).toBe('DUNNING_NOT_PAUSED');
    // The held first letter is due at the lifting (its own time, 2027-03-11 09:00, has passed).
    expect(
      (await dunningList('status=due&asOf=2027-05-03T10:00:00%2B02:00&provider=excellus')).items.map(
        (i) => i.invoiceId,
      ),
    ).toContain(invoiceId);
    const afterLifting = (await runScheduler('2027-05-04T00:00:00+02:00')).filter((f) =>
      f.deadlineId.startsWith(`dunning-${invoiceId}:`),
    );
    expect(afterLifting.map((f) => [f.command, f.dueAt, f.outcome])).toEqual([
      ['SendDueReminder', '2027-05-03T10:00:00+02:00', 'applied'],
    ]);

    const letter = await api.request('GET', `/invoices/${invoiceId}/reminders/1`, { role: 'finance' });
    // WIK: 15 % of 1,000.00
    expect(letter.body).toMatchObject({
      letter: 'herinnering',
      customerKind: 'consumer',
      collectionCostsCents: 15_000,
    });
    const text = (await pdfText((await fetchPdf(`/invoices/${invoiceId}/reminders/1`)).body)).replace(/\s+/g, ' ');
    expect(text).toContain('03-05-2027');
    expect(text).toContain('€ 1.000,00');
    expect(text).toContain(
      'dan bent u buitengerechtelijke incassokosten verschuldigd van € 150,00 (artikel 6:96 lid 6 BW',
    );
  });

  it('FIN-I15 GET /dunning pages through every due invoice in due order (no silent truncation); a paid invoice is not due and its letter is moot', async () => {
    const invoices: Array<Awaited<ReturnType<typeof excellusInvoice>>> = [];
    for (const month of ['03', '04', '05'])
      invoices.push(
        await excellusInvoice('business', `2028-${month}-20T09:00:00+01:00`, '2028-01-10T10:00:00+01:00', 50_000),
      );
    const paid = invoices[1]!;
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: paid.invoiceId,
      amountCents: paid.invoice.totalCents,
      receivedAt: '2028-02-01T10:00:00+01:00',
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await dunningList(
        `status=due&asOf=2028-12-31&customerId=${invoices[0]!.customerId}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i) => i.invoiceId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([invoices[0]!.invoiceId]);
    const all: string[] = [];
    cursor = null;
    for (let pages = 0; pages < 200; pages++) {
      const page = await dunningList(
        `status=due&asOf=2028-12-31&provider=excellus&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...page.items.map((i) => i.invoiceId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(all).size).toBe(all.length);
    const mine = all.filter((id) => invoices.some((i) => i.invoiceId === id));
    expect(mine).toEqual([invoices[0]!.invoiceId, invoices[2]!.invoiceId]);

    const fired = await runScheduler('2028-04-12T00:00:00+02:00');
    expect(fired.find((f) => f.deadlineId === `dunning-${paid.invoiceId}:letter-1`)).toMatchObject({ outcome: 'moot' });
    expect(fired.find((f) => f.deadlineId === `dunning-${invoices[0]!.invoiceId}:letter-1`)).toMatchObject({
      outcome: 'applied',
    });
    expect(await streamEvents(`dunning-${paid.invoiceId}`)).toEqual([]);
  });

  it('GET /dunning: an unknown status or a malformed asOf is 400 naming the field; roles are checked', async () => {
    const bad = await api.request('GET', '/dunning?status=late', { role: 'finance' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/status/);
    expect((await api.request('GET', '/dunning?asOf=yesterday', { role: 'finance' })).status).toBe(400);
    expect((await api.request('GET', '/dunning', { role: 'backoffice' })).status).toBe(403);
    expect((await api.request('POST', '/dunning/runs', { role: 'admin', body: { until: 'yesterday' } })).status).toBe(
      400,
    );
  });
});
