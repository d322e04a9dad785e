import type { DeadlinePolicy, ScheduledCommands } from '../shared/deadlines';

// Placeholder until the enrolment feature lands its deadlines (evidence window, MBO data, ...).
export const enrolmentDeadlinePolicies: readonly DeadlinePolicy[] = [];
export const enrolmentScheduledCommands: ScheduledCommands = {};
