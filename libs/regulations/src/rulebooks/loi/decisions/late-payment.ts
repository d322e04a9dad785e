/**
 * LOI-6.2-3: default after the payment term, a reminder, then statutory interest from the original
 * due date and collection costs of at most 15 % (with the §6 WIK scale and consumer reminder rule).
 */
import { addDays, compareDates, type LocalDate } from '../../../calendar';
import type { Decision, JsonValue } from '../../../decision';
import { formatEuro, type Cents } from '../../../money';
import { collectionCostsCents, collectionCostsDueFrom } from '../../../collection-costs';
import { interestTableFor } from '../../../interest';
import { cite, CUSTOMER_KINDS, loiDecision, type CustomerKind, type LoiBook } from './common';
import {
  asJson,
  LoiInputError,
  readCents,
  readDate,
  readInteger,
  readOneOf,
  readOptionalDate,
  type JsonInputs,
} from './inputs';

export interface LoiLatePaymentInput {
  customerKind: CustomerKind;
  /** Amount of the invoice still unpaid on `asOf`. */
  principalCents: Cents;
  /** The original due date: the last day of the payment term. */
  dueDate: LocalDate;
  /** The payment reminder (betalingsherinnering), if sent. */
  reminderSentOn?: LocalDate | null;
  /** Day the customer received it (required with a reminder). */
  reminderReceivedOn?: LocalDate | null;
  /** Days to pay the reminder gives, counted from the day after receipt (a consumer gets at least 14). */
  reminderTermDays?: number | null;
  /** The day the position is judged. */
  asOf: LocalDate;
}

export type LoiLatePaymentStatus =
  'paid' | 'not-yet-due' | 'reminder-needed' | 'reminder-term-running' | 'interest-and-costs-chargeable';

interface Read {
  customerKind: CustomerKind;
  principalCents: Cents;
  dueDate: LocalDate;
  reminderSentOn: LocalDate | null;
  reminderReceivedOn: LocalDate | null;
  reminderTermDays: number | null;
  asOf: LocalDate;
}

function readLatePayment(inputs: JsonInputs): Read {
  const reminderSentOn = readOptionalDate(inputs, 'reminderSentOn');
  const read: Read = {
    customerKind: readOneOf(inputs, 'customerKind', CUSTOMER_KINDS),
    principalCents: readCents(inputs, 'principalCents'),
    dueDate: readDate(inputs, 'dueDate'),
    reminderSentOn,
    reminderReceivedOn: null,
    reminderTermDays: null,
    asOf: readDate(inputs, 'asOf'),
  };
  if (reminderSentOn !== null) {
    read.reminderReceivedOn = readDate(inputs, 'reminderReceivedOn');
    read.reminderTermDays = readInteger(inputs, 'reminderTermDays', 1, 366);
    if (compareDates(read.reminderReceivedOn, reminderSentOn) < 0) {
      throw new LoiInputError(`reminder received ${read.reminderReceivedOn} before it was sent ${reminderSentOn}`);
    }
    if (compareDates(reminderSentOn, read.dueDate) <= 0) {
      throw new LoiInputError(
        `a reminder (${reminderSentOn}) can only follow the default after the due date ${read.dueDate}`,
      );
    }
  }
  return read;
}

/**
 * LOI-6.2-3. The customer is in default from the day after the due date without notice; LOI sends a
 * reminder; once its term has passed unpaid, statutory interest (art. 6:119 for consumers, 6:119a for
 * businesses) may be charged from the first day of default, i.e. from the original due date's
 * expiry, and collection costs: the WIK scale capped at 15 % of the principal (`feeCents`).
 * The interest amount itself is computed by the interest module from `deadlines.interestFrom`.
 */
export function loiLatePayment(book: LoiBook, input: LoiLatePaymentInput): Decision {
  const i = readLatePayment(asJson(input));
  const { consumerReminderMinDays, collectionCostsCapBasisPoints } = book.data.latePayment;
  const defaultFrom = addDays(i.dueDate, 1);
  const inputs: Record<string, JsonValue> = {
    customerKind: i.customerKind,
    principalCents: i.principalCents,
    dueDate: i.dueDate,
    reminderSentOn: i.reminderSentOn,
    reminderReceivedOn: i.reminderReceivedOn,
    reminderTermDays: i.reminderTermDays,
    asOf: i.asOf,
    defaultFrom,
    interestTable: interestTableFor(i.customerKind).id,
    collectionCostsCapBasisPoints,
  };
  const deadlines: Record<string, LocalDate> = { defaultFrom };
  let status: LoiLatePaymentStatus;
  let costsCents = 0;
  let detail: string;

  if (i.principalCents === 0) {
    status = 'paid';
    detail = 'nothing outstanding';
  } else if (compareDates(i.asOf, i.dueDate) <= 0) {
    status = 'not-yet-due';
    detail = `payable until ${i.dueDate}`;
  } else if (i.reminderSentOn === null || compareDates(i.reminderSentOn, i.asOf) > 0) {
    status = 'reminder-needed';
    detail = `in default since ${defaultFrom}; a reminder must be sent before interest or collection costs`;
  } else {
    const receivedOn = i.reminderReceivedOn!;
    const termDays =
      i.customerKind === 'consumer' ? Math.max(i.reminderTermDays!, consumerReminderMinDays) : i.reminderTermDays!;
    // The first day after the reminder's term: for a consumer the §6 rule (term from the day after
    // receipt; an end on a weekend or holiday moves to the next working day).
    const chargeableFrom =
      i.customerKind === 'consumer' ? collectionCostsDueFrom(receivedOn, termDays) : addDays(receivedOn, termDays + 1);
    inputs.effectiveReminderTermDays = termDays;
    deadlines.reminderTermEndsOn = addDays(chargeableFrom, -1);
    deadlines.chargeableFrom = chargeableFrom;
    if (compareDates(i.asOf, chargeableFrom) < 0) {
      status = 'reminder-term-running';
      detail = `in default since ${defaultFrom}; the reminder's term runs until ${deadlines.reminderTermEndsOn}`;
    } else {
      status = 'interest-and-costs-chargeable';
      const costs = collectionCostsCents(i.principalCents, { capBasisPoints: collectionCostsCapBasisPoints });
      costsCents = costs.costsCents;
      inputs.wikScaleCents = costs.wikCents;
      inputs.collectionCostsCapCents = costs.capCents ?? null;
      deadlines.interestFrom = defaultFrom;
      detail =
        `unpaid after the reminder's term (${deadlines.reminderTermEndsOn}): statutory interest from ${defaultFrom} ` +
        `and collection costs ${formatEuro(costsCents)} (WIK ${formatEuro(costs.wikCents)}, at most 15 % = ${formatEuro(costs.capCents ?? 0)})`;
    }
  }
  inputs.status = status;
  inputs.collectionCostsCents = costsCents;
  return loiDecision(book, 'late-payment', {
    ruleIds: ['LOI-6.2-3'],
    interpretationIds: [],
    inputs,
    allowed: status === 'interest-and-costs-chargeable',
    feeCents: costsCents,
    deadlines,
    explanation: `${formatEuro(i.principalCents)} due ${i.dueDate}, as of ${i.asOf}: ${detail} (LOI-6.2-3, ${cite(book)})`,
  });
}
