import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import {
  CancelledError,
  DeadlineExceededError,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  DuplicateEventIdError,
  EventStoreDeadlineError,
  MAX_APPEND_BYTES,
  MAX_READ_COUNT,
  WrongExpectedVersionError,
} from '../../libs/event-store/src/event-store.port';
import { EsdbEventStore } from '../../libs/event-store/src/esdb/esdb-event-store';
import {
  LEDGER_STREAMS_REGEX,
  assertAfter,
  boundedCount,
  checkConnectionString,
  checkStreamId,
  commandMarkerStream,
  eventIdStream,
  fromEsdbWrongExpectedVersion,
  isLedgerEvent,
  prepareAppend,
  readPositionAfter,
  snapshotStream,
  toAppendError,
  toCommandMarker,
  toEsdbExpectedRevision,
  toEsdbReadStreamOptions,
  toRecordedEvent,
} from '../../libs/event-store/src/esdb/esdb-mapping';
import { closeChannelOnDispose, collectWithDeadline } from '../../libs/event-store/src/esdb/esdb-deadlines';
import { describeEventStoreContract } from './event-store.contract';
import { CommandPipeline, ManualClock, type CommandResult } from '@ledger/application';
import type { EventStore } from '@ledger/event-store';
import { createRulebookRegistry } from '@ledger/regulations';
import { bookingDecider, bookingEnvelope } from '../support/booking-decider';
import { FAULTS, FaultyStore, InjectedFault } from '../support/faulty-store';

const EVENTSTORE_URL = process.env['EVENTSTORE_URL'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** gRPC connectivity state of a closed channel. */
const SHUTDOWN = 4;

/** A resolved event as the client delivers it from a read of `$all`. */
function resolvedEvent(overrides: Partial<Record<string, unknown>> = {}): AllStreamResolvedEvent {
  return {
    event: {
      streamId: 'enrolment-1',
      id: 'b3c1f5a2-8a4e-4f3b-9c1d-2e5f6a7b8c9d',
      isJson: true,
      revision: 3n,
      type: 'EnrolmentRegistered',
      created: new Date('2025-03-01T09:00:00.000Z'),
      data: { enrolmentId: 'e-1', amountCents: 12_500 },
      metadata: { commandId: 'cmd-1' },
      position: { commit: 4_096n, prepare: 4_096n },
      ...overrides,
    },
  } as AllStreamResolvedEvent;
}

describe('EventStoreDB mapping (no server needed)', () => {
  it('maps every expected revision onto the client', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(7)).toBe(7n);
  });

  it("maps the client's wrong-expected-version error to the port's, with the actual revision", () => {
    const existing = new EsdbWrongExpectedVersionError(undefined, { streamName: 's', expected: 5n, current: 2n });
    const missing = new EsdbWrongExpectedVersionError(undefined, {
      streamName: 's',
      expected: 'stream_exists',
      current: 'no_stream',
    });

    const mappedExisting = fromEsdbWrongExpectedVersion(existing, 's', 5);
    expect(mappedExisting).toBeInstanceOf(WrongExpectedVersionError);
    expect(mappedExisting).toMatchObject({ streamId: 's', expected: 5, actual: 2, code: 'WRONG_EXPECTED_VERSION' });
    expect(fromEsdbWrongExpectedVersion(missing, 's', 'stream_exists')).toMatchObject({ actual: 'no_stream' });
  });

  it('maps a recorded event: commit position, revision, record time, empty metadata as {}', () => {
    expect(toRecordedEvent(resolvedEvent())).toEqual({
      id: 'b3c1f5a2-8a4e-4f3b-9c1d-2e5f6a7b8c9d',
      streamId: 'enrolment-1',
      revision: 3,
      position: 4_096,
      type: 'EnrolmentRegistered',
      data: { enrolmentId: 'e-1', amountCents: 12_500 },
      metadata: { commandId: 'cmd-1' },
      recordedAt: '2025-03-01T09:00:00.000Z',
    });
    expect(toRecordedEvent(resolvedEvent({ metadata: undefined }))?.metadata).toEqual({});
  });

  it('hides system events, system streams and the bookkeeping streams', () => {
    expect(toRecordedEvent(resolvedEvent({ type: '$metadata' }))).toBeUndefined();
    expect(toRecordedEvent(resolvedEvent({ streamId: '$$enrolment-1' }))).toBeUndefined();
    expect(toRecordedEvent(resolvedEvent({ streamId: commandMarkerStream('cmd-1') }))).toBeUndefined();
    expect(toRecordedEvent(resolvedEvent({ streamId: eventIdStream(randomUUID()) }))).toBeUndefined();
    expect(toRecordedEvent(resolvedEvent({ streamId: snapshotStream('participant-p1') }))).toBeUndefined();
    expect(toRecordedEvent({} as ResolvedEvent)).toBeUndefined();
  });

  it('refuses events it cannot represent instead of dropping them', () => {
    expect(() => toRecordedEvent(resolvedEvent({ isJson: false, data: new Uint8Array([1]) }))).toThrow(
      /not a JSON object/,
    );
    expect(() => toRecordedEvent(resolvedEvent({ position: undefined }))).toThrow(/22\.6/);
    const unknown = 2n ** 64n - 1n;
    expect(() => toRecordedEvent(resolvedEvent({ position: { commit: unknown, prepare: unknown } }))).toThrow(/22\.6/);
  });

  it('the server-side stream filter matches what the client-side check lets through', () => {
    const regex = new RegExp(LEDGER_STREAMS_REGEX);
    const names = [
      'enrolment-1',
      'ledger-1',
      '$settings',
      '$$enrolment-1',
      '$ce-enrolment',
      commandMarkerStream('c-1'),
      eventIdStream(randomUUID()),
      snapshotStream('participant-p1'),
    ];
    for (const name of names) expect(regex.test(name)).toBe(isLedgerEvent(name, 'SomethingHappened'));
    expect(names.filter((name) => regex.test(name))).toEqual(['enrolment-1', 'ledger-1']);
  });

  it('reserves system and bookkeeping stream names', () => {
    expect(() => checkStreamId('$all')).toThrow(/reserved/);
    expect(() => checkStreamId(commandMarkerStream('c-1'))).toThrow(/reserved/);
    expect(() => checkStreamId(snapshotStream('participant-p1'))).toThrow(/reserved/);
    expect(() => checkStreamId('enrolment-1')).not.toThrow();
  });

  it('prepares an append: lower-case ids, generated ids, the bytes it counts against the limit', () => {
    const upper = 'B3C1F5A2-8A4E-4F3B-9C1D-2E5F6A7B8C9D';
    const prepared = prepareAppend(
      'enrolment-1',
      [
        { id: upper, type: 'A', data: {}, metadata: { commandId: 'cmd-1' } },
        { type: 'B', data: { name: 'Zoë' } },
      ],
      MAX_APPEND_BYTES,
    );

    expect(prepared.ids[0]).toBe(upper.toLowerCase());
    expect(prepared.ids[1]).toMatch(UUID);
    expect(prepared.eventData.map((event) => event.id)).toEqual(prepared.ids);
    // type + data + metadata as UTF-8 JSON: 'A' {} {"commandId":"cmd-1"}, 'B' {"name":"Zoë"} {}
    expect(prepared.bytes).toBe(1 + 2 + 21 + 1 + 15 + 2);
  });

  it('rejects an append that is empty, repeats an id, or uses a system event type', () => {
    const id = randomUUID();
    const prepare = (events: Parameters<typeof prepareAppend>[1]) => prepareAppend('s', events, MAX_APPEND_BYTES);
    expect(() => prepare([])).toThrow(/at least one event/);
    expect(() =>
      prepare([
        { id, type: 'A', data: {} },
        { id, type: 'B', data: {} },
      ]),
    ).toThrow(DuplicateEventIdError);
    expect(() => prepare([{ type: '$metadata', data: {} }])).toThrow(/reserved/);
    expect(() => prepare([{ id: 'not-a-uuid', type: 'A', data: {} }])).toThrow(/UUID/);
  });

  it('refuses an append over the byte limit before sending anything, naming the stream and the sizes', () => {
    const big = { type: 'A', data: { text: 'x'.repeat(600_000) } };
    expect(() => prepareAppend('enrolment-1', [big], MAX_APPEND_BYTES)).not.toThrow();
    const error = (() => {
      try {
        prepareAppend('enrolment-1', [big, big], MAX_APPEND_BYTES);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppendTooLargeError);
    expect(error).toMatchObject({ code: 'APPEND_TOO_LARGE', streamId: 'enrolment-1', limitBytes: MAX_APPEND_BYTES });
    expect((error as AppendTooLargeError).bytes).toBeGreaterThan(1_200_000);
    expect((error as Error).message).toMatch(/enrolment-1.*1000000 bytes per append/);
  });

  it('maps append failures: a lost race, the server size limit, and calls that ended without an answer', () => {
    const race = new EsdbWrongExpectedVersionError(undefined, { streamName: 's', expected: 1n, current: 2n });
    expect(toAppendError(race, 's', 1)).toBeInstanceOf(WrongExpectedVersionError);
    const tooLarge = toAppendError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 's', 1);
    expect(tooLarge).toBeInstanceOf(AppendTooLargeError);
    expect(tooLarge).toMatchObject({ limitBytes: 1_048_576, bytes: undefined });
    for (const silent of [
      new DeadlineExceededError(undefined),
      new UnavailableError(undefined),
      new CancelledError(undefined),
      new EventStoreDeadlineError('append to s', 100),
    ]) {
      const mapped = toAppendError(silent, 's', 1);
      expect(mapped).toBeInstanceOf(AppendOutcomeUnknownError);
      expect(mapped).toMatchObject({ code: 'APPEND_OUTCOME_UNKNOWN', streamId: 's', cause: silent });
    }
    const other = new TypeError('bad');
    expect(toAppendError(other, 's', 1)).toBe(other);
  });

  it('refuses connection-string options that change error semantics, naming them', () => {
    expect(() => checkConnectionString('esdb://localhost:2113?tls=false')).not.toThrow();
    expect(() => checkConnectionString('esdb://localhost:2113?tls=false&throwOnAppendFailure=true')).not.toThrow();
    expect(() => checkConnectionString('esdb://localhost:2113?tls=false&throwOnAppendFailure=false')).toThrow(
      /throwOnAppendFailure=false is not supported/,
    );
    expect(() => checkConnectionString('esdb+discover://a:2113,b:2113?ThrowOnAppendFailure=FALSE')).toThrow(
      /ThrowOnAppendFailure=FALSE/,
    );
    expect(() => checkConnectionString('http://localhost:2113')).toThrow(/esdb:\/\//);
    expect(() => EsdbEventStore.connect('esdb://localhost:2113?throwOnAppendFailure=false')).toThrow(
      /throwOnAppendFailure/,
    );
  });

  it('reads a command marker back and rejects a malformed one', () => {
    const marker = jsonEvent({
      type: 'LedgerCommandRecorded',
      data: { streamId: 'enrolment-1', firstRevision: 4, count: 2 },
    });
    const resolved = {
      event: { ...marker, streamId: 'ledger-command-c', revision: 0n, isJson: true },
    } as unknown as ResolvedEvent;
    expect(toCommandMarker(resolved)).toEqual({ streamId: 'enrolment-1', firstRevision: 4, count: 2 });
    const malformed = {
      event: { ...marker, data: { streamId: 'x' }, streamId: 'ledger-command-c', isJson: true },
    } as unknown as ResolvedEvent;
    expect(() => toCommandMarker(malformed)).toThrow(/Malformed command marker/);
  });

  it('reads $all from the start or from the checkpoint itself (dropped by the caller)', () => {
    expect(readPositionAfter(-1)).toBe('start');
    expect(readPositionAfter(4_096)).toEqual({ commit: 4_096n, prepare: 4_096n });
  });

  it('refuses a position that does not follow the previous one', () => {
    const event = toRecordedEvent(resolvedEvent())!;
    expect(() => assertAfter(4_095, event)).not.toThrow();
    expect(() => assertAfter(4_096, event)).toThrow(/does not follow/);
  });

  it('maps stream read options and caps the count', () => {
    expect(toEsdbReadStreamOptions({}, 10)).toEqual({ direction: 'forwards', fromRevision: 'start', maxCount: 10n });
    expect(toEsdbReadStreamOptions({ direction: 'backwards' }, 10)).toMatchObject({ fromRevision: 'end' });
    expect(toEsdbReadStreamOptions({ fromRevision: 3 }, 10)).toMatchObject({ fromRevision: 3n });
    expect(boundedCount(undefined)).toBe(MAX_READ_COUNT);
    expect(boundedCount(MAX_READ_COUNT * 10)).toBe(MAX_READ_COUNT);
    expect(() => boundedCount(-1)).toThrow(RangeError);
  });

  it('connects lazily: creating and closing a store needs no server, and a closed store refuses work', async () => {
    const store = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false');
    await store.close();
    await expect(store.readStream('enrolment-1')).rejects.toThrow(/closed/);
  });
});

/**
 * A server that accepts connections and never answers: reachable but stuck. Every call must end
 * within its deadline anyway, so /health (ping) answers whatever the server does.
 */
describe('EventStoreDB adapter against a stuck server (no EventStoreDB needed)', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let url: string;
  const deadlines = {
    readDeadlineMs: 300,
    appendDeadlineMs: 300,
    pingDeadlineMs: 300,
    subscriptionConfirmationMs: 300,
  };

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `esdb://127.0.0.1:${(server.address() as { port: number }).port}?tls=false`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('ping, reads and metadata end with EventStoreDeadlineError after their deadline', async () => {
    const store = EsdbEventStore.connect(url, deadlines);
    try {
      const startedAt = Date.now();
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreDeadlineError);
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      await expect(store.readStream('enrolment-1')).rejects.toBeInstanceOf(EventStoreDeadlineError);
      await expect(store.readAll({ maxCount: 10 })).rejects.toBeInstanceOf(EventStoreDeadlineError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreDeadlineError);
      await expect(store.streamRevision('enrolment-1')).rejects.toBeInstanceOf(EventStoreDeadlineError);
      await expect(store.getStreamMetadata('enrolment-1')).rejects.toBeInstanceOf(EventStoreDeadlineError);
      await expect(store.readByCommandId('cmd-1')).rejects.toBeInstanceOf(EventStoreDeadlineError);
    } finally {
      await store.close();
    }
  });

  it('an append without an answer ends as an unknown outcome (the pipeline then reads the stream again)', async () => {
    const store = EsdbEventStore.connect(url, deadlines);
    try {
      await expect(
        store.append('enrolment-1', [{ type: 'A', data: {} }], { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(AppendOutcomeUnknownError);
    } finally {
      await store.close();
    }
  });

  it('a subscription the server never confirms ends with EventStoreDeadlineError', async () => {
    const store = EsdbEventStore.connect(url, deadlines);
    try {
      const subscription = store.subscribeToAll();
      const next = subscription[Symbol.asyncIterator]().next();
      await expect(next).rejects.toBeInstanceOf(EventStoreDeadlineError);
    } finally {
      await store.close();
    }
  });

  it('snapshots: none readable in time reads as none, and a write that cannot be made is skipped', async () => {
    const store = EsdbEventStore.connect(url, deadlines);
    try {
      await expect(store.snapshots.readSnapshot('participant-p1', 'participant@1')).resolves.toBeUndefined();
      await expect(
        store.snapshots.writeSnapshot({
          streamId: 'participant-p1',
          version: 'participant@1',
          revision: 3,
          eventId: randomUUID(),
          body: '{}',
        }),
      ).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('close() closes the gRPC channel the client opened (dispose() alone leaves it open)', async () => {
    const client = EventStoreDBClient.connectionString(url);
    const channel = closeChannelOnDispose(client);
    await collectWithDeadline('a read', 200, client.readAll({ maxCount: 1 })).catch(() => undefined);
    expect(channel.current()).toBeDefined();
    await client.dispose();
    expect(channel.current()!.getConnectivityState(false)).not.toBe(SHUTDOWN);
    await channel.close();
    expect(channel.current()!.getConnectivityState(false)).toBe(SHUTDOWN);
  });
});

if (EVENTSTORE_URL) {
  const url = EVENTSTORE_URL;

  describeEventStoreContract(
    'eventstoredb',
    async () => {
      const store = EsdbEventStore.connect(url);
      return { store, cleanup: () => store.close() };
    },
    { logWideEventIds: false },
  );

  describe('EventStoreDB adapter against a live server', () => {
    let store: EsdbEventStore;
    let client: EventStoreDBClient;

    beforeEach(() => {
      store = EsdbEventStore.connect(url);
      client = EventStoreDBClient.connectionString(url);
    });

    afterEach(async () => {
      await store.close();
      await client.dispose();
    });

    it('writes no ledger-command-* or ledger-event-id-* streams', async () => {
      const before = await store.headPosition();
      const stream = `esdb-live-${randomUUID()}`;
      const commandId = `cmd-${randomUUID()}`;
      const result = await store.append(stream, [{ type: 'A', data: {}, metadata: { commandId } }], {
        expectedRevision: 'no_stream',
      });
      const raw: string[] = [];
      for await (const resolved of client.readAll({
        fromPosition: { commit: BigInt(before), prepare: BigInt(before) },
      }))
        if (resolved.event) raw.push(resolved.event.streamId);
      expect(raw).toContain(stream);
      expect(raw.filter((name) => name.startsWith('ledger-command-') || name.startsWith('ledger-event-id-'))).toEqual(
        [],
      );
      expect(await store.readByCommandId(commandId)).toEqual([]);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
    });

    it('still finds commands recorded by older versions through their marker streams', async () => {
      const stream = `esdb-live-${randomUUID()}`;
      const commandId = `cmd-${randomUUID()}`;
      const appended = await store.append(stream, [{ type: 'A', data: {}, metadata: { commandId } }], {
        expectedRevision: 'no_stream',
      });
      await client.appendToStream(
        commandMarkerStream(commandId),
        jsonEvent({ type: 'LedgerCommandRecorded', data: { streamId: stream, firstRevision: 0, count: 1 } }),
      );
      expect((await store.readByCommandId(commandId)).map((event) => event.id)).toEqual([appended.events[0]!.id]);
    });

    it('an append over the server limit is refused before sending; the server refusal maps the same way', async () => {
      const stream = `esdb-live-${randomUUID()}`;
      const big = { type: 'A', data: { text: 'x'.repeat(600_000) } };
      await expect(store.append(stream, [big, big], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        AppendTooLargeError,
      );
      const lenient = EsdbEventStore.connect(url, { maxAppendBytes: 50_000_000 });
      try {
        await expect(lenient.append(stream, [big, big, big], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          AppendTooLargeError,
        );
      } finally {
        await lenient.close();
      }
      expect(await store.streamRevision(stream)).toBeUndefined();
    });

    it('snapshots round-trip, keep only the newest, and stay out of $all', async () => {
      const before = await store.headPosition();
      const streamId = `participant-${randomUUID()}`;
      for (const revision of [10, 20, 30])
        await store.snapshots.writeSnapshot({
          streamId,
          version: 'v1',
          revision,
          eventId: randomUUID(),
          body: `{"r":${revision}}`,
        });
      expect(await store.snapshots.readSnapshot(streamId, 'v1')).toMatchObject({ revision: 30, body: '{"r":30}' });
      expect(await store.snapshots.readSnapshot(streamId, 'v2')).toBeUndefined();
      const read = await store.readAll({ afterPosition: before });
      expect(read.some((event) => event.streamId.startsWith('ledger-'))).toBe(false);
    });

    it('positions of a multi-event append are distinct and increasing', async () => {
      const stream = `esdb-live-${randomUUID()}`;
      const result = await store.append(
        stream,
        [
          { type: 'A', data: {} },
          { type: 'B', data: {} },
          { type: 'C', data: {} },
        ],
        {
          expectedRevision: 'no_stream',
        },
      );
      const positions = result.events.map((event) => event.position);
      expect(new Set(positions).size).toBe(3);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(result.position).toBe(positions[2]);
    });

    it('ping answers while the server is up', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  describe('the command pipeline on EventStoreDB under injected faults', () => {
    const opened: EsdbEventStore[] = [];
    const open = () => {
      const store = EsdbEventStore.connect(url);
      opened.push(store);
      return store;
    };
    const pipelineOn = (store: EventStore) =>
      new CommandPipeline(store, createRulebookRegistry(), new ManualClock(new Date('2026-03-01T09:00:00Z')), {
        snapshotEveryEvents: 10,
        onWarning: () => undefined,
      });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it.each(FAULTS)('%s: booked once, and every answer is the same', async (fault) => {
      const show = randomUUID();
      const seeding = pipelineOn(open());
      for (let n = 1; n <= 15; n++) {
        const command = { show, bookingId: `b${n}`, seats: 2 };
        await seeding.execute(bookingDecider, command, bookingEnvelope(command));
      }
      const command = { show, bookingId: 'b100', seats: 3 };
      const attempt = (pipeline: CommandPipeline) =>
        pipeline.execute(bookingDecider, command, bookingEnvelope(command)).catch((error: Error) => error);
      const faulty = pipelineOn(new FaultyStore(open(), fault));
      const first = await attempt(faulty);
      if (first instanceof Error) expect(first).toBeInstanceOf(InjectedFault);
      const answers = [
        first,
        await attempt(faulty),
        await attempt(pipelineOn(open())),
        await attempt(pipelineOn(open())),
      ]
        .filter((answer): answer is CommandResult => !(answer instanceof Error))
        .map((answer) => answer.events.map((event) => event.id));
      expect(answers.length).toBeGreaterThanOrEqual(3);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      const stream = await open().readStream(`show-${show}`);
      expect(stream.filter((event) => event.data['bookingId'] === 'b100').map((event) => event.id)).toEqual(answers[0]);
      expect(stream).toHaveLength(16);
    });

    it('copies of the same commands racing in two pipelines: each booked once, both get the same answers', async () => {
      const show = randomUUID();
      const [a, b] = [pipelineOn(open()), pipelineOn(open())];
      const book = (pipeline: CommandPipeline, n: number) => {
        const command = { show, bookingId: `b${n}`, seats: 1 };
        return pipeline.execute(bookingDecider, command, bookingEnvelope(command));
      };
      const numbers = Array.from({ length: 20 }, (_, i) => i + 1);
      const [ours, theirs] = await Promise.all([
        Promise.all(numbers.map((n) => book(a, n))),
        Promise.all(numbers.map((n) => book(b, n))),
      ]);
      numbers.forEach((_, i) => expect(theirs[i]!.events.map((e) => e.id)).toEqual(ours[i]!.events.map((e) => e.id)));
      expect(await open().readStream(`show-${show}`)).toHaveLength(numbers.length);
    });
  });
}
