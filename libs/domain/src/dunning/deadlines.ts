/**
 * Automated dunning's deadlines (FIN.dunningSteps): every issued invoice schedules its first letter for
 * 09:00 the day after its due date; every letter records the step that follows it (the next letter
 * or the escalation), which is scheduled; a pause settles the step it holds back and lifting it
 * schedules that step again under an id of its own. The scheduler fires a letter as
 * SendDueReminder and an escalation as EscalateDunning, in the invoice's dunning stream: each
 * costs O(1) in the invoice's history (the handler reads the owner's kept aggregate, not its stream).
 */
import type { InvoiceIssued } from '../billing/events';
import type { DeadlineChange, DeadlinePolicy, DeadlineSourceEvent, ScheduledCommands } from '../shared/deadlines';
import { dunningDecider, firstDunningStep } from './decide';
import { dunningStreamId, type DunningNextStep } from './events';

/** The invoice a step is about, as its deadline carries it (the customer and provider never change). */
interface InvoiceRef {
  invoiceId: string;
  customerId: string;
  provider: string;
}

function schedule(invoice: InvoiceRef, step: DunningNextStep): DeadlineChange {
  const { invoiceId } = invoice;
  const command =
    step.step === 'letter'
      ? { name: 'SendDueReminder', body: { ...invoice, reminderNumber: step.reminderNumber } }
      : { name: 'EscalateDunning', body: { ...invoice, afterReminderNumber: step.reminderNumber } };
  return {
    op: 'schedule',
    deadline: {
      deadlineId: step.deadlineId,
      dueAt: step.dueAt,
      kind: step.step === 'letter' ? `dunning letter ${step.reminderNumber}` : 'dunning escalation',
      streamId: dunningStreamId(invoiceId),
      command,
    },
  };
}

const nextStepOf = (event: DeadlineSourceEvent, field: 'next' | 'holds'): DunningNextStep | null =>
  (event.data[field] as DunningNextStep | null | undefined) ?? null;

const invoiceRefOf = (event: DeadlineSourceEvent): InvoiceRef => ({
  invoiceId: String(event.data['invoiceId']),
  customerId: String(event.data['customerId']),
  provider: String(event.data['provider']),
});

const dunningSteps: DeadlinePolicy = {
  name: 'dunning-steps',
  eventTypes: ['InvoiceIssued', 'PaymentReminderSent', 'DunningResumed', 'DunningPaused'],
  changesFor(event) {
    switch (event.type) {
      case 'InvoiceIssued': {
        const d = event.data as InvoiceIssued['data'];
        return [schedule(invoiceRefOf(event), firstDunningStep(d.invoiceId, d.dueDate))];
      }
      case 'PaymentReminderSent':
      case 'DunningResumed': {
        const next = nextStepOf(event, 'next');
        return next ? [schedule(invoiceRefOf(event), next)] : [];
      }
      case 'DunningPaused': {
        const held = nextStepOf(event, 'holds');
        return held ? [{ op: 'settle', deadlineId: held.deadlineId, reason: 'dunning paused' }] : [];
      }
      default:
        return [];
    }
  },
};

export const dunningDeadlinePolicies: readonly DeadlinePolicy[] = [dunningSteps];

/** The handler reads what the invoice asks and the customer's kind; the scheduler gives the step and its time. */
export const dunningScheduledCommands: ScheduledCommands = Object.freeze({
  SendDueReminder: (body, deadline) => ({
    decider: dunningDecider,
    command: {
      type: 'SendDueReminder',
      invoiceId: String(body['invoiceId']),
      customerId: String(body['customerId']),
      provider: String(body['provider']),
      reminderNumber: Number(body['reminderNumber']),
      sentAt: deadline.dueAt,
    },
  }),
  EscalateDunning: (body, deadline) => ({
    decider: dunningDecider,
    command: {
      type: 'EscalateDunning',
      invoiceId: String(body['invoiceId']),
      customerId: String(body['customerId']),
      provider: String(body['provider']),
      afterReminderNumber: Number(body['afterReminderNumber']),
      escalatedAt: deadline.dueAt,
    },
  }),
});
