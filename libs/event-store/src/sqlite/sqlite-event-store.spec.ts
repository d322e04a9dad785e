import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuplicateEventIdError } from '../event-store.port';
import { GENESIS_HASH, canonicalEventBytes, chainHash } from './hash-chain';
import { SqliteEventStore } from './sqlite-event-store';

describe('hash chain', () => {
  const fields = {
    position: 2 ** 40 + 7,
    eventId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    streamId: 'enrolment-ü-😀',
    revision: 3,
    type: 'EnrolmentRegistered',
    dataJson: '{"a":"é","b":[1,2]}',
    metadataJson: '{}',
    recordedAt: '2026-03-02T09:00:00.000Z',
  };

  test('the one-shot digest equals sha256(previous hash || canonical bytes)', () => {
    const previous = createHash('sha256').update('previous').digest();
    for (const previousHash of [GENESIS_HASH, previous]) {
      const expected = createHash('sha256').update(previousHash).update(canonicalEventBytes(fields)).digest();
      expect(chainHash(previousHash, fields).equals(expected)).toBe(true);
    }
  });

  test('the previous hash must be 32 bytes', () => {
    expect(() => chainHash(Buffer.alloc(31), fields)).toThrow(RangeError);
  });
});

describe('SQLite event store: duplicate event ids in a group commit', () => {
  let directory: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-duplicates-'));
    store = SqliteEventStore.open({ file: join(directory, 'events.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('an append reusing a logged id fails alone; the rest of its batch commits, chained and gapless', async () => {
    const takenId = randomUUID();
    await store.append('first', [{ id: takenId, type: 'A', data: {} }], { expectedRevision: 'no_stream' });
    expect(store.stats.duplicateRetries).toBe(0);

    // Appended in one turn, so they share one transaction; the duplicate makes it roll back and run again.
    const outcomes = await Promise.allSettled([
      store.append('before', [{ type: 'B', data: { n: 1 } }], { expectedRevision: 'no_stream' }),
      store.append(
        'reuser',
        [
          { type: 'C', data: {} },
          { id: takenId, type: 'C', data: {} },
        ],
        { expectedRevision: 'no_stream' },
      ),
      store.append('after', [{ type: 'D', data: { n: 2 } }], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rejection = (outcomes[1] as PromiseRejectedResult).reason as DuplicateEventIdError;
    expect(rejection).toBeInstanceOf(DuplicateEventIdError);
    expect(rejection.eventId).toBe(takenId);
    expect(store.stats.duplicateRetries).toBe(1);
    expect(store.stats.commits).toBe(2);
    expect(await store.streamRevision('reuser')).toBeUndefined();
    const log = await store.readAll();
    expect(log.map((event) => [event.position, event.streamId])).toEqual([
      [0, 'first'],
      [1, 'before'],
      [2, 'after'],
    ]);
    expect(await store.verifyChain()).toEqual({ ok: true, checked: 3 });
  });

  test('two appends of one batch carrying the same id: the first commits, the second fails', async () => {
    const sharedId = randomUUID();
    const outcomes = await Promise.allSettled([
      store.append('one', [{ id: sharedId, type: 'A', data: {} }], { expectedRevision: 'no_stream' }),
      store.append('two', [{ id: sharedId, type: 'A', data: {} }], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect(store.stats.duplicateRetries).toBe(1);
    expect((await store.readAll()).map((event) => event.streamId)).toEqual(['one']);
  });

  test('a batch without duplicates commits at the first attempt', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.append(`fresh-${index}`, [{ type: 'A', data: {} }], { expectedRevision: 'no_stream' }),
      ),
    );
    expect(store.stats).toMatchObject({ commits: 1, events: 20, duplicateRetries: 0 });
  });
});

describe('SQLite event store: reads past the known end of a stream', () => {
  let directory: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;
  const event = (n: number) => ({ type: 'Counted', data: { n } });

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-sqlite-known-end-'));
    store = SqliteEventStore.open({ file: join(directory, 'events.sqlite') });
    other = SqliteEventStore.open({ file: join(directory, 'events.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(directory, { recursive: true, force: true });
  });

  test('after its own append, a read from the next revision is answered without a query', async () => {
    await store.append('counter-1', [event(0), event(1)], { expectedRevision: 'no_stream' });
    const before = store.stats.streamReadsAnsweredFromMemory;
    expect(await store.readStream('counter-1', { fromRevision: 2 })).toEqual([]);
    expect(store.stats.streamReadsAnsweredFromMemory).toBe(before + 1);
    // Any other read still goes to the file.
    expect((await store.readStream('counter-1', { fromRevision: 1 })).map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(store.stats.streamReadsAnsweredFromMemory).toBe(before + 1);
  });

  test('a stream read to its end is known; a read with maxCount that stops early is not', async () => {
    await other.append('counter-2', [event(0), event(1), event(2)], { expectedRevision: 'no_stream' });
    expect(await store.readStream('counter-2', { fromRevision: 0, maxCount: 2 })).toHaveLength(2);
    expect(await store.readStream('counter-2', { fromRevision: 2 })).toHaveLength(1);
    const before = store.stats.streamReadsAnsweredFromMemory;
    expect(await store.readStream('counter-2', { fromRevision: 3 })).toEqual([]);
    expect(store.stats.streamReadsAnsweredFromMemory).toBe(before + 1);
  });

  test("another connection's commit makes every known end unknown: its events are read, never missed", async () => {
    await store.append('counter-3', [event(0)], { expectedRevision: 'no_stream' });
    expect(await store.readStream('counter-3', { fromRevision: 1 })).toEqual([]);
    await other.append('counter-3', [event(1)], { expectedRevision: 0 });
    const before = store.stats.streamReadsAnsweredFromMemory;
    expect((await store.readStream('counter-3', { fromRevision: 1 })).map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(store.stats.streamReadsAnsweredFromMemory).toBe(before);
    // Learnt again from that read.
    expect(await store.readStream('counter-3', { fromRevision: 2 })).toEqual([]);
    expect(store.stats.streamReadsAnsweredFromMemory).toBe(before + 1);
  });
});
