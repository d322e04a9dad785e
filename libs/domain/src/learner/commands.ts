import type { ErasureReason } from './events';

export interface RegisterLearner {
  type: 'RegisterLearner';
  learnerId: string;
  /** The name as given (docs/api.md `name`); becomes `displayName`. */
  name: string;
  givenName?: string | null;
  familyName?: string | null;
  email: string;
  employerId: string | null;
  registeredAt: string;
}

/** Right to erasure, or the end of the retention term. */
export interface EraseLearnerPersonalData {
  type: 'EraseLearnerPersonalData';
  learnerId: string;
  requestedAt: string;
  reason: ErasureReason;
}

export type LearnerCommand = RegisterLearner | EraseLearnerPersonalData;
