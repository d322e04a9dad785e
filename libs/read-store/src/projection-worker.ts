/**
 * One projection slot's worker: its checkpoint, its catch-up in pages (`readAll`), its live loop
 * (`subscribeToAll`, one event at a time and strictly in log order), its retries and dead letters.
 * A batch of events is committed together with its document changes and the new checkpoint.
 */
import type { AllSubscription, EventStore, PersonalDataAccess, RecordedEvent } from '@ledger/event-store';
import type { CatchUpConvoy } from './catch-up-convoy';
import type { LoopSlices } from './loop-slices';
import { ALL_EVENT_TYPES, physicalCollection, slotKey, type ProjectionDefinition } from './projection';
import { ProjectionBatch, type BatchCollection } from './projection-batch';
import { WriterLeaseLostError, type CollectionSpec, type ProjectionKey, type ReadStore } from './read-store.port';
import {
  describeError,
  sleep,
  type ProjectionRunnerLogger,
  type ProjectionState,
  type RunnerSettings,
} from './runner-support';
import { WriterTenure } from './writer-tenure';
import { WrittenIds } from './written-ids';

export interface WorkerDependencies {
  eventStore: EventStore;
  readStore: ReadStore;
  settings: RunnerSettings;
  logger: ProjectionRunnerLogger;
  clock: () => Date;
  convoy: CatchUpConvoy;
  /** The event loop, shared with the process's requests: workers apply events in slices of it. */
  slices: LoopSlices;
  /** This runner as a writer-lease owner. */
  owner: string;
  onCommit(): void;
}

/** What a worker is doing now: the whole run loop, or a one-off catch-up (rebuild). */
interface Activity {
  controller: AbortController;
  done: Promise<void>;
}

/** One projection version: its checkpoint, its catch-up and live loop, its retries. */
export class ProjectionWorker {
  /** The slot's key: checkpoint, dead letters and physical collections live under it. */
  readonly key: ProjectionKey;
  readonly physicalCollections: readonly string[];
  /** Last committed position as this worker knows it; undefined until read or first committed. */
  position: number | undefined;
  state: ProjectionState = 'stopped';
  private readonly label: string;
  private readonly handles: ReadonlySet<string>;
  private readonly collections: ReadonlyMap<string, BatchCollection>;
  private activity: Activity | undefined;
  private subscription: AllSubscription | undefined;
  private backoffMs: number;
  private collectionsEnsured = false;
  /** The collections were created for a catch-up from zero, their indexes to be built once it ends. */
  private indexesDeferred = false;
  /** The slot's writer lease while this worker holds it; its commits are made under it. */
  private tenure: WriterTenure | undefined;
  /** During a catch-up that started with the slot empty: the documents written since. */
  private writtenIds: WrittenIds | undefined;

  private readonly handlesAll: boolean;
  private readonly personalData: PersonalDataAccess;

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly dependencies: WorkerDependencies,
    readonly generation: number,
  ) {
    this.key = slotKey(definition, generation);
    this.label = `${definition.name} v${definition.version}${generation > 0 ? ` (slot ${this.key.name})` : ''}`;
    this.handles = new Set(definition.handles);
    this.handlesAll = this.handles.has(ALL_EVENT_TYPES);
    this.personalData = definition.readsPersonalData === true ? 'open' : 'withheld';
    this.collections = new Map(
      definition.collections.map((spec) => [
        spec.name,
        {
          physical: physicalCollection(this.key, spec.name),
          indexes: spec.indexes,
          ...(spec.compoundIndexes ? { compoundIndexes: spec.compoundIndexes } : {}),
        },
      ]),
    );
    this.physicalCollections = [...this.collections.values()].map((collection) => collection.physical);
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

  /**
   * Catches up to the end of the log (or up to `untilPosition`, inclusive) once, without following
   * it; failures are thrown to the caller, and so is the slot's writer lease being held elsewhere.
   */
  async catchUpOnce(untilPosition?: number): Promise<void> {
    if (this.activity !== undefined) throw new Error(`Projection ${this.label} is already running`);
    const activity = this.begin(async (signal) => {
      const tenure = await this.acquireTenure();
      if (tenure === undefined) {
        throw new Error(`Projection ${this.label}: another process holds the writer lease of slot ${this.key.name}`);
      }
      try {
        const held = AbortSignal.any([signal, tenure.lost]);
        this.state = 'catching-up';
        await this.loadCheckpoint();
        await this.catchUp(held, untilPosition);
        if (tenure.lost.aborted) throw new WriterLeaseLostError(this.key);
        if (signal.aborted)
          throw new Error(`Catch-up of projection ${this.label} was stopped before it reached the end of the log`);
        await this.buildDeferredIndexes();
      } finally {
        await this.endTenure(tenure);
      }
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

  /** Stands by while another process holds the slot's writer lease; applies the log while this one does. */
  private async runUntilStopped(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const tenure = await this.standByUntilTenure(signal);
      if (tenure === undefined) return;
      try {
        await this.writeWhileHeld(signal, tenure);
      } finally {
        await this.endTenure(tenure);
      }
      if (!signal.aborted) {
        this.dependencies.logger.warn(`Projection ${this.label}: lost the writer lease of slot ${this.key.name}`);
      }
    }
  }

  private async writeWhileHeld(signal: AbortSignal, tenure: WriterTenure): Promise<void> {
    const held = AbortSignal.any([signal, tenure.lost]);
    const closeSubscription = (): void => void this.subscription?.close();
    tenure.lost.addEventListener('abort', closeSubscription, { once: true });
    try {
      while (!held.aborted) {
        try {
          await this.loadCheckpoint();
          this.state = 'catching-up';
          await this.catchUp(held);
          await this.buildDeferredIndexes();
          this.state = 'live';
          await this.follow(held);
          if (!held.aborted) throw new Error('the subscription to $all ended without being closed');
        } catch (error) {
          if (held.aborted) return;
          if (error instanceof WriterLeaseLostError) return tenure.markLost();
          this.state = 'retrying';
          this.dependencies.logger.error(
            `Projection ${this.label} failed: ${describeError(error)}; ` +
              `resuming from checkpoint ${String(this.position ?? 'start')} in ${this.backoffMs} ms`,
          );
          await sleep(this.backoffMs, held);
          this.backoffMs = Math.min(this.backoffMs * 2, this.dependencies.settings.maxBackoffMs);
        }
      }
    } finally {
      tenure.lost.removeEventListener('abort', closeSubscription);
    }
  }

  /**
   * Tries for the writer lease at once, then every third of its time to live. Meanwhile the other
   * writer's checkpoint is followed, so read-your-writes waits in this process still end.
   */
  private async standByUntilTenure(signal: AbortSignal): Promise<WriterTenure | undefined> {
    const { settings, logger } = this.dependencies;
    let nextAttemptMs = 0;
    while (!signal.aborted) {
      if (Date.now() >= nextAttemptMs) {
        try {
          const tenure = await this.acquireTenure();
          if (tenure !== undefined) return tenure;
          if (this.state !== 'standby') {
            logger.log(`Projection ${this.label}: another process writes slot ${this.key.name}; standing by`);
          }
        } catch (error) {
          logger.error(`Projection ${this.label}: writer lease not taken: ${describeError(error)}`);
        }
        this.state = 'standby';
        nextAttemptMs = Date.now() + Math.max(settings.standbyPollMs, Math.floor(settings.leaseTtlMs / 3));
      }
      await this.followOtherWriter();
      await sleep(settings.standbyPollMs, signal);
    }
    return undefined;
  }

  private async followOtherWriter(): Promise<void> {
    try {
      const position = await this.dependencies.readStore.getCheckpoint(this.key);
      if (position !== undefined && position !== this.position) {
        this.position = position;
        this.dependencies.onCommit();
      }
    } catch {
      // The next poll tries again; the lease attempt reports storage failures.
    }
  }

  private async acquireTenure(): Promise<WriterTenure | undefined> {
    const { readStore, owner, settings, logger } = this.dependencies;
    this.tenure = await WriterTenure.acquire(readStore, this.key, owner, settings.leaseTtlMs, logger);
    return this.tenure;
  }

  private async endTenure(tenure: WriterTenure): Promise<void> {
    if (this.tenure === tenure) this.tenure = undefined;
    await tenure.end();
  }

  private async loadCheckpoint(): Promise<void> {
    const { readStore } = this.dependencies;
    this.position = await readStore.getCheckpoint(this.key);
    if (!this.collectionsEnsured) {
      // From zero, the documents load faster into tables without indexes (decision D27).
      const deferIndexes = this.position === undefined;
      for (const collection of this.collections.values()) {
        await readStore.ensureCollection(collectionSpecOf(collection), { deferIndexes });
      }
      this.collectionsEnsured = true;
      this.indexesDeferred = deferIndexes;
    }
    // A restart may find the checkpoint already at a position someone waits for.
    this.dependencies.onCommit();
  }

  /** After a catch-up from zero: each index left unbuilt during the load is built in one pass. */
  private async buildDeferredIndexes(): Promise<void> {
    if (!this.indexesDeferred) return;
    for (const collection of this.collections.values()) {
      // An index build is one statement (up to a few hundred ms at 100,000 documents): one per turn.
      await this.turnIfDue();
      await this.dependencies.readStore.ensureCollection(collectionSpecOf(collection));
    }
    this.indexesDeferred = false;
  }

  /** Pages through `readAll` until a page comes back empty: a short page may only mean a capped read. */
  private async catchUp(signal: AbortSignal, untilPosition?: number): Promise<void> {
    const { eventStore, settings, convoy } = this.dependencies;
    convoy.join(this, this.position ?? -1);
    try {
      if (this.position === undefined && (await this.slotIsEmpty())) this.writtenIds = new WrittenIds();
      while (!signal.aborted) {
        if (untilPosition !== undefined && (this.position ?? -1) >= untilPosition) return;
        await convoy.keepPace(this, signal);
        await this.turnIfDue();
        const events = await eventStore.readAll({
          afterPosition: this.position,
          maxCount: settings.catchUpBatchSize,
          personalData: this.personalData,
        });
        const wanted = untilPosition === undefined ? events : events.filter((event) => event.position <= untilPosition);
        if (wanted.length === 0) return;
        await this.process(wanted, signal, { sliced: true });
        if (wanted.length < events.length) return;
      }
    } finally {
      this.writtenIds = undefined;
      convoy.leave(this);
    }
  }

  /**
   * No document in any of the slot's collections. A slot without a checkpoint is empty on SQLite
   * (a commit writes documents and checkpoint together), but a partial MongoDB commit may have left
   * documents behind.
   */
  private async slotIsEmpty(): Promise<boolean> {
    for (const collection of this.physicalCollections) {
      if ((await this.dependencies.readStore.find(collection, { limit: 1 })).items.length > 0) return false;
    }
    return true;
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const subscription = this.dependencies.eventStore.subscribeToAll({
      afterPosition: this.position,
      signal,
      personalData: this.personalData,
    });
    this.subscription = subscription;
    try {
      for await (const events of inAvailableBatches(subscription, this.dependencies.settings.liveBatchSize)) {
        if (signal.aborted) return;
        await this.process(events, signal, { sliced: false });
      }
    } finally {
      this.subscription = undefined;
      await subscription.close();
    }
  }

  /**
   * Applies events in order and commits them; an early commit keeps each batch's documents bounded.
   * A catch-up page (2,000 events) is applied in slices of the event loop (loop-slices.ts); a live
   * batch (at most 100 events, a few milliseconds) is applied whole, which measured better under
   * load: sliced, the projections fell seconds behind a burst of commands (docs/decisions.md D47).
   */
  private async process(
    events: readonly RecordedEvent[],
    signal: AbortSignal,
    options: { sliced: boolean },
  ): Promise<void> {
    let batch = this.newBatch();
    for (const event of events) {
      if (signal.aborted) return;
      batch.advanceTo(event.position);
      // Most events of a page are not the projection's: no promise and no turn of the loop for them.
      if (!this.handlesAll && !this.handles.has(event.type)) continue;
      if (options.sliced) await this.turnIfDue();
      if (signal.aborted) return;
      await this.apply(batch, event);
      if (batch.documentCount >= this.dependencies.settings.maxBatchDocuments) {
        if (options.sliced) await this.turnIfDue();
        await this.commit(batch);
        batch = this.newBatch();
      }
    }
    if (options.sliced) await this.turnIfDue();
    await this.commit(batch);
  }

  /**
   * Gives the event loop a turn when the process's slice is used up. Also before a catch-up's
   * long synchronous steps (reading a page, committing a batch: 10-40 ms each), so that of all the
   * workers at most one such step runs per turn.
   */
  private async turnIfDue(): Promise<void> {
    const turn = this.dependencies.slices.turnIfDue();
    if (turn !== undefined) await turn;
  }

  private newBatch(): ProjectionBatch {
    return new ProjectionBatch(this.dependencies.readStore, this.collections, this.position, this.writtenIds);
  }

  /** Applies an event the projection handles; the batch has already advanced to it. */
  private async apply(batch: ProjectionBatch, event: RecordedEvent): Promise<void> {
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
    const lease = this.tenure?.lease;
    if (lease === undefined) throw new WriterLeaseLostError(this.key);
    await this.dependencies.readStore.commit(this.key, batch.changes(), position, lease);
    this.position = position;
    this.backoffMs = this.dependencies.settings.initialBackoffMs;
    this.dependencies.convoy.moved(this, position);
    this.dependencies.onCommit();
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

/** What the read store is asked to keep for a collection of the slot. */
function collectionSpecOf(collection: BatchCollection): CollectionSpec {
  return {
    name: collection.physical,
    indexes: collection.indexes,
    ...(collection.compoundIndexes ? { compoundIndexes: collection.compoundIndexes } : {}),
  };
}
