/**
 * The statutory finance defaults: what applies where a rulebook's terms say nothing about late
 * payment, reminders, complaints or invoice numbers (docs/interpretations.md, FIN-I1 and FIN-I12).
 * `financeActsOf` (contract/finance.ts) fills every act a rulebook leaves out from here.
 */
import { addDays } from '../calendar';
import { collectionCostsCents, collectionCostsDueFrom } from '../collection-costs';
import type {
  CollectionCostsAct,
  ComplaintsAct,
  FinanceActs,
  InterestStartAct,
  DunningLetter,
  ReminderAct,
  ReminderInput,
  ReminderOutcome,
} from '../contract/finance';
import type { RulebookId } from '../decision';
import { FIN, WIK_READINGS } from './interpretations';

/** Art. 6:96 lid 6 BW: a reminder gives at least 14 days to pay before collection costs are owed. */
export const STATUTORY_REMINDER = Object.freeze({
  ruleId: 'BW-6:96-6',
  legalBasis: 'art. 6:96 lid 6 BW',
  minimumTermDays: 14,
});

/**
 * LEDGER-I1: where a rulebook sets no refund term, a refund entitlement is due 14 calendar days after
 * the decision that grants it (the statutory term for consumer withdrawal, art. 6:230s BW).
 */
export const STATUTORY_REFUND_DUE_DAYS = 14;

const euro = (cents: number): string => (cents / 100).toFixed(2);

/** Art. 6:83 sub a BW (FIN-I1): in default, and interest running, from the day after the due date. */
export const STATUTORY_INTEREST_START: InterestStartAct = Object.freeze<InterestStartAct>({
  interestStart: ({ dueDate }) => ({
    from: addDays(dueDate, 1),
    ruleIds: [],
    interpretationIds: [FIN.statutoryDefault],
  }),
});

/** The WIK scale on the principal unpaid at the end of the reminder's term (FIN-I2, FIN-I3). */
export const STATUTORY_COLLECTION_COSTS: CollectionCostsAct = Object.freeze<CollectionCostsAct>({
  needsCustomerKind: false,
  collectionCosts: ({ principalCents, reminder }) => {
    const computed = collectionCostsCents(principalCents);
    return {
      costsCents: computed.costsCents,
      wikScaleCents: computed.wikCents,
      capCents: null,
      ruleIds: computed.ruleIds,
      interpretationIds: [WIK_READINGS.rounding],
      explanation: `Collection costs on ${euro(principalCents)} unpaid after the reminder's term (until ${reminder.reminderTermEndsOn}): ${euro(computed.costsCents)} (WIK scale)`,
    };
  },
});

/** The reminder's clock under art. 6:96 lid 6 BW (WIK-I2): costs from the day after its term; interest from default. */
export function statutoryReminderClock(
  input: Pick<ReminderInput, 'dueDate' | 'receivedOn' | 'termDays'>,
): Omit<ReminderOutcome, 'decision' | 'interpretationIds'> {
  const costsDueFrom = collectionCostsDueFrom(input.receivedOn, input.termDays);
  return {
    termDays: input.termDays,
    reminderTermEndsOn: addDays(costsDueFrom, -1),
    collectionCostsDueFrom: costsDueFrom,
    interestFrom: addDays(input.dueDate, 1),
  };
}

export const STATUTORY_REMINDERS: ReminderAct = Object.freeze<ReminderAct>({
  ruleId: STATUTORY_REMINDER.ruleId,
  needsCustomerKind: false,
  defaultTermDays: STATUTORY_REMINDER.minimumTermDays,
  send: (input) => ({
    ...statutoryReminderClock(input),
    decision: null,
    interpretationIds: [FIN.statutoryDefault],
  }),
});

/** FIN-I15: a reminder with the 14-day term, then one demand stating the costs and interest now charged. */
export const STATUTORY_DUNNING_LETTERS: readonly DunningLetter[] = Object.freeze(['herinnering', 'aanmaning'] as const);

/** The letters automated dunning sends under a reminder act (FIN-I15). */
export const dunningLettersOf = (act: ReminderAct): readonly DunningLetter[] =>
  act.dunningLetters ?? STATUTORY_DUNNING_LETTERS;

/** FIN-I12: without a complaint rule a complaint is recorded with no deadlines and suspends nothing. */
export const STATUTORY_COMPLAINTS: ComplaintsAct = Object.freeze<ComplaintsAct>({
  requiredFact: null,
  deadlineRuleIds: Object.freeze({}),
  suspensionRuleIds: Object.freeze([]),
  file: () => ({
    decision: null,
    deadlines: {},
    suspendedFrom: null,
    ruleIds: [],
    interpretationIds: [FIN.complaintWithoutRule],
  }),
});

/** Every statutory default; the invoice-number prefix defaults to the rulebook id in capitals. */
export function statutoryFinanceActs(rulebookId: RulebookId): FinanceActs {
  return {
    interestStart: STATUTORY_INTEREST_START,
    collectionCosts: STATUTORY_COLLECTION_COSTS,
    reminders: STATUTORY_REMINDERS,
    complaints: STATUTORY_COMPLAINTS,
    invoiceNumbering: { prefix: rulebookId.toUpperCase() },
  };
}
