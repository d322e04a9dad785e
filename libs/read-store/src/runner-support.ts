/**
 * What the projection runner's modules share: its settings and their bounds, the logger it
 * reports to, and two small helpers (an abortable sleep and an error's description).
 */
import type { EventStore } from '@ledger/event-store';
import type { ProjectionDefinition } from './projection';
import { DEFAULT_SLICE_MS, SLICE_MS_LIMITS } from './loop-slices';
import { MAX_CHANGES_PER_COMMIT } from './read-query';
import { MAX_WRITER_LEASE_TTL_MS, MIN_WRITER_LEASE_TTL_MS, type ReadStore } from './read-store.port';

export interface ProjectionRunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  readStore: ReadStore;
  projections: readonly ProjectionDefinition[];
  /** Events per `readAll` page while catching up; each page commits once. Default 2000. */
  catchUpBatchSize?: number;
  /** Upper bound on events per commit while following live. Default 100. */
  liveBatchSize?: number;
  /**
   * A batch commits early once it holds this many changed or read documents. Default 5000 (the
   * most allowed), which a catch-up page of 2000 events stays under: a page then writes each of
   * its documents once, however many of its events changed it.
   */
  maxBatchDocuments?: number;
  /**
   * Longest the workers together hold the event loop before giving it a turn, so requests of the
   * same process go in between (loop-slices.ts). Default 5 ms.
   */
  sliceMs?: number;
  /** Attempts per event before it is parked as a dead letter. Default 3. */
  handlerAttempts?: number;
  /** Backoff before resuming after a storage failure: doubles from initialMs up to maxMs. */
  retryBackoff?: { initialMs?: number; maxMs?: number };
  /**
   * The writer lease each projection slot is applied under (one writer per projection across
   * processes): how long it lasts unrenewed (renewed every third of it), and how often a runner
   * standing by reads the writing one's checkpoint. Defaults 15,000 ms and 100 ms.
   */
  writerLease?: { ttlMs?: number; standbyPollMs?: number };
  /** This runner as a lease owner; default a fresh random id (never share one between runners). */
  ownerId?: string;
  logger?: ProjectionRunnerLogger;
  /** Time source of dead letters' `failedAt`. */
  clock?: () => Date;
  /** Opens the scratch read store of `verifyInScratch` (an embedded SQLite file). */
  openScratch?: (file: string) => ReadStore;
  /**
   * Queries may also hold slots elsewhere (a runner in a worker thread serves the main thread's
   * queries): an old slot is dropped only once this resolves too, or its grace time passed.
   */
  whenReleasedElsewhere?: (slot: string, timeoutMs: number) => Promise<void>;
  /** Told after every commit and every switch of a live slot (what a runner in a thread reports). */
  onChange?: () => void;
}

/** `standby`: another process holds the slot's writer lease; this one follows its checkpoint. */
export type ProjectionState = 'stopped' | 'catching-up' | 'live' | 'retrying' | 'standby';

export interface RunnerSettings {
  catchUpBatchSize: number;
  liveBatchSize: number;
  maxBatchDocuments: number;
  sliceMs: number;
  handlerAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  leaseTtlMs: number;
  standbyPollMs: number;
}

/**
 * A batch commits before it exceeds half a commit's capacity, and one event may write at most the
 * other half, so no commit can outgrow MAX_CHANGES_PER_COMMIT.
 */
export const MAX_WRITES_PER_EVENT = MAX_CHANGES_PER_COMMIT / 2;
const LIMITS = {
  batchSize: { min: 1, max: 10_000 },
  batchDocuments: { min: 1, max: MAX_CHANGES_PER_COMMIT / 2 },
  sliceMs: SLICE_MS_LIMITS,
  handlerAttempts: { min: 1, max: 10 },
  backoffMs: { min: 1, max: 300_000 },
  leaseTtlMs: { min: MIN_WRITER_LEASE_TTL_MS, max: MAX_WRITER_LEASE_TTL_MS },
  standbyPollMs: { min: 5, max: 60_000 },
} as const;

export function resolveSettings(options: ProjectionRunnerOptions): RunnerSettings {
  const initialBackoffMs = bounded('retryBackoff.initialMs', options.retryBackoff?.initialMs ?? 100, LIMITS.backoffMs);
  return {
    catchUpBatchSize: bounded('catchUpBatchSize', options.catchUpBatchSize ?? 2_000, LIMITS.batchSize),
    liveBatchSize: bounded('liveBatchSize', options.liveBatchSize ?? 100, LIMITS.batchSize),
    maxBatchDocuments: bounded('maxBatchDocuments', options.maxBatchDocuments ?? 5_000, LIMITS.batchDocuments),
    sliceMs: bounded('sliceMs', options.sliceMs ?? DEFAULT_SLICE_MS, LIMITS.sliceMs),
    handlerAttempts: bounded('handlerAttempts', options.handlerAttempts ?? 3, LIMITS.handlerAttempts),
    initialBackoffMs,
    maxBackoffMs: Math.max(
      initialBackoffMs,
      bounded('retryBackoff.maxMs', options.retryBackoff?.maxMs ?? 10_000, LIMITS.backoffMs),
    ),
    leaseTtlMs: bounded('writerLease.ttlMs', options.writerLease?.ttlMs ?? 15_000, LIMITS.leaseTtlMs),
    standbyPollMs: bounded(
      'writerLease.standbyPollMs',
      options.writerLease?.standbyPollMs ?? 100,
      LIMITS.standbyPollMs,
    ),
  };
}

function bounded(name: string, value: number, limits: { min: number; max: number }): number {
  if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    throw new RangeError(`${name} must be an integer from ${limits.min} to ${limits.max}, got ${String(value)}`);
  }
  return value;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const finish = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
  });
}

export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (error instanceof Error) return options.stack && error.stack ? error.stack : `${error.name}: ${error.message}`;
  return String(error);
}
