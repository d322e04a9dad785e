/**
 * One measured step of the replay benchmark, run in a fresh process so its peak RSS is its own
 * (replay.ts starts it). Prints one JSON line.
 *
 *   replay-step.ts scan <data dir>      full scan of the log + JSON.parse of data and metadata (the ceiling)
 *   replay-step.ts rebuild <data dir> <read store file> [names] [start at ms]
 *                                       every projection of createAllProjections() (or those named,
 *                                       comma-separated) from zero, through the application's own stack
 *                                       (LedgerEventStore: personal data withheld, upcasting; ProjectionRunner;
 *                                       SqliteReadStore), until all reach the log's head. With a start time
 *                                       (epoch ms) it opens its stores, then waits for it: processes that
 *                                       rebuild side by side start together.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { LedgerEventStore, SqliteEventStore, SqliteKeyStore } from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';
import { rebuildShare } from '@ledger/application';
import { learnerUpcasters, personalDataPolicy } from '@ledger/domain';
import { rulebookUpcasters } from '@ledger/regulations';
import { createAllProjections } from '../../projections';
import { scanAndParse } from './ceiling';
import { peakRssMiB } from './lib';

export interface StepResult {
  step: 'scan' | 'rebuild';
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  peakRssMiB: number;
  /** CPU time of the measured part (user + system, every thread of the process): steadier than wall time on a busy machine. */
  cpuMs?: number;
  projections?: number;
  deadLetters?: number;
  /** Epoch ms of the start and the end of the measured part (side-by-side rebuilds). */
  startedAtMs?: number;
  finishedAtMs?: number;
}

async function scan(dataDir: string): Promise<StepResult> {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const startedAt = performance.now();
    const cpuAtStart = process.cpuUsage();
    const rate = scanAndParse(
      db,
      'SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
    );
    return {
      step: 'scan',
      events,
      elapsedMs: Math.round(performance.now() - startedAt),
      eventsPerSecond: Math.round(rate),
      peakRssMiB: peakRssMiB(),
      cpuMs: Math.round((process.cpuUsage(cpuAtStart).user + process.cpuUsage(cpuAtStart).system) / 1000),
    };
  } finally {
    db.close();
  }
}

async function rebuild(
  dataDir: string,
  readStoreFile: string,
  only?: readonly string[],
  startAtMs?: number,
): Promise<StepResult> {
  const engine = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const keyStore = SqliteKeyStore.open(join(dataDir, 'keys.sqlite'));
  const eventStore = new LedgerEventStore(engine, {
    keyStore,
    personalData: personalDataPolicy,
    upcasters: [...learnerUpcasters, ...rulebookUpcasters],
  });
  const readStore = SqliteReadStore.open(readStoreFile, { checkpointInBackground: true });
  const projections = createAllProjections().filter(
    (projection) => only === undefined || only.includes(projection.name),
  );
  const quiet = {
    log: () => undefined,
    warn: () => undefined,
    error: (message: string) => process.stderr.write(`${message}\n`),
  };
  try {
    if (startAtMs !== undefined)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAtMs - Date.now())));
    const startedAtMs = Date.now();
    // The same rebuild as `cli rebuild --all` runs in each of its processes.
    const rebuilt = await rebuildShare({ eventStore, readStore, projections, logger: quiet });
    return {
      step: 'rebuild',
      events: rebuilt.position + 1,
      elapsedMs: rebuilt.elapsedMs,
      eventsPerSecond: Math.round(((rebuilt.position + 1) / rebuilt.elapsedMs) * 1000),
      peakRssMiB: peakRssMiB(),
      cpuMs: rebuilt.cpuMs,
      projections: projections.length,
      deadLetters: rebuilt.deadLetters,
      startedAtMs,
      finishedAtMs: startedAtMs + rebuilt.elapsedMs,
    };
  } finally {
    await eventStore.close();
    await readStore.close();
  }
}

async function main(): Promise<void> {
  const [step, dataDir, readStoreFile, onlyList, startAt] = process.argv.slice(2);
  if (dataDir === undefined)
    throw new Error('usage: replay-step.ts scan|rebuild <data dir> [read store file] [names] [start at ms]');
  const result =
    step === 'scan'
      ? await scan(dataDir)
      : await rebuild(
          dataDir,
          readStoreFile ?? join(dataDir, 'read-models.sqlite'),
          onlyList === undefined || onlyList === '' ? undefined : onlyList.split(','),
          startAt === undefined ? undefined : Number(startAt),
        );
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
