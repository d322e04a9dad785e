/**
 * The scheduler against the real embedded stores: deadlines derived from events fire as commands
 * once, in due order, with the deadline's due time as business time; firing twice changes nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LedgerEventStore, SqliteEventStore, SqliteKeyStore } from '@ledger/event-store';
import { ProjectionRunner, SqliteReadStore } from '@ledger/read-store';
import { createRulebookRegistry } from '@ledger/regulations';
import type { Decider, DeadlinePolicy, DomainEvent, ScheduledCommands } from '@ledger/domain';
import { createDeadlinesProjection, deadlinesFromReadModels } from '@ledger/projections';
import { ManualClock } from './clock';
import { CommandPipeline } from './command-pipeline';
import { ReadModels } from './read-models';
import { openCommandBus, plainCommand, type LocalCommandBus } from './commands';
import { internalActor, SCHEDULER_ACTOR } from './identity/actors';
import {
  deadlineCommandId,
  FIRE_CONCURRENCY,
  FIRE_CONCURRENCY_NEXT_TO_REQUESTS,
  MAX_GIVE_WAY_MS,
  MAX_PASSES,
  Scheduler,
  type ForegroundActivity,
} from './scheduler';

type ReminderEvent =
  | DomainEvent<'ReminderPlanned', { id: string; dueAt: string }>
  | DomainEvent<'ReminderSent', { id: string; sentAt: string }>;
type ReminderCommand = { type: 'Plan'; id: string; dueAt: string } | { type: 'Send'; id: string; at: string };
const reminders: Decider<ReminderCommand, ReminderEvent, { planned: boolean; sent: boolean }> = {
  streamIdOf: (c) => `reminder-${c.id}`,
  initialState: () => ({ planned: false, sent: false }),
  evolve: (s, e) => (e.type === 'ReminderPlanned' ? { ...s, planned: true } : { ...s, sent: true }),
  decide: (c, s) => {
    if (c.type === 'Plan') return [{ type: 'ReminderPlanned', data: { id: c.id, dueAt: c.dueAt } }];
    return s.sent ? [] : [{ type: 'ReminderSent', data: { id: c.id, sentAt: c.at } }];
  },
};
const policy: DeadlinePolicy = {
  name: 'reminders',
  eventTypes: ['ReminderPlanned', 'ReminderSent'],
  changesFor: (e) =>
    e.type === 'ReminderPlanned'
      ? [
          {
            op: 'schedule',
            deadline: {
              deadlineId: `${e.streamId}:send`,
              dueAt: String(e.data['dueAt']),
              kind: 'reminder',
              streamId: e.streamId,
              command: { name: 'SendReminder', body: { id: String(e.data['id']) } },
            },
          },
        ]
      : [{ op: 'settle', deadlineId: `${e.streamId}:send`, reason: 'sent' }],
};
const commands: ScheduledCommands = {
  SendReminder: (body, deadline) => ({
    decider: reminders,
    command: { type: 'Send', id: String(body['id']), at: deadline.dueAt },
  }),
};

/** The test aggregate's fired command, sent through the CommandBus like the ledger's own. */
const Send = plainCommand(reminders, 'Send');
const commandClasses = { Send: Send.command };

describe('Scheduler', () => {
  let dir: string;
  let store: LedgerEventStore;
  let runner: ProjectionRunner;
  let readStore: SqliteReadStore;
  let pipeline: CommandPipeline;
  let scheduler: Scheduler;
  let bus: LocalCommandBus;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-'));
    const keyStore = SqliteKeyStore.open(path.join(dir, 'keys.sqlite'));
    store = new LedgerEventStore(SqliteEventStore.open({ file: path.join(dir, 'events.sqlite') }), {
      keyStore,
      personalData: {},
    });
    readStore = SqliteReadStore.open(path.join(dir, 'read.sqlite'));
    const projections = [createDeadlinesProjection([policy])];
    runner = new ProjectionRunner({
      eventStore: store,
      readStore,
      projections,
      logger: { log() {}, warn() {}, error() {} },
    });
    runner.start();
    pipeline = new CommandPipeline(store, createRulebookRegistry(), new ManualClock(new Date('2026-03-01T00:00:00Z')));
    const readModels = new ReadModels(store, readStore, runner, projections);
    bus = await openCommandBus({ pipeline, readModels, storage: { eventStore: store } }, [Send.handler]);
    scheduler = new Scheduler(bus, deadlinesFromReadModels(readModels), commands, commandClasses);
  });

  afterEach(async () => {
    await bus.close();
    await runner.stop();
    await store.close();
    await readStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const plan = (id: string, dueAt: string) =>
    pipeline.execute(
      reminders,
      { type: 'Plan', id, dueAt },
      {
        commandId: `00000000-0000-4000-8000-00000000000${id}`,
        commandName: 'Plan',
        body: { id, dueAt },
        actor: internalActor('test', 'cli'),
        occurredAt: '2026-03-01T10:00:00+01:00',
      },
    );

  it('fires only deadlines due by `until`, in due order, with the due time as business time', async () => {
    await plan('1', '2026-03-10T09:00:00+01:00');
    await plan('2', '2026-03-05T09:00:00+01:00');
    expect((await scheduler.runUntil('2026-03-04T23:59:59+01:00')).fired).toEqual([]);
    const { fired } = await scheduler.runUntil('2026-03-10T09:00:00+01:00');
    expect(fired.map((f) => [f.deadlineId, f.outcome])).toEqual([
      ['reminder-2:send', 'applied'],
      ['reminder-1:send', 'applied'],
    ]);
    const sent = await store.readStream('reminder-1');
    expect(sent.map((e) => e.type)).toEqual(['ReminderPlanned', 'ReminderSent']);
    expect(sent[1]!.metadata).toMatchObject({
      occurredAt: '2026-03-10T09:00:00+01:00',
      actor: SCHEDULER_ACTOR,
      commandId: deadlineCommandId('reminder-1:send'),
    });
  });

  it('firing twice changes nothing: a second run finds the deadline settled, concurrent runs append once', async () => {
    await plan('3', '2026-03-10T09:00:00+01:00');
    const [a, b] = await Promise.all([
      scheduler.runUntil('2026-04-01T00:00:00+02:00'),
      scheduler.runUntil('2026-04-01T00:00:00+02:00'),
    ]);
    expect([...a.fired, ...b.fired].filter((f) => f.outcome === 'applied')).toHaveLength(1);
    expect(a.complete && b.complete).toBe(true);
    expect((await scheduler.runUntil('2026-05-01T00:00:00+02:00')).fired).toEqual([]);
    expect((await store.readStream('reminder-3')).map((e) => e.type)).toEqual(['ReminderPlanned', 'ReminderSent']);
  });

  it('isRunning holds from the start of a run to its end, so a timer tick meanwhile can be skipped', async () => {
    await plan('run-flag', '2026-03-10T09:00:00+01:00');
    expect(scheduler.isRunning).toBe(false);
    const run = scheduler.runUntil('2026-04-01T00:00:00+02:00');
    expect(scheduler.isRunning).toBe(true);
    const { fired, complete } = await run;
    expect(fired.map((f) => f.outcome)).toEqual(['applied']);
    expect(complete).toBe(true);
    expect(scheduler.isRunning).toBe(false);
  });

  it('a deadline that fires without effect is recorded as moot once and not fired again', async () => {
    await plan('4', '2026-03-10T09:00:00+01:00');
    // Sent by hand before the deadline (but a policy that did not settle would leave it pending).
    const unsettling: DeadlinePolicy = {
      ...policy,
      changesFor: (e) => (e.type === 'ReminderSent' ? [] : policy.changesFor(e)),
    };
    await runner.stop();
    const projections = [createDeadlinesProjection([unsettling])];
    const lenient = new ProjectionRunner({
      eventStore: store,
      readStore,
      projections: [{ ...projections[0]!, version: 2 }],
      logger: { log() {}, warn() {}, error() {} },
    });
    lenient.start();
    const lenientScheduler = new Scheduler(
      bus,
      deadlinesFromReadModels(new ReadModels(store, readStore, lenient, [{ ...projections[0]!, version: 2 }])),
      commands,
      commandClasses,
    );
    await pipeline.execute(
      reminders,
      { type: 'Send', id: '4', at: '2026-03-09T09:00:00+01:00' },
      {
        commandId: '00000000-0000-4000-8000-000000000044',
        commandName: 'Send',
        body: { id: '4' },
        actor: internalActor('test', 'cli'),
        occurredAt: '2026-03-09T09:00:00+01:00',
      },
    );
    const { fired: first } = await lenientScheduler.runUntil('2026-03-11T00:00:00+01:00');
    expect(first.map((f) => f.outcome)).toEqual(['moot']);
    expect((await lenientScheduler.runUntil('2026-03-12T00:00:00+01:00')).fired).toEqual([]);
    expect((await store.readStream('scheduler-2026-03-10')).map((e) => e.type)).toEqual(['DeadlineMooted']);
    await lenient.stop();
  });

  describe('with a policy that never settles its deadline (only the firing can)', () => {
    let lenient: ProjectionRunner;
    let lenientScheduler: Scheduler;
    beforeEach(async () => {
      await runner.stop();
      const projection = {
        ...createDeadlinesProjection([
          { ...policy, changesFor: (e) => (e.type === 'ReminderSent' ? [] : policy.changesFor(e)) },
        ]),
        version: 3,
      };
      lenient = new ProjectionRunner({
        eventStore: store,
        readStore,
        projections: [projection],
        logger: { log() {}, warn() {}, error() {} },
      });
      lenient.start();
      lenientScheduler = new Scheduler(
        bus,
        deadlinesFromReadModels(new ReadModels(store, readStore, lenient, [projection])),
        commands,
        commandClasses,
      );
    });
    afterEach(() => lenient.stop());

    it('an applied deadline is marked done by the events it recorded and never fired again', async () => {
      await plan('5', '2026-03-10T09:00:00+01:00');
      const { fired: first } = await lenientScheduler.runUntil('2026-03-11T00:00:00+01:00');
      expect(first.map((f) => [f.deadlineId, f.outcome])).toEqual([['reminder-5:send', 'applied']]);
      const sent = await store.readStream('reminder-5');
      expect(sent[1]!.metadata['deadlineId']).toBe('reminder-5:send');
      expect((await lenientScheduler.runUntil('2027-01-01T00:00:00+01:00')).fired).toEqual([]);
      expect(await store.readStream('scheduler-2026-03-10')).toEqual([]);
    });

    it('a deadline applied by an older version (no deadline id in its events) is recorded applied once, then left alone', async () => {
      await plan('6', '2026-03-10T09:00:00+01:00');
      // What earlier versions appended: the fired command, under the deadline's command id, without the deadline id.
      await pipeline.execute(
        reminders,
        { type: 'Send', id: '6', at: '2026-03-10T09:00:00+01:00' },
        {
          commandId: deadlineCommandId('reminder-6:send'),
          commandName: 'SendReminder',
          body: { deadlineId: 'reminder-6:send', id: '6' },
          actor: SCHEDULER_ACTOR,
          occurredAt: '2026-03-10T09:00:00+01:00',
        },
      );
      const { fired: first } = await lenientScheduler.runUntil('2026-03-11T00:00:00+01:00');
      expect(first.map((f) => f.outcome)).toEqual(['already-applied']);
      expect((await store.readStream('scheduler-2026-03-10')).map((e) => e.type)).toEqual(['DeadlineApplied']);
      expect((await lenientScheduler.runUntil('2027-01-01T00:00:00+01:00')).fired).toEqual([]);
      expect((await store.readStream('reminder-6')).map((e) => e.type)).toEqual(['ReminderPlanned', 'ReminderSent']);
    });
  });

  describe('next to requests in flight (D42)', () => {
    /** The bus, counting how many fired commands are in flight at once. */
    const counting = () => {
      const seen = { inFlight: 0, most: 0 };
      const dispatcher = {
        execute: async (command: Parameters<LocalCommandBus['execute']>[0]) => {
          seen.inFlight += 1;
          seen.most = Math.max(seen.most, seen.inFlight);
          try {
            return await bus.execute(command);
          } finally {
            seen.inFlight -= 1;
          }
        },
      };
      return { seen, dispatcher };
    };
    const planTen = async () => {
      for (let id = 0; id < 10; id++) await plan(String(id), `2026-03-0${2 + (id % 7)}T09:00:00+01:00`);
    };
    const schedulerWith = (dispatcher: { execute: LocalCommandBus['execute'] }, foreground?: ForegroundActivity) =>
      new Scheduler(dispatcher, deadlinesFromReadModels(readModelsOf()), commands, commandClasses, foreground);
    let readModelsOf: () => ReadModels;
    beforeEach(() => {
      const readModels = new ReadModels(store, readStore, runner, runner.definitions());
      readModelsOf = () => readModels;
    });

    it('fires one deadline at a time while requests are in flight, waiting a moment for them first', async () => {
      await planTen();
      const waits: number[] = [];
      const busy: ForegroundActivity = { busy: () => true, idle: async (maxWaitMs) => void waits.push(maxWaitMs) };
      const { seen, dispatcher } = counting();
      const { fired } = await schedulerWith(dispatcher, busy).runUntil('2026-03-09T09:00:00+01:00');
      expect(fired.filter((f) => f.outcome === 'applied')).toHaveLength(10);
      expect(seen.most).toBe(FIRE_CONCURRENCY_NEXT_TO_REQUESTS);
      expect(waits).toHaveLength(10);
      expect(waits.every((ms) => ms === MAX_GIVE_WAY_MS)).toBe(true);
    });

    it('fires a full batch side by side when nothing is in flight', async () => {
      await planTen();
      const quiet: ForegroundActivity = { busy: () => false, idle: async () => undefined };
      const { seen, dispatcher } = counting();
      const { fired } = await schedulerWith(dispatcher, quiet).runUntil('2026-03-09T09:00:00+01:00');
      expect(fired.filter((f) => f.outcome === 'applied')).toHaveLength(10);
      expect(seen.most).toBe(FIRE_CONCURRENCY);
    });
  });

  it('reads deadlines through the DeadlineSource it is given, page by page, and fires each once', async () => {
    for (const id of ['7', '8', '9']) await plan(id, '2026-03-10T09:00:00+01:00');
    const planned = await Promise.all(['7', '8', '9'].map((id) => store.readStream(`reminder-${id}`)));
    expect(planned.every((events) => events.length === 1)).toBe(true);
    const deadlines = ['7', '8', '9'].map((id) => ({
      deadlineId: `reminder-${id}:send`,
      dueAt: '2026-03-10T09:00:00+01:00',
      kind: 'reminder',
      streamId: `reminder-${id}`,
      command: { name: 'SendReminder', body: { id } },
    }));
    const pages: Array<string | undefined> = [];
    const listed = new Scheduler(
      bus,
      {
        ready: async () => undefined,
        async pending(_until, { cursor }) {
          pages.push(cursor);
          // One deadline a page; the first page again on every pass (a source that never marks anything done).
          const index = cursor === undefined ? 0 : Number(cursor);
          return {
            deadlines: [deadlines[index]!],
            ...(index + 1 < deadlines.length ? { nextCursor: String(index + 1) } : {}),
          };
        },
      },
      commands,
      commandClasses,
    );
    const { fired } = await listed.runUntil('2026-03-11T00:00:00+01:00');
    expect(fired.map((f) => [f.deadlineId, f.outcome])).toEqual(deadlines.map((d) => [d.deadlineId, 'applied']));
    expect(pages).toEqual([undefined, '1', '2', undefined, '1', '2']);
  });

  it('says when a run stopped at its bound: firings that keep scheduling more stop after MAX_PASSES passes', async () => {
    await plan('5', '2026-03-10T09:00:00+01:00');
    let next = 0;
    // A source that offers one new deadline on every pass, as a chain of renewals would.
    const endless = new Scheduler(
      bus,
      {
        ready: async () => undefined,
        pending: async () => ({
          deadlines: [
            {
              deadlineId: `reminder-5:send:${next++}`,
              dueAt: '2026-03-10T09:00:00+01:00',
              kind: 'reminder',
              streamId: 'reminder-5',
              command: { name: 'SendReminder', body: { id: '5' } },
            },
          ],
        }),
      },
      commands,
      commandClasses,
    );
    const run = await endless.runUntil('2026-03-11T00:00:00+01:00');
    expect(run.fired).toHaveLength(MAX_PASSES);
    expect(run.complete).toBe(false);
    const finished = await scheduler.runUntil('2026-03-11T00:00:00+01:00');
    expect(finished.complete).toBe(true);
  });
});
