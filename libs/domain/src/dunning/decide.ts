/**
 * Payment reminders (EXC-11, LOI-6.2-3, PP-5.4, regulations.md §6). A reminder can only follow the
 * due date and only for an invoice with something unpaid; it records when its term ends and from
 * when collection costs (and, for Excellus, interest) run, using the rulebook's late-payment
 * decision in force on the day it was sent.
 */
import {
  addDays,
  collectionCostsDueFrom,
  RuleViolation,
  toLocalDate,
  type Decision,
  type JsonValue,
  type RulebookId,
} from '@ledger/regulations';
import { FIN } from '../finance/interpretations';
import { DomainError, type DecideContext, type Decider } from '../shared/decider';
import type { DunningCommand, SendPaymentReminder } from './commands';
import { dunningStreamId, MAX_REMINDERS_PER_INVOICE, type DunningEvent, type PaymentReminderSent } from './events';
import { evolveDunning, initialDunningState, type DunningState } from './state';

/** Rule under which a provider's reminder is given; art. 6:96 lid 6 BW where the rulebook has none. */
export const REMINDER_RULE_IDS: Readonly<Record<RulebookId, string>> = Object.freeze({
  excellus: 'EXC-11',
  loi: 'LOI-6.2-3',
  plusport: 'PP-5.4',
  vli: 'BW-6:96-6',
  'spot-lms': 'BW-6:96-6',
});

function runDecision(
  ctx: DecideContext,
  provider: RulebookId,
  at: string,
  kind: string,
  inputs: Record<string, JsonValue>,
): Decision {
  const version = ctx.rulebooks.rulebookFor(provider, at);
  const fn = version.decisions[kind];
  if (!fn) throw new Error(`Rulebook ${provider}@${version.version} has no decision kind ${kind}`);
  return fn(inputs);
}

export function decideSendReminder(
  command: SendPaymentReminder,
  state: DunningState,
  ctx: DecideContext,
): PaymentReminderSent[] {
  const { invoice } = command;
  const ruleId = REMINDER_RULE_IDS[invoice.provider];
  if (state.reminders.length >= MAX_REMINDERS_PER_INVOICE) {
    throw new DomainError(
      'REMINDER_LIMIT_REACHED',
      409,
      `Invoice ${command.invoiceId} already has ${MAX_REMINDERS_PER_INVOICE} reminders`,
    );
  }
  const sentOn = toLocalDate(command.sentAt);
  if (command.receivedOn < sentOn)
    throw new DomainError(
      'REMINDER_RECEIVED_BEFORE_SENT',
      422,
      `A reminder sent ${sentOn} cannot be received on ${command.receivedOn}`,
    );
  if (!Number.isSafeInteger(command.termDays) || command.termDays < 14) {
    throw new DomainError(
      'REMINDER_TERM_TOO_SHORT',
      422,
      'A reminder gives at least 14 days to pay (art. 6:96 lid 6 BW)',
      'BW-6:96-6',
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
  const defaultFrom = addDays(invoice.dueDate, 1);
  const kind = command.customerKind;
  const interpretationIds: string[] = [FIN.costsAfterReminder, 'WIK-I2'];
  if (command.receivedOn === sentOn) interpretationIds.push(FIN.reminderReceipt);
  let decision: Decision | null = null;
  let termDays = command.termDays;
  let reminderTermEndsOn: string;
  let costsDueFrom: string;
  let interestFrom = defaultFrom;

  if (invoice.provider === 'excellus' || invoice.provider === 'loi') {
    if (kind === null)
      throw new DomainError(
        'CUSTOMER_KIND_UNKNOWN',
        422,
        `Customer ${invoice.customerId} has no recorded kind; ${ruleId} needs it`,
        ruleId,
      );
  }
  if (invoice.provider === 'excellus') {
    // EXC-11: a free reminder gives 14 more days; then interest and collection costs.
    decision = runDecision(ctx, 'excellus', command.sentAt, 'collection-costs', {
      customerKind: kind!,
      dueDate: invoice.dueDate,
      reminderReceivedOn: command.receivedOn,
      outstandingCents: invoice.outstandingCents,
    });
    termDays = Number(decision.inputs['reminderTermDays']);
    reminderTermEndsOn = String(decision.deadlines!['reminderTermEndsOn']);
    costsDueFrom = String(decision.deadlines!['collectionCostsDueFrom']);
    interestFrom = String(decision.deadlines!['interestFrom']);
  } else if (invoice.provider === 'loi') {
    // LOI-6.2-3: the reminder's term runs; then interest from the original due date and costs (at most 15 %).
    decision = runDecision(ctx, 'loi', command.sentAt, 'late-payment', {
      customerKind: kind!,
      principalCents: invoice.outstandingCents,
      dueDate: invoice.dueDate,
      reminderSentOn: sentOn,
      reminderReceivedOn: command.receivedOn,
      reminderTermDays: command.termDays,
      asOf: command.receivedOn,
    });
    termDays = Number(decision.inputs['effectiveReminderTermDays'] ?? command.termDays);
    reminderTermEndsOn = String(decision.deadlines!['reminderTermEndsOn']);
    costsDueFrom = String(decision.deadlines!['chargeableFrom']);
  } else {
    // §6 (art. 6:96 lid 6 BW, WIK-I2) for PlusPort, VLI and SPOT; PP-5.4 records interest from the due date.
    costsDueFrom = collectionCostsDueFrom(command.receivedOn, command.termDays);
    reminderTermEndsOn = addDays(costsDueFrom, -1);
    if (invoice.provider === 'plusport' && kind !== null) {
      decision = runDecision(ctx, 'plusport', command.sentAt, 'late-payment', {
        dueDate: invoice.dueDate,
        asOf: command.sentAt,
        outstandingCents: invoice.outstandingCents,
        customerKind: kind,
      });
    }
    if (invoice.provider !== 'plusport') interpretationIds.push(FIN.statutoryDefault);
  }
  const ruleIds = [...new Set([ruleId, ...(decision?.ruleIds ?? [])])];
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
        receivedOn: command.receivedOn,
        termDays,
        dueDate: invoice.dueDate,
        defaultFrom,
        outstandingCents: invoice.outstandingCents,
        reminderTermEndsOn,
        collectionCostsDueFrom: costsDueFrom,
        interestFrom,
        ruleIds,
        interpretationIds,
        decision,
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
