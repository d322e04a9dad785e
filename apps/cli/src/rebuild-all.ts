/**
 * `rebuild --all`: every projection from zero, split over processes (docs/decisions.md D44).
 * The data directory is locked meanwhile (no server may run). Each share is a child process of
 * this CLI (`rebuild-share`) that rebuilds its projections into one new read store file; when all
 * have reached the log's head, the new file replaces read-models.sqlite, and the old one is
 * removed. If any share fails, the new file is removed and the live read models stay as they were.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import {
  acquireDataDirLock,
  dealProjections,
  EMBEDDED_FILES,
  MAX_REBUILD_SHARES,
  openStorage,
  rebuildShare,
  sqliteFileSet,
  type ShareRebuilt,
} from '@ledger/application';
import { learnerUpcasters, personalDataPolicy } from '@ledger/domain';
import { createAllProjections } from '@ledger/projections';
import { rulebookUpcasters } from '@ledger/regulations';
import { loadCliConfig } from './context';

/** The new read store beside the live one until it replaces it. */
export const REBUILDING_FILE = 'read-models.rebuilding.sqlite';

export interface RebuildAllReport {
  dataDir: string;
  processes: number;
  position: number;
  elapsedMs: number;
  shares: ShareRebuilt[];
  deadLetters: number;
}

export class RebuildAllError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildAllError';
  }
}

/** Shares by default: one per core, at most two (each holds the whole application in memory). */
export function defaultRebuildProcesses(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

export async function rebuildAll(dataDir: string, processes: number): Promise<RebuildAllReport> {
  if (!Number.isInteger(processes) || processes < 1 || processes > MAX_REBUILD_SHARES)
    throw new RebuildAllError(`--processes must be 1 to ${MAX_REBUILD_SHARES}`);
  const config = loadCliConfig({ ...process.env, LEDGER_DATA_DIR: dataDir });
  if (config.mongoUrl)
    throw new RebuildAllError(
      'rebuild --all replaces the embedded read store file; with MONGODB_URL rebuild projections one at a time (rebuild <projection>)',
    );
  const lock = acquireDataDirLock(dataDir, 'cli rebuild --all');
  const newFile = path.join(dataDir, REBUILDING_FILE);
  try {
    removeSqliteFile(newFile);
    const shares = dealProjections(
      createAllProjections().map((projection) => projection.name),
      processes,
    );
    const startedAt = Date.now();
    const results = await Promise.allSettled(shares.map((names) => runShareProcess(dataDir, newFile, names)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    const rebuilt = results.map((result) => (result as PromiseFulfilledResult<ShareRebuilt>).value);
    const elapsedMs = Date.now() - startedAt;
    replaceReadStore(newFile, path.join(dataDir, EMBEDDED_FILES.readModels));
    return {
      dataDir,
      processes: shares.length,
      position: Math.min(...rebuilt.map((share) => share.position)),
      elapsedMs,
      shares: rebuilt,
      deadLetters: Math.max(...rebuilt.map((share) => share.deadLetters)),
    };
  } finally {
    removeSqliteFile(newFile);
    lock.release();
  }
}

/** What a `rebuild-share` child runs: its projections from zero into `file`, without the lock its parent holds. */
export async function rebuildShareInto(dataDir: string, file: string, names: readonly string[]): Promise<ShareRebuilt> {
  const projections = createAllProjections().filter((projection) => names.includes(projection.name));
  const unknown = names.filter((name) => !projections.some((projection) => projection.name === name));
  if (unknown.length > 0) throw new RebuildAllError(`No projection named ${unknown.join(', ')}`);
  const config = loadCliConfig({ ...process.env, LEDGER_DATA_DIR: dataDir });
  const storage = await openStorage(config, {
    personalData: personalDataPolicy,
    upcasters: [...learnerUpcasters, ...rulebookUpcasters],
    readModelsFile: file,
  });
  try {
    return await rebuildShare({
      eventStore: storage.eventStore,
      readStore: storage.readStore,
      projections,
      logger: {
        log: () => undefined,
        warn: (line) => process.stderr.write(`${line}\n`),
        error: (line) => process.stderr.write(`${line}\n`),
      },
    });
  } finally {
    await storage.close();
  }
}

/** Runs this CLI's `rebuild-share` in a child process; its last stdout line is the share's JSON. */
function runShareProcess(dataDir: string, file: string, names: string[]): Promise<ShareRebuilt> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1] as string, ['rebuild-share', file, names.join(',')], {
      execArgv: process.execArgv,
      env: { ...process.env, LEDGER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0)
        return reject(new RebuildAllError(`The rebuild of ${names.join(', ')} failed (exit ${String(code)})`));
      try {
        resolve(JSON.parse(output.trim().split('\n').pop() ?? '') as ShareRebuilt);
      } catch {
        reject(new RebuildAllError(`The rebuild of ${names.join(', ')} printed no result`));
      }
    });
  });
}

/** The new file, its WAL folded in, takes the live file's place; no WAL of the old file is left to replay into it. */
function replaceReadStore(newFile: string, liveFile: string): void {
  const db = new Database(newFile);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  for (const file of sqliteFileSet(liveFile)) fs.rmSync(file, { force: true });
  fs.renameSync(newFile, liveFile);
  for (const file of sqliteFileSet(newFile)) fs.rmSync(file, { force: true });
}

function removeSqliteFile(file: string): void {
  for (const part of sqliteFileSet(file)) fs.rmSync(part, { force: true });
}
