/**
 * Dunning: payment reminders per invoice. One stream per invoice (`dunning-<invoiceId>`): the
 * reminder puts the clock for collection costs (and, under some rulebooks, interest) on record; the
 * balance reads it (libs/domain/src/finance/balance.ts). Automated dunning (FIN.dunningSteps) adds the
 * escalation after the last letter and finance's pauses. Dunning events carry no personal data.
 */
import type { Decision, DunningLetter, LocalDate, RulebookId } from '@ledger/regulations';
import type { CustomerKind } from '../customer/events';
import type { DomainEvent } from '../shared/decider';

export const DUNNING_STREAM_PREFIX = 'dunning-';
export const dunningStreamId = (invoiceId: string): string => `${DUNNING_STREAM_PREFIX}${invoiceId}`;

/** Reminders per invoice: a bound, far above any dunning practice. */
export const MAX_REMINDERS_PER_INVOICE = 12;
/** Pauses per invoice: a bound (a complaint or a payment plan pauses dunning a few times at most). */
export const MAX_DUNNING_PAUSES_PER_INVOICE = 20;

/** Why finance paused dunning on an invoice. */
export const DUNNING_PAUSE_REASONS = ['complaint', 'payment-plan', 'dispute', 'other'] as const;
export type DunningPauseReason = (typeof DUNNING_PAUSE_REASONS)[number];

/**
 * The step automated dunning takes next on an invoice (FIN.dunningSteps): letter `reminderNumber`, or the
 * escalation after the last letter. The deadline id names the invoice, the step and how often
 * dunning was resumed, so a step made due again after a pause is a deadline of its own.
 */
export interface DunningNextStep {
  step: 'letter' | 'escalation';
  /** The letter's number (1: the first reminder); for an escalation, the letters sent before it. */
  reminderNumber: number;
  dueAt: string;
  deadlineId: string;
}

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
    /** Which letter of the dunning plan this is; absent on reminders recorded before automated dunning. */
    letter?: DunningLetter;
    /** The step automated dunning takes when this letter's term ends unpaid (FIN.dunningSteps); null: none. */
    next?: DunningNextStep | null;
  }
>;

/** After the last letter's term ended unpaid the invoice is escalated for collection (FIN.dunningSteps); nothing is charged. */
export type DunningEscalated = DomainEvent<
  'DunningEscalated',
  {
    invoiceId: string;
    customerId: string;
    provider: RulebookId;
    ownerStreamId: string;
    escalatedAt: string;
    escalatedOn: LocalDate;
    /** Letters sent before the escalation. */
    afterReminderNumber: number;
    /** Principal the invoice still asked when it was escalated. */
    outstandingCents: number;
    ruleIds: string[];
    interpretationIds: string[];
  }
>;

/** Finance paused dunning on the invoice (a complaint, a payment plan): no step is taken until lifted. */
export type DunningPaused = DomainEvent<
  'DunningPaused',
  {
    invoiceId: string;
    customerId: string;
    provider: RulebookId;
    pausedAt: string;
    reason: DunningPauseReason;
    /** Finance's own words (not personal data: a case reference, a plan's terms). */
    note: string | null;
    /** The user who paused it (the envelope's actor, kept beside the fact for the dunning list). */
    pausedBy: string;
    /** The pending step the pause holds back; its deadline is settled. */
    holds: DunningNextStep | null;
  }
>;

/** The pause is lifted: the step it held back falls due again (at the later of its own time and now). */
export type DunningResumed = DomainEvent<
  'DunningResumed',
  {
    invoiceId: string;
    customerId: string;
    provider: RulebookId;
    resumedAt: string;
    note: string | null;
    resumedBy: string;
    next: DunningNextStep | null;
  }
>;

export type DunningEvent = PaymentReminderSent | DunningEscalated | DunningPaused | DunningResumed;
