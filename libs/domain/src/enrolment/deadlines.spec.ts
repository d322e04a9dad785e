import type { DeadlineSourceEvent } from '../shared/deadlines';
import { enrolmentDeadlinePolicies, enrolmentScheduledCommands, refundDueDeadlineId } from './deadlines';
import { enrolmentDecider } from './decide';
import type { EnrolmentCommand } from './commands';
import type { EnrolmentEvent } from './events';
import { ctx, history, loiMbo, pay, plusportClassroom, register } from './enrolment.test-support';

const asSource = (event: EnrolmentEvent, streamId = 'enrolment-e1'): DeadlineSourceEvent => ({
  streamId,
  type: event.type,
  data: event.data as unknown as Record<string, unknown>,
  occurredAt: undefined,
});
const changesFor = (events: EnrolmentEvent[]) =>
  events.flatMap((event) =>
    enrolmentDeadlinePolicies
      .filter((p) => p.eventTypes.includes(event.type))
      .flatMap((p) => p.changesFor(asSource(event))),
  );
const cancelIll: EnrolmentCommand = {
  type: 'CancelEnrolment',
  enrolmentId: 'e1',
  requestedAt: '2026-03-10T10:00:00+01:00',
  reason: 'illness',
};

describe('enrolment deadlines', () => {
  it('PP-15.6: an exemption pending evidence until 17 Mar schedules the lapse at the start of 18 Mar (Amsterdam), fired as LapseCancellationEvidence', () => {
    const { events } = history([register(plusportClassroom), pay(54_450), cancelIll]);
    const evidence = changesFor(events).find(
      (c) => c.op === 'schedule' && c.deadline.kind === 'cancellation evidence window',
    );
    expect(evidence).toEqual({
      op: 'schedule',
      deadline: {
        deadlineId: 'enrolment-e1:evidence',
        dueAt: '2026-03-18T00:00:00+01:00',
        kind: 'cancellation evidence window',
        streamId: 'enrolment-e1',
        command: { name: 'LapseCancellationEvidence', body: { enrolmentId: 'e1' } },
      },
    });
    const fired = enrolmentScheduledCommands['LapseCancellationEvidence']!(
      { enrolmentId: 'e1' },
      evidence!.op === 'schedule' ? evidence!.deadline : (undefined as never),
    );
    expect(fired.decider).toBe(enrolmentDecider);
    expect(fired.command).toEqual({
      type: 'LapseCancellationEvidence',
      enrolmentId: 'e1',
      at: '2026-03-18T00:00:00+01:00',
      deadlineId: 'enrolment-e1:evidence',
    });
  });

  it('PP-15.6: the evidence decision settles the window; firing the lapse after it changes nothing', () => {
    const lapse: EnrolmentCommand = {
      type: 'LapseCancellationEvidence',
      enrolmentId: 'e1',
      at: '2026-03-18T00:00:00+01:00',
      deadlineId: 'enrolment-e1:evidence',
    };
    const confirmed = history([
      register(plusportClassroom),
      pay(54_450),
      cancelIll,
      {
        type: 'SubmitCancellationEvidence',
        enrolmentId: 'e1',
        receivedAt: '2026-03-12T10:00:00+01:00',
        kind: 'doctor',
      },
    ]);
    expect(changesFor(confirmed.events.slice(-3))).toContainEqual({
      op: 'settle',
      deadlineId: 'enrolment-e1:evidence',
      reason: 'evidence confirmed',
    });
    expect(enrolmentDecider.decide(lapse, confirmed.state, ctx)).toEqual([]);
  });

  it('LEDGER-I1: every refund entitlement of an enrolment schedules its due date; a refund still unpaid then is recorded once as overdue', () => {
    const { events, state } = history([
      register(plusportClassroom),
      pay(54_450),
      { type: 'CancelEnrolment', enrolmentId: 'e1', requestedAt: '2026-03-10T10:00:00+01:00', reason: 'regular' },
    ]);
    const refundId = 'enrolment-e1-RF-1';
    expect(changesFor(events)).toContainEqual(
      expect.objectContaining({
        op: 'schedule',
        deadline: expect.objectContaining({
          deadlineId: refundDueDeadlineId(refundId),
          dueAt: '2026-03-25T00:00:00+01:00',
        }),
      }),
    );
    const overdue: EnrolmentCommand = {
      type: 'MarkRefundOverdue',
      enrolmentId: 'e1',
      refundId,
      at: '2026-03-25T00:00:00+01:00',
    };
    const first = enrolmentDecider.decide(overdue, state, ctx);
    expect(first).toEqual([
      {
        type: 'RefundBecameOverdue',
        data: { enrolmentId: 'e1', refundId, dueDate: '2026-03-24', outstandingCents: 27_225 },
      },
    ]);
    expect(enrolmentDecider.decide(overdue, first.reduce(enrolmentDecider.evolve, state), ctx)).toEqual([]);
  });

  it("LEDGER-I1: refunds of other aggregates are not the enrolment policy's business", () => {
    const refund = history([register(plusportClassroom), pay(60_000)]).events.find(
      (e) => e.type === 'RefundEntitlementGranted',
    )!;
    const policy = enrolmentDeadlinePolicies.find((p) => p.name === 'enrolment-refund-due')!;
    expect(policy.changesFor(asSource(refund, 'participant-p1'))).toEqual([]);
    expect(policy.changesFor(asSource(refund))).toHaveLength(1);
  });

  it('LOI-4: the MBO data deadline is checked at the start of the day after the due date', () => {
    const { events } = history([register(loiMbo, '2026-02-01T10:00:00+01:00')]);
    expect(changesFor(events)).toContainEqual(
      expect.objectContaining({
        deadline: expect.objectContaining({
          deadlineId: 'enrolment-e1:mbo-data',
          dueAt: '2026-03-04T00:00:00+01:00',
          command: { name: 'CheckMboData', body: { enrolmentId: 'e1' } },
        }),
      }),
    );
  });
});
