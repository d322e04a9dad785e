/**
 * Money commands (docs/api.md "Finance"), one class and one handler per command type. A payment,
 * a reversal, a refund payout or a reminder names an invoice or a refund id; the id names the
 * stream that owns it (billingOwnerStreamId), whose decider the payment routes give. Every fact a
 * command needs beyond its fields is read from the log (the owner's and the customer's streams),
 * never from a read model; the payment directory is consulted only to find the invoice of a
 * payment id named alone and to refuse a payment id used on another invoice.
 */
import { Inject, Optional } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import {
  asOfInstant,
  billingCorrectionDecider,
  billingOwnerStreamId,
  customerStreamId,
  DomainError,
  dunningDecider,
  invoicePrincipalAsOf,
  ledgersFromEvents,
  ownerDeciderFor,
  paymentRoutes,
  routeFor,
  type Decider,
  type DomainEvent,
  type InvoiceIssued,
  type LedgerSourceEvent,
  type PaymentCommand,
  type PayRefund,
  type ReversePayment,
  type SendPaymentReminder,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { compareInstants } from '@ledger/regulations';
import type { CommandPipeline, CommandResult } from '../command-pipeline';
import type { ReadModels } from '../read-models';
import { COMMAND_OBSERVER, COMMAND_PIPELINE, READ_MODELS } from '../tokens';
import { claimGlobalId, paymentEntries } from './directories';
import { CommandFieldError, LedgerCommand, observed, type CommandObserver, type PayloadOf } from './ledger-command';

/** Payouts per refund entitlement: a bound (a refund is normally paid in one transfer). */
export const MAX_PAYOUTS_PER_REFUND = 20;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the owner's decider spans every command type
type AnyDecider = Decider<any, DomainEvent<string, any>, any>;

/** The stream owning an invoice or refund id (its id names it), or 404 with the given code. */
export function billingOwner(id: string, notFound: { error: string; what: string }): string {
  const streamId = billingOwnerStreamId(id);
  if (streamId === undefined) throw new DomainError(notFound.error, 404, `No ${notFound.what} ${id}`);
  return streamId;
}

function ownerDecider(ownerStreamId: string): AnyDecider {
  const decider = ownerDeciderFor(ownerStreamId, paymentRoutes);
  if (!decider) throw new DomainError('NO_PAYMENT_ROUTE', 422, `Money of ${ownerStreamId} takes no payments yet`);
  return decider;
}

/** A handler whose aggregate is chosen by the command (the stream owning the money it names). */
export abstract class MoneyHandler<TCommand extends LedgerCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) protected readonly pipeline: CommandPipeline,
    @Inject(READ_MODELS) protected readonly readModels: ReadModels,
    @Optional() @Inject(COMMAND_OBSERVER) protected readonly observer?: CommandObserver,
  ) {}

  protected abstract run(command: TCommand): Promise<CommandResult>;

  execute(command: TCommand): Promise<CommandResult> {
    return observed(this.observer, command.envelope.commandName, () => this.run(command));
  }
}

// ---- payments --------------------------------------------------------------------------------

export class RecordPaymentCommand extends LedgerCommand<PaymentCommand> {}

/** A payment against an invoice, recorded in the stream that owns the invoice. */
@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler extends MoneyHandler<RecordPaymentCommand> {
  protected async run({ payload, envelope }: RecordPaymentCommand): Promise<CommandResult> {
    const ownerStreamId = billingOwner(payload.invoiceId, { error: 'INVOICE_NOT_FOUND', what: 'invoice' });
    // Payment ids are global (a reversal may name the payment alone): one used on another invoice is a conflict.
    const entries = await paymentEntries(this.readModels, payload.paymentId);
    if (entries.some((e) => e.invoiceId !== payload.invoiceId))
      throw new DomainError(
        'PAYMENT_ID_EXISTS',
        409,
        `Payment id ${payload.paymentId} is already recorded on another invoice`,
      );
    const route = routeFor(paymentRoutes, ownerStreamId);
    if (!route) throw new DomainError('NO_PAYMENT_ROUTE', 422, `Invoices of ${ownerStreamId} take no payments yet`);
    const { decider, command } = route.toCommand(ownerStreamId, payload);
    return this.pipeline.execute(decider, command, envelope, () =>
      claimGlobalId(this.pipeline, { kind: 'payment', id: payload.paymentId, ownerId: payload.invoiceId }, envelope),
    );
  }
}

/** A reversal names the payment; the invoice only where the payment id was used on several. */
export class ReversePaymentCommand extends LedgerCommand<{
  paymentId: string;
  invoiceId: string | null;
  reversedAt: string;
  reason: string;
}> {}

/** Payments are never edited: one recorded in error, returned or charged back is reversed by a new event. */
@CommandHandler(ReversePaymentCommand)
export class ReversePaymentHandler extends MoneyHandler<ReversePaymentCommand> {
  protected async run({ payload, envelope }: ReversePaymentCommand): Promise<CommandResult> {
    const invoiceId = payload.invoiceId ?? (await this.invoiceOfPayment(payload.paymentId));
    const notFound = () =>
      new DomainError('PAYMENT_NOT_FOUND', 404, `No payment ${payload.paymentId} on invoice ${invoiceId}`);
    const ownerStreamId = billingOwnerStreamId(invoiceId);
    if (ownerStreamId === undefined) throw notFound();
    const received = (await this.pipeline.readStream(ownerStreamId)).find(
      (e) => e.type === 'PaymentReceived' && e.data['paymentId'] === payload.paymentId,
    );
    if (!received || received.data['invoiceId'] !== invoiceId) throw notFound();
    const receivedAt = String(received.data['receivedAt']);
    if (compareInstants(payload.reversedAt, receivedAt) < 0)
      throw new CommandFieldError(
        'reversedAt',
        `a reversal cannot precede the payment it reverses (received ${receivedAt})`,
      );
    const command: ReversePayment = {
      type: 'ReversePayment',
      paymentId: payload.paymentId,
      invoiceId,
      customerId: String(received.data['customerId']),
      reversedAt: payload.reversedAt,
      reason: payload.reason,
    };
    const decider = billingCorrectionDecider(ownerDecider(ownerStreamId), ownerStreamId);
    return this.pipeline.execute(decider, command, envelope);
  }

  /** The one invoice a payment id was recorded on (the directory knows payment ids named alone). */
  private async invoiceOfPayment(paymentId: string): Promise<string> {
    const entries = await paymentEntries(this.readModels, paymentId);
    if (entries.length === 0) throw new DomainError('PAYMENT_NOT_FOUND', 404, `No payment ${paymentId}`);
    if (entries.length > 1)
      throw new DomainError(
        'PAYMENT_ID_AMBIGUOUS',
        409,
        `Payment id ${paymentId} was used on several invoices: name the invoiceId`,
      );
    return entries[0]!.invoiceId;
  }
}

// ---- refunds ---------------------------------------------------------------------------------

export class PayRefundCommand extends LedgerCommand<Omit<PayloadOf<PayRefund>, 'customerId'>> {}

/** Pays (part of) a refund entitlement out (FIN-I10), in the stream that owns the entitlement. */
@CommandHandler(PayRefundCommand)
export class PayRefundHandler extends MoneyHandler<PayRefundCommand> {
  protected async run({ payload, envelope }: PayRefundCommand): Promise<CommandResult> {
    const ownerStreamId = billingOwner(payload.refundId, { error: 'REFUND_NOT_FOUND', what: 'refund' });
    const events = await this.pipeline.readStream(ownerStreamId);
    const granted = events.find(
      (e) => e.type === 'RefundEntitlementGranted' && e.data['refundId'] === payload.refundId,
    );
    if (!granted) throw new DomainError('REFUND_NOT_FOUND', 404, `No refund ${payload.refundId}`);
    const payouts = events.filter((e) => e.type === 'RefundPaid' && e.data['refundId'] === payload.refundId);
    if (payouts.length >= MAX_PAYOUTS_PER_REFUND)
      throw new DomainError(
        'PAYOUT_LIMIT_REACHED',
        409,
        `Refund ${payload.refundId} already has ${MAX_PAYOUTS_PER_REFUND} payouts`,
      );
    const grantedAt = businessTime(granted);
    if (compareInstants(payload.paidAt, grantedAt) < 0)
      throw new CommandFieldError('paidAt', `a refund cannot be paid out before it was granted (${grantedAt})`);
    const command: PayRefund = { type: 'PayRefund', customerId: String(granted.data['customerId']), ...payload };
    const decider = billingCorrectionDecider(ownerDecider(ownerStreamId), ownerStreamId);
    return this.pipeline.execute(decider, command, envelope);
  }
}

// ---- reminders -------------------------------------------------------------------------------

/** A reminder names the invoice; term and receipt day default inside the decider (the reminder act). */
export class SendPaymentReminderCommand extends LedgerCommand<
  Omit<PayloadOf<SendPaymentReminder>, 'invoice' | 'customerKind'>
> {}

/**
 * A payment reminder (EXC-11, LOI-6.2-3, §6). What the invoice still asks at the sending time and
 * the customer's kind are folded from the owner's and the customer's streams, as the balances
 * projection folds them, but from the log itself.
 */
@CommandHandler(SendPaymentReminderCommand)
export class SendPaymentReminderHandler extends MoneyHandler<SendPaymentReminderCommand> {
  protected async run({ payload, envelope }: SendPaymentReminderCommand): Promise<CommandResult> {
    const command: SendPaymentReminder = {
      type: 'SendPaymentReminder',
      ...payload,
      ...(await invoiceFromLog(this.pipeline, payload.invoiceId, payload.sentAt)),
    };
    return this.pipeline.execute(dunningDecider, command, envelope);
  }
}

/**
 * What an invoice asked at business time `at` and its customer's kind, folded from the owner's and
 * the customer's streams as the balances projection folds them, but from the log itself.
 */
export async function invoiceFromLog(
  pipeline: CommandPipeline,
  invoiceId: string,
  at: string,
): Promise<Pick<SendPaymentReminder, 'invoice' | 'customerKind'>> {
  const ownerStreamId = billingOwner(invoiceId, { error: 'INVOICE_NOT_FOUND', what: 'invoice' });
  const ownerEvents = await pipeline.readStream(ownerStreamId);
  const issued = ownerEvents.find((e) => e.type === 'InvoiceIssued' && e.data['invoiceId'] === invoiceId);
  if (!issued) throw new DomainError('INVOICE_NOT_FOUND', 404, `No invoice ${invoiceId}`);
  const { customerId } = issued.data as InvoiceIssued['data'];
  const customerEvents = await pipeline.readStream(customerStreamId(customerId));
  const sources = [...customerEvents, ...ownerEvents].sort((a, b) => a.position - b.position).map(ledgerSource);
  const ledger = ledgersFromEvents(sources).get(customerId);
  const invoice = ledger?.invoices.find((i) => i.invoiceId === invoiceId);
  if (!ledger || !invoice) throw new DomainError('INVOICE_NOT_FOUND', 404, `No invoice ${invoiceId}`);
  return {
    invoice: {
      customerId,
      provider: invoice.provider,
      ownerStreamId,
      dueDate: invoice.dueDate,
      outstandingCents: invoicePrincipalAsOf(invoice, asOfInstant(at)),
    },
    customerKind: ledger.kind,
  };
}

/** Business time of a recorded event (its metadata), else the time it was recorded. */
export const businessTime = (event: RecordedEvent): string => event.metadata.occurredAt ?? event.recordedAt;

export const ledgerSource = (event: RecordedEvent): LedgerSourceEvent => ({
  streamId: event.streamId,
  type: event.type,
  data: event.data,
  occurredAt: businessTime(event),
  recordedAt: event.recordedAt,
});

export const financeCommandHandlers = [
  RecordPaymentHandler,
  ReversePaymentHandler,
  PayRefundHandler,
  SendPaymentReminderHandler,
];
