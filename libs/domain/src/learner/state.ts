import { invariant } from '../shared/decider';
import type { LearnerEvent } from './events';

export type LearnerState =
  | { status: 'unknown' }
  | { status: 'registered'; learnerId: string; employerId: string | null; registeredAt: string };

export const initialLearnerState = (): LearnerState => ({ status: 'unknown' });

export function evolveLearner(state: LearnerState, event: LearnerEvent): LearnerState {
  switch (event.type) {
    case 'LearnerRegistered':
      invariant(state.status === 'unknown', 'a learner is registered once');
      return { status: 'registered', learnerId: event.data.learnerId, employerId: event.data.employerId, registeredAt: event.data.registeredAt };
  }
}
