import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError as EsdbWrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import {
  DuplicateEventIdError,
  MAX_READ_COUNT,
  WrongExpectedVersionError,
} from '../../libs/event-store/src/event-store.port';
import { EsdbEventStore } from '../../libs/event-store/src/esdb/esdb-event-store';
import {
  LEDGER_STREAMS_REGEX,
  assertAfter,
  boundedCount,
  checkStreamId,
  commandMarkerStream,
  eventIdStream,
  fromEsdbWrongExpectedVersion,
  isLedgerEvent,
  markerEventId,
  prepareAppend,
  readPositionAfter,
  toCommandMarker,
  toEsdbExpectedRevision,
  toEsdbReadStreamOptions,
  toRecordedEvent,
} from '../../libs/event-store/src/esdb/esdb-mapping';
import { describeEventStoreContract } from './event-store.contract';

const EVENTSTORE_URL = process.env['EVENTSTORE_URL'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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
    ];
    for (const name of names) expect(regex.test(name)).toBe(isLedgerEvent(name, 'SomethingHappened'));
    expect(names.filter((name) => regex.test(name))).toEqual(['enrolment-1', 'ledger-1']);
  });

  it('reserves system and bookkeeping stream names', () => {
    expect(() => checkStreamId('$all')).toThrow(/reserved/);
    expect(() => checkStreamId(commandMarkerStream('c-1'))).toThrow(/reserved/);
    expect(() => checkStreamId('enrolment-1')).not.toThrow();
  });

  it('prepares an append: lower-case ids, generated ids, one marker per run of a command id', () => {
    const upper = 'B3C1F5A2-8A4E-4F3B-9C1D-2E5F6A7B8C9D';
    const prepared = prepareAppend([
      { id: upper, type: 'A', data: {}, metadata: { commandId: 'cmd-1' } },
      { type: 'B', data: {}, metadata: { commandId: 'cmd-1' } },
      { type: 'C', data: {} },
      { type: 'D', data: {}, metadata: { commandId: 'cmd-2' } },
    ]);

    expect(prepared.ids[0]).toBe(upper.toLowerCase());
    expect(prepared.ids[1]).toMatch(UUID);
    expect(prepared.eventData.map((event) => event.id)).toEqual(prepared.ids);
    expect(prepared.markers).toEqual([
      { commandId: 'cmd-1', firstIndex: 0, count: 2, firstEventId: upper.toLowerCase() },
      { commandId: 'cmd-2', firstIndex: 3, count: 1, firstEventId: prepared.ids[3] },
    ]);
  });

  it('rejects an append that is empty, repeats an id, or uses a system event type', () => {
    const id = randomUUID();
    expect(() => prepareAppend([])).toThrow(/at least one event/);
    expect(() =>
      prepareAppend([
        { id, type: 'A', data: {} },
        { id, type: 'B', data: {} },
      ]),
    ).toThrow(DuplicateEventIdError);
    expect(() => prepareAppend([{ type: '$metadata', data: {} }])).toThrow(/reserved/);
    expect(() => prepareAppend([{ id: 'not-a-uuid', type: 'A', data: {} }])).toThrow(/UUID/);
  });

  it('derives a stable UUID for a command marker from the first event id', () => {
    const first = randomUUID();
    expect(markerEventId(first)).toBe(markerEventId(first));
    expect(markerEventId(first)).toMatch(UUID);
    expect(markerEventId(first)).not.toBe(markerEventId(randomUUID()));
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

if (EVENTSTORE_URL) {
  const url = EVENTSTORE_URL;

  describeEventStoreContract('eventstoredb', async () => {
    const store = EsdbEventStore.connect(url);
    return { store, cleanup: () => store.close() };
  });

  describe('EventStoreDB adapter against a live server', () => {
    let store: EsdbEventStore;

    beforeEach(() => {
      store = EsdbEventStore.connect(url);
    });

    afterEach(async () => {
      await store.close();
    });

    it('keeps command markers and id reservations out of $all', async () => {
      const before = await store.headPosition();
      const stream = `esdb-live-${randomUUID()}`;
      const result = await store.append(
        stream,
        [{ type: 'A', data: {}, metadata: { commandId: `cmd-${randomUUID()}` } }],
        {
          expectedRevision: 'no_stream',
        },
      );

      const read = await store.readAll({ afterPosition: before });
      expect(read.some((event) => event.streamId.startsWith('ledger-'))).toBe(false);
      expect(read.map((event) => event.id)).toContain(result.events[0]?.id);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
    });

    it('releases the ids of an append that failed its expected revision, so they can be used again', async () => {
      const stream = `esdb-live-${randomUUID()}`;
      const id = randomUUID();
      await expect(store.append(stream, [{ id, type: 'A', data: {} }], { expectedRevision: 3 })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );

      const result = await store.append(stream, [{ id, type: 'A', data: {} }], { expectedRevision: 'no_stream' });
      expect(result.events[0]?.id).toBe(id);
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
  });
}
