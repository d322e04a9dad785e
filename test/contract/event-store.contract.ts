import { randomUUID } from 'node:crypto';
import {
  AllSubscription,
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  NewEvent,
  RecordedEvent,
  WrongExpectedVersionError,
} from '../../libs/event-store/src/event-store.port';

/**
 * The event store contract: the EventStoreDB semantics every adapter keeps (docs/design.md "Storage").
 * It runs against a fresh store per test, but a live server may hold other tests' events and system
 * events, so every test writes to streams of its own and never assumes the log is empty or that
 * positions start at 0 (adapter-specific suites check those).
 */

export interface OpenedEventStore {
  store: EventStore;
  cleanup: () => Promise<void>;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Concurrency of the subscription race: enough writers and appends to interleave many batches. */
const RACE_WRITERS = 16;
const RACE_APPENDS_PER_WRITER = 30;
const RACE_TIMEOUT_MS = 120_000;

export interface EngineTraits {
  /**
   * Event ids are unique across the whole log (the embedded log's unique index). EventStoreDB
   * checks ids per stream only; the command pipeline derives ids per command and stream.
   */
  logWideEventIds: boolean;
}

export function describeEventStoreContract(
  adapterName: string,
  open: () => Promise<OpenedEventStore>,
  traits: EngineTraits = { logWideEventIds: true },
): void {
  describe(`event store contract: ${adapterName}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let streams: StreamNames;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
      streams = new StreamNames();
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('streams and revisions', () => {
      test('stream revisions start at 0 and are consecutive', async () => {
        const stream = streams.next('revisions');
        const first = await store.append(stream, [event('A'), event('B')], { expectedRevision: 'no_stream' });
        const second = await store.append(stream, [event('C')], { expectedRevision: first.nextExpectedRevision });

        expect(first.events.map((e) => e.revision)).toEqual([0, 1]);
        expect(first.nextExpectedRevision).toBe(1);
        expect(second.nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(await store.streamRevision(stream)).toBe(2);
      });

      test('an append reports the events as recorded, exactly as reads return them', async () => {
        const stream = streams.next('recorded');
        const data = { name: 'Zoë ’t Hooft', amountCents: 125_00, nested: { list: [1, 'two', null, true] } };
        const metadata = {
          commandId: randomUUID(),
          actor: 'back-office:anna',
          occurredAt: '2025-03-01T10:00:00+01:00',
        };
        const id = randomUUID();
        const result = await store.append(stream, [{ id, type: 'EnrolmentRegistered', data, metadata }], {
          expectedRevision: 'no_stream',
        });

        const [recorded] = result.events;
        expect(recorded).toMatchObject({
          id,
          streamId: stream,
          revision: 0,
          type: 'EnrolmentRegistered',
          data,
          metadata,
        });
        expect(recorded?.position).toBe(result.position);
        expect(recorded?.recordedAt).toMatch(ISO_UTC);
        expect(await store.readStream(stream)).toEqual(result.events);
      });

      test('an event without an id gets a generated UUID', async () => {
        const stream = streams.next('generated-id');
        const result = await store.append(stream, [event('A'), event('B')], { expectedRevision: 'any' });

        const ids = result.events.map((e) => e.id);
        for (const id of ids) expect(id).toMatch(UUID);
        expect(new Set(ids).size).toBe(2);
      });

      test('reading a stream that does not exist gives no events and no revision', async () => {
        const stream = streams.next('missing');
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
        expect(await store.streamRevision(stream)).toBeUndefined();
      });

      test('appends to one stream from many concurrent writers with expected revision any get consecutive revisions', async () => {
        const stream = streams.next('hot');
        const appendCount = 50;
        await Promise.all(
          Array.from({ length: appendCount }, (_, index) =>
            store.append(stream, [event('Hit', { index })], { expectedRevision: 'any' }),
          ),
        );

        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual(range(0, appendCount));
        expect(new Set(read.map((e) => e.data['index'])).size).toBe(appendCount);
      });
    });

    describe('expected revision', () => {
      test('expected revision any: appends to a new and to an existing stream', async () => {
        const stream = streams.next('any');
        await store.append(stream, [event('A')], { expectedRevision: 'any' });
        const result = await store.append(stream, [event('B')], { expectedRevision: 'any' });

        expect(result.nextExpectedRevision).toBe(1);
      });

      test('expected revision no_stream: appends only when the stream does not exist', async () => {
        const stream = streams.next('no-stream');
        await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });

        const error = await appendError(store, stream, 'no_stream');
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0 });
        expect(await store.streamRevision(stream)).toBe(0);
      });

      test('expected revision stream_exists: appends only when the stream has events', async () => {
        const stream = streams.next('exists');
        const error = await appendError(store, stream, 'stream_exists');
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId: stream, expected: 'stream_exists', actual: 'no_stream' });

        await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
        const result = await store.append(stream, [event('B')], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1);
      });

      test('expected revision exact: appends only at the current revision', async () => {
        const stream = streams.next('exact');
        expect(await appendError(store, stream, 0)).toMatchObject({ expected: 0, actual: 'no_stream' });

        await store.append(stream, [event('A'), event('B')], { expectedRevision: 'no_stream' });
        expect(await appendError(store, stream, 0)).toMatchObject({ expected: 0, actual: 1 });
        expect(await appendError(store, stream, 2)).toMatchObject({ expected: 2, actual: 1 });

        const result = await store.append(stream, [event('C')], { expectedRevision: 1 });
        expect(result.nextExpectedRevision).toBe(2);
      });

      test('typed wrong-expected-version error, and the failed append writes nothing', async () => {
        const stream = streams.next('typed-error');
        await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
        const headBefore = await store.headPosition();

        const error = await appendError(store, stream, 5);

        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        const typed = error as WrongExpectedVersionError;
        expect(typed.code).toBe('WRONG_EXPECTED_VERSION');
        expect(typed.streamId).toBe(stream);
        expect(typed.expected).toBe(5);
        expect(typed.actual).toBe(0);
        expect(await store.streamRevision(stream)).toBe(0);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A']);
        const after = (await store.readAll({ afterPosition: headBefore })).filter((e) => e.streamId === stream);
        expect(after).toEqual([]);
      });

      test('optimistic concurrency: of concurrent appends at the same expected revision exactly one succeeds', async () => {
        const stream = streams.next('race');
        await store.append(stream, [event('Opened')], { expectedRevision: 'no_stream' });
        const contenders = 10;

        const outcomes = await Promise.allSettled(
          Array.from({ length: contenders }, (_, index) =>
            store.append(stream, [event('Claimed', { index })], { expectedRevision: 0 }),
          ),
        );

        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(winners).toHaveLength(1);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'Claimed']);
      });
    });

    describe('reading', () => {
      test('read stream forwards from a revision with a limit', async () => {
        const stream = streams.next('forwards');
        await appendNumbered(store, stream, 10);

        expect(revisionsOf(await store.readStream(stream, { fromRevision: 3, maxCount: 4 }))).toEqual([3, 4, 5, 6]);
        expect(revisionsOf(await store.readStream(stream, { fromRevision: 8, maxCount: 5 }))).toEqual([8, 9]);
        expect(revisionsOf(await store.readStream(stream, { fromRevision: 'start', maxCount: 2 }))).toEqual([0, 1]);
        expect(revisionsOf(await store.readStream(stream))).toEqual(range(0, 10));
        expect(await store.readStream(stream, { fromRevision: 10 })).toEqual([]);
      });

      test('read stream backwards from a revision with a limit', async () => {
        const stream = streams.next('backwards');
        await appendNumbered(store, stream, 10);
        const backwards = { direction: 'backwards' } as const;

        expect(revisionsOf(await store.readStream(stream, { ...backwards, fromRevision: 6, maxCount: 3 }))).toEqual([
          6, 5, 4,
        ]);
        expect(revisionsOf(await store.readStream(stream, { ...backwards, fromRevision: 1, maxCount: 5 }))).toEqual([
          1, 0,
        ]);
        expect(revisionsOf(await store.readStream(stream, { ...backwards, fromRevision: 'end', maxCount: 2 }))).toEqual(
          [9, 8],
        );
        expect(revisionsOf(await store.readStream(stream, backwards))).toEqual(range(0, 10).reverse());
      });

      test('global $all position increases in commit order', async () => {
        const names = [streams.next('order-a'), streams.next('order-b'), streams.next('order-c')];
        const headBefore = await store.headPosition();
        const acknowledged: RecordedEvent[] = [];
        for (let round = 0; round < 4; round += 1) {
          for (const name of names)
            acknowledged.push(
              ...(await store.append(name, [event('Tick', { round })], { expectedRevision: 'any' })).events,
            );
        }

        const positions = acknowledged.map((e) => e.position);
        expectStrictlyIncreasing(positions);
        expect(positions[0]).toBeGreaterThan(headBefore);
        const inLog = (await store.readAll({ afterPosition: headBefore })).filter((e) => names.includes(e.streamId));
        expect(inLog.map((e) => e.id)).toEqual(acknowledged.map((e) => e.id));
        expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[positions.length - 1] as number);
      });

      test('read $all from a position: strictly after it, in position order, at most maxCount', async () => {
        const stream = streams.next('all');
        const headBefore = await store.headPosition();
        const { events } = await appendNumbered(store, stream, 5);
        const second = events[1] as RecordedEvent;

        const afterSecond = (await store.readAll({ afterPosition: second.position })).filter(
          (e) => e.streamId === stream,
        );
        expect(revisionsOf(afterSecond)).toEqual([2, 3, 4]);

        const limited = await store.readAll({ afterPosition: headBefore, maxCount: 2 });
        expect(limited).toHaveLength(2);
        expect(limited[0]?.position).toBeGreaterThan(headBefore);
        expectStrictlyIncreasing(limited.map((e) => e.position));

        const fromStart = await store.readAll({ maxCount: 3 });
        expect(fromStart.length).toBeGreaterThan(0);
        expectStrictlyIncreasing(fromStart.map((e) => e.position));
      });

      test('events are found by command id, in log order, where the engine indexes command ids', async () => {
        const commandId = `cmd-${randomUUID()}`;
        const [first, second, other] = [streams.next('cmd-a'), streams.next('cmd-b'), streams.next('cmd-c')];
        const a = await store.append(first as string, [event('A', {}, { commandId }), event('B', {}, { commandId })], {
          expectedRevision: 'no_stream',
        });
        await store.append(other as string, [event('Unrelated', {}, { commandId: `cmd-${randomUUID()}` })], {
          expectedRevision: 'no_stream',
        });
        const b = await store.append(second as string, [event('C', {}, { commandId })], {
          expectedRevision: 'no_stream',
        });

        const found = await store.readByCommandId(commandId);
        // Without an index (EventStoreDB) only commands recorded by older versions' markers are found.
        const expected = store.indexesCommandIds ? [...a.events, ...b.events] : [];
        expect(found.map((e) => e.id)).toEqual(expected.map((e) => e.id));
        expect(await store.readByCommandId(`cmd-${randomUUID()}`)).toEqual([]);
      });

      test('head position is that of the newest event', async () => {
        const before = await store.headPosition();
        const result = await store.append(streams.next('head'), [event('A')], { expectedRevision: 'no_stream' });
        const after = await store.headPosition();

        expect(before).toBeGreaterThanOrEqual(-1);
        expect(after).toBeGreaterThanOrEqual(result.position);
        expect(after).toBeGreaterThan(before);
      });

      test('ping answers while the store is up', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('unique event ids', () => {
      test('an exact repeat of an append (same ids, same expected revision) returns the first result and appends nothing', async () => {
        const stream = streams.next('repeat');
        const events = [
          { id: randomUUID(), type: 'A', data: { n: 1 }, metadata: { commandId: randomUUID() } },
          { id: randomUUID(), type: 'B', data: { n: 2 } },
        ];
        await store.append(stream, [event('Before')], { expectedRevision: 'no_stream' });
        const first = await store.append(stream, events, { expectedRevision: 0 });
        const again = await store.append(stream, events, { expectedRevision: 0 });
        expect(again.events).toEqual(first.events);
        expect(again).toMatchObject({ nextExpectedRevision: 2, position: first.position });
        expect(await store.streamRevision(stream)).toBe(2);

        const other = [{ ...events[0]!, id: randomUUID() }, events[1]!];
        await expect(store.append(stream, other, { expectedRevision: 0 })).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
      });

      test('an id already in the log: refused (log-wide ids) or, per stream, never appended twice', async () => {
        const [stream, otherStream] = [streams.next('ids'), streams.next('ids-other')] as [string, string];
        const id = randomUUID();
        await store.append(stream, [{ id, type: 'A', data: {} }], { expectedRevision: 'no_stream' });

        const again = store.append(stream, [{ id, type: 'A', data: {} }], { expectedRevision: 'any' });
        const elsewhere = store.append(otherStream, [{ id, type: 'A', data: {} }], { expectedRevision: 'any' });
        if (traits.logWideEventIds) {
          for (const error of [await rejectionOf(again), await rejectionOf(elsewhere)]) {
            expect(error).toBeInstanceOf(DuplicateEventIdError);
            expect(error).toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: id });
          }
          expect(await store.streamRevision(otherStream)).toBeUndefined();
        } else {
          // EventStoreDB: a repeat in the same stream is an idempotent write; another stream may hold the id.
          expect((await again).events.map((e) => e.revision)).toEqual([0]);
          expect((await elsewhere).events.map((e) => e.id)).toEqual([id]);
        }
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      test('unique event ids: one append cannot carry the same id twice', async () => {
        const stream = streams.next('ids-twice');
        const id = randomUUID();
        const error = await rejectionOf(
          store.append(
            stream,
            [
              { id, type: 'A', data: {} },
              { id, type: 'B', data: {} },
            ],
            { expectedRevision: 'any' },
          ),
        );

        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await store.streamRevision(stream)).toBeUndefined();
      });
    });

    describe('stream metadata', () => {
      test('stream metadata is absent until set, then read back and replaced whole', async () => {
        const stream = streams.next('meta');
        expect(await store.getStreamMetadata(stream)).toBeUndefined();

        await store.setStreamMetadata(stream, { owner: 'finance', retentionYears: 7 });
        expect(await store.getStreamMetadata(stream)).toEqual({ owner: 'finance', retentionYears: 7 });

        await store.setStreamMetadata(stream, { owner: 'audit' });
        expect(await store.getStreamMetadata(stream)).toEqual({ owner: 'audit' });
      });

      test('stream metadata does not create the stream or change its revision', async () => {
        const stream = streams.next('meta-revision');
        await store.setStreamMetadata(stream, { owner: 'finance' });
        expect(await store.streamRevision(stream)).toBeUndefined();

        await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
        await store.setStreamMetadata(stream, { owner: 'audit' });
        expect(await store.streamRevision(stream)).toBe(0);
        expect(await store.getStreamMetadata(stream)).toEqual({ owner: 'audit' });
      });
    });

    describe('catch-up subscription to $all', () => {
      test('catch-up subscription from a checkpoint yields exactly the events after it, in order', async () => {
        const stream = streams.next('catch-up');
        const { events } = await appendNumbered(store, stream, 6);
        const checkpoint = (events[2] as RecordedEvent).position;
        const last = events[5] as RecordedEvent;

        const subscription = store.subscribeToAll({ afterPosition: checkpoint });
        const received = await collectUntil(subscription, (e) => e.id === last.id);

        expect(received.filter((e) => e.streamId === stream).map((e) => e.revision)).toEqual([3, 4, 5]);
        expect(received[0]?.position).toBeGreaterThan(checkpoint);
        expectStrictlyIncreasing(received.map((e) => e.position));
      });

      test(
        'catch-up subscription to $all from a checkpoint never skips or reorders an event while appends are concurrent',
        async () => {
          const race = new SubscriptionRace(store, streams);
          const checkpoint = await store.headPosition();
          const fromStart = race.follow(store.subscribeToAll({ afterPosition: checkpoint }));
          let fromMiddle: { checkpoint: number; received: Promise<RecordedEvent[]> } | undefined;

          await race.runWriters((acknowledged) => {
            // Join mid-race from an already acknowledged position: catch-up then live, while writes go on.
            if (fromMiddle === undefined && acknowledged.length >= (RACE_WRITERS * RACE_APPENDS_PER_WRITER) / 3) {
              const middle = (acknowledged[Math.floor(acknowledged.length / 2)] as RecordedEvent).position;
              fromMiddle = {
                checkpoint: middle,
                received: race.follow(store.subscribeToAll({ afterPosition: middle })),
              };
            }
          });
          await race.appendSentinel();

          const acknowledged = race.acknowledgedInPositionOrder();
          expect(acknowledged.length).toBeGreaterThanOrEqual(RACE_WRITERS * RACE_APPENDS_PER_WRITER);
          race.expectExactly(await fromStart, acknowledged);
          expect(fromMiddle).toBeDefined();
          const middle = fromMiddle as { checkpoint: number; received: Promise<RecordedEvent[]> };
          race.expectExactly(
            await middle.received,
            acknowledged.filter((e) => e.position > middle.checkpoint),
          );
          await race.expectConsecutiveRevisionsPerStream();
        },
        RACE_TIMEOUT_MS,
      );

      test('closing a subscription ends the iteration', async () => {
        const stream = streams.next('sub-close');
        const checkpoint = await store.headPosition();
        const subscription = store.subscribeToAll({ afterPosition: checkpoint });
        let seenOfOurs = 0;
        const consuming = (async () => {
          for await (const e of subscription) {
            if (e.streamId !== stream) continue;
            seenOfOurs += 1;
            await subscription.close();
          }
          return 'ended';
        })();

        await store.append(stream, [event('A'), event('B')], { expectedRevision: 'no_stream' });

        await expect(consuming).resolves.toBe('ended');
        expect(seenOfOurs).toBe(1);
      });

      test('aborting the signal ends the iteration, also while it waits for new events', async () => {
        const stream = streams.next('sub-abort');
        const controller = new AbortController();
        const subscription = store.subscribeToAll({
          afterPosition: await store.headPosition(),
          signal: controller.signal,
        });
        const received: string[] = [];
        const consuming = (async () => {
          for await (const e of subscription) {
            if (e.streamId !== stream) continue;
            received.push(e.id);
            // Abort from outside the loop body, once the subscription is back to waiting.
            setImmediate(() => controller.abort());
          }
          return 'ended';
        })();

        const { events } = await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });

        await expect(consuming).resolves.toBe('ended');
        expect(received).toEqual([events[0]?.id]);
      });
    });
  });
}

/** Unique stream names per test, so a shared live server never mixes tests' events. */
class StreamNames {
  private readonly runId = randomUUID().slice(0, 8);
  private count = 0;

  next(label: string): string {
    this.count += 1;
    return `contract_${label}-${this.runId}x${this.count}`;
  }
}

/**
 * Many writers append (own streams at exact revisions, one shared stream at `any`, some appends of
 * several events) while subscriptions follow `$all`; then every subscription must have seen exactly
 * the acknowledged events in position order. A sentinel appended after all writers finished tells
 * the followers where to stop.
 */
class SubscriptionRace {
  private readonly acknowledged: RecordedEvent[] = [];
  private readonly writerStreams: string[];
  private readonly sharedStream: string;
  private readonly sentinelStream: string;
  private readonly sentinelId = randomUUID();
  private readonly raceStreams: Set<string>;

  constructor(
    private readonly store: EventStore,
    streams: StreamNames,
  ) {
    this.writerStreams = range(0, RACE_WRITERS).map((writer) => streams.next(`race-writer${writer}`));
    this.sharedStream = streams.next('race-shared');
    this.sentinelStream = streams.next('race-sentinel');
    this.raceStreams = new Set([...this.writerStreams, this.sharedStream]);
  }

  async runWriters(onAcknowledged: (acknowledged: readonly RecordedEvent[]) => void): Promise<void> {
    await Promise.all(this.writerStreams.map((stream, writer) => this.write(writer, stream, onAcknowledged)));
  }

  private async write(
    writer: number,
    stream: string,
    onAcknowledged: (acknowledged: readonly RecordedEvent[]) => void,
  ) {
    let expected: number | 'no_stream' = 'no_stream';
    for (let index = 0; index < RACE_APPENDS_PER_WRITER; index += 1) {
      const toShared = index % 3 === 2;
      const eventCount = index % 5 === 4 ? 3 : 1;
      const events = range(0, eventCount).map((part) => event('Raced', { writer, index, part }));
      const result: AppendResult = toShared
        ? await this.store.append(this.sharedStream, events, { expectedRevision: 'any' })
        : await this.store.append(stream, events, { expectedRevision: expected });
      if (!toShared) expected = result.nextExpectedRevision;
      this.acknowledged.push(...result.events);
      onAcknowledged(this.acknowledged);
    }
  }

  appendSentinel(): Promise<AppendResult> {
    return this.store.append(this.sentinelStream, [{ id: this.sentinelId, type: 'RaceOver', data: {} }], {
      expectedRevision: 'no_stream',
    });
  }

  /** Collects this race's events from a subscription until the sentinel, checking order on every event. */
  follow(subscription: AllSubscription): Promise<RecordedEvent[]> {
    return collectUntil(subscription, (e) => e.id === this.sentinelId).then((received) => {
      expectStrictlyIncreasing(received.map((e) => e.position));
      return received.filter((e) => this.raceStreams.has(e.streamId));
    });
  }

  acknowledgedInPositionOrder(): RecordedEvent[] {
    return [...this.acknowledged].sort((a, b) => a.position - b.position);
  }

  expectExactly(received: RecordedEvent[], expected: RecordedEvent[]): void {
    expect(received.length).toBe(expected.length);
    expect(received.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(received).toEqual(expected);
  }

  async expectConsecutiveRevisionsPerStream(): Promise<void> {
    for (const stream of this.raceStreams) {
      const revisions = revisionsOf(await this.store.readStream(stream));
      expect(revisions).toEqual(range(0, revisions.length));
    }
  }
}

/** Iterates a subscription until `isLast` matches (inclusive), then closes it. */
async function collectUntil(
  subscription: AllSubscription,
  isLast: (e: RecordedEvent) => boolean,
): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  try {
    for await (const e of subscription) {
      received.push(e);
      if (isLast(e)) break;
    }
  } finally {
    await subscription.close();
  }
  return received;
}

function event(type: string, data: Record<string, unknown> = {}, metadata?: NewEvent['metadata']): NewEvent {
  return metadata === undefined ? { type, data } : { type, data, metadata };
}

async function appendNumbered(store: EventStore, stream: string, count: number): Promise<AppendResult> {
  return store.append(
    stream,
    range(0, count).map((index) => event('Numbered', { index })),
    { expectedRevision: 'no_stream' },
  );
}

async function appendError(
  store: EventStore,
  stream: string,
  expectedRevision: 'no_stream' | 'stream_exists' | number,
) {
  return rejectionOf(store.append(stream, [event('Rejected')], { expectedRevision }));
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

function revisionsOf(events: RecordedEvent[]): number[] {
  return events.map((e) => e.revision);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}

function expectStrictlyIncreasing(values: number[]): void {
  const outOfOrder = values.findIndex((value, index) => index > 0 && value <= (values[index - 1] as number));
  expect(outOfOrder).toBe(-1);
}
