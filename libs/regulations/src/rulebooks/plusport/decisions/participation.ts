/**
 * Participation rules: PP-8.2-3 (ID), PP-15.5-LATE (late / no-show), PP-13.2-3 (pass), PP-13.6
 * (certificate), PP-16.5 (complaints; INTERP PP-I14).
 */
import { addDays, addWorkingDays, compareDates, toLocalDate } from '../../../calendar';
import type { Decision } from '../../../decision';
import { percentOf } from '../../../money';
import {
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  readingsOfRecordedInputs,
  type DecisionReadings,
} from '../../../contract/readings';
import type { PlusportRulebook } from './common';
import { COMPONENT_LABEL, plusportFee, plusportFeeFields } from './common';
import {
  PlusportInputError,
  citation,
  euro,
  formatPercent,
  json,
  readBoolean,
  readCents,
  readInstant,
  readInstantOrDate,
  readInteger,
  readOneOf,
  readOptionalBoolean,
} from './json';
import type { JsonObject } from './json';
import {
  PLUSPORT_ATTENDANCE_STATUSES,
  PLUSPORT_DATED_COMPONENT_KINDS,
  type PlusportAttendanceInput,
  type PlusportCertificateInput,
  type PlusportComplaintInput,
  type PlusportExamResultDecision,
  type PlusportExamResultInput,
} from './types';

export const PLUSPORT_ATTENDANCE_KIND = 'attendance';
export const PLUSPORT_EXAM_RESULT_KIND = 'exam-result';
export const PLUSPORT_CERTIFICATE_KIND = 'certificate';
export const PLUSPORT_COMPLAINT_KIND = 'complaint';

const ref = (rb: PlusportRulebook) => ({ id: rb.id, version: rb.version });

// ---- PP-8.2-3 / PP-15.5-LATE ----------------------------------------------------------------

const ATTENDANCE_READINGS = readingIdsOf('plusport', PLUSPORT_ATTENDANCE_KIND);

type NormalizedAttendance = Required<Omit<PlusportAttendanceInput, 'readings'>> & { decidedUnder: DecisionReadings };

export function parsePlusportAttendanceInput(
  inputs: JsonObject,
  decidedUnder: DecisionReadings = readingsOfRecordedInputs(inputs, ATTENDANCE_READINGS),
): NormalizedAttendance {
  return {
    at: readInstant(inputs, 'at'),
    component: readOneOf(inputs, 'component', PLUSPORT_DATED_COMPONENT_KINDS),
    componentPriceCents: readCents(inputs, 'componentPriceCents'),
    status: readOneOf(inputs, 'status', PLUSPORT_ATTENDANCE_STATUSES),
    decidedUnder,
  };
}

function attendance(rb: PlusportRulebook, n: NormalizedAttendance): Decision {
  const label = COMPONENT_LABEL[n.component];
  const inputs = json({
    at: n.at,
    component: n.component,
    componentPriceCents: n.componentPriceCents,
    status: n.status,
    ...readingsJson(n.decidedUnder),
  });
  if (n.status === 'attended') {
    const ruleIds = ['PP-8.2-3'];
    return {
      kind: PLUSPORT_ATTENDANCE_KIND,
      ruleIds,
      interpretationIds: [],
      rulebook: ref(rb),
      inputs,
      allowed: true,
      explanation: `${label}: learner identified with a valid original ID and admitted ${citation(ruleIds, rb)}`,
    };
  }
  const bp = rb.data.cancellation.noShowFeeBasisPoints;
  const feeCents = percentOf(n.componentPriceCents, bp);
  const fee = plusportFee(rb, feeCents);
  const stated = plusportFeeFields(rb, n.decidedUnder, fee);
  const ruleIds = n.status === 'no-id' ? ['PP-8.2-3'] : ['PP-15.5-LATE'];
  const what =
    n.status === 'no-id'
      ? `${label}: no valid original ID, access refused`
      : n.status === 'late'
        ? `${label}: learner late, access refused`
        : `${label}: learner did not show up`;
  return {
    kind: PLUSPORT_ATTENDANCE_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({ ...inputs, feeBasisPoints: bp, ...stated.inputs }),
    ...stated.fields,
    refundCents: 0,
    allowed: false,
    explanation: `${what}: charged in full, ${formatPercent(bp)} % of ${euro(n.componentPriceCents)} = ${euro(feeCents)}, no refund ${citation(ruleIds, rb)}`,
  };
}

/** Attendance: `no-id` (PP-8.2-3), `late` (refused) and `no-show` (PP-15.5-LATE) are charged in full, no refund. */
export function decidePlusportAttendance(rb: PlusportRulebook, input: PlusportAttendanceInput): Decision {
  return attendance(
    rb,
    parsePlusportAttendanceInput(
      json({
        at: input.at,
        component: input.component,
        componentPriceCents: input.componentPriceCents,
        status: input.status,
      }),
      readingsForNewDecision(ATTENDANCE_READINGS, input.readings),
    ),
  );
}

export function plusportAttendanceFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return attendance(rb, parsePlusportAttendanceInput(inputs));
}

// ---- PP-13.2-3 ------------------------------------------------------------------------------

export function parsePlusportExamResultInput(inputs: JsonObject): PlusportExamResultInput {
  const course = readOneOf(inputs, 'course', ['exam', 'practical-session-course'] as const);
  const sittingAt = readInstant(inputs, 'sittingAt');
  const identified = readBoolean(inputs, 'identified');
  if (course === 'practical-session-course') {
    return {
      course,
      sittingAt,
      identified,
      onlineTrainingCompleted: readBoolean(inputs, 'onlineTrainingCompleted'),
      onlineTheoryExamPassed: readBoolean(inputs, 'onlineTheoryExamPassed'),
      practicalExercisesPassed: readBoolean(inputs, 'practicalExercisesPassed'),
      declaredCompetent: readBoolean(inputs, 'declaredCompetent'),
    };
  }
  const maxScore = readInteger(inputs, 'maxScore', 'maxScore', 1);
  const score = readInteger(inputs, 'score');
  const passMark = readInteger(inputs, 'passMark');
  if (score > maxScore) throw new PlusportInputError('score exceeds maxScore', 'score');
  if (passMark > maxScore) throw new PlusportInputError('passMark exceeds maxScore', 'passMark');
  return {
    course,
    sittingAt,
    identified,
    score,
    maxScore,
    passMark,
    fraud: readOptionalBoolean(inputs, 'fraud') ?? false,
    invalidated: readOptionalBoolean(inputs, 'invalidated') ?? false,
  };
}

function examResult(rb: PlusportRulebook, n: PlusportExamResultInput): PlusportExamResultDecision {
  const ruleIds = ['PP-13.2-3'];
  let passed: boolean;
  let text: string;
  if (n.course === 'exam') {
    const enough = n.score >= n.passMark;
    const invalid = n.fraud === true || n.invalidated === true;
    passed = n.identified && enough && !invalid;
    const reasons = [
      ...(n.identified ? [] : ['not identified as prescribed']),
      ...(enough ? [] : [`${n.score} of ${n.maxScore} correct, ${n.passMark} required`]),
      ...(n.fraud ? ['fraud: exam declared invalid'] : n.invalidated ? ['exam declared invalid'] : []),
    ];
    text = passed
      ? `Exam passed: identified, ${n.score} of ${n.maxScore} correct (${n.passMark} required)`
      : `Exam failed: ${reasons.join('; ')}`;
  } else {
    const conditions: [boolean, string][] = [
      [n.onlineTrainingCompleted, 'online training completed'],
      [n.onlineTheoryExamPassed, 'online theory exam passed'],
      [n.identified, 'identified'],
      [n.practicalExercisesPassed, 'practical exercises passed'],
      [n.declaredCompetent, 'declared competent'],
    ];
    passed = conditions.every(([ok]) => ok);
    text = passed
      ? `Practical-session course passed: ${conditions.map(([, t]) => t).join(', ')}`
      : `Practical-session course not passed: missing ${conditions
          .filter(([ok]) => !ok)
          .map(([, t]) => t)
          .join(', ')}`;
  }
  return {
    kind: PLUSPORT_EXAM_RESULT_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({ ...n, passed }),
    passed,
    explanation: `${text} ${citation(ruleIds, rb)}`,
  };
}

/** Pass conditions: exam (identified + pass mark, not invalidated) or practical-session course (all five conditions). */
export function decidePlusportExamResult(
  rb: PlusportRulebook,
  input: PlusportExamResultInput,
): PlusportExamResultDecision {
  return examResult(rb, parsePlusportExamResultInput(json({ ...input })));
}

export function plusportExamResultFromJson(rb: PlusportRulebook, inputs: JsonObject): PlusportExamResultDecision {
  return examResult(rb, parsePlusportExamResultInput(inputs));
}

// ---- PP-13.6 --------------------------------------------------------------------------------

export function parsePlusportCertificateInput(inputs: JsonObject): PlusportCertificateInput {
  return {
    asOf: readInstantOrDate(inputs, 'asOf'),
    passed: readBoolean(inputs, 'passed'),
    invoiceTotalCents: readCents(inputs, 'invoiceTotalCents'),
    paidCents: readCents(inputs, 'paidCents'),
  };
}

function certificate(rb: PlusportRulebook, n: PlusportCertificateInput): Decision {
  const ruleIds = ['PP-13.6'];
  const outstanding = Math.max(0, n.invoiceTotalCents - n.paidCents);
  const paid = outstanding === 0;
  const waitingFor = [...(n.passed ? [] : ['pass']), ...(paid ? [] : ['payment'])];
  const allowed = waitingFor.length === 0;
  const text = allowed
    ? 'Exam passed and invoice paid: the exam institute certificate may be issued'
    : !n.passed
      ? 'Exam not passed: no certificate'
      : `Exam passed but the invoice is not paid (${euro(outstanding)} outstanding): the certificate waits for payment`;
  return {
    kind: PLUSPORT_CERTIFICATE_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({ ...n, outstandingCents: outstanding, waitingFor }),
    allowed,
    explanation: `${text} ${citation(ruleIds, rb)}`,
  };
}

/** Exam-institute certificate: `allowed` only when passed AND invoice paid; `inputs.waitingFor` lists what is missing. */
export function decidePlusportCertificate(rb: PlusportRulebook, input: PlusportCertificateInput): Decision {
  return certificate(rb, parsePlusportCertificateInput(json({ ...input })));
}

export function plusportCertificateFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return certificate(rb, parsePlusportCertificateInput(inputs));
}

// ---- PP-16.5 --------------------------------------------------------------------------------

export function parsePlusportComplaintInput(inputs: JsonObject): PlusportComplaintInput {
  return {
    courseEndedAt: readInstantOrDate(inputs, 'courseEndedAt'),
    receivedAt: readInstantOrDate(inputs, 'receivedAt'),
  };
}

function complaint(rb: PlusportRulebook, n: PlusportComplaintInput): Decision {
  const c = rb.data.complaints;
  const ruleIds = ['PP-16.5'];
  const courseDate = toLocalDate(n.courseEndedAt);
  const receivedDate = toLocalDate(n.receivedAt);
  // INTERP PP-I14: "within 2 weeks after the course" = received on or before course date + 14 calendar days.
  const complaintWindowEndsOn = addDays(courseDate, c.windowCalendarDays);
  const inTime = compareDates(receivedDate, complaintWindowEndsOn) <= 0;
  const deadlines: Record<string, string> = { complaintWindowEndsOn };
  let text: string;
  if (inTime) {
    const answerDueBy = addWorkingDays(receivedDate, c.answerWorkingDays, rb.calendar);
    deadlines['answerDueBy'] = answerDueBy;
    text = `Complaint received ${receivedDate}, within 2 weeks after the course of ${courseDate} (until ${complaintWindowEndsOn}): answer due by ${answerDueBy} (${c.answerWorkingDays} working days)`;
  } else {
    text = `Complaint received ${receivedDate}, after the window ending ${complaintWindowEndsOn} (course of ${courseDate}): the customer is deemed to have accepted the course`;
  }
  return {
    kind: PLUSPORT_COMPLAINT_KIND,
    ruleIds,
    interpretationIds: [rb.data.interpretations.complaintWindows],
    rulebook: ref(rb),
    inputs: json({ ...n, complaintWindowEndsOn, inTime, answerDueBy: deadlines['answerDueBy'] }),
    allowed: inTime,
    deadlines,
    explanation: `${text} ${citation(ruleIds, rb)}`,
  };
}

/** Complaint: `allowed` = in time; `deadlines.answerDueBy` = 7 working days after receipt. */
export function decidePlusportComplaint(rb: PlusportRulebook, input: PlusportComplaintInput): Decision {
  return complaint(rb, parsePlusportComplaintInput(json({ ...input })));
}

export function plusportComplaintFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return complaint(rb, parsePlusportComplaintInput(inputs));
}
