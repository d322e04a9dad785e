/**
 * ProjectionThreadClient against a real worker thread (projection-thread.test-support.ts) on real
 * SQLite files: the main thread appends, the thread projects; waits, leases, status, rebuild,
 * verify and errors go across, and a thread that crashes is started again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { UnknownProjectionError } from './projection-rebuild';
import { CRASH_ONCE_FILE, countsProjection, type FixtureThreadData } from './projection-thread.test-support';
import type { ProjectionStatus } from './projection-host';
import { ProjectionThreadClient } from './projection-thread';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

const FIXTURE = join(__dirname, 'projection-thread.test-support.ts');
const WAIT_MS = 20_000;

interface Setup {
  directory: string;
  eventStore: SqliteEventStore;
  readStore: SqliteReadStore;
  client: ProjectionThreadClient;
  errors: string[];
  append(type: string, streamId: string): Promise<number>;
  close(): Promise<void>;
}

function spawnFixture(data: FixtureThreadData): Worker {
  return new Worker(FIXTURE, { workerData: data, execArgv: ['--require', '@swc-node/register'] });
}

function setUp(data: Omit<FixtureThreadData, 'directory' | 'ownerId'> = {}): Setup {
  const directory = mkdtempSync(join(tmpdir(), 'projection-thread-'));
  const eventStore = SqliteEventStore.open({ file: join(directory, 'events.sqlite') });
  const readStore = SqliteReadStore.open(join(directory, 'read.sqlite'));
  const errors: string[] = [];
  const client = new ProjectionThreadClient({
    spawn: (identity) => spawnFixture({ directory, ...identity, ...data }),
    projections: [countsProjection],
    restartBackoff: { initialMs: 20, maxMs: 100 },
    logger: { log: () => undefined, warn: () => undefined, error: (message) => errors.push(message) },
  });
  return {
    directory,
    eventStore,
    readStore,
    client,
    errors,
    async append(type, streamId) {
      const { position } = await eventStore.append(streamId, [{ type, data: {} }], { expectedRevision: 'any' });
      client.appended();
      return position;
    },
    async close() {
      await client.close();
      await eventStore.close();
      await readStore.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A client whose thread is ready and whose projections have started. */
async function running(): Promise<Setup> {
  const setup = setUp();
  try {
    await setup.client.ready();
  } catch (error) {
    await setup.close();
    throw error;
  }
  setup.client.start();
  return setup;
}

async function countOf(setup: Setup, streamId: string): Promise<number | undefined> {
  const lease = await setup.client.lease('stream_counts');
  try {
    return (await setup.readStore.get<{ count: number }>(lease.collection('counts'), streamId))?.body.count;
  } finally {
    lease.release();
  }
}

/** The projection's status as soon as it says `live` (or the last one seen, after WAIT_MS). */
async function statusOnceLive(setup: Setup): Promise<ProjectionStatus | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const [status] = await setup.client.status();
    if (status?.state === 'live' || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ProjectionThreadClient: projections in a worker thread', () => {
  it('projects what the main thread appends: read-your-writes waits, leases on the live slot, status', async () => {
    const setup = await running();
    try {
      await setup.append('Counted', 'stream-a');
      const head = await setup.append('Counted', 'stream-a');
      // The thread polls its log once a minute: only the main thread's word wakes it this soon.
      const startedMs = Date.now();
      expect(await setup.client.waitForPosition(head, WAIT_MS)).toBe(true);
      expect(Date.now() - startedMs).toBeLessThan(30_000);
      expect(await countOf(setup, 'stream-a')).toBe(2);
      // The position can reach the head while the first catch-up is still finishing (its deferred
      // indexes): the slot says `catching-up` until it follows the log.
      const status = await statusOnceLive(setup);
      expect(status).toMatchObject({
        name: 'stream_counts',
        position: head,
        headPosition: head,
        lag: 0,
        state: 'live',
      });
      expect(setup.client.definitions().map((definition) => definition.name)).toEqual(['stream_counts']);
      await expect(setup.client.lease('nope')).rejects.toBeInstanceOf(UnknownProjectionError);
      await expect(setup.client.waitForPosition(1.5, 10)).rejects.toThrow(RangeError);
    } finally {
      await setup.close();
    }
  });

  it('rebuild switches the live slot the main thread leases; verify compares with a from-zero rebuild; errors keep their class', async () => {
    const setup = await running();
    try {
      await setup.append('Counted', 'stream-b');
      const head = await setup.append('Counted', 'stream-c');
      expect(await setup.client.waitForPosition(head, WAIT_MS)).toBe(true);

      const held = await setup.client.lease('stream_counts');
      expect(held.slot.name).toBe('stream_counts');
      const rebuilt = setup.client.rebuild('stream_counts');
      // The old slot is dropped only once this query lets go of it.
      held.release();
      expect(await rebuilt).toMatchObject({ name: 'stream_counts', fromGeneration: 0, generation: 1 });
      const lease = await setup.client.lease('stream_counts');
      expect(lease.slot.name).toBe('stream_counts_g1');
      lease.release();
      expect(await countOf(setup, 'stream-b')).toBe(1);

      const progress: string[] = [];
      const [verified] = await setup.client.verifyInScratch({
        scratchFile: join(setup.directory, 'scratch.sqlite'),
        onProgress: (step) => progress.push(step.phase),
      });
      expect(verified).toMatchObject({ name: 'stream_counts', matches: true });
      expect(progress).toEqual(expect.arrayContaining(['rebuilding', 'hashing']));

      const unknown = await setup.client.rebuild('nope').catch((error: unknown) => error);
      expect(unknown).toBeInstanceOf(UnknownProjectionError);
      expect(unknown).toMatchObject({ projection: 'nope', code: 'UNKNOWN_PROJECTION' });
    } finally {
      await setup.close();
    }
  });

  it('a thread that crashes is started again and resumes from its checkpoint; waits in flight still resolve', async () => {
    const setup = await running();
    try {
      expect(await setup.client.waitForPosition(await setup.append('Counted', 'stream-d'), WAIT_MS)).toBe(true);

      writeFileSync(join(setup.directory, CRASH_ONCE_FILE), '');
      await setup.append('Crash', 'stream-d');
      const head = await setup.append('Counted', 'stream-d');
      expect(await setup.client.waitForPosition(head, WAIT_MS)).toBe(true);
      expect(await countOf(setup, 'stream-d')).toBe(2);
      expect(setup.errors).toEqual(
        expect.arrayContaining([expect.stringMatching(/projection thread ended \(exit code 7\); starting it again/)]),
      );
    } finally {
      await setup.close();
    }
  });

  it('a thread that ends before it is ready fails ready(): a server does not start without its projections', async () => {
    const setup = setUp({ failAtStart: true });
    try {
      await expect(setup.client.ready()).rejects.toThrow(/projection thread ended \(exit code 1\)/);
      expect(await setup.client.waitForPosition(5, 1_000)).toBe(false);
      await expect(setup.client.status()).rejects.toThrow(/not running/);
    } finally {
      await setup.close();
    }
  });

  it('close while the thread is still starting ends it at once', async () => {
    const setup = setUp();
    const startedMs = Date.now();
    const waiting = setup.client.waitForPosition(0, WAIT_MS);
    await setup.close();
    expect(await waiting).toBe(false);
    await expect(setup.client.ready()).rejects.toThrow(/projection thread ended/);
    // Not the 10 s a closing thread is given to stop its runner and close its storage.
    expect(Date.now() - startedMs).toBeLessThan(5_000);
  });

  it('close ends the thread: later waits answer false at once', async () => {
    const setup = await running();
    const head = await setup.append('Counted', 'stream-e');
    expect(await setup.client.waitForPosition(head, WAIT_MS)).toBe(true);
    await setup.close();
    expect(await setup.client.waitForPosition(head + 100, WAIT_MS)).toBe(false);
  });
});
