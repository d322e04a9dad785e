/** Complaints (PP-16.5, VLI-6.2, EXC-12, FIN-I11, FIN-I12): given / when / then. */
import { createRulebookRegistry } from '@ledger/regulations';
import { deciderSpec } from '../shared/decider-spec';
import type { ComplaintCommand, FileComplaint } from './commands';
import { complaintDeadlinePolicies, complaintScheduledCommands } from './deadlines';
import { complaintDecider } from './decide';
import type { ComplaintEvent, ComplaintFiled } from './events';

const spec = deciderSpec(complaintDecider);
const ctx = { rulebooks: createRulebookRegistry(), recordedAt: '2026-01-01T00:00:00.000Z' };

const filing = (overrides: Partial<FileComplaint> = {}): FileComplaint => ({
  type: 'FileComplaint',
  complaintId: 'k1',
  enrolmentId: 'e1',
  ownerStreamId: 'enrolment-e1',
  customerId: 'c1',
  provider: 'plusport',
  subject: 'course',
  filedAt: '2024-06-20T10:00:00+02:00',
  incidentOn: null,
  courseEndedOn: '2024-06-14',
  ...overrides,
});

/** The events a list of commands records, in order (the real decider and rulebooks). */
function history(...commands: ComplaintCommand[]): ComplaintEvent[] {
  const events: ComplaintEvent[] = [];
  let state = complaintDecider.initialState();
  for (const command of commands) {
    for (const event of complaintDecider.decide(command, state, ctx)) {
      events.push(event);
      state = complaintDecider.evolve(state, event);
    }
  }
  return events;
}

const filed = (events: ComplaintEvent[]): ComplaintFiled['data'] => {
  expect(events[0]!.type).toBe('ComplaintFiled');
  return (events[0] as ComplaintFiled).data;
};

describe('complaint decider', () => {
  it('PP-16.5 given a course ended Fri 2024-06-14, when a complaint arrives Thu 2024-06-20 (window to 06-28), then the answer is due 7 working days later, Mon 2024-07-01', () => {
    // working days after 06-20: 21, 24, 25, 26, 27, 28, 07-01 (7th)
    spec
      .given([])
      .when(filing())
      .then((events) => {
        expect(filed(events)).toMatchObject({
          deadlines: { complaintWindowEndsOn: '2024-06-28', answerDueBy: '2024-07-01' },
          suspendsCharges: false,
          suspendedFrom: null,
          ruleIds: ['PP-16.5'],
        });
        expect(filed(events).decision).toMatchObject({
          kind: 'complaint',
          allowed: true,
          rulebook: { id: 'plusport' },
        });
      });
  });

  it('PP-16.5 / FIN-I11 given the same course, when the complaint arrives 2024-06-29 (after the 2-week window), then 422 COMPLAINT_TOO_LATE', () => {
    spec
      .given([])
      .when(filing({ filedAt: '2024-06-29T10:00:00+02:00' }))
      .thenThrows({ error: 'COMPLAINT_TOO_LATE', ruleId: 'PP-16.5' });
  });

  it('PP-16.5 without the course end date the window cannot be counted: 422 COURSE_END_REQUIRED', () => {
    spec
      .given([])
      .when(filing({ courseEndedOn: null }))
      .thenThrows({ error: 'COURSE_END_REQUIRED', ruleId: 'PP-16.5' });
  });

  it('VLI-6.2 given an incident on Mon 2024-06-03, when a complaint is filed Mon 2024-06-10, then acknowledgement is due in 5 working days (06-17) and filing was open until 06-24', () => {
    spec
      .given([])
      .when(
        filing({
          provider: 'vli',
          incidentOn: '2024-06-03',
          courseEndedOn: null,
          filedAt: '2024-06-10T09:00:00+02:00',
        }),
      )
      .then((events) =>
        expect(filed(events)).toMatchObject({
          deadlines: { filingDeadline: '2024-06-24', acknowledgementDue: '2024-06-17' },
          ruleIds: ['VLI-6.2'],
        }),
      );
  });

  it('VLI-6.2 given the same incident, when the complaint is filed 2024-06-25 (more than 3 weeks later), then 422 COMPLAINT_TOO_LATE', () => {
    spec
      .given([])
      .when(
        filing({
          provider: 'vli',
          incidentOn: '2024-06-03',
          courseEndedOn: null,
          filedAt: '2024-06-25T09:00:00+02:00',
        }),
      )
      .thenThrows({ error: 'COMPLAINT_TOO_LATE', ruleId: 'VLI-6.2' });
  });

  it('VLI-6.2 given a filed complaint, when declared well-founded on 2024-06-12, then the investigation is due 2 weeks later (2024-06-26)', () => {
    const given = history(
      filing({ provider: 'vli', incidentOn: '2024-06-03', courseEndedOn: null, filedAt: '2024-06-10T09:00:00+02:00' }),
    );
    spec
      .given(given)
      .when({ type: 'DeclareComplaintWellFounded', complaintId: 'k1', declaredAt: '2024-06-12T09:00:00+02:00' }, ctx)
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'ComplaintDeclaredWellFounded',
          data: { declaredOn: '2024-06-12', investigationDue: '2024-06-26' },
        }),
      );
  });

  it('EXC-12 given an Excellus complaint filed 2024-05-01, then charges are suspended from that day; when closed 2024-05-10, they resume on 2024-05-11', () => {
    const given = history(filing({ provider: 'excellus', courseEndedOn: null, filedAt: '2024-05-01T11:00:00+02:00' }));
    expect(filed(given)).toMatchObject({
      suspendsCharges: true,
      suspendedFrom: '2024-05-01',
      ruleIds: ['EXC-12'],
      interpretationIds: ['FIN-I6'],
    });
    spec
      .given(given)
      .when(
        { type: 'CloseComplaint', complaintId: 'k1', closedAt: '2024-05-10T16:00:00+02:00', outcome: 'settled' },
        ctx,
      )
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'ComplaintClosed',
          data: {
            closedOn: '2024-05-10',
            suspendedUntil: '2024-05-11',
            ruleIds: ['EXC-12'],
            decision: { inputs: { suspendedDays: 10 } },
          },
        }),
      );
  });

  it('FIN-I12 LOI has no complaint rule: recorded without decision or deadlines, suspending nothing', () => {
    spec
      .given([])
      .when(filing({ provider: 'loi', courseEndedOn: null }))
      .then((events) =>
        expect(filed(events)).toMatchObject({
          decision: null,
          deadlines: {},
          suspendsCharges: false,
          ruleIds: [],
          interpretationIds: ['FIN-I12'],
        }),
      );
  });

  it('PP-16.5 refusals: a second filing 409, an unknown complaint 404, a closed one 409, a closing before the filing 422', () => {
    const given = history(filing());
    spec.given(given).when(filing()).thenThrows({ error: 'COMPLAINT_EXISTS', status: 409 });
    spec
      .given([])
      .when({ type: 'AnswerComplaint', complaintId: 'k1', answeredAt: '2024-06-21T10:00:00+02:00' })
      .thenThrows({ error: 'COMPLAINT_NOT_FOUND', status: 404 });
    const closed = history(filing(), {
      type: 'CloseComplaint',
      complaintId: 'k1',
      closedAt: '2024-06-25T10:00:00+02:00',
      outcome: 'rejected',
    });
    spec
      .given(closed)
      .when({ type: 'AnswerComplaint', complaintId: 'k1', answeredAt: '2024-06-26T10:00:00+02:00' })
      .thenThrows({ error: 'COMPLAINT_CLOSED', status: 409 });
    spec
      .given(given)
      .when({ type: 'CloseComplaint', complaintId: 'k1', closedAt: '2024-06-19T10:00:00+02:00', outcome: 'rejected' })
      .thenThrows({ error: 'BEFORE_FILING', status: 422 });
  });

  it('PP-16.5 an answer on 2024-07-02 is recorded as late against the 2024-07-01 deadline', () => {
    spec
      .given(history(filing()))
      .when({ type: 'AnswerComplaint', complaintId: 'k1', answeredAt: '2024-07-02T10:00:00+02:00' })
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'ComplaintAnswered',
          data: { deadline: 'answerDueBy', dueOn: '2024-07-01', inTime: false, ruleIds: ['PP-16.5'] },
        }),
      );
  });

  it('PP-16.5 when the answer deadline passes unanswered the scheduler records it missed once; answered or closed, firing changes nothing', () => {
    const flag: ComplaintCommand = { type: 'FlagComplaintDeadline', complaintId: 'k1', deadline: 'answerDueBy' };
    spec
      .given(history(filing()))
      .when(flag)
      .then([
        {
          type: 'ComplaintDeadlineMissed',
          data: { complaintId: 'k1', deadline: 'answerDueBy', dueOn: '2024-07-01', ruleIds: ['PP-16.5'] },
        },
      ]);
    spec.given(history(filing(), flag)).when(flag).then([]);
    spec
      .given(history(filing(), { type: 'AnswerComplaint', complaintId: 'k1', answeredAt: '2024-06-28T10:00:00+02:00' }))
      .when(flag)
      .then([]);
    spec
      .given(
        history(filing(), {
          type: 'CloseComplaint',
          complaintId: 'k1',
          closedAt: '2024-06-28T10:00:00+02:00',
          outcome: 'upheld',
        }),
      )
      .when(flag)
      .then([]);
  });

  it('PP-16.5 deadline policy: filing schedules the answer deadline at the start of the day after it; answering settles it', () => {
    const [policy] = complaintDeadlinePolicies;
    const [event] = history(filing());
    const changes = policy!.changesFor({
      streamId: 'complaint-k1',
      type: event!.type,
      data: event!.data as Record<string, unknown>,
      occurredAt: '2024-06-20T10:00:00+02:00',
    });
    expect(changes).toEqual([
      {
        op: 'schedule',
        deadline: {
          deadlineId: 'complaint-k1:answerDueBy',
          dueAt: '2024-07-02T00:00:00+02:00',
          kind: 'PP-16.5 complaint answerDueBy',
          streamId: 'complaint-k1',
          command: { name: 'FlagComplaintDeadline', body: { complaintId: 'k1', deadline: 'answerDueBy' } },
        },
      },
    ]);
    expect(
      policy!.changesFor({ streamId: 'complaint-k1', type: 'ComplaintAnswered', data: {}, occurredAt: undefined }),
    ).toContainEqual({ op: 'settle', deadlineId: 'complaint-k1:answerDueBy', reason: 'complaint answered' });
    const fired = complaintScheduledCommands['FlagComplaintDeadline']!(
      { complaintId: 'k1', deadline: 'answerDueBy' },
      changes[0]!.op === 'schedule' ? changes[0]!.deadline : (undefined as never),
    );
    expect(fired.command).toEqual({ type: 'FlagComplaintDeadline', complaintId: 'k1', deadline: 'answerDueBy' });
  });
});
