import { invariant } from '../shared/decider';
import type { DunningEvent } from './events';

export interface DunningState {
  invoiceId: string | null;
  reminders: Array<{ reminderNumber: number; sentOn: string; collectionCostsDueFrom: string }>;
}

export const initialDunningState = (): DunningState => ({ invoiceId: null, reminders: [] });

export function evolveDunning(state: DunningState, event: DunningEvent): DunningState {
  switch (event.type) {
    case 'PaymentReminderSent': {
      const d = event.data;
      invariant(state.invoiceId === null || state.invoiceId === d.invoiceId, 'a dunning stream serves one invoice');
      invariant(d.reminderNumber === state.reminders.length + 1, 'reminders are numbered 1, 2, 3, ...');
      return {
        invoiceId: d.invoiceId,
        reminders: [
          ...state.reminders,
          { reminderNumber: d.reminderNumber, sentOn: d.sentOn, collectionCostsDueFrom: d.collectionCostsDueFrom },
        ],
      };
    }
  }
}
