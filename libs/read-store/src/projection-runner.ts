import { Logger } from '@nestjs/common';
import type { AllSubscription, EventStore, RecordedEvent } from '@ledger/event-store';
import { physicalCollection, type ProjectionContext, type ProjectionDefinition } from './projection';
import { assertCollectionName, assertProjectionKey, MAX_CHANGES_PER_COMMIT } from './read-query';
import type { DocumentChange, ProjectionKey, ReadDocument, ReadStore } from './read-store.port';

/**
 * Runs projections against the event log. Each projection version has its own worker and its own
 * checkpoint: it catches up from the checkpoint in pages (`readAll`), then follows `subscribeToAll`
 * from wherever the catch-up ended, one event at a time and strictly in log order. A batch of
 * events is committed together with its document changes and the new checkpoint.
 *
 * Failures are of two kinds. A handler that throws is retried a bounded number of times in place,
 * then its event is parked as a dead letter and the projection moves on: one poisoned event must
 * not stop a read model. A storage failure (event store, read store) is not the event's fault: the
 * worker drops the uncommitted batch and resumes from its last checkpoint after a growing backoff,
 * until stopped. Replaying from the checkpoint is safe because commits are idempotent.
 */

export interface ProjectionRunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  readStore: ReadStore;
  projections: readonly ProjectionDefinition[];
  /** Events per `readAll` page while catching up; each page commits once. Default 500. */
  catchUpBatchSize?: number;
  /** Upper bound on events per commit while following live. Default 100. */
  liveBatchSize?: number;
  /** A batch commits early once it holds this many changed or read documents. Default 1000. */
  maxBatchDocuments?: number;
  /** Attempts per event before it is parked as a dead letter. Default 3. */
  handlerAttempts?: number;
  /** Backoff before resuming after a storage failure: doubles from initialMs up to maxMs. */
  retryBackoff?: { initialMs?: number; maxMs?: number };
  logger?: ProjectionRunnerLogger;
  /** Time source of dead letters' `failedAt`. */
  clock?: () => Date;
}

export type ProjectionState = 'stopped' | 'catching-up' | 'live' | 'retrying';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Last committed position, -1 before the first commit. */
  position: number;
  /** Newest position in the log, -1 when empty. */
  headPosition: number;
  /** headPosition - position, in log positions (on EventStoreDB not a count of events). */
  lag: number;
  deadLetters: number;
  state: ProjectionState;
}

/**
 * A batch commits before it exceeds half a commit's capacity, and one event may write at most the
 * other half, so no commit can outgrow MAX_CHANGES_PER_COMMIT.
 */
const MAX_WRITES_PER_EVENT = MAX_CHANGES_PER_COMMIT / 2;
const LIMITS = {
  batchSize: { min: 1, max: 10_000 },
  batchDocuments: { min: 1, max: MAX_CHANGES_PER_COMMIT / 2 },
  handlerAttempts: { min: 1, max: 10 },
  backoffMs: { min: 1, max: 300_000 },
} as const;
/** Longest a read-your-writes wait may last, and how many may wait at once. */
export const MAX_WAIT_FOR_POSITION_MS = 60_000;
export const MAX_POSITION_WAITERS = 10_000;

interface RunnerSettings {
  catchUpBatchSize: number;
  liveBatchSize: number;
  maxBatchDocuments: number;
  handlerAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

interface PositionWaiter {
  position: number;
  finish(reached: boolean): void;
}

export class ProjectionRunner {
  private readonly workers: ProjectionWorker[];
  private readonly waiters = new Set<PositionWaiter>();
  private running = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const settings = resolveSettings(options);
    const logger = options.logger ?? new Logger('ProjectionRunner');
    const clock = options.clock ?? (() => new Date());
    assertDistinctProjections(options.projections);
    this.workers = options.projections.map(
      (definition) =>
        new ProjectionWorker(definition, {
          eventStore: options.eventStore,
          readStore: options.readStore,
          settings,
          logger,
          clock,
          onCommit: () => this.notifyWaiters(),
        }),
    );
  }

  /** Starts every projection in the background; failures are logged and retried, never thrown here. */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const worker of this.workers) worker.start();
  }

  /** Stops every projection after the event in hand; uncommitted work is replayed on the next start. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers.map((worker) => worker.stop()));
    for (const waiter of [...this.waiters]) waiter.finish(this.reached(waiter.position));
  }

  /**
   * Read-your-writes: true once every projection has committed up to `position`, false when
   * `timeoutMs` (at most MAX_WAIT_FOR_POSITION_MS) passes first or the runner stops.
   */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (!Number.isSafeInteger(position)) {
      return Promise.reject(new RangeError(`position must be an integer, got ${String(position)}`));
    }
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
      return Promise.reject(new RangeError(`timeoutMs must be >= 0, got ${String(timeoutMs)}`));
    }
    if (this.reached(position)) return Promise.resolve(true);
    if (this.waiters.size >= MAX_POSITION_WAITERS) {
      return Promise.reject(new Error(`Too many waiters for projection positions (${MAX_POSITION_WAITERS})`));
    }
    return new Promise<boolean>((resolve) => {
      const waiter: PositionWaiter = {
        position,
        finish: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.finish(this.reached(position)), Math.min(timeoutMs, MAX_WAIT_FOR_POSITION_MS));
      this.waiters.add(waiter);
    });
  }

  async status(): Promise<ProjectionStatus[]> {
    const headPosition = await this.options.eventStore.headPosition();
    return Promise.all(
      this.workers.map(async (worker) => {
        const key = worker.key;
        const position = (await this.options.readStore.getCheckpoint(key)) ?? -1;
        return {
          name: key.name,
          version: key.version,
          position,
          headPosition,
          lag: Math.max(0, headPosition - position),
          deadLetters: await this.options.readStore.countDeadLetters(key),
          state: worker.state,
        };
      }),
    );
  }

  /**
   * Drops a projection version's collections, checkpoint and dead letters and replays the whole
   * log into it; resolves once it has caught up with the log as it was when the catch-up ended.
   * The projection is unavailable meanwhile (a blue/green rebuild builds a new version beside the
   * old one instead: another worker with its own physical collections).
   */
  async rebuildFromZero(projection: ProjectionKey): Promise<void> {
    const worker = this.workers.find((candidate) => sameKey(candidate.key, projection));
    if (worker === undefined) throw new Error(`Unknown projection ${projection.name} v${projection.version}`);
    await worker.stop();
    await this.options.readStore.dropProjection(worker.key, worker.physicalCollections);
    worker.forgetPosition();
    await worker.catchUpOnce();
    if (this.running) worker.start();
  }

  private reached(position: number): boolean {
    return this.workers.every((worker) => worker.position !== undefined && worker.position >= position) || position < 0;
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) if (this.reached(waiter.position)) waiter.finish(true);
  }
}

interface WorkerDependencies {
  eventStore: EventStore;
  readStore: ReadStore;
  settings: RunnerSettings;
  logger: ProjectionRunnerLogger;
  clock: () => Date;
  onCommit(): void;
}

/** What a worker is doing now: the whole run loop, or a one-off catch-up (rebuild). */
interface Activity {
  controller: AbortController;
  done: Promise<void>;
}

/** One projection version: its checkpoint, its catch-up and live loop, its retries. */
class ProjectionWorker {
  readonly key: ProjectionKey;
  readonly physicalCollections: readonly string[];
  /** Last committed position as this worker knows it; undefined until read or first committed. */
  position: number | undefined;
  state: ProjectionState = 'stopped';
  private readonly label: string;
  private readonly handles: ReadonlySet<string>;
  private readonly collectionNames: ReadonlyMap<string, string>;
  private activity: Activity | undefined;
  private subscription: AllSubscription | undefined;
  private backoffMs: number;
  private collectionsEnsured = false;

  constructor(
    private readonly definition: ProjectionDefinition,
    private readonly dependencies: WorkerDependencies,
  ) {
    this.key = { name: definition.name, version: definition.version };
    this.label = `${definition.name} v${definition.version}`;
    this.handles = new Set(definition.handles);
    this.collectionNames = new Map(definition.collections.map((spec) => [spec.name, physicalCollection(this.key, spec.name)]));
    this.physicalCollections = [...this.collectionNames.values()];
    this.backoffMs = dependencies.settings.initialBackoffMs;
  }

  start(): void {
    if (this.activity !== undefined) return;
    this.activity = this.begin((signal) => this.runUntilStopped(signal));
  }

  async stop(): Promise<void> {
    const activity = this.activity;
    if (activity === undefined) return;
    activity.controller.abort();
    await this.subscription?.close();
    // A failed one-off catch-up has already reported its error to whoever started it.
    await activity.done.catch(() => undefined);
  }

  forgetPosition(): void {
    this.position = undefined;
    this.collectionsEnsured = false;
  }

  /** Catches up to the end of the log once, without following it; failures are thrown to the caller. */
  async catchUpOnce(): Promise<void> {
    if (this.activity !== undefined) throw new Error(`Projection ${this.label} is already running`);
    const activity = this.begin(async (signal) => {
      this.state = 'catching-up';
      await this.loadCheckpoint();
      await this.catchUp(signal);
      if (signal.aborted) throw new Error(`Catch-up of projection ${this.label} was stopped before it reached the end of the log`);
    });
    this.activity = activity;
    await activity.done;
  }

  private begin(work: (signal: AbortSignal) => Promise<void>): Activity {
    const controller = new AbortController();
    const done = work(controller.signal).finally(() => {
      this.activity = undefined;
      this.state = 'stopped';
    });
    return { controller, done };
  }

  private async runUntilStopped(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.loadCheckpoint();
        this.state = 'catching-up';
        await this.catchUp(signal);
        this.state = 'live';
        await this.follow(signal);
        if (!signal.aborted) throw new Error('the subscription to $all ended without being closed');
      } catch (error) {
        if (signal.aborted) return;
        this.state = 'retrying';
        this.dependencies.logger.error(
          `Projection ${this.label} failed: ${describeError(error)}; ` +
            `resuming from checkpoint ${String(this.position ?? 'start')} in ${this.backoffMs} ms`,
        );
        await sleep(this.backoffMs, signal);
        this.backoffMs = Math.min(this.backoffMs * 2, this.dependencies.settings.maxBackoffMs);
      }
    }
  }

  private async loadCheckpoint(): Promise<void> {
    if (!this.collectionsEnsured) {
      for (const spec of this.definition.collections) {
        await this.dependencies.readStore.ensureCollection({ name: this.physical(spec.name), indexes: spec.indexes });
      }
      this.collectionsEnsured = true;
    }
    this.position = await this.dependencies.readStore.getCheckpoint(this.key);
    // A restart may find the checkpoint already at a position someone waits for.
    this.dependencies.onCommit();
  }

  /** Pages through `readAll` until a page comes back empty: a short page may only mean a capped read. */
  private async catchUp(signal: AbortSignal): Promise<void> {
    const { eventStore, settings } = this.dependencies;
    while (!signal.aborted) {
      const events = await eventStore.readAll({ afterPosition: this.position, maxCount: settings.catchUpBatchSize });
      if (events.length === 0) return;
      await this.process(events, signal);
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const subscription = this.dependencies.eventStore.subscribeToAll({ afterPosition: this.position, signal });
    this.subscription = subscription;
    try {
      for await (const events of inAvailableBatches(subscription, this.dependencies.settings.liveBatchSize)) {
        if (signal.aborted) return;
        await this.process(events, signal);
      }
    } finally {
      this.subscription = undefined;
      await subscription.close();
    }
  }

  /** Applies events in order and commits them; an early commit keeps each batch's documents bounded. */
  private async process(events: readonly RecordedEvent[], signal: AbortSignal): Promise<void> {
    let batch = new ProjectionBatch(this.dependencies.readStore, this.collectionNames, this.position);
    for (const event of events) {
      if (signal.aborted) return;
      await this.apply(batch, event);
      if (batch.documentCount >= this.dependencies.settings.maxBatchDocuments) {
        await this.commit(batch);
        batch = new ProjectionBatch(this.dependencies.readStore, this.collectionNames, this.position);
      }
    }
    await this.commit(batch);
  }

  private async apply(batch: ProjectionBatch, event: RecordedEvent): Promise<void> {
    batch.advanceTo(event.position);
    if (!this.handles.has(event.type)) return;
    const attempts = this.dependencies.settings.handlerAttempts;
    let lastError: unknown;
    // Immediate retries: storage failures do not reach here (they abort the batch), so what is
    // left is the handler's own failure, which waiting would not cure.
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const scope = batch.openEventScope(event.position);
      try {
        await this.definition.apply(event, scope.context);
        // A handler that swallowed a storage error computed its writes from a read that failed.
        if (scope.storageFailure !== undefined) throw scope.storageFailure;
        scope.keep();
        return;
      } catch (error) {
        scope.discard();
        if (scope.storageFailure !== undefined) throw scope.storageFailure;
        lastError = error;
        if (attempt < attempts) {
          this.dependencies.logger.warn(
            `Projection ${this.label}: handler failed on ${event.type} ${event.id} at ${event.position} ` +
              `(attempt ${attempt} of ${attempts}): ${describeError(error)}`,
          );
        }
      }
    }
    await this.park(event, lastError);
  }

  /** Never skip without a trace: the dead letter is stored before the checkpoint moves past it. */
  private async park(event: RecordedEvent, error: unknown): Promise<void> {
    await this.dependencies.readStore.addDeadLetter({
      projection: this.key,
      position: event.position,
      eventId: event.id,
      eventType: event.type,
      error: describeError(error, { stack: true }),
      failedAt: this.dependencies.clock().toISOString(),
    });
    this.dependencies.logger.error(
      `Projection ${this.label}: parked ${event.type} ${event.id} at ${event.position} as a dead letter ` +
        `after ${this.dependencies.settings.handlerAttempts} attempts: ${describeError(error)}`,
    );
  }

  private async commit(batch: ProjectionBatch): Promise<void> {
    const position = batch.lastPosition;
    if (position === undefined || position === this.position) return;
    await this.dependencies.readStore.commit(this.key, batch.changes(), position);
    this.position = position;
    this.backoffMs = this.dependencies.settings.initialBackoffMs;
    this.dependencies.onCommit();
  }

  private physical(logical: string): string {
    const physical = this.collectionNames.get(logical);
    if (physical === undefined) throw new Error(`Projection ${this.label} has no collection ${logical}`);
    return physical;
  }
}

interface PendingWrite {
  collection: string;
  id: string;
  /** Undefined for a delete. */
  body: Record<string, unknown> | undefined;
  /** Position of the event that wrote it. */
  position: number;
}

/**
 * The uncommitted state of one batch: writes of the events applied so far, and the committed
 * documents read while applying them. Reads see the batch's own writes. A write is dropped when
 * the committed document already reflects a newer event: after a partial commit (MongoDB has no
 * transaction) a replay must not apply an event twice on top of its own result.
 */
class ProjectionBatch {
  private readonly writes = new Map<string, PendingWrite>();
  private readonly committed = new Map<string, ReadDocument | undefined>();
  lastPosition: number | undefined;

  constructor(
    private readonly readStore: ReadStore,
    private readonly collectionNames: ReadonlyMap<string, string>,
    private readonly checkpoint: number | undefined,
  ) {}

  get documentCount(): number {
    return this.writes.size + this.committed.size;
  }

  /** Events arrive strictly in log order; anything else is a store bug that must not be projected. */
  advanceTo(position: number): void {
    const previous = this.lastPosition ?? this.checkpoint ?? -1;
    if (!Number.isSafeInteger(position) || position <= previous) {
      throw new Error(`Event at position ${position} arrived after position ${previous}: out of order`);
    }
    this.lastPosition = position;
  }

  openEventScope(position: number): EventScope {
    return new EventScope(this, position);
  }

  physical(logical: string): string {
    const physical = this.collectionNames.get(logical);
    if (physical === undefined) {
      throw new Error(`Unknown collection ${JSON.stringify(logical)}: declare it in the projection's collections`);
    }
    return physical;
  }

  async read(collection: string, id: string): Promise<ReadDocument | undefined> {
    const key = documentKey(collection, id);
    if (!this.committed.has(key)) this.committed.set(key, await this.readStore.get(collection, id));
    const committed = this.committed.get(key);
    const pending = this.writes.get(key);
    if (pending !== undefined && (committed === undefined || pending.position > committed.position)) return toReadDocument(pending);
    return committed === undefined ? undefined : { ...committed, body: structuredClone(committed.body) };
  }

  merge(write: PendingWrite): void {
    const key = documentKey(write.collection, write.id);
    const committed = this.committed.get(key);
    if (committed !== undefined && committed.position >= write.position) return;
    this.writes.set(key, write);
  }

  changes(): DocumentChange[] {
    return [...this.writes.values()].map((write) =>
      write.body === undefined
        ? { kind: 'delete', collection: write.collection, id: write.id, position: write.position }
        : { kind: 'put', collection: write.collection, id: write.id, body: write.body, position: write.position },
    );
  }
}

/**
 * The context one handler attempt sees. Its writes stay private until the attempt succeeds, so a
 * handler that throws half-way leaves nothing behind for the retry or the next event.
 */
class EventScope {
  readonly context: ProjectionContext;
  /** Set when the read store itself failed under the handler: not the event's fault. */
  storageFailure: unknown;
  private readonly writes = new Map<string, PendingWrite>();
  private open = true;

  constructor(
    private readonly batch: ProjectionBatch,
    private readonly position: number,
  ) {
    this.context = {
      get: async <T>(collection: string, id: string) => (await this.get(collection, id)) as ReadDocument<T> | undefined,
      put: (collection, id, body) => this.write(collection, id, normalizeBody(body)),
      delete: (collection, id) => this.write(collection, id, undefined),
    };
  }

  keep(): void {
    this.open = false;
    for (const write of this.writes.values()) this.batch.merge(write);
  }

  discard(): void {
    this.open = false;
  }

  private async get(logical: string, id: string): Promise<ReadDocument | undefined> {
    this.assertOpen();
    const collection = this.batch.physical(logical);
    const own = this.writes.get(documentKey(collection, id));
    if (own !== undefined) return toReadDocument(own);
    try {
      return await this.batch.read(collection, id);
    } catch (error) {
      this.storageFailure ??= error;
      throw error;
    }
  }

  private write(logical: string, id: string, body: Record<string, unknown> | undefined): void {
    this.assertOpen();
    const collection = this.batch.physical(logical);
    assertCollectionName(collection);
    if (typeof id !== 'string' || id.length === 0) throw new Error(`Document id in ${logical} must be a non-empty string`);
    if (this.writes.size >= MAX_WRITES_PER_EVENT) throw new Error(`A handler may write at most ${MAX_WRITES_PER_EVENT} documents per event`);
    this.writes.set(documentKey(collection, id), { collection, id, body, position: this.position });
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('ProjectionContext used after its handler finished: await every read and write');
  }
}

/**
 * Groups a live feed into batches of the events already available: after each event it takes the
 * next one only if it is ready before the event loop turns, so a quiet feed commits at once and a
 * burst commits in batches of up to `maxBatch`. Events are pulled one at a time, never
 * concurrently. The caller owns the source and closes it, which ends this generator.
 */
async function* inAvailableBatches<T>(source: AsyncIterable<T>, maxBatch: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let next = pull(iterator);
  for (;;) {
    const first = await next;
    if (first.done) return;
    const batch = [first.value];
    next = pull(iterator);
    while (batch.length < maxBatch) {
      const ready = await Promise.race([next, nextTurnOfEventLoop()]);
      if (ready === IDLE) break;
      if (ready.done) {
        yield batch;
        return;
      }
      batch.push(ready.value);
      next = pull(iterator);
    }
    yield batch;
  }
}

const IDLE = Symbol('idle');

function nextTurnOfEventLoop(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

/** A pull whose rejection counts as handled until it is awaited, so it cannot crash the process. */
function pull<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>> {
  const result = iterator.next();
  result.catch(() => undefined);
  return result;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
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

/** Bodies go through JSON once, so both adapters store exactly what handlers read back. */
function normalizeBody(body: Record<string, unknown>): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('A document body must be an object');
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

function toReadDocument(write: PendingWrite): ReadDocument | undefined {
  return write.body === undefined ? undefined : { id: write.id, body: structuredClone(write.body), position: write.position };
}

function documentKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (error instanceof Error) return options.stack && error.stack ? error.stack : `${error.name}: ${error.message}`;
  return String(error);
}

function sameKey(a: ProjectionKey, b: ProjectionKey): boolean {
  return a.name === b.name && a.version === b.version;
}

function assertDistinctProjections(projections: readonly ProjectionDefinition[]): void {
  const seen = new Set<string>();
  for (const projection of projections) {
    assertProjectionKey(projection);
    const key = `${projection.name}@${projection.version}`;
    if (seen.has(key)) throw new Error(`Projection ${projection.name} v${projection.version} is registered twice`);
    seen.add(key);
    const logical = new Set<string>();
    for (const spec of projection.collections) {
      if (logical.has(spec.name)) throw new Error(`Projection ${key} declares collection ${spec.name} twice`);
      logical.add(spec.name);
      assertCollectionName(physicalCollection(projection, spec.name));
    }
  }
}

function resolveSettings(options: ProjectionRunnerOptions): RunnerSettings {
  const initialBackoffMs = bounded('retryBackoff.initialMs', options.retryBackoff?.initialMs ?? 100, LIMITS.backoffMs);
  return {
    catchUpBatchSize: bounded('catchUpBatchSize', options.catchUpBatchSize ?? 500, LIMITS.batchSize),
    liveBatchSize: bounded('liveBatchSize', options.liveBatchSize ?? 100, LIMITS.batchSize),
    maxBatchDocuments: bounded('maxBatchDocuments', options.maxBatchDocuments ?? 1_000, LIMITS.batchDocuments),
    handlerAttempts: bounded('handlerAttempts', options.handlerAttempts ?? 3, LIMITS.handlerAttempts),
    initialBackoffMs,
    maxBackoffMs: Math.max(initialBackoffMs, bounded('retryBackoff.maxMs', options.retryBackoff?.maxMs ?? 10_000, LIMITS.backoffMs)),
  };
}

function bounded(name: string, value: number, limits: { min: number; max: number }): number {
  if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    throw new RangeError(`${name} must be an integer from ${limits.min} to ${limits.max}, got ${String(value)}`);
  }
  return value;
}
