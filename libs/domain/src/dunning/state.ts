import { invariant } from '../shared/decider';
import type { DunningEvent, DunningNextStep, DunningPauseReason } from './events';

export interface DunningState {
  invoiceId: string | null;
  reminders: Array<{ reminderNumber: number; sentOn: string; collectionCostsDueFrom: string }>;
  /** The step automated dunning takes next; null before the first event (the first letter follows the invoice) or when none is left. */
  next: DunningNextStep | null;
  escalatedOn: string | null;
  paused: { since: string; reason: DunningPauseReason; by: string; holds: DunningNextStep | null } | null;
  pauses: number;
  /** Times dunning was resumed: part of the id of a step made due again. */
  resumptions: number;
}

export const initialDunningState = (): DunningState => ({
  invoiceId: null,
  reminders: [],
  next: null,
  escalatedOn: null,
  paused: null,
  pauses: 0,
  resumptions: 0,
});

function ofInvoice(state: DunningState, invoiceId: string): DunningState {
  invariant(state.invoiceId === null || state.invoiceId === invoiceId, 'a dunning stream serves one invoice');
  return { ...state, invoiceId };
}

export function evolveDunning(state: DunningState, event: DunningEvent): DunningState {
  switch (event.type) {
    case 'PaymentReminderSent': {
      const d = event.data;
      invariant(d.reminderNumber === state.reminders.length + 1, 'reminders are numbered 1, 2, 3, ...');
      return {
        ...ofInvoice(state, d.invoiceId),
        reminders: [
          ...state.reminders,
          { reminderNumber: d.reminderNumber, sentOn: d.sentOn, collectionCostsDueFrom: d.collectionCostsDueFrom },
        ],
        // A reminder recorded before automated dunning leaves the plan where it was.
        next: d.next === undefined ? state.next : d.next,
      };
    }
    case 'DunningEscalated':
      invariant(state.escalatedOn === null, 'an invoice is escalated once');
      return { ...ofInvoice(state, event.data.invoiceId), escalatedOn: event.data.escalatedOn, next: null };
    case 'DunningPaused': {
      const d = event.data;
      invariant(state.paused === null, 'dunning is paused once at a time');
      return {
        ...ofInvoice(state, d.invoiceId),
        paused: { since: d.pausedAt, reason: d.reason, by: d.pausedBy, holds: d.holds },
        pauses: state.pauses + 1,
        next: null,
      };
    }
    case 'DunningResumed':
      invariant(state.paused !== null, 'only paused dunning is resumed');
      return {
        ...ofInvoice(state, event.data.invoiceId),
        paused: null,
        resumptions: state.resumptions + 1,
        next: event.data.next,
      };
  }
}
