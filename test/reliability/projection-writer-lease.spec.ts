import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../libs/read-store/src/projection-runner';
import type { ReadStore } from '../../libs/read-store/src/read-store.port';
import { SqliteReadStore } from '../../libs/read-store/src/sqlite/sqlite-read-store';
import { LEASE_TOTALS_COLLECTION, leaseTotalsProjection, type LeaseTotals } from './lease-totals';

/**
 * One writer per projection across processes (decision D28): two runners of the same projection
 * on one SQLite read store. One applies, the other stands by following its checkpoint; the other
 * takes over when the first stops (lease released) or is killed (lease expired). Every change is
 * applied exactly once in the end: the totals count events, so a lost or doubled change shows.
 */

const REPO_ROOT = join(__dirname, '..', '..');
const RUNNER_SCRIPT = join(__dirname, 'lease-runner.ts');
const WAIT_MS = 20_000;
const STREAMS = ['s-0', 's-1', 's-2'];

interface Applied {
  runner: string;
  position: number;
  atMs: number;
}

describe('projection writer lease across runners on one SQLite read store', () => {
  let directory: string;
  let eventStore: SqliteEventStore;
  let expected: Map<string, LeaseTotals>;
  let appended: number;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'writer-lease-'));
    eventStore = SqliteEventStore.open({ file: join(directory, 'events.sqlite'), pollIntervalMs: 10 });
    expected = new Map();
    appended = 0;
  });

  afterEach(async () => {
    await eventStore.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** Appends `count` AmountAdded events over the streams and returns the last position. */
  async function appendAmounts(count: number): Promise<number> {
    let position = -1;
    for (let index = 0; index < count; index++) {
      const streamId = STREAMS[appended % STREAMS.length]!;
      const amount = (appended % 7) + 1;
      const event: NewEvent = { type: 'AmountAdded', data: { amount } };
      position = (await eventStore.append(streamId, [event], { expectedRevision: 'any' })).position;
      const before = expected.get(streamId) ?? { events: 0, amount: 0 };
      expected.set(streamId, { events: before.events + 1, amount: before.amount + amount });
      appended += 1;
    }
    return position;
  }

  function runnerOn(readStore: ReadStore, name: string, applied: Applied[], ttlMs: number): ProjectionRunner {
    return new ProjectionRunner({
      eventStore,
      readStore,
      projections: [
        leaseTotalsProjection((event) => applied.push({ runner: name, position: event.position, atMs: Date.now() })),
      ],
      ownerId: name,
      writerLease: { ttlMs, standbyPollMs: 10 },
      liveBatchSize: 5,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
  }

  async function totals(readStore: ReadStore): Promise<Map<string, LeaseTotals>> {
    const page = await readStore.find<LeaseTotals>(LEASE_TOTALS_COLLECTION, { limit: 100 });
    return new Map(page.items.map((item) => [item.id, item.body]));
  }

  it('lets one runner apply while the other stands by, and hands over when the first stops', async () => {
    const file = join(directory, 'read.sqlite');
    const storeA = SqliteReadStore.open(file);
    const storeB = SqliteReadStore.open(file);
    const commits: Array<{ runner: string; position: number }> = [];
    const applied: Applied[] = [];
    const a = runnerOn(recordingCommits(storeA, 'a', commits), 'a', applied, 2_000);
    const b = runnerOn(recordingCommits(storeB, 'b', commits), 'b', applied, 2_000);
    try {
      a.start();
      expect(await a.waitForPosition(await appendAmounts(20), WAIT_MS)).toBe(true);
      b.start();
      const whileBothRun = await appendAmounts(40);

      expect(await a.waitForPosition(whileBothRun, WAIT_MS)).toBe(true);
      // The runner standing by follows the writer's checkpoint: read-your-writes waits end there too.
      expect(await b.waitForPosition(whileBothRun, WAIT_MS)).toBe(true);
      expect((await b.status())[0]?.state).toBe('standby');
      expect(applied.filter((entry) => entry.runner === 'b')).toEqual([]);

      await a.stop();
      const last = await appendAmounts(40);
      expect(await b.waitForPosition(last, WAIT_MS)).toBe(true);

      // One switch of writer, never back and forth: A's commits, then B's.
      const writers = commits.map((commit) => commit.runner);
      expect(writers.join('')).toMatch(/^a+b+$/);
      expect(await totals(storeB)).toEqual(expected);
      expect(await storeB.getCheckpoint({ name: 'lease_totals', version: 1 })).toBe(last);
    } finally {
      await a.stop();
      await b.stop();
      await storeA.close();
      await storeB.close();
    }
  }, 60_000);

  it('takes over from a writer killed mid-stream once its lease expires, losing and doubling nothing', async () => {
    const file = join(directory, 'read.sqlite');
    const ttlMs = 1_000;
    const applied: Applied[] = [];
    const child = startChildRunner(join(directory, 'events.sqlite'), file, ttlMs, applied);
    const store = SqliteReadStore.open(file);
    const b = runnerOn(store, 'in-test', applied, ttlMs);
    try {
      await child.started;
      await appendAmounts(10);
      await until(() => applied.some((entry) => entry.runner === 'child'));
      b.start();
      // Both run: only the child applies, for longer than a lease lasts unrenewed.
      const stopAtMs = Date.now() + 2 * ttlMs;
      while (Date.now() < stopAtMs) await appendAmounts(5);
      await until(() => (applied.filter((entry) => entry.runner === 'child').at(-1)?.position ?? -1) >= appended - 1);
      expect(applied.filter((entry) => entry.runner === 'in-test')).toEqual([]);

      // Killed while events keep arriving: no release, the lease has to expire.
      const appending = appendAmounts(60);
      const killedAtMs = Date.now();
      child.process.kill('SIGKILL');
      await child.exited;
      const last = await appending;

      expect(await b.waitForPosition(last, WAIT_MS)).toBe(true);
      const taken = applied.filter((entry) => entry.runner === 'in-test');
      expect(taken.length).toBeGreaterThan(0);
      // Never two writers at once: the runner in the test applied nothing before the kill.
      expect(Math.min(...taken.map((entry) => entry.atMs))).toBeGreaterThanOrEqual(killedAtMs);
      expect(await totals(store)).toEqual(expected);
    } finally {
      child.process.kill('SIGKILL');
      await b.stop();
      await store.close();
    }
  }, 60_000);
});

/** The store, with each commit noted (after it succeeded) under the runner's name. */
function recordingCommits(
  store: ReadStore,
  runner: string,
  commits: Array<{ runner: string; position: number }>,
): ReadStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'commit') {
        return async (...args: Parameters<ReadStore['commit']>) => {
          await target.commit(...args);
          commits.push({ runner, position: args[2] });
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function startChildRunner(
  eventsFile: string,
  readStoreFile: string,
  ttlMs: number,
  applied: Applied[],
): { process: ChildProcess; started: Promise<void>; exited: Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', RUNNER_SCRIPT, eventsFile, readStoreFile, 'child', String(ttlMs)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let partialLine = '';
  let stderr = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (partialLine + chunk).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'started') markStarted();
      const match = /^applied (\d+)$/.exec(line);
      if (match !== null) applied.push({ runner: 'child', position: Number(match[1]), atMs: Date.now() });
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    if (stderr !== '') process.stderr.write(`lease-runner: ${stderr}\n`);
  });
  return { process: child, started, exited };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
