/**
 * Over HTTP with the real embedded store: EXC-4.1* (participants of a group agreement until 3
 * months before the start), EXC-10.2 (instalments), EXC-10.4 (material prepaid at most half) and
 * EXC-4.7 (returned material: return costs; opened sealed media cannot be returned).
 */
import { newId, startHarness, type Harness } from '../support/http-harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(() => api?.close());

const post = (route: string, body: Record<string, unknown>, expected = 201) => api.command(route, body, expected);

type StreamEvent = { type: string; data: any };
const streamEvents = async (enrolmentId: string): Promise<StreamEvent[]> =>
  (await api.request('GET', `/streams/enrolment-${enrolmentId}/events`, { role: 'auditor' })).body.events;
const invoicesOf = (events: StreamEvent[]) =>
  events.filter((e) => e.type === 'InvoiceIssued').map((e) => [e.data.reason, e.data.totalCents, e.data.dueDate]);

async function customerAndLearner(kind: 'consumer' | 'business') {
  const customerId = newId('cust');
  const learnerId = newId('learner');
  await post('/customers', { customerId, kind, name: 'Zorggroep West', email: 'inkoop@example.nl' });
  await post('/learners', { learnerId, name: 'P. de Boer', email: 'p@example.nl' });
  return { customerId, learnerId };
}

async function offeringOf(body: Record<string, unknown>) {
  const offeringId = newId('off');
  await post('/offerings', { offeringId, title: 'BHV in company', rulebookId: 'excellus', ...body });
  return offeringId;
}

async function enrol(offeringId: string, kind: 'consumer' | 'business', registeredAt: string) {
  const { customerId, learnerId } = await customerAndLearner(kind);
  const enrolmentId = newId('enr');
  const registered = await post('/enrolments', { enrolmentId, offeringId, learnerId, customerId, registeredAt });
  return { enrolmentId, customerId, registered };
}

describe('EXC-4.1* participants of a group agreement, over HTTP', () => {
  const groupCourse = () =>
    offeringOf({
      kind: 'contact-course',
      startsAt: '2026-09-01T09:00:00+02:00',
      components: [{ kind: 'tuition', priceCents: 500_000 }],
      group: true,
      participants: 10,
    });

  it('EXC-4.1*: 10 quoted, 12 booked on 2026-05-01: an extra invoice of 1,000.00 due 2026-08-22; 11 on 2026-05-20 after paying 6,000.00: 500.00 credited and granted back', async () => {
    const { enrolmentId, registered } = await enrol(await groupCourse(), 'business', '2026-03-02T10:00:00+01:00');
    const larger = await post(`/enrolments/${enrolmentId}/headcount-changes`, {
      requestedAt: '2026-05-01T10:00:00+02:00',
      participants: 12,
    });
    expect(larger.decision).toMatchObject({
      kind: 'participant-count-change',
      ruleIds: ['EXC-4.1*', 'EXC-10.3'],
      rulebook: { id: 'excellus' },
      feeCents: 600_000,
      feeGrossCents: 600_000,
      surchargeCents: 100_000,
    });
    expect(larger.invoice).toMatchObject({ totalCents: 100_000, dueDate: '2026-08-22' });
    const verified = await api.request('POST', `/decisions/${larger.decision.decisionId}/verify`, { role: 'auditor' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ matches: true });

    for (const invoiceId of [registered.invoice.invoiceId, larger.invoice.invoiceId])
      await post('/payments', {
        paymentId: newId('pay'),
        invoiceId,
        amountCents: invoiceId === larger.invoice.invoiceId ? 100_000 : 500_000,
        receivedAt: '2026-05-05T10:00:00+02:00',
      });
    const smaller = await post(`/enrolments/${enrolmentId}/headcount-changes`, {
      requestedAt: '2026-05-20T10:00:00+02:00',
      participants: 11,
    });
    expect(smaller.decision).toMatchObject({ ruleIds: ['EXC-4.1*'], feeCents: 550_000 });
    expect(smaller.refunds.reduce((sum: number, r: { amountCents: number }) => sum + r.amountCents, 0)).toBe(50_000);
  });

  it('EXC-4.1*: after 2026-06-01 the change is refused naming the rule and nothing is appended; bad numbers are a 400 naming the field', async () => {
    const { enrolmentId } = await enrol(await groupCourse(), 'business', '2026-03-02T10:00:00+01:00');
    const before = (await streamEvents(enrolmentId)).length;
    const late = await post(
      `/enrolments/${enrolmentId}/headcount-changes`,
      { requestedAt: '2026-06-02T10:00:00+02:00', participants: 12 },
      422,
    );
    expect(late).toMatchObject({ error: 'PARTICIPANT_CHANGE_TOO_LATE', ruleId: 'EXC-4.1*' });
    const zero = await post(
      `/enrolments/${enrolmentId}/headcount-changes`,
      { requestedAt: '2026-05-02T10:00:00+02:00', participants: 0 },
      400,
    );
    expect(zero.fields.map((f: { field: string }) => f.field)).toContain('participants');
    const same = await post(
      `/enrolments/${enrolmentId}/headcount-changes`,
      { requestedAt: '2026-05-02T10:00:00+02:00', participants: 10 },
      409,
    );
    expect(same.error).toBe('PARTICIPANT_COUNT_UNCHANGED');
    expect((await streamEvents(enrolmentId)).length).toBe(before);
  });

  it('EXC-4.1*: a number of participants on an offering that is no group one is a 400 naming the option', async () => {
    const refused = await post(
      '/offerings',
      {
        offeringId: newId('off'),
        title: 'BHV',
        rulebookId: 'excellus',
        kind: 'contact-course',
        startsAt: '2026-09-01T09:00:00+02:00',
        components: [{ kind: 'tuition', priceCents: 50_000 }],
        participants: 10,
      },
      400,
    );
    expect(JSON.stringify(refused)).toContain('participants');
  });
});

describe('EXC-10.2 instalments and EXC-10.4 material prepaid at most half, over HTTP', () => {
  it('EXC-10.2: a course agreed in 50/25/25 % instalments is invoiced in three, the last brought forward to 10 days before the start (EXC-10.3)', async () => {
    const offeringId = await offeringOf({
      kind: 'contact-course',
      startsAt: '2026-06-01T09:00:00+02:00',
      components: [{ kind: 'tuition', priceCents: 120_000 }],
      instalments: [
        { basisPoints: 5_000, dueDaysAfterRegistration: 0 },
        { basisPoints: 2_500, dueDaysAfterRegistration: 30 },
        { basisPoints: 2_500, dueDaysAfterRegistration: 90 },
      ],
    });
    const { enrolmentId } = await enrol(offeringId, 'consumer', '2026-03-02T10:00:00+01:00');
    const events = await streamEvents(enrolmentId);
    expect(invoicesOf(events)).toEqual([
      ['registration', 60_000, '2026-03-02'],
      ['instalment', 30_000, '2026-04-01'],
      ['instalment', 30_000, '2026-05-22'],
    ]);
    const plan = events.find((e) => e.type === 'PaymentScheduleDecided')!;
    expect(plan.data).toMatchObject({
      instalments: 3,
      decision: { kind: 'instalment-plan', ruleIds: ['EXC-10.2', 'EXC-10.3'], surchargeCents: 0 },
    });
  });

  it('EXC-10.2: shares that do not make 100 % are a 400 naming instalments, and nothing is defined', async () => {
    const offeringId = newId('off');
    const refused = await post(
      '/offerings',
      {
        offeringId,
        title: 'BHV',
        rulebookId: 'excellus',
        kind: 'contact-course',
        startsAt: '2026-06-01T09:00:00+02:00',
        components: [{ kind: 'tuition', priceCents: 120_000 }],
        instalments: [
          { basisPoints: 5_000, dueDaysAfterRegistration: 0 },
          { basisPoints: 4_000, dueDaysAfterRegistration: 30 },
        ],
      },
      400,
    );
    expect(JSON.stringify(refused)).toContain('instalments');
    expect((await api.request('GET', `/offerings/${offeringId}`, { role: 'backoffice' })).status).toBe(404);
  });

  it('EXC-10.4: material with 50 % in advance: 40.00 due within 14 days, 40.00 on delivery (at the latest 2026-04-01); 60 % is a 400 naming EXC-10.4', async () => {
    const offeringId = await offeringOf({
      kind: 'material',
      components: [{ kind: 'material', priceCents: 8_000 }],
      prepaymentBasisPoints: 5_000,
    });
    const { enrolmentId } = await enrol(offeringId, 'consumer', '2026-03-02T10:00:00+01:00');
    expect(invoicesOf(await streamEvents(enrolmentId))).toEqual([
      ['registration', 4_000, '2026-03-16'],
      ['instalment', 4_000, '2026-04-01'],
    ]);
    const refused = await post(
      '/offerings',
      {
        offeringId: newId('off'),
        title: 'Handboek',
        rulebookId: 'excellus',
        kind: 'material',
        components: [{ kind: 'material', priceCents: 8_000 }],
        prepaymentBasisPoints: 6_000,
      },
      400,
    );
    expect(JSON.stringify(refused)).toContain('prepaymentBasisPoints');
    expect(JSON.stringify(refused)).toContain('EXC-10.4');
  });
});

describe('EXC-4.7 returned material, over HTTP', () => {
  async function deliveredAndWithdrawn() {
    const offeringId = await offeringOf({
      kind: 'material',
      components: [{ kind: 'material', priceCents: 8_000 }],
      sealedMedia: true,
    });
    const { enrolmentId, registered } = await enrol(offeringId, 'consumer', '2026-03-02T10:00:00+01:00');
    await post('/payments', {
      paymentId: newId('pay'),
      invoiceId: registered.invoice.invoiceId,
      amountCents: 8_000,
      receivedAt: '2026-03-03T10:00:00+01:00',
    });
    await post(`/enrolments/${enrolmentId}/deliveries`, {
      deliverable: 'material',
      deliveredAt: '2026-03-05T10:00:00+01:00',
    });
    const withdrawn = await post(`/enrolments/${enrolmentId}/withdrawals`, {
      requestedAt: '2026-03-10T10:00:00+01:00',
    });
    expect(withdrawn.events.find((e: StreamEvent) => e.type === 'EnrolmentWithdrawn').data.materialsSent).toBe(true);
    expect(withdrawn.refunds ?? []).toEqual([]);
    return enrolmentId;
  }

  it('EXC-4.7: sealed media back unopened with 6.95 direct return costs: 73.05 granted back', async () => {
    const enrolmentId = await deliveredAndWithdrawn();
    const back = await post(`/enrolments/${enrolmentId}/materials-returns`, {
      receivedAt: '2026-03-14T10:00:00+01:00',
      originalState: true,
      sealBroken: false,
      returnCostsCents: 695,
    });
    expect(back.decision).toMatchObject({
      kind: 'materials-return',
      ruleIds: ['EXC-4.7'],
      allowed: true,
      feeCents: 695,
      refundCents: 7_305,
    });
    expect(back.refunds).toEqual([expect.objectContaining({ amountCents: 7_305 })]);
  });

  it('EXC-4.7: sealed media back with the seal broken: the return is refused in the decision and the 80.00 stays owed', async () => {
    const enrolmentId = await deliveredAndWithdrawn();
    const back = await post(`/enrolments/${enrolmentId}/materials-returns`, {
      receivedAt: '2026-03-14T10:00:00+01:00',
      originalState: false,
      sealBroken: true,
    });
    expect(back.decision).toMatchObject({ ruleIds: ['EXC-4.7'], allowed: false, feeCents: 8_000, refundCents: 0 });
    expect(back.refunds ?? []).toEqual([]);
    const events = await streamEvents(enrolmentId);
    expect(events.some((e) => e.type === 'CreditNoteIssued')).toBe(false);
  });

  it('EXC-4.7: without saying whether the seal was broken, or with a detail Excellus does not know, a 400 naming the field and nothing appended', async () => {
    const enrolmentId = await deliveredAndWithdrawn();
    const before = (await streamEvents(enrolmentId)).length;
    const missing = await post(
      `/enrolments/${enrolmentId}/materials-returns`,
      { receivedAt: '2026-03-14T10:00:00+01:00', originalState: true },
      400,
    );
    expect(JSON.stringify(missing)).toContain('sealBroken');
    const unknown = await post(
      `/enrolments/${enrolmentId}/materials-returns`,
      { receivedAt: '2026-03-14T10:00:00+01:00', originalState: true, sealBroken: false, damaged: true },
      400,
    );
    expect(JSON.stringify(unknown)).toContain('damaged');
    expect((await streamEvents(enrolmentId)).length).toBe(before);
  });
});
