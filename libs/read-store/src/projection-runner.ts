import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { AllSubscription, EventStore, PersonalDataAccess, RecordedEvent } from '@ledger/event-store';
import { CatchUpConvoy } from './catch-up-convoy';
import { physicalCollection, type ProjectionContext, type ProjectionDefinition } from './projection';
import { assertCollectionName, assertProjectionKey, MAX_CHANGES_PER_COMMIT } from './read-query';
import {
  MAX_PAGE_SIZE,
  type DocumentChange,
  type ProjectionKey,
  type ReadDocument,
  type ReadStore,
} from './read-store.port';

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
  /** Events per `readAll` page while catching up; each page commits once. Default 2000. */
  catchUpBatchSize?: number;
  /** Upper bound on events per commit while following live. Default 100. */
  liveBatchSize?: number;
  /** A batch commits early once it holds this many changed or read documents. Default 2500. */
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

/**
 * How many catch-up pages a projection may run ahead of the slowest one catching up beside it
 * (CatchUpConvoy): well inside the pages the event store keeps for other readers (SHARED_PAGES).
 */
const CONVOY_LEAD_PAGES = 8;

/** `handles` entry that subscribes a projection to every event type (e.g. a log of all decisions). */
export const ALL_EVENT_TYPES = '*';

/**
 * Blue/green slots. A projection version is materialised in a slot: generation 0 keeps the
 * projection's own name (so existing data stays where it is), generation n > 0 is named
 * `<name>_g<n>`. Which generation is live is recorded in the read store itself (under the reserved
 * key below), so a restart reads from the slot the last switch chose.
 */
export const SLOT_REGISTRY: ProjectionKey = { name: 'ledger_slots', version: 1 };
const SLOT_COLLECTION = physicalCollection(SLOT_REGISTRY, 'active');
/** A rebuild follows the log until it has caught up with the live slot, for at most this long. */
export const MAX_REBUILD_FOLLOW_MS = 10 * 60_000;
/** After a switch, queries still reading the old slot get this long before it is dropped. */
export const OLD_SLOT_GRACE_MS = 30_000;
/** verify() re-reads a projection that moved while it was hashed, at most this many times. */
export const MAX_VERIFY_ATTEMPTS = 20;

export function slotKey(projection: ProjectionKey, generation: number): ProjectionKey {
  return generation === 0
    ? { name: projection.name, version: projection.version }
    : { name: `${projection.name}_g${generation}`, version: projection.version };
}

export class UnknownProjectionError extends Error {
  readonly code = 'UNKNOWN_PROJECTION';
  constructor(readonly projection: string) {
    super(`Unknown projection ${projection}`);
    this.name = 'UnknownProjectionError';
  }
}

export class RebuildInProgressError extends Error {
  readonly code = 'REBUILD_IN_PROGRESS';
  constructor(readonly projection: string) {
    super(`A rebuild of projection ${projection} is already in progress`);
    this.name = 'RebuildInProgressError';
  }
}

export interface RebuildStatus {
  generation: number;
  slot: string;
  position: number;
  state: ProjectionState;
  startedAt: string;
}

export interface RebuildResult {
  name: string;
  version: number;
  fromGeneration: number;
  generation: number;
  /** Physical slot (projection key name) now live. */
  slot: string;
  /** Position the new slot had reached when it went live. */
  position: number;
  startedAt: string;
  switchedAt: string;
}

export interface ProjectionHash {
  /** sha256 over every collection's documents (id, body, position) in id order. */
  hash: string;
  documents: number;
  collections: Array<{ name: string; hash: string; documents: number }>;
}

export interface ProjectionVerification {
  name: string;
  version: number;
  slot: string;
  /** Position both sides were compared at. */
  position: number;
  matches: boolean;
  live: ProjectionHash;
  rebuilt: ProjectionHash;
  /** Logical collections whose hashes differ. */
  differingCollections: string[];
}

export interface VerifyProgress {
  name: string;
  phase: 'rebuilding' | 'hashing' | 'done';
  position: number;
  target: number;
}

/** A query's hold on a projection's live slot: the slot is not dropped while it is held. */
export interface ProjectionLease {
  readonly slot: ProjectionKey;
  collection(logical: string): string;
  release(): void;
}

export class ProjectionRunner {
  /** Live worker per projection name, in registration order. */
  private readonly workers = new Map<string, ProjectionWorker>();
  /** Blue/green rebuilds under way: the new slot's worker, not yet serving queries. */
  private readonly building = new Map<string, { worker: ProjectionWorker; startedAt: string }>();
  private readonly leases = new Map<string, number>();
  private readonly waiters = new Set<PositionWaiter>();
  private readonly dependencies: WorkerDependencies;
  private initialised: Promise<void> | undefined;
  private lifecycle = new AbortController();
  private running = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const settings = resolveSettings(options);
    const logger = options.logger ?? new Logger('ProjectionRunner');
    const clock = options.clock ?? (() => new Date());
    assertDistinctProjections(options.projections);
    this.dependencies = {
      eventStore: options.eventStore,
      readStore: options.readStore,
      settings,
      logger,
      clock,
      convoy: new CatchUpConvoy(CONVOY_LEAD_PAGES * settings.catchUpBatchSize),
      onCommit: () => this.notifyWaiters(),
    };
    for (const definition of options.projections)
      this.workers.set(definition.name, new ProjectionWorker(definition, this.dependencies, 0));
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
    await Promise.all(
      [...this.workers.values(), ...[...this.building.values()].map((entry) => entry.worker)].map((worker) =>
        worker.stop(),
      ),
    );
    for (const waiter of [...this.waiters]) waiter.finish(this.reached(waiter.position));
  }

  /**
   * Read-your-writes: true once every projection has committed up to `position`, false when
   * `timeoutMs` (at most MAX_WAIT_FOR_POSITION_MS) passes first or the runner stops.
   * Only live slots count: a rebuild in progress never holds queries up.
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
      const timer = setTimeout(
        () => waiter.finish(this.reached(position)),
        Math.min(timeoutMs, MAX_WAIT_FOR_POSITION_MS),
      );
      this.waiters.add(waiter);
    });
  }

  async status(): Promise<Array<ProjectionStatus & { slot?: string; rebuild?: RebuildStatus }>> {
    await this.ensureInitialised();
    const headPosition = await this.options.eventStore.headPosition();
    return Promise.all(
      [...this.workers.values()].map(async (worker) => {
        const position = (await this.options.readStore.getCheckpoint(worker.key)) ?? -1;
        const status: ProjectionStatus & { slot?: string; rebuild?: RebuildStatus } = {
          name: worker.definition.name,
          version: worker.definition.version,
          position,
          headPosition,
          lag: Math.max(0, headPosition - position),
          deadLetters: await this.options.readStore.countDeadLetters(worker.key),
          state: worker.state,
        };
        // Only when they say something: generation 0 with no rebuild is the plain status.
        if (worker.generation > 0) status.slot = worker.key.name;
        const building = this.building.get(worker.definition.name);
        if (building) {
          status.rebuild = {
            generation: building.worker.generation,
            slot: building.worker.key.name,
            position: building.worker.position ?? -1,
            state: building.worker.state,
            startedAt: building.startedAt,
          };
        }
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
    const slot = worker.key;
    this.leases.set(slot.name, (this.leases.get(slot.name) ?? 0) + 1);
    let released = false;
    return {
      slot,
      collection: (logical) => {
        if (!worker.definition.collections.some((spec) => spec.name === logical)) {
          throw new Error(`Projection ${name} has no collection ${logical}`);
        }
        return physicalCollection(slot, logical);
      },
      release: () => {
        if (released) return;
        released = true;
        const left = (this.leases.get(slot.name) ?? 1) - 1;
        if (left <= 0) this.leases.delete(slot.name);
        else this.leases.set(slot.name, left);
      },
    };
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
    await this.options.readStore.dropProjection(worker.key, worker.physicalCollections);
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
    const live = this.workers.get(name);
    if (live === undefined) throw new UnknownProjectionError(name);
    if (this.building.has(name)) throw new RebuildInProgressError(name);
    const definition = live.definition;
    const worker = new ProjectionWorker(definition, this.dependencies, live.generation + 1);
    const startedAt = this.dependencies.clock().toISOString();
    this.building.set(name, { worker, startedAt });
    try {
      // Leftovers of a rebuild that was interrupted before its switch.
      await this.options.readStore.dropProjection(worker.key, worker.physicalCollections);
      await worker.catchUpOnce();
      if (this.running) {
        worker.start();
        const timeoutMs = Math.min(options.followTimeoutMs ?? MAX_REBUILD_FOLLOW_MS, MAX_REBUILD_FOLLOW_MS);
        const deadline = Date.now() + timeoutMs;
        while ((worker.position ?? -1) < (live.position ?? -1)) {
          if (!this.running) throw new Error(`Rebuild of projection ${name} stopped: the runner was stopped`);
          if (Date.now() > deadline)
            throw new Error(`Rebuild of projection ${name} did not catch up with the live slot within ${timeoutMs} ms`);
          await sleep(10, this.lifecycle.signal);
        }
      }
      await this.recordGeneration(definition, worker.generation);
      this.workers.set(name, worker);
      this.building.delete(name);
    } catch (error) {
      this.building.delete(name);
      await worker.stop();
      await this.options.readStore.dropProjection(worker.key, worker.physicalCollections).catch(() => undefined);
      throw error;
    }
    const switchedAt = this.dependencies.clock().toISOString();
    this.dependencies.logger.log(
      `Projection ${name} v${definition.version}: switched from ${live.key.name} to ${worker.key.name} at position ${worker.position ?? -1}`,
    );
    await live.stop();
    this.notifyWaiters();
    await this.whenReleased(live.key.name, OLD_SLOT_GRACE_MS);
    await this.options.readStore.dropProjection(live.key, live.physicalCollections);
    return {
      name,
      version: definition.version,
      fromGeneration: live.generation,
      generation: worker.generation,
      slot: worker.key.name,
      position: worker.position ?? -1,
      startedAt,
      switchedAt,
    };
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
    const names = options.names ?? [...this.workers.keys()];
    for (const name of names) if (!this.workers.has(name)) throw new UnknownProjectionError(name);
    const results: ProjectionVerification[] = [];
    for (const name of names)
      results.push(await this.verifyOne(name, options.scratch, options.onProgress ?? (() => undefined)));
    return results;
  }

  private async verifyOne(
    name: string,
    scratch: ReadStore,
    onProgress: (progress: VerifyProgress) => void,
  ): Promise<ProjectionVerification> {
    const lease = await this.lease(name);
    try {
      const live = this.workers.get(name)!;
      const definition = live.definition;
      const rebuilt = new ProjectionWorker(
        definition,
        { ...this.dependencies, readStore: scratch, onCommit: () => undefined },
        0,
      );
      await scratch.dropProjection(rebuilt.key, rebuilt.physicalCollections);
      let target = (await this.options.readStore.getCheckpoint(lease.slot)) ?? -1;
      for (let attempt = 1; attempt <= MAX_VERIFY_ATTEMPTS; attempt++) {
        onProgress({ name, phase: 'rebuilding', position: rebuilt.position ?? -1, target });
        await rebuilt.catchUpOnce(target);
        onProgress({ name, phase: 'hashing', position: rebuilt.position ?? -1, target });
        const liveHash = await hashProjection(this.options.readStore, definition, lease.slot);
        const after = (await this.options.readStore.getCheckpoint(lease.slot)) ?? -1;
        if (after !== target) {
          target = after;
          continue;
        }
        const rebuiltHash = await hashProjection(scratch, definition, rebuilt.key);
        onProgress({ name, phase: 'done', position: target, target });
        const differingCollections = liveHash.collections
          .filter((collection, index) => collection.hash !== rebuiltHash.collections[index]?.hash)
          .map((collection) => collection.name);
        return {
          name,
          version: definition.version,
          slot: lease.slot.name,
          position: target,
          matches: liveHash.hash === rebuiltHash.hash,
          live: liveHash,
          rebuilt: rebuiltHash,
          differingCollections,
        };
      }
      throw new Error(
        `Projection ${name} kept moving while it was verified (${MAX_VERIFY_ATTEMPTS} attempts); try again`,
      );
    } finally {
      lease.release();
    }
  }

  private ensureInitialised(): Promise<void> {
    this.initialised ??= this.loadGenerations().catch((error: unknown) => {
      this.initialised = undefined;
      throw error;
    });
    return this.initialised;
  }

  /** Reads which slot each projection version serves from (the last switch's choice). */
  private async loadGenerations(): Promise<void> {
    for (const [name, worker] of [...this.workers]) {
      const document = await this.options.readStore.get<{ generation: number }>(
        SLOT_COLLECTION,
        slotDocumentId(worker.definition),
      );
      const generation = document?.body.generation ?? 0;
      if (Number.isSafeInteger(generation) && generation > 0 && generation !== worker.generation) {
        this.workers.set(name, new ProjectionWorker(worker.definition, this.dependencies, generation));
      }
    }
  }

  private async startWhenInitialised(signal: AbortSignal): Promise<void> {
    let backoffMs = this.dependencies.settings.initialBackoffMs;
    while (!signal.aborted) {
      try {
        await this.ensureInitialised();
        break;
      } catch (error) {
        this.dependencies.logger.error(
          `Projection slots could not be read: ${describeError(error)}; retrying in ${backoffMs} ms`,
        );
        await sleep(backoffMs, signal);
        backoffMs = Math.min(backoffMs * 2, this.dependencies.settings.maxBackoffMs);
      }
    }
    if (signal.aborted) return;
    for (const worker of this.workers.values()) worker.start();
  }

  /** The switch is one document write; its position is a sequence number of switches. */
  private async recordGeneration(definition: ProjectionKey, generation: number): Promise<void> {
    const readStore = this.options.readStore;
    await readStore.ensureCollection({ name: SLOT_COLLECTION, indexes: [] });
    const sequence = ((await readStore.getCheckpoint(SLOT_REGISTRY)) ?? -1) + 1;
    const body = {
      name: definition.name,
      version: definition.version,
      generation,
      switchedAt: this.dependencies.clock().toISOString(),
    };
    await readStore.commit(
      SLOT_REGISTRY,
      [{ kind: 'put', collection: SLOT_COLLECTION, id: slotDocumentId(definition), body, position: sequence }],
      sequence,
    );
    const stored = await readStore.get<{ generation: number }>(SLOT_COLLECTION, slotDocumentId(definition));
    if (stored?.body.generation !== generation)
      throw new Error(`Another process switched projection ${definition.name} at the same time; rebuild again`);
  }

  private async whenReleased(slot: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.leases.get(slot) ?? 0) > 0 && Date.now() < deadline) await sleep(10, new AbortController().signal);
  }

  private reached(position: number): boolean {
    return (
      [...this.workers.values()].every((worker) => worker.position !== undefined && worker.position >= position) ||
      position < 0
    );
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) if (this.reached(waiter.position)) waiter.finish(true);
  }
}

function slotDocumentId(projection: ProjectionKey): string {
  return `${projection.name}@v${projection.version}`;
}

/** Hash of one slot's documents, collection by collection (logical names, sorted), documents by id. */
export async function hashProjection(
  readStore: ReadStore,
  definition: ProjectionDefinition,
  slot: ProjectionKey,
): Promise<ProjectionHash> {
  const total = createHash('sha256');
  const collections: ProjectionHash['collections'] = [];
  let documents = 0;
  for (const spec of [...definition.collections].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const hash = createHash('sha256');
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await readStore.find(physicalCollection(slot, spec.name), {
        limit: MAX_PAGE_SIZE,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const document of page.items) {
        hash.update(`${JSON.stringify(document.id)}\u0000${canonicalJson(document.body)}\u0000${document.position}\n`);
        count += 1;
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const digest = hash.digest('hex');
    total.update(`${spec.name}\u0000${digest}\n`);
    collections.push({ name: spec.name, hash: digest, documents: count });
    documents += count;
  }
  return { hash: total.digest('hex'), documents, collections };
}

/** JSON with sorted keys: both read stores may return a body's keys in another order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

interface WorkerDependencies {
  eventStore: EventStore;
  readStore: ReadStore;
  settings: RunnerSettings;
  logger: ProjectionRunnerLogger;
  clock: () => Date;
  convoy: CatchUpConvoy;
  onCommit(): void;
}

/** What a worker is doing now: the whole run loop, or a one-off catch-up (rebuild). */
interface Activity {
  controller: AbortController;
  done: Promise<void>;
}

/** One projection version: its checkpoint, its catch-up and live loop, its retries. */
class ProjectionWorker {
  /** The slot's key: checkpoint, dead letters and physical collections live under it. */
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
    this.collectionNames = new Map(
      definition.collections.map((spec) => [spec.name, physicalCollection(this.key, spec.name)]),
    );
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

  /**
   * Catches up to the end of the log (or up to `untilPosition`, inclusive) once, without following
   * it; failures are thrown to the caller.
   */
  async catchUpOnce(untilPosition?: number): Promise<void> {
    if (this.activity !== undefined) throw new Error(`Projection ${this.label} is already running`);
    const activity = this.begin(async (signal) => {
      this.state = 'catching-up';
      await this.loadCheckpoint();
      await this.catchUp(signal, untilPosition);
      if (signal.aborted)
        throw new Error(`Catch-up of projection ${this.label} was stopped before it reached the end of the log`);
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
  private async catchUp(signal: AbortSignal, untilPosition?: number): Promise<void> {
    const { eventStore, settings, convoy } = this.dependencies;
    convoy.join(this, this.position ?? -1);
    try {
      while (!signal.aborted) {
        if (untilPosition !== undefined && (this.position ?? -1) >= untilPosition) return;
        await convoy.keepPace(this, signal);
        const events = await eventStore.readAll({
          afterPosition: this.position,
          maxCount: settings.catchUpBatchSize,
          personalData: this.personalData,
        });
        const wanted = untilPosition === undefined ? events : events.filter((event) => event.position <= untilPosition);
        if (wanted.length === 0) return;
        await this.process(wanted, signal);
        if (wanted.length < events.length) return;
      }
    } finally {
      convoy.leave(this);
    }
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
    if (!this.handlesAll && !this.handles.has(event.type)) return;
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
    this.dependencies.convoy.moved(this, position);
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
  /**
   * The body as JSON text, undefined for a delete. Bodies go through JSON once, so both adapters
   * store exactly what handlers read back; keeping the text (not a parsed copy) means a document
   * rewritten by many events of a batch is parsed only when it is read back, and committed as the same text.
   */
  json: string | undefined;
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
    if (pending !== undefined && (committed === undefined || pending.position > committed.position))
      return toReadDocument(pending);
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
      write.json === undefined
        ? { kind: 'delete', collection: write.collection, id: write.id, position: write.position }
        : { kind: 'put', collection: write.collection, id: write.id, bodyJson: write.json, position: write.position },
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
      put: (collection, id, body) => this.write(collection, id, bodyJson(body)),
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

  private write(logical: string, id: string, json: string | undefined): void {
    this.assertOpen();
    const collection = this.batch.physical(logical);
    assertCollectionName(collection);
    if (typeof id !== 'string' || id.length === 0)
      throw new Error(`Document id in ${logical} must be a non-empty string`);
    if (this.writes.size >= MAX_WRITES_PER_EVENT)
      throw new Error(`A handler may write at most ${MAX_WRITES_PER_EVENT} documents per event`);
    this.writes.set(documentKey(collection, id), { collection, id, json, position: this.position });
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
function bodyJson(body: Record<string, unknown>): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error('A document body must be an object');
  return JSON.stringify(body);
}

/** A fresh copy each time: a handler that changes what it read cannot change the batch's state. */
function toReadDocument(write: PendingWrite): ReadDocument | undefined {
  return write.json === undefined
    ? undefined
    : { id: write.id, body: JSON.parse(write.json) as Record<string, unknown>, position: write.position };
}

function documentKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (error instanceof Error) return options.stack && error.stack ? error.stack : `${error.name}: ${error.message}`;
  return String(error);
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
    catchUpBatchSize: bounded('catchUpBatchSize', options.catchUpBatchSize ?? 2_000, LIMITS.batchSize),
    liveBatchSize: bounded('liveBatchSize', options.liveBatchSize ?? 100, LIMITS.batchSize),
    maxBatchDocuments: bounded('maxBatchDocuments', options.maxBatchDocuments ?? 2_500, LIMITS.batchDocuments),
    handlerAttempts: bounded('handlerAttempts', options.handlerAttempts ?? 3, LIMITS.handlerAttempts),
    initialBackoffMs,
    maxBackoffMs: Math.max(
      initialBackoffMs,
      bounded('retryBackoff.maxMs', options.retryBackoff?.maxMs ?? 10_000, LIMITS.backoffMs),
    ),
  };
}

function bounded(name: string, value: number, limits: { min: number; max: number }): number {
  if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    throw new RangeError(`${name} must be an integer from ${limits.min} to ${limits.max}, got ${String(value)}`);
  }
  return value;
}
