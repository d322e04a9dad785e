/**
 * Payment reminders. A reminder can only follow the due date and only for an invoice with
 * something unpaid; it records when its term ends and from when collection costs and interest
 * run, as the reminder act of the invoice's rulebook version in force on the sending day decides
 * (the statutory default where the rulebook has no rule of its own). A reminder that names no
 * term offers the act's default term.
 */
import {
  addDays,
  FIN,
  financeActsOf,
  RuleViolation,
  STATUTORY_REMINDER,
  toLocalDate,
  WIK_READINGS,
} from '@ledger/regulations';
import { DomainError, type DecideContext, type Decider } from '../shared/decider';
import type { DunningCommand, SendPaymentReminder } from './commands';
import { dunningStreamId, MAX_REMINDERS_PER_INVOICE, type DunningEvent, type PaymentReminderSent } from './events';
import { evolveDunning, initialDunningState, type DunningState } from './state';

export function decideSendReminder(
  command: SendPaymentReminder,
  state: DunningState,
  ctx: DecideContext,
): PaymentReminderSent[] {
  const { invoice } = command;
  const reminders = financeActsOf(ctx.rulebooks.rulebookFor(invoice.provider, command.sentAt)).reminders;
  const ruleId = reminders.ruleId;
  if (state.reminders.length >= MAX_REMINDERS_PER_INVOICE) {
    throw new DomainError(
      'REMINDER_LIMIT_REACHED',
      409,
      `Invoice ${command.invoiceId} already has ${MAX_REMINDERS_PER_INVOICE} reminders`,
    );
  }
  const sentOn = toLocalDate(command.sentAt);
  const receivedOn = command.receivedOn ?? sentOn;
  if (receivedOn < sentOn)
    throw new DomainError(
      'REMINDER_RECEIVED_BEFORE_SENT',
      422,
      `A reminder sent ${sentOn} cannot be received on ${receivedOn}`,
    );
  const termDays = command.termDays ?? reminders.defaultTermDays ?? STATUTORY_REMINDER.minimumTermDays;
  if (!Number.isSafeInteger(termDays) || termDays < STATUTORY_REMINDER.minimumTermDays) {
    throw new DomainError(
      'REMINDER_TERM_TOO_SHORT',
      422,
      `A reminder gives at least ${STATUTORY_REMINDER.minimumTermDays} days to pay (${STATUTORY_REMINDER.legalBasis})`,
      STATUTORY_REMINDER.ruleId,
    );
  }
  if (sentOn <= invoice.dueDate) {
    throw new RuleViolation(
      'REMINDER_BEFORE_DEFAULT',
      ruleId,
      `Invoice ${command.invoiceId} is payable until ${invoice.dueDate}; a reminder sent ${sentOn} cannot precede the default`,
      {
        dueDate: invoice.dueDate,
        sentOn,
      },
    );
  }
  if (invoice.outstandingCents <= 0) {
    throw new RuleViolation(
      'INVOICE_NOT_OVERDUE',
      ruleId,
      `Nothing is unpaid on invoice ${command.invoiceId} on ${sentOn}`,
      { dueDate: invoice.dueDate, sentOn },
    );
  }
  const kind = command.customerKind;
  if (reminders.needsCustomerKind && kind === null)
    throw new DomainError(
      'CUSTOMER_KIND_UNKNOWN',
      422,
      `Customer ${invoice.customerId} has no recorded kind; ${ruleId} needs it`,
      ruleId,
    );
  const sent = reminders.send({
    dueDate: invoice.dueDate,
    outstandingCents: invoice.outstandingCents,
    sentAt: command.sentAt,
    sentOn,
    receivedOn,
    termDays,
    customerKind: kind,
  });
  const interpretationIds: string[] = [FIN.costsAfterReminder, WIK_READINGS.reminderTerm];
  if (receivedOn === sentOn) interpretationIds.push(FIN.reminderReceipt);
  interpretationIds.push(...sent.interpretationIds);
  const ruleIds = [...new Set([ruleId, ...(sent.decision?.ruleIds ?? [])])];
  return [
    {
      type: 'PaymentReminderSent',
      data: {
        invoiceId: command.invoiceId,
        customerId: invoice.customerId,
        provider: invoice.provider,
        ownerStreamId: invoice.ownerStreamId,
        customerKind: kind,
        reminderNumber: state.reminders.length + 1,
        sentAt: command.sentAt,
        sentOn,
        receivedOn,
        termDays: sent.termDays,
        dueDate: invoice.dueDate,
        defaultFrom: addDays(invoice.dueDate, 1),
        outstandingCents: invoice.outstandingCents,
        reminderTermEndsOn: sent.reminderTermEndsOn,
        collectionCostsDueFrom: sent.collectionCostsDueFrom,
        interestFrom: sent.interestFrom,
        ruleIds,
        interpretationIds,
        decision: sent.decision,
      },
    },
  ];
}

export const dunningDecider: Decider<DunningCommand, DunningEvent, DunningState> = {
  streamIdOf: (command) => dunningStreamId(command.invoiceId),
  initialState: initialDunningState,
  evolve: evolveDunning,
  decide: (command, state, ctx) => decideSendReminder(command, state, ctx),
};
