/**
 * Finance acts: late payment (when statutory interest starts, collection costs after a reminder),
 * payment reminders, complaints and invoice numbering. A rulebook implements the acts its terms
 * speak about; for every act it leaves out the statutory default applies (libs/regulations/src/
 * statutory), and `financeActsOf` gives the domain the complete set, so the domain never asks which
 * rulebook it is dealing with.
 */
import type { Instant, LocalDate } from '../calendar';
import type { Decision } from '../decision';
import type { Cents } from '../money';
import type { RulebookVersion } from '../rulebook';
import { statutoryFinanceActs } from '../statutory/finance';
import type { CustomerKind } from './enrolment';

// ---- late payment -------------------------------------------------------------------------------

/** A payment reminder as recorded; the clock the late-payment acts read. */
export interface ReminderFacts {
  sentOn: LocalDate;
  receivedOn: LocalDate;
  /** Days the reminder gives to pay, counted from the day after receipt. */
  termDays: number;
  reminderTermEndsOn: LocalDate;
  /** First day collection costs are owed if the principal is still unpaid. */
  collectionCostsDueFrom: LocalDate;
  /** First day statutory interest runs, as the reminder recorded it. */
  interestFrom: LocalDate;
}

/** Why interest cannot be charged yet. */
export type InterestBlock = 'reminder-needed' | 'reminder-term-running';

export interface InterestStart {
  /** First day of statutory interest; null when nothing fixes it yet (e.g. no reminder sent). */
  from: LocalDate | null;
  /** Interest is not chargeable on the asked day (yet). */
  blocked?: InterestBlock;
  ruleIds: string[];
  interpretationIds: string[];
}

export interface InterestStartAct {
  /** When statutory interest starts on an unpaid invoice, and what still blocks it on `asOf`. */
  interestStart(input: { dueDate: LocalDate; firstReminder: ReminderFacts | null; asOf: LocalDate }): InterestStart;
}

export interface CollectionCostsInput {
  /** Never null when the act `needsCustomerKind`. */
  customerKind: CustomerKind | null;
  dueDate: LocalDate;
  /** The principal still unpaid at the end of the first reminder's term (never 0). */
  principalCents: Cents;
  /** The first reminder, whose term has passed. */
  reminder: ReminderFacts;
  asOf: LocalDate;
}

export interface CollectionCostsOutcome {
  costsCents: Cents;
  /** The statutory scale on the principal, where the computation states it. */
  wikScaleCents: Cents | null;
  /** The rulebook's cap, where it has one. */
  capCents: Cents | null;
  ruleIds: string[];
  /** Readings this computation took (the domain adds the ones every figure rests on). */
  interpretationIds: string[];
  explanation: string;
}

export interface CollectionCostsAct {
  /** The figure depends on the customer kind: without it the domain answers `customer-kind-unknown`. */
  needsCustomerKind: boolean;
  /** Collection costs once the first reminder's term has passed with the principal unpaid. */
  collectionCosts(input: CollectionCostsInput): CollectionCostsOutcome;
}

// ---- payment reminders --------------------------------------------------------------------------

export interface ReminderInput {
  dueDate: LocalDate;
  /** Principal unpaid when the reminder is sent (more than 0). */
  outstandingCents: Cents;
  sentAt: Instant;
  sentOn: LocalDate;
  receivedOn: LocalDate;
  /** Days to pay the reminder offers (at least the statutory minimum, checked by the domain). */
  termDays: number;
  /** Never null when the act `needsCustomerKind`. */
  customerKind: CustomerKind | null;
}

export interface ReminderOutcome {
  /** Days the reminder gives: the offered term, or the rulebook's own. */
  termDays: number;
  reminderTermEndsOn: LocalDate;
  collectionCostsDueFrom: LocalDate;
  interestFrom: LocalDate;
  /** The rulebook's late-payment decision at the reminder; null where it has no rule. */
  decision: Decision | null;
  /** Readings this reminder took beyond the ones every reminder cites. */
  interpretationIds: string[];
}

export interface ReminderAct {
  /** The rule a reminder is sent under; refusals of a reminder cite it. */
  ruleId: string;
  /** The rule needs the customer kind: a reminder to a customer of unknown kind is refused. */
  needsCustomerKind: boolean;
  /**
   * Days a reminder offers when its sender names none. Absent: the statutory minimum (art. 6:96
   * lid 6 BW), which the statutory default act states.
   */
  defaultTermDays?: number;
  send(input: ReminderInput): ReminderOutcome;
  /**
   * The letters automated dunning sends (FIN-I15): the first the day after the due date, each next
   * one the day after the previous one's term ends unpaid; when the last one's term ends unpaid the
   * invoice is escalated. Absent: the statutory default (`STATUTORY_DUNNING_LETTERS`).
   */
  dunningLetters?: readonly DunningLetter[];
}

/** A payment reminder ("herinnering", the 14-day letter) or a demand ("aanmaning": costs and interest now charged). */
export type DunningLetter = 'herinnering' | 'aanmaning';

// ---- complaints -------------------------------------------------------------------------------

/** Deadlines a complaint may set for the provider; the first two are met by answering, the last by closing. */
export const COMPLAINT_DEADLINES = ['answerDueBy', 'acknowledgementDue', 'investigationDue'] as const;
export type ComplaintDeadline = (typeof COMPLAINT_DEADLINES)[number];

/** A fact the complaint window counts from: without it the rulebook cannot decide (the API asks for it). */
export interface RequiredComplaintFact {
  field: 'incidentOn' | 'courseEndedOn';
  /** Error code of the refusal when it is missing. */
  error: string;
  ruleId: string;
  /** Why the rulebook needs it, e.g. "PP-16.5 counts the complaint window from the course". */
  reason: string;
}

export interface ComplaintFilingInput {
  filedAt: Instant;
  filedOn: LocalDate;
  incidentOn: LocalDate | null;
  courseEndedOn: LocalDate | null;
}

export interface ComplaintFilingOutcome {
  /** The rulebook's complaint decision; null where it has no complaint rule. */
  decision: Decision | null;
  /** Dates the decision set (deadlines and windows) by name. */
  deadlines: Record<string, LocalDate>;
  /** Interest and collection costs on the enrolment's invoices are suspended from this day until closing. */
  suspendedFrom: LocalDate | null;
  ruleIds: string[];
  interpretationIds: string[];
}

export interface ComplaintsAct {
  requiredFact: RequiredComplaintFact | null;
  /** The rule each deadline the rulebook sets is cited under. */
  deadlineRuleIds: Readonly<Partial<Record<ComplaintDeadline, string>>>;
  /** Rules cited where a complaint suspends charges (empty when the rulebook never suspends them). */
  suspensionRuleIds: readonly string[];
  /** Throws RuleViolation when the complaint comes too late. */
  file(input: ComplaintFilingInput): ComplaintFilingOutcome;
  /** Declared well-founded: the investigation deadline. Absent: the rulebook sets none. */
  declareWellFounded?(input: { incidentOn: LocalDate | null; filedAt: Instant; declaredOn: LocalDate }): {
    investigationDue: LocalDate;
    decision: Decision;
  };
  /** Closing a complaint that suspended charges: the first day charging resumes. */
  endSuspension?(input: { filedAt: Instant; closedAt: Instant }): { suspendedUntil: LocalDate; decision: Decision };
}

// ---- invoice numbering --------------------------------------------------------------------------

export interface InvoiceNumberingAct {
  /** Printed before the year and sequence, e.g. `PP` in PP-2026-000042. */
  prefix: string;
}

/** Every finance act; a rulebook implements any of them (`RulebookActs.finance`). */
export interface FinanceActs {
  interestStart: InterestStartAct;
  collectionCosts: CollectionCostsAct;
  reminders: ReminderAct;
  complaints: ComplaintsAct;
  invoiceNumbering: InvoiceNumberingAct;
}

const resolved = new WeakMap<RulebookVersion, FinanceActs>();

/** The finance acts of a rulebook version: its own, and the statutory default for each it leaves out. */
export function financeActsOf(version: RulebookVersion): FinanceActs {
  const known = resolved.get(version);
  if (known) return known;
  const acts: FinanceActs = { ...statutoryFinanceActs(version.id) };
  const own = version.acts.finance ?? {};
  for (const area of Object.keys(acts) as (keyof FinanceActs)[]) {
    const act = own[area];
    if (act !== undefined) Object.assign(acts, { [area]: act });
  }
  resolved.set(version, Object.freeze(acts));
  return acts;
}
