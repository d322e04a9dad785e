/**
 * LOI-7.1, LOI-7.3, LOI-7.4: the consumer's withdrawal right (herroepingsrecht) and the return of
 * course materials.
 */
import { addDays, compareDates, daysBetween, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, feeMoneyText, feeOfGross, feeOnNet, type Decision } from '../../../decision';
import { formatEuro, type Cents } from '../../../money';
import {
  MONEY_READING,
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  readingsOfRecordedInputs,
  vatRateFor,
  versionOf,
  type DecisionReadings,
  type Readings,
} from '../../../contract/readings';
import { cite, CUSTOMER_KINDS, loiDecision, type CustomerKind, type LoiBook } from './common';
import {
  asJson,
  LoiInputError,
  readBoolean,
  readCents,
  readDate,
  readInteger,
  readOneOf,
  readOptionalCentsOrNull,
  readTime,
  type JsonInputs,
} from './inputs';

const WITHDRAWAL_READINGS = readingIdsOf('loi', 'withdrawal');
const MATERIALS_RETURN_READINGS = readingIdsOf('loi', 'withdrawal-materials-return');

function netPrices(decidedUnder: DecisionReadings): boolean {
  return versionOf(decidedUnder, MONEY_READING) >= 2;
}

export interface LoiWithdrawalInput {
  customerKind: CustomerKind;
  /** The day the agreement came into being (LOI confirmed the registration, seed art. 3.4). */
  agreementDate: LocalDate;
  /** Business time the withdrawal statement was sent (seed art. 7.2: within the period). */
  requestedAt: Instant | LocalDate;
  /** Tuition paid so far, refunded in full. */
  paidCents: Cents;
  /** Whether course materials were sent and must come back (LOI-7.3). */
  materialsSent: boolean;
  /** Readings to pin (default the current version of each reading the decision depends on). */
  readings?: Readings;
}

function readWithdrawal(inputs: JsonInputs): Omit<LoiWithdrawalInput, 'readings'> {
  return {
    customerKind: readOneOf(inputs, 'customerKind', CUSTOMER_KINDS),
    agreementDate: readDate(inputs, 'agreementDate'),
    requestedAt: readTime(inputs, 'requestedAt'),
    paidCents: readCents(inputs, 'paidCents'),
    materialsSent: readBoolean(inputs, 'materialsSent'),
  };
}

/** LOI-7.1 + LOI-7.3: withdrawal within 14 calendar days after the agreement, free. */
export function loiWithdrawal(book: LoiBook, input: LoiWithdrawalInput): Decision {
  return withdrawal(book, asJson(input), readingsForNewDecision(WITHDRAWAL_READINGS, input.readings));
}

/** JSON path (`registry.recompute`): decided under the readings the inputs record (version 1 when none). */
export function loiWithdrawalFromJson(book: LoiBook, inputs: JsonInputs): Decision {
  return withdrawal(book, inputs, readingsOfRecordedInputs(inputs, WITHDRAWAL_READINGS));
}

function withdrawal(book: LoiBook, inputs: JsonInputs, decidedUnder: DecisionReadings): Decision {
  const i = readWithdrawal(inputs);
  const { periodDays, materialsReturnDays, refundDays } = book.data.withdrawal;
  const withdrawnOn = toLocalDate(i.requestedAt);
  if (compareDates(withdrawnOn, i.agreementDate) < 0) {
    throw new LoiInputError(`withdrawal ${withdrawnOn} precedes the agreement of ${i.agreementDate}`);
  }
  const periodEndsOn = addDays(i.agreementDate, periodDays);
  if (i.customerKind !== 'consumer') {
    throw new RuleViolation(
      'WITHDRAWAL_NOT_ALLOWED',
      'LOI-7.1',
      'Only a consumer (particulier) has the right of withdrawal',
      {
        customerKind: i.customerKind,
      },
    );
  }
  if (compareDates(withdrawnOn, periodEndsOn) > 0) {
    throw new RuleViolation(
      'WITHDRAWAL_PERIOD_EXPIRED',
      'LOI-7.1',
      `The withdrawal period of ${periodDays} calendar days after the agreement of ${i.agreementDate} ended on ${periodEndsOn}`,
      { agreementDate: i.agreementDate, withdrawnOn, withdrawalPeriodEndsOn: periodEndsOn },
    );
  }
  const deadlines: Record<string, LocalDate> = { withdrawalPeriodEndsOn: periodEndsOn };
  let refundNote: string;
  if (i.materialsSent) {
    deadlines.materialsReturnBy = addDays(withdrawnOn, materialsReturnDays);
    refundNote = `refund due ${refundDays} days after the withdrawal or after the returned materials arrive, whichever is later`;
  } else {
    deadlines.refundDueDate = addDays(withdrawnOn, refundDays);
    refundNote = `refund due by ${deadlines.refundDueDate}`;
  }
  return loiDecision(book, 'withdrawal', {
    ruleIds: ['LOI-7.1', 'LOI-7.3'],
    interpretationIds: [],
    inputs: {
      customerKind: i.customerKind,
      agreementDate: i.agreementDate,
      requestedAt: i.requestedAt,
      paidCents: i.paidCents,
      materialsSent: i.materialsSent,
      withdrawnOn,
      withdrawalPeriodDays: periodDays,
      withdrawalPeriodEndsOn: periodEndsOn,
      daysAfterAgreement: daysBetween(i.agreementDate, withdrawnOn),
      ...readingsJson(decidedUnder),
    },
    allowed: true,
    // Free: no fee, so no VAT on it whatever the rate.
    ...(netPrices(decidedUnder) ? feeOnNet(0, 0) : { feeCents: 0 }),
    refundCents: i.paidCents,
    deadlines,
    explanation:
      `Withdrawal on ${withdrawnOn}, within ${periodDays} calendar days after the agreement of ${i.agreementDate}: free, ` +
      `${formatEuro(i.paidCents)} paid tuition refunded, ${refundNote} (LOI-7.1, LOI-7.3, ${cite(book)})`,
  });
}

export interface LoiMaterialsReturnInput {
  /** Date of the withdrawal (the withdrawal decision's `withdrawnOn`). */
  withdrawnOn: LocalDate;
  /** Business time the returned materials arrived at LOI. */
  returnReceivedAt: Instant | LocalDate;
  /** LOI-7.4: undamaged, unwritten, complete, in the original packaging. */
  originalState: boolean;
  /** Tuition paid, to be refunded. */
  paidCents: Cents;
  /**
   * LOI-7.4: when the materials are not in their original state, the value reduction LOI set and
   * the customer chose to pay instead of taking the course (VAT included, as the customer pays it);
   * absent/null: the return is refused.
   */
  valueReductionCents?: Cents | null;
  /** MONEY-I1 version 2: the agreement's VAT rate, to state a value reduction's VAT. */
  vatRateBasisPoints?: number | null;
  /** Readings to pin (default the current version of each reading the decision depends on). */
  readings?: Readings;
}

function readMaterialsReturn(inputs: JsonInputs) {
  const vatRate = inputs['vatRateBasisPoints'];
  return {
    withdrawnOn: readDate(inputs, 'withdrawnOn'),
    returnReceivedAt: readTime(inputs, 'returnReceivedAt'),
    originalState: readBoolean(inputs, 'originalState'),
    paidCents: readCents(inputs, 'paidCents'),
    valueReductionCents: readOptionalCentsOrNull(inputs, 'valueReductionCents'),
    vatRateBasisPoints:
      vatRate === undefined || vatRate === null ? null : readInteger(inputs, 'vatRateBasisPoints', 0, 10_000),
  };
}

/**
 * LOI-7.3 + LOI-7.4: returned materials arrive. In original state: the refund of all paid tuition
 * is due 14 days after the withdrawal or after the materials arrived, whichever is later. Not in
 * original state: the return is refused (RETURN_REFUSED) unless the customer pays LOI's value
 * reduction, which is set off against the refund.
 */
export function loiMaterialsReturn(book: LoiBook, input: LoiMaterialsReturnInput): Decision {
  return materialsReturn(book, asJson(input), readingsForNewDecision(MATERIALS_RETURN_READINGS, input.readings));
}

/** JSON path (`registry.recompute`): decided under the readings the inputs record (version 1 when none). */
export function loiMaterialsReturnFromJson(book: LoiBook, inputs: JsonInputs): Decision {
  return materialsReturn(book, inputs, readingsOfRecordedInputs(inputs, MATERIALS_RETURN_READINGS));
}

function materialsReturn(book: LoiBook, inputs: JsonInputs, decidedUnder: DecisionReadings): Decision {
  const i = readMaterialsReturn(inputs);
  const { materialsReturnDays, refundDays } = book.data.withdrawal;
  const receivedOn = toLocalDate(i.returnReceivedAt);
  if (compareDates(receivedOn, i.withdrawnOn) < 0) {
    throw new LoiInputError(`materials received ${receivedOn} before the withdrawal of ${i.withdrawnOn}`);
  }
  if (!i.originalState && i.valueReductionCents === null) {
    throw new RuleViolation(
      'RETURN_REFUSED',
      'LOI-7.4',
      'Returned materials are not in their original state: LOI refuses the return; the customer takes the course or pays a value reduction set by LOI',
      { withdrawnOn: i.withdrawnOn, receivedOn },
    );
  }
  const afterWithdrawal = addDays(i.withdrawnOn, refundDays);
  const afterReturn = addDays(receivedOn, refundDays);
  const refundDueDate = compareDates(afterReturn, afterWithdrawal) > 0 ? afterReturn : afterWithdrawal;
  const materialsReturnBy = addDays(i.withdrawnOn, materialsReturnDays);
  const valueReductionCents = i.originalState ? 0 : (i.valueReductionCents ?? 0);
  const refundCents = Math.max(0, i.paidCents - valueReductionCents);
  const stillOwedCents = Math.max(0, valueReductionCents - i.paidCents);
  const ruleIds = i.originalState ? ['LOI-7.3'] : ['LOI-7.3', 'LOI-7.4'];
  // MONEY-I1 (rev 2): the value reduction is paid VAT included; the fee states its net and VAT.
  const fee = netPrices(decidedUnder)
    ? feeOfGross(valueReductionCents, valueReductionCents > 0 ? vatRateFor(i.vatRateBasisPoints, undefined) : 0)
    : undefined;
  const interpretationIds = fee && fee.feeVatCents > 0 ? [MONEY_READING] : [];
  const what = i.originalState
    ? `materials in original state accepted; ${formatEuro(refundCents)} refunded`
    : `materials not in original state: value reduction ${formatEuro(valueReductionCents)}${
        fee && fee.feeVatCents > 0 ? ` (${feeMoneyText(fee)})` : ''
      } set off, ${formatEuro(refundCents)} refunded` +
      (stillOwedCents > 0 ? `, ${formatEuro(stillOwedCents)} still owed` : '');
  return loiDecision(book, 'withdrawal-materials-return', {
    ruleIds,
    interpretationIds,
    inputs: {
      withdrawnOn: i.withdrawnOn,
      returnReceivedAt: i.returnReceivedAt,
      originalState: i.originalState,
      paidCents: i.paidCents,
      valueReductionCents: i.originalState ? null : valueReductionCents,
      ...(fee && i.vatRateBasisPoints !== null ? { vatRateBasisPoints: i.vatRateBasisPoints } : {}),
      receivedOn,
      materialsReturnBy,
      returnedInTime: compareDates(receivedOn, materialsReturnBy) <= 0,
      refundDueAfterWithdrawal: afterWithdrawal,
      refundDueAfterReturn: afterReturn,
      stillOwedCents,
      ...readingsJson(decidedUnder),
    },
    allowed: true,
    ...(fee ?? { feeCents: valueReductionCents }),
    refundCents,
    deadlines: { refundDueDate },
    explanation:
      `Materials returned ${receivedOn} after the withdrawal of ${i.withdrawnOn}: ${what}, due by ${refundDueDate} ` +
      `(the later of ${afterWithdrawal} and ${afterReturn}) (${[...ruleIds, ...interpretationIds].join(', ')}, ${cite(book)})`,
  });
}
