/** Payment reversals and refund payouts against the owner's billing state (FIN-I5, FIN-I10, LEDGER-I1). */
import { decidePayment, issueInvoice, type BillingParty } from '../billing/decide';
import type { BillingEvent } from '../billing/events';
import { enrolmentPaymentRoute } from '../enrolment/payment-route';
import { evolveBilling, initialBillingState, type BillingState } from '../billing/state';
import { DomainError, type Decider } from '../shared/decider';
import {
  billingCorrectionDecider,
  decidePaymentReversal,
  decideRefundPayout,
  ownerDeciderFor,
} from './billing-corrections';

const party: BillingParty = { customerId: 'c1', provider: 'plusport', ownerStreamId: 'x-e1', enrolmentId: 'e1' };
const fold = (events: BillingEvent[], state: BillingState = initialBillingState()) =>
  events.reduce(evolveBilling, state);
// 450.00 + 21 % VAT = 544.50
const invoice = issueInvoice(party, {
  invoiceId: 'e1-INV-1',
  reason: 'registration',
  issuedOn: '2026-03-02',
  dueDate: '2026-03-19',
  lines: [{ description: 'Classroom', kind: 'classroom', netCents: 45_000 }],
  vatRateBasisPoints: 2100,
});
const base = fold([invoice]);
// 600.00 paid: 55.50 beyond the invoice becomes refund e1-RF-1
const overpaid = decidePayment(
  base,
  party,
  { paymentId: 'p1', invoiceId: 'e1-INV-1', amountCents: 60_000, receivedAt: '2026-03-05T10:00:00+01:00' },
  'e1',
);
const paid = fold(overpaid, base);

describe('payment reversal', () => {
  it('FIN-I5 given a payment of 600.00, when it is reversed, then PaymentReversed for the recorded amount; the invoice asks 544.50 + 55.50 again', () => {
    const events = decidePaymentReversal(paid, {
      type: 'ReversePayment',
      paymentId: 'p1',
      invoiceId: 'e1-INV-1',
      customerId: 'c1',
      reversedAt: '2026-03-09T10:00:00+01:00',
      reason: 'bank return',
    });
    expect(events).toEqual([
      {
        type: 'PaymentReversed',
        data: {
          paymentId: 'p1',
          invoiceId: 'e1-INV-1',
          customerId: 'c1',
          amountCents: 60_000,
          reversedAt: '2026-03-09T10:00:00+01:00',
          reason: 'bank return',
        },
      },
    ]);
    // outstanding = 544.50 - 0 + 55.50 (the refund granted stays owed to the customer)
    const after = fold(events, paid).invoices['e1-INV-1']!;
    expect(after.totalCents - after.creditedCents - after.paidCents + after.refundedCents).toBe(60_000);
  });

  it('FIN-I5 a reversal of an unknown payment is 404 PAYMENT_NOT_FOUND, of a reversed one 409 PAYMENT_ALREADY_REVERSED', () => {
    const reverse = {
      type: 'ReversePayment' as const,
      paymentId: 'p1',
      invoiceId: 'e1-INV-1',
      customerId: 'c1',
      reversedAt: '2026-03-09T10:00:00+01:00',
      reason: 'x',
    };
    expect(() => decidePaymentReversal(base, reverse)).toThrow(
      expect.objectContaining({ error: 'PAYMENT_NOT_FOUND', status: 404 }),
    );
    const reversed = fold(decidePaymentReversal(paid, reverse), paid);
    expect(() => decidePaymentReversal(reversed, reverse)).toThrow(
      expect.objectContaining({ error: 'PAYMENT_ALREADY_REVERSED', status: 409 }),
    );
  });
});

describe('refund payout', () => {
  const pay = (amountCents: number) => ({
    type: 'PayRefund' as const,
    refundId: 'e1-RF-1',
    customerId: 'c1',
    amountCents,
    paidAt: '2026-03-10T10:00:00+01:00',
    reference: 'batch-7',
  });

  it('FIN-I10 given a refund of 55.50 (LEDGER-I1 overpayment), when 20.00 is paid out, then RefundPaid 20.00; then 35.50 more pays it out in full', () => {
    const first = decideRefundPayout(paid, pay(2_000));
    expect(first).toEqual([
      {
        type: 'RefundPaid',
        data: {
          refundId: 'e1-RF-1',
          customerId: 'c1',
          amountCents: 2_000,
          paidAt: '2026-03-10T10:00:00+01:00',
          reference: 'batch-7',
        },
      },
    ]);
    const after = fold(first, paid);
    expect(decideRefundPayout(after, pay(3_550))[0]!.data.amountCents).toBe(3_550);
  });

  it('FIN-I10 a payout beyond what is still owed is 422 PAYOUT_EXCEEDS_ENTITLEMENT; a fully paid refund 409; an unknown one 404', () => {
    // owed 55.50: 55.51 is one cent too many
    expect(() => decideRefundPayout(paid, pay(5_551))).toThrow(
      expect.objectContaining({ error: 'PAYOUT_EXCEEDS_ENTITLEMENT', status: 422 }),
    );
    const full = fold(decideRefundPayout(paid, pay(5_550)), paid);
    expect(() => decideRefundPayout(full, pay(1))).toThrow(
      expect.objectContaining({ error: 'REFUND_ALREADY_PAID', status: 409 }),
    );
    expect(() => decideRefundPayout(base, pay(1))).toThrow(
      expect.objectContaining({ error: 'REFUND_NOT_FOUND', status: 404 }),
    );
  });
});

describe('owner deciders', () => {
  it('FIN-I10 the owner of an enrolment stream is found through its payment route; a stream without a route has none', () => {
    expect(ownerDeciderFor('enrolment-e1', [enrolmentPaymentRoute])).toBe(
      enrolmentPaymentRoute.toCommand('enrolment-e1', {
        paymentId: 'p',
        invoiceId: 'i',
        amountCents: 1,
        receivedAt: '2026-03-02T10:00:00+01:00',
      }).decider,
    );
    expect(ownerDeciderFor('customer-c1', [enrolmentPaymentRoute])).toBeUndefined();
  });

  it('FIN-I10 the wrapped decider folds with the owner evolve and refuses a stream that keeps no billing state (409)', () => {
    const noBilling: Decider<unknown, { type: string; data: Record<string, unknown> }, { n: number }> = {
      streamIdOf: () => 's',
      initialState: () => ({ n: 0 }),
      evolve: (s) => s,
      decide: () => [],
    };
    const decider = billingCorrectionDecider(noBilling, 'other-1');
    expect(
      decider.streamIdOf({
        type: 'PayRefund',
        refundId: 'r',
        customerId: 'c',
        amountCents: 1,
        paidAt: '2026-03-02T10:00:00+01:00',
        reference: 'x',
      }),
    ).toBe('other-1');
    let thrown: unknown;
    try {
      decider.decide(
        {
          type: 'PayRefund',
          refundId: 'r',
          customerId: 'c',
          amountCents: 1,
          paidAt: '2026-03-02T10:00:00+01:00',
          reference: 'x',
        },
        decider.initialState(),
        undefined as never,
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ error: 'NOT_A_BILLING_STREAM', status: 409 });
  });
});
