/**
 * LOI-7.1, LOI-7.3, LOI-7.4: the consumer's withdrawal right (herroepingsrecht) and the return of
 * course materials.
 */
import { addDays, compareDates, daysBetween, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, type Decision } from '../../../decision';
import { formatEuro, type Cents } from '../../../money';
import { cite, CUSTOMER_KINDS, loiDecision, type CustomerKind, type LoiBook } from './common';
import {
  asJson,
  LoiInputError,
  readBoolean,
  readCents,
  readDate,
  readOneOf,
  readOptionalCentsOrNull,
  readTime,
  type JsonInputs,
} from './inputs';

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
}

function readWithdrawal(inputs: JsonInputs): LoiWithdrawalInput {
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
  const i = readWithdrawal(asJson(input));
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
    },
    allowed: true,
    feeCents: 0,
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
   * the customer chose to pay instead of taking the course; absent/null: the return is refused.
   */
  valueReductionCents?: Cents | null;
}

function readMaterialsReturn(inputs: JsonInputs): LoiMaterialsReturnInput {
  return {
    withdrawnOn: readDate(inputs, 'withdrawnOn'),
    returnReceivedAt: readTime(inputs, 'returnReceivedAt'),
    originalState: readBoolean(inputs, 'originalState'),
    paidCents: readCents(inputs, 'paidCents'),
    valueReductionCents: readOptionalCentsOrNull(inputs, 'valueReductionCents'),
  };
}

/**
 * LOI-7.3 + LOI-7.4: returned materials arrive. In original state: the refund of all paid tuition
 * is due 14 days after the withdrawal or after the materials arrived, whichever is later. Not in
 * original state: the return is refused (RETURN_REFUSED) unless the customer pays LOI's value
 * reduction, which is set off against the refund.
 */
export function loiMaterialsReturn(book: LoiBook, input: LoiMaterialsReturnInput): Decision {
  const i = readMaterialsReturn(asJson(input));
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
  const what = i.originalState
    ? `materials in original state accepted; ${formatEuro(refundCents)} refunded`
    : `materials not in original state: value reduction ${formatEuro(valueReductionCents)} set off, ${formatEuro(refundCents)} refunded` +
      (stillOwedCents > 0 ? `, ${formatEuro(stillOwedCents)} still owed` : '');
  return loiDecision(book, 'withdrawal-materials-return', {
    ruleIds,
    interpretationIds: [],
    inputs: {
      withdrawnOn: i.withdrawnOn,
      returnReceivedAt: i.returnReceivedAt,
      originalState: i.originalState,
      paidCents: i.paidCents,
      valueReductionCents: i.originalState ? null : valueReductionCents,
      receivedOn,
      materialsReturnBy,
      returnedInTime: compareDates(receivedOn, materialsReturnBy) <= 0,
      refundDueAfterWithdrawal: afterWithdrawal,
      refundDueAfterReturn: afterReturn,
      stillOwedCents,
    },
    allowed: true,
    feeCents: valueReductionCents,
    refundCents,
    deadlines: { refundDueDate },
    explanation:
      `Materials returned ${receivedOn} after the withdrawal of ${i.withdrawnOn}: ${what}, due by ${refundDueDate} ` +
      `(the later of ${afterWithdrawal} and ${afterReturn}) (${ruleIds.join(', ')}, ${cite(book)})`,
  });
}
