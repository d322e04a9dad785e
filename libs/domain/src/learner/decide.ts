import { DomainError, type Decider } from '../shared/decider';
import type { LearnerCommand } from './commands';
import { ERASURE_RULE_IDS, learnerStreamId, type LearnerEvent } from './events';
import { evolveLearner, initialLearnerState, LEARNER_SNAPSHOT, type LearnerState } from './state';

export function decideLearner(command: LearnerCommand, state: LearnerState): LearnerEvent[] {
  switch (command.type) {
    case 'RegisterLearner': {
      if (state.status !== 'unknown') {
        throw new DomainError('LEARNER_ALREADY_EXISTS', 409, `Learner ${command.learnerId} is already registered`);
      }
      const { learnerId, name, email, employerId, registeredAt } = command;
      return [
        {
          type: 'LearnerRegistered',
          data: {
            learnerId,
            displayName: name,
            givenName: command.givenName ?? null,
            familyName: command.familyName ?? null,
            email,
            employerId,
            registeredAt,
          },
        },
      ];
    }
    case 'EraseLearnerPersonalData': {
      if (state.status === 'unknown') {
        // A retention deadline for a learner that never registered has nothing to erase.
        if (command.reason === 'retention') return [];
        throw new DomainError('LEARNER_NOT_FOUND', 404, `Learner ${command.learnerId} is not registered`);
      }
      // Erasure is permanent; asking again changes nothing (the key is already gone).
      if (state.erasedAt !== null) return [];
      return [
        {
          type: 'LearnerPersonalDataErased',
          data: {
            learnerId: command.learnerId,
            erasedAt: command.requestedAt,
            reason: command.reason,
            ruleIds: [...ERASURE_RULE_IDS[command.reason]],
          },
        },
      ];
    }
  }
}

export const learnerDecider: Decider<LearnerCommand, LearnerEvent, LearnerState> = {
  streamIdOf: (command) => learnerStreamId(command.learnerId),
  initialState: initialLearnerState,
  evolve: evolveLearner,
  decide: (command, state) => decideLearner(command, state),
  snapshot: LEARNER_SNAPSHOT,
};
