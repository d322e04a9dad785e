/**
 * The transactional apply of a page of events: the writes of the events applied so far, kept
 * private per handler attempt until the attempt succeeds, and handed to the read store as one
 * commit with the new checkpoint.
 */
import type { ProjectionContext } from './projection';
import { assertCollectionName } from './read-query';
import type { DocumentChange, ReadDocument, ReadStore } from './read-store.port';
import { MAX_WRITES_PER_EVENT } from './runner-support';

/** A projection's collection as a batch writes it: its physical name and indexed fields. */
export interface BatchCollection {
  physical: string;
  indexes: readonly string[];
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
  /** The body's values of the collection's indexed fields, taken when it was serialised. */
  indexed: Record<string, unknown> | undefined;
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

  constructor(
    private readonly readStore: ReadStore,
    private readonly collections: ReadonlyMap<string, BatchCollection>,
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

  collection(logical: string): BatchCollection {
    const collection = this.collections.get(logical);
    if (collection === undefined) {
      throw new Error(`Unknown collection ${JSON.stringify(logical)}: declare it in the projection's collections`);
    }
    return collection;
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
        : {
            kind: 'put',
            collection: write.collection,
            id: write.id,
            bodyJson: write.json,
            ...(write.indexed === undefined ? {} : { indexed: write.indexed }),
            position: write.position,
          },
    );
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
    const { physical: collection, indexes } = this.batch.collection(logical);
    assertCollectionName(collection);
    if (typeof id !== 'string' || id.length === 0)
      throw new Error(`Document id in ${logical} must be a non-empty string`);
    this.writes ??= new Map();
    if (this.writes.size >= MAX_WRITES_PER_EVENT)
      throw new Error(`A handler may write at most ${MAX_WRITES_PER_EVENT} documents per event`);
    const json = body === undefined ? undefined : bodyJson(body);
    const indexed = body === undefined || indexes.length === 0 ? undefined : indexedValues(body, indexes);
    this.writes.set(documentKey(collection, id), { collection, id, json, indexed, position: this.position });
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('ProjectionContext used after its handler finished: await every read and write');
  }
}

/** Bodies go through JSON once, so both adapters store exactly what handlers read back. */
function bodyJson(body: Record<string, unknown>): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error('A document body must be an object');
  return JSON.stringify(body);
}

/** Scalars are immutable: the values stay what they were when the body was serialised. */
function indexedValues(body: Record<string, unknown>, indexes: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of indexes) {
    const value = body[field];
    values[field] = typeof value === 'object' ? null : value;
  }
  return values;
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
