/**
 * Money commands finance issues against the stream that owns an invoice or a refund entitlement:
 * reversing a payment (payments are never edited: a reversal is a new event), paying a refund
 * out (`FIN.refundPayout`) and correcting a recorded decision (decision-corrections.ts). Both are decided purely from the owner's `billing: BillingState` — the state every
 * billing aggregate keeps and folds with `evolveBilling` (docs/dev/feature-slice-guide.md) — and
 * appended to the owner's stream with the revision read, so the owner's invariants (a refund is
 * never paid beyond its entitlement, a payment is reversed once) hold under concurrency.
 *
 * The owner's decider comes from its payment route (libs/domain/src/payment-routes.ts, keyed by
 * stream prefix): a feature that takes payments takes reversals and refund payouts with no code of
 * its own. `billingCorrectionDecider` wraps it: the owner's initialState and evolve, this decide.
 */
import type { BillingState } from '../billing/state';
import type { PaymentReversed, RefundPaid } from '../billing/events';
import { routeFor, type PaymentRoute } from '../billing/payment-routes';
import { DomainError, type Decider, type DomainEvent } from '../shared/decider';
import { decideDecisionCorrection, type CorrectDecision } from './decision-corrections';

export interface ReversePayment {
  type: 'ReversePayment';
  paymentId: string;
  invoiceId: string;
  customerId: string;
  reversedAt: string;
  reason: string;
}

export interface PayRefund {
  type: 'PayRefund';
  refundId: string;
  customerId: string;
  amountCents: number;
  paidAt: string;
  reference: string;
}

export type BillingCorrection = ReversePayment | PayRefund | CorrectDecision;

export function decidePaymentReversal(billing: BillingState, command: ReversePayment): PaymentReversed[] {
  const payment = billing.paymentIds[command.paymentId];
  if (!payment || payment.invoiceId !== command.invoiceId) {
    throw new DomainError(
      'PAYMENT_NOT_FOUND',
      404,
      `Payment ${command.paymentId} is not recorded on invoice ${command.invoiceId}`,
    );
  }
  if (payment.reversed)
    throw new DomainError('PAYMENT_ALREADY_REVERSED', 409, `Payment ${command.paymentId} was already reversed`);
  return [
    {
      type: 'PaymentReversed',
      data: {
        paymentId: command.paymentId,
        invoiceId: payment.invoiceId,
        customerId: command.customerId,
        amountCents: payment.amountCents,
        reversedAt: command.reversedAt,
        reason: command.reason,
      },
    },
  ];
}

/** `FIN.refundPayout`: pays (part of) a refund entitlement out; never beyond what is still owed. */
export function decideRefundPayout(billing: BillingState, command: PayRefund): RefundPaid[] {
  const refund = billing.refunds[command.refundId];
  if (!refund)
    throw new DomainError('REFUND_NOT_FOUND', 404, `Refund ${command.refundId} is not an entitlement of this stream`);
  if (!Number.isSafeInteger(command.amountCents) || command.amountCents <= 0) {
    throw new DomainError('INVALID_AMOUNT', 422, 'A refund payout is a positive whole number of cents');
  }
  const owedCents = refund.amountCents - refund.paidCents;
  if (owedCents === 0)
    throw new DomainError('REFUND_ALREADY_PAID', 409, `Refund ${command.refundId} is paid out in full`);
  if (command.amountCents > owedCents) {
    throw new DomainError(
      'PAYOUT_EXCEEDS_ENTITLEMENT',
      422,
      `Refund ${command.refundId} still owes ${owedCents} cents; a payout of ${command.amountCents} cents would pay out more than the entitlement`,
    );
  }
  return [
    {
      type: 'RefundPaid',
      data: {
        refundId: command.refundId,
        customerId: command.customerId,
        amountCents: command.amountCents,
        paidAt: command.paidAt,
        reference: command.reference,
      },
    },
  ];
}

function billingOf(state: unknown, ownerStreamId: string): BillingState {
  const billing = (state as { billing?: BillingState } | null)?.billing;
  if (
    !billing ||
    typeof billing !== 'object' ||
    typeof billing.paymentIds !== 'object' ||
    typeof billing.refunds !== 'object'
  ) {
    throw new DomainError('NOT_A_BILLING_STREAM', 409, `Stream ${ownerStreamId} keeps no billing state`);
  }
  return billing;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, DomainEvent<string, any>, any>;

/** The owner's decider with a decide for reversals and refund payouts. */
export function billingCorrectionDecider(
  owner: AnyDecider,
  ownerStreamId: string,
): Decider<BillingCorrection, DomainEvent<string, Record<string, unknown>>, unknown> {
  return {
    streamIdOf: () => ownerStreamId,
    initialState: () => owner.initialState(),
    evolve: (state, event) => owner.evolve(state, event),
    decide(command, state, ctx) {
      const billing = billingOf(state, ownerStreamId);
      switch (command.type) {
        case 'ReversePayment':
          return decidePaymentReversal(billing, command);
        case 'PayRefund':
          return decideRefundPayout(billing, command);
        case 'CorrectDecision':
          return decideDecisionCorrection(billing, command, ctx, ownerStreamId);
      }
    },
  };
}

/** A payment id no real payment uses: only to ask a route which decider owns the stream. */
const ROUTE_PROBE = {
  paymentId: '~route-probe',
  invoiceId: '~route-probe',
  amountCents: 1,
  receivedAt: '1970-01-01T00:00:00Z',
};

/** The decider of the aggregate owning `ownerStreamId`, from the payment routes (keyed by stream prefix). */
export function ownerDeciderFor(ownerStreamId: string, routes: readonly PaymentRoute[]): AnyDecider | undefined {
  const route = routeFor(routes, ownerStreamId);
  return route ? route.toCommand(ownerStreamId, ROUTE_PROBE).decider : undefined;
}
