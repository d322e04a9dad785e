import type { DeadlinePolicy, ScheduledCommands } from '../shared/deadlines';

// Placeholder until the licence feature lands its deadlines (renewals, reminders, expiries).
export const participantDeadlinePolicies: readonly DeadlinePolicy[] = [];
export const participantScheduledCommands: ScheduledCommands = {};
