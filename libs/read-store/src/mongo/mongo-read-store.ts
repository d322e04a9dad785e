import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Document,
  type Filter,
  type Sort,
} from 'mongodb';
import {
  assertCollectionName,
  assertDocumentId,
  assertLeaseRequest,
  assertOwnedCollections,
  assertProjectionKey,
  normalizeCollectionSpec,
  resolveChanges,
  resolveDeadLetter,
  resolveFindQuery,
  toPage,
  type ResolvedChange,
  type ResolvedFindQuery,
} from '../read-query';
import {
  MAX_DEAD_LETTERS_LISTED,
  WriterLeaseLostError,
  type CollectionSpec,
  type DeadLetter,
  type DocumentChange,
  type EnsureCollectionOptions,
  type FindQuery,
  type IndexValue,
  type Page,
  type ProjectionKey,
  type ReadDocument,
  type ReadStore,
  type WriterLease,
} from '../read-store.port';

/**
 * The production read store. One Mongo collection per read-store collection, documents
 * `{ _id, body, position }`. There is no multi-document transaction: every write is guarded by
 * position instead (`position < new position`), and the checkpoint moves last, guarded the same
 * way. A batch replayed after a crash between the two therefore changes nothing it already
 * changed, and a batch at or below the checkpoint is skipped outright.
 *
 * A guarded upsert that does not match tries to insert the same `_id` and fails with a
 * duplicate-key error. That means either "a newer version is already there" or "another writer
 * inserted the document meanwhile" (which may be older than this write): each such write is
 * resolved by reading the document and writing again (resolveDuplicate), never taken as applied
 * unseen.
 *
 * One writer per projection across processes: a lease document per projection slot, taken,
 * renewed and checked with the server's clock (`$$NOW`), so processes on different hosts need not
 * agree on the time. Lease writes wait for a majority of the replica set, so a failover does not
 * roll a lease back and leave two holders.
 */

/** Meta collections start with `_`, which validated read-store collection names never do. */
const CHECKPOINTS = '_readstore_checkpoints';
const DEAD_LETTERS = '_readstore_dead_letters';
const COLLECTION_SPECS = '_readstore_collections';
const WRITER_LEASES = '_readstore_writer_leases';
/** Majority, bounded: a lease must survive a failover, and a lost majority must fail, not hang. */
const LEASE_WRITE_CONCERN = { w: 'majority' as const, wtimeoutMS: 5_000 };
/** Rounds of read-and-write-again for a write that met a duplicate key (a concurrent insert). */
const MAX_DUPLICATE_RESOLUTIONS = 5;
const DUPLICATE_KEY = 11000;
const NAMESPACE_NOT_FOUND = 26;
const INDEX_NOT_FOUND = 27;

interface StoredDocument {
  _id: string;
  body: Record<string, unknown>;
  position: number;
}

interface StoredCheckpoint {
  _id: string;
  projection: string;
  version: number;
  position: number;
  updatedAt: string;
}

interface StoredDeadLetter {
  _id: string;
  projection: string;
  version: number;
  position: number;
  eventId: string;
  eventType: string;
  error: string;
  failedAt: string;
}

interface StoredCollectionSpec {
  _id: string;
  indexes: string[];
}

interface StoredWriterLease {
  _id: string;
  owner: string;
  token: number;
  /** What the last acquisition or renewal granted; 0 once released. */
  ttlMs: number;
  expiresAt: Date;
}

export interface MongoReadStoreOptions {
  /** Database name; defaults to the one in the connection string. */
  dbName?: string;
}

export class MongoReadStore implements ReadStore {
  private readonly checkpoints: Collection<StoredCheckpoint>;
  private readonly deadLetters: Collection<StoredDeadLetter>;
  private readonly collectionSpecs: Collection<StoredCollectionSpec>;
  private readonly writerLeases: Collection<StoredWriterLease>;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {
    this.checkpoints = db.collection<StoredCheckpoint>(CHECKPOINTS);
    this.deadLetters = db.collection<StoredDeadLetter>(DEAD_LETTERS);
    this.collectionSpecs = db.collection<StoredCollectionSpec>(COLLECTION_SPECS);
    this.writerLeases = db.collection<StoredWriterLease>(WRITER_LEASES);
  }

  static async connect(url: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    const client = new MongoClient(url);
    await client.connect();
    try {
      const store = new MongoReadStore(client, client.db(options.dbName));
      await store.deadLetters.createIndex({ projection: 1, version: 1, position: 1 }, { name: 'by_projection' });
      return store;
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async ensureCollection(spec: CollectionSpec, options: EnsureCollectionOptions = {}): Promise<void> {
    const { name, indexes, compoundIndexes = [] } = normalizeCollectionSpec(spec);
    const collection = this.documents(name);
    const defer = options.deferIndexes === true && (await collection.findOne({}, { projection: { _id: 1 } })) === null;
    for (const field of await this.indexedFields(name)) {
      if (defer || !indexes.includes(field))
        await ignoring([INDEX_NOT_FOUND, NAMESPACE_NOT_FOUND], () => collection.dropIndex(indexName(field)));
    }
    const declaredCompound = new Set(defer ? [] : compoundIndexes.map(compoundIndexName));
    for (const existing of await this.compoundIndexNames(name)) {
      if (!declaredCompound.has(existing))
        await ignoring([INDEX_NOT_FOUND, NAMESPACE_NOT_FOUND], () => collection.dropIndex(existing));
    }
    // The compound index serves both the equality filter and the (value, _id) keyset order.
    if (!defer) {
      for (const field of indexes)
        await collection.createIndex({ [`body.${field}`]: 1, _id: 1 }, { name: indexName(field) });
      for (const fields of compoundIndexes)
        await collection.createIndex(
          Object.fromEntries([...fields.map((field) => [`body.${field}`, 1] as const), ['_id', 1] as const]),
          { name: compoundIndexName(fields) },
        );
    }
    await this.collectionSpecs.updateOne({ _id: name }, { $set: { indexes: [...indexes] } }, { upsert: true });
  }

  async get<T = Record<string, unknown>>(collection: string, id: string): Promise<ReadDocument<T> | undefined> {
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const stored = await this.documents(collection).findOne({ _id: id });
    return stored === null ? undefined : toDocument<T>(stored);
  }

  async find<T = Record<string, unknown>>(collection: string, query: FindQuery = {}): Promise<Page<T>> {
    const resolved = resolveFindQuery(collection, query, new Set(await this.indexedFields(collection)));
    // One document beyond the page tells whether another page exists without an extra round trip.
    const stored = await this.documents(collection)
      .find(mongoFindFilter(resolved))
      .sort(mongoFindSort(resolved))
      .limit(resolved.limit + 1)
      .toArray();
    return toPage(
      stored,
      resolved,
      (document) => toDocument<T>(document),
      (document) => ({ value: sortValue(document, resolved.orderField), id: document._id }),
    );
  }

  async commit(
    projection: ProjectionKey,
    changes: DocumentChange[],
    position: number,
    lease?: WriterLease,
  ): Promise<void> {
    assertProjectionKey(projection);
    const resolved = resolveChanges(changes, position);
    if (lease !== undefined) await this.holdLease(projection, lease);
    const current = await this.getCheckpoint(projection);
    if (current !== undefined && current >= position) return;
    for (const [collection, collectionChanges] of groupByCollection(resolved)) {
      await this.applyGuarded(collection, collectionChanges);
    }
    await ignoringDuplicateKey(() =>
      this.checkpoints.updateOne(
        { _id: checkpointId(projection), position: { $lt: position } },
        {
          $set: {
            projection: projection.name,
            version: projection.version,
            position,
            updatedAt: new Date().toISOString(),
          },
        },
        { upsert: true },
      ),
    );
  }

  async getCheckpoint(projection: ProjectionKey): Promise<number | undefined> {
    assertProjectionKey(projection);
    const stored = await this.checkpoints.findOne({ _id: checkpointId(projection) });
    return stored?.position;
  }

  async addDeadLetter(letter: DeadLetter): Promise<void> {
    const stored = resolveDeadLetter(letter);
    await ignoringDuplicateKey(() =>
      this.deadLetters.insertOne({
        _id: `${checkpointId(stored.projection)}:${stored.position}`,
        projection: stored.projection.name,
        version: stored.projection.version,
        position: stored.position,
        eventId: stored.eventId,
        eventType: stored.eventType,
        error: stored.error,
        failedAt: stored.failedAt,
      }),
    );
  }

  async listDeadLetters(projection?: ProjectionKey): Promise<DeadLetter[]> {
    const stored = await this.deadLetters
      .find(deadLetterFilter(projection))
      .sort(projection === undefined ? { position: 1, projection: 1, version: 1 } : { position: 1 })
      .limit(MAX_DEAD_LETTERS_LISTED)
      .toArray();
    return stored.map(toDeadLetter);
  }

  async countDeadLetters(projection?: ProjectionKey): Promise<number> {
    return this.deadLetters.countDocuments(deadLetterFilter(projection));
  }

  async dropProjection(projection: ProjectionKey, collections: readonly string[]): Promise<void> {
    assertOwnedCollections(projection, collections);
    // Checkpoint first: should the drop stop half-way, the projection restarts from zero anyway.
    await this.checkpoints.deleteOne({ _id: checkpointId(projection) });
    for (const collection of collections) {
      await ignoring([NAMESPACE_NOT_FOUND], () => this.documents(collection).drop());
      await this.collectionSpecs.deleteOne({ _id: collection });
    }
    await this.deadLetters.deleteMany(deadLetterFilter(projection));
  }

  async acquireWriterLease(projection: ProjectionKey, owner: string, ttlMs: number): Promise<WriterLease | undefined> {
    assertLeaseRequest(projection, owner, ttlMs);
    const { filter, update } = mongoLeaseAcquisition(checkpointId(projection), owner, ttlMs);
    try {
      const stored = await this.writerLeases.findOneAndUpdate(filter, update, {
        upsert: true,
        returnDocument: 'after',
        writeConcern: LEASE_WRITE_CONCERN,
      });
      if (stored === null || stored.owner !== owner) return undefined;
      return { projection: { name: projection.name, version: projection.version }, owner, token: stored.token };
    } catch (error) {
      // Two first acquisitions racing to insert the document: the other one won this round.
      if (isOnlyMongoDuplicateKeys(error)) return undefined;
      throw error;
    }
  }

  async renewWriterLease(lease: WriterLease, ttlMs: number): Promise<boolean> {
    assertLeaseRequest(lease.projection, lease.owner, ttlMs);
    const { filter, update } = mongoLeaseRenewal(lease, checkpointId(lease.projection), ttlMs);
    const result = await this.writerLeases.updateOne(filter, update, { writeConcern: LEASE_WRITE_CONCERN });
    return result.matchedCount === 1;
  }

  async releaseWriterLease(lease: WriterLease): Promise<void> {
    assertProjectionKey(lease.projection);
    await this.writerLeases.updateOne(
      { _id: checkpointId(lease.projection), owner: lease.owner, token: lease.token },
      { $set: { ttlMs: 0, expiresAt: new Date(0) } },
      { writeConcern: LEASE_WRITE_CONCERN },
    );
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private documents(collection: string): Collection<StoredDocument> {
    assertCollectionName(collection);
    return this.db.collection<StoredDocument>(collection);
  }

  private async indexedFields(collection: string): Promise<string[]> {
    assertCollectionName(collection);
    const spec = await this.collectionSpecs.findOne({ _id: collection });
    return spec?.indexes ?? [];
  }

  /** The compound indexes the collection has (none while it does not exist). */
  private async compoundIndexNames(collection: string): Promise<string[]> {
    try {
      const indexes = await this.documents(collection).listIndexes().toArray();
      return indexes.map((index) => String(index['name'])).filter((name) => name.startsWith(COMPOUND_PREFIX));
    } catch (error) {
      if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return [];
      throw error;
    }
  }

  /** Checks the lease before anything is written, and extends it by what it was granted for. */
  private async holdLease(projection: ProjectionKey, lease: WriterLease): Promise<void> {
    const sameProjection = lease.projection.name === projection.name && lease.projection.version === projection.version;
    const { filter, update } = mongoLeaseHold(lease, checkpointId(projection));
    const held =
      sameProjection &&
      (await this.writerLeases.updateOne(filter, update, { writeConcern: LEASE_WRITE_CONCERN })).matchedCount === 1;
    if (!held) throw new WriterLeaseLostError(projection);
  }

  private async applyGuarded(collection: string, changes: readonly ResolvedChange[]): Promise<void> {
    const operations = changes.map(mongoGuardedWrite);
    try {
      await this.documents(collection).bulkWrite(operations, { ordered: false });
    } catch (error) {
      const duplicates = duplicateKeyChanges(error, changes);
      if (duplicates === undefined) throw error;
      for (const change of duplicates) await this.resolveDuplicate(collection, change);
    }
  }

  /**
   * A guarded write that met a duplicate key: look at the document as it is now and either find
   * it already as new as the change, or write the change over it (or into its place) again.
   */
  private async resolveDuplicate(collection: string, change: ResolvedChange): Promise<void> {
    const documents = this.documents(collection);
    for (let round = 1; round <= MAX_DUPLICATE_RESOLUTIONS; round++) {
      const current = await documents.findOne({ _id: change.id }, { projection: { position: 1 } });
      const next = duplicateResolution(change, current === null ? undefined : current.position);
      if (next === 'applied') return;
      const operation = mongoGuardedWrite(change);
      try {
        if (next === 'update' && 'updateOne' in operation) {
          const result = await documents.updateOne(operation.updateOne.filter, operation.updateOne.update, {
            upsert: false,
          });
          if (result.matchedCount === 1) return;
        } else {
          await documents.bulkWrite([operation]);
          return;
        }
      } catch (error) {
        if (!isOnlyMongoDuplicateKeys(error)) throw error;
      }
    }
    throw new Error(
      `Could not apply the change of ${collection}/${change.id} at position ${change.position}: ` +
        `it kept meeting concurrent writes (${MAX_DUPLICATE_RESOLUTIONS} rounds)`,
    );
  }
}

/**
 * Exported for tests: which changes of a failed unordered bulk write met a duplicate key, or
 * undefined when the failure was anything else (then it is thrown).
 */
export function duplicateKeyChanges<C>(error: unknown, changes: readonly C[]): C[] | undefined {
  if (!isOnlyMongoDuplicateKeys(error)) return undefined;
  if (!(error instanceof MongoBulkWriteError)) return [...changes];
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return writeErrors.map((writeError) => {
    const change = changes[writeError.index];
    if (change === undefined)
      throw new Error(`Bulk write error names operation ${writeError.index} of ${changes.length}`);
    return change;
  });
}

/**
 * Exported for tests: what a change that met a duplicate key still needs, given the position of
 * the document now stored (undefined when there is none). A document as new as the change or
 * newer already holds it; an older one is updated over; an absent one (deleted meanwhile) is
 * written again with the upsert.
 */
export function duplicateResolution(
  change: ResolvedChange,
  storedPosition: number | undefined,
): 'applied' | 'update' | 'write' {
  if (storedPosition !== undefined && storedPosition >= change.position) return 'applied';
  if (change.kind === 'delete') return 'write';
  return storedPosition === undefined ? 'write' : 'update';
}

/**
 * Exported for tests: takes the lease when it is free, expired (by the server's clock) or the
 * owner's own, with a token one higher than the last; leaves a lease held by another owner as it
 * is. One atomic upsert on `_id`: the conditions sit in the update pipeline, because a filter of
 * an upsert may not use `$expr` (server error 224) and an unmatched filter would insert a second
 * document. The caller holds the lease when the document it gets back names it as the owner.
 */
export function mongoLeaseAcquisition(
  id: string,
  owner: string,
  ttlMs: number,
): { filter: Filter<StoredWriterLease>; update: Document[] } {
  const take = '$_take';
  return {
    filter: { _id: id },
    update: [
      {
        $set: {
          _take: {
            $or: [
              { $eq: ['$owner', { $literal: owner }] },
              { $lte: [{ $ifNull: ['$expiresAt', new Date(0)] }, '$$NOW'] },
            ],
          },
        },
      },
      {
        $set: {
          // Literal: an owner id starting with $ must not be read as a field path.
          owner: { $cond: [take, { $literal: owner }, '$owner'] },
          token: { $cond: [take, { $add: [{ $ifNull: ['$token', 0] }, 1] }, '$token'] },
          ttlMs: { $cond: [take, { $literal: ttlMs }, '$ttlMs'] },
          expiresAt: { $cond: [take, { $add: ['$$NOW', ttlMs] }, '$expiresAt'] },
        },
      },
      { $unset: '_take' },
    ],
  };
}

/** Exported for tests: extends a lease still held (same owner and token, not released). */
export function mongoLeaseRenewal(
  lease: WriterLease,
  id: string,
  ttlMs: number,
): { filter: Filter<StoredWriterLease>; update: Document[] } {
  return {
    filter: { _id: id, owner: lease.owner, token: lease.token, ttlMs: { $gt: 0 } },
    update: [{ $set: { ttlMs: { $literal: ttlMs }, expiresAt: { $add: ['$$NOW', ttlMs] } } }],
  };
}

/** Exported for tests: a commit's check of its lease, extending it by what it was granted for. */
export function mongoLeaseHold(
  lease: WriterLease,
  id: string,
): { filter: Filter<StoredWriterLease>; update: Document[] } {
  return {
    filter: { _id: id, owner: lease.owner, token: lease.token, ttlMs: { $gt: 0 } },
    update: [{ $set: { expiresAt: { $add: ['$$NOW', '$ttlMs'] } } }],
  };
}

/** Exported for tests: the write of one change, applied only over an older version of the document. */
export function mongoGuardedWrite(change: ResolvedChange): AnyBulkWriteOperation<StoredDocument> {
  const filter: Filter<StoredDocument> = { _id: change.id, position: { $lt: change.position } };
  if (change.kind === 'delete') return { deleteOne: { filter } };
  const body = JSON.parse(change.bodyJson) as Record<string, unknown>;
  return { updateOne: { filter, update: { $set: { body, position: change.position } }, upsert: true } };
}

/**
 * Exported for tests: the filter of one page. Keyset conditions follow MongoDB's order (null and
 * missing first ascending, last descending). Range operators only compare values of one BSON type,
 * so a sort field should hold one type (plus null) in every document.
 */
export function mongoFindFilter(query: ResolvedFindQuery): Filter<StoredDocument> {
  const conditions: Document[] = query.where.map(([field, value]) => ({ [`body.${field}`]: value }));
  if (query.after !== undefined) conditions.push(keysetFilter(query, query.after.value, query.after.id));
  if (conditions.length === 0) return {};
  return (conditions.length === 1 ? conditions[0] : { $and: conditions }) as Filter<StoredDocument>;
}

function keysetFilter(query: ResolvedFindQuery, value: IndexValue, id: string): Document {
  const beyond = query.direction === 'asc' ? '$gt' : '$lt';
  if (query.orderField === undefined) return { _id: { [beyond]: id } };
  const path = `body.${query.orderField}`;
  if (value === null) {
    return query.direction === 'asc'
      ? { $or: [{ [path]: null, _id: { $gt: id } }, { [path]: { $ne: null } }] }
      : { [path]: null, _id: { $lt: id } };
  }
  const alternatives: Document[] = [{ [path]: { [beyond]: value } }, { [path]: value, _id: { [beyond]: id } }];
  if (query.direction === 'desc') alternatives.push({ [path]: null });
  return { $or: alternatives };
}

export function mongoFindSort(query: ResolvedFindQuery): Sort {
  const direction = query.direction === 'asc' ? 1 : -1;
  return query.orderField === undefined
    ? { _id: direction }
    : { [`body.${query.orderField}`]: direction, _id: direction };
}

function sortValue(document: StoredDocument, field: string | undefined): IndexValue {
  if (field === undefined) return null;
  const value = document.body[field];
  return value === undefined ? null : (value as IndexValue);
}

function groupByCollection(changes: readonly ResolvedChange[]): Map<string, ResolvedChange[]> {
  const groups = new Map<string, ResolvedChange[]>();
  for (const change of changes) {
    const group = groups.get(change.collection) ?? [];
    group.push(change);
    groups.set(change.collection, group);
  }
  return groups;
}

/** Runs a write; duplicate keys mean "a newer version is already there" and are not errors. */
async function ignoringDuplicateKey(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isOnlyMongoDuplicateKeys(error)) throw error;
  }
}

export function isOnlyMongoDuplicateKeys(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    return (
      error.err === undefined &&
      writeErrors.length > 0 &&
      writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY)
    );
  }
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

async function ignoring(codes: readonly number[], operation: () => Promise<unknown>): Promise<void> {
  try {
    await operation();
  } catch (error) {
    if (!(error instanceof MongoServerError && typeof error.code === 'number' && codes.includes(error.code)))
      throw error;
  }
}

function indexName(field: string): string {
  return `by_${field}`;
}

const COMPOUND_PREFIX = 'sorted_by_';

function compoundIndexName(fields: readonly string[]): string {
  return `${COMPOUND_PREFIX}${fields.join('_then_')}`;
}

function checkpointId(projection: ProjectionKey): string {
  return `${projection.name}:v${projection.version}`;
}

function deadLetterFilter(projection: ProjectionKey | undefined): Filter<StoredDeadLetter> {
  if (projection === undefined) return {};
  assertProjectionKey(projection);
  return { projection: projection.name, version: projection.version };
}

function toDocument<T>(stored: StoredDocument): ReadDocument<T> {
  return { id: stored._id, body: stored.body as T, position: stored.position };
}

function toDeadLetter(stored: StoredDeadLetter): DeadLetter {
  return {
    projection: { name: stored.projection, version: stored.version },
    position: stored.position,
    eventId: stored.eventId,
    eventType: stored.eventType,
    error: stored.error,
    failedAt: stored.failedAt,
  };
}
