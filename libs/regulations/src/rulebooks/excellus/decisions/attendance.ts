/**
 * Excellus attendance and exams: EXC-13 late arrival / misconduct, the exam result with EXC-8.2's
 * free resit of an exam-only booking.
 */
import { addDays, addMinutes, compareDates, compareInstants, hoursBetween, toLocalDate } from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';
import { RuleViolation } from '../../../decision';
import type { Decision } from '../../../decision';
import { readingsForNewDecision, readingsJson, type DecisionReadings } from '../../../contract/readings';
import type { Cents } from '../../../money';
import {
  DecisionInputError,
  citation,
  euro,
  jsonInputs,
  requireCents,
  requireInstant,
  requireLocalDate,
  requireOneOf,
} from '../../vli/decisions/decision-inputs';
import { EXCELLUS_DECISION_KINDS, excellusRef } from './common';
import type { ExcellusRulebook } from './common';
import { EXCELLUS_READINGS, excellusFee, type ExcellusReadingsRequest } from './cancellation';
import { EXCELLUS_OFFERING_KINDS } from '../data';
import type { ExcellusOfferingKind } from '../data';

// ---------------------------------------------------------------------------------------------
// EXC-13 late arrival and misconduct
// ---------------------------------------------------------------------------------------------

export const EXCELLUS_ATTENDANCE_REASONS = ['late', 'misconduct'] as const;
export type ExcellusAttendanceReason = (typeof EXCELLUS_ATTENDANCE_REASONS)[number];

export interface ExcellusAttendanceInput extends ExcellusReadingsRequest {
  reason: ExcellusAttendanceReason;
  startsAt: Instant;
  /** When the learner arrived (required for `late`). */
  arrivedAt?: Instant;
  /** When the learner was removed (for `misconduct`). */
  removedAt?: Instant;
  priceCents: Cents;
  paidCents: Cents;
  /** MONEY-I1 version 2: the agreement's VAT rate (default the rulebook version's: exempt, 0). */
  vatRateBasisPoints?: number;
}

export function decideExcellusAttendance(
  rulebook: ExcellusRulebook,
  input: ExcellusAttendanceInput,
  decidedUnder: DecisionReadings = readingsForNewDecision(EXCELLUS_READINGS.attendance, input.readings),
): Decision {
  const reason = requireOneOf(input.reason, 'reason', EXCELLUS_ATTENDANCE_REASONS);
  const startsAt = requireInstant(input.startsAt, 'startsAt');
  const priceCents = requireCents(input.priceCents, 'priceCents');
  const paidCents = requireCents(input.paidCents, 'paidCents');
  const ref = excellusRef(rulebook);
  const ruleIds = ['EXC-13'];
  const limit = rulebook.data.attendance.maxMinutesLate;
  // Refused or removed: the price stays due in full (EXC-13).
  const fee = excellusFee(rulebook, decidedUnder, priceCents, input.vatRateBasisPoints);

  if (reason === 'late') {
    if (input.arrivedAt === undefined)
      throw new DecisionInputError('arrivedAt', 'arrivedAt is required for a late arrival');
    const arrivedAt = requireInstant(input.arrivedAt, 'arrivedAt');
    const entryAllowedUntil = addMinutes(startsAt, limit);
    const minutesLate = hoursBetween(startsAt, arrivedAt) * 60;
    const refused = compareInstants(arrivedAt, entryAllowedUntil) > 0;
    const inputs = jsonInputs({
      reason,
      startsAt,
      arrivedAt,
      priceCents,
      paidCents,
      minutesLate,
      maxMinutesLate: limit,
      entryAllowedUntil,
      vatRateBasisPoints: fee.rate,
      ...readingsJson(decidedUnder),
    });
    if (!refused) {
      return {
        kind: EXCELLUS_DECISION_KINDS.attendance,
        ruleIds,
        interpretationIds: [],
        rulebook: ref,
        inputs,
        allowed: true,
        deadlines: { entryAllowedUntil },
        explanation: `Learner arrived ${formatMinutes(minutesLate)} after the start, not more than ${limit} minutes late: admitted ${citation(ruleIds, [], ref)}`,
      };
    }
    return {
      kind: EXCELLUS_DECISION_KINDS.attendance,
      ruleIds,
      interpretationIds: [],
      rulebook: ref,
      inputs,
      allowed: false,
      ...fee.fields,
      refundCents: 0,
      deadlines: { entryAllowedUntil },
      explanation: `Learner arrived ${formatMinutes(minutesLate)} after the start, more than ${limit} minutes late: entry refused, the price ${euro(priceCents)} stays due and nothing of ${euro(paidCents)} paid is refunded ${citation(ruleIds, [], ref)}`,
    };
  }

  const removedAt = input.removedAt === undefined ? undefined : requireInstant(input.removedAt, 'removedAt');
  return {
    kind: EXCELLUS_DECISION_KINDS.attendance,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      reason,
      startsAt,
      removedAt,
      priceCents,
      paidCents,
      vatRateBasisPoints: fee.rate,
      ...readingsJson(decidedUnder),
    }),
    allowed: false,
    ...fee.fields,
    refundCents: 0,
    explanation: `Learner removed from the training for misconduct: the price ${euro(priceCents)} stays due and nothing of ${euro(paidCents)} paid is refunded ${citation(ruleIds, [], ref)}`,
  };
}

function formatMinutes(minutes: number): string {
  const whole = Math.floor(minutes);
  const seconds = Math.round((minutes - whole) * 60);
  return seconds === 0 ? `${whole} min` : `${whole} min ${seconds} s`;
}

// ---------------------------------------------------------------------------------------------
// EXC-8.2 one free resit for exam-only customers, within 6 (at most 8) weeks, another examiner
// ---------------------------------------------------------------------------------------------

export interface ExcellusResitInput extends ExcellusReadingsRequest {
  offeringKind: ExcellusOfferingKind;
  /** The day of the failed exam. */
  examSatOn: LocalDate;
  lastAttemptPassed: boolean;
  /** Resits already sat or booked. */
  resitsTaken: number;
  originalExaminerId?: string;
  resitExaminerId?: string;
  /** The resit date agreed with the customer, if set. */
  resitOn?: LocalDate;
}

export function decideExcellusResit(
  rulebook: ExcellusRulebook,
  input: ExcellusResitInput,
  decidedUnder: DecisionReadings = readingsForNewDecision(EXCELLUS_READINGS.examOnlyResit, input.readings),
): Decision {
  const offeringKind = requireOneOf(input.offeringKind, 'offeringKind', EXCELLUS_OFFERING_KINDS);
  const examSatOn = requireLocalDate(input.examSatOn, 'examSatOn');
  const resitOn = input.resitOn === undefined ? undefined : requireLocalDate(input.resitOn, 'resitOn');
  if (!Number.isSafeInteger(input.resitsTaken) || input.resitsTaken < 0)
    throw new DecisionInputError('resitsTaken', 'resitsTaken must be a non-negative integer');
  if (resitOn !== undefined && compareDates(resitOn, examSatOn) < 0)
    throw new DecisionInputError('resitOn', 'A resit cannot precede the exam');
  const r = rulebook.data.examOnlyResit;
  const ref = excellusRef(rulebook);
  if (offeringKind !== 'exam-only') {
    throw new RuleViolation(
      'RESIT_NOT_ALLOWED',
      'EXC-8.2',
      'A free resit is for exam-only customers (an exam without prior training at Excellus)',
      {
        offeringKind,
      },
    );
  }
  if (input.lastAttemptPassed)
    throw new RuleViolation('RESIT_NOT_ALLOWED', 'EXC-8.2', 'The exam was passed; a resit is only for a failed exam');
  if (input.resitsTaken >= r.freeResits) {
    throw new RuleViolation('RESIT_NOT_ALLOWED', 'EXC-8.2', `Only ${r.freeResits} free resit is allowed`, {
      resitsTaken: input.resitsTaken,
      freeResits: r.freeResits,
    });
  }
  if (input.originalExaminerId !== undefined && input.originalExaminerId === input.resitExaminerId) {
    throw new RuleViolation('SAME_EXAMINER', 'EXC-8.2', 'The resit must be taken by another examiner', {
      examinerId: input.originalExaminerId,
    });
  }
  const resitTargetBy = addDays(examSatOn, r.targetDays);
  const resitLatestBy = addDays(examSatOn, r.limitDays);
  const ruleIds = ['EXC-8.2'];
  const withinTarget = resitOn === undefined ? undefined : compareDates(resitOn, resitTargetBy) <= 0;
  const withinLimit = resitOn === undefined ? undefined : compareDates(resitOn, resitLatestBy) <= 0;
  return {
    kind: EXCELLUS_DECISION_KINDS.examOnlyResit,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      offeringKind,
      examSatOn,
      lastAttemptPassed: input.lastAttemptPassed,
      resitsTaken: input.resitsTaken,
      originalExaminerId: input.originalExaminerId,
      resitExaminerId: input.resitExaminerId,
      resitOn,
      freeResits: r.freeResits,
      resitWithinTarget: withinTarget,
      resitWithinLimit: withinLimit,
      ...readingsJson(decidedUnder),
    }),
    allowed: true,
    ...excellusFee(rulebook, decidedUnder, r.resitFeeCents).fields,
    deadlines: { resitTargetBy, resitLatestBy },
    explanation:
      `Free resit of the exam of ${examSatOn} with another examiner, to be held by ${resitTargetBy} (${r.targetDays / 7} weeks) and in any case by ${resitLatestBy} (${r.limitDays / 7} weeks)` +
      (resitOn === undefined ? '' : `; planned ${resitOn}${withinLimit ? '' : ', later than the limit'}`) +
      ` ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Exam result: pass mark of the offering, EXC-8.2 free resit for exam-only customers
// ---------------------------------------------------------------------------------------------

export interface ExcellusExamResultInput {
  offeringKind: ExcellusOfferingKind;
  sittingAt: Instant;
  /** 1 = the first sitting, 2 = the resit, ... */
  attempt: number;
  /** The examiner established the learner's identity. */
  identified: boolean;
  fraud?: boolean;
  /** Correct answers. */
  score: number;
  maxScore: number;
  /** Correct answers required to pass (the result's, else the offering's). */
  passMark: number;
}

export interface ExcellusExamResultDecision extends Decision {
  passed: boolean;
  /** A free resit is open after this sitting (EXC-8.2). */
  resitAllowed: boolean;
}

function requireCount(value: number, field: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new DecisionInputError(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * An exam sitting: passed when the learner was identified, did not commit fraud and reached the
 * pass mark. A failed exam-only customer gets one free resit (EXC-8.2); `inputs.resitRuleId` names
 * the rule that allows or refuses a further sitting.
 */
export function decideExcellusExamResult(
  rulebook: ExcellusRulebook,
  input: ExcellusExamResultInput,
): ExcellusExamResultDecision {
  const offeringKind = requireOneOf(input.offeringKind, 'offeringKind', EXCELLUS_OFFERING_KINDS);
  const sittingAt = requireInstant(input.sittingAt, 'sittingAt');
  const maxScore = requireCount(input.maxScore, 'maxScore', 1, Number.MAX_SAFE_INTEGER);
  const score = requireCount(input.score, 'score', 0, maxScore);
  const passMark = requireCount(input.passMark, 'passMark', 0, maxScore);
  const attempt = requireCount(input.attempt, 'attempt', 1, Number.MAX_SAFE_INTEGER);
  if (typeof input.identified !== 'boolean')
    throw new DecisionInputError('identified', 'identified must be true or false');
  const fraud = input.fraud === true;
  const reachesPassMark = score >= passMark;
  const passed = input.identified && !fraud && reachesPassMark;
  const resitsTaken = attempt - 1;
  const freeResits = rulebook.data.examOnlyResit.freeResits;
  const resitAllowed = !passed && offeringKind === 'exam-only' && resitsTaken < freeResits;
  const ruleIds = ['EXC-8.2'];
  const ref = excellusRef(rulebook);
  const why = !input.identified
    ? 'the learner was not identified'
    : fraud
      ? 'fraud'
      : `${score}/${maxScore} correct, below the pass mark of ${passMark}`;
  const resitText = resitAllowed
    ? `one free resit with another examiner`
    : offeringKind !== 'exam-only'
      ? 'no free resit (only exam-only customers get one)'
      : `no free resit left (${freeResits} used)`;
  return {
    kind: EXCELLUS_DECISION_KINDS.examResult,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      offeringKind,
      sittingAt,
      attempt,
      identified: input.identified,
      fraud: input.fraud,
      score,
      maxScore,
      passMark,
      examSatOn: toLocalDate(sittingAt),
      reachesPassMark,
      resitsTaken,
      freeResits,
      resitRuleId: passed ? undefined : 'EXC-8.2',
    }),
    passed,
    resitAllowed,
    explanation: passed
      ? `Exam passed: ${score}/${maxScore} correct, pass mark ${passMark} ${citation(ruleIds, [], ref)}`
      : `Exam failed (${why}): ${resitText} ${citation(ruleIds, [], ref)}`,
  };
}
