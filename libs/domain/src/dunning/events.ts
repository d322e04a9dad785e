/**
 * Dunning: payment reminders per invoice (EXC-11, LOI-6.2-3, regulations.md §6). One stream per
 * invoice (`dunning-<invoiceId>`): the reminder puts the 14-day clock for collection costs on record;
 * the balance reads it (libs/domain/src/finance/balance.ts). Reminders carry no personal data.
 */
import type { Decision, LocalDate, RulebookId } from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';
import type { DomainEvent } from '../shared/decider';

export const DUNNING_STREAM_PREFIX = 'dunning-';
export const dunningStreamId = (invoiceId: string): string => `${DUNNING_STREAM_PREFIX}${invoiceId}`;

/** Reminders per invoice: a bound, far above any dunning practice. */
export const MAX_REMINDERS_PER_INVOICE = 12;

export type PaymentReminderSent = DomainEvent<
  'PaymentReminderSent',
  {
    invoiceId: string;
    customerId: string;
    provider: RulebookId;
    ownerStreamId: string;
    customerKind: CustomerKind | null;
    reminderNumber: number;
    sentAt: string;
    sentOn: LocalDate;
    receivedOn: LocalDate;
    /** Days the reminder gives to pay, counted from the day after receipt. */
    termDays: number;
    dueDate: LocalDate;
    defaultFrom: LocalDate;
    /** Principal unpaid when the reminder was sent. */
    outstandingCents: number;
    reminderTermEndsOn: LocalDate;
    /** First day collection costs are owed if the principal is still unpaid (LOI: interest and costs chargeable). */
    collectionCostsDueFrom: LocalDate;
    /** First day statutory interest runs under the provider's terms (EXC-11: after the term). */
    interestFrom: LocalDate;
    ruleIds: string[];
    interpretationIds: string[];
    /** The rulebook's late-payment decision at the reminder (EXC-11 collection-costs, LOI-6.2-3, PP-5.4); null for VLI / SPOT. */
    decision: Decision | null;
  }
>;

export type DunningEvent = PaymentReminderSent;
