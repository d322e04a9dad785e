/**
 * Excellus prices and payment: EXC-7.1-2 price changes, EXC-10.3 due date, EXC-11 reminder,
 * statutory interest and collection costs (EXC-I2), EXC-12 suspension during a complaint.
 */
import { addDays, addMonths, compareDates, daysBetween, toLocalDate } from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';
import { collectionCostsCents, collectionCostsDueFrom } from '../../../collection-costs';
import { RuleViolation } from '../../../decision';
import type { Decision } from '../../../decision';
import type { Cents } from '../../../money';
import {
  DecisionInputError,
  citation,
  euro,
  jsonInputs,
  max,
  requireCents,
  requireInstantOrDate,
  requireLocalDate,
  requireOneOf,
} from '../../vli/decisions/decision-inputs';
import { EXCELLUS_DECISION_KINDS, excellusRef } from './common';
import type { ExcellusRulebook } from './common';
import { EXCELLUS_CUSTOMER_KINDS } from '../data';
import type { ExcellusCustomerKind } from '../data';

// ---------------------------------------------------------------------------------------------
// EXC-7.1-2 price change
// ---------------------------------------------------------------------------------------------

export interface ExcellusPriceChangeInput {
  /** When the agreement was concluded. */
  agreedAt: Instant | LocalDate;
  /** When the price change took effect. */
  changedAt: Instant | LocalDate;
  startsAt: Instant | LocalDate;
  agreedPriceCents: Cents;
  newPriceCents: Cents;
  /** The change follows from the law (e.g. a tax change): art. 7 lid 1-2 do not apply. */
  requiredByLaw?: boolean;
}

export type ExcellusPriceChangeCase =
  'required-by-law' | 'after-start' | 'within-no-effect-period' | 'after-no-effect-period';

export interface ExcellusPriceChangeDecision extends Decision {
  /** The price the customer owes after this change. */
  applicablePriceCents: Cents;
  /** EXC-7.1-2: a price increase more than 3 months after the agreement (before start) gives a right to dissolve. */
  dissolutionRight: boolean;
}

export function decideExcellusPriceChange(
  rulebook: ExcellusRulebook,
  input: ExcellusPriceChangeInput,
): ExcellusPriceChangeDecision {
  const agreedAt = requireInstantOrDate(input.agreedAt, 'agreedAt');
  const changedAt = requireInstantOrDate(input.changedAt, 'changedAt');
  const startsAt = requireInstantOrDate(input.startsAt, 'startsAt');
  const agreedPriceCents = requireCents(input.agreedPriceCents, 'agreedPriceCents');
  const newPriceCents = requireCents(input.newPriceCents, 'newPriceCents');
  const agreementDate = toLocalDate(agreedAt);
  const changeDate = toLocalDate(changedAt);
  const startDate = toLocalDate(startsAt);
  if (compareDates(changeDate, agreementDate) < 0)
    throw new DecisionInputError('changedAt', 'A price change before the agreement does not change the agreed price');
  const months = rulebook.data.priceChange.noEffectMonthsAfterAgreement;
  const noEffectUntil = addMonths(agreementDate, months);
  const ref = excellusRef(rulebook);
  const increase = newPriceCents > agreedPriceCents;

  let priceCase: ExcellusPriceChangeCase;
  let applicablePriceCents: Cents;
  let dissolutionRight = false;
  let what: string;
  if (input.requiredByLaw === true) {
    priceCase = 'required-by-law';
    applicablePriceCents = newPriceCents;
    what = `a change required by law applies (${euro(agreedPriceCents)} -> ${euro(newPriceCents)}) without a right to dissolve`;
  } else if (compareDates(changeDate, startDate) >= 0) {
    priceCase = 'after-start';
    applicablePriceCents = agreedPriceCents;
    what = `the change on ${changeDate} comes on or after the start ${startDate}: the agreed price ${euro(agreedPriceCents)} stands`;
  } else if (compareDates(changeDate, noEffectUntil) <= 0) {
    priceCase = 'within-no-effect-period';
    applicablePriceCents = agreedPriceCents;
    what = `the change on ${changeDate} is within ${months} months after the agreement (until ${noEffectUntil}): no effect, the price stays ${euro(agreedPriceCents)}`;
  } else {
    priceCase = 'after-no-effect-period';
    applicablePriceCents = newPriceCents;
    dissolutionRight = increase;
    what = `the change on ${changeDate} is more than ${months} months after the agreement and before the start: price ${euro(newPriceCents)}${increase ? ', and the increase gives the customer a right to dissolve the agreement' : ''}`;
  }
  const ruleIds = ['EXC-7.1-2'];
  const surcharge = max(0, applicablePriceCents - agreedPriceCents);
  return {
    kind: EXCELLUS_DECISION_KINDS.priceChange,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      agreedAt,
      changedAt,
      startsAt,
      agreedPriceCents,
      newPriceCents,
      requiredByLaw: input.requiredByLaw,
      agreementDate,
      changeDate,
      startDate,
      noEffectUntil,
      priceCase,
      increase,
    }),
    allowed: dissolutionRight,
    ...(surcharge > 0 ? { surchargeCents: surcharge } : {}),
    applicablePriceCents,
    dissolutionRight,
    explanation: `Price change: ${what} ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// EXC-10.3 due date
// ---------------------------------------------------------------------------------------------

export interface ExcellusPaymentDueDateInput {
  startsAt: Instant | LocalDate;
  /** Registration; a due date cannot precede it. */
  registeredAt?: Instant | LocalDate;
  /** A due date the invoice states ("unless the invoice says otherwise"). */
  invoiceDueDate?: LocalDate;
}

export function decideExcellusPaymentDueDate(rulebook: ExcellusRulebook, input: ExcellusPaymentDueDateInput): Decision {
  const startsAt = requireInstantOrDate(input.startsAt, 'startsAt');
  const registeredAt =
    input.registeredAt === undefined ? undefined : requireInstantOrDate(input.registeredAt, 'registeredAt');
  const invoiceDueDate =
    input.invoiceDueDate === undefined ? undefined : requireLocalDate(input.invoiceDueDate, 'invoiceDueDate');
  const days = rulebook.data.payment.dueDaysBeforeStart;
  const startDate = toLocalDate(startsAt);
  const registrationDate = registeredAt === undefined ? undefined : toLocalDate(registeredAt);
  const ruleDueDate = addDays(startDate, -days);
  const ref = excellusRef(rulebook);
  let dueDate: LocalDate;
  let basis: 'invoice' | 'start-minus-days' | 'registration-date';
  if (invoiceDueDate !== undefined) {
    dueDate = invoiceDueDate;
    basis = 'invoice';
  } else if (registrationDate !== undefined && compareDates(registrationDate, ruleDueDate) > 0) {
    dueDate = registrationDate;
    basis = 'registration-date';
  } else {
    dueDate = ruleDueDate;
    basis = 'start-minus-days';
  }
  const ruleIds = ['EXC-10.3'];
  const why =
    basis === 'invoice'
      ? `the date the invoice states`
      : basis === 'registration-date'
        ? `registered ${registrationDate}, after ${ruleDueDate} (${days} days before the start ${startDate}): payable at once`
        : `${days} days before the start on ${startDate}`;
  return {
    kind: EXCELLUS_DECISION_KINDS.paymentDueDate,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      startsAt,
      registeredAt,
      invoiceDueDate,
      startDate,
      registrationDate,
      dueDaysBeforeStart: days,
      ruleDueDate,
      basis,
    }),
    deadlines: { dueDate },
    explanation: `Payment due ${dueDate}: ${why} ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// EXC-11 reminder, statutory interest and collection costs (EXC-I2)
// ---------------------------------------------------------------------------------------------

export interface ExcellusCollectionCostsInput {
  customerKind: ExcellusCustomerKind;
  /** The invoice's due date (the last day to pay). */
  dueDate: LocalDate;
  /** The day the customer received the free payment reminder. */
  reminderReceivedOn: LocalDate;
  /** The amount still unpaid when the reminder term has passed. */
  outstandingCents: Cents;
}

export function decideExcellusCollectionCosts(
  rulebook: ExcellusRulebook,
  input: ExcellusCollectionCostsInput,
): Decision {
  const customerKind = requireOneOf(input.customerKind, 'customerKind', EXCELLUS_CUSTOMER_KINDS);
  const dueDate = requireLocalDate(input.dueDate, 'dueDate');
  const reminderReceivedOn = requireLocalDate(input.reminderReceivedOn, 'reminderReceivedOn');
  const outstandingCents = requireCents(input.outstandingCents, 'outstandingCents');
  const p = rulebook.data.payment;
  const c = rulebook.data.collectionCosts;
  const ref = excellusRef(rulebook);
  if (compareDates(reminderReceivedOn, dueDate) <= 0) {
    throw new RuleViolation(
      'REMINDER_BEFORE_DEFAULT',
      'EXC-11',
      `The payment reminder can only follow the due date ${dueDate}; it was received ${reminderReceivedOn}`,
      { dueDate, reminderReceivedOn },
    );
  }
  const defaultFrom = addDays(dueDate, 1);
  const costsDueFrom = collectionCostsDueFrom(reminderReceivedOn, p.reminderTermDays);
  const reminderTermEndsOn = addDays(costsDueFrom, -1);
  const interestFrom = p.interestStarts === 'after-reminder-term' ? costsDueFrom : defaultFrom;
  const interestTable = customerKind === 'consumer' ? 'art. 6:119 BW (consumer)' : 'art. 6:119a BW (commercial)';

  const computed =
    outstandingCents === 0
      ? undefined
      : collectionCostsCents(
          outstandingCents,
          c.capBasisPoints === null ? undefined : { capBasisPoints: c.capBasisPoints },
        );
  const costsCents = computed === undefined ? 0 : max(computed.costsCents, c.minimumCents);
  const aboveSeedScale = outstandingCents > c.seedScaleCeilingCents;
  const ruleIds = ['EXC-11', ...(computed?.ruleIds ?? [])];
  const interpretationIds = aboveSeedScale ? ['EXC-I2'] : [];
  return {
    kind: EXCELLUS_DECISION_KINDS.collectionCosts,
    ruleIds,
    interpretationIds,
    rulebook: ref,
    inputs: jsonInputs({
      customerKind,
      dueDate,
      reminderReceivedOn,
      outstandingCents,
      reminderTermDays: p.reminderTermDays,
      defaultFrom,
      reminderTermEndsOn,
      wikCents: computed?.wikCents,
      capCents: computed?.capCents,
      minimumCents: c.minimumCents,
      seedScaleCeilingCents: c.seedScaleCeilingCents,
      aboveSeedScale,
      interestStarts: p.interestStarts,
      interestTable,
    }),
    surchargeCents: costsCents,
    deadlines: { defaultFrom, reminderTermEndsOn, collectionCostsDueFrom: costsDueFrom, interestFrom },
    explanation:
      outstandingCents === 0
        ? `Nothing outstanding after the reminder term: no interest or collection costs ${citation(ruleIds, interpretationIds, ref)}`
        : `In default from ${defaultFrom}; reminder received ${reminderReceivedOn} gave until ${reminderTermEndsOn}: collection costs on ${euro(outstandingCents)} = ${euro(costsCents)} from ${costsDueFrom}` +
          `${aboveSeedScale ? ' (statutory scale continued above 10,000.00)' : ''}, statutory interest (${interestTable}) from ${interestFrom} ${citation(ruleIds, interpretationIds, ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// EXC-12 suspension during a complaint or dispute
// ---------------------------------------------------------------------------------------------

export interface ExcellusComplaintSuspensionInput {
  /** When the complaint or dispute was raised. */
  complaintFiledAt: Instant | LocalDate;
  /** When it was settled, if it has been. */
  complaintResolvedAt?: Instant | LocalDate;
}

export function decideExcellusComplaintSuspension(
  rulebook: ExcellusRulebook,
  input: ExcellusComplaintSuspensionInput,
): Decision {
  const complaintFiledAt = requireInstantOrDate(input.complaintFiledAt, 'complaintFiledAt');
  const complaintResolvedAt =
    input.complaintResolvedAt === undefined
      ? undefined
      : requireInstantOrDate(input.complaintResolvedAt, 'complaintResolvedAt');
  const suspendedFrom = toLocalDate(complaintFiledAt);
  const resolvedOn = complaintResolvedAt === undefined ? undefined : toLocalDate(complaintResolvedAt);
  if (resolvedOn !== undefined && compareDates(resolvedOn, suspendedFrom) < 0) {
    throw new DecisionInputError('complaintResolvedAt', 'A complaint cannot be resolved before it was filed');
  }
  // The day of resolution is still suspended; charging resumes the day after.
  const suspendedUntil = resolvedOn === undefined ? undefined : addDays(resolvedOn, 1);
  const suspendedDays = suspendedUntil === undefined ? undefined : daysBetween(suspendedFrom, suspendedUntil);
  const ref = excellusRef(rulebook);
  const ruleIds = ['EXC-12'];
  const deadlines: Record<string, LocalDate> = { suspendedFrom };
  if (suspendedUntil !== undefined) deadlines['suspendedUntil'] = suspendedUntil;
  return {
    kind: EXCELLUS_DECISION_KINDS.complaintSuspension,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      complaintFiledAt,
      complaintResolvedAt,
      suspendedFrom,
      resolvedOn,
      suspendedUntil,
      suspendedDays,
    }),
    deadlines,
    explanation:
      suspendedUntil === undefined
        ? `Complaint filed ${suspendedFrom}: interest and collection costs suspended from ${suspendedFrom} while it is handled ${citation(ruleIds, [], ref)}`
        : `Complaint filed ${suspendedFrom} and resolved ${resolvedOn}: interest and collection costs suspended for ${suspendedDays} days (${suspendedFrom} up to but not including ${suspendedUntil}) ${citation(ruleIds, [], ref)}`,
  };
}
