import type { LocalDate, RulebookId } from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';

/**
 * A payment reminder for one invoice. The caller enriches it with the invoice as it stood at
 * `sentAt` (read from the owning stream, business time) and the customer's kind.
 */
export interface SendPaymentReminder {
  type: 'SendPaymentReminder';
  invoiceId: string;
  sentAt: string;
  /** The day the customer received it (`FIN.reminderReceipt`: defaults to the sending day). */
  receivedOn: LocalDate;
  termDays: number;
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
