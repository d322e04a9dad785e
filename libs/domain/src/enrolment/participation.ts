/**
 * Taking part: attendance, exam results with pass marks, resits and fraud, certificates that wait
 * for payment, modules, and documents due by a date. The rulebook in force decides each.
 */
import { compareDates, isNotCovered, RuleViolation } from '@ledger/regulations';
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
import type { EnrolmentEvent } from './events';
import type { EnrolmentState } from './state';
import {
  actOf,
  activeAgreement,
  agreementOf,
  dateOf,
  EnrolmentInputError,
  enrolmentActsOf,
  EventBatch,
  factsOf,
  recordDecided,
  refuseNotCovered,
  requireNotBeforeRegistration,
} from './support';
import { addDeliveryDeadline, requireNotSuspended } from './agreement';

// ---- attendance ----------------------------------------------------------------------------

export function decideAttendance(
  command: RecordAttendance,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const act = actOf(ctx, agreement, command.at, 'attendance', command.details);
  requireNotBeforeRegistration(agreement, command.at, 'at');
  requireNotSuspended(state);
  const { decision, admitted, newDateRequired, deliveryDeadline } = act.record(factsOf(state), {
    at: command.at,
    status: command.status,
    details: command.details,
  });
  const batch = new EventBatch(state);
  batch.add({
    type: 'AttendanceRecorded',
    data: {
      enrolmentId: agreement.enrolmentId,
      at: command.at,
      status: command.status,
      admitted,
      newDateRequired,
      decision,
    },
  });
  // What the provider owes after the sitting (e.g. the result within a number of working days).
  if (deliveryDeadline) addDeliveryDeadline(batch, deliveryDeadline);
  return batch.events;
}

// ---- exam results --------------------------------------------------------------------------

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
  const act = actOf(ctx, agreement, command.sittingAt, 'examResult', command.details);
  requireNotBeforeRegistration(agreement, command.sittingAt, 'sittingAt');
  requireNotSuspended(state);
  if (command.score > command.maxScore) throw new EnrolmentInputError('score', 'score exceeds maxScore');
  if (command.passMark !== undefined && command.passMark > command.maxScore)
    throw new EnrolmentInputError('passMark', 'passMark exceeds maxScore');
  const attempt = nextAttempt(state);
  const outcome = act.record(factsOf(state), attempt, {
    sittingAt: command.sittingAt,
    score: command.score,
    maxScore: command.maxScore,
    identified: command.identified,
    fraud: command.fraud === true,
    ...(command.passMark !== undefined ? { passMark: command.passMark } : {}),
    details: command.details,
  });
  const batch = new EventBatch(state);
  const { enrolmentId } = agreement;
  if (outcome.resit) {
    recordDecided(
      batch,
      { type: 'ResitGranted', data: { enrolmentId, attempt, decision: outcome.resit.decision } },
      outcome.resit,
      command.sittingAt,
    );
  }
  batch.addDecision({
    type: 'ExamResultRecorded',
    data: {
      enrolmentId,
      sittingAt: command.sittingAt,
      attempt,
      score: command.score,
      maxScore: command.maxScore,
      passed: outcome.passed,
      fraud: command.fraud === true,
      resitAllowed: outcome.resitAllowed,
      resitRuleId: outcome.resitRuleId,
      decision: outcome.result,
    },
  });
  if (outcome.resitGranted) {
    batch.addDecision({
      type: 'ResitGranted',
      data: { enrolmentId, attempt: attempt + 1, decision: outcome.resitGranted },
    });
  }
  return batch.events;
}

// ---- certificates --------------------------------------------------------------------------

export function decideCertificate(
  command: RequestCertificate,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const act = actOf(ctx, agreement, command.requestedAt, 'certificate');
  requireNotSuspended(state);
  if (state.certificate === 'issued')
    throw new DomainError('CERTIFICATE_ALREADY_ISSUED', 409, 'The certificate was already issued');
  const { decision, refusal } = act.decide(factsOf(state), command.requestedAt);
  if (refusal) throw new RuleViolation(refusal.error, decision.ruleIds[0]!, refusal.message);
  const { enrolmentId } = agreement;
  if (decision.allowed)
    return [{ type: 'CertificateIssued', data: { enrolmentId, issuedAt: command.requestedAt, decision } }];
  if (state.certificate === 'withheld') return [];
  return [{ type: 'CertificateWithheld', data: { enrolmentId, requestedAt: command.requestedAt, decision } }];
}

/** A withheld certificate is issued by the payment that settles what it waited for. */
export function certificateAfterPayment(
  command: RecordPayment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  if (state.certificate !== 'withheld') return [];
  const act = enrolmentActsOf(ctx, agreementOf(state).rulebook.id, command.receivedAt).certificate;
  if (isNotCovered(act)) return [];
  const { decision } = act.decide(factsOf(state), command.receivedAt);
  return decision.allowed
    ? [
        {
          type: 'CertificateIssued',
          data: { enrolmentId: command.enrolmentId, issuedAt: command.receivedAt, decision },
        },
      ]
    : [];
}

// ---- modules -------------------------------------------------------------------------------

export function decideModuleActivation(
  command: ActivateModule,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.at, 'at');
  requireNotSuspended(state);
  const decision = actOf(ctx, agreement, command.at, 'modules').activate(factsOf(state), {
    moduleId: command.moduleId,
    at: command.at,
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

// ---- documents due by a date -----------------------------------------------------------------

export const mboDeadlineId = (streamId: string): string => `${streamId}:mbo-data`;

export function decideMboDataReceipt(
  command: ReceiveMboData,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  requireNotBeforeRegistration(agreement, command.receivedAt, 'receivedAt');
  const act = enrolmentActsOf(ctx, agreement.rulebook.id, command.receivedAt).documents;
  if (isNotCovered(act)) return refuseNotCovered(act);
  if (!state.documents)
    throw new DomainError(
      'MBO_DATA_NOT_REQUIRED',
      422,
      `This booking needs no documents (${act.requiredFor})`,
      act.ruleId,
    );
  command.items.forEach((item, i) => {
    if (!act.items.includes(item))
      throw new EnrolmentInputError(`items[${i}]`, `items must be among ${act.items.join(', ')}`);
  });
  const receivedOn = dateOf(command.receivedAt);
  const items = act.items.filter((item) => command.items.includes(item) && !state.documents!.received[item]);
  if (items.length === 0) return [];
  const batch = new EventBatch(state);
  batch.add({ type: 'MboDataReceived', data: { enrolmentId: agreement.enrolmentId, items, receivedOn } });
  const check = act.check(factsOf(batch.state), command.receivedAt);
  if (check.allowed)
    batch.addDecision({
      type: 'MboDataCompleted',
      data: { enrolmentId: agreement.enrolmentId, completedOn: receivedOn, decision: check },
    });
  return batch.events;
}

/** Scheduled the day after the documents' due date: a no-op when they are complete. */
export function decideMboDataCheck(command: CheckMboData, state: EnrolmentState, ctx: DecideContext): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  const documents = state.documents;
  if (!documents || documents.complete || documents.overdue) return [];
  if (compareDates(dateOf(command.at), documents.dataDueDate) <= 0) return [];
  const check = actOf(ctx, agreement, command.at, 'documents').check(factsOf(state), command.at);
  return [
    {
      type: 'MboDataOverdue',
      data: {
        enrolmentId: agreement.enrolmentId,
        missing: check.inputs['missing'] as string[],
        deadlineId: command.deadlineId,
        decision: check,
      },
    },
  ];
}
