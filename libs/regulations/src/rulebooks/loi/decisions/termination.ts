/**
 * LOI-12: early termination (voortijdig beëindigen). LOI-12.2 refusals, LOI-12.3-HO / -MBO with
 * INTERP LOI-I1 (study years), LOI-12.3-OV (3 months' notice from the start date's day-of-month),
 * LOI-12.4 (what is owed and refunded).
 */
import { addDays, addMonths, compareDates, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, type Decision, type JsonValue } from '../../../decision';
import { formatEuro, type Cents } from '../../../money';
import { cite, LOI_LEVELS, loiDecision, MAX_STUDY_MONTHS, type LoiBook, type LoiLevel } from './common';
import {
  asJson,
  readBoolean,
  readCents,
  readDate,
  readInteger,
  readOneOf,
  readOptionalCents,
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
  /** Tuition per month, due on each monthly start-date anniversary. */
  monthlyTuitionCents: Cents;
  /** Exam fee per month where exam fees are paid in monthly instalments; default 0. */
  monthlyExamFeeCents?: Cents;
  /** Price of extra materials bought (hardware, software), payable on termination; default 0. */
  extraMaterialsCents?: Cents;
  /** Everything the customer has paid under the agreement (tuition, exam fees, extra materials). */
  paidCents: Cents;
}

interface Read {
  level: LoiLevel;
  studyMonths: number;
  tutor: boolean;
  startDate: LocalDate;
  requestedAt: Instant | LocalDate;
  agreementDate: LocalDate | null;
  monthlyTuitionCents: Cents;
  monthlyExamFeeCents: Cents;
  extraMaterialsCents: Cents;
  paidCents: Cents;
}

function readTermination(inputs: JsonInputs): Read {
  return {
    level: readOneOf(inputs, 'level', LOI_LEVELS),
    studyMonths: readInteger(inputs, 'studyMonths', 1, MAX_STUDY_MONTHS),
    tutor: readBoolean(inputs, 'tutor'),
    startDate: readDate(inputs, 'startDate'),
    requestedAt: readTime(inputs, 'requestedAt'),
    agreementDate: readOptionalDate(inputs, 'agreementDate'),
    monthlyTuitionCents: readCents(inputs, 'monthlyTuitionCents'),
    monthlyExamFeeCents: readOptionalCents(inputs, 'monthlyExamFeeCents', 0),
    extraMaterialsCents: readOptionalCents(inputs, 'extraMaterialsCents', 0),
    paidCents: readCents(inputs, 'paidCents'),
  };
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
  const i = readTermination(asJson(input));
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
  const totalDueCents = tuitionCents + examFeesCents + i.extraMaterialsCents;
  const refundCents = Math.max(0, i.paidCents - totalDueCents);
  const outstandingCents = Math.max(0, totalDueCents - i.paidCents);

  return loiDecision(book, 'early-termination', {
    ruleIds: [ruleId, 'LOI-12.4'],
    interpretationIds: timing.interpretationIds,
    inputs: {
      level: i.level,
      studyMonths: i.studyMonths,
      tutor: i.tutor,
      startDate: i.startDate,
      requestedAt: i.requestedAt,
      agreementDate: i.agreementDate,
      monthlyTuitionCents: i.monthlyTuitionCents,
      monthlyExamFeeCents: i.monthlyExamFeeCents,
      extraMaterialsCents: i.extraMaterialsCents,
      paidCents: i.paidCents,
      receivedOn,
      withdrawalPeriodEndsOn,
      receivedInWithdrawalPeriod: withdrawalPeriodEndsOn ? compareDates(receivedOn, withdrawalPeriodEndsOn) <= 0 : null,
      ...timing.figures,
      noticeEnd: timing.effectiveEnd,
      studyEndsOn,
      endsAtStudyEnd,
      monthsDue,
      tuitionCents,
      examFeesCents,
      totalDueCents,
      outstandingCents,
    },
    allowed: true,
    feeCents: totalDueCents,
    refundCents,
    deadlines: { noticeStart: timing.noticeStart, effectiveEnd },
    explanation:
      `Early termination: ${timing.how}${endsAtStudyEnd ? `, capped at the end of the study duration ${studyEndsOn}` : ''}; ` +
      `owed ${monthsDue} x ${formatEuro(monthlyCents)}${i.extraMaterialsCents ? ` + extra materials ${formatEuro(i.extraMaterialsCents)}` : ''} ` +
      `= ${formatEuro(totalDueCents)}, paid ${formatEuro(i.paidCents)}: ` +
      (refundCents > 0 ? `${formatEuro(refundCents)} refunded` : `${formatEuro(outstandingCents)} outstanding`) +
      ` (${ruleId}, LOI-12.4${timing.interpretationIds.length ? `, ${timing.interpretationIds.join(', ')}` : ''}, ${cite(book)})`,
  });
}
