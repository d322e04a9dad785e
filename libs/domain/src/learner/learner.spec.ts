import { deciderSpec } from '../shared/decider-spec';
import { learnerDecider } from './decide';
import {
  learnerRetentionPolicy,
  learnerRetentionDeadlineId,
  learnerScheduledCommands,
  retentionDueAt,
} from './deadlines';
import type { LearnerPersonalDataErased, LearnerRegistered } from './events';
import { learnerRegisteredV1ToV2 } from './upcasters';

const spec = deciderSpec(learnerDecider);
const registered: LearnerRegistered = {
  type: 'LearnerRegistered',
  data: {
    learnerId: 'l1',
    displayName: 'P. de Boer',
    givenName: null,
    familyName: null,
    email: 'p@example.nl',
    employerId: 'acme',
    registeredAt: '2026-03-01T10:00:00+01:00',
  },
};
const register = {
  type: 'RegisterLearner' as const,
  learnerId: 'l1',
  name: 'P. de Boer',
  email: 'p@example.nl',
  employerId: 'acme',
  registeredAt: '2026-03-01T10:00:00+01:00',
};
const erased: LearnerPersonalDataErased = {
  type: 'LearnerPersonalDataErased',
  data: { learnerId: 'l1', erasedAt: '2026-04-01T09:00:00+02:00', reason: 'request', ruleIds: ['GDPR-17'] },
};

describe('learner decider', () => {
  it('given no history, when RegisterLearner, then LearnerRegistered (v2: the name as displayName) naming the employer', () => {
    spec.given([]).when(register).then([registered]);
  });

  it('keeps given and family names when the registration supplies them', () => {
    spec
      .given([])
      .when({ ...register, givenName: 'Pieter', familyName: 'de Boer' })
      .then([{ ...registered, data: { ...registered.data, givenName: 'Pieter', familyName: 'de Boer' } }]);
  });

  it('given a registered learner, when RegisterLearner again, then 409 LEARNER_ALREADY_EXISTS', () => {
    spec.given([registered]).when(register).thenThrows({ error: 'LEARNER_ALREADY_EXISTS', status: 409 });
  });

  it('GDPR-17: given a registered learner, when EraseLearnerPersonalData on request, then LearnerPersonalDataErased without personal data', () => {
    spec
      .given([registered])
      .when({
        type: 'EraseLearnerPersonalData',
        learnerId: 'l1',
        requestedAt: '2026-04-01T09:00:00+02:00',
        reason: 'request',
      })
      .then((events) => {
        expect(events).toEqual([erased]);
        expect(JSON.stringify(events)).not.toMatch(/de Boer|example\.nl/);
      });
  });

  it('GDPR-17: erasing twice changes nothing; erasing an unknown learner is 404', () => {
    spec
      .given([registered, erased])
      .when({
        type: 'EraseLearnerPersonalData',
        learnerId: 'l1',
        requestedAt: '2026-05-01T09:00:00+02:00',
        reason: 'request',
      })
      .then([]);
    spec
      .given([])
      .when({
        type: 'EraseLearnerPersonalData',
        learnerId: 'l1',
        requestedAt: '2026-05-01T09:00:00+02:00',
        reason: 'request',
      })
      .thenThrows({ error: 'LEARNER_NOT_FOUND', status: 404 });
  });

  it('VLI-5.2: retention of an unknown learner is moot (no events), of a registered one erases with rule VLI-5.2', () => {
    const route = learnerScheduledCommands['ApplyLearnerRetention']!;
    const deadline = {
      deadlineId: 'learner-l1:retention',
      dueAt: '2036-03-02T00:00:00+01:00',
      kind: 'x',
      streamId: 'learner-l1',
      command: { name: 'ApplyLearnerRetention', body: { learnerId: 'l1' } },
    };
    const { command } = route({ learnerId: 'l1' }, deadline);
    spec
      .given([])
      .when(command as never)
      .then([]);
    spec
      .given([registered])
      .when(command as never)
      .then([
        {
          type: 'LearnerPersonalDataErased',
          data: { learnerId: 'l1', erasedAt: deadline.dueAt, reason: 'retention', ruleIds: ['VLI-5.2'] },
        },
      ]);
  });
});

describe('VLI-5.2 learner retention policy', () => {
  it('schedules erasure for the day after 10 years from the latest activity, and moves it with later activity', () => {
    const first = learnerRetentionPolicy.changesFor({
      streamId: 'learner-l1',
      type: 'LearnerRegistered',
      data: registered.data,
      occurredAt: registered.data.registeredAt,
    });
    expect(first).toEqual([
      expect.objectContaining({
        op: 'schedule',
        deadline: expect.objectContaining({
          deadlineId: learnerRetentionDeadlineId('l1'),
          dueAt: '2036-03-02T00:00:00+01:00',
        }),
      }),
    ]);
    const later = learnerRetentionPolicy.changesFor({
      streamId: 'enrolment-e1',
      type: 'EnrolmentRegistered',
      data: { learnerId: 'l1' },
      occurredAt: '2027-06-30T12:00:00+02:00',
    });
    expect(later).toEqual([
      expect.objectContaining({
        deadline: expect.objectContaining({ dueAt: retentionDueAt('2027-06-30T12:00:00+02:00') }),
      }),
    ]);
    expect(retentionDueAt('2027-06-30T12:00:00+02:00')).toBe('2037-07-01T00:00:00+02:00');
  });

  it('settles the deadline once the personal data was erased', () => {
    expect(
      learnerRetentionPolicy.changesFor({
        streamId: 'learner-l1',
        type: 'LearnerPersonalDataErased',
        data: erased.data,
        occurredAt: erased.data.erasedAt,
      }),
    ).toEqual([{ op: 'settle', deadlineId: learnerRetentionDeadlineId('l1'), reason: 'personal data erased' }]);
  });
});

describe('LearnerRegistered upcaster v1 -> v2', () => {
  it('lifts the stored name to displayName with unknown given and family names', () => {
    expect(
      learnerRegisteredV1ToV2.upcast({
        learnerId: 'l1',
        name: 'P. de Boer',
        email: 'p@example.nl',
        employerId: null,
        registeredAt: '2025-01-01',
      }),
    ).toEqual({
      learnerId: 'l1',
      displayName: 'P. de Boer',
      givenName: null,
      familyName: null,
      email: 'p@example.nl',
      employerId: null,
      registeredAt: '2025-01-01',
    });
  });

  it('keeps an erased name erased and passes v2-shaped data through unchanged', () => {
    expect(learnerRegisteredV1ToV2.upcast({ learnerId: 'l1', name: '[erased]' })).toMatchObject({
      displayName: '[erased]',
    });
    expect(learnerRegisteredV1ToV2.upcast(registered.data)).toEqual(registered.data);
  });
});
