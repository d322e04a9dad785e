/**
 * Complaints (PP-16.5, VLI-6.2, EXC-12; FIN-I11, FIN-I12). Pure: every deadline and suspension comes
 * from the rulebook's complaint decision in force on the filing day.
 */
import {
  RuleViolation,
  toLocalDate,
  type Decision,
  type JsonValue,
  type RulebookId,
  type RulebookVersion,
} from '@ledger/regulations';
import { FIN } from '../finance/interpretations';
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

/** Decision kinds of the rulebooks' complaint rules. */
export const COMPLAINT_DECISION_KINDS: Partial<Record<RulebookId, string>> = Object.freeze({
  plusport: 'complaint',
  vli: 'complaint-deadlines',
  excellus: 'complaint-suspension',
});

/** Rule ids of each deadline. */
const DEADLINE_RULES: Record<ComplaintDeadline, string> = {
  answerDueBy: 'PP-16.5',
  acknowledgementDue: 'VLI-6.2',
  investigationDue: 'VLI-6.2',
};

function run(version: RulebookVersion, kind: string, inputs: Record<string, JsonValue>): Decision {
  const fn = version.decisions[kind];
  if (!fn) throw new Error(`Rulebook ${version.id}@${version.version} has no decision kind ${kind}`);
  return fn(inputs);
}

const versionOf = (state: ComplaintState, ctx: DecideContext, at: string): RulebookVersion =>
  state.rulebook ? ctx.rulebooks.exact(state.rulebook) : ctx.rulebooks.rulebookFor(state.provider!, at);

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
  const kind = COMPLAINT_DECISION_KINDS[command.provider];
  let decision: Decision | null = null;
  let interpretationIds: string[] = [];
  if (kind) {
    const version = ctx.rulebooks.rulebookFor(command.provider, command.filedAt);
    if (command.provider === 'plusport') {
      if (!command.courseEndedOn)
        throw new DomainError(
          'COURSE_END_REQUIRED',
          422,
          'PP-16.5 counts the complaint window from the course: courseEndedOn is required',
          'PP-16.5',
        );
      decision = run(version, kind, { courseEndedAt: command.courseEndedOn, receivedAt: command.filedAt });
      if (decision.allowed === false) {
        // FIN-I11: as VLI-6.2 does, a complaint after the window is refused.
        throw new RuleViolation('COMPLAINT_TOO_LATE', 'PP-16.5', decision.explanation, {
          complaintWindowEndsOn: decision.deadlines?.['complaintWindowEndsOn'] ?? null,
          filedOn,
        });
      }
      interpretationIds = [FIN.lateComplaint];
    } else if (command.provider === 'vli') {
      if (!command.incidentOn)
        throw new DomainError(
          'INCIDENT_DATE_REQUIRED',
          422,
          'VLI-6.2 counts the filing window from the incident: incidentOn is required',
          'VLI-6.2',
        );
      decision = run(version, kind, { incidentOn: command.incidentOn, filedAt: command.filedAt });
    } else {
      decision = run(version, kind, { complaintFiledAt: command.filedAt });
      interpretationIds = [FIN.complaintScope];
    }
  } else {
    interpretationIds = [FIN.complaintWithoutRule];
  }
  const deadlines = Object.fromEntries(Object.entries(decision?.deadlines ?? {}).map(([k, v]) => [k, String(v)]));
  const suspendsCharges = command.provider === 'excellus';
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
        deadlines,
        suspendsCharges,
        suspendedFrom: suspendsCharges ? (deadlines['suspendedFrom'] ?? filedOn) : null,
        ruleIds: decision?.ruleIds ?? [],
        interpretationIds: [...(decision?.interpretationIds ?? []), ...interpretationIds],
        decision,
      },
    },
  ];
}

function answer(command: AnswerComplaint, state: ComplaintState): ComplaintEvent[] {
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
        ruleIds: deadline ? [DEADLINE_RULES[deadline]] : [],
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
  if (state.provider !== 'vli')
    throw new DomainError(
      'NOT_TRACKED_FOR_PROVIDER',
      422,
      `Only VLI-6.2 sets an investigation deadline; ${state.provider} has none`,
    );
  if (state.wellFoundedOn !== null)
    throw new DomainError(
      'ALREADY_DECLARED_WELL_FOUNDED',
      409,
      `Complaint ${command.complaintId} was declared well-founded on ${state.wellFoundedOn}`,
    );
  const declaredOn = notBeforeFiling(state, command.declaredAt, 'declared well-founded');
  const decision = run(versionOf(state, ctx, command.declaredAt), 'complaint-deadlines', {
    incidentOn: state.incidentOn!,
    filedAt: state.filedAt!,
    declaredWellFoundedOn: declaredOn,
  });
  return [
    {
      type: 'ComplaintDeclaredWellFounded',
      data: {
        complaintId: command.complaintId,
        declaredAt: command.declaredAt,
        declaredOn,
        investigationDue: String(decision.deadlines!['investigationDue']),
        decision,
      },
    },
  ];
}

function close(command: CloseComplaint, state: ComplaintState, ctx: DecideContext): ComplaintEvent[] {
  requireOpen(state, command.complaintId);
  const closedOn = notBeforeFiling(state, command.closedAt, 'closed');
  let decision: Decision | null = null;
  if (state.suspendsCharges) {
    // EXC-12: the suspension ends; charging resumes the day after closing.
    decision = run(versionOf(state, ctx, command.closedAt), 'complaint-suspension', {
      complaintFiledAt: state.filedAt!,
      complaintResolvedAt: command.closedAt,
    });
  }
  return [
    {
      type: 'ComplaintClosed',
      data: {
        complaintId: command.complaintId,
        closedAt: command.closedAt,
        closedOn,
        outcome: command.outcome,
        suspendedUntil: decision ? String(decision.deadlines!['suspendedUntil']) : null,
        ruleIds: decision?.ruleIds ?? [],
        decision,
      },
    },
  ];
}

function flag(command: FlagComplaintDeadline, state: ComplaintState): ComplaintEvent[] {
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
        ruleIds: [DEADLINE_RULES[command.deadline]],
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
      return answer(command, state);
    case 'DeclareComplaintWellFounded':
      return declareWellFounded(command, state, ctx);
    case 'CloseComplaint':
      return close(command, state, ctx);
    case 'FlagComplaintDeadline':
      return flag(command, state);
  }
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  streamIdOf: (command) => complaintStreamId(command.complaintId),
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  decide: decideComplaint,
};
