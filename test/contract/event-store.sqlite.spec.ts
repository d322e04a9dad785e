import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  DuplicateEventIdError,
  MAX_READ_COUNT,
  NewEvent,
  WrongExpectedVersionError,
} from '../../libs/event-store/src/event-store.port';
import {
  MAX_EVENTS_PER_APPEND,
  SqliteEventStore,
  SqliteEventStoreOptions,
} from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { describeEventStoreContract } from './event-store.contract';

/** A fresh directory per store, removed (with the WAL and shm files) by cleanup. */
async function temporaryStore(options: Partial<SqliteEventStoreOptions> = {}) {
  const directory = await mkdtemp(join(tmpdir(), 'ledger-sqlite-'));
  const file = join(directory, 'events.sqlite');
  const store = SqliteEventStore.open({ ...options, file });
  return {
    store,
    file,
    cleanup: async () => {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

describeEventStoreContract('SQLite', () => temporaryStore());

function event(type: string, data: Record<string, unknown> = {}, id?: string): NewEvent {
  return id === undefined ? { type, data } : { id, type, data };
}

describe('SQLite event store', () => {
  let opened: Awaited<ReturnType<typeof temporaryStore>>;
  const cleanups: Array<() => Promise<void>> = [];

  async function open(options: Partial<SqliteEventStoreOptions> = {}) {
    opened = await temporaryStore(options);
    cleanups.push(opened.cleanup);
    return opened;
  }

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  test('positions are gapless from 0 and the head of an empty log is -1', async () => {
    const { store } = await open();
    expect(await store.headPosition()).toBe(-1);

    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        store.append(`gapless-${index % 7}`, [event('A'), event('B')], { expectedRevision: 'any' }),
      ),
    );

    const positions = (await store.readAll()).map((e) => e.position);
    expect(positions).toEqual(Array.from({ length: 80 }, (_, index) => index));
    expect(await store.headPosition()).toBe(79);
  });

  test('group commit commits concurrent appends in fewer transactions than appends', async () => {
    const { store } = await open();
    const appendCount = 200;

    await Promise.all(
      Array.from({ length: appendCount }, (_, index) =>
        store.append(`group-${index}`, [event('A')], { expectedRevision: 'no_stream' }),
      ),
    );

    expect(store.stats.appends).toBe(appendCount);
    expect(store.stats.events).toBe(appendCount);
    expect(store.stats.commits).toBeLessThan(appendCount);
  });

  test('group commit honours maxBatchSize: no transaction holds more events than that', async () => {
    const { store } = await open({ maxBatchSize: 10 });

    await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        store.append(`capped-${index}`, [event('A')], { expectedRevision: 'any' }),
      ),
    );

    expect(store.stats.commits).toBeGreaterThanOrEqual(10);
  });

  test('without group commit every append is its own transaction', async () => {
    const { store } = await open({ groupCommit: false });
    const appendCount = 30;

    await Promise.all(
      Array.from({ length: appendCount }, (_, index) =>
        store.append(`single-${index}`, [event('A')], { expectedRevision: 'any' }),
      ),
    );

    expect(store.stats.commits).toBe(appendCount);
    expect((await store.readAll()).map((e) => e.position)).toEqual(Array.from({ length: appendCount }, (_, i) => i));
  });

  test('one conflicting append in a batch fails alone while the others commit', async () => {
    const { store } = await open();
    const takenId = randomUUID();
    await store.append('taken', [event('A', {}, takenId)], { expectedRevision: 'no_stream' });
    const commitsBefore = store.stats.commits;

    // Issued in one turn of the event loop, so they form one batch, in this order.
    const outcomes = await Promise.allSettled([
      store.append('batch-1', [event('Opened')], { expectedRevision: 'no_stream' }),
      store.append('batch-1', [event('Stale')], { expectedRevision: 5 }),
      store.append('batch-2', [event('Fine')], { expectedRevision: 'no_stream' }),
      store.append('batch-3', [event('Copy', {}, takenId)], { expectedRevision: 'any' }),
      store.append('batch-1', [event('Followed')], { expectedRevision: 0 }),
      store.append('batch-2', [event('Again')], { expectedRevision: 'no_stream' }),
    ]);

    expect(store.stats.commits).toBe(commitsBefore + 1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new WrongExpectedVersionError('batch-1', 5, 0));
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect((outcomes[5] as PromiseRejectedResult).reason).toMatchObject({ expected: 'no_stream', actual: 0 });
    expect((await store.readStream('batch-1')).map((e) => [e.type, e.revision])).toEqual([
      ['Opened', 0],
      ['Followed', 1],
    ]);
    expect((await store.readStream('batch-2')).map((e) => e.type)).toEqual(['Fine']);
    expect(await store.streamRevision('batch-3')).toBeUndefined();
    expect((await store.readAll()).map((e) => e.position)).toEqual([0, 1, 2, 3]);
    expect(await store.verifyChain()).toEqual({ ok: true, checked: 4 });
  });

  test('acknowledged events survive close and reopen, with their stream revisions and metadata', async () => {
    const { store, file } = await open();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        store.append(`durable-${index % 5}`, [event('A', { index })], { expectedRevision: 'any' }),
      ),
    );
    await store.setStreamMetadata('durable-0', { owner: 'finance' });
    await store.close();

    const reopened = SqliteEventStore.open({ file });
    cleanups.push(() => reopened.close());
    const all = await reopened.readAll();
    expect(all.map((e) => e.id)).toEqual(results.flatMap((result) => result.events.map((e) => e.id)));
    expect(await reopened.streamRevision('durable-3')).toBe(4);
    expect(await reopened.getStreamMetadata('durable-0')).toEqual({ owner: 'finance' });
    expect(await reopened.verifyChain()).toEqual({ ok: true, checked: 25 });
  });

  test('close commits appends still queued before it closes the file', async () => {
    const { store, file } = await open();
    const pending = store.append('queued', [event('A')], { expectedRevision: 'no_stream' });
    await store.close();

    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0, position: 0 });
    await expect(store.append('queued', [event('B')], { expectedRevision: 0 })).rejects.toThrow(/closed/);
    const reopened = SqliteEventStore.open({ file });
    cleanups.push(() => reopened.close());
    expect((await reopened.readStream('queued')).map((e) => e.type)).toEqual(['A']);
  });

  test('the hash chain verifies, and altering one stored event makes verification name exactly that event', async () => {
    const { store, file } = await open();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        store.append(`chain-${index % 3}`, [event('A', { index })], { expectedRevision: 'any' }),
      ),
    );
    expect(await store.verifyChain()).toEqual({ ok: true, checked: 30 });
    const victim = results[17]?.events[0];
    expect(victim).toBeDefined();

    const intruder = new Database(file);
    try {
      // The triggers refuse ordinary edits; a tamperer with file access can drop them, the chain still tells.
      expect(() =>
        intruder.prepare('UPDATE events SET data = ? WHERE event_id = ?').run('{"index":999}', victim?.id),
      ).toThrow(/immutable/);
      intruder.exec('DROP TRIGGER events_are_immutable_update');
      const changed = intruder
        .prepare('UPDATE events SET data = ? WHERE event_id = ?')
        .run('{"index":999}', victim?.id);
      expect(changed.changes).toBe(1);
    } finally {
      intruder.close();
    }

    expect(await store.verifyChain()).toEqual({
      ok: false,
      reason: 'altered',
      checked: victim?.position,
      position: victim?.position,
      eventId: victim?.id,
    });
  });

  test('the hash chain names the first event after one that was deleted', async () => {
    const { store, file } = await open();
    await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        store.append(`deleted-${index}`, [event('A')], { expectedRevision: 'any' }),
      ),
    );
    const third = (await store.readAll())[3];

    const intruder = new Database(file);
    try {
      intruder.exec('DROP TRIGGER events_are_immutable_delete');
      intruder.prepare('DELETE FROM events WHERE position = 2').run();
    } finally {
      intruder.close();
    }

    expect(await store.verifyChain()).toEqual({
      ok: false,
      reason: 'altered',
      checked: 2,
      position: 3,
      eventId: third?.id,
    });
  });

  test('the hash chain verifies across many pages', async () => {
    const { store } = await open();
    const perAppend = 500;
    for (let round = 0; round < 5; round += 1) {
      await store.append(
        'pages',
        Array.from({ length: perAppend }, () => event('A')),
        { expectedRevision: 'any' },
      );
    }

    expect(await store.verifyChain()).toEqual({ ok: true, checked: 5 * perAppend });
  });

  test('a second store on the same file sees appends through polling, and both writers keep the log gapless', async () => {
    const { store: first, file } = await open({ pollIntervalMs: 5 });
    const second = SqliteEventStore.open({ file, pollIntervalMs: 5 });
    cleanups.push(() => second.close());
    const subscription = second.subscribeToAll();
    const received: string[] = [];
    const lastId = randomUUID();
    const consuming = (async () => {
      for await (const e of subscription) {
        received.push(e.id);
        if (e.id === lastId) break;
      }
    })();

    const writes = Array.from({ length: 40 }, (_, index) =>
      (index % 2 === 0 ? first : second).append(`shared-${index % 4}`, [event('A', { index })], {
        expectedRevision: 'any',
      }),
    );
    await Promise.all(writes);
    await first.append('last', [event('Last', {}, lastId)], { expectedRevision: 'no_stream' });
    await consuming;

    const log = await first.readAll();
    expect(log.map((e) => e.position)).toEqual(Array.from({ length: 41 }, (_, index) => index));
    expect(received).toEqual(log.map((e) => e.id));
    expect(await second.verifyChain()).toEqual({ ok: true, checked: 41 });
    for (let stream = 0; stream < 4; stream += 1) {
      expect((await second.readStream(`shared-${stream}`)).map((e) => e.revision)).toEqual([...Array(10).keys()]);
    }
  });

  test('closing the store ends its subscriptions', async () => {
    const { store } = await open();
    const subscription = store.subscribeToAll();
    const consuming = (async () => {
      let count = 0;
      for await (const _ of subscription) count += 1;
      return count;
    })();
    await store.append('closing', [event('A')], { expectedRevision: 'no_stream' });

    await store.close();

    await expect(consuming).resolves.toBeLessThanOrEqual(1);
  });

  test('record time comes from the injected clock, in UTC', async () => {
    const { store } = await open({ clock: () => new Date('2025-06-30T23:30:00+02:00') });

    const { events } = await store.append('clocked', [event('A')], { expectedRevision: 'no_stream' });

    expect(events[0]?.recordedAt).toBe('2025-06-30T21:30:00.000Z');
  });

  test('reads are capped at MAX_READ_COUNT', async () => {
    const { store } = await open();
    const batch = Array.from({ length: MAX_EVENTS_PER_APPEND }, () => event('A'));
    await store.append('big', batch, { expectedRevision: 'any' });
    await store.append('big', [event('B'), event('C')], { expectedRevision: 'any' });

    expect(await store.readStream('big', { maxCount: MAX_READ_COUNT + 100 })).toHaveLength(MAX_READ_COUNT);
    expect(await store.readAll({ maxCount: Number.MAX_SAFE_INTEGER })).toHaveLength(MAX_READ_COUNT);
    expect(await store.readAll()).toHaveLength(MAX_READ_COUNT);
  });

  test('invalid appends are refused before they reach the queue', async () => {
    const { store } = await open();

    await expect(store.append('bad', [], { expectedRevision: 'any' })).rejects.toThrow(/at least one event/);
    await expect(
      store.append('bad', [{ id: 'not-a-uuid', type: 'A', data: {} }], { expectedRevision: 'any' }),
    ).rejects.toThrow(/UUID/);
    await expect(
      store.append('bad', [event('A', { amount: Number.NaN })], { expectedRevision: 'any' }),
    ).rejects.toThrow(/Non-finite/);
    await expect(store.append('bad', [event('A')], { expectedRevision: -1 })).rejects.toThrow(/Expected revision/);
    await expect(store.append('', [event('A')], { expectedRevision: 'any' })).rejects.toThrow(/Stream id/);
    await expect(
      store.append('bad', [event('A', { blob: 'x'.repeat(1024 * 1024) })], { expectedRevision: 'any' }),
    ).rejects.toThrow(/bytes/);
    expect(await store.headPosition()).toBe(-1);
    expect(store.stats.commits).toBe(0);
  });

  test('data is stored as canonical JSON, so key order does not change the stored bytes', async () => {
    const { store, file } = await open();
    await store.append(
      'canonical',
      [event('A', { b: 1, a: { d: 2, c: 3 } }), event('B', { a: { c: 3, d: 2 }, b: 1 })],
      {
        expectedRevision: 'no_stream',
      },
    );

    const reader = new Database(file, { readonly: true });
    try {
      const stored = reader.prepare('SELECT data FROM events ORDER BY position').pluck().all();
      expect(stored).toEqual(['{"a":{"c":3,"d":2},"b":1}', '{"a":{"c":3,"d":2},"b":1}']);
    } finally {
      reader.close();
    }
  });

  test('snapshots live in their own file beside the log: one per stream, the newest wins, another version reads as none', async () => {
    const { store, file } = await open();
    expect(store.snapshots).toBeDefined();
    const snapshot = (revision: number, version = 'participant@1') => ({
      streamId: 'participant-p1',
      version,
      revision,
      eventId: randomUUID(),
      body: `{"revision":${revision}}`,
    });
    await store.snapshots!.writeSnapshot(snapshot(10));
    await store.snapshots!.writeSnapshot(snapshot(20));
    expect(await store.snapshots!.readSnapshot('participant-p1', 'participant@1')).toMatchObject({
      revision: 20,
      body: '{"revision":20}',
    });
    expect(await store.snapshots!.readSnapshot('participant-p1', 'participant@2')).toBeUndefined();
    expect(await store.snapshots!.readSnapshot('participant-p2', 'participant@1')).toBeUndefined();
    const rows = new Database(file.replace(/events\.sqlite$/, 'events.snapshots.sqlite'), { readonly: true });
    try {
      expect(rows.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(1);
    } finally {
      rows.close();
    }
  });

  test('a snapshot file that cannot be opened leaves the log working, without snapshots', async () => {
    const { store } = await open({ snapshotFile: '/dev/null/snapshots.sqlite' });
    expect(store.snapshots).toBeUndefined();
    await store.append('s', [event('A')], { expectedRevision: 'no_stream' });
    expect(await store.streamRevision('s')).toBe(0);
  });

  test('refuses a file that is not an enrolment-ledger event log', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ledger-sqlite-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, 'foreign.sqlite');
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE something (x INTEGER)');
    foreign.pragma('application_id = 42');
    foreign.close();

    expect(() => SqliteEventStore.open({ file })).toThrow(/Not an enrolment-ledger event log/);
  });
});
