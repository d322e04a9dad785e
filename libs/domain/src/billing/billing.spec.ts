import {
  balanceCents,
  billingOwnerStreamId,
  creditDownTo,
  decidePayment,
  evolveBilling,
  initialBillingState,
  invoiceOutstandingCents,
  issueInvoice,
  nextInvoiceId,
  nextRefundId,
  type BillingEvent,
  type BillingState,
} from '.';

const party = { customerId: 'c1', provider: 'plusport' as const, ownerStreamId: 'enrolment-e1', enrolmentId: 'e1' };
const fold = (events: BillingEvent[], state: BillingState = initialBillingState()) =>
  events.reduce(evolveBilling, state);
const classroomInvoice = issueInvoice(party, {
  invoiceId: 'e1-INV-1',
  reason: 'registration',
  issuedOn: '2026-03-02',
  dueDate: '2026-03-19',
  lines: [{ description: 'Classroom training', kind: 'classroom', netCents: 45000 }],
  vatRateBasisPoints: 2100,
});

describe('billing', () => {
  it('an invoice shows net, VAT (21 % half-up once) and gross', () => {
    // 450.00 x 21 % = 94.50; gross 544.50
    expect(classroomInvoice.data).toMatchObject({ netCents: 45000, vatCents: 9450, totalCents: 54450 });
  });

  it('a payment beyond what the invoice asks becomes a refund entitlement for the excess (overpayment), due in 14 days (LEDGER-I1)', () => {
    const state = fold([classroomInvoice]);
    const events = decidePayment(
      state,
      party,
      { paymentId: 'p1', invoiceId: 'e1-INV-1', amountCents: 60000, receivedAt: '2026-03-05T10:00:00+01:00' },
      'e1',
    );
    expect(events.map((e) => e.type)).toEqual(['PaymentReceived', 'RefundEntitlementGranted']);
    expect(events[1]!.data).toMatchObject({
      amountCents: 60000 - 54450,
      dueDate: '2026-03-19',
      invoiceId: 'e1-INV-1',
      reason: 'overpayment',
    });
    const after = fold(events, state);
    expect(invoiceOutstandingCents(after.invoices['e1-INV-1']!)).toBe(0);
    expect(balanceCents(after)).toBe(54450 - 60000);
  });

  it('crediting a fully paid invoice down to a 225.00 fee (PP-15.5-CLS example) credits 272.25 and grants 272.25 back', () => {
    const paid = fold([
      classroomInvoice,
      ...decidePayment(
        fold([classroomInvoice]),
        party,
        { paymentId: 'p1', invoiceId: 'e1-INV-1', amountCents: 54450, receivedAt: '2026-03-05T10:00:00+01:00' },
        'e1',
      ),
    ]);
    const events = creditDownTo(paid, party, 'e1', {
      invoiceId: 'e1-INV-1',
      chargeableNetCents: 22500,
      issuedOn: '2026-03-10',
      reason: 'cancellation',
      decisionId: 'd1',
      ruleIds: ['PP-15.5-CLS'],
    });
    // chargeable: 225.00 + 47.25 VAT = 272.25; credit = 544.50 - 272.25 = 272.25 (net 225.00, VAT 47.25)
    expect(events[0]!.data).toMatchObject({ totalCents: 27225, netCents: 22500, vatCents: 4725 });
    expect(events[1]!.data).toMatchObject({ amountCents: 27225, dueDate: '2026-03-24', decisionId: 'd1' });
    const after = fold(events, paid);
    expect(balanceCents(after)).toBe(-27225);
  });

  it('crediting an unpaid invoice grants no refund, and a second identical credit changes nothing', () => {
    const state = fold([classroomInvoice]);
    const events = creditDownTo(state, party, 'e1', {
      invoiceId: 'e1-INV-1',
      chargeableNetCents: 0,
      issuedOn: '2026-03-10',
      reason: 'provider-cancellation',
      decisionId: 'd1',
      ruleIds: ['PP-15.1'],
    });
    expect(events.map((e) => e.type)).toEqual(['CreditNoteIssued']);
    const after = fold(events, state);
    expect(balanceCents(after)).toBe(0);
    expect(
      creditDownTo(after, party, 'e1', {
        invoiceId: 'e1-INV-1',
        chargeableNetCents: 0,
        issuedOn: '2026-03-11',
        reason: 'again',
        decisionId: 'd2',
        ruleIds: [],
      }),
    ).toEqual([]);
  });

  it('refuses an unknown invoice (404) and a reused payment id (409)', () => {
    const state = fold([classroomInvoice]);
    expect(() =>
      decidePayment(
        state,
        party,
        { paymentId: 'p1', invoiceId: 'nope', amountCents: 1, receivedAt: '2026-03-05T10:00:00+01:00' },
        'e1',
      ),
    ).toThrow(expect.objectContaining({ error: 'INVOICE_NOT_FOUND', status: 404 }));
    const paid = fold(
      decidePayment(
        state,
        party,
        { paymentId: 'p1', invoiceId: 'e1-INV-1', amountCents: 100, receivedAt: '2026-03-05T10:00:00+01:00' },
        'e1',
      ),
      state,
    );
    expect(() =>
      decidePayment(
        paid,
        party,
        { paymentId: 'p1', invoiceId: 'e1-INV-1', amountCents: 100, receivedAt: '2026-03-05T10:00:00+01:00' },
        'e1',
      ),
    ).toThrow(expect.objectContaining({ error: 'PAYMENT_ID_EXISTS', status: 409 }));
  });

  it('the owning stream of an invoice or refund is the prefix of its id, whatever the ids issued look like', () => {
    const state = fold([classroomInvoice]);
    const ownerStreamId = 'enrolment-e-INV-2';
    const invoiceId = nextInvoiceId(ownerStreamId, state);
    const refundId = nextRefundId(ownerStreamId, state, 9);
    expect([invoiceId, refundId]).toEqual(['enrolment-e-INV-2-INV-2', 'enrolment-e-INV-2-RF-10']);
    expect(billingOwnerStreamId(invoiceId)).toBe(ownerStreamId);
    expect(billingOwnerStreamId(refundId)).toBe(ownerStreamId);
    expect(billingOwnerStreamId('participant-p1-INV-12')).toBe('participant-p1');
    for (const other of ['inv-1', 'enrolment-e1-CN-1', 'enrolment-e1-INV-', 'enrolment-e1-INV-01', '-INV-1'])
      expect(billingOwnerStreamId(other)).toBeUndefined();
  });
});
