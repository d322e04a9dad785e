/**
 * Automated dunning (FIN-I15; EXC-11, LOI-6.2-3, PP-5.4, art. 6:96 lid 6 BW): given an invoice's
 * dunning stream, when the scheduler fires a letter or the escalation, or finance pauses and lifts
 * dunning, then what is recorded and which step is scheduled next.
 */
import { createRulebookRegistry } from '@ledger/regulations';
import { deciderSpec } from '../shared/decider-spec';
import type { DunningInvoiceFacts, EscalateDunning, PauseDunning, SendDueReminder } from './commands';
import { dunningDecider } from './decide';
import { dunningDeadlinePolicies } from './deadlines';
import type { DunningEvent, PaymentReminderSent } from './events';

const spec = deciderSpec(dunningDecider);
const ctx = { rulebooks: createRulebookRegistry(), recordedAt: '2026-12-01T00:00:00.000Z' };
const invoiceId = 'enrolment-e1-INV-1';

const facts = (overrides: Partial<DunningInvoiceFacts> = {}): DunningInvoiceFacts => ({
  customerId: 'c1',
  provider: 'excellus',
  ownerStreamId: 'enrolment-e1',
  dueDate: '2026-08-31',
  outstandingCents: 300_000,
  ...overrides,
});
const letter = (reminderNumber: number, sentAt: string, invoice = facts()): SendDueReminder => ({
  type: 'SendDueReminder',
  invoiceId,
  reminderNumber,
  sentAt,
  invoice,
  customerKind: 'business',
});
const escalate = (escalatedAt: string, invoice = facts()): EscalateDunning => ({
  type: 'EscalateDunning',
  invoiceId,
  afterReminderNumber: 2,
  escalatedAt,
  invoice,
});
const pause = (pausedAt: string): PauseDunning => ({
  type: 'PauseDunning',
  invoiceId,
  pausedAt,
  reason: 'complaint',
  note: null,
  pausedBy: 'u-finance',
  invoice: { customerId: 'c1', provider: 'excellus', dueDate: '2026-08-31' },
});
const resume = (resumedAt: string) =>
  ({
    type: 'ResumeDunning',
    invoiceId,
    resumedAt,
    note: null,
    resumedBy: 'u-finance',
    invoice: { customerId: 'c1', provider: 'excellus' },
  }) as const;

/** The events each command records, in turn (what a stream looks like after them). */
function history(...commands: Parameters<typeof dunningDecider.decide>[0][]): DunningEvent[] {
  const events: DunningEvent[] = [];
  let state = dunningDecider.initialState();
  for (const command of commands)
    for (const event of dunningDecider.decide(command, state, ctx)) {
      events.push(event);
      state = dunningDecider.evolve(state, event);
    }
  return events;
}

const scheduled = (event: DunningEvent) =>
  dunningDeadlinePolicies
    .flatMap((policy) =>
      policy.changesFor({
        streamId: `dunning-${invoiceId}`,
        type: event.type,
        data: event.data,
        occurredAt: undefined,
      }),
    )
    .map((change) => (change.op === 'schedule' ? change.deadline : change));

describe('automated dunning (FIN-I15)', () => {
  it('FIN-I15 EXC-11 given an issued invoice due 2026-08-31, then its first letter is scheduled for 09:00 on 2026-09-01 in its dunning stream', () => {
    const changes = dunningDeadlinePolicies.flatMap((policy) =>
      policy.changesFor({
        streamId: 'enrolment-e1',
        type: 'InvoiceIssued',
        data: { invoiceId, customerId: 'c1', provider: 'excellus', dueDate: '2026-08-31' },
        occurredAt: '2026-07-01T10:00:00+02:00',
      }),
    );
    expect(changes).toEqual([
      {
        op: 'schedule',
        deadline: {
          deadlineId: `dunning-${invoiceId}:letter-1`,
          dueAt: '2026-09-01T09:00:00+02:00',
          kind: 'dunning letter 1',
          streamId: `dunning-${invoiceId}`,
          command: {
            name: 'SendDueReminder',
            body: { invoiceId, customerId: 'c1', provider: 'excellus', reminderNumber: 1 },
          },
        },
      },
    ]);
  });

  it.each([
    ['2026-03-28', '2026-03-29T09:00:00+02:00', 'the night to summer time'],
    ['2026-10-24', '2026-10-25T09:00:00+01:00', 'the night back to winter time'],
  ])(
    'FIN-I15 given an invoice due %s, its first letter falls due at 09:00 Amsterdam time (%s) after %s',
    (dueDate, dueAt) => {
      const [letterOne] = dunningDeadlinePolicies.flatMap((policy) =>
        policy.changesFor({
          streamId: 'enrolment-e1',
          type: 'InvoiceIssued',
          data: { invoiceId, customerId: 'c1', provider: 'excellus', dueDate },
          occurredAt: '2026-03-01T10:00:00+01:00',
        }),
      );
      expect(letterOne).toMatchObject({ op: 'schedule', deadline: { dueAt } });
    },
  );

  it('FIN-I15 EXC-11 given nothing sent, when letter 1 falls due, then the herinnering is sent with 14 days and the aanmaning is scheduled for the day after its term', () => {
    spec
      .given([])
      .when(letter(1, '2026-09-01T09:00:00+02:00'), ctx)
      .then((events) => {
        expect(events).toHaveLength(1);
        const d = (events[0] as PaymentReminderSent).data;
        expect(d).toMatchObject({
          reminderNumber: 1,
          letter: 'herinnering',
          receivedOn: '2026-09-01',
          termDays: 14,
          reminderTermEndsOn: '2026-09-15',
          next: { step: 'letter', reminderNumber: 2, dueAt: '2026-09-16T09:00:00+02:00' },
        });
        expect(d.ruleIds).toContain('EXC-11');
        expect(d.interpretationIds).toEqual(expect.arrayContaining(['FIN-I7', 'FIN-I15']));
        expect(scheduled(events[0]!)).toMatchObject([
          { deadlineId: `dunning-${invoiceId}:letter-2`, command: { name: 'SendDueReminder' } },
        ]);
      });
  });

  it('FIN-I15 given the herinnering, when letter 2 falls due, then the aanmaning is sent and the escalation scheduled after its term', () => {
    spec
      .given(history(letter(1, '2026-09-01T09:00:00+02:00')))
      .when(letter(2, '2026-09-16T09:00:00+02:00'), ctx)
      .then((events) => {
        expect((events[0] as PaymentReminderSent).data).toMatchObject({
          reminderNumber: 2,
          letter: 'aanmaning',
          reminderTermEndsOn: '2026-09-30',
          next: { step: 'escalation', reminderNumber: 2, dueAt: '2026-10-01T09:00:00+02:00' },
        });
        expect(scheduled(events[0]!)).toMatchObject([
          { deadlineId: `dunning-${invoiceId}:escalation`, command: { name: 'EscalateDunning' } },
        ]);
      });
  });

  it('FIN-I15 EXC-11 given both letters, when the escalation falls due with 3,000.00 unpaid, then DunningEscalated cites EXC-11 and nothing follows', () => {
    const given = history(letter(1, '2026-09-01T09:00:00+02:00'), letter(2, '2026-09-16T09:00:00+02:00'));
    spec
      .given(given)
      .when(escalate('2026-10-01T09:00:00+02:00'), ctx)
      .then((events) => {
        expect(events).toEqual([
          {
            type: 'DunningEscalated',
            data: {
              invoiceId,
              customerId: 'c1',
              provider: 'excellus',
              ownerStreamId: 'enrolment-e1',
              escalatedAt: '2026-10-01T09:00:00+02:00',
              escalatedOn: '2026-10-01',
              afterReminderNumber: 2,
              outstandingCents: 300_000,
              ruleIds: ['EXC-11'],
              interpretationIds: ['FIN-I15'],
            },
          },
        ]);
        expect(scheduled(events[0]!)).toEqual([]);
      });
  });

  it('FIN-I15 a step is moot (nothing recorded) when it was taken already, when nothing is unpaid, and after escalation', () => {
    const first = history(letter(1, '2026-09-01T09:00:00+02:00'));
    spec.given(first).when(letter(1, '2026-09-01T09:00:00+02:00'), ctx).then([]);
    spec
      .given([])
      .when(letter(1, '2026-09-01T09:00:00+02:00', facts({ outstandingCents: 0 })), ctx)
      .then([]);
    const escalated = history(
      letter(1, '2026-09-01T09:00:00+02:00'),
      letter(2, '2026-09-16T09:00:00+02:00'),
      escalate('2026-10-01T09:00:00+02:00'),
    );
    spec.given(escalated).when(escalate('2026-10-01T09:00:00+02:00'), ctx).then([]);
  });

  it('FIN-I15 given a pause before the first letter, then the first letter is held (its deadline settled) and letter 1 falling due records nothing', () => {
    spec
      .given([])
      .when(pause('2026-08-20T10:00:00+02:00'), ctx)
      .then((events) => {
        expect(events[0]).toMatchObject({
          type: 'DunningPaused',
          data: { reason: 'complaint', pausedBy: 'u-finance', holds: { step: 'letter', reminderNumber: 1 } },
        });
        expect(scheduled(events[0]!)).toEqual([
          { op: 'settle', deadlineId: `dunning-${invoiceId}:letter-1`, reason: 'dunning paused' },
        ]);
      });
    const paused = history(pause('2026-08-20T10:00:00+02:00'));
    spec.given(paused).when(letter(1, '2026-09-01T09:00:00+02:00'), ctx).then([]);
    spec.given(paused).when(pause('2026-08-21T10:00:00+02:00'), ctx).thenThrows({ error: 'DUNNING_ALREADY_PAUSED' });
  });

  it('FIN-I15 given a pause, when it is lifted after the held step was due, then that step is due at the lifting under an id of its own', () => {
    const paused = history(pause('2026-08-20T10:00:00+02:00'));
    spec
      .given(paused)
      .when(resume('2026-10-05T14:00:00+02:00'), ctx)
      .then((events) => {
        expect(events[0]).toMatchObject({
          type: 'DunningResumed',
          data: { next: { step: 'letter', reminderNumber: 1, dueAt: '2026-10-05T14:00:00+02:00' } },
        });
        expect(scheduled(events[0]!)).toMatchObject([{ deadlineId: `dunning-${invoiceId}:letter-1:r1` }]);
      });
    spec.given([]).when(resume('2026-10-05T14:00:00+02:00'), ctx).thenThrows({ error: 'DUNNING_NOT_PAUSED' });
    spec
      .given(paused)
      .when(resume('2026-08-19T10:00:00+02:00'), ctx)
      .thenThrows({ error: 'DUNNING_RESUMED_BEFORE_PAUSE', status: 422 });
  });

  it('LOI-6.2-3 PP-5.4 BW-6:96-6 each rulebook decides its letters: LOI and PlusPort cite their own rule, VLI the statutory one', () => {
    for (const [provider, ruleId] of [
      ['loi', 'LOI-6.2-3'],
      ['plusport', 'PP-5.4'],
      ['vli', 'BW-6:96-6'],
    ] as const) {
      const [event] = dunningDecider.decide(
        letter(1, '2026-09-01T09:00:00+02:00', facts({ provider })),
        dunningDecider.initialState(),
        ctx,
      );
      expect((event as PaymentReminderSent).data.ruleIds).toContain(ruleId);
    }
  });
});
