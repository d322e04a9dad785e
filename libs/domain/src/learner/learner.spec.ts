import { deciderSpec } from '../shared/decider-spec';
import { learnerDecider } from './decide';
import type { LearnerRegistered } from './events';

const spec = deciderSpec(learnerDecider);
const registered: LearnerRegistered = {
  type: 'LearnerRegistered',
  data: { learnerId: 'l1', name: 'P. de Boer', email: 'p@example.nl', employerId: 'acme', registeredAt: '2026-03-01T10:00:00+01:00' },
};

describe('learner decider', () => {
  it('given no history, when RegisterLearner, then LearnerRegistered naming the employer', () => {
    spec.given([]).when({ type: 'RegisterLearner', ...registered.data }).then([registered]);
  });

  it('given a registered learner, when RegisterLearner again, then 409 LEARNER_ALREADY_EXISTS', () => {
    spec.given([registered]).when({ type: 'RegisterLearner', ...registered.data }).thenThrows({ error: 'LEARNER_ALREADY_EXISTS', status: 409 });
  });
});
