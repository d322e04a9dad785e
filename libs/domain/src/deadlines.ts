/** Every feature's deadline policies and scheduled commands, in one registry for the scheduler. */
import type { DeadlinePolicy, ScheduledCommands } from './shared/deadlines';
import { enrolmentDeadlinePolicies, enrolmentScheduledCommands } from './enrolment/deadlines';
import { participantDeadlinePolicies, participantScheduledCommands } from './participant/deadlines';
import { complaintDeadlinePolicies, complaintScheduledCommands } from './complaint/deadlines';
import { learnerDeadlinePolicies, learnerScheduledCommands } from './learner/deadlines';
import { dunningDeadlinePolicies, dunningScheduledCommands } from './dunning/deadlines';

export const deadlinePolicies: readonly DeadlinePolicy[] = [
  ...enrolmentDeadlinePolicies,
  ...participantDeadlinePolicies,
  ...complaintDeadlinePolicies,
  ...learnerDeadlinePolicies,
  ...dunningDeadlinePolicies,
];

export const scheduledCommands: ScheduledCommands = Object.freeze({
  ...enrolmentScheduledCommands,
  ...participantScheduledCommands,
  ...complaintScheduledCommands,
  ...learnerScheduledCommands,
  ...dunningScheduledCommands,
});
