/**
 * Complaint deadlines (an answer, an acknowledgement, an investigation, as the rulebook sets them):
 * scheduled when set, settled when met; when one's day is over the scheduler fires
 * FlagComplaintDeadline, which records ComplaintDeadlineMissed or, when the deadline was met
 * meanwhile, nothing.
 */
import { addDays, startOfDay } from '@ledger/regulations';
import type { DeadlineChange, DeadlinePolicy, DeadlineSourceEvent, ScheduledCommands } from '../shared/deadlines';
import type { FlagComplaintDeadline } from './commands';
import { complaintDecider } from './decide';
import { COMPLAINT_DEADLINES, type ComplaintDeadline } from './events';

export const complaintDeadlineId = (streamId: string, deadline: ComplaintDeadline): string => `${streamId}:${deadline}`;

const dueAfter = (lastDay: string): string => startOfDay(addDays(lastDay, 1));

/** The rules the event's decision cites label its deadlines (e.g. "<rule> complaint answerDueBy"). */
function ruleIdsOf(event: DeadlineSourceEvent): string[] {
  const decision = event.data['decision'] as { ruleIds?: unknown } | null | undefined;
  const ruleIds = event.data['ruleIds'] ?? decision?.ruleIds;
  return Array.isArray(ruleIds) ? ruleIds.map(String) : [];
}

function schedule(event: DeadlineSourceEvent, deadline: ComplaintDeadline, dueOn: string): DeadlineChange {
  const rules = ruleIdsOf(event);
  return {
    op: 'schedule',
    deadline: {
      deadlineId: complaintDeadlineId(event.streamId, deadline),
      dueAt: dueAfter(dueOn),
      kind: [...rules, 'complaint', deadline].join(' '),
      streamId: event.streamId,
      command: { name: 'FlagComplaintDeadline', body: { complaintId: String(event.data['complaintId']), deadline } },
    },
  };
}

const settle = (
  event: DeadlineSourceEvent,
  deadlines: readonly ComplaintDeadline[],
  reason: string,
): DeadlineChange[] =>
  deadlines.map((deadline) => ({ op: 'settle', deadlineId: complaintDeadlineId(event.streamId, deadline), reason }));

const complaintDeadlines: DeadlinePolicy = {
  name: 'complaint-deadlines',
  eventTypes: ['ComplaintFiled', 'ComplaintAnswered', 'ComplaintDeclaredWellFounded', 'ComplaintClosed'],
  changesFor(event) {
    switch (event.type) {
      case 'ComplaintFiled': {
        const deadlines = (event.data['deadlines'] ?? {}) as Record<string, string>;
        return (['answerDueBy', 'acknowledgementDue'] as const)
          .filter((d) => typeof deadlines[d] === 'string')
          .map((d) => schedule(event, d, deadlines[d]!));
      }
      case 'ComplaintAnswered':
        return settle(event, ['answerDueBy', 'acknowledgementDue'], 'complaint answered');
      case 'ComplaintDeclaredWellFounded':
        return [schedule(event, 'investigationDue', String(event.data['investigationDue']))];
      case 'ComplaintClosed':
        return settle(event, COMPLAINT_DEADLINES, 'complaint closed');
      default:
        return [];
    }
  },
};

export const complaintDeadlinePolicies: readonly DeadlinePolicy[] = [complaintDeadlines];

export const complaintScheduledCommands: ScheduledCommands = Object.freeze({
  FlagComplaintDeadline: (body) => {
    const command: FlagComplaintDeadline = {
      type: 'FlagComplaintDeadline',
      complaintId: String(body['complaintId']),
      deadline: body['deadline'] as ComplaintDeadline,
    };
    return { decider: complaintDecider, command };
  },
});
