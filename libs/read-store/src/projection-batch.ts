/**
 * The transactional apply of a page of events: the writes of the events applied so far, kept
 * private per handler attempt until the attempt succeeds, and handed to the read store as one
 * commit with the new checkpoint.
 */
import type { ProjectionContext } from './projection';
import type { DocumentChange, ReadDocument, ReadStore } from './read-store.port';
import { MAX_WRITES_PER_EVENT } from './runner-support';
import type { WrittenIds } from './written-ids';

/** A projection's collection as a batch writes it: its physical name and indexed fields. */
export interface BatchCollection {
  physical: string;
  indexes: readonly string[];
  compoundIndexes?: readonly (readonly string[])[];
}

interface PendingWrite {
  collection: string;
  id: string;
  /**
   * The body, deeply frozen and equal to its own JSON round trip (jsonBody), undefined for a
   * delete. Handlers read it back as it is, without a copy: frozen, a handler cannot change the
   * batch's state by changing what it read. It is serialised once, when the batch commits, however
   * many events of the batch rewrote the document.
   */
  body: Readonly<Record<string, unknown>> | undefined;
  /** Position of the event that wrote it. */
  position: number;
}

/**
 * The uncommitted state of one batch: writes of the events applied so far, and the committed
 * documents read while applying them. Reads see the batch's own writes. A write is dropped when
 * the committed document already reflects a newer event: after a partial commit (MongoDB has no
 * transaction) a replay must not apply an event twice on top of its own result.
 */
export class ProjectionBatch {
  private readonly writes = new Map<string, PendingWrite>();
  private readonly committed = new Map<string, ReadDocument | undefined>();
  lastPosition: number | undefined;

  /**
   * @param writtenIds what the slot has committed since it started empty, in a catch-up from zero
   * whose commits all succeeded: the store then holds exactly those commits, so a document never
   * written is not looked up, and one this batch wrote is read from the batch alone
   */
  constructor(
    private readonly readStore: ReadStore,
    private readonly collections: ReadonlyMap<string, BatchCollection>,
    private readonly checkpoint: number | undefined,
    private readonly writtenIds?: WrittenIds,
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

  collection(logical: string): BatchCollection {
    const collection = this.collections.get(logical);
    if (collection === undefined) {
      throw new Error(`Unknown collection ${JSON.stringify(logical)}: declare it in the projection's collections`);
    }
    return collection;
  }

  async read(collection: string, id: string): Promise<ReadDocument | undefined> {
    const key = documentKey(collection, id);
    if (this.writtenIds !== undefined) {
      const own = this.writes.get(key);
      if (own !== undefined) return toReadDocument(own);
    }
    if (!this.committed.has(key)) {
      const stored = this.writtenIds?.mayHold(key) === false ? undefined : await this.readStore.get(collection, id);
      this.committed.set(key, stored === undefined ? undefined : { ...stored, body: jsonBody(stored.body) });
    }
    const committed = this.committed.get(key);
    const pending = this.writes.get(key);
    if (pending !== undefined && (committed === undefined || pending.position > committed.position))
      return toReadDocument(pending);
    return committed;
  }

  merge(write: PendingWrite): void {
    const key = documentKey(write.collection, write.id);
    const committed = this.committed.get(key);
    if (committed !== undefined && committed.position >= write.position) return;
    this.writes.set(key, write);
  }

  /** The batch's document changes, each document serialised once. */
  changes(): DocumentChange[] {
    const changes: DocumentChange[] = [];
    for (const [key, write] of this.writes) {
      // Noted before the commit: a failed commit ends the catch-up, and the filter with it.
      this.writtenIds?.add(key);
      const { collection, id, body, position } = write;
      if (body === undefined) {
        changes.push({ kind: 'delete', collection, id, position });
        continue;
      }
      const { indexes } = this.physical(collection);
      const bodyJson = JSON.stringify(body);
      changes.push(
        indexes.length === 0
          ? { kind: 'put', collection, id, bodyJson, position }
          : { kind: 'put', collection, id, bodyJson, indexed: indexedValues(body, indexes), position },
      );
    }
    return changes;
  }

  private physical(collection: string): BatchCollection {
    for (const candidate of this.collections.values()) if (candidate.physical === collection) return candidate;
    throw new Error(`No collection ${collection} in this batch`);
  }
}

/**
 * The context one handler attempt sees. Its writes stay private until the attempt succeeds, so a
 * handler that throws half-way leaves nothing behind for the retry or the next event. One is made
 * per event and projection: it is its own ProjectionContext, with no closures or maps until used.
 */
export class EventScope implements ProjectionContext {
  /** Set when the read store itself failed under the handler: not the event's fault. */
  storageFailure: unknown;
  private writes: Map<string, PendingWrite> | undefined;
  private open = true;

  constructor(
    private readonly batch: ProjectionBatch,
    private readonly position: number,
  ) {}

  /** What the handler is given. */
  get context(): ProjectionContext {
    return this;
  }

  keep(): void {
    this.open = false;
    if (this.writes !== undefined) for (const write of this.writes.values()) this.batch.merge(write);
  }

  discard(): void {
    this.open = false;
  }

  async get<T = Record<string, unknown>>(logical: string, id: string): Promise<ReadDocument<T> | undefined> {
    this.assertOpen();
    const collection = this.batch.collection(logical).physical;
    const own = this.writes?.get(documentKey(collection, id));
    if (own !== undefined) return toReadDocument(own) as ReadDocument<T> | undefined;
    try {
      return (await this.batch.read(collection, id)) as ReadDocument<T> | undefined;
    } catch (error) {
      this.storageFailure ??= error;
      throw error;
    }
  }

  put(logical: string, id: string, body: Record<string, unknown>): void {
    this.write(logical, id, body);
  }

  delete(logical: string, id: string): void {
    this.write(logical, id, undefined);
  }

  /** A put (with its body) or a delete (undefined). */
  private write(logical: string, id: string, body: Record<string, unknown> | undefined): void {
    this.assertOpen();
    // A physical name the runner checked when the projection was registered.
    const collection = this.batch.collection(logical).physical;
    if (typeof id !== 'string' || id.length === 0)
      throw new Error(`Document id in ${logical} must be a non-empty string`);
    this.writes ??= new Map();
    if (this.writes.size >= MAX_WRITES_PER_EVENT)
      throw new Error(`A handler may write at most ${MAX_WRITES_PER_EVENT} documents per event`);
    const stored = body === undefined ? undefined : jsonBody(checkedBody(body));
    this.writes.set(documentKey(collection, id), { collection, id, body: stored, position: this.position });
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('ProjectionContext used after its handler finished: await every read and write');
  }
}

function checkedBody(body: Record<string, unknown>): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error('A document body must be an object');
  return body;
}

/** Nesting beyond which a body is refused (after the round trip, so JSON.stringify names a cycle first). */
const MAX_BODY_DEPTH = 64;

/**
 * The body as handlers read it back and as the store keeps it: equal to its JSON round trip, so
 * that both adapters store exactly what handlers read, whatever the batch boundaries. A body made
 * of plain objects, arrays, strings, finite numbers, booleans and null (what handlers build, and
 * what JSON.parse returns) already is: it is frozen in place, without a copy. Anything else
 * (undefined, a Date, NaN, -0, a class instance) takes the round trip, which also throws for what
 * JSON cannot hold (a cycle, a BigInt), failing the handler as before.
 */
function jsonBody(body: Record<string, unknown>): Readonly<Record<string, unknown>> {
  if (freezeIfJson(body, 0)) return body;
  const roundTrip = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  if (!freezeIfJson(roundTrip, 0))
    throw new Error(`A document body may be nested at most ${MAX_BODY_DEPTH} levels deep`);
  return roundTrip;
}

/** Freezes the value in place when it equals its own JSON round trip; false (possibly half-frozen) when not. */
function freezeIfJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      const isArray = Array.isArray(value);
      if (!isArray) {
        const prototype = Object.getPrototypeOf(value) as unknown;
        if (prototype !== Object.prototype && prototype !== null) return false;
      }
      // Frozen: checked and frozen here before (the unchanged parts a new body shares with the one
      // it was made from), so not walked again. A part a handler froze itself is taken as it is.
      if (Object.isFrozen(value)) return true;
      if (depth >= MAX_BODY_DEPTH) return false;
      if (isArray) {
        for (let index = 0; index < value.length; index++) if (!freezeIfJson(value[index], depth + 1)) return false;
      } else {
        for (const key in value) if (!freezeIfJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      Object.freeze(value);
      return true;
    }
    default:
      return false;
  }
}

/** Scalars are immutable: the values stay what they were when the body was serialised. */
function indexedValues(body: Readonly<Record<string, unknown>>, indexes: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of indexes) {
    const value = body[field];
    values[field] = typeof value === 'object' ? null : value;
  }
  return values;
}

/** The frozen body itself: a handler that tries to change what it read fails instead of changing the batch's state. */
function toReadDocument(write: PendingWrite): ReadDocument | undefined {
  return write.body === undefined
    ? undefined
    : { id: write.id, body: write.body as Record<string, unknown>, position: write.position };
}

function documentKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}
