/**
 * A sixth rulebook plugs in without touching libs/domain: the fixture in
 * test/fixtures/rulebooks/voorbeeld is registered beside the five, and an enrolment runs through it
 * over HTTP: offering, registration and invoice, payment, cancellation under its own rule (VB-5)
 * with its own schema for details, a recomputable decision, and its not-covered acts refused.
 */
import { createRulebookRegistry } from '@ledger/regulations';
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';
import { VOORBEELD, VOORBEELD_2026 } from '../fixtures/rulebooks/voorbeeld';

describe('a sixth rulebook registered from test fixtures', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness({ rulebooks: createRulebookRegistry().register(VOORBEELD_2026) });
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

  async function enrolInWorkshop() {
    const customerId = newId('cust');
    const learnerId = newId('learner');
    const offeringId = newId('off');
    const enrolmentId = newId('enr');
    await post('/customers', { customerId, kind: 'business', name: 'Zorg BV', email: 'fin@zorg.example.nl' });
    await post('/learners', { learnerId, name: 'A. Visser', email: 'a.visser@example.nl' });
    await post('/offerings', {
      offeringId,
      rulebookId: VOORBEELD,
      kind: 'workshop',
      title: 'Workshop tillen',
      startsAt: '2026-05-20T09:00:00+02:00',
      components: [{ kind: 'classroom', priceCents: 40_000 }],
    });
    const registered = await post('/enrolments', {
      enrolmentId,
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2026-04-01T10:00:00+02:00',
    });
    return { enrolmentId, invoice: registered.invoice as { invoiceId: string; totalCents: number; dueDate: string } };
  }

  it('is listed beside the five by GET /rulebooks', async () => {
    const res = await api.request('GET', '/rulebooks', { role: 'backoffice' });
    expect(res.status).toBe(200);
    expect(res.body.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining(['spot-lms', 'plusport', 'vli', 'excellus', 'loi', VOORBEELD]),
    );
  });

  it('VB-5: registration invoices net + 21 % VAT; a late cancellation keeps 50 % of the price and refunds the rest', async () => {
    const { enrolmentId, invoice } = await enrolInWorkshop();
    expect(invoice.totalCents).toBe(48_400);
    // ENR-I1: the book sets no payment term, so the contract's default applies.
    expect(invoice.dueDate).toBe('2026-04-15');
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: invoice.invoiceId,
      amountCents: 48_400,
      receivedAt: '2026-04-02T10:00:00+02:00',
    });
    const cancelled = await post(`/enrolments/${enrolmentId}/cancellations`, {
      requestedAt: '2026-05-15T10:00:00+02:00',
      reason: 'regular',
      note: 'moved abroad',
    });
    expect(cancelled.decision).toMatchObject({
      kind: 'cancellation-fee',
      ruleIds: ['VB-5'],
      rulebook: { id: VOORBEELD, version: '2026-01-01' },
      feeCents: 20_000,
      feeGrossCents: 24_200,
      refundCents: 24_200,
    });
    const refunds = cancelled.events.filter((e: { type: string }) => e.type === 'RefundEntitlementGranted');
    expect(refunds.map((e: { data: { amountCents: number } }) => e.data.amountCents)).toEqual([24_200]);

    const verified = await api.request('POST', `/decisions/${cancelled.decision.decisionId}/verify`, {
      role: 'auditor',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.differences).toEqual([]);
    expect(verified.body.matches).toBe(true);
  });

  it('its own schema refuses details it does not know (400 naming the field), and nothing is appended', async () => {
    const { enrolmentId } = await enrolInWorkshop();
    const before = await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' });
    const res = await api.request('POST', `/enrolments/${enrolmentId}/cancellations`, {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        requestedAt: '2026-04-05T10:00:00+02:00',
        reason: 'regular',
        textbookSent: false,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'textbookSent' })]);
    const after = await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' });
    expect(after.body.events).toHaveLength(before.body.events.length);
  });

  it('an act the book does not cover is 422 naming its rule', async () => {
    const { enrolmentId } = await enrolInWorkshop();
    const res = await api.request('POST', `/enrolments/${enrolmentId}/reschedules`, {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        requestedAt: '2026-04-05T10:00:00+02:00',
        newStartsAt: '2026-06-20T09:00:00+02:00',
      },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'RESCHEDULE_NOT_ALLOWED', ruleId: 'VB-5' });
  });
});
