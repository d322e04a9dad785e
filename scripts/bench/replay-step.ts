/**
 * One measured step of the replay benchmark, run in a fresh process so its peak RSS is its own
 * (replay.ts starts it). Prints one JSON line.
 *
 *   replay-step.ts scan <data dir>      full scan of the log + JSON.parse of data and metadata (the ceiling)
 *   replay-step.ts rebuild <data dir> <read store file>
 *                                       every projection of createAllProjections() from zero, through the
 *                                       application's own stack (LedgerEventStore: decryption, upcasting;
 *                                       ProjectionRunner; SqliteReadStore), until all reach the log's head
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { LedgerEventStore, SqliteEventStore, SqliteKeyStore } from '@ledger/event-store';
import { ProjectionRunner, SqliteReadStore } from '@ledger/read-store';
import { learnerUpcasters, personalDataPolicy } from '@ledger/domain';
import { createAllProjections } from '../../projections';
import { scanAndParse } from './ceiling';
import { peakRssMiB } from './lib';

export interface StepResult {
  step: 'scan' | 'rebuild';
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  peakRssMiB: number;
  projections?: number;
  deadLetters?: number;
}

async function scan(dataDir: string): Promise<StepResult> {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const startedAt = performance.now();
    const rate = scanAndParse(db, 'SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position');
    return { step: 'scan', events, elapsedMs: Math.round(performance.now() - startedAt), eventsPerSecond: Math.round(rate), peakRssMiB: peakRssMiB() };
  } finally {
    db.close();
  }
}

async function rebuild(dataDir: string, readStoreFile: string): Promise<StepResult> {
  const engine = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const keyStore = SqliteKeyStore.open(join(dataDir, 'keys.sqlite'));
  const eventStore = new LedgerEventStore(engine, { keyStore, personalData: personalDataPolicy, upcasters: [...learnerUpcasters] });
  const readStore = SqliteReadStore.open(readStoreFile);
  const projections = createAllProjections();
  const quiet = { log: () => undefined, warn: () => undefined, error: (message: string) => process.stderr.write(`${message}\n`) };
  const runner = new ProjectionRunner({ eventStore, readStore, projections, logger: quiet });
  try {
    const head = await eventStore.headPosition();
    const startedAt = performance.now();
    runner.start();
    while (!(await runner.waitForPosition(head, 60_000))) {
      // keep waiting: a 1M-event rebuild takes longer than one wait
    }
    const elapsedMs = performance.now() - startedAt;
    await runner.stop();
    const deadLetters = await readStore.countDeadLetters();
    return {
      step: 'rebuild',
      events: head + 1,
      elapsedMs: Math.round(elapsedMs),
      eventsPerSecond: Math.round(((head + 1) / elapsedMs) * 1000),
      peakRssMiB: peakRssMiB(),
      projections: projections.length,
      deadLetters,
    };
  } finally {
    await runner.stop();
    await eventStore.close();
    await readStore.close();
  }
}

async function main(): Promise<void> {
  const [step, dataDir, readStoreFile] = process.argv.slice(2);
  if (dataDir === undefined) throw new Error('usage: replay-step.ts scan|rebuild <data dir> [read store file]');
  const result = step === 'scan' ? await scan(dataDir) : await rebuild(dataDir, readStoreFile ?? join(dataDir, 'read-models.sqlite'));
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
