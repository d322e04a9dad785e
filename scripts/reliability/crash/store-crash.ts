/**
 * Crash campaign of the embedded event store at full size: the machinery of
 * test/reliability/crash.spec.ts (its child test/reliability/crash-writer.ts appends with 48
 * concurrent writers and prints `ack <event id>` after each resolved append; the parent runs a
 * live projection through a second connection and SIGKILLs the child at a random moment), with its
 * checks made incremental so that 200 kills on one growing file finish in minutes:
 *
 * - every cycle: the events appended since the last check are gapless, new event ids are unique,
 *   stream revisions continue without gaps, the head is the last position, every id acknowledged
 *   in this cycle is in the log, and the live projection (which followed the log through the kill)
 *   has caught up without dead letters and counts exactly head + 1 events;
 * - every `fullCheckEvery` cycles and after the last: the whole log again (positions, ids,
 *   revisions, every id ever acknowledged, the hash chain) and the live projection equal to a
 *   rebuild from zero.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_READ_COUNT, type RecordedEvent } from '../../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../../libs/event-store/src/sqlite/sqlite-event-store';
import {
  physicalCollection,
  type ProjectionContext,
  type ProjectionDefinition,
} from '../../../libs/read-store/src/projection';
import { ProjectionRunner } from '../../../libs/read-store/src/projection-runner';
import type { ReadDocument } from '../../../libs/read-store/src/read-store.port';
import { SqliteReadStore } from '../../../libs/read-store/src/sqlite/sqlite-read-store';
import { seededRandom } from '../lib/random';
import { REPO_ROOT } from '../lib/server';

const WRITER_SCRIPT = join(REPO_ROOT, 'test', 'reliability', 'crash-writer.ts');
const CHILD_START_LIMIT_MS = 30_000;

export interface StoreCrashOptions {
  directory: string;
  cycles: number;
  seed: number;
  /** The kill lands up to this long after the child's first acknowledged append (crash.spec.ts: 150). */
  maxKillDelayMs?: number;
  fullCheckEvery?: number;
  log?: (line: string) => void;
}

export interface StoreCrashResult {
  cycles: number;
  seed: number;
  acknowledgedEvents: number;
  events: number;
  fullChecks: number;
  lost: number;
  duplicated: number;
  violations: string[];
  durationMs: number;
  ok: boolean;
}

/** The same projection as crash.spec.ts: per stream, a count and a sum, failing on a skipped or repeated revision. */
const streamStats: ProjectionDefinition = {
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
const quiet = { log() {}, warn() {}, error() {} };

async function projectionDocuments(
  store: SqliteEventStore,
  readStoreFile: string,
): Promise<{ documents: ReadDocument[]; deadLetters: number; caughtUp: boolean }> {
  const readStore = SqliteReadStore.open(readStoreFile);
  const runner = new ProjectionRunner({ eventStore: store, readStore, projections: [streamStats], logger: quiet });
  try {
    runner.start();
    const caughtUp = await runner.waitForPosition(await store.headPosition(), 120_000);
    await runner.stop();
    const documents: ReadDocument[] = [];
    let cursor: string | undefined;
    do {
      const page = await readStore.find(physicalCollection(streamStats, 'streams'), {
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      documents.push(...page.items.map(({ id, body }) => ({ id, body, position: 0 })));
      cursor = page.nextCursor;
    } while (cursor);
    return { documents, deadLetters: (await readStore.listDeadLetters()).length, caughtUp };
  } finally {
    await runner.stop();
    await readStore.close();
  }
}

function runWriterUntilKilled(
  file: string,
  killDelayMs: number,
  onFirstAck: () => void,
): Promise<{ signal: NodeJS.Signals | null; acks: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    // tsx as a loader in this one process (not the tsx CLI, whose grandchild SIGKILL would miss).
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER_SCRIPT, file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: string[] = [];
    let stderr = '';
    let partial = '';
    let scheduled = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const startLimit = setTimeout(kill, CHILD_START_LIMIT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acks.push(line.slice(4));
      if (!scheduled && acks.length > 0) {
        scheduled = true;
        clearTimeout(startLimit);
        onFirstAck();
        setTimeout(kill, killDelayMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(startLimit);
      resolve({ signal, acks, stderr: scheduled ? stderr : `${stderr}(never acknowledged an append)` });
    });
  });
}

export async function runStoreCrashCampaign(options: StoreCrashOptions): Promise<StoreCrashResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const maxKillDelay = options.maxKillDelayMs ?? 150;
  const fullEvery = options.fullCheckEvery ?? 25;
  const file = join(options.directory, 'events.sqlite');
  const liveFile = join(options.directory, 'read-models.sqlite');
  const violations: string[] = [];
  const violation = (cycle: number, message: string) => {
    if (violations.length < 200) violations.push(`cycle ${cycle} (seed ${options.seed}): ${message}`);
  };
  const acknowledged = new Set<string>();
  const present = new Set<string>();
  const nextRevision = new Map<string, number>();
  let verifiedHead = -1;
  let lost = 0;
  let duplicated = 0;
  let fullChecks = 0;

  for (let cycle = 1; cycle <= options.cycles; cycle += 1) {
    const killDelayMs = Math.floor(random() * maxKillDelay);
    // The live projection follows the file through a second connection while the child writes.
    let live: { store: SqliteEventStore; readStore: SqliteReadStore; runner: ProjectionRunner } | undefined;
    const run = await runWriterUntilKilled(file, killDelayMs, () => {
      const store = SqliteEventStore.open({ file, pollIntervalMs: 5 });
      const readStore = SqliteReadStore.open(liveFile);
      const runner = new ProjectionRunner({ eventStore: store, readStore, projections: [streamStats], logger: quiet });
      runner.start();
      live = { store, readStore, runner };
    });
    if (live) {
      await live.runner.stop();
      await live.store.close();
      await live.readStore.close();
    }
    if (run.signal !== 'SIGKILL' || run.stderr !== '')
      violation(cycle, `writer ended with ${run.signal}: ${run.stderr.slice(0, 300)}`);
    run.acks.forEach((id) => acknowledged.add(id));

    const store = SqliteEventStore.open({ file });
    try {
      // Incremental: what was appended since the last check.
      for (
        let page = await store.readAll({ afterPosition: verifiedHead, maxCount: MAX_READ_COUNT });
        page.length > 0;
      ) {
        for (const event of page) {
          if (event.position !== verifiedHead + 1)
            violation(cycle, `position ${event.position} where ${verifiedHead + 1} was due`);
          if (present.has(event.id)) {
            duplicated += 1;
            violation(cycle, `event ${event.id} appears twice`);
          }
          const due = nextRevision.get(event.streamId) ?? 0;
          if (event.revision !== due)
            violation(cycle, `${event.streamId} revision ${event.revision} where ${due} was due`);
          present.add(event.id);
          nextRevision.set(event.streamId, event.revision + 1);
          verifiedHead = event.position;
        }
        page = await store.readAll({ afterPosition: verifiedHead, maxCount: MAX_READ_COUNT });
      }
      const head = await store.headPosition();
      if (head !== verifiedHead) violation(cycle, `head ${head}, last event read ${verifiedHead}`);
      const missing = run.acks.filter((id) => !present.has(id));
      lost += missing.length;
      if (missing.length > 0)
        violation(cycle, `${missing.length} acknowledged events missing, e.g. ${missing.slice(0, 3).join(', ')}`);

      const followed = await projectionDocuments(store, liveFile);
      const counted = followed.documents.reduce((sum, d) => sum + Number(d.body['events']), 0);
      if (!followed.caughtUp) violation(cycle, 'the live projection did not catch up');
      if (followed.deadLetters > 0) violation(cycle, `the live projection parked ${followed.deadLetters} dead letters`);
      if (counted !== head + 1)
        violation(cycle, `the live projection counts ${counted} events, the log holds ${head + 1}`);

      if (cycle % fullEvery === 0 || cycle === options.cycles) {
        fullChecks += 1;
        // Everything again, from position 0: nothing committed earlier may have gone or changed.
        const ids = new Set<string>();
        const revisions = new Map<string, number>();
        let position = -1;
        for (
          let page = await store.readAll({ maxCount: MAX_READ_COUNT });
          page.length > 0;
          page = await store.readAll({ afterPosition: position, maxCount: MAX_READ_COUNT })
        ) {
          for (const event of page) {
            if (event.position !== position + 1)
              violation(cycle, `full check: position ${event.position} where ${position + 1} was due`);
            if (ids.has(event.id)) violation(cycle, `full check: event ${event.id} twice`);
            const due = revisions.get(event.streamId) ?? 0;
            if (event.revision !== due)
              violation(cycle, `full check: ${event.streamId} revision ${event.revision} where ${due} was due`);
            ids.add(event.id);
            revisions.set(event.streamId, event.revision + 1);
            position = event.position;
          }
        }
        const gone = [...acknowledged].filter((id) => !ids.has(id));
        lost += gone.length;
        if (gone.length > 0) violation(cycle, `full check: ${gone.length} acknowledged events missing`);
        const chain = await store.verifyChain();
        if (!chain.ok || chain.checked !== position + 1) violation(cycle, `hash chain: ${JSON.stringify(chain)}`);
        const rebuildFile = join(options.directory, `rebuild-${cycle}.sqlite`);
        const rebuilt = await projectionDocuments(store, rebuildFile);
        rmSync(rebuildFile, { force: true });
        for (const suffix of ['-wal', '-shm']) rmSync(`${rebuildFile}${suffix}`, { force: true });
        if (JSON.stringify(followed.documents) !== JSON.stringify(rebuilt.documents))
          violation(cycle, 'the live projection differs from a rebuild from zero');
      }
    } finally {
      await store.close();
    }
    if (cycle % 20 === 0 || cycle === options.cycles)
      log(
        `cycle ${cycle}/${options.cycles}: ${acknowledged.size} acknowledged events, head ${verifiedHead}, ${violations.length} violations, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  return {
    cycles: options.cycles,
    seed: options.seed,
    acknowledgedEvents: acknowledged.size,
    events: verifiedHead + 1,
    fullChecks,
    lost,
    duplicated,
    violations,
    durationMs: Date.now() - started,
    ok: violations.length === 0 && acknowledged.size > options.cycles,
  };
}
