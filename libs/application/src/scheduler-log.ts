/**
 * The scheduler's own log: one stream per day of the deadlines' due date, recording deadlines
 * settled without a record in their target stream (moot, or applied by a version that did not
 * record the deadline id with the command's events).
 */
import type { Decider, DomainEvent, SnapshotSpec } from '@ledger/domain';
import { toLocalDate } from '@ledger/regulations';

export const DEADLINE_MOOTED = 'DeadlineMooted';
export const DEADLINE_APPLIED = 'DeadlineApplied';

type SchedulerEvent = DomainEvent<
  typeof DEADLINE_MOOTED | typeof DEADLINE_APPLIED,
  { deadlineId: string; kind: string; dueAt: string }
>;
export interface RecordDeadline {
  outcome: typeof DEADLINE_MOOTED | typeof DEADLINE_APPLIED;
  deadlineId: string;
  kind: string;
  dueAt: string;
}
/** Deadline ids recorded in one day's log (a day of renewals holds thousands: updated in place). */
type SchedulerLogState = { recorded: Record<string, true> };

const SCHEDULER_LOG_SNAPSHOT: SnapshotSpec = { name: 'scheduler-log', version: 1 };

/** Records, once, that a fired deadline is settled without a record of its own in the target stream. */
export const schedulerLogDecider: Decider<RecordDeadline, SchedulerEvent, SchedulerLogState> = {
  streamIdOf: (command) => `scheduler-${toLocalDate(command.dueAt)}`,
  initialState: () => ({ recorded: {} }),
  evolve: (state, event) => {
    state.recorded[event.data.deadlineId] = true;
    return state;
  },
  decide: ({ outcome, ...data }, state) =>
    state.recorded[data.deadlineId] ? [] : [{ type: outcome, data } as SchedulerEvent],
  snapshot: SCHEDULER_LOG_SNAPSHOT,
};
