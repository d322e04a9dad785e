/**
 * VLI decision functions (docs/regulations.md §3, seed 002). Pure: every time comes in as an input,
 * every threshold comes from the rulebook version's data.
 */
import {
  addDays,
  addHours,
  atLocalTime,
  addMonths,
  addWorkingDays,
  compareDates,
  compareInstants,
  hoursBetween,
  toLocalDate,
} from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';
import { RuleViolation, feeOnNet } from '../../../decision';
import type { Decision, DecisionFunction, JsonValue, RulebookRef } from '../../../decision';
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
import { percentOf } from '../../../money';
import type { Cents } from '../../../money';
import type { RulebookVersion } from '../../../rulebook';
import { VLI_CANCELLATION_REASONS, VLI_EXAM_TYPES } from '../data';
import type { VliCancellationReason, VliData, VliExamType } from '../data';
import {
  DecisionInputError,
  citation,
  euro,
  formatPercent,
  jsonInputs,
  max,
  omitUndefined,
  readBoolean,
  readInstant,
  readInstantOrDate,
  readInteger,
  readLocalDate,
  readOneOf,
  readOptionalBoolean,
  readOptionalInteger,
  readOptionalLocalDate,
  requireCents,
  requireInstant,
  requireInstantOrDate,
  requireLocalDate,
  requireOneOf,
} from './decision-inputs';
import type { JsonInputs } from './decision-inputs';

/** What a VLI decision function needs of its rulebook version. */
export type VliRulebook = Pick<RulebookVersion<VliData>, 'id' | 'version' | 'calendar' | 'data' | 'vatRateBasisPoints'>;

export const VLI_DECISION_KINDS = {
  cancellation: 'cancellation-fee',
  admission: 'admission',
  examResult: 'exam-result',
  resit: 'resit',
  complaint: 'complaint-deadlines',
  retention: 'retention-schedule',
} as const;

function refOf(rulebook: VliRulebook): RulebookRef {
  return { id: rulebook.id, version: rulebook.version };
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Exact fraction as text: "80", "3900/49". */
function fraction(numerator: bigint, denominator: bigint): string {
  const g = greatestCommonDivisor(numerator, denominator) || 1n;
  const n = numerator / g;
  const d = denominator / g;
  return d === 1n ? `${n}` : `${n}/${d}`;
}

// ---------------------------------------------------------------------------------------------
// VLI-2.3 cancellation
// ---------------------------------------------------------------------------------------------

export interface VliCancellationInput {
  /** Start of the training (instant with offset). */
  startsAt: Instant;
  /** When the cancellation reached VLI (phone or e-mail), business time. */
  requestedAt: Instant;
  reason: VliCancellationReason;
  /** MONEY-I1 version 1 only: the training's price as invoiced, VAT included (the fee was a share of it). */
  priceCents?: Cents;
  /** MONEY-I1 version 2: the training's price excluding VAT; the fee is a share of it. */
  priceNetCents?: Cents;
  /** MONEY-I1 version 2: the agreement's VAT rate in basis points (default the rulebook version's). */
  vatRateBasisPoints?: number;
  /** Paid so far, VAT included. */
  paidCents: Cents;
  /** Readings to pin (default the current version of each reading the decision depends on). */
  readings?: Readings;
}

export type VliCancellationBand = 'at-least-48h' | 'less-than-48h' | 'sickness-notice-in-time' | 'sickness-notice-late';

const CANCELLATION_READINGS = readingIdsOf('vli', VLI_DECISION_KINDS.cancellation);
const RESIT_READINGS = readingIdsOf('vli', VLI_DECISION_KINDS.resit);

/**
 * VLI-2.3. Under MONEY-I1 version 2 (new decisions) the fee is a share of the net price with its
 * VAT beside it; under version 1 (decisions recorded before rev 2) it was a share of the gross price.
 */
export function decideVliCancellation(rulebook: VliRulebook, input: VliCancellationInput): Decision {
  return vliCancellation(rulebook, input, readingsForNewDecision(CANCELLATION_READINGS, input.readings));
}

function vliCancellation(rulebook: VliRulebook, input: VliCancellationInput, decidedUnder: DecisionReadings): Decision {
  const startsAt = requireInstant(input.startsAt, 'startsAt');
  const requestedAt = requireInstant(input.requestedAt, 'requestedAt');
  const reason = requireOneOf(input.reason, 'reason', VLI_CANCELLATION_REASONS);
  const paidCents = requireCents(input.paidCents, 'paidCents');
  const netPrices = versionOf(decidedUnder, MONEY_READING) >= 2;
  const priceCents = netPrices
    ? requireCents(
        factFor(
          input.priceNetCents,
          MONEY_READING,
          'priceNetCents',
          'MONEY-I1 (rev 2) computes the fee on the price excluding VAT',
        ),
        'priceNetCents',
      )
    : requireCents(
        factFor(
          input.priceCents,
          MONEY_READING,
          'priceCents',
          'MONEY-I1 version 1 charged a share of the invoiced price',
        ),
        'priceCents',
      );
  const vatRateBasisPoints = netPrices ? vatRateFor(input.vatRateBasisPoints, rulebook.vatRateBasisPoints) : undefined;
  const p = rulebook.data.cancellation;
  const ref = refOf(rulebook);

  const hoursBeforeStart = hoursBetween(requestedAt, startsAt);
  const freeRegularCancellationUntil = addHours(startsAt, -p.regularMinHoursBeforeStart);
  const atLeastMinHours = compareInstants(requestedAt, freeRegularCancellationUntil) <= 0;
  const sickness = p.sicknessReasons.includes(reason);
  const startDate = toLocalDate(startsAt);

  let band: VliCancellationBand;
  let deadlines: Record<string, Instant>;
  let sicknessNoticeDeadline: Instant | undefined;
  if (sickness) {
    // "bij ziekte minimaal in de ochtend voor 9:00 uur (voor aanvang van de geplande training)":
    // before 09:00 local on the training day and before the start, whichever is earlier.
    const localCutoff = atLocalTime(startDate, p.sicknessNoticeBefore.hour, p.sicknessNoticeBefore.minute);
    sicknessNoticeDeadline = compareInstants(localCutoff, startsAt) <= 0 ? localCutoff : startsAt;
    band =
      compareInstants(requestedAt, sicknessNoticeDeadline) < 0 ? 'sickness-notice-in-time' : 'sickness-notice-late';
    deadlines = { sicknessNoticeBefore: sicknessNoticeDeadline };
  } else {
    band = atLeastMinHours ? 'at-least-48h' : 'less-than-48h';
    deadlines = { freeCancellationUntil: freeRegularCancellationUntil };
  }
  const onTime = band === 'at-least-48h' || band === 'sickness-notice-in-time';
  const feeBasisPoints = onTime ? p.onTimeFeeBasisPoints : p.lateFeeBasisPoints;
  const feeCents = percentOf(priceCents, feeBasisPoints);
  const fee = vatRateBasisPoints === undefined ? undefined : feeOnNet(feeCents, vatRateBasisPoints);
  const refundCents = max(0, paidCents - (fee ? fee.feeGrossCents : feeCents));
  const ruleIds = ['VLI-2.3'];
  // MONEY-I1 (rev 2) changes what the fee states wherever VAT applies (net, where version 1 stated it gross).
  const interpretationIds = fee && fee.feeVatCents > 0 ? [MONEY_READING] : [];
  const feeText = fee
    ? `${euro(feeCents)}${fee.feeVatCents > 0 ? ` excl. VAT + VAT ${euro(fee.feeVatCents)} = ${euro(fee.feeGrossCents)}` : ''}`
    : euro(feeCents);

  const hours = `${Math.abs(hoursBeforeStart).toFixed(2)} hours ${hoursBeforeStart >= 0 ? 'before' : 'after'} start`;
  const what = sickness
    ? `Sickness cancellation ${hours} (notice ${band === 'sickness-notice-in-time' ? 'before' : 'not before'} ${pad(p.sicknessNoticeBefore.hour)}:${pad(p.sicknessNoticeBefore.minute)} on the training day and the start)`
    : `Cancellation (${reason}) ${hours} (${atLeastMinHours ? 'at least' : 'less than'} ${p.regularMinHoursBeforeStart} hours)`;
  return {
    kind: VLI_DECISION_KINDS.cancellation,
    ruleIds,
    interpretationIds,
    rulebook: ref,
    inputs: jsonInputs({
      startsAt,
      requestedAt,
      reason,
      ...(fee ? { priceNetCents: priceCents, vatRateBasisPoints } : { priceCents }),
      paidCents,
      startDate,
      hoursBeforeStart,
      minHoursBeforeStart: p.regularMinHoursBeforeStart,
      freeRegularCancellationUntil,
      sicknessRule: sickness,
      sicknessNoticeDeadline,
      band,
      feeBasisPoints,
      ...readingsJson(decidedUnder),
    }),
    ...(fee ?? { feeCents }),
    refundCents,
    deadlines,
    explanation: `${what}: ${formatPercent(feeBasisPoints)} of ${euro(priceCents)} = ${feeText}; refund ${euro(refundCents)} of ${euro(paidCents)} paid ${citation(ruleIds, interpretationIds, ref)}`,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------
// VLI-2.1 admission
// ---------------------------------------------------------------------------------------------

export interface VliAdmissionInput {
  /** When the trainer checked the learner in the training room. */
  checkedAt: Instant;
  securityCourse: boolean;
  /** The trainer verified the learner's ID against the registration. */
  idVerified: boolean;
  /** A valid VOG/VGB was shown (only relevant for security courses; absent means not shown). */
  vogValid?: boolean;
}

export function decideVliAdmission(rulebook: VliRulebook, input: VliAdmissionInput): Decision {
  const checkedAt = requireInstant(input.checkedAt, 'checkedAt');
  const ref = refOf(rulebook);
  const vogRequired = input.securityCourse && rulebook.data.admission.securityCourseRequiresVog;
  const missing: string[] = [];
  if (!input.idVerified) missing.push('id');
  if (vogRequired && input.vogValid !== true) missing.push('vog');
  const allowed = missing.length === 0;
  const ruleIds = ['VLI-2.1'];
  return {
    kind: VLI_DECISION_KINDS.admission,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      checkedAt,
      securityCourse: input.securityCourse,
      idVerified: input.idVerified,
      vogValid: input.vogValid,
      vogRequired,
      missing,
      newDateRequired: !allowed,
    }),
    allowed,
    explanation: allowed
      ? `Learner admitted: ID verified${vogRequired ? ' and valid VOG shown for a security course' : ''} ${citation(ruleIds, [], ref)}`
      : `Learner refused admission, missing ${missing.map((m) => (m === 'id' ? 'a verified ID' : 'a valid VOG')).join(' and ')}; a new training date must be booked ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// VLI-4.3a/b/c exam result
// ---------------------------------------------------------------------------------------------

export interface VliExamResultInput {
  sittingAt: Instant;
  examType: VliExamType;
  /** Points scored out of `maxScore` (whole points). */
  score: number;
  maxScore: number;
  /** IL&T dangerous-goods exams only: the learner works for an E-recognition holder (90 %). */
  learnerAtERecognitionHolder?: boolean;
  fraud?: boolean;
  /** 1 = first sitting, 2 = first resit, ... (default 1). */
  attempt?: number;
  /** The trainer established the learner's identity (default true; false is refused under VLI-2.1). */
  identified?: boolean;
}

export interface VliExamResultDecision extends Decision {
  passed: boolean;
  resitAllowed: boolean;
}

export type VliPassMarkRule = 'standard' | 'ilt-dangerous-goods' | 'ilt-dangerous-goods-e-recognition-holder';

export function decideVliExamResult(rulebook: VliRulebook, input: VliExamResultInput): VliExamResultDecision {
  const sittingAt = requireInstant(input.sittingAt, 'sittingAt');
  const examType = requireOneOf(input.examType, 'examType', VLI_EXAM_TYPES);
  const { score, maxScore } = input;
  if (!Number.isSafeInteger(maxScore) || maxScore <= 0)
    throw new DecisionInputError('maxScore', 'maxScore must be a positive integer');
  if (!Number.isSafeInteger(score) || score < 0 || score > maxScore) {
    throw new DecisionInputError('score', `score must be an integer from 0 to maxScore (${maxScore})`);
  }
  const attempt = input.attempt ?? 1;
  if (!Number.isSafeInteger(attempt) || attempt < 1)
    throw new DecisionInputError('attempt', 'attempt must be a positive integer');
  const ref = refOf(rulebook);
  if (input.identified === false) {
    throw new RuleViolation(
      'IDENTITY_NOT_ESTABLISHED',
      'VLI-2.1',
      'The learner was not identified by the trainer; no exam result can be recorded',
      {
        sittingAt,
      },
    );
  }
  const fraud = input.fraud === true;
  const marks = rulebook.data.exam.passMarkBasisPoints;
  const passMarkRule: VliPassMarkRule =
    examType === 'standard'
      ? 'standard'
      : input.learnerAtERecognitionHolder === true
        ? 'ilt-dangerous-goods-e-recognition-holder'
        : 'ilt-dangerous-goods';
  const passMarkBasisPoints =
    passMarkRule === 'standard'
      ? marks.standard
      : passMarkRule === 'ilt-dangerous-goods'
        ? marks.iltDangerousGoods
        : marks.iltDangerousGoodsERecognitionHolder;
  // score / maxScore >= passMark / 10,000, exactly: score x 10,000 >= passMark x maxScore.
  const reachesPassMark = BigInt(score) * 10_000n >= BigInt(passMarkBasisPoints) * BigInt(maxScore);
  const passed = !fraud && reachesPassMark;
  const resitsUsed = attempt - 1;
  const resitAllowed = !passed && !fraud && resitsUsed < rulebook.data.resit.maxResits;
  const scorePercent = fraction(BigInt(score) * 100n, BigInt(maxScore));

  const ruleIds = fraud ? ['VLI-4.3c'] : passed ? ['VLI-4.3a'] : ['VLI-4.3a', 'VLI-4.3b'];
  const outcome = fraud
    ? 'Exam failed for fraud; no resit'
    : passed
      ? `Exam passed: ${score}/${maxScore} = ${scorePercent} % >= ${formatPercent(passMarkBasisPoints)}`
      : `Exam failed: ${score}/${maxScore} = ${scorePercent} % < ${formatPercent(passMarkBasisPoints)}; ${resitAllowed ? 'one resit allowed' : 'no resit left'}`;
  return {
    kind: VLI_DECISION_KINDS.examResult,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      sittingAt,
      examType,
      score,
      maxScore,
      learnerAtERecognitionHolder: input.learnerAtERecognitionHolder,
      fraud: input.fraud,
      attempt,
      identified: input.identified,
      scorePercent,
      passMarkRule,
      passMarkBasisPoints,
      reachesPassMark,
      resitsUsed,
      maxResits: rulebook.data.resit.maxResits,
    }),
    passed,
    resitAllowed,
    explanation: `${outcome} ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// VLI-4.3b / 4.3c resit
// ---------------------------------------------------------------------------------------------

export const VLI_ATTEMPT_OUTCOMES = ['failed', 'fraud', 'passed'] as const;
export type VliAttemptOutcome = (typeof VLI_ATTEMPT_OUTCOMES)[number];

export interface VliResitInput {
  requestedAt: Instant;
  examType: VliExamType;
  /** Resits the learner has already sat or booked for this exam. */
  resitsTaken: number;
  /** Outcome of the learner's latest sitting. */
  lastAttemptOutcome: VliAttemptOutcome;
  /** MONEY-I1 version 2: the agreement's VAT rate on the resit fee (default the rulebook version's). */
  vatRateBasisPoints?: number;
  /** Readings to pin (default the current version of each reading the decision depends on). */
  readings?: Readings;
}

/** VLI-4.3b/c: a resit; its fee (net, a rulebook parameter) is stated with VAT under MONEY-I1 version 2. */
export function decideVliResit(rulebook: VliRulebook, input: VliResitInput): Decision {
  return vliResit(rulebook, input, readingsForNewDecision(RESIT_READINGS, input.readings));
}

function vliResit(rulebook: VliRulebook, input: VliResitInput, decidedUnder: DecisionReadings): Decision {
  const requestedAt = requireInstant(input.requestedAt, 'requestedAt');
  const examType = requireOneOf(input.examType, 'examType', VLI_EXAM_TYPES);
  const lastAttemptOutcome = requireOneOf(input.lastAttemptOutcome, 'lastAttemptOutcome', VLI_ATTEMPT_OUTCOMES);
  const { resitsTaken } = input;
  if (!Number.isSafeInteger(resitsTaken) || resitsTaken < 0)
    throw new DecisionInputError('resitsTaken', 'resitsTaken must be a non-negative integer');
  const { maxResits, feeCentsByExamType } = rulebook.data.resit;
  if (lastAttemptOutcome === 'fraud') {
    throw new RuleViolation('RESIT_NOT_ALLOWED', 'VLI-4.3c', 'The exam was failed for fraud; no resit is allowed', {
      resitsTaken,
    });
  }
  if (lastAttemptOutcome === 'passed') {
    throw new RuleViolation('RESIT_NOT_ALLOWED', 'VLI-4.3b', 'The exam was passed; a resit is only for a failed exam', {
      resitsTaken,
    });
  }
  if (resitsTaken >= maxResits) {
    throw new RuleViolation(
      'RESIT_NOT_ALLOWED',
      'VLI-4.3b',
      `Only ${maxResits} resit is allowed without redoing the training`,
      {
        resitsTaken,
        maxResits,
      },
    );
  }
  const feeCents = feeCentsByExamType[examType];
  const ref = refOf(rulebook);
  const ruleIds = ['VLI-4.3b'];
  const netPrices = versionOf(decidedUnder, MONEY_READING) >= 2;
  const vatRateBasisPoints = netPrices ? vatRateFor(input.vatRateBasisPoints, rulebook.vatRateBasisPoints) : undefined;
  return {
    kind: VLI_DECISION_KINDS.resit,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      requestedAt,
      examType,
      resitsTaken,
      lastAttemptOutcome,
      maxResits,
      resitFeeCents: feeCents,
      vatRateBasisPoints,
      ...readingsJson(decidedUnder),
    }),
    allowed: true,
    ...(vatRateBasisPoints === undefined ? { feeCents } : feeOnNet(feeCents, vatRateBasisPoints)),
    explanation: `Resit ${resitsTaken + 1} of ${maxResits} allowed without redoing the training; resit fee ${euro(feeCents)} ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// VLI-6.2 complaint deadlines
// ---------------------------------------------------------------------------------------------

export interface VliComplaintInput {
  /** The date of the incident complained about. */
  incidentOn: LocalDate;
  /** When the written complaint (e-mail) was filed. */
  filedAt: Instant | LocalDate;
  /** When the management declared the complaint well-founded, if it has. */
  declaredWellFoundedOn?: LocalDate;
}

export function decideVliComplaintDeadlines(rulebook: VliRulebook, input: VliComplaintInput): Decision {
  const incidentOn = requireLocalDate(input.incidentOn, 'incidentOn');
  const filedAt = requireInstantOrDate(input.filedAt, 'filedAt');
  const declaredWellFoundedOn =
    input.declaredWellFoundedOn === undefined
      ? undefined
      : requireLocalDate(input.declaredWellFoundedOn, 'declaredWellFoundedOn');
  const c = rulebook.data.complaints;
  const ref = refOf(rulebook);
  const filedOn = toLocalDate(filedAt);
  if (compareDates(filedOn, incidentOn) < 0)
    throw new DecisionInputError('filedAt', 'A complaint cannot be filed before the incident');
  const filingDeadline = addDays(incidentOn, c.filingWindowDays);
  if (compareDates(filedOn, filingDeadline) > 0) {
    throw new RuleViolation(
      'COMPLAINT_TOO_LATE',
      'VLI-6.2',
      `A complaint must be filed within ${c.filingWindowDays} days of the incident (by ${filingDeadline}); filed ${filedOn}`,
      { incidentOn, filedOn, filingDeadline },
    );
  }
  const acknowledgementDue = addWorkingDays(filedOn, c.acknowledgementWorkingDays, rulebook.calendar);
  if (declaredWellFoundedOn !== undefined && compareDates(declaredWellFoundedOn, filedOn) < 0) {
    throw new DecisionInputError(
      'declaredWellFoundedOn',
      'A complaint cannot be declared well-founded before it was filed',
    );
  }
  const investigationDue =
    declaredWellFoundedOn === undefined ? undefined : addDays(declaredWellFoundedOn, c.investigationDays);
  const deadlines: Record<string, LocalDate> = { filingDeadline, acknowledgementDue };
  if (investigationDue !== undefined) deadlines['investigationDue'] = investigationDue;
  const ruleIds = ['VLI-6.2'];
  return {
    kind: VLI_DECISION_KINDS.complaint,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      incidentOn,
      filedAt,
      declaredWellFoundedOn,
      filedOn,
      filingWindowDays: c.filingWindowDays,
      acknowledgementWorkingDays: c.acknowledgementWorkingDays,
      investigationDays: c.investigationDays,
      calendar: `${rulebook.calendar.id}@${rulebook.calendar.version}`,
    }),
    allowed: true,
    deadlines,
    explanation:
      `Complaint filed ${filedOn}, within ${c.filingWindowDays} days of the incident on ${incidentOn}: acknowledgement due by ${acknowledgementDue} (${c.acknowledgementWorkingDays} working days)` +
      (investigationDue
        ? `, investigation due by ${investigationDue} (${c.investigationDays} days after being declared well-founded on ${declaredWellFoundedOn})`
        : '') +
      ` ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// VLI-5.2 retention of former learners' name and e-mail
// ---------------------------------------------------------------------------------------------

export interface VliRetentionInput {
  /** The day the learner became a former learner (end of the last training). */
  formerLearnerSince: LocalDate;
  /** The learner asked for erasure (withdrew consent) on this date. */
  erasureRequestedOn?: LocalDate;
}

export function decideVliRetention(rulebook: VliRulebook, input: VliRetentionInput): Decision {
  const formerLearnerSince = requireLocalDate(input.formerLearnerSince, 'formerLearnerSince');
  const erasureRequestedOn =
    input.erasureRequestedOn === undefined
      ? undefined
      : requireLocalDate(input.erasureRequestedOn, 'erasureRequestedOn');
  const years = rulebook.data.retention.formerLearnerContactYears;
  const ref = refOf(rulebook);
  const retainContactDataUntil = addMonths(formerLearnerSince, years * 12);
  const onRequest = erasureRequestedOn !== undefined && compareDates(erasureRequestedOn, retainContactDataUntil) < 0;
  const erasureDueOn = onRequest ? erasureRequestedOn! : retainContactDataUntil;
  const ruleIds = ['VLI-5.2'];
  return {
    kind: VLI_DECISION_KINDS.retention,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      formerLearnerSince,
      erasureRequestedOn,
      retentionYears: years,
      retainContactDataUntil,
      erasureOnRequest: onRequest,
    }),
    deadlines: { retainContactDataUntil, erasureDueOn },
    explanation: onRequest
      ? `Former learner's name and e-mail to be erased on request from ${erasureRequestedOn} (before the ${years}-year period ending ${retainContactDataUntil}) ${citation(ruleIds, [], ref)}`
      : `Former learner since ${formerLearnerSince}: name and e-mail kept ${years} years, erasure due on ${erasureDueOn} ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON entry points (registry.recompute)
// ---------------------------------------------------------------------------------------------

export function parseVliCancellationInput(inputs: JsonInputs): VliCancellationInput {
  return {
    startsAt: readInstant(inputs, 'startsAt'),
    requestedAt: readInstant(inputs, 'requestedAt'),
    reason: readOneOf(inputs, 'reason', VLI_CANCELLATION_REASONS),
    paidCents: readInteger(inputs, 'paidCents'),
    ...omitUndefined({
      priceCents: readOptionalInteger(inputs, 'priceCents'),
      priceNetCents: readOptionalInteger(inputs, 'priceNetCents'),
      vatRateBasisPoints: readOptionalInteger(inputs, 'vatRateBasisPoints'),
    }),
  };
}

export function parseVliAdmissionInput(inputs: JsonInputs): VliAdmissionInput {
  const vogValid = readOptionalBoolean(inputs, 'vogValid');
  return {
    checkedAt: readInstant(inputs, 'checkedAt'),
    securityCourse: readBoolean(inputs, 'securityCourse'),
    idVerified: readBoolean(inputs, 'idVerified'),
    ...(vogValid === undefined ? {} : { vogValid }),
  };
}

export function parseVliExamResultInput(inputs: JsonInputs): VliExamResultInput {
  const optional = {
    learnerAtERecognitionHolder: readOptionalBoolean(inputs, 'learnerAtERecognitionHolder'),
    fraud: readOptionalBoolean(inputs, 'fraud'),
    attempt: readOptionalInteger(inputs, 'attempt'),
    identified: readOptionalBoolean(inputs, 'identified'),
  };
  return {
    sittingAt: readInstant(inputs, 'sittingAt'),
    examType: readOneOf(inputs, 'examType', VLI_EXAM_TYPES),
    score: readInteger(inputs, 'score'),
    maxScore: readInteger(inputs, 'maxScore'),
    ...omitUndefined(optional),
  };
}

export function parseVliResitInput(inputs: JsonInputs): VliResitInput {
  return {
    requestedAt: readInstant(inputs, 'requestedAt'),
    examType: readOneOf(inputs, 'examType', VLI_EXAM_TYPES),
    resitsTaken: readInteger(inputs, 'resitsTaken'),
    lastAttemptOutcome: readOneOf(inputs, 'lastAttemptOutcome', VLI_ATTEMPT_OUTCOMES),
    ...omitUndefined({ vatRateBasisPoints: readOptionalInteger(inputs, 'vatRateBasisPoints') }),
  };
}

export function parseVliComplaintInput(inputs: JsonInputs): VliComplaintInput {
  const declaredWellFoundedOn = readOptionalLocalDate(inputs, 'declaredWellFoundedOn');
  return {
    incidentOn: readLocalDate(inputs, 'incidentOn'),
    filedAt: readInstantOrDate(inputs, 'filedAt'),
    ...(declaredWellFoundedOn === undefined ? {} : { declaredWellFoundedOn }),
  };
}

export function parseVliRetentionInput(inputs: JsonInputs): VliRetentionInput {
  const erasureRequestedOn = readOptionalLocalDate(inputs, 'erasureRequestedOn');
  return {
    formerLearnerSince: readLocalDate(inputs, 'formerLearnerSince'),
    ...(erasureRequestedOn === undefined ? {} : { erasureRequestedOn }),
  };
}

/** The decision functions of one VLI rulebook version, by kind, taking JSON inputs. */
export function vliDecisionFunctions(rulebook: VliRulebook): Readonly<Record<string, DecisionFunction>> {
  return Object.freeze({
    [VLI_DECISION_KINDS.cancellation]: (inputs: Record<string, JsonValue>) =>
      vliCancellation(
        rulebook,
        parseVliCancellationInput(inputs),
        readingsOfRecordedInputs(inputs, CANCELLATION_READINGS),
      ),
    [VLI_DECISION_KINDS.admission]: (inputs: Record<string, JsonValue>) =>
      decideVliAdmission(rulebook, parseVliAdmissionInput(inputs)),
    [VLI_DECISION_KINDS.examResult]: (inputs: Record<string, JsonValue>) =>
      decideVliExamResult(rulebook, parseVliExamResultInput(inputs)),
    [VLI_DECISION_KINDS.resit]: (inputs: Record<string, JsonValue>) =>
      vliResit(rulebook, parseVliResitInput(inputs), readingsOfRecordedInputs(inputs, RESIT_READINGS)),
    [VLI_DECISION_KINDS.complaint]: (inputs: Record<string, JsonValue>) =>
      decideVliComplaintDeadlines(rulebook, parseVliComplaintInput(inputs)),
    [VLI_DECISION_KINDS.retention]: (inputs: Record<string, JsonValue>) =>
      decideVliRetention(rulebook, parseVliRetentionInput(inputs)),
  });
}
