import type { LocalDate, RulebookId } from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';
import type { DunningPauseReason } from './events';

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

/** What a dunning step needs to know of the invoice, read by the handler from the owner's aggregate. */
export interface DunningInvoiceFacts {
  customerId: string;
  provider: RulebookId;
  ownerStreamId: string;
  dueDate: LocalDate;
  /** What the invoice still asks now. */
  outstandingCents: number;
}

/**
 * Letter `reminderNumber` of automated dunning, fired by the scheduler (FIN.dunningSteps). Nothing is
 * recorded when it has become moot: paused, escalated, that letter already sent, or nothing unpaid.
 */
export interface SendDueReminder {
  type: 'SendDueReminder';
  invoiceId: string;
  reminderNumber: number;
  sentAt: string;
  invoice: DunningInvoiceFacts;
  customerKind: CustomerKind | null;
}

/** The escalation after the last letter's term ended unpaid (FIN.dunningSteps); moot as a letter is. */
export interface EscalateDunning {
  type: 'EscalateDunning';
  invoiceId: string;
  afterReminderNumber: number;
  escalatedAt: string;
  invoice: DunningInvoiceFacts;
}

export interface PauseDunning {
  type: 'PauseDunning';
  invoiceId: string;
  pausedAt: string;
  reason: DunningPauseReason;
  note: string | null;
  pausedBy: string;
  /** The invoice (its due date: before any letter the pause holds back the first one). */
  invoice: Pick<DunningInvoiceFacts, 'customerId' | 'provider' | 'dueDate'>;
}

export interface ResumeDunning {
  type: 'ResumeDunning';
  invoiceId: string;
  resumedAt: string;
  note: string | null;
  resumedBy: string;
  invoice: Pick<DunningInvoiceFacts, 'customerId' | 'provider'>;
}

export type DunningCommand = SendPaymentReminder | SendDueReminder | EscalateDunning | PauseDunning | ResumeDunning;
