/**
 * Excellus attendance and exams: EXC-13 late arrival / misconduct, EXC-8.2 the free resit of an
 * exam-only booking.
 */
import { addDays, compareDates, compareInstants, hoursBetween } from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';
import { RuleViolation } from '../../../decision';
import type { Decision } from '../../../decision';
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
import { addMinutes } from '../../vli/decisions/local-time';
import { EXCELLUS_DECISION_KINDS, excellusRef } from './common';
import type { ExcellusRulebook } from './common';
import { EXCELLUS_OFFERING_KINDS } from '../data';
import type { ExcellusOfferingKind } from '../data';

// ---------------------------------------------------------------------------------------------
// EXC-13 late arrival and misconduct
// ---------------------------------------------------------------------------------------------

export const EXCELLUS_ATTENDANCE_REASONS = ['late', 'misconduct'] as const;
export type ExcellusAttendanceReason = (typeof EXCELLUS_ATTENDANCE_REASONS)[number];

export interface ExcellusAttendanceInput {
  reason: ExcellusAttendanceReason;
  startsAt: Instant;
  /** When the learner arrived (required for `late`). */
  arrivedAt?: Instant;
  /** When the learner was removed (for `misconduct`). */
  removedAt?: Instant;
  priceCents: Cents;
  paidCents: Cents;
}

export function decideExcellusAttendance(rulebook: ExcellusRulebook, input: ExcellusAttendanceInput): Decision {
  const reason = requireOneOf(input.reason, 'reason', EXCELLUS_ATTENDANCE_REASONS);
  const startsAt = requireInstant(input.startsAt, 'startsAt');
  const priceCents = requireCents(input.priceCents, 'priceCents');
  const paidCents = requireCents(input.paidCents, 'paidCents');
  const ref = excellusRef(rulebook);
  const ruleIds = ['EXC-13'];
  const limit = rulebook.data.attendance.maxMinutesLate;

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
      feeCents: priceCents,
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
    inputs: jsonInputs({ reason, startsAt, removedAt, priceCents, paidCents }),
    allowed: false,
    feeCents: priceCents,
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

export interface ExcellusResitInput {
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

export function decideExcellusResit(rulebook: ExcellusRulebook, input: ExcellusResitInput): Decision {
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
    }),
    allowed: true,
    feeCents: r.resitFeeCents,
    deadlines: { resitTargetBy, resitLatestBy },
    explanation:
      `Free resit of the exam of ${examSatOn} with another examiner, to be held by ${resitTargetBy} (${r.targetDays / 7} weeks) and in any case by ${resitLatestBy} (${r.limitDays / 7} weeks)` +
      (resitOn === undefined ? '' : `; planned ${resitOn}${withinLimit ? '' : ', later than the limit'}`) +
      ` ${citation(ruleIds, [], ref)}`,
  };
}
