/**
 * Automated dunning over HTTP (docs/operations.md "Dunning"): a run sends the first reminder of
 * every invoice unpaid after its due date, as the invoice's rulebook decides; a second run sends
 * nothing twice.
 */
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';

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

  it('EXC-11, WIK-2: an unpaid Excellus 3,000.00 business invoice due 2026-08-31 is reminded on 2026-09-01 by a run to 2026-11-01; the balance then shows collection costs 425.00 and interest', async () => {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    await post('/customers', {
      customerId,
      kind: 'business',
      name: 'Jansen B.V.',
      email: 'info@jansen.example',
      registeredAt: '2026-06-01T10:00:00+02:00',
    });
    await post('/learners', {
      learnerId,
      name: 'P. de Boer',
      email: 'p@example.nl',
      registeredAt: '2026-06-01T10:00:00+02:00',
    });
    await post('/offerings', {
      offeringId,
      title: 'Leidinggeven',
      rulebookId: 'excellus',
      kind: 'contact-course',
      startsAt: '2026-09-10T09:00:00+02:00',
      components: [{ kind: 'tuition', priceCents: 300_000 }],
    });
    const registered = await post('/enrolments', {
      enrolmentId: newId('enr'),
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-07-01T10:00:00+02:00',
    });
    const invoiceId = registered.invoice.invoiceId as string;
    // EXC-10.3: due 10 days before the start; VAT-exempt.
    expect(registered.invoice).toMatchObject({ totalCents: 300_000, dueDate: '2026-08-31' });
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

    const before = await api.request('GET', `/customers/${customerId}/balance?asOf=2026-11-01&invoices=false`, {
      role: 'finance',
    });
    expect(before.body.collectionCostsCents).toBe(0);

    const refused = await api.request('POST', '/dunning/runs', { role: 'admin', body: { until: 'yesterday' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/until/);
    expect(
      (await api.request('POST', '/dunning/runs', { role: 'backoffice', body: { until: '2026-11-01T00:00:00+01:00' } }))
        .status,
    ).toBe(403);

    const run = await api.request('POST', '/dunning/runs', {
      role: 'admin',
      body: { until: '2026-11-01T00:00:00+01:00' },
    });
    expect(run.status).toBe(200);
    expect(run.body.reminders).toContainEqual({ invoiceId, sentAt: '2026-09-01T09:00:00+02:00', outcome: 'sent' });

    const invoice = (await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body;
    expect(invoice.reminders).toHaveLength(1);
    expect(invoice.reminders[0]).toMatchObject({ reminderNumber: 1, receivedOn: '2026-09-01' });
    expect(invoice.reminders[0].ruleIds).toContain('EXC-11');

    const after = (
      await api.request('GET', `/customers/${customerId}/balance?asOf=2026-11-01&invoices=false`, { role: 'finance' })
    ).body;
    // WIK: 15 % of 2,500.00 + 10 % of 500.00 = 425.00
    expect(after.collectionCostsCents).toBe(42_500);
    expect(after.interestCents).toBeGreaterThan(0);
    expect(after.interestStatus).toBe('ok');

    const again = await api.request('POST', '/dunning/runs', {
      role: 'admin',
      body: { until: '2026-11-01T00:00:00+01:00' },
    });
    expect(again.body.reminders.filter((r: { invoiceId: string }) => r.invoiceId === invoiceId)).toEqual([]);
    expect((await api.request('GET', `/invoices/${invoiceId}`, { role: 'finance' })).body.reminders).toHaveLength(1);
  });
});
