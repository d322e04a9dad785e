/**
 * Test support for the finance read side (not used by the application): a stand-in billing
 * aggregate (`fixture-<id>` streams) that issues invoices, takes payments and credits invoices down
 * with the shared billing functions, exactly as enrolments and participants do, so finance specs
 * append real billing events through the real command pipeline into a real event store.
 */
import {
  creditDownTo,
  decidePayment,
  DomainError,
  evolveBilling,
  initialBillingState,
  isBillingEvent,
  issueInvoice,
  refundEntitlement,
  type BillingEvent,
  type BillingParty,
  type BillingState,
  type Decider,
  type DomainEvent,
  type PaymentRoute,
} from '@ledger/domain';
import type { RulebookId } from '@ledger/regulations';

export const FIXTURE_STREAM_PREFIX = 'fixture-';

export type FixtureOpened = DomainEvent<'FixtureOpened', { ownerId: string; customerId: string; provider: RulebookId }>;
export type FixtureEvent = FixtureOpened | BillingEvent;

export type FixtureCommand =
  | { type: 'Open'; ownerId: string; customerId: string; provider: RulebookId }
  | {
      type: 'IssueInvoice';
      ownerId: string;
      invoiceId: string;
      issuedOn: string;
      dueDate: string;
      netCents: number;
      vatRateBasisPoints?: number;
    }
  | {
      type: 'RecordPayment';
      ownerId: string;
      paymentId: string;
      invoiceId: string;
      amountCents: number;
      receivedAt: string;
    }
  | { type: 'CreditDownTo'; ownerId: string; invoiceId: string; chargeableNetCents: number; issuedOn: string }
  | { type: 'GrantUnlinkedRefund'; ownerId: string; amountCents: number; decidedOn: string };

export interface FixtureState {
  party: BillingParty | null;
  billing: BillingState;
}

const partyOf = (state: FixtureState, ownerId: string): BillingParty => {
  if (!state.party) throw new DomainError('FIXTURE_NOT_OPEN', 404, `No fixture ${ownerId}`);
  return state.party;
};

export const fixtureDecider: Decider<FixtureCommand, FixtureEvent, FixtureState> = {
  streamIdOf: (command) => `${FIXTURE_STREAM_PREFIX}${command.ownerId}`,
  initialState: () => ({ party: null, billing: initialBillingState() }),
  evolve: (state, event) => {
    if (isBillingEvent(event)) return { ...state, billing: evolveBilling(state.billing, event) };
    const d = event.data;
    return {
      ...state,
      party: {
        customerId: d.customerId,
        provider: d.provider,
        ownerStreamId: `${FIXTURE_STREAM_PREFIX}${d.ownerId}`,
        enrolmentId: d.ownerId,
      },
    };
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'Open':
        if (state.party) throw new DomainError('FIXTURE_EXISTS', 409, `Fixture ${command.ownerId} exists`);
        return [
          {
            type: 'FixtureOpened',
            data: { ownerId: command.ownerId, customerId: command.customerId, provider: command.provider },
          },
        ];
      case 'IssueInvoice':
        if (state.billing.invoices[command.invoiceId])
          throw new DomainError('INVOICE_EXISTS', 409, `Invoice ${command.invoiceId} exists`);
        return [
          issueInvoice(partyOf(state, command.ownerId), {
            invoiceId: command.invoiceId,
            reason: 'registration',
            issuedOn: command.issuedOn,
            dueDate: command.dueDate,
            lines: [{ description: 'Course', kind: 'classroom', netCents: command.netCents }],
            vatRateBasisPoints: command.vatRateBasisPoints ?? 0,
          }),
        ];
      case 'RecordPayment':
        return decidePayment(state.billing, partyOf(state, command.ownerId), command, command.ownerId);
      case 'CreditDownTo':
        return creditDownTo(state.billing, partyOf(state, command.ownerId), command.ownerId, {
          invoiceId: command.invoiceId,
          chargeableNetCents: command.chargeableNetCents,
          issuedOn: command.issuedOn,
          reason: 'cancellation',
          decisionId: null,
          ruleIds: [],
        });
      case 'GrantUnlinkedRefund':
        return [
          refundEntitlement(state.billing, partyOf(state, command.ownerId), command.ownerId, {
            invoiceId: null,
            amountCents: command.amountCents,
            decidedOn: command.decidedOn,
            reason: 'goodwill',
            decisionId: null,
            ruleIds: [],
          }),
        ];
    }
  },
};

export const fixturePaymentRoute: PaymentRoute = {
  streamPrefix: FIXTURE_STREAM_PREFIX,
  toCommand(ownerStreamId, payment) {
    return {
      decider: fixtureDecider,
      command: {
        type: 'RecordPayment',
        ownerId: ownerStreamId.slice(FIXTURE_STREAM_PREFIX.length),
        ...payment,
      } satisfies FixtureCommand,
    };
  },
};
