/**
 * Taking part: attendance (PP-8.2-3, PP-15.5-LATE, VLI-2.1, VLI-2.3, EXC-13), exam results with
 * pass marks, resits and fraud (PP-13.2-3, VLI-4.3a/b/c, EXC-8.2, LOI-4, LOI-11), certificates
 * (PP-13.6), LOI modules (LOI-10) and the MBO data deadline (LOI-4).
 */
import {
  compareDates,
  decideExcellusAttendance,
  decideExcellusResit,
  decidePlusportAttendance,
  decidePlusportCertificate,
  decidePlusportExamResult,
  decideVliAdmission,
  decideVliCancellation,
  decideVliExamResult,
  decideVliResit,
  loiExamFee,
  loiMboDataDeadline,
  loiModuleActivation,
  RuleViolation,
  type Decision,
} from '@ledger/regulations';
import { DomainError, type DecideContext } from '../shared/decider';
import type {
  ActivateModule,
  CheckMboData,
  CompleteModule,
  ReceiveMboData,
  RecordAttendance,
  RecordExamResult,
  RecordPayment,
  RequestCertificate,
} from './commands';
import { MBO_ITEMS, type EnrolmentEvent, type MboItem } from './events';
import type { EnrolmentAgreement, EnrolmentState } from './state';
import { datedComponent } from './reschedule';
import {
  activeAgreement,
  addInvoice,
  agreementOf,
  allInvoices,
  chargedCents,
  componentPrice,
  dateOf,
  EnrolmentInputError,
  EventBatch,
  excellusBook,
  keptPaymentCents,
  loiBook,
  netPriceOf,
  notCovered,
  plusportBook,
  registrationInvoice,
  requireNotBeforeRegistration,
  sumOf,
  vliBook,
} from './support';

// ---- attendance ----------------------------------------------------------------------------

export function decideAttendance(
  command: RecordAttendance,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.at, 'at');
  const invoice = registrationInvoice(state);
  const startsAt = state.startsAt;
  let decision: Decision | null = null;
  let admitted = command.status === 'attended';
  let newDateRequired = false;
  switch (agreement.rulebook.id) {
    case 'plusport': {
      const component = datedComponent(agreement);
      if (!component)
        return notCovered('ATTENDANCE_NOT_APPLICABLE', 'PP-8.2-3', 'An e-learning booking has no session to attend');
      if (command.status === 'misconduct')
        throw new EnrolmentInputError('status', 'PlusPort attendance is attended, late, no-id or no-show');
      decision = decidePlusportAttendance(plusportBook(ctx, command.at), {
        at: command.at,
        component,
        componentPriceCents: componentPrice(agreement, component),
        status: command.status,
      });
      break;
    }
    case 'vli': {
      const book = vliBook(ctx, command.at);
      if (command.status === 'attended' || command.status === 'no-id') {
        decision = decideVliAdmission(book, {
          checkedAt: command.at,
          securityCourse: agreement.terms.options.securityCourse === true,
          idVerified: command.status === 'attended',
          ...(command.vogValid !== undefined ? { vogValid: command.vogValid } : {}),
        });
        admitted = decision.allowed === true;
        newDateRequired = !admitted;
      } else if (command.status === 'no-show') {
        // VLI-2.3: not cancelled at least 48 hours before the start: the training is charged in full.
        decision = decideVliCancellation(book, {
          startsAt: startsAt!,
          requestedAt: command.at,
          reason: 'regular',
          priceNetCents: netPriceOf(agreement),
          vatRateBasisPoints: agreement.vatRateBasisPoints,
          paidCents: keptPaymentCents(invoice),
        });
      }
      break;
    }
    case 'excellus': {
      if (command.status === 'late' || command.status === 'misconduct') {
        if (!startsAt)
          return notCovered('ATTENDANCE_NOT_APPLICABLE', 'EXC-13', 'This Excellus booking has no session to attend');
        decision = decideExcellusAttendance(excellusBook(ctx, command.at), {
          reason: command.status,
          startsAt,
          ...(command.status === 'late' ? { arrivedAt: command.at } : { removedAt: command.at }),
          priceCents: chargedCents(invoice),
          paidCents: keptPaymentCents(invoice),
        });
        admitted = decision.allowed === true;
      }
      break;
    }
    default:
      return notCovered('ATTENDANCE_NOT_APPLICABLE', undefined, 'Home study has no session to attend');
  }
  return [
    {
      type: 'AttendanceRecorded',
      data: {
        enrolmentId: agreement.enrolmentId,
        at: command.at,
        status: command.status,
        admitted,
        newDateRequired,
        decision,
      },
    },
  ];
}

// ---- exam results --------------------------------------------------------------------------

function passMarkOf(command: RecordExamResult, agreement: EnrolmentAgreement, ruleId: string): number {
  const passMark = command.passMark ?? agreement.terms.options.examPassMark;
  if (passMark === undefined)
    throw new EnrolmentInputError(
      'passMark',
      `the number of correct answers required (${ruleId}) is neither in the result nor in the offering`,
    );
  if (passMark > command.maxScore) throw new EnrolmentInputError('passMark', 'passMark exceeds maxScore');
  return passMark;
}

/** The previous attempt must have left a resit open; returns the attempt number of this sitting. */
function nextAttempt(state: EnrolmentState): number {
  const last = state.examAttempts[state.examAttempts.length - 1];
  if (!last) return 1;
  if (last.passed) throw new DomainError('EXAM_ALREADY_PASSED', 409, `The exam was passed at attempt ${last.attempt}`);
  return last.attempt + 1;
}

export function decideExamResult(
  command: RecordExamResult,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.sittingAt, 'sittingAt');
  if (command.score > command.maxScore) throw new EnrolmentInputError('score', 'score exceeds maxScore');
  const attempt = nextAttempt(state);
  const batch = new EventBatch(state);
  const fraud = command.fraud === true;
  const recorded = (passed: boolean, resitAllowed: boolean, resitRuleId: string | null, decision: Decision | null) => {
    batch.addDecision({
      type: 'ExamResultRecorded',
      data: {
        enrolmentId: agreement.enrolmentId,
        sittingAt: command.sittingAt,
        attempt,
        score: command.score,
        maxScore: command.maxScore,
        passed,
        fraud,
        resitAllowed,
        resitRuleId,
        decision,
      },
    });
    return batch.events;
  };

  switch (agreement.rulebook.id) {
    case 'vli': {
      const book = vliBook(ctx, command.sittingAt);
      const examType = agreement.terms.options.examType ?? 'standard';
      if (attempt > 1) {
        // VLI-4.3b/c: one resit without redoing the training, none after fraud.
        const last = state.examAttempts[state.examAttempts.length - 1]!;
        const resit = decideVliResit(book, {
          requestedAt: command.sittingAt,
          examType,
          resitsTaken: attempt - 2,
          lastAttemptOutcome: last.fraud ? 'fraud' : 'failed',
        });
        const ref = batch.addDecision({
          type: 'ResitGranted',
          data: { enrolmentId: agreement.enrolmentId, attempt, decision: resit },
        });
        if (resit.feeCents! > 0) chargeResit(batch, command.sittingAt, resit.feeCents!, ref, resit.ruleIds);
      }
      const result = decideVliExamResult(book, {
        sittingAt: command.sittingAt,
        examType,
        score: command.score,
        maxScore: command.maxScore,
        identified: command.identified,
        fraud,
        attempt,
        ...(command.learnerAtERecognitionHolder !== undefined
          ? { learnerAtERecognitionHolder: command.learnerAtERecognitionHolder }
          : {}),
      });
      const resitRuleId = result.passed ? null : fraud ? 'VLI-4.3c' : 'VLI-4.3b';
      return recorded(result.passed, result.resitAllowed, resitRuleId, result);
    }
    case 'plusport': {
      const practical =
        agreement.terms.components.some((c) => c.kind === 'practical-session') &&
        !agreement.terms.components.some((c) => c.kind === 'exam');
      const book = plusportBook(ctx, command.sittingAt);
      const result = practical
        ? decidePlusportExamResult(book, {
            course: 'practical-session-course',
            sittingAt: command.sittingAt,
            identified: command.identified,
            onlineTrainingCompleted: command.onlineTrainingCompleted ?? false,
            onlineTheoryExamPassed: command.onlineTheoryExamPassed ?? false,
            practicalExercisesPassed: command.practicalExercisesPassed ?? false,
            declaredCompetent: command.declaredCompetent ?? false,
          })
        : decidePlusportExamResult(book, {
            course: 'exam',
            sittingAt: command.sittingAt,
            identified: command.identified,
            score: command.score,
            maxScore: command.maxScore,
            passMark: passMarkOf(command, agreement, 'PP-13.2-3'),
            fraud,
          });
      // PlusPort's terms give no resit on the same booking: a new exam is booked.
      return recorded(result.passed, false, result.passed ? null : 'PP-13.2-3', result);
    }
    case 'excellus': {
      const passMark = passMarkOf(command, agreement, 'EXC-8.2');
      const passed = command.identified && !fraud && command.score >= passMark;
      if (passed) return recorded(true, false, null, null);
      // EXC-8.2: one free resit for exam-only customers, within 6 (at most 8) weeks, another examiner.
      try {
        const resit = decideExcellusResit(excellusBook(ctx, command.sittingAt), {
          offeringKind: agreement.terms.kind as 'exam-only',
          examSatOn: dateOf(command.sittingAt),
          lastAttemptPassed: false,
          resitsTaken: attempt - 1,
        });
        recorded(false, true, 'EXC-8.2', null);
        batch.addDecision({
          type: 'ResitGranted',
          data: { enrolmentId: agreement.enrolmentId, attempt: attempt + 1, decision: resit },
        });
        return batch.events;
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        return recorded(false, false, error.ruleId, null);
      }
    }
    case 'loi': {
      const loi = loiBook(ctx, command.sittingAt);
      if (state.mboData && !state.mboData.complete) {
        const check = mboCheck(state, ctx, command.sittingAt);
        throw new RuleViolation(
          'EXAMS_BLOCKED',
          'LOI-4',
          `Exams are blocked until the MBO data is complete: missing ${(check.inputs['missing'] as string[]).join(', ')}`,
        );
      }
      if (attempt > 1) {
        const feeCents = agreement.terms.options.resitExamFeeCents;
        if (feeCents === undefined)
          throw new EnrolmentInputError(
            'resitExamFeeCents',
            'LOI-11: a resit costs an extra exam fee, and the offering names none',
          );
        const resit = loiExamFee(loi, {
          event: 'resit',
          examFeeCents: feeCents,
          examFeesInMonthlyInstalments: true,
          vatRateBasisPoints: agreement.vatRateBasisPoints,
        });
        const ref = batch.addDecision({
          type: 'ResitGranted',
          data: { enrolmentId: agreement.enrolmentId, attempt, decision: resit },
        });
        if (feeCents > 0) chargeResit(batch, command.sittingAt, feeCents, ref, resit.ruleIds);
      }
      const passed = command.identified && !fraud && command.score >= passMarkOf(command, agreement, 'LOI-11');
      return recorded(passed, !passed && !fraud, passed ? null : 'LOI-11', null);
    }
    default:
      throw new Error(`Invariant violated: unknown rulebook ${agreement.rulebook.id}`);
  }
}

function chargeResit(batch: EventBatch, at: string, feeCents: number, decisionRef: string, ruleIds: string[]): void {
  addInvoice(batch, {
    reason: 'resit-fee',
    issuedOn: dateOf(at),
    dueDate: dateOf(at),
    lines: [{ description: `Resit fee (${ruleIds.join(', ')})`, kind: 'resit-fee', netCents: feeCents }],
    decisionId: decisionRef,
    ruleIds,
  });
}

// ---- certificates (PP-13.6) ----------------------------------------------------------------

function certificateDecision(state: EnrolmentState, ctx: DecideContext, at: string): Decision {
  const invoices = allInvoices(state);
  return decidePlusportCertificate(plusportBook(ctx, at), {
    asOf: at,
    passed: state.examAttempts.some((a) => a.passed),
    invoiceTotalCents: sumOf(invoices, chargedCents),
    paidCents: sumOf(invoices, keptPaymentCents),
  });
}

export function decideCertificate(
  command: RequestCertificate,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  if (agreement.rulebook.id !== 'plusport')
    return notCovered(
      'CERTIFICATE_NOT_COVERED',
      undefined,
      `The ${agreement.rulebook.id} rulebook has no certificate rule`,
    );
  if (state.certificate === 'issued')
    throw new DomainError('CERTIFICATE_ALREADY_ISSUED', 409, 'The certificate was already issued');
  const decision = certificateDecision(state, ctx, command.requestedAt);
  const waitingFor = decision.inputs['waitingFor'] as string[];
  if (waitingFor.includes('pass'))
    throw new RuleViolation('CERTIFICATE_NOT_ALLOWED', 'PP-13.6', 'No certificate: the exam was not passed');
  if (decision.allowed)
    return [
      {
        type: 'CertificateIssued',
        data: { enrolmentId: agreement.enrolmentId, issuedAt: command.requestedAt, decision },
      },
    ];
  if (state.certificate === 'withheld') return [];
  return [
    {
      type: 'CertificateWithheld',
      data: { enrolmentId: agreement.enrolmentId, requestedAt: command.requestedAt, decision },
    },
  ];
}

/** PP-13.6: a withheld certificate is issued by the payment that settles the last invoice. */
export function certificateAfterPayment(
  command: RecordPayment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  if (state.certificate !== 'withheld') return [];
  const decision = certificateDecision(state, ctx, command.receivedAt);
  return decision.allowed
    ? [
        {
          type: 'CertificateIssued',
          data: { enrolmentId: command.enrolmentId, issuedAt: command.receivedAt, decision },
        },
      ]
    : [];
}

// ---- LOI-10 modules ------------------------------------------------------------------------

export function decideModuleActivation(
  command: ActivateModule,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  if (agreement.rulebook.id !== 'loi')
    return notCovered('MODULES_NOT_APPLICABLE', undefined, 'Only LOI home study has modules (LOI-10)');
  const modules = agreement.terms.options.moduleIds ?? [];
  if (modules.length > 0 && !modules.includes(command.moduleId))
    throw new EnrolmentInputError('moduleId', `the course has no module ${command.moduleId}`);
  const decision = loiModuleActivation(loiBook(ctx, command.at), {
    startDate: dateOf(state.startsAt!),
    studyMonths: agreement.terms.options.studyMonths!,
    moduleId: command.moduleId,
    at: command.at,
    activeModuleIds: state.activeModuleIds,
    prerequisitesMet: command.prerequisitesMet ?? true,
  });
  return [
    {
      type: 'ModuleActivated',
      data: { enrolmentId: agreement.enrolmentId, moduleId: command.moduleId, at: command.at, decision },
    },
  ];
}

export function decideModuleCompletion(command: CompleteModule, state: EnrolmentState): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  if (!state.activeModuleIds.includes(command.moduleId))
    throw new DomainError('MODULE_NOT_ACTIVE', 409, `Module ${command.moduleId} is not active`);
  return [
    {
      type: 'ModuleCompleted',
      data: { enrolmentId: agreement.enrolmentId, moduleId: command.moduleId, at: command.at },
    },
  ];
}

// ---- LOI-4 MBO data ------------------------------------------------------------------------

export const mboDeadlineId = (streamId: string): string => `${streamId}:mbo-data`;

function mboCheck(
  state: EnrolmentState,
  ctx: DecideContext,
  at: string,
  extra: Partial<Record<MboItem, string>> = {},
): Decision {
  const agreement = agreementOf(state);
  const received = { ...state.mboData!.received, ...extra };
  return loiMboDataDeadline(loiBook(ctx, at), {
    level: 'mbo',
    recognised: true,
    registrationDate: dateOf(agreement.registeredAt),
    asOf: dateOf(at),
    diplomasReceivedOn: received.diplomas ?? null,
    personalNumberReceivedOn: received.personalNumber ?? null,
    signedAgreementReceivedOn: received.signedAgreement ?? null,
  });
}

export function decideMboDataReceipt(
  command: ReceiveMboData,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  requireNotBeforeRegistration(agreement, command.receivedAt, 'receivedAt');
  if (!state.mboData)
    return notCovered('MBO_DATA_NOT_REQUIRED', 'LOI-4', 'LOI-4 data is required for recognised MBO courses only');
  const receivedOn = dateOf(command.receivedAt);
  const items = MBO_ITEMS.filter((item) => command.items.includes(item) && !state.mboData!.received[item]);
  if (items.length === 0) return [];
  const batch = new EventBatch(state);
  batch.add({ type: 'MboDataReceived', data: { enrolmentId: agreement.enrolmentId, items, receivedOn } });
  const check = mboCheck(batch.state, ctx, command.receivedAt);
  if (check.allowed)
    batch.addDecision({
      type: 'MboDataCompleted',
      data: { enrolmentId: agreement.enrolmentId, completedOn: receivedOn, decision: check },
    });
  return batch.events;
}

/** Scheduled the day after the LOI-4 due date: a no-op when the data is complete. */
export function decideMboDataCheck(command: CheckMboData, state: EnrolmentState, ctx: DecideContext): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  if (!state.mboData || state.mboData.complete || state.mboData.overdue) return [];
  if (compareDates(dateOf(command.at), state.mboData.dataDueDate) <= 0) return [];
  const check = mboCheck(state, ctx, command.at);
  return [
    {
      type: 'MboDataOverdue',
      data: {
        enrolmentId: agreement.enrolmentId,
        missing: check.inputs['missing'] as MboItem[],
        deadlineId: command.deadlineId,
        decision: check,
      },
    },
  ];
}
