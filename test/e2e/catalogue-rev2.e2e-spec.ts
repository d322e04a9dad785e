/**
 * Catalogue revision 2 over HTTP, on a ledger upgraded from the build before it: the demo as the
 * previous build recorded it (test/fixtures/catalogue-rev1) is imported, then
 *  - every decision recorded under revision 1 still verifies (a correction never rewrites history);
 *  - what-if lists, per corrected reading, the decisions it would decide differently, in cents;
 *  - new decisions follow revision 2 (PP-I18, PP-I19, EXC-I3, EXC-I4, MONEY-I1).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandId, newId, startHarness, type Harness } from '../support/http-harness';
import { importRecordedLog, readRecordedLog } from '../support/import-log';

const FIXTURE = path.join(__dirname, '../fixtures/catalogue-rev1/demo-log.json');

describe('catalogue revision 2 on a ledger that decided under revision 1', () => {
  let api: Harness;
  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-rev1-'));
    await importRecordedLog(dataDir, readRecordedLog(FIXTURE));
    api = await startHarness({ dataDir });
  });
  afterAll(async () => {
    await api.close();
  });

  const whatIf = async (interpretation: string) => {
    const res = await api.request('GET', `/decisions/what-if?interpretation=${interpretation}`, { role: 'auditor' });
    expect(res.status).toBe(200);
    return res.body;
  };
  const itemOn = (summary: { items: Array<{ streamId: string }> }, streamId: string) =>
    summary.items.find((item) => item.streamId === streamId) as any;

  it('every decision recorded under revision 1 still verifies', async () => {
    const res = await api.request('POST', '/decisions/verify', { role: 'auditor', body: {} });
    expect(res.status).toBe(200);
    expect(res.body.mismatches).toEqual([]);
    expect(res.body.checked).toBeGreaterThanOrEqual(20);
    expect(res.body.matched).toBe(res.body.checked);
  });

  it('PP-I19: what-if lists the Praktijkopleiding cancellation whose e-learning is now free', async () => {
    const summary = await whatIf('PP-I19');
    expect(summary).toMatchObject({ interpretation: 'PP-I19', currentVersion: 2 });
    const item = itemOn(summary, 'enrolment-demo-enr-praktijk-ahmed');
    expect(item).toMatchObject({ status: 'differs', kind: 'cancellation-fee', recordedVersion: 1 });
    // 9,500 net e-learning (11,495 with 21 % VAT) is no longer kept.
    expect(item.differenceCents).toMatchObject({ feeCents: -9_500, refundCents: 11_495 });
    // Package bookings keep their e-learning fee: the NEN 3140 package is checked and unchanged.
    expect(itemOn(summary, 'enrolment-demo-enr-nen-ruud')).toBeUndefined();
    expect(summary.unchanged).toBeGreaterThanOrEqual(1);
  });

  it('EXC-I3: what-if lists the business customer cancelling within 14 days, now free under the cooling-off', async () => {
    const item = itemOn(await whatIf('EXC-I3'), 'enrolment-demo-enr-bhv-kees');
    expect(item).toMatchObject({ status: 'differs', recorded: { feeCents: 25_500 }, recomputed: { feeCents: 0 } });
    expect(item.differenceCents).toMatchObject({ feeCents: -25_500, refundCents: 25_500 });
  });

  it('EXC-I4: what-if lists the exam-only cancellation whose e-learning counts as used once login details were issued', async () => {
    const item = itemOn(await whatIf('EXC-I4'), 'enrolment-demo-enr-examen-online-marieke');
    expect(item.differenceCents).toMatchObject({ feeCents: 15_000, refundCents: -15_000 });
  });

  it('PP-I18: what-if lists the unreturned textbook: the same fee, now citing PP-I18', async () => {
    const item = itemOn(await whatIf('PP-I18'), 'enrolment-demo-enr-boek-sanne');
    expect(item).toMatchObject({ status: 'differs', differenceCents: {}, interpretationIdsDiffer: true });
  });

  it('MONEY-I1: what-if lists decisions that stated a fee with VAT; the money paid back does not change', async () => {
    const item = itemOn(await whatIf('MONEY-I1'), 'enrolment-demo-enr-loi-marieke');
    // LOI-12.3-OV: 7 months of 89.00 tuition with 21 % VAT were recorded as feeCents 753.83.
    expect(item.recorded.feeCents).toBe(75_383);
    expect(item.recomputed).toMatchObject({ feeCents: 62_300, feeVatCents: 13_083, feeGrossCents: 75_383 });
    expect(item.differenceCents.refundCents).toBeUndefined();
  });

  it('an interpretation that was never corrected is 404, naming it', async () => {
    const res = await api.request('GET', '/decisions/what-if?interpretation=PP-I2', { role: 'auditor' });
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('PP-I2');
  });

  describe('new decisions follow revision 2', () => {
    async function post(route: string, body: Record<string, unknown>) {
      const res = await api.request('POST', route, { role: 'backoffice', body: { commandId: commandId(), ...body } });
      if (res.status !== 201) throw new Error(`POST ${route}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    }
    async function enrol(offeringId: string, customerId: string, registeredAt: string) {
      const enrolmentId = newId('enr');
      const registered = await post('/enrolments', {
        enrolmentId,
        offeringId,
        learnerId: 'demo-lrn-kees',
        customerId,
        registeredAt,
      });
      await post('/payments', {
        paymentId: newId('pay'),
        invoiceId: registered.invoice.invoiceId,
        amountCents: registered.invoice.totalCents,
        receivedAt: registeredAt,
      });
      return enrolmentId;
    }

    it('PP-I19: a Praktijkopleiding cancellation charges no e-learning fee and cites PP-I19', async () => {
      const id = await enrol('demo-pp-heftruck-praktijk', 'demo-cust-bouwnoord', '2026-03-16T09:00:00+01:00');
      const { decision } = await post(`/enrolments/${id}/cancellations`, {
        requestedAt: '2026-05-20T10:00:00+02:00',
        reason: 'regular',
      });
      expect(decision).toMatchObject({ feeCents: 0, feeVatCents: 0, feeGrossCents: 0, refundCents: 53_240 });
      expect(decision.interpretationIds).toContain('PP-I19');
      expect(decision.inputs.readings).toMatchObject({ 'PP-I19': 2 });
    });

    it('MONEY-I1: a VLI cancellation of a 595.00 training 47 hours before the start states the fee without VAT', async () => {
      const offeringId = newId('off');
      await post('/offerings', {
        offeringId,
        rulebookId: 'vli',
        kind: 'training',
        title: 'ADR tank',
        startsAt: '2026-06-10T09:00:00+02:00',
        components: [{ kind: 'classroom', priceCents: 59_500 }],
      });
      const id = await enrol(offeringId, 'demo-cust-bouwnoord', '2026-05-01T10:00:00+02:00');
      const { decision } = await post(`/enrolments/${id}/cancellations`, {
        requestedAt: '2026-06-08T10:00:00+02:00',
        reason: 'regular',
      });
      expect(decision).toMatchObject({
        ruleIds: ['VLI-2.3'],
        feeCents: 59_500,
        feeVatCents: 12_495,
        feeGrossCents: 71_995,
        refundCents: 0,
      });
      expect(decision.interpretationIds).toContain('MONEY-I1');
    });

    it('EXC-I3: a business customer cancelling within 14 days pays nothing (cooling-off)', async () => {
      const id = await enrol('demo-exc-bhv', 'demo-cust-bouwnoord', '2026-05-04T10:00:00+02:00');
      const { decision } = await post(`/enrolments/${id}/cancellations`, {
        requestedAt: '2026-05-11T10:00:00+02:00',
        reason: 'regular',
      });
      expect(decision).toMatchObject({ feeCents: 0, refundCents: 85_000 });
      expect(decision.ruleIds).toContain('EXC-4.2');
      expect(decision.interpretationIds).toContain('EXC-I3');
    });
  });

  describe('a correction is issued by a command, as new events (POST /decisions/{id}/corrections)', () => {
    const PRAKTIJK = 'enrolment-demo-enr-praktijk-ahmed';
    const CUSTOMER = 'demo-cust-bouwnoord';
    const correctedAt = '2026-12-03T10:00:00+01:00';
    const balanceAt = async (asOf: string) => {
      const res = await api.request('GET', `/customers/${CUSTOMER}/balance?asOf=${asOf}`, { role: 'finance' });
      expect(res.status).toBe(200);
      return res.body;
    };
    const correct = (decisionId: string, body: Record<string, unknown>) =>
      api.request('POST', `/decisions/${decisionId}/corrections`, { role: 'backoffice', body });
    const head = async () =>
      (await api.request('GET', `/streams/${PRAKTIJK}/events`, { role: 'auditor' })).body.events.length;

    it('PP-I19: correcting the Praktijkopleiding decision credits the difference; GET /decisions/{id} shows it corrected; the balance reflects it; resending changes nothing', async () => {
      const listed = itemOn(await whatIf('PP-I19'), PRAKTIJK);
      const { decisionId } = listed;
      const creditCents = listed.differenceCents.refundCents;
      expect(creditCents).toBeGreaterThan(0);
      const before = await balanceAt('2026-12-31');
      const eventsBefore = await head();

      const body = { commandId: commandId(), interpretationId: 'PP-I19', reason: 'Catalogue revision 2', correctedAt };
      const res = await correct(decisionId, body);
      expect(res.status).toBe(201);
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
        'DecisionCorrected',
        'CreditNoteIssued',
        'RefundEntitlementGranted',
      ]);
      const [corrected, creditNote, refund] = res.body.events.map((e: { data: unknown }) => e.data);
      expect(corrected).toMatchObject({
        correctedDecisionId: decisionId,
        interpretationId: 'PP-I19',
        interpretationVersion: 2,
        recordedVersion: 1,
        differenceCents: -creditCents,
        creditNoteIds: [creditNote.creditNoteId],
        refundId: refund.refundId,
        invoiceId: null,
      });
      // The correcting decision is the recorded one recomputed under PP-I19 version 2: a decision of its own.
      expect(res.body.decision).toMatchObject({
        kind: 'cancellation-fee',
        feeCents: listed.recomputed.feeCents,
        refundCents: listed.recomputed.refundCents,
      });
      expect(res.body.decision.inputs.readings).toMatchObject({ 'PP-I19': 2 });
      expect(res.body.decision.interpretationIds).toContain('PP-I19');
      expect(res.body.decision.decisionId).not.toBe(decisionId);
      expect(creditNote).toMatchObject({ totalCents: creditCents, decisionId });
      expect(creditNote.netCents + creditNote.vatCents).toBe(creditCents);
      expect(creditNote.netCents).toBe(-listed.differenceCents.feeCents);
      expect(refund).toMatchObject({ amountCents: creditCents, invoiceId: creditNote.invoiceId });

      // The same command id again: the same events back, nothing appended.
      const again = await correct(decisionId, body);
      expect(again.status).toBe(201);
      expect(again.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(
        res.body.events.map((e: { eventId: string }) => e.eventId),
      );
      // A second correction of the same decision is refused, and appends nothing.
      const second = await correct(decisionId, { ...body, commandId: commandId() });
      expect(second.status).toBe(409);
      expect(second.body.error).toBe('DECISION_ALREADY_CORRECTED');
      expect(await head()).toBe(eventsBefore + 3);

      const shown = await api.request('GET', `/decisions/${decisionId}`, { role: 'auditor' });
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({
        decisionId,
        corrected: true,
        correctedBy: {
          correctingDecisionId: res.body.decision.decisionId,
          interpretationId: 'PP-I19',
          interpretationVersion: 2,
          differenceCents: -creditCents,
          creditNoteIds: [creditNote.creditNoteId],
        },
      });
      // What-if still lists it (the recorded decision keeps its reading), now naming its correction.
      expect(itemOn(await whatIf('PP-I19'), PRAKTIJK).correctedBy).toBe(res.body.decision.decisionId);
      expect(listed.correctedBy).toBeNull();
      // The recorded decision is unchanged: it still says what was decided then.
      expect(shown.body.feeCents).toBe(listed.recorded.feeCents);
      const correcting = await api.request('GET', `/decisions/${res.body.decision.decisionId}`, { role: 'auditor' });
      expect(correcting.body).toMatchObject({ corrected: false, corrects: { correctedDecisionId: decisionId } });

      const after = await balanceAt('2026-12-31');
      expect(after.creditedCents - before.creditedCents).toBe(creditCents);
      expect(after.refundsOwedCents - before.refundsOwedCents).toBe(creditCents);
      expect(after.netPositionCents - before.netPositionCents).toBe(-creditCents);

      // Both decisions verify: the correction rewrote nothing.
      const verified = await api.request('POST', '/decisions/verify', { role: 'auditor', body: {} });
      expect(verified.body.mismatches).toEqual([]);
    });

    it("EXC-I4: a correction that charges more issues an invoice for the difference, due after the agreement's term", async () => {
      const listed = itemOn(await whatIf('EXC-I4'), 'enrolment-demo-enr-examen-online-marieke');
      const chargeCents = -listed.differenceCents.refundCents;
      expect(chargeCents).toBeGreaterThan(0);
      const res = await correct(listed.decisionId, {
        commandId: commandId(),
        interpretationId: 'EXC-I4',
        reason: 'Catalogue revision 2',
        correctedAt,
      });
      expect(res.status).toBe(201);
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['DecisionCorrected', 'InvoiceIssued']);
      const [corrected, invoice] = res.body.events.map((e: { data: any }) => e.data);
      expect(invoice).toMatchObject({ reason: 'decision-correction', totalCents: chargeCents, issuedOn: '2026-12-03' });
      expect(invoice.dueDate > invoice.issuedOn).toBe(true);
      expect(corrected).toMatchObject({
        differenceCents: chargeCents,
        invoiceId: invoice.invoiceId,
        creditNoteIds: [],
      });
      const shown = await api.request('GET', `/invoices/${invoice.invoiceId}`, { role: 'finance' });
      expect(shown.status).toBe(200);
      expect(shown.body.totalCents).toBe(chargeCents);
    });

    it('a decision the current reading leaves the same in money is 422 DECISION_NOT_CHANGED; an unknown decision 404; nothing is appended', async () => {
      const listed = await api.request('GET', '/decisions?streamId=enrolment-demo-enr-nen-ruud&kind=cancellation-fee', {
        role: 'auditor',
      });
      const [package_] = listed.body.items;
      expect(package_).toBeDefined();
      const body = { commandId: commandId(), interpretationId: 'PP-I19', reason: 'Catalogue revision 2', correctedAt };
      const unchanged = await correct(package_.decisionId, body);
      expect(unchanged.status).toBe(422);
      expect(unchanged.body.error).toBe('DECISION_NOT_CHANGED');
      const unknown = await correct('00000000-0000-4000-8000-000000000000', { ...body, commandId: commandId() });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('DECISION_NOT_FOUND');
      const notVersioned = await correct(package_.decisionId, {
        ...body,
        commandId: commandId(),
        interpretationId: 'PP-I2',
      });
      expect(notVersioned.status).toBe(422);
      expect(notVersioned.body.error).toBe('INTERPRETATION_NOT_VERSIONED');
      const events = await api.request('GET', '/streams/enrolment-demo-enr-nen-ruud/events', { role: 'auditor' });
      expect(events.body.events.every((e: { type: string }) => e.type !== 'DecisionCorrected')).toBe(true);
    });
  });
});
