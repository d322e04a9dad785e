/**
 * Automated dunning's commands (FIN-I15): the letters and the escalation the scheduler fires, and
 * finance's pause and its lifting. A fired step reads what the invoice asks from the owner's kept
 * aggregate (`pipeline.loadState`: folded once, kept in memory and snapshotted) and the customer's
 * kind from the customer's, so each step costs O(1) in the invoice's history; a pause, sent by hand,
 * reads the invoice from the log as a reminder sent by hand does.
 */
import { CommandHandler } from '@nestjs/cqrs';
import {
  customerDecider,
  customerStreamId,
  DomainError,
  dunningDecider,
  invoiceOutstandingCents,
  ownerDeciderFor,
  PARTICIPANT_STREAM_PREFIX,
  paymentRoutes,
  type BillingState,
  type CustomerKind,
  type DunningInvoiceFacts,
  type DunningPauseReason,
  type EnrolmentState,
  type EscalateDunning,
  type PauseDunning,
  type ResumeDunning,
  type SendDueReminder,
} from '@ledger/domain';
import type { CommandResult } from '../command-pipeline';
import { billingOwner, invoiceFromLog, MoneyHandler } from './finance';
import { LedgerCommand } from './ledger-command';

/** The invoice as the scheduler's deadline names it. */
interface ScheduledInvoiceRef {
  invoiceId: string;
  customerId: string;
  provider: string;
}

export class SendDueReminderCommand extends LedgerCommand<
  ScheduledInvoiceRef & { reminderNumber: number; sentAt: string }
> {}
export class EscalateDunningCommand extends LedgerCommand<
  ScheduledInvoiceRef & { afterReminderNumber: number; escalatedAt: string }
> {}

/** Handlers of the steps the scheduler fires: the invoice's facts from kept aggregates. */
abstract class DunningStepHandler<TCommand extends LedgerCommand> extends MoneyHandler<TCommand> {
  protected async invoiceFacts(
    ref: ScheduledInvoiceRef,
  ): Promise<{ invoice: DunningInvoiceFacts; customerKind: CustomerKind | null }> {
    const ownerStreamId = billingOwner(ref.invoiceId, { error: 'INVOICE_NOT_FOUND', what: 'invoice' });
    const decider = ownerDeciderFor(ownerStreamId, paymentRoutes);
    if (!decider) throw new DomainError('INVOICE_NOT_FOUND', 404, `No invoice ${ref.invoiceId}`);
    const { state } = await this.pipeline.loadState(decider, ownerStreamId);
    const owner = state as { billing: BillingState; agreement?: EnrolmentState['agreement'] };
    const account = owner.billing.invoices[ref.invoiceId];
    if (!account) throw new DomainError('INVOICE_NOT_FOUND', 404, `No invoice ${ref.invoiceId}`);
    const invoice: DunningInvoiceFacts = {
      customerId: ref.customerId,
      provider: ref.provider,
      ownerStreamId,
      dueDate: account.dueDate,
      outstandingCents: invoiceOutstandingCents(account),
    };
    return { invoice, customerKind: await this.customerKind(ref.customerId, ownerStreamId, owner.agreement) };
  }

  /** FIN-I13: the customer's recorded kind, else the kind the enrolment recorded, else business for a participant. */
  private async customerKind(
    customerId: string,
    ownerStreamId: string,
    agreement: EnrolmentState['agreement'] | undefined,
  ): Promise<CustomerKind | null> {
    const { state } = await this.pipeline.loadState(customerDecider, customerStreamId(customerId));
    if (state.status === 'registered') return state.kind;
    if (agreement) return agreement.customerKind;
    return ownerStreamId.startsWith(PARTICIPANT_STREAM_PREFIX) ? 'business' : null;
  }
}

@CommandHandler(SendDueReminderCommand)
export class SendDueReminderHandler extends DunningStepHandler<SendDueReminderCommand> {
  protected async run({ payload, envelope }: SendDueReminderCommand): Promise<CommandResult> {
    const command: SendDueReminder = {
      type: 'SendDueReminder',
      invoiceId: payload.invoiceId,
      reminderNumber: payload.reminderNumber,
      sentAt: payload.sentAt,
      ...(await this.invoiceFacts(payload)),
    };
    return this.pipeline.execute(dunningDecider, command, envelope);
  }
}

@CommandHandler(EscalateDunningCommand)
export class EscalateDunningHandler extends DunningStepHandler<EscalateDunningCommand> {
  protected async run({ payload, envelope }: EscalateDunningCommand): Promise<CommandResult> {
    const { invoice } = await this.invoiceFacts(payload);
    const command: EscalateDunning = {
      type: 'EscalateDunning',
      invoiceId: payload.invoiceId,
      afterReminderNumber: payload.afterReminderNumber,
      escalatedAt: payload.escalatedAt,
      invoice,
    };
    return this.pipeline.execute(dunningDecider, command, envelope);
  }
}

export class PauseDunningCommand extends LedgerCommand<{
  invoiceId: string;
  pausedAt: string;
  reason: DunningPauseReason;
  note: string | null;
}> {}

/** Finance pauses dunning on an invoice; who paused it is the envelope's actor. */
@CommandHandler(PauseDunningCommand)
export class PauseDunningHandler extends MoneyHandler<PauseDunningCommand> {
  protected async run({ payload, envelope }: PauseDunningCommand): Promise<CommandResult> {
    const { invoice } = await invoiceFromLog(this.pipeline, payload.invoiceId, payload.pausedAt);
    const command: PauseDunning = {
      type: 'PauseDunning',
      ...payload,
      pausedBy: envelope.actor.userId,
      invoice: { customerId: invoice.customerId, provider: invoice.provider, dueDate: invoice.dueDate },
    };
    return this.pipeline.execute(dunningDecider, command, envelope);
  }
}

export class ResumeDunningCommand extends LedgerCommand<{
  invoiceId: string;
  resumedAt: string;
  note: string | null;
}> {}

@CommandHandler(ResumeDunningCommand)
export class ResumeDunningHandler extends MoneyHandler<ResumeDunningCommand> {
  protected async run({ payload, envelope }: ResumeDunningCommand): Promise<CommandResult> {
    const { invoice } = await invoiceFromLog(this.pipeline, payload.invoiceId, payload.resumedAt);
    const command: ResumeDunning = {
      type: 'ResumeDunning',
      ...payload,
      resumedBy: envelope.actor.userId,
      invoice: { customerId: invoice.customerId, provider: invoice.provider },
    };
    return this.pipeline.execute(dunningDecider, command, envelope);
  }
}

export const dunningCommandHandlers = [
  SendDueReminderHandler,
  EscalateDunningHandler,
  PauseDunningHandler,
  ResumeDunningHandler,
];
