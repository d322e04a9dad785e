/**
 * Rebuilds and verification: the blue/green rebuild of a projection into a new slot beside the
 * live one, the record of which slot is live, and the verification of a live slot against a
 * from-zero rebuild in a scratch store.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@ledger/event-store';
import { physicalCollection, type ProjectionDefinition } from './projection';
import { ProjectionWorker, type WorkerDependencies } from './projection-worker';
import { MAX_PAGE_SIZE, type ProjectionKey, type ReadStore } from './read-store.port';
import { sleep } from './runner-support';

/**
 * Which generation of each projection version is live is recorded in the read store itself (under
 * the reserved key below), so a restart reads from the slot the last switch chose.
 */
export const SLOT_REGISTRY: ProjectionKey = { name: 'ledger_slots', version: 1 };
const SLOT_COLLECTION = physicalCollection(SLOT_REGISTRY, 'active');
/** A rebuild follows the log until it has caught up with the live slot, for at most this long. */
export const MAX_REBUILD_FOLLOW_MS = 10 * 60_000;
/** After a switch, queries still reading the old slot get this long before it is dropped. */
export const OLD_SLOT_GRACE_MS = 30_000;
/** verify() re-reads a projection that moved while it was hashed, at most this many times. */
export const MAX_VERIFY_ATTEMPTS = 20;

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
  state: ProjectionWorker['state'];
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

/** What rebuilds need of the runner that owns the live workers. */
export interface SlotHost {
  readonly dependencies: WorkerDependencies;
  /** The live worker of a projection. */
  live(name: string): ProjectionWorker | undefined;
  /** Makes `worker` the live one (after a switch, or after reading the recorded generation). */
  makeLive(name: string, worker: ProjectionWorker): void;
  isRunning(): boolean;
  /** Aborts when the runner stops. */
  signal(): AbortSignal;
  notifyWaiters(): void;
  /** Resolves once no query holds the slot, or after `timeoutMs`. */
  whenReleased(slot: string, timeoutMs: number): Promise<void>;
  /** Holds the projection's live slot (see ProjectionRunner.lease). */
  hold(name: string): Promise<{ slot: ProjectionKey; release(): void }>;
}

/** Blue/green rebuilds under way and verification: one per runner. */
export class SlotManager {
  /** Blue/green rebuilds under way: the new slot's worker, not yet serving queries. */
  private readonly building = new Map<string, { worker: ProjectionWorker; startedAt: string }>();

  constructor(private readonly host: SlotHost) {}

  /** The rebuild under way for a projection, if any. */
  rebuildStatus(name: string): RebuildStatus | undefined {
    const building = this.building.get(name);
    if (building === undefined) return undefined;
    return {
      generation: building.worker.generation,
      slot: building.worker.key.name,
      position: building.worker.position ?? -1,
      state: building.worker.state,
      startedAt: building.startedAt,
    };
  }

  /** Workers of the rebuilds under way (they stop with the runner). */
  buildingWorkers(): ProjectionWorker[] {
    return [...this.building.values()].map((entry) => entry.worker);
  }

  /** Reads which slot each projection version serves from (the last switch's choice). */
  async loadGenerations(workers: readonly ProjectionWorker[]): Promise<void> {
    for (const worker of workers) {
      const document = await this.host.dependencies.readStore.get<{ generation: number }>(
        SLOT_COLLECTION,
        slotDocumentId(worker.definition),
      );
      const generation = document?.body.generation ?? 0;
      if (Number.isSafeInteger(generation) && generation > 0 && generation !== worker.generation) {
        this.host.makeLive(
          worker.definition.name,
          new ProjectionWorker(worker.definition, this.host.dependencies, generation),
        );
      }
    }
  }

  async rebuild(name: string, options: { followTimeoutMs?: number } = {}): Promise<RebuildResult> {
    const { dependencies } = this.host;
    const readStore = dependencies.readStore;
    const live = this.host.live(name);
    if (live === undefined) throw new UnknownProjectionError(name);
    if (this.building.has(name)) throw new RebuildInProgressError(name);
    const definition = live.definition;
    const worker = new ProjectionWorker(definition, dependencies, live.generation + 1);
    const startedAt = dependencies.clock().toISOString();
    this.building.set(name, { worker, startedAt });
    try {
      // Leftovers of a rebuild that was interrupted before its switch.
      await readStore.dropProjection(worker.key, worker.physicalCollections);
      await worker.catchUpOnce();
      if (this.host.isRunning()) {
        worker.start();
        const timeoutMs = Math.min(options.followTimeoutMs ?? MAX_REBUILD_FOLLOW_MS, MAX_REBUILD_FOLLOW_MS);
        const deadline = Date.now() + timeoutMs;
        while ((worker.position ?? -1) < (live.position ?? -1)) {
          if (!this.host.isRunning()) throw new Error(`Rebuild of projection ${name} stopped: the runner was stopped`);
          if (Date.now() > deadline)
            throw new Error(`Rebuild of projection ${name} did not catch up with the live slot within ${timeoutMs} ms`);
          await sleep(10, this.host.signal());
        }
      }
      await this.recordGeneration(definition, worker.generation);
      this.host.makeLive(name, worker);
      this.building.delete(name);
    } catch (error) {
      this.building.delete(name);
      await worker.stop();
      await readStore.dropProjection(worker.key, worker.physicalCollections).catch(() => undefined);
      throw error;
    }
    const switchedAt = dependencies.clock().toISOString();
    dependencies.logger.log(
      `Projection ${name} v${definition.version}: switched from ${live.key.name} to ${worker.key.name} at position ${worker.position ?? -1}`,
    );
    await live.stop();
    this.host.notifyWaiters();
    await this.host.whenReleased(live.key.name, OLD_SLOT_GRACE_MS);
    await readStore.dropProjection(live.key, live.physicalCollections);
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

  async verify(
    names: readonly string[],
    scratch: ReadStore,
    onProgress: (progress: VerifyProgress) => void,
  ): Promise<ProjectionVerification[]> {
    for (const name of names) if (this.host.live(name) === undefined) throw new UnknownProjectionError(name);
    const results: ProjectionVerification[] = [];
    for (const name of names) results.push(await this.verifyOne(name, scratch, onProgress));
    return results;
  }

  private async verifyOne(
    name: string,
    scratch: ReadStore,
    onProgress: (progress: VerifyProgress) => void,
  ): Promise<ProjectionVerification> {
    const readStore = this.host.dependencies.readStore;
    const hold = await this.host.hold(name);
    try {
      const definition = this.host.live(name)!.definition;
      const rebuilt = new ProjectionWorker(
        definition,
        { ...this.host.dependencies, readStore: scratch, onCommit: () => undefined },
        0,
      );
      await scratch.dropProjection(rebuilt.key, rebuilt.physicalCollections);
      let target = (await readStore.getCheckpoint(hold.slot)) ?? -1;
      for (let attempt = 1; attempt <= MAX_VERIFY_ATTEMPTS; attempt++) {
        onProgress({ name, phase: 'rebuilding', position: rebuilt.position ?? -1, target });
        await rebuilt.catchUpOnce(target);
        onProgress({ name, phase: 'hashing', position: rebuilt.position ?? -1, target });
        const liveHash = await hashProjection(readStore, definition, hold.slot);
        const after = (await readStore.getCheckpoint(hold.slot)) ?? -1;
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
          slot: hold.slot.name,
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
      hold.release();
    }
  }

  /** The switch is one document write; its position is a sequence number of switches. */
  private async recordGeneration(definition: ProjectionKey, generation: number): Promise<void> {
    const { readStore, clock } = this.host.dependencies;
    await readStore.ensureCollection({ name: SLOT_COLLECTION, indexes: [] });
    const sequence = ((await readStore.getCheckpoint(SLOT_REGISTRY)) ?? -1) + 1;
    const body = {
      name: definition.name,
      version: definition.version,
      generation,
      switchedAt: clock().toISOString(),
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
      // Canonical JSON: the two read stores may return a body's keys in another order.
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
