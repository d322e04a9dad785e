/**
 * Complaints. Pure: every deadline and suspension comes from the complaint act of the rulebook
 * version in force on the filing day (the statutory default where the rulebook has no complaint
 * rule); later steps of the complaint use the version its filing decision cites.
 */
import { financeActsOf, toLocalDate, type ComplaintsAct, type RulebookVersion } from '@ledger/regulations';
import { DomainError, type DecideContext, type Decider } from '../shared/decider';
import type {
  AnswerComplaint,
  CloseComplaint,
  ComplaintCommand,
  DeclareComplaintWellFounded,
  FileComplaint,
  FlagComplaintDeadline,
} from './commands';
import { complaintStreamId, type ComplaintDeadline, type ComplaintEvent } from './events';
import { evolveComplaint, initialComplaintState, type ComplaintState } from './state';

const versionOf = (state: ComplaintState, ctx: DecideContext, at: string): RulebookVersion =>
  state.rulebook ? ctx.rulebooks.exact(state.rulebook) : ctx.rulebooks.rulebookFor(state.provider!, at);

const complaintsActOf = (state: ComplaintState, ctx: DecideContext, at: string): ComplaintsAct =>
  financeActsOf(versionOf(state, ctx, at)).complaints;

/** The rule a deadline was set under (the rulebook that set it names it). */
function deadlineRuleIds(act: ComplaintsAct, deadline: ComplaintDeadline): string[] {
  const ruleId = act.deadlineRuleIds[deadline];
  return ruleId ? [ruleId] : [];
}

function requireOpen(state: ComplaintState, complaintId: string): void {
  if (state.status === 'none') throw new DomainError('COMPLAINT_NOT_FOUND', 404, `No complaint ${complaintId}`);
  if (state.status === 'closed') throw new DomainError('COMPLAINT_CLOSED', 409, `Complaint ${complaintId} is closed`);
}

function notBeforeFiling(state: ComplaintState, at: string, what: string): string {
  const on = toLocalDate(at);
  if (on < state.filedOn!)
    throw new DomainError('BEFORE_FILING', 422, `A complaint filed ${state.filedOn} cannot be ${what} on ${on}`);
  return on;
}

function file(command: FileComplaint, state: ComplaintState, ctx: DecideContext): ComplaintEvent[] {
  if (state.status !== 'none')
    throw new DomainError('COMPLAINT_EXISTS', 409, `Complaint ${command.complaintId} was already filed`);
  const filedOn = toLocalDate(command.filedAt);
  const act = financeActsOf(ctx.rulebooks.rulebookFor(command.provider, command.filedAt)).complaints;
  const required = act.requiredFact;
  if (required && !command[required.field])
    throw new DomainError(required.error, 422, `${required.reason}: ${required.field} is required`, required.ruleId);
  const filed = act.file({
    filedAt: command.filedAt,
    filedOn,
    incidentOn: command.incidentOn,
    courseEndedOn: command.courseEndedOn,
  });
  return [
    {
      type: 'ComplaintFiled',
      data: {
        complaintId: command.complaintId,
        enrolmentId: command.enrolmentId,
        ownerStreamId: command.ownerStreamId,
        customerId: command.customerId,
        provider: command.provider,
        subject: command.subject,
        filedAt: command.filedAt,
        filedOn,
        incidentOn: command.incidentOn,
        courseEndedOn: command.courseEndedOn,
        deadlines: filed.deadlines,
        suspendsCharges: filed.suspendedFrom !== null,
        suspendedFrom: filed.suspendedFrom,
        ruleIds: filed.ruleIds,
        interpretationIds: filed.interpretationIds,
        decision: filed.decision,
      },
    },
  ];
}

function answer(command: AnswerComplaint, state: ComplaintState, ctx: DecideContext): ComplaintEvent[] {
  requireOpen(state, command.complaintId);
  if (state.answeredOn !== null)
    throw new DomainError(
      'COMPLAINT_ALREADY_ANSWERED',
      409,
      `Complaint ${command.complaintId} was answered on ${state.answeredOn}`,
    );
  const answeredOn = notBeforeFiling(state, command.answeredAt, 'answered');
  const deadline: ComplaintDeadline | null = state.deadlines.answerDueBy
    ? 'answerDueBy'
    : state.deadlines.acknowledgementDue
      ? 'acknowledgementDue'
      : null;
  const dueOn = deadline ? state.deadlines[deadline]! : null;
  return [
    {
      type: 'ComplaintAnswered',
      data: {
        complaintId: command.complaintId,
        answeredAt: command.answeredAt,
        answeredOn,
        deadline,
        dueOn,
        inTime: dueOn === null ? null : answeredOn <= dueOn,
        ruleIds: deadline ? deadlineRuleIds(complaintsActOf(state, ctx, command.answeredAt), deadline) : [],
      },
    },
  ];
}

function declareWellFounded(
  command: DeclareComplaintWellFounded,
  state: ComplaintState,
  ctx: DecideContext,
): ComplaintEvent[] {
  requireOpen(state, command.complaintId);
  const act = complaintsActOf(state, ctx, command.declaredAt);
  if (!act.declareWellFounded)
    throw new DomainError(
      'NOT_TRACKED_FOR_PROVIDER',
      422,
      `Rulebook ${state.provider} sets no investigation deadline for a well-founded complaint`,
    );
  if (state.wellFoundedOn !== null)
    throw new DomainError(
      'ALREADY_DECLARED_WELL_FOUNDED',
      409,
      `Complaint ${command.complaintId} was declared well-founded on ${state.wellFoundedOn}`,
    );
  const declaredOn = notBeforeFiling(state, command.declaredAt, 'declared well-founded');
  const { investigationDue, decision } = act.declareWellFounded({
    incidentOn: state.incidentOn,
    filedAt: state.filedAt!,
    declaredOn,
  });
  return [
    {
      type: 'ComplaintDeclaredWellFounded',
      data: {
        complaintId: command.complaintId,
        declaredAt: command.declaredAt,
        declaredOn,
        investigationDue,
        decision,
      },
    },
  ];
}

function close(command: CloseComplaint, state: ComplaintState, ctx: DecideContext): ComplaintEvent[] {
  requireOpen(state, command.complaintId);
  const closedOn = notBeforeFiling(state, command.closedAt, 'closed');
  const endSuspension = state.suspendsCharges ? complaintsActOf(state, ctx, command.closedAt).endSuspension : undefined;
  if (state.suspendsCharges && !endSuspension)
    throw new Error(`Rulebook ${state.provider} suspended charges but does not say when they resume`);
  const ended = endSuspension ? endSuspension({ filedAt: state.filedAt!, closedAt: command.closedAt }) : null;
  return [
    {
      type: 'ComplaintClosed',
      data: {
        complaintId: command.complaintId,
        closedAt: command.closedAt,
        closedOn,
        outcome: command.outcome,
        suspendedUntil: ended?.suspendedUntil ?? null,
        ruleIds: ended?.decision.ruleIds ?? [],
        decision: ended?.decision ?? null,
      },
    },
  ];
}

function flag(command: FlagComplaintDeadline, state: ComplaintState, ctx: DecideContext): ComplaintEvent[] {
  const dueOn = state.deadlines[command.deadline];
  if (state.status !== 'open' || !dueOn || state.missed.includes(command.deadline)) return [];
  if (command.deadline !== 'investigationDue' && state.answeredOn !== null) return [];
  return [
    {
      type: 'ComplaintDeadlineMissed',
      data: {
        complaintId: command.complaintId,
        deadline: command.deadline,
        dueOn,
        ruleIds: deadlineRuleIds(complaintsActOf(state, ctx, state.filedAt!), command.deadline),
      },
    },
  ];
}

export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
  ctx: DecideContext,
): ComplaintEvent[] {
  switch (command.type) {
    case 'FileComplaint':
      return file(command, state, ctx);
    case 'AnswerComplaint':
      return answer(command, state, ctx);
    case 'DeclareComplaintWellFounded':
      return declareWellFounded(command, state, ctx);
    case 'CloseComplaint':
      return close(command, state, ctx);
    case 'FlagComplaintDeadline':
      return flag(command, state, ctx);
  }
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  streamIdOf: (command) => complaintStreamId(command.complaintId),
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  decide: decideComplaint,
};
