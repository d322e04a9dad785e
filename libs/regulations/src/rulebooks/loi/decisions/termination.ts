/**
 * LOI-12: early termination (voortijdig beëindigen). LOI-12.2 refusals, LOI-12.3-HO / -MBO with
 * INTERP LOI-I1 (study years), LOI-12.3-OV (3 months' notice from the start date's day-of-month),
 * LOI-12.4 (what is owed and refunded), stated under the versioned reading MONEY-I1.
 */
import { addDays, addMonths, compareDates, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, type Decision, type FeeMoney, type JsonValue } from '../../../decision';
import { addVat, formatEuro, type Cents } from '../../../money';
import {
  MONEY_READING,
  factFor,
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  readingsOfRecordedInputs,
  vatRateFor,
  versionOf,
  type DecisionReadings,
  type Readings,
} from '../../../contract/readings';
import { cite, LOI_LEVELS, loiDecision, MAX_STUDY_MONTHS, type LoiBook, type LoiLevel } from './common';
import {
  asJson,
  readBoolean,
  readCents,
  readDate,
  readInteger,
  readOneOf,
  readOptionalCents,
  readOptionalCentsOrNull,
  readOptionalDate,
  readTime,
  type JsonInputs,
} from './inputs';
import { firstPeriodStartOnOrAfter, periodIndex, periodStart, periodStartsBefore } from './periods';

export interface LoiTerminationInput {
  /** Offering option `level`: hbo = higher education (bachelor, post-bachelor, master, masterclass, HBO module, Associate degree). */
  level: LoiLevel;
  studyMonths: number;
  /** Offering option `tutor`: the course has tutor guidance (docentbegeleiding). */
  tutor: boolean;
  /** Start date of the study (aanvangsdatum). */
  startDate: LocalDate;
  /** Business time LOI received the request (the notice). */
  requestedAt: Instant | LocalDate;
  /** Day the agreement came into being, to record whether the request fell in the withdrawal period; optional. */
  agreementDate?: LocalDate | null;
  /** MONEY-I1 version 1 only: tuition per month as charged (VAT included), due on each monthly start-date anniversary. */
  monthlyTuitionCents?: Cents;
  /** MONEY-I1 version 1 only: exam fee per month (VAT included) where paid in monthly instalments; default 0. */
  monthlyExamFeeCents?: Cents;
  /** MONEY-I1 version 1 only: extra materials bought (VAT included), payable on termination; default 0. */
  extraMaterialsCents?: Cents;
  /** MONEY-I1 version 2: tuition per month excluding VAT, due on each monthly start-date anniversary. */
  monthlyTuitionNetCents?: Cents;
  /** MONEY-I1 version 2: exam fee per month excluding VAT where paid in monthly instalments; default 0. */
  monthlyExamFeeNetCents?: Cents;
  /** MONEY-I1 version 2: extra materials bought (hardware, software) excluding VAT, payable on termination; default 0. */
  extraMaterialsNetCents?: Cents;
  /** MONEY-I1 version 2: the agreement's VAT rate (0 for recognised training, LOI-5.3-4). */
  vatRateBasisPoints?: number;
  /** Everything the customer has paid under the agreement (tuition, exam fees, extra materials), VAT included. */
  paidCents: Cents;
  /** Readings to pin (default the current version of each reading the decision depends on). */
  readings?: Readings;
}

const TERMINATION_READINGS = readingIdsOf('loi', 'early-termination');

/** The monthly and one-off amounts, net with a VAT rate (MONEY-I1 version 2) or as charged (version 1: rate null). */
interface Amounts {
  monthlyTuitionCents: Cents;
  monthlyExamFeeCents: Cents;
  extraMaterialsCents: Cents;
  vatRateBasisPoints: number | null;
}

interface Read extends Amounts {
  level: LoiLevel;
  studyMonths: number;
  tutor: boolean;
  startDate: LocalDate;
  requestedAt: Instant | LocalDate;
  agreementDate: LocalDate | null;
  paidCents: Cents;
}

function readAmounts(inputs: JsonInputs, netPrices: boolean): Amounts {
  if (!netPrices) {
    return {
      monthlyTuitionCents: readCents(inputs, 'monthlyTuitionCents'),
      monthlyExamFeeCents: readOptionalCents(inputs, 'monthlyExamFeeCents', 0),
      extraMaterialsCents: readOptionalCents(inputs, 'extraMaterialsCents', 0),
      vatRateBasisPoints: null,
    };
  }
  factFor(
    inputs['monthlyTuitionNetCents'],
    MONEY_READING,
    'monthlyTuitionNetCents',
    'MONEY-I1 (rev 2) computes what is owed on prices excluding VAT',
  );
  return {
    monthlyTuitionCents: readCents(inputs, 'monthlyTuitionNetCents'),
    monthlyExamFeeCents: readOptionalCents(inputs, 'monthlyExamFeeNetCents', 0),
    extraMaterialsCents: readOptionalCents(inputs, 'extraMaterialsNetCents', 0),
    vatRateBasisPoints: vatRateFor(readOptionalCentsOrNull(inputs, 'vatRateBasisPoints'), undefined),
  };
}

function readTermination(inputs: JsonInputs, netPrices: boolean): Read {
  return {
    level: readOneOf(inputs, 'level', LOI_LEVELS),
    studyMonths: readInteger(inputs, 'studyMonths', 1, MAX_STUDY_MONTHS),
    tutor: readBoolean(inputs, 'tutor'),
    startDate: readDate(inputs, 'startDate'),
    requestedAt: readTime(inputs, 'requestedAt'),
    agreementDate: readOptionalDate(inputs, 'agreementDate'),
    ...readAmounts(inputs, netPrices),
    paidCents: readCents(inputs, 'paidCents'),
  };
}

/**
 * LOI-12.4 under MONEY-I1 version 2: everything owed, net, with VAT added on each monthly
 * instalment and on the materials (each is charged on its own), so the gross owed is what
 * version 1 charged.
 */
function owedUnderNetPrices(i: Read, monthsDue: number, rate: number): FeeMoney {
  const gross = (netCents: Cents) => addVat(netCents, rate).grossCents;
  const feeCents = monthsDue * (i.monthlyTuitionCents + i.monthlyExamFeeCents) + i.extraMaterialsCents;
  const feeGrossCents =
    monthsDue * (gross(i.monthlyTuitionCents) + gross(i.monthlyExamFeeCents)) + gross(i.extraMaterialsCents);
  return { feeCents, feeVatCents: feeGrossCents - feeCents, feeGrossCents };
}

/** The rule of LOI-12.3 that governs a course of this level. */
export function loiTerminationRuleId(level: LoiLevel): 'LOI-12.3-HO' | 'LOI-12.3-MBO' | 'LOI-12.3-OV' {
  return level === 'hbo' ? 'LOI-12.3-HO' : level === 'mbo' ? 'LOI-12.3-MBO' : 'LOI-12.3-OV';
}

interface Timing {
  noticeStart: LocalDate;
  effectiveEnd: LocalDate;
  figures: Record<string, JsonValue>;
  interpretationIds: string[];
  how: string;
}

/** LOI-12.3-HO / -MBO with LOI-I1: notice at the latest 2 months before the end of the current study year. */
function studyYearTiming(book: LoiBook, startDate: LocalDate, receivedOn: LocalDate): Timing {
  const { studyYearMonths, noticeBeforeStudyYearEndMonths } = book.data.termination;
  const year = Math.max(0, periodIndex(startDate, studyYearMonths, receivedOn));
  const yearEnd = periodStart(startDate, studyYearMonths, year + 1);
  const noticeDeadline = addMonths(yearEnd, -noticeBeforeStudyYearEndMonths);
  const inTime = compareDates(receivedOn, noticeDeadline) <= 0;
  const effectiveEnd = inTime ? yearEnd : periodStart(startDate, studyYearMonths, year + 2);
  const noticeStart = compareDates(receivedOn, startDate) < 0 ? startDate : receivedOn;
  return {
    noticeStart,
    effectiveEnd,
    interpretationIds: ['LOI-I1'],
    figures: {
      studyYear: year + 1,
      studyYearStart: periodStart(startDate, studyYearMonths, year),
      studyYearEnd: yearEnd,
      noticeDeadline,
      noticeInTime: inTime,
    },
    how:
      `notice received ${receivedOn} in study year ${year + 1} (ends ${yearEnd}), ` +
      (inTime
        ? `at the latest ${noticeBeforeStudyYearEndMonths} months before its end (${noticeDeadline}): ends ${effectiveEnd}`
        : `after ${noticeDeadline}: ends at the end of the next study year, ${effectiveEnd}`),
  };
}

/** LOI-12.3-OV: 3 months' notice from the first day on/after receipt with the start date's day-of-month (clamped). */
function otherTiming(
  book: LoiBook,
  startDate: LocalDate,
  receivedOn: LocalDate,
  withdrawalPeriodEndsOn: LocalDate | null,
): Timing {
  const { otherNoticeMonths } = book.data.termination;
  const beforeStart = compareDates(receivedOn, startDate) < 0;
  const noticeStart = firstPeriodStartOnOrAfter(startDate, 1, receivedOn).date;
  const effectiveEnd = addMonths(noticeStart, otherNoticeMonths);
  return {
    noticeStart,
    effectiveEnd,
    interpretationIds: [],
    figures: { noticeMonths: otherNoticeMonths, receivedBeforeStart: beforeStart },
    how: beforeStart
      ? `request received ${receivedOn}${withdrawalPeriodEndsOn ? ` after the withdrawal period (ended ${withdrawalPeriodEndsOn})` : ''} ` +
        `but before the start: ${otherNoticeMonths} months' notice from the start date ${noticeStart} to ${effectiveEnd}`
      : `request received ${receivedOn}: ${otherNoticeMonths} months' notice from ${noticeStart} (the start date's day of the month) to ${effectiveEnd}`,
  };
}

/**
 * LOI-12.2 / 12.3 / 12.4: early termination. Refused (TERMINATION_NOT_ALLOWED) for self-study
 * courses and courses of 6 months or shorter (LOI-12.2), HO shorter than 12 months (LOI-12.3-HO),
 * MBO of 12 months or shorter (LOI-12.3-MBO), or once the study duration has run out.
 * `feeCents` is everything owed under the terminated agreement: tuition and monthly exam fees for
 * every month that begins before the effective end (the notice period included), plus extra
 * materials; `refundCents` is what was paid beyond that (refunded automatically); inputs carry
 * `outstandingCents`, what is still to be paid.
 */
export function loiEarlyTermination(book: LoiBook, input: LoiTerminationInput): Decision {
  return earlyTermination(book, asJson(input), readingsForNewDecision(TERMINATION_READINGS, input.readings));
}

/** JSON path (`registry.recompute`): decided under the readings the inputs record (version 1 when none). */
export function loiEarlyTerminationFromJson(book: LoiBook, inputs: JsonInputs): Decision {
  return earlyTermination(book, inputs, readingsOfRecordedInputs(inputs, TERMINATION_READINGS));
}

function earlyTermination(book: LoiBook, inputs: JsonInputs, decidedUnder: DecisionReadings): Decision {
  const netPrices = versionOf(decidedUnder, MONEY_READING) >= 2;
  const i = readTermination(inputs, netPrices);
  const t = book.data.termination;
  const receivedOn = toLocalDate(i.requestedAt);
  const ruleId = loiTerminationRuleId(i.level);
  const facts = { level: i.level, studyMonths: i.studyMonths, tutor: i.tutor };

  if (!i.tutor || i.studyMonths <= t.maxNonTerminableStudyMonths) {
    throw new RuleViolation(
      'TERMINATION_NOT_ALLOWED',
      'LOI-12.2',
      !i.tutor
        ? 'Self-study courses (without tutor guidance) cannot be terminated early'
        : `Courses of ${t.maxNonTerminableStudyMonths} months or shorter cannot be terminated early`,
      facts,
    );
  }
  if (i.level === 'hbo' && i.studyMonths < t.hoMinTerminableStudyMonths) {
    throw new RuleViolation(
      'TERMINATION_NOT_ALLOWED',
      ruleId,
      `Higher-education courses shorter than ${t.hoMinTerminableStudyMonths} months cannot be terminated early`,
      facts,
    );
  }
  if (i.level === 'mbo' && i.studyMonths <= t.mboMaxNonTerminableStudyMonths) {
    throw new RuleViolation(
      'TERMINATION_NOT_ALLOWED',
      ruleId,
      `MBO courses of ${t.mboMaxNonTerminableStudyMonths} months or shorter cannot be terminated early`,
      facts,
    );
  }
  const studyEndsOn = addMonths(i.startDate, i.studyMonths);
  if (compareDates(receivedOn, studyEndsOn) >= 0) {
    throw new RuleViolation(
      'COURSE_ALREADY_ENDED',
      ruleId,
      `The study duration ended on ${studyEndsOn}; nothing to terminate early`,
      {
        ...facts,
        studyEndsOn,
        receivedOn,
      },
    );
  }

  const withdrawalPeriodEndsOn = i.agreementDate ? addDays(i.agreementDate, book.data.withdrawal.periodDays) : null;
  const timing =
    i.level === 'other'
      ? otherTiming(book, i.startDate, receivedOn, withdrawalPeriodEndsOn)
      : studyYearTiming(book, i.startDate, receivedOn);
  const endsAtStudyEnd = compareDates(timing.effectiveEnd, studyEndsOn) > 0;
  const effectiveEnd = endsAtStudyEnd ? studyEndsOn : timing.effectiveEnd;

  // LOI-12.4
  const monthsDue = periodStartsBefore(i.startDate, 1, effectiveEnd, i.studyMonths);
  const monthlyCents = i.monthlyTuitionCents + i.monthlyExamFeeCents;
  const tuitionCents = monthsDue * i.monthlyTuitionCents;
  const examFeesCents = monthsDue * i.monthlyExamFeeCents;
  const owed = i.vatRateBasisPoints === null ? undefined : owedUnderNetPrices(i, monthsDue, i.vatRateBasisPoints);
  const totalDueCents = owed ? owed.feeGrossCents : tuitionCents + examFeesCents + i.extraMaterialsCents;
  const refundCents = Math.max(0, i.paidCents - totalDueCents);
  const outstandingCents = Math.max(0, totalDueCents - i.paidCents);
  const interpretationIds = [...timing.interpretationIds, ...(owed && owed.feeVatCents > 0 ? [MONEY_READING] : [])];
  const amounts: Record<string, JsonValue> = owed
    ? {
        monthlyTuitionNetCents: i.monthlyTuitionCents,
        monthlyExamFeeNetCents: i.monthlyExamFeeCents,
        extraMaterialsNetCents: i.extraMaterialsCents,
        vatRateBasisPoints: i.vatRateBasisPoints,
      }
    : {
        monthlyTuitionCents: i.monthlyTuitionCents,
        monthlyExamFeeCents: i.monthlyExamFeeCents,
        extraMaterialsCents: i.extraMaterialsCents,
      };
  const owedText = owed
    ? `= ${formatEuro(owed.feeCents)} excl. VAT, ${formatEuro(owed.feeGrossCents)} incl. VAT`
    : `= ${formatEuro(totalDueCents)}`;

  return loiDecision(book, 'early-termination', {
    ruleIds: [ruleId, 'LOI-12.4'],
    interpretationIds,
    inputs: {
      level: i.level,
      studyMonths: i.studyMonths,
      tutor: i.tutor,
      startDate: i.startDate,
      requestedAt: i.requestedAt,
      agreementDate: i.agreementDate,
      ...amounts,
      paidCents: i.paidCents,
      receivedOn,
      withdrawalPeriodEndsOn,
      receivedInWithdrawalPeriod: withdrawalPeriodEndsOn ? compareDates(receivedOn, withdrawalPeriodEndsOn) <= 0 : null,
      ...timing.figures,
      noticeEnd: timing.effectiveEnd,
      studyEndsOn,
      endsAtStudyEnd,
      monthsDue,
      ...(owed ? { tuitionNetCents: tuitionCents, examFeesNetCents: examFeesCents } : { tuitionCents, examFeesCents }),
      totalDueCents,
      outstandingCents,
      ...readingsJson(decidedUnder),
    },
    allowed: true,
    ...(owed ?? { feeCents: totalDueCents }),
    refundCents,
    deadlines: { noticeStart: timing.noticeStart, effectiveEnd },
    explanation:
      `Early termination: ${timing.how}${endsAtStudyEnd ? `, capped at the end of the study duration ${studyEndsOn}` : ''}; ` +
      `owed ${monthsDue} x ${formatEuro(monthlyCents)}${i.extraMaterialsCents ? ` + extra materials ${formatEuro(i.extraMaterialsCents)}` : ''} ` +
      `${owedText}, paid ${formatEuro(i.paidCents)}: ` +
      (refundCents > 0 ? `${formatEuro(refundCents)} refunded` : `${formatEuro(outstandingCents)} outstanding`) +
      ` (${ruleId}, LOI-12.4${interpretationIds.length ? `, ${interpretationIds.join(', ')}` : ''}, ${cite(book)})`,
  });
}
