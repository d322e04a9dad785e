import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_READ_COUNT } from '../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import type { RecordedEvent } from '../../libs/event-store/src/event-store.port';
import { ProjectionRunner } from '../../libs/read-store/src/projection-runner';
import {
  physicalCollection,
  type ProjectionContext,
  type ProjectionDefinition,
} from '../../libs/read-store/src/projection';
import { SqliteReadStore } from '../../libs/read-store/src/sqlite/sqlite-read-store';
import type { ReadDocument } from '../../libs/read-store/src/read-store.port';

/**
 * Crash safety of the embedded store: a child process appends under load and is killed with
 * SIGKILL at a random moment, again and again on the same file. After every kill the file is
 * reopened and every check in AFTER_CRASH_CHECKS must hold. Random delays come from a seeded
 * generator; a failure prints the seed, and CRASH_SEED=<seed> replays the same kill schedule.
 */

const REPO_ROOT = join(__dirname, '..', '..');
const WRITER_SCRIPT = join(__dirname, 'crash-writer.ts');
const CYCLES = Number(process.env['CRASH_CYCLES'] ?? 20);
const SEED = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
/** The kill lands this long after the child's first acknowledged append: mid-load, never at rest. */
const MAX_KILL_DELAY_MS = 150;
/** A child that never acknowledges anything is broken; give up rather than hang the suite. */
const CHILD_START_LIMIT_MS = 20_000;
const TEST_TIMEOUT_MS = 10 * 60_000;

interface AfterCrashContext {
  cycle: number;
  file: string;
  store: SqliteEventStore;
  /** Every event id a child printed as acknowledged, over all cycles so far. */
  acknowledged: ReadonlySet<string>;
  /** Read store of the live projection, kept across cycles (it follows the log while the child writes). */
  readStoreFile: string;
  directory: string;
}

type AfterCrashCheck = (context: AfterCrashContext) => Promise<void>;

/** Run in order on the reopened store after every kill. A projection == rebuild check belongs here too. */
const AFTER_CRASH_CHECKS: ReadonlyArray<[name: string, check: AfterCrashCheck]> = [
  ['log is gapless, without duplicates, and holds every acknowledged event', checkLogIsComplete],
  ['hash chain verifies over the whole log', checkHashChain],
  ['a projection that followed the log through the crash equals a rebuild from zero', checkProjectionEqualsRebuild],
];

describe('SQLite event store under SIGKILL', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ledger-crash-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test(
    `acknowledged appends survive ${CYCLES} kills mid-load, the log stays gapless, unique and chained, and a live projection equals a rebuild from zero (seed ${SEED})`,
    async () => {
      expect(CYCLES).toBeGreaterThan(0);
      const file = join(directory, 'events.sqlite');
      const readStoreFile = join(directory, 'read-models.sqlite');
      const random = seededRandom(SEED);
      const acknowledged = new Set<string>();

      for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
        const killDelayMs = Math.floor(random() * MAX_KILL_DELAY_MS);
        const live = new LiveProjection(file, readStoreFile);
        const t0 = Date.now();
        const run = await runWriterUntilKilled(file, killDelayMs, () => live.start());
        const t1 = Date.now();
        await live.stop();
        if (process.env.CRASH_DEBUG)
          process.stdout.write(`cycle ${cycle}: writer ${t1 - t0} ms, stop ${Date.now() - t1} ms\n`);
        expect({ cycle, seed: SEED, exit: run.signal, stderr: run.stderr }).toEqual({
          cycle,
          seed: SEED,
          exit: 'SIGKILL',
          stderr: '',
        });
        for (const id of run.acknowledgedIds) acknowledged.add(id);

        const store = SqliteEventStore.open({ file });
        try {
          for (const [name, check] of AFTER_CRASH_CHECKS) {
            const started = Date.now();
            if (process.env.CRASH_DEBUG) process.stdout.write(`  ${name}...\n`);
            await withContext(`cycle ${cycle} (seed ${SEED}): ${name}`, () =>
              check({ cycle, file, store, acknowledged, readStoreFile, directory }),
            );
            if (process.env.CRASH_DEBUG) process.stdout.write(`  ${Date.now() - started} ms\n`);
          }
        } finally {
          await store.close();
        }
      }
      expect(acknowledged.size).toBeGreaterThan(CYCLES);
      process.stdout.write(`crash test: ${CYCLES} kills, ${acknowledged.size} acknowledged events, seed ${SEED}\n`);
    },
    TEST_TIMEOUT_MS,
  );
});

interface WriterRun {
  signal: NodeJS.Signals | null;
  acknowledgedIds: string[];
  stderr: string;
}

/** Starts the writer, kills it `killDelayMs` after its first acknowledgement, and collects what it printed. */
function runWriterUntilKilled(file: string, killDelayMs: number, onFirstAck: () => void): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    // tsx as a loader inside this one node process, not the tsx CLI: the CLI runs the script in a
    // grandchild that SIGKILL on the CLI would leave running (and holding the pipes open).
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER_SCRIPT, file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledgedIds: string[] = [];
    let stderr = '';
    let partialLine = '';
    let killScheduled = false;
    const startLimit = setTimeout(() => child.kill('SIGKILL'), CHILD_START_LIMIT_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partialLine + chunk).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acknowledgedIds.push(line.slice(4));
      }
      if (!killScheduled && acknowledgedIds.length > 0) {
        killScheduled = true;
        clearTimeout(startLimit);
        onFirstAck();
        setTimeout(() => kill(child), killDelayMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    // 'close', not 'exit': it fires after stdout is drained, so no printed acknowledgement is lost.
    child.on('close', (_code, signal) => {
      clearTimeout(startLimit);
      resolve({ signal, acknowledgedIds, stderr: killScheduled ? stderr : `${stderr}(never acknowledged an append)` });
    });
  });
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function checkLogIsComplete({ store, acknowledged }: AfterCrashContext): Promise<void> {
  const present = new Set<string>();
  const nextRevision = new Map<string, number>();
  // Collected, then asserted once: an expect per event would dominate the run time.
  const violations: string[] = [];
  let expectedPosition = 0;
  for (let page = await store.readAll({ maxCount: MAX_READ_COUNT }); page.length > 0;) {
    for (const event of page) {
      const expectedRevision = nextRevision.get(event.streamId) ?? 0;
      if (event.position !== expectedPosition)
        violations.push(`position ${event.position} where ${expectedPosition} was due`);
      if (present.has(event.id)) violations.push(`event ${event.id} appears twice`);
      if (event.revision !== expectedRevision) {
        violations.push(`${event.streamId} has revision ${event.revision} where ${expectedRevision} was due`);
      }
      present.add(event.id);
      nextRevision.set(event.streamId, event.revision + 1);
      expectedPosition += 1;
    }
    page = await store.readAll({ afterPosition: expectedPosition - 1, maxCount: MAX_READ_COUNT });
  }

  expect(violations.slice(0, 10)).toEqual([]);
  expect(await store.headPosition()).toBe(expectedPosition - 1);
  const missing = [...acknowledged].filter((id) => !present.has(id));
  expect(missing.slice(0, 10)).toEqual([]);
  for (const [streamId, next] of nextRevision) expect(await store.streamRevision(streamId)).toBe(next - 1);
}

async function checkHashChain({ store }: AfterCrashContext): Promise<void> {
  const head = await store.headPosition();
  expect(await store.verifyChain()).toEqual({ ok: true, checked: head + 1 });
}

/** Counts events and sums sequence numbers per stream: enough state to expose a skipped or doubled event. */
const streamStatsProjection: ProjectionDefinition = {
  name: 'crash_stream_stats',
  version: 1,
  collections: [{ name: 'streams', indexes: [] }],
  handles: ['LoadApplied'],
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const existing = await ctx.get<{ events: number; sequenceSum: number; lastRevision: number }>(
      'streams',
      event.streamId,
    );
    const body = existing?.body ?? { events: 0, sequenceSum: 0, lastRevision: -1 };
    if (event.revision !== body.lastRevision + 1)
      throw new Error(`${event.streamId}: revision ${event.revision} after ${body.lastRevision}`);
    ctx.put('streams', event.streamId, {
      events: body.events + 1,
      sequenceSum: body.sequenceSum + Number(event.data['sequence']),
      lastRevision: event.revision,
    });
  },
};
const quietLogger = { log() {}, warn() {}, error() {} };

/** The parent's projection runner, following the file through a second connection while the child writes. */
class LiveProjection {
  private store: SqliteEventStore | undefined;
  private readStore: SqliteReadStore | undefined;
  private runner: ProjectionRunner | undefined;

  constructor(
    private readonly file: string,
    private readonly readStoreFile: string,
  ) {}

  start(): void {
    this.store = SqliteEventStore.open({ file: this.file, pollIntervalMs: 5 });
    this.readStore = SqliteReadStore.open(this.readStoreFile);
    this.runner = new ProjectionRunner({
      eventStore: this.store,
      readStore: this.readStore,
      projections: [streamStatsProjection],
      logger: quietLogger,
    });
    this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    await this.store?.close();
    await this.readStore?.close();
  }
}

async function projectTo(store: SqliteEventStore, readStoreFile: string): Promise<ReadDocument[]> {
  const readStore = SqliteReadStore.open(readStoreFile);
  const runner = new ProjectionRunner({
    eventStore: store,
    readStore,
    projections: [streamStatsProjection],
    logger: quietLogger,
  });
  try {
    runner.start();
    expect(await runner.waitForPosition(await store.headPosition(), 30_000)).toBe(true);
    await runner.stop();
    expect(await readStore.listDeadLetters()).toEqual([]);
    const collection = physicalCollection(streamStatsProjection, 'streams');
    const documents: ReadDocument[] = [];
    let cursor: string | undefined;
    do {
      const page = await readStore.find(collection, { limit: 500, cursor });
      documents.push(...page.items.map(({ id, body }) => ({ id, body, position: 0 })));
      cursor = page.nextCursor;
    } while (cursor);
    return documents;
  } finally {
    await runner.stop();
    await readStore.close();
  }
}

async function checkProjectionEqualsRebuild({
  store,
  readStoreFile,
  directory,
  cycle,
}: AfterCrashContext): Promise<void> {
  const live = await projectTo(store, readStoreFile);
  const rebuilt = await projectTo(store, join(directory, `rebuild-${cycle}.sqlite`));
  expect(live.length).toBeGreaterThan(0);
  expect(live).toEqual(rebuilt);
  const events = live.reduce((sum, d) => sum + Number(d.body['events']), 0);
  expect(events).toBe((await store.headPosition()) + 1);
}

/** Prefixes a failing check's message with where it failed, so one long test still points at the cycle. */
async function withContext(context: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error) error.message = `${context}\n${error.message}`;
    throw error;
  }
}

/** mulberry32: small, fast, and enough to replay a kill schedule from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
