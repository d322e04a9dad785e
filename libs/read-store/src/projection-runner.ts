/**
 * Runs projections against the event log: the supervisor. Each projection version has its own
 * worker (projection-worker.ts) and its own checkpoint: it catches up from the checkpoint in pages,
 * then follows the log live; each batch of events (projection-batch.ts) is committed together with
 * its document changes and the new checkpoint. Blue/green rebuilds and verification live in
 * projection-rebuild.ts. The supervisor starts and stops the workers, answers read-your-writes
 * waits and status, and holds live slots for queries.
 *
 * Failures are of two kinds. A handler that throws is retried a bounded number of times in place,
 * then its event is parked as a dead letter and the projection moves on: one poisoned event must
 * not stop a read model. A storage failure (event store, read store) is not the event's fault: the
 * worker drops the uncommitted batch and resumes from its last checkpoint after a growing backoff,
 * until stopped. Replaying from the checkpoint is safe because commits are idempotent.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { CatchUpConvoy } from './catch-up-convoy';
import { PositionWaiters, SlotLeases } from './host-support';
import { LoopSlices } from './loop-slices';
import { physicalCollection, type ProjectionDefinition } from './projection';
import {
  SlotManager,
  UnknownProjectionError,
  type ProjectionVerification,
  type RebuildResult,
  type VerifyProgress,
} from './projection-rebuild';
import type { ProjectionHost, ProjectionLease, ProjectionStatus, VerifyInScratchOptions } from './projection-host';
import { ProjectionWorker, type WorkerDependencies } from './projection-worker';
import { assertCollectionName, assertProjectionKey } from './read-query';
import type { ProjectionKey, ReadStore } from './read-store.port';
import { describeError, resolveSettings, sleep, type ProjectionRunnerOptions } from './runner-support';

export {
  hashProjection,
  MAX_REBUILD_FOLLOW_MS,
  MAX_VERIFY_ATTEMPTS,
  OLD_SLOT_GRACE_MS,
  RebuildInProgressError,
  SLOT_REGISTRY,
  UnknownProjectionError,
  type ProjectionHash,
  type ProjectionVerification,
  type RebuildResult,
  type RebuildStatus,
  type VerifyProgress,
} from './projection-rebuild';
export type { ProjectionRunnerLogger, ProjectionRunnerOptions, ProjectionState } from './runner-support';
export type { ProjectionHost, ProjectionLease, ProjectionStatus, VerifyInScratchOptions } from './projection-host';

export { MAX_POSITION_WAITERS, MAX_WAIT_FOR_POSITION_MS } from './host-support';

/**
 * How many catch-up pages a projection may run ahead of the slowest one catching up beside it
 * (CatchUpConvoy): well inside the pages the event store keeps for other readers (SHARED_PAGES).
 */
const CONVOY_LEAD_PAGES = 2;

export interface LiveSlot {
  projection: string;
  slot: ProjectionKey;
}

export class ProjectionRunner implements ProjectionHost {
  /** Live worker per projection name, in registration order. */
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly leases = new SlotLeases();
  private readonly waiters = new PositionWaiters((position) => this.reached(position));
  private readonly dependencies: WorkerDependencies;
  private readonly slots: SlotManager;
  private initialised: Promise<void> | undefined;
  private lifecycle = new AbortController();
  private running = false;
  private readonly openScratch: ((file: string) => ReadStore) | undefined;
  private readonly whenReleasedElsewhere: ProjectionRunnerOptions['whenReleasedElsewhere'];
  private readonly onChange: () => void;

  constructor(options: ProjectionRunnerOptions) {
    const settings = resolveSettings(options);
    this.openScratch = options.openScratch;
    this.whenReleasedElsewhere = options.whenReleasedElsewhere;
    this.onChange = options.onChange ?? (() => undefined);
    assertDistinctProjections(options.projections);
    this.dependencies = {
      eventStore: options.eventStore,
      readStore: options.readStore,
      settings,
      logger: options.logger ?? new Logger('ProjectionRunner'),
      clock: options.clock ?? (() => new Date()),
      convoy: new CatchUpConvoy(CONVOY_LEAD_PAGES * settings.catchUpBatchSize),
      slices: new LoopSlices(settings.sliceMs),
      owner: options.ownerId ?? `${hostname()}:${process.pid}:${randomUUID()}`,
      onCommit: () => this.notifyWaiters(),
    };
    for (const definition of options.projections)
      this.workers.set(definition.name, new ProjectionWorker(definition, this.dependencies, 0));
    this.slots = new SlotManager({
      dependencies: this.dependencies,
      live: (name) => this.workers.get(name),
      makeLive: (name, worker) => this.workers.set(name, worker),
      isRunning: () => this.running,
      signal: () => this.lifecycle.signal,
      notifyWaiters: () => this.notifyWaiters(),
      whenReleased: (slot, timeoutMs) => this.whenReleased(slot, timeoutMs),
      hold: (name) => this.lease(name),
    });
  }

  /** Starts every projection in the background; failures are logged and retried, never thrown here. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.lifecycle = new AbortController();
    void this.startWhenInitialised(this.lifecycle.signal);
  }

  /** Stops every projection after the event in hand; uncommitted work is replayed on the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.lifecycle.abort();
    await Promise.all([...this.workers.values(), ...this.slots.buildingWorkers()].map((worker) => worker.stop()));
    this.waiters.finishAll();
  }

  /** A runner in this thread holds nothing beyond its workers. */
  close(): Promise<void> {
    return this.stop();
  }

  /**
   * Read-your-writes: true once every projection has committed up to `position`, false when
   * `timeoutMs` (at most MAX_WAIT_FOR_POSITION_MS) passes first or the runner stops.
   * Only live slots count: a rebuild in progress never holds queries up.
   */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs);
  }

  async status(): Promise<ProjectionStatus[]> {
    await this.ensureInitialised();
    const { eventStore, readStore } = this.dependencies;
    const headPosition = await eventStore.headPosition();
    return Promise.all(
      [...this.workers.values()].map(async (worker) => {
        const position = (await readStore.getCheckpoint(worker.key)) ?? -1;
        const status: ProjectionStatus = {
          name: worker.definition.name,
          version: worker.definition.version,
          position,
          headPosition,
          lag: Math.max(0, headPosition - position),
          deadLetters: await readStore.countDeadLetters(worker.key),
          state: worker.state,
        };
        // Only when they say something: generation 0 with no rebuild is the plain status.
        if (worker.generation > 0) status.slot = worker.key.name;
        const rebuild = this.slots.rebuildStatus(worker.definition.name);
        if (rebuild !== undefined) status.rebuild = rebuild;
        return status;
      }),
    );
  }

  /** Every projection this runner serves (definitions, in registration order). */
  definitions(): ProjectionDefinition[] {
    return [...this.workers.values()].map((worker) => worker.definition);
  }

  /**
   * A hold on the projection's live slot for one query: resolve physical collections through it and
   * release it when done. A blue/green switch drops the old slot only once its leases are released
   * (or OLD_SLOT_GRACE_MS passed), so a query that started before the switch still completes.
   */
  async lease(name: string): Promise<ProjectionLease> {
    await this.ensureInitialised();
    const worker = this.workers.get(name);
    if (worker === undefined) throw new UnknownProjectionError(name);
    return this.leases.hold(worker.definition, worker.key);
  }

  /**
   * Drops a projection version's collections, checkpoint and dead letters and replays the whole
   * log into it; resolves once it has caught up with the log as it was when the catch-up ended.
   * The projection is unavailable meanwhile; `rebuild(name)` is the blue/green alternative.
   */
  async rebuildFromZero(projection: ProjectionKey): Promise<void> {
    await this.ensureInitialised();
    const worker = this.workers.get(projection.name);
    if (worker === undefined || worker.definition.version !== projection.version) {
      throw new Error(`Unknown projection ${projection.name} v${projection.version}`);
    }
    await worker.stop();
    await this.dependencies.readStore.dropProjection(worker.key, worker.physicalCollections);
    worker.forgetPosition();
    await worker.catchUpOnce();
    if (this.running) worker.start();
  }

  /**
   * Blue/green rebuild: replays the whole log into a new slot beside the live one while the live
   * slot keeps serving queries, follows the log until the new slot has caught up with the live
   * one, then switches (recorded in the read store, so it survives a restart) and drops the old
   * slot once no query holds it. On a stopped runner (an offline tool) it switches after the catch-up.
   */
  async rebuild(name: string, options: { followTimeoutMs?: number } = {}): Promise<RebuildResult> {
    await this.ensureInitialised();
    return this.slots.rebuild(name, options);
  }

  /**
   * Rebuilds each projection from zero into `scratch` (another read store, e.g. a temporary
   * SQLite file) up to the live slot's checkpoint and compares a hash of every document on both
   * sides. A live slot that moves while it is hashed is re-read at its new checkpoint (the scratch
   * build catches up incrementally), at most MAX_VERIFY_ATTEMPTS times.
   */
  async verify(options: {
    scratch: ReadStore;
    names?: readonly string[];
    onProgress?: (progress: VerifyProgress) => void;
  }): Promise<ProjectionVerification[]> {
    await this.ensureInitialised();
    return this.slots.verify(
      options.names ?? [...this.workers.keys()],
      options.scratch,
      options.onProgress ?? (() => undefined),
    );
  }

  /** `verify` into a scratch store this runner opens at `scratchFile` (openScratch) and closes afterwards. */
  async verifyInScratch(options: VerifyInScratchOptions): Promise<ProjectionVerification[]> {
    if (this.openScratch === undefined) throw new Error('This projection runner was built without openScratch');
    const scratch = this.openScratch(options.scratchFile);
    try {
      return await this.verify({
        scratch,
        ...(options.names ? { names: options.names } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } finally {
      await scratch.close();
    }
  }

  /** Resolves once the live slots are known (read from the read store). */
  ready(): Promise<void> {
    return this.ensureInitialised();
  }

  /** The position every live projection has committed; undefined while one has not committed yet. */
  committedPosition(): number | undefined {
    let lowest: number | undefined;
    for (const worker of this.workers.values()) {
      if (worker.position === undefined) return undefined;
      lowest = lowest === undefined ? worker.position : Math.min(lowest, worker.position);
    }
    return lowest;
  }

  /** The live slot of every projection. */
  liveSlots(): LiveSlot[] {
    return [...this.workers.entries()].map(([projection, worker]) => ({ projection, slot: worker.key }));
  }

  private ensureInitialised(): Promise<void> {
    this.initialised ??= this.slots.loadGenerations([...this.workers.values()]).catch((error: unknown) => {
      this.initialised = undefined;
      throw error;
    });
    return this.initialised;
  }

  private async startWhenInitialised(signal: AbortSignal): Promise<void> {
    const { settings, logger } = this.dependencies;
    let backoffMs = settings.initialBackoffMs;
    while (!signal.aborted) {
      try {
        await this.ensureInitialised();
        break;
      } catch (error) {
        logger.error(`Projection slots could not be read: ${describeError(error)}; retrying in ${backoffMs} ms`);
        await sleep(backoffMs, signal);
        backoffMs = Math.min(backoffMs * 2, settings.maxBackoffMs);
      }
    }
    if (signal.aborted) return;
    for (const worker of this.workers.values()) worker.start();
  }

  private async whenReleased(slot: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.leases.whenReleased(slot, timeoutMs);
    if (this.whenReleasedElsewhere) await this.whenReleasedElsewhere(slot, Math.max(0, deadline - Date.now()));
  }

  private reached(position: number): boolean {
    return (
      [...this.workers.values()].every((worker) => worker.position !== undefined && worker.position >= position) ||
      position < 0
    );
  }

  private notifyWaiters(): void {
    this.waiters.check();
    this.onChange();
  }
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
