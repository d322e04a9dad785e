/**
 * Payment reminders. A reminder can only follow the due date and only for an invoice with
 * something unpaid; it records when its term ends and from when collection costs and interest
 * run, as the reminder act of the invoice's rulebook version in force on the sending day decides
 * (the statutory default where the rulebook has no rule of its own). A reminder that names no
 * term offers the act's default term. Automated dunning (FIN.dunningSteps) sends the plan's letters and the
 * escalation after them as scheduled commands, each recording the step that follows it; finance
 * may pause and lift dunning on an invoice.
 */
import {
  addDays,
  atLocalTime,
  compareInstants,
  dunningLettersOf,
  FIN,
  financeActsOf,
  RuleViolation,
  STATUTORY_REMINDER,
  toLocalDate,
  WIK_READINGS,
  type LocalDate,
  type ReminderAct,
} from '@ledger/regulations';
import { DomainError, type DecideContext, type Decider } from '../shared/decider';
import type {
  DunningCommand,
  EscalateDunning,
  PauseDunning,
  ResumeDunning,
  SendDueReminder,
  SendPaymentReminder,
} from './commands';
import {
  dunningStreamId,
  MAX_DUNNING_PAUSES_PER_INVOICE,
  MAX_REMINDERS_PER_INVOICE,
  type DunningEscalated,
  type DunningEvent,
  type DunningNextStep,
  type DunningPaused,
  type DunningResumed,
  type PaymentReminderSent,
} from './events';
import { evolveDunning, initialDunningState, type DunningState } from './state';

/**
 * A dunning step dated a day falls due at 09:00 (Amsterdam) that day, as a letter goes out in the
 * morning: the wall-clock time, also on the two Sundays a year whose night is an hour shorter or
 * longer (start of day plus 9 hours, as before, gave 10:00 and 08:00 there). A step already
 * recorded keeps the time it was recorded with.
 */
export const dunningStepDueAt = (day: LocalDate): string => atLocalTime(day, 9);

/** `dunning-<invoice>:letter-<n>` or `:escalation`; a step made due again after the k-th lifting gets `:r<k>`. */
export function dunningDeadlineId(
  invoiceId: string,
  step: DunningNextStep['step'],
  reminderNumber: number,
  resumptions: number,
): string {
  const name = step === 'letter' ? `letter-${reminderNumber}` : 'escalation';
  return `${dunningStreamId(invoiceId)}:${name}${resumptions > 0 ? `:r${resumptions}` : ''}`;
}

/** The first letter: the day after the due date (FIN.dunningSteps). */
export const firstDunningStep = (invoiceId: string, dueDate: LocalDate): DunningNextStep => ({
  step: 'letter',
  reminderNumber: 1,
  dueAt: dunningStepDueAt(addDays(dueDate, 1)),
  deadlineId: dunningDeadlineId(invoiceId, 'letter', 1, 0),
});

/** After letter `reminderNumber`, whose term ends on `termEndsOn`: the next letter of the plan, else the escalation. */
function stepAfter(
  act: ReminderAct,
  invoiceId: string,
  reminderNumber: number,
  termEndsOn: LocalDate,
  state: DunningState,
): DunningNextStep | null {
  if (state.escalatedOn !== null) return null;
  const step = reminderNumber < dunningLettersOf(act).length ? 'letter' : 'escalation';
  const number = step === 'letter' ? reminderNumber + 1 : reminderNumber;
  return {
    step,
    reminderNumber: number,
    dueAt: dunningStepDueAt(addDays(termEndsOn, 1)),
    deadlineId: dunningDeadlineId(invoiceId, step, number, state.resumptions),
  };
}

/** The reminder act of the invoice's rulebook version in force at `at`. */
const remindersOf = (provider: string, at: string, ctx: DecideContext) =>
  financeActsOf(ctx.rulebooks.rulebookFor(provider, at)).reminders;

export function decideSendReminder(
  command: SendPaymentReminder,
  state: DunningState,
  ctx: DecideContext,
): PaymentReminderSent[] {
  const { invoice } = command;
  const reminders = remindersOf(command.invoice.provider, command.sentAt, ctx);
  const ruleId = reminders.ruleId;
  if (state.paused !== null)
    throw new DomainError(
      'DUNNING_PAUSED',
      409,
      `Dunning on invoice ${command.invoiceId} is paused (${state.paused.reason}) since ${state.paused.since}; lift the pause first`,
    );
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
  const reminderNumber = state.reminders.length + 1;
  const letters = dunningLettersOf(reminders);
  return [
    {
      type: 'PaymentReminderSent',
      data: {
        invoiceId: command.invoiceId,
        customerId: invoice.customerId,
        provider: invoice.provider,
        ownerStreamId: invoice.ownerStreamId,
        customerKind: kind,
        reminderNumber,
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
        letter: letters[Math.min(reminderNumber, letters.length) - 1] ?? 'aanmaning',
        next: stepAfter(reminders, command.invoiceId, reminderNumber, sent.reminderTermEndsOn, state),
      },
    },
  ];
}

/** A step of automated dunning is moot when paused, escalated, already taken or nothing is unpaid. */
function isMoot(state: DunningState, lettersBefore: number, outstandingCents: number): boolean {
  return (
    state.paused !== null ||
    state.escalatedOn !== null ||
    state.reminders.length !== lettersBefore ||
    outstandingCents <= 0
  );
}

/** FIN.dunningSteps: letter n when it falls due, decided exactly as a reminder sent by hand (term: the act's default). */
export function decideDueReminder(
  command: SendDueReminder,
  state: DunningState,
  ctx: DecideContext,
): PaymentReminderSent[] {
  if (isMoot(state, command.reminderNumber - 1, command.invoice.outstandingCents)) return [];
  const [sent] = decideSendReminder(
    {
      type: 'SendPaymentReminder',
      invoiceId: command.invoiceId,
      sentAt: command.sentAt,
      receivedOn: null,
      termDays: null,
      invoice: command.invoice,
      customerKind: command.customerKind,
    },
    state,
    ctx,
  );
  return [
    { ...sent!, data: { ...sent!.data, interpretationIds: [...sent!.data.interpretationIds, FIN.dunningSteps] } },
  ];
}

/** FIN.dunningSteps: after the last letter's term ended unpaid the invoice is escalated for collection. */
export function decideEscalation(
  command: EscalateDunning,
  state: DunningState,
  ctx: DecideContext,
): DunningEscalated[] {
  if (isMoot(state, command.afterReminderNumber, command.invoice.outstandingCents)) return [];
  const { invoice } = command;
  return [
    {
      type: 'DunningEscalated',
      data: {
        invoiceId: command.invoiceId,
        customerId: invoice.customerId,
        provider: invoice.provider,
        ownerStreamId: invoice.ownerStreamId,
        escalatedAt: command.escalatedAt,
        escalatedOn: toLocalDate(command.escalatedAt),
        afterReminderNumber: command.afterReminderNumber,
        outstandingCents: invoice.outstandingCents,
        ruleIds: [remindersOf(command.invoice.provider, command.escalatedAt, ctx).ruleId],
        interpretationIds: [FIN.dunningSteps],
      },
    },
  ];
}

export function decidePause(command: PauseDunning, state: DunningState): DunningPaused[] {
  if (state.paused !== null)
    throw new DomainError(
      'DUNNING_ALREADY_PAUSED',
      409,
      `Dunning on invoice ${command.invoiceId} is already paused (${state.paused.reason}) since ${state.paused.since}`,
    );
  if (state.pauses >= MAX_DUNNING_PAUSES_PER_INVOICE)
    throw new DomainError(
      'DUNNING_PAUSE_LIMIT_REACHED',
      409,
      `Dunning on invoice ${command.invoiceId} was paused ${MAX_DUNNING_PAUSES_PER_INVOICE} times already`,
    );
  const holds =
    state.next ??
    (state.reminders.length === 0 && state.escalatedOn === null
      ? firstDunningStep(command.invoiceId, command.invoice.dueDate)
      : null);
  return [
    {
      type: 'DunningPaused',
      data: {
        invoiceId: command.invoiceId,
        customerId: command.invoice.customerId,
        provider: command.invoice.provider,
        pausedAt: command.pausedAt,
        reason: command.reason,
        note: command.note,
        pausedBy: command.pausedBy,
        holds,
      },
    },
  ];
}

export function decideResume(command: ResumeDunning, state: DunningState): DunningResumed[] {
  const paused = state.paused;
  if (paused === null)
    throw new DomainError('DUNNING_NOT_PAUSED', 409, `Dunning on invoice ${command.invoiceId} is not paused`);
  if (compareInstants(command.resumedAt, paused.since) < 0)
    throw new DomainError(
      'DUNNING_RESUMED_BEFORE_PAUSE',
      422,
      `A pause from ${paused.since} cannot be lifted at ${command.resumedAt}`,
    );
  const held = paused.holds;
  const next: DunningNextStep | null = held && {
    ...held,
    dueAt: compareInstants(held.dueAt, command.resumedAt) >= 0 ? held.dueAt : command.resumedAt,
    deadlineId: dunningDeadlineId(command.invoiceId, held.step, held.reminderNumber, state.resumptions + 1),
  };
  return [
    {
      type: 'DunningResumed',
      data: {
        invoiceId: command.invoiceId,
        customerId: command.invoice.customerId,
        provider: command.invoice.provider,
        resumedAt: command.resumedAt,
        note: command.note,
        resumedBy: command.resumedBy,
        next,
      },
    },
  ];
}

export const dunningDecider: Decider<DunningCommand, DunningEvent, DunningState> = {
  streamIdOf: (command) => dunningStreamId(command.invoiceId),
  initialState: initialDunningState,
  evolve: evolveDunning,
  decide: (command, state, ctx): DunningEvent[] => {
    switch (command.type) {
      case 'SendPaymentReminder':
        return decideSendReminder(command, state, ctx);
      case 'SendDueReminder':
        return decideDueReminder(command, state, ctx);
      case 'EscalateDunning':
        return decideEscalation(command, state, ctx);
      case 'PauseDunning':
        return decidePause(command, state);
      case 'ResumeDunning':
        return decideResume(command, state);
    }
  },
};
