/**
 * Retention: former learners' name and e-mail are kept for the ledger's retention term (see
 * LEARNER_RETENTION in libs/regulations), then erased. The clock
 * runs from the learner's latest recorded activity (registration, an enrolment, a licence), so a
 * learner who keeps training is not a "former" learner yet; each activity moves the deadline.
 * When it fires, the scheduler issues EraseLearnerPersonalData (reason "retention"); the audit
 * module's erasure keeper then destroys the key, as for an erasure on request.
 */
import { addDays, addMonths, LEARNER_RETENTION, startOfDay, toLocalDate } from '@ledger/regulations';
import type { DeadlineChange, DeadlinePolicy, DeadlineSourceEvent, ScheduledCommands } from '../shared/deadlines';
import type { EraseLearnerPersonalData } from './commands';
import { learnerDecider } from './decide';
import { learnerStreamId } from './events';

export const LEARNER_RETENTION_KIND = 'learner-retention-erasure';
export const APPLY_LEARNER_RETENTION = 'ApplyLearnerRetention';

/**
 * Event types that show a learner is (still) training, with the field naming the learner. Other
 * features add theirs here when their events name the learner.
 */
export const LEARNER_ACTIVITY_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  LearnerRegistered: 'learnerId',
  EnrolmentRegistered: 'learnerId',
  LicenceRegistered: 'learnerId',
  LearnerSubstituted: 'toLearnerId',
});

export const learnerRetentionDeadlineId = (learnerId: string): string => `learner-${learnerId}:retention`;

/** Start of the day after the retention term from the activity's date (Europe/Amsterdam). */
export function retentionDueAt(activityAt: string): string {
  return startOfDay(addDays(addMonths(toLocalDate(activityAt), LEARNER_RETENTION.months), 1));
}

export const learnerRetentionPolicy: DeadlinePolicy = {
  name: 'learner-retention',
  eventTypes: [...Object.keys(LEARNER_ACTIVITY_FIELDS), 'LearnerPersonalDataErased'],
  changesFor(event: DeadlineSourceEvent): DeadlineChange[] {
    if (event.type === 'LearnerPersonalDataErased') {
      const learnerId = event.data['learnerId'];
      return typeof learnerId === 'string'
        ? [{ op: 'settle', deadlineId: learnerRetentionDeadlineId(learnerId), reason: 'personal data erased' }]
        : [];
    }
    const field = LEARNER_ACTIVITY_FIELDS[event.type];
    const learnerId = field === undefined ? undefined : event.data[field];
    const at =
      event.occurredAt ?? (typeof event.data['registeredAt'] === 'string' ? event.data['registeredAt'] : undefined);
    if (typeof learnerId !== 'string' || learnerId.length === 0 || at === undefined) return [];
    const dueAt = retentionDueAt(at);
    return [
      {
        op: 'schedule',
        deadline: {
          deadlineId: learnerRetentionDeadlineId(learnerId),
          dueAt,
          kind: LEARNER_RETENTION_KIND,
          streamId: learnerStreamId(learnerId),
          command: { name: APPLY_LEARNER_RETENTION, body: { learnerId } },
        },
      },
    ];
  },
};

export const learnerDeadlinePolicies: readonly DeadlinePolicy[] = [learnerRetentionPolicy];

export const learnerScheduledCommands: ScheduledCommands = Object.freeze({
  [APPLY_LEARNER_RETENTION]: (body, deadline) => {
    const command: EraseLearnerPersonalData = {
      type: 'EraseLearnerPersonalData',
      learnerId: String(body['learnerId']),
      requestedAt: deadline.dueAt,
      reason: 'retention',
    };
    return { decider: learnerDecider, command };
  },
});
