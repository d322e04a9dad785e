import type { DomainEvent } from '../shared/decider';
import type { PersonalDataPolicy } from '@ledger/event-store';

export type LearnerRegistered = DomainEvent<
  'LearnerRegistered',
  { learnerId: string; name: string; email: string; employerId: string | null; registeredAt: string }
>;

export type LearnerEvent = LearnerRegistered;

export const learnerPersonalData: PersonalDataPolicy = {
  LearnerRegistered: { subjectField: 'learnerId', personalFields: ['name', 'email'] },
};

export const learnerStreamId = (learnerId: string): string => `learner-${learnerId}`;
