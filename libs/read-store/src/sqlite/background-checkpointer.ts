import { Worker } from 'node:worker_threads';

/**
 * Moves the read store's WAL checkpoints off the event loop. SQLite checkpoints a WAL database in
 * the connection that commits when the WAL passes `wal_autocheckpoint` pages: it copies the pages
 * into the database file and syncs it, inside that commit. Projections rewrite documents and their
 * indexes all over the file, so such a checkpoint writes thousands of scattered pages while the
 * API's event loop waits (a few hundred ms under load, in the p99 of every request in flight).
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints on a timer: they never
 * take the write lock and never wait for readers, so the committing connection is not held up.
 * The store keeps a much higher `wal_autocheckpoint` as a bound on the WAL should the worker fall
 * behind or die.
 */

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 100;
/** The committing connection's own checkpoint threshold while the worker runs (4 KiB pages: ~40 MiB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** The worker's code, evaluated as CommonJS: no compiled file to locate under tsx, jest or dist. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let stopped = false;
const checkpoint = () => {
  if (stopped) return;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ kind: 'checkpoint', walPages: result.log, checkpointedPages: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message || error) });
  }
  timer = setTimeout(checkpoint, workerData.intervalMs);
};
let timer = setTimeout(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.close();
});
`;

export interface CheckpointReport {
  /** Pages in the WAL and pages of it copied into the database file, after the last checkpoint. */
  walPages: number;
  checkpointedPages: number;
  checkpoints: number;
}

export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private latest: CheckpointReport = { walPages: 0, checkpointedPages: 0, checkpoints: 0 };
  private stopping: Promise<void> | undefined;

  constructor(file: string, intervalMs: number, onError: (message: string) => void) {
    if (!Number.isSafeInteger(intervalMs) || intervalMs < 1 || intervalMs > 60_000) {
      throw new RangeError(`checkpoint interval must be 1-60000 ms, got ${String(intervalMs)}`);
    }
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, intervalMs, driverPath: require.resolve('better-sqlite3') },
    });
    // A background helper: it must never keep the process alive on its own.
    this.worker.unref();
    this.worker.on(
      'message',
      (message: { kind: string; walPages?: number; checkpointedPages?: number; message?: string }) => {
        if (message.kind === 'checkpoint') {
          this.latest = {
            walPages: message.walPages ?? 0,
            checkpointedPages: message.checkpointedPages ?? 0,
            checkpoints: this.latest.checkpoints + 1,
          };
        } else if (message.kind === 'error') {
          onError(`Background checkpoint of ${file} failed: ${message.message ?? 'unknown error'}`);
        }
      },
    );
    this.worker.on('error', (error) => onError(`Background checkpointer of ${file} stopped: ${error.message}`));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** What the last checkpoint found (for tests and operators). */
  report(): CheckpointReport {
    return { ...this.latest };
  }

  /** Runs a last checkpoint, closes the worker's connection and ends the thread. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      // Awaited from here on: an unreferenced thread would let the process end mid-close.
      this.worker.ref();
      this.worker.postMessage('stop');
      const timeout = setTimeout(() => void this.worker.terminate(), 5_000);
      timeout.unref();
      await this.exited;
      clearTimeout(timeout);
    })();
    return this.stopping;
  }
}
