/**
 * Dunning: payment reminders per invoice. One stream per invoice (`dunning-<invoiceId>`): the
 * reminder puts the clock for collection costs (and, under some rulebooks, interest) on record; the
 * balance reads it (libs/domain/src/finance/balance.ts). Reminders carry no personal data.
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
    /** First day collection costs are owed if the principal is still unpaid (some rulebooks: interest chargeable too). */
    collectionCostsDueFrom: LocalDate;
    /** First day statutory interest runs under the provider's terms (some rulebooks: after the reminder's term). */
    interestFrom: LocalDate;
    ruleIds: string[];
    interpretationIds: string[];
    /** The rulebook's late-payment decision at the reminder; null where the rulebook has no late-payment rule. */
    decision: Decision | null;
  }
>;

export type DunningEvent = PaymentReminderSent;
