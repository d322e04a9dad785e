/**
 * Real resources created through the public API before a campaign, so its requests can address
 * existing ids (a bad body on a real enrolment, a wrong role on a real invoice, ...).
 * Every step is a valid command; a step that fails (a feature still in progress) leaves its ids
 * well-formed but unknown, and the campaign carries on.
 */
import { call, expectCall, type LedgerTarget } from './lib/http';
import { seededUuid, type Random } from './lib/random';

export interface Fixtures {
  customerId: string;
  learnerId: string;
  offeringId: string;
  enrolmentId: string;
  invoiceId: string;
  paymentId: string;
  refundId: string;
  complaintId: string;
  participantId: string;
  spotLearnerId: string;
  licenceId: string;
  decisionId: string;
  streamId: string;
  changeId: string;
  projectionName: string;
  /** Command ids already recorded, with their route and body (a resend with another body is a 409). */
  recordedCommands: Array<{ method: string; path: string; body: Record<string, unknown> }>;
  /** Steps that did not succeed, for the report. */
  skipped: string[];
}

export async function createFixtures(target: LedgerTarget, prefix: string, random: Random): Promise<Fixtures> {
  const f: Fixtures = {
    customerId: `${prefix}-cust`,
    learnerId: `${prefix}-learner`,
    offeringId: `${prefix}-offering`,
    enrolmentId: `${prefix}-enrolment`,
    invoiceId: `${prefix}-no-invoice`,
    paymentId: `${prefix}-pay`,
    refundId: `${prefix}-no-refund`,
    complaintId: `${prefix}-complaint`,
    participantId: `${prefix}-participant`,
    spotLearnerId: `${prefix}-spot-learner`,
    licenceId: `${prefix}-licence`,
    decisionId: seededUuid(random),
    streamId: `enrolment-${prefix}-enrolment`,
    changeId: `${prefix}-change`,
    projectionName: 'enrolments',
    recordedCommands: [],
    skipped: [],
  };
  const post = async (path: string, body: Record<string, unknown>, role: 'backoffice' | 'admin' = 'backoffice') => {
    const full = { commandId: seededUuid(random), ...body };
    const result = await expectCall(target, 'POST', path, full, { role });
    f.recordedCommands.push({ method: 'POST', path, body: full });
    return result;
  };
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      f.skipped.push(`${name}: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
    }
  };

  await step('customer', async () => {
    await post('/customers', {
      customerId: f.customerId,
      kind: 'consumer',
      name: 'Reliability Klant',
      email: 'klant@example.nl',
      registeredAt: '2026-01-05T10:00:00+01:00',
    });
  });
  await step('learner', async () => {
    await post('/learners', {
      learnerId: f.learnerId,
      name: 'Reliability Cursist',
      email: 'cursist@example.nl',
      registeredAt: '2026-01-05T10:00:00+01:00',
    });
  });
  await step('offering', async () => {
    await post('/offerings', {
      offeringId: f.offeringId,
      rulebookId: 'plusport',
      kind: 'classroom',
      title: 'VCA Basis',
      startsAt: '2026-04-20T09:00:00+02:00',
      components: [{ kind: 'classroom', priceCents: 45_000 }],
      definedAt: '2026-01-02T09:00:00+01:00',
    });
  });
  await step('price change', async () => {
    await post(`/offerings/${f.offeringId}/price-changes`, {
      changeId: f.changeId,
      changedAt: '2026-03-01T09:00:00+01:00',
      components: [{ kind: 'classroom', priceCents: 46_000 }],
    });
  });
  await step('enrolment', async () => {
    const registered = await post('/enrolments', {
      enrolmentId: f.enrolmentId,
      offeringId: f.offeringId,
      learnerId: f.learnerId,
      customerId: f.customerId,
      registeredAt: '2026-03-02T10:00:00+01:00',
    });
    f.invoiceId = registered.invoice?.invoiceId ?? f.invoiceId;
    f.decisionId = registered.decision?.decisionId ?? f.decisionId;
    f.streamId = registered.streamId ?? f.streamId;
  });
  await step('payment (an overpayment, which grants a refund entitlement)', async () => {
    const invoice = await expectCall(target, 'GET', `/invoices/${f.invoiceId}`, undefined, { role: 'finance' });
    const paid = await post('/payments', {
      paymentId: f.paymentId,
      invoiceId: f.invoiceId,
      amountCents: Number(invoice.totalCents) + 1_000,
      receivedAt: '2026-03-03T10:00:00+01:00',
    });
    const refund = (paid.events as Array<{ type: string; data: Record<string, unknown> }>).find(
      (e) => e.type === 'RefundEntitlementGranted',
    );
    if (refund) f.refundId = String(refund.data['refundId']);
  });
  await step('complaint', async () => {
    await post('/complaints', {
      complaintId: f.complaintId,
      enrolmentId: f.enrolmentId,
      filedAt: '2026-03-04T10:00:00+01:00',
      courseEndedOn: '2026-03-03',
    });
  });
  await step('participant, employed learner and licence', async () => {
    await post('/participants', {
      participantId: f.participantId,
      name: 'Reliability Zorg BV',
      invoiceDate: '2026-01-10',
      registeredAt: '2026-01-05T09:00:00+01:00',
    });
    await post('/learners', {
      learnerId: f.spotLearnerId,
      name: 'SPOT Cursist',
      email: 'spot@example.nl',
      employerId: f.participantId,
      registeredAt: '2026-01-05T10:00:00+01:00',
    });
    await post(`/participants/${f.participantId}/licences`, {
      licenceId: f.licenceId,
      learnerId: f.spotLearnerId,
      registeredAt: '2026-02-02T10:00:00+01:00',
    });
  });
  await step('invoice numbering run (numbers every fixture invoice, so later runs append nothing)', async () => {
    await expectCall(target, 'POST', '/invoice-numbering/runs', undefined, { role: 'admin', expect: [200, 201] });
  });
  await step('projection name', async () => {
    const projections = await call(target, 'GET', '/admin/projections', { role: 'admin' });
    const names = Array.isArray(projections.json)
      ? (projections.json as Array<{ name: string }>).map((p) => p.name)
      : [];
    if (names[0]) f.projectionName = names.includes('enrolments') ? 'enrolments' : names[0];
  });
  return f;
}
