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
 *   replay-step.ts write-floor <rebuilt read store file> <new read store file>
 *                                       the final documents of a rebuild (read back untimed), written
 *                                       again into an empty read store as a rebuild writes them (each
 *                                       serialised once, pages of one transaction, indexes built after):
 *                                       what storing the result costs with no log read and no handler.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { LedgerEventStore, SqliteEventStore, SqliteKeyStore } from '@ledger/event-store';
import {
  MAX_PAGE_SIZE,
  SqliteReadStore,
  physicalCollection,
  type DocumentChange,
  type ReadDocument,
} from '@ledger/read-store';
import { rebuildShare } from '@ledger/application';
import { learnerUpcasters, personalDataPolicy } from '@ledger/domain';
import { rulebookUpcasters } from '@ledger/regulations';
import { createAllProjections } from '../../projections';
import { scanAndParse } from './ceiling';
import { peakRssMiB } from './lib';

export interface StepResult {
  step: 'scan' | 'rebuild' | 'write-floor';
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  peakRssMiB: number;
  /** CPU time of the measured part (user + system, every thread of the process): steadier than wall time on a busy machine. */
  cpuMs?: number;
  projections?: number;
  deadLetters?: number;
  /** write-floor: documents written, and the part of elapsedMs spent serialising them. */
  documents?: number;
  serialiseMs?: number;
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

/** Documents per commit of the write floor: about what a catch-up page of 2,000 events writes per projection. */
const FLOOR_PAGE_DOCUMENTS = 5_000;

async function writeFloor(rebuiltFile: string, targetFile: string): Promise<StepResult> {
  const source = SqliteReadStore.open(rebuiltFile);
  const target = SqliteReadStore.open(targetFile, { checkpointInBackground: true });
  try {
    const projections = createAllProjections();
    // Commit positions only grow per projection; a document keeps the position it was written at.
    let commitPosition = 0;
    for (const projection of projections)
      commitPosition = Math.max(commitPosition, (await source.getCheckpoint(projection)) ?? 0);
    let elapsedMs = 0;
    let cpuMicros = 0;
    let serialiseMs = 0;
    let documents = 0;
    // One collection at a time, read back untimed, so memory holds one collection's documents, not every one.
    for (const projection of projections)
      for (const collection of projection.collections) {
        const spec = { ...collection, name: physicalCollection(projection, collection.name) };
        const bodies = await everyDocument(source, spec.name);
        const startedAt = performance.now();
        const cpuAtStart = process.cpuUsage();
        await target.ensureCollection(spec, { deferIndexes: true });
        for (let start = 0; start < bodies.length; start += FLOOR_PAGE_DOCUMENTS) {
          const serialisedAt = performance.now();
          const changes: DocumentChange[] = bodies.slice(start, start + FLOOR_PAGE_DOCUMENTS).map((document) => ({
            kind: 'put',
            collection: spec.name,
            id: document.id,
            bodyJson: JSON.stringify(document.body),
            indexed: Object.fromEntries(spec.indexes.map((field) => [field, scalarOrNull(document.body[field])])),
            position: document.position,
          }));
          serialiseMs += performance.now() - serialisedAt;
          await target.commit(projection, changes, ++commitPosition);
          documents += changes.length;
        }
        await target.ensureCollection(spec);
        const cpu = process.cpuUsage(cpuAtStart);
        cpuMicros += cpu.user + cpu.system;
        elapsedMs += performance.now() - startedAt;
      }
    return {
      step: 'write-floor',
      events: 0,
      elapsedMs: Math.round(elapsedMs),
      eventsPerSecond: 0,
      peakRssMiB: peakRssMiB(),
      cpuMs: Math.round(cpuMicros / 1000),
      documents,
      serialiseMs: Math.round(serialiseMs),
    };
  } finally {
    await source.close();
    await target.close();
  }
}

async function everyDocument(store: SqliteReadStore, collection: string): Promise<ReadDocument[]> {
  const documents: ReadDocument[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.find(collection, { limit: MAX_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) });
    documents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return documents;
}

/** As ProjectionBatch (projection-batch.ts) indexes a field: an object or array value as null. */
function scalarOrNull(value: unknown): unknown {
  return typeof value === 'object' ? null : value;
}

async function main(): Promise<void> {
  const [step, dataDir, readStoreFile, onlyList, startAt] = process.argv.slice(2);
  if (dataDir === undefined)
    throw new Error(
      'usage: replay-step.ts scan|rebuild <data dir> [read store file] [names] [start at ms] | write-floor <rebuilt file> <new file>',
    );
  if (step === 'write-floor') {
    if (readStoreFile === undefined) throw new Error('usage: replay-step.ts write-floor <rebuilt file> <new file>');
    console.log(JSON.stringify(await writeFloor(dataDir, readStoreFile)));
    return;
  }
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
