import { DomainError, type Decider } from '../shared/decider';
import type { LearnerCommand } from './commands';
import { learnerStreamId, type LearnerEvent } from './events';
import { evolveLearner, initialLearnerState, type LearnerState } from './state';

export function decideLearner(command: LearnerCommand, state: LearnerState): LearnerEvent[] {
  switch (command.type) {
    case 'RegisterLearner': {
      if (state.status !== 'unknown') {
        throw new DomainError('LEARNER_ALREADY_EXISTS', 409, `Learner ${command.learnerId} is already registered`);
      }
      const { learnerId, name, email, employerId, registeredAt } = command;
      return [{ type: 'LearnerRegistered', data: { learnerId, name, email, employerId, registeredAt } }];
    }
  }
}

export const learnerDecider: Decider<LearnerCommand, LearnerEvent, LearnerState> = {
  streamIdOf: (command) => learnerStreamId(command.learnerId),
  initialState: initialLearnerState,
  evolve: evolveLearner,
  decide: (command, state) => decideLearner(command, state),
};
