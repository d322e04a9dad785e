import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { AllSubscription, EventStore, NewEvent, RecordedEvent, SubscribeToAllOptions } from '@ledger/event-store';
// The adapter file itself, not the package index, so this spec does not load the EventStoreDB client.
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { SqliteKeyStore } from '../../event-store/src/keys/sqlite-key-store';
import { LedgerEventStore } from '../../event-store/src/ledger-event-store';
import { WITHHELD } from '../../event-store/src/personal-data.port';
import { physicalCollection, type ProjectionContext, type ProjectionDefinition } from './projection';
import { ProjectionRunner, type ProjectionRunnerLogger, type ProjectionRunnerOptions } from './projection-runner';
import type { FindQuery, Page, ReadDocument, ReadStore } from './read-store.port';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

const WAIT_MS = 10_000;

interface Totals {
  streamId: string;
  events: number;
  amount: number;
}

interface Stores {
  eventStore: SqliteEventStore;
  readStore: SqliteReadStore;
  readStoreFile: string;
  cleanup(): Promise<void>;
}

async function openStores(): Promise<Stores> {
  const directory = await mkdtemp(join(tmpdir(), 'projection-runner-'));
  const eventStore = SqliteEventStore.open({ file: join(directory, 'events.sqlite'), pollIntervalMs: 20 });
  const readStoreFile = join(directory, 'read.sqlite');
  const readStore = SqliteReadStore.open(readStoreFile);
  return {
    eventStore,
    readStore,
    readStoreFile,
    cleanup: async () => {
      await eventStore.close();
      await readStore.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Per stream: how many amounts were added and their sum; `StreamClosed` deletes the document. */
function totalsProjection(onApply: (event: RecordedEvent) => void = () => undefined): ProjectionDefinition {
  return {
    name: 'stream_totals',
    version: 1,
    collections: [{ name: 'totals', indexes: ['events'] }],
    handles: ['AmountAdded', 'StreamClosed', 'Poisoned'],
    async apply(event: RecordedEvent, ctx: ProjectionContext) {
      onApply(event);
      if (event.type === 'Poisoned') {
        // Writes before the throw must vanish with the failed attempt.
        ctx.put('totals', `trace-${event.id}`, { partial: true });
        throw new Error(`poisoned event ${event.id}`);
      }
      if (event.type === 'StreamClosed') return ctx.delete('totals', event.streamId);
      const current = await ctx.get<Totals>('totals', event.streamId);
      ctx.put('totals', event.streamId, {
        streamId: event.streamId,
        events: (current?.body.events ?? 0) + 1,
        amount: (current?.body.amount ?? 0) + Number(event.data['amount']),
      });
    },
  };
}

/** Records the position of every event it sees, so order and completeness can be checked. */
const arrivalOrderProjection: ProjectionDefinition = {
  name: 'arrival_order',
  version: 1,
  collections: [{ name: 'log', indexes: [] }],
  handles: ['AmountAdded', 'StreamClosed', 'Noise'],
  async apply(event, ctx) {
    const current = await ctx.get<{ positions: number[] }>('log', 'all');
    ctx.put('log', 'all', { positions: [...(current?.body.positions ?? []), event.position] });
  },
};

const TOTALS = physicalCollection({ name: 'stream_totals', version: 1 }, 'totals');

function capturingLogger(): ProjectionRunnerLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: (line) => lines.push(line),
    warn: (line) => lines.push(line),
    error: (line) => lines.push(line),
  };
}

function runnerFor(
  stores: { eventStore: EventStore; readStore: ReadStore },
  projections: ProjectionDefinition[],
  extra: Partial<ProjectionRunnerOptions> = {},
) {
  return new ProjectionRunner({
    eventStore: stores.eventStore,
    readStore: stores.readStore,
    projections,
    logger: capturingLogger(),
    retryBackoff: { initialMs: 5, maxMs: 50 },
    ...extra,
  });
}

async function append(eventStore: EventStore, streamId: string, ...events: NewEvent[]): Promise<number> {
  return (await eventStore.append(streamId, events, { expectedRevision: 'any' })).position;
}

const added = (amount: number): NewEvent => ({ type: 'AmountAdded', data: { amount } });

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function allDocuments(readStore: ReadStore, collection: string): Promise<ReadDocument[]> {
  const documents: ReadDocument[] = [];
  let cursor: string | undefined;
  do {
    const page = await readStore.find(collection, { limit: 500, ...(cursor === undefined ? {} : { cursor }) });
    documents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return documents;
}

describe('ProjectionRunner', () => {
  let stores: Stores;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    stores = await openStores();
    runner = undefined;
  });

  afterEach(async () => {
    await runner?.stop();
    await stores.cleanup();
  });

  it('applies events strictly in log order, from catch-up through live', async () => {
    const expected: number[] = [];
    for (let index = 0; index < 12; index++)
      expected.push(await append(stores.eventStore, `s-${index % 3}`, added(index)));
    runner = runnerFor(stores, [arrivalOrderProjection], { catchUpBatchSize: 5, liveBatchSize: 3 });
    runner.start();
    for (let index = 0; index < 12; index++) {
      const type = index % 4 === 0 ? 'Noise' : 'AmountAdded';
      expected.push(await append(stores.eventStore, `s-${index % 3}`, { type, data: { amount: index } }));
    }
    expected.push(await append(stores.eventStore, 's-9', { type: 'Ignored', data: {} }));

    expect(await runner.waitForPosition(expected[expected.length - 1]!, WAIT_MS)).toBe(true);

    const log = await stores.readStore.get<{ positions: number[] }>(
      physicalCollection(arrivalOrderProjection, 'log'),
      'all',
    );
    expect(log?.body.positions).toEqual(expected.slice(0, -1));
    expect(await stores.readStore.getCheckpoint(arrivalOrderProjection)).toBe(expected[expected.length - 1]);
  });

  it('resumes from its checkpoint after a restart without reprocessing', async () => {
    for (let index = 0; index < 10; index++) await append(stores.eventStore, `s-${index % 2}`, added(1));
    const first = runnerFor(stores, [totalsProjection()]);
    first.start();
    expect(await first.waitForPosition(9, WAIT_MS)).toBe(true);
    await first.stop();
    await stores.readStore.close();
    stores.readStore = SqliteReadStore.open(stores.readStoreFile);

    const seenAfterRestart: number[] = [];
    runner = runnerFor(stores, [totalsProjection((event) => seenAfterRestart.push(event.position))]);
    runner.start();
    for (let index = 0; index < 5; index++) await append(stores.eventStore, 's-0', added(10));
    expect(await runner.waitForPosition(14, WAIT_MS)).toBe(true);

    expect(seenAfterRestart).toEqual([10, 11, 12, 13, 14]);
    expect((await stores.readStore.get<Totals>(TOTALS, 's-0'))?.body).toEqual({
      streamId: 's-0',
      events: 10,
      amount: 55,
    });
    expect((await stores.readStore.get<Totals>(TOTALS, 's-1'))?.body).toEqual({
      streamId: 's-1',
      events: 5,
      amount: 5,
    });
  });

  it("parks a throwing handler's event as a dead letter after bounded retries and carries on", async () => {
    const attemptsOnPoison: number[] = [];
    const logger = capturingLogger();
    runner = runnerFor(
      stores,
      [totalsProjection((event) => event.type === 'Poisoned' && attemptsOnPoison.push(event.position))],
      {
        handlerAttempts: 3,
        logger,
        clock: () => new Date('2025-03-04T05:06:07.000Z'),
      },
    );
    runner.start();
    await append(stores.eventStore, 's-0', added(1));
    const poisoned = await stores.eventStore.append('s-0', [{ type: 'Poisoned', data: {} }], {
      expectedRevision: 'any',
    });
    const last = await append(stores.eventStore, 's-0', added(2));

    expect(await runner.waitForPosition(last, WAIT_MS)).toBe(true);

    const poisonedEvent = poisoned.events[0]!;
    expect(attemptsOnPoison).toEqual([poisonedEvent.position, poisonedEvent.position, poisonedEvent.position]);
    expect(await stores.readStore.listDeadLetters(totalsProjection())).toEqual([
      expect.objectContaining({
        projection: { name: 'stream_totals', version: 1 },
        position: poisonedEvent.position,
        eventId: poisonedEvent.id,
        eventType: 'Poisoned',
        error: expect.stringContaining(`poisoned event ${poisonedEvent.id}`),
        failedAt: '2025-03-04T05:06:07.000Z',
      }),
    ]);
    expect((await stores.readStore.get<Totals>(TOTALS, 's-0'))?.body).toEqual({
      streamId: 's-0',
      events: 2,
      amount: 3,
    });
    expect(await stores.readStore.get(TOTALS, `trace-${poisonedEvent.id}`)).toBeUndefined();
    expect(logger.lines.some((line) => line.includes('dead letter') && line.includes(poisonedEvent.id))).toBe(true);
  });

  it('waits for a position: true once every projection has processed it, false when the time runs out', async () => {
    runner = runnerFor(stores, [totalsProjection(), arrivalOrderProjection]);
    runner.start();
    const position = await append(stores.eventStore, 's-0', added(4));

    expect(await runner.waitForPosition(position, WAIT_MS)).toBe(true);
    expect((await stores.readStore.get<Totals>(TOTALS, 's-0'))?.body.amount).toBe(4);
    expect(await stores.readStore.getCheckpoint(arrivalOrderProjection)).toBe(position);
    expect(await runner.waitForPosition(position + 5, 50)).toBe(false);
    expect(await runner.waitForPosition(-1, 0)).toBe(true);
  });

  it('reports position, head, lag and dead letters per projection', async () => {
    await append(stores.eventStore, 's-0', added(1), { type: 'Poisoned', data: {} }, added(1));
    runner = runnerFor(stores, [totalsProjection()], { handlerAttempts: 1 });

    expect(await runner.status()).toEqual([
      { name: 'stream_totals', version: 1, position: -1, headPosition: 2, lag: 3, deadLetters: 0, state: 'stopped' },
    ]);

    runner.start();
    expect(await runner.waitForPosition(2, WAIT_MS)).toBe(true);
    expect(await runner.status()).toEqual([
      {
        name: 'stream_totals',
        version: 1,
        position: 2,
        headPosition: 2,
        lag: 0,
        deadLetters: 1,
        // Whether the worker has already switched from its catch-up read to the subscription is a race.
        state: expect.stringMatching(/^(catching-up|live)$/),
      },
    ]);
  });

  it('stops cleanly: nothing is projected after stop, and the next start picks up the rest', async () => {
    runner = runnerFor(stores, [totalsProjection()]);
    runner.start();
    expect(await runner.waitForPosition(await append(stores.eventStore, 's-0', added(1)), WAIT_MS)).toBe(true);
    await runner.stop();

    const afterStop = await append(stores.eventStore, 's-0', added(1));
    expect(await runner.waitForPosition(afterStop, 50)).toBe(false);
    expect((await runner.status())[0]).toMatchObject({ position: afterStop - 1, lag: 1, state: 'stopped' });

    runner.start();
    expect(await runner.waitForPosition(afterStop, WAIT_MS)).toBe(true);
    expect((await stores.readStore.get<Totals>(TOTALS, 's-0'))?.body.events).toBe(2);
  });

  it('resubscribes from the last checkpoint after the subscription fails, without applying anything twice', async () => {
    const flaky = new FlakyEventStore(stores.eventStore, { failingSubscriptions: 2, failAfterEvents: 2 });
    const logger = capturingLogger();
    runner = runnerFor({ eventStore: flaky, readStore: stores.readStore }, [totalsProjection()], {
      logger,
      liveBatchSize: 1,
    });
    runner.start();
    // One event at a time, so most reach the runner through the subscription rather than a catch-up read.
    for (let index = 1; index <= 12; index++) {
      const position = await append(stores.eventStore, 's-0', added(index));
      expect(await runner.waitForPosition(position, WAIT_MS)).toBe(true);
    }

    expect((await stores.readStore.get<Totals>(TOTALS, 's-0'))?.body).toEqual({
      streamId: 's-0',
      events: 12,
      amount: 78,
    });
    expect(flaky.subscriptions).toBeGreaterThanOrEqual(3);
    expect(
      logger.lines.filter((line) => line.includes('connection lost') && line.includes('resuming from checkpoint')),
    ).toHaveLength(2);
    expect(await stores.readStore.countDeadLetters()).toBe(0);
  });

  it('retries a batch whose read-store reads fail instead of parking its events', async () => {
    const flakyReads = new FlakyReadStore(stores.readStore, 2);
    runner = runnerFor({ eventStore: stores.eventStore, readStore: flakyReads }, [totalsProjection()], {
      handlerAttempts: 1,
    });
    await append(stores.eventStore, 's-0', added(1), added(2), added(3));
    runner.start();

    expect(await runner.waitForPosition(2, WAIT_MS)).toBe(true);

    expect(flakyReads.failuresLeft).toBe(0);
    expect((await stores.readStore.get<Totals>(TOTALS, 's-0'))?.body).toEqual({
      streamId: 's-0',
      events: 3,
      amount: 6,
    });
    expect(await stores.readStore.countDeadLetters()).toBe(0);
  });

  it('replays after a partial commit without applying an event twice on top of its own result', async () => {
    for (let index = 0; index < 6; index++) await append(stores.eventStore, 's-0', added(1));
    // What a MongoDB commit cut short leaves behind: the document of events 0..2 written, the
    // checkpoint not moved. Committed under another key so that stream_totals has no checkpoint.
    const body = { streamId: 's-0', events: 3, amount: 3 };
    await stores.readStore.ensureCollection({ name: TOTALS, indexes: ['events'] });
    await stores.readStore.commit(
      { name: 'crash_simulation', version: 1 },
      [{ kind: 'put', collection: TOTALS, id: 's-0', body, position: 2 }],
      2,
    );
    // Batches 0..1, 2..3, 4..5: the replay's batch boundary falls elsewhere than the cut did.
    runner = runnerFor(stores, [totalsProjection()], { catchUpBatchSize: 2 });
    runner.start();

    expect(await runner.waitForPosition(5, WAIT_MS)).toBe(true);

    expect(await stores.readStore.get<Totals>(TOTALS, 's-0')).toEqual({
      id: 's-0',
      body: { streamId: 's-0', events: 6, amount: 6 },
      position: 5,
    });
  });

  it('loads a slot caught up from zero without its indexes, then builds them before following live', async () => {
    for (let index = 0; index < 30; index++) await append(stores.eventStore, `s-${index % 5}`, added(index));
    const plans: string[] = [];
    const observed = runnerFor(stores, [
      totalsProjection(() => plans.push(stores.readStore.explainFind(TOTALS, { where: { events: 1 } }).join())),
    ]);
    runner = observed;
    runner.start();
    expect(await runner.waitForPosition(29, WAIT_MS)).toBe(true);
    const indexed = new RegExp(`USING (COVERING )?INDEX c_${TOTALS}__f_events`);
    await until(() => indexed.test(stores.readStore.explainFind(TOTALS, { where: { events: 1 } }).join()));

    // While the catch-up loaded the documents, the table had no index on the field.
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((plan) => !indexed.test(plan))).toBe(true);
    expect((await stores.readStore.find(TOTALS, { where: { events: 6 } })).items).toHaveLength(5);
  });

  it('rebuilds a projection of a stopped runner from zero and leaves it stopped', async () => {
    await append(stores.eventStore, 's-0', added(2), { type: 'Poisoned', data: {} }, added(3));
    // A document no event produced: the rebuild must not carry it over.
    await stores.readStore.ensureCollection({ name: TOTALS, indexes: [] });
    await stores.readStore.commit(totalsProjection(), [{ kind: 'put', collection: TOTALS, id: 'stale', body: {} }], 0);
    runner = runnerFor(stores, [totalsProjection()], { handlerAttempts: 1 });

    await runner.rebuildFromZero({ name: 'stream_totals', version: 1 });

    expect((await allDocuments(stores.readStore, TOTALS)).map((document) => document.body)).toEqual([
      { streamId: 's-0', events: 2, amount: 5 },
    ]);
    expect(await stores.readStore.countDeadLetters(totalsProjection())).toBe(1);
    expect((await runner.status())[0]).toMatchObject({ position: 2, lag: 0, state: 'stopped' });
    await expect(runner.rebuildFromZero({ name: 'stream_totals', version: 2 })).rejects.toThrow(/Unknown projection/);
  });

  it('reads personal fields as withheld unless the projection declares it reads personal data', async () => {
    const keyStore = SqliteKeyStore.open(join(stores.readStoreFile, '..', 'keys.sqlite'));
    const ledger = new LedgerEventStore(stores.eventStore, {
      keyStore,
      personalData: { LearnerRegistered: { subjectField: 'learnerId', personalFields: ['name'] } },
    });
    try {
      await ledger.append(
        'learner-1',
        [{ type: 'LearnerRegistered', data: { learnerId: 'learner-1', name: 'Anna de Vries' } }],
        { expectedRevision: 'no_stream' },
      );
      const namesProjection = (name: string, readsPersonalData?: boolean): ProjectionDefinition => ({
        name,
        version: 1,
        collections: [{ name: 'names', indexes: [] }],
        handles: ['LearnerRegistered'],
        ...(readsPersonalData === undefined ? {} : { readsPersonalData }),
        apply(event, ctx) {
          ctx.put('names', String(event.data['learnerId']), { name: event.data['name'] });
        },
      });
      runner = runnerFor({ eventStore: ledger, readStore: stores.readStore }, [
        namesProjection('names_default'),
        namesProjection('names_declared', true),
      ]);
      runner.start();
      expect(await runner.waitForPosition(0, WAIT_MS)).toBe(true);
      // A second event arrives through the live subscription, not the catch-up.
      await ledger.append(
        'learner-2',
        [{ type: 'LearnerRegistered', data: { learnerId: 'learner-2', name: 'Bram Jansen' } }],
        { expectedRevision: 'no_stream' },
      );
      expect(await runner.waitForPosition(1, WAIT_MS)).toBe(true);

      const names = async (projection: string) =>
        (await allDocuments(stores.readStore, physicalCollection({ name: projection, version: 1 }, 'names'))).map(
          (document) => document.body['name'],
        );
      expect(await names('names_default')).toEqual([WITHHELD, WITHHELD]);
      expect(await names('names_declared')).toEqual(['Anna de Vries', 'Bram Jansen']);
    } finally {
      await runner?.stop();
      await keyStore.close();
    }
  });

  it('hands handlers frozen bodies: changing a document in place fails the event and leaves the document as it was', async () => {
    const mutating: ProjectionDefinition = {
      name: 'in_place',
      version: 1,
      collections: [{ name: 'totals', indexes: [] }],
      handles: ['AmountAdded', 'Poisoned'],
      async apply(event, ctx) {
        const current = await ctx.get<{ amount: number; seen: number[] }>('totals', 'all');
        if (event.type === 'Poisoned' && current !== undefined) {
          // Both in place: neither may reach the batch, the store or the next event.
          current.body.seen.push(event.position);
          current.body.amount = -1;
          return;
        }
        ctx.put('totals', 'all', {
          amount: (current?.body.amount ?? 0) + Number(event.data['amount']),
          seen: [...(current?.body.seen ?? []), event.position],
        });
      },
    };
    const collection = physicalCollection(mutating, 'totals');
    await append(stores.eventStore, 's-0', added(1));
    await append(stores.eventStore, 's-0', { type: 'Poisoned', data: {} });
    const last = await append(stores.eventStore, 's-0', added(2));
    // One catch-up page: the poisoned event reads the document from the batch, not from the store.
    runner = runnerFor(stores, [mutating], { handlerAttempts: 1 });
    runner.start();
    expect(await runner.waitForPosition(last, WAIT_MS)).toBe(true);

    expect((await stores.readStore.get(collection, 'all'))?.body).toEqual({ amount: 3, seen: [0, 2] });
    expect(await stores.readStore.listDeadLetters(mutating)).toEqual([
      expect.objectContaining({ position: 1, eventType: 'Poisoned', error: expect.stringContaining('TypeError') }),
    ]);
  });

  it('reads back a body within its batch as its JSON round trip, as the store returns it after the commit', async () => {
    const unusual: ProjectionDefinition = {
      name: 'unusual_bodies',
      version: 1,
      collections: [{ name: 'docs', indexes: ['at'] }],
      handles: ['AmountAdded'],
      async apply(event, ctx) {
        const first = await ctx.get('docs', 'first');
        if (first === undefined) {
          ctx.put('docs', 'first', {
            at: new Date(Date.UTC(2026, 0, 2)) as unknown as string,
            missing: undefined,
            notANumber: Number.NaN,
            minusZero: -0,
            list: [1, undefined, { nested: new Date(0) }],
          });
          return;
        }
        ctx.put('docs', `seen-${event.position}`, { seen: first.body, keys: Object.keys(first.body) });
      },
    };
    const collection = physicalCollection(unusual, 'docs');
    await append(stores.eventStore, 's-0', added(1));
    const last = await append(stores.eventStore, 's-0', added(2));
    runner = runnerFor(stores, [unusual]);
    runner.start();
    expect(await runner.waitForPosition(last, WAIT_MS)).toBe(true);

    const stored = (await stores.readStore.get(collection, 'first'))?.body;
    expect(stored).toEqual({
      at: '2026-01-02T00:00:00.000Z',
      notANumber: null,
      minusZero: 0,
      list: [1, null, { nested: '1970-01-01T00:00:00.000Z' }],
    });
    const seen = (await stores.readStore.get<{ seen: unknown; keys: string[] }>(collection, 'seen-1'))?.body;
    expect(seen?.seen).toEqual(stored);
    expect(seen?.keys).toEqual(['at', 'notANumber', 'minusZero', 'list']);
    expect((await stores.readStore.find(collection, { where: { at: '2026-01-02T00:00:00.000Z' } })).items).toHaveLength(
      1,
    );
  });

  it('gives the event loop turns while it catches up, so requests of the same process are answered meanwhile', async () => {
    // Each event holds the loop for 2 ms: without slices the 60 events (120 ms) would run as one
    // chain of microtasks and no timer could fire until the catch-up ended.
    const busyMs = 2;
    const projection = totalsProjection(() => {
      const until = performance.now() + busyMs;
      while (performance.now() < until);
    });
    for (let index = 0; index < 60; index++) await append(stores.eventStore, `s-${index % 4}`, added(1));
    runner = runnerFor(stores, [projection], { sliceMs: 5 });
    let caughtUp = false;
    let timersDuringCatchUp = 0;
    const probe = setInterval(() => {
      if (!caughtUp) timersDuringCatchUp += 1;
    }, 0);
    try {
      runner.start();
      expect(await runner.waitForPosition(59, WAIT_MS)).toBe(true);
      caughtUp = true;
    } finally {
      clearInterval(probe);
    }
    // About one turn per 5 ms slice of the 120 ms: far more than the one or two a single chain allows.
    expect(timersDuringCatchUp).toBeGreaterThanOrEqual(8);
    expect((await stores.readStore.get<Totals>(TOTALS, 's-0'))?.body.events).toBe(15);
  });

  it('rejects a projection registered twice and settings outside their bounds', () => {
    expect(() => runnerFor(stores, [totalsProjection(), totalsProjection()])).toThrow(/registered twice/);
    expect(() => runnerFor(stores, [totalsProjection()], { handlerAttempts: 0 })).toThrow(RangeError);
    expect(() => runnerFor(stores, [totalsProjection()], { liveBatchSize: 1_000_000 })).toThrow(RangeError);
    expect(() => runnerFor(stores, [totalsProjection()], { sliceMs: 0 })).toThrow(RangeError);
    expect(() => runnerFor(stores, [totalsProjection()], { sliceMs: 5_000 })).toThrow(RangeError);
  });
});

/** One generated step: an event for one of a few streams, or a pause that lets the runner catch up. */
type Step =
  | { kind: 'add'; stream: number; amount: number }
  | { kind: 'close' | 'noise' | 'poison'; stream: number }
  | { kind: 'settle' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      stream: fc.integer({ min: 0, max: 3 }),
      amount: fc.integer({ min: -50, max: 100 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('close' as const, 'noise' as const, 'poison' as const),
      stream: fc.integer({ min: 0, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

function eventOf(step: Exclude<Step, { kind: 'settle' }>): NewEvent {
  if (step.kind === 'add') return added(step.amount);
  return { type: { close: 'StreamClosed', noise: 'Noise', poison: 'Poisoned' }[step.kind], data: {} };
}

/** What the totals projection must hold after the steps, computed without any store. */
function modelTotals(steps: readonly Step[]): Map<string, Totals> {
  const totals = new Map<string, Totals>();
  for (const step of steps) {
    if (step.kind === 'close') totals.delete(`s-${step.stream}`);
    if (step.kind !== 'add') continue;
    const streamId = `s-${step.stream}`;
    const current = totals.get(streamId);
    totals.set(streamId, {
      streamId,
      events: (current?.events ?? 0) + 1,
      amount: (current?.amount ?? 0) + step.amount,
    });
  }
  return totals;
}

describe('ProjectionRunner: live incremental state equals a rebuild from zero', () => {
  it('holds for generated event sequences appended while the runner follows them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArbitrary, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        async (steps, batchSize) => {
          const stores = await openStores();
          const runner = runnerFor(stores, [totalsProjection()], {
            catchUpBatchSize: batchSize,
            liveBatchSize: batchSize,
            handlerAttempts: 1,
          });
          try {
            runner.start();
            let last = -1;
            for (const step of steps) {
              if (step.kind === 'settle') expect(await runner.waitForPosition(last, WAIT_MS)).toBe(true);
              else last = await append(stores.eventStore, `s-${step.stream}`, eventOf(step));
            }
            expect(await runner.waitForPosition(last, WAIT_MS)).toBe(true);
            const live = await allDocuments(stores.readStore, TOTALS);
            // Error texts carry stack traces, which differ between the live and the catch-up path.
            const parked = async () =>
              (await stores.readStore.listDeadLetters()).map(({ position, eventId, eventType }) => ({
                position,
                eventId,
                eventType,
              }));
            const liveDeadLetters = await parked();

            await runner.rebuildFromZero(totalsProjection());

            expect(await allDocuments(stores.readStore, TOTALS)).toEqual(live);
            expect(await parked()).toEqual(liveDeadLetters);
            expect(liveDeadLetters).toHaveLength(steps.filter((step) => step.kind === 'poison').length);
            expect(live.map((document) => document.body)).toEqual(
              [...modelTotals(steps).values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1)),
            );
            expect((await stores.readStore.getCheckpoint(totalsProjection())) ?? -1).toBe(last);
          } finally {
            await runner.stop();
            await stores.cleanup();
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

/** The real store, with the first few subscriptions failing part-way, as a dropped connection would. */
class FlakyEventStore implements EventStore {
  subscriptions = 0;

  constructor(
    private readonly inner: EventStore,
    private readonly failures: { failingSubscriptions: number; failAfterEvents: number },
  ) {}

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    this.subscriptions += 1;
    const subscription = this.inner.subscribeToAll(options);
    if (this.subscriptions > this.failures.failingSubscriptions) return subscription;
    const failAfterEvents = this.failures.failAfterEvents;
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        let delivered = 0;
        for await (const event of subscription) {
          if (delivered === failAfterEvents) throw new Error('connection lost');
          delivered += 1;
          yield event;
        }
      },
    };
  }

  append: EventStore['append'] = (...args) => this.inner.append(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  streamRevision: EventStore['streamRevision'] = (...args) => this.inner.streamRevision(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  readByCommandId: EventStore['readByCommandId'] = (...args) => this.inner.readByCommandId(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  getStreamMetadata: EventStore['getStreamMetadata'] = (...args) => this.inner.getStreamMetadata(...args);
  setStreamMetadata: EventStore['setStreamMetadata'] = (...args) => this.inner.setStreamMetadata(...args);
  ping: EventStore['ping'] = () => this.inner.ping();
  close: EventStore['close'] = () => this.inner.close();
}

/** The real read store, with its first few document reads failing, as an unreachable server would. */
class FlakyReadStore implements ReadStore {
  constructor(
    private readonly inner: ReadStore,
    public failuresLeft: number,
  ) {}

  async get<T>(collection: string, id: string): Promise<ReadDocument<T> | undefined> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('read store unreachable');
    }
    return this.inner.get<T>(collection, id);
  }

  find<T>(collection: string, query?: FindQuery): Promise<Page<T>> {
    return this.inner.find<T>(collection, query);
  }

  ensureCollection: ReadStore['ensureCollection'] = (...args) => this.inner.ensureCollection(...args);
  commit: ReadStore['commit'] = (...args) => this.inner.commit(...args);
  getCheckpoint: ReadStore['getCheckpoint'] = (...args) => this.inner.getCheckpoint(...args);
  addDeadLetter: ReadStore['addDeadLetter'] = (...args) => this.inner.addDeadLetter(...args);
  listDeadLetters: ReadStore['listDeadLetters'] = (...args) => this.inner.listDeadLetters(...args);
  countDeadLetters: ReadStore['countDeadLetters'] = (...args) => this.inner.countDeadLetters(...args);
  dropProjection: ReadStore['dropProjection'] = (...args) => this.inner.dropProjection(...args);
  acquireWriterLease: ReadStore['acquireWriterLease'] = (...args) => this.inner.acquireWriterLease(...args);
  renewWriterLease: ReadStore['renewWriterLease'] = (...args) => this.inner.renewWriterLease(...args);
  releaseWriterLease: ReadStore['releaseWriterLease'] = (...args) => this.inner.releaseWriterLease(...args);
  ping: ReadStore['ping'] = () => this.inner.ping();
  close: ReadStore['close'] = () => this.inner.close();
}
