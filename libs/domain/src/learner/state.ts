import { invariant, type SnapshotSpec } from '../shared/decider';
import type { LearnerEvent } from './events';

/**
 * The state holds no personal data (names and e-mail stay in the log), so the command pipeline
 * keeps it in memory between commands (docs/decisions.md D24). Raise the version when it changes.
 */
export const LEARNER_SNAPSHOT: SnapshotSpec = { name: 'learner', version: 1 };

export type LearnerState =
  | { status: 'unknown' }
  | {
      status: 'registered';
      learnerId: string;
      employerId: string | null;
      registeredAt: string;
      erasedAt: string | null;
    };

export const initialLearnerState = (): LearnerState => ({ status: 'unknown' });

export function evolveLearner(state: LearnerState, event: LearnerEvent): LearnerState {
  switch (event.type) {
    case 'LearnerRegistered':
      invariant(state.status === 'unknown', 'a learner is registered once');
      return {
        status: 'registered',
        learnerId: event.data.learnerId,
        employerId: event.data.employerId,
        registeredAt: event.data.registeredAt,
        erasedAt: null,
      };
    case 'LearnerPersonalDataErased':
      invariant(state.status === 'registered', 'only a registered learner can be erased');
      invariant(state.erasedAt === null, 'a learner is erased once');
      return { ...state, erasedAt: event.data.erasedAt };
  }
}
