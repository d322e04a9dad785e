import { ERASURE_RULE_IDS, type ErasureReason } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';
import type { PersonalDataPolicy } from '@ledger/event-store';

/**
 * LearnerRegistered, schema version 2: the name is split into what the learner gave us.
 * Version 1 (stored before 2026-03) had a single `name`; the upcaster in ./upcasters.ts lifts it
 * to `displayName` on read, so every reader sees version 2 only.
 */
export type LearnerRegistered = DomainEvent<
  'LearnerRegistered',
  {
    learnerId: string;
    /** How the learner is addressed and listed; always present. */
    displayName: string;
    givenName: string | null;
    familyName: string | null;
    email: string;
    employerId: string | null;
    registeredAt: string;
  }
>;

/** Shape of LearnerRegistered as stored in schema version 1. */
export interface LearnerRegisteredV1Data {
  learnerId: string;
  name: string;
  email: string;
  employerId: string | null;
  registeredAt: string;
}

/** Why personal data was erased: on the learner's request or at the end of the retention term. */
export type { ErasureReason };

/**
 * The learner's personal data key was destroyed. Carries no personal data itself: it records that
 * the name and e-mail in this stream read as "[erased]" from now on, and why.
 */
export type LearnerPersonalDataErased = DomainEvent<
  'LearnerPersonalDataErased',
  { learnerId: string; erasedAt: string; reason: ErasureReason; ruleIds: string[] }
>;

export type LearnerEvent = LearnerRegistered | LearnerPersonalDataErased;

export const learnerPersonalData: PersonalDataPolicy = {
  // `name` stays listed for events written in the version-1 shape by older code.
  LearnerRegistered: {
    subjectField: 'learnerId',
    subjectNamespace: 'learner',
    personalFields: ['name', 'displayName', 'givenName', 'familyName', 'email'],
  },
};

export const learnerStreamId = (learnerId: string): string => `learner-${learnerId}`;

export { ERASURE_RULE_IDS };
