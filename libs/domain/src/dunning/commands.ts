import type { LocalDate, RulebookId } from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';

/**
 * A payment reminder for one invoice. The caller enriches it with the invoice as it stood at
 * `sentAt` (read from the stream that owns the invoice, business time) and the customer's kind
 * (read from the customer's stream, else the owner's).
 */
export interface SendPaymentReminder {
  type: 'SendPaymentReminder';
  invoiceId: string;
  sentAt: string;
  /** The day the customer received it; null: the sending day (`FIN.reminderReceipt`). */
  receivedOn: LocalDate | null;
  /** Days to pay the reminder offers; null: the default of the rulebook's reminder act. */
  termDays: number | null;
  invoice: {
    customerId: string;
    provider: RulebookId;
    ownerStreamId: string;
    dueDate: LocalDate;
    outstandingCents: number;
  };
  customerKind: CustomerKind | null;
}

export type DunningCommand = SendPaymentReminder;
