import { createHash } from 'node:crypto';
import { physicalCollection } from './projection';
import {
  DEFAULT_PAGE_SIZE,
  InvalidReadQueryError,
  MAX_PAGE_SIZE,
  MAX_WRITER_LEASE_TTL_MS,
  MIN_WRITER_LEASE_TTL_MS,
  type CollectionSpec,
  type DeadLetter,
  type DocumentChange,
  type FindQuery,
  type IndexValue,
  type Page,
  type ProjectionKey,
  type ReadDocument,
} from './read-store.port';

/**
 * Validation and paging rules both read-store adapters share, so the two engines accept and
 * reject exactly the same input. Collection and field names end up inside SQL text (index
 * definitions, json paths) and Mongo namespaces, so they are checked against a closed alphabet here
 * and nowhere interpolated unchecked.
 */

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,119}$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PROJECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const MAX_DOCUMENT_ID_LENGTH = 512;
export const MAX_INDEXES_PER_COLLECTION = 16;
export const MAX_CHANGES_PER_COMMIT = 10_000;
/** Well under MongoDB's 16 MiB document limit; a read model document this big is a modelling bug. */
export const MAX_DOCUMENT_BYTES = 1_000_000;
export const MAX_DEAD_LETTER_ERROR_LENGTH = 4_000;
const MAX_CURSOR_LENGTH = 4_096;

export function assertCollectionName(name: string): void {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new InvalidReadQueryError(
      `Invalid collection name ${JSON.stringify(name)}: use a letter then letters, digits or _ (at most 120)`,
    );
  }
}

export function assertFieldName(collection: string, field: string): void {
  if (typeof field !== 'string' || !FIELD_NAME.test(field)) {
    throw new InvalidReadQueryError(
      `Invalid field name ${JSON.stringify(field)} in collection ${collection}: top-level names only, letters, digits or _`,
    );
  }
}

export function assertDocumentId(collection: string, id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_DOCUMENT_ID_LENGTH) {
    throw new InvalidReadQueryError(
      `Invalid document id in collection ${collection}: a non-empty string of at most ${MAX_DOCUMENT_ID_LENGTH} characters`,
    );
  }
}

export function assertProjectionKey(projection: ProjectionKey): void {
  if (!PROJECTION_NAME.test(projection.name) || !Number.isSafeInteger(projection.version) || projection.version < 1) {
    throw new InvalidReadQueryError(
      `Invalid projection ${JSON.stringify(projection.name)} v${String(projection.version)}: ` +
        'name of letters, digits, _ or -, version a positive integer',
    );
  }
}

export function assertPosition(position: number, what: string): void {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new InvalidReadQueryError(`Invalid ${what} ${String(position)}: a non-negative integer`);
  }
}

/** Validated spec with each index once, in declaration order. */
export function normalizeCollectionSpec(spec: CollectionSpec): CollectionSpec {
  assertCollectionName(spec.name);
  const indexes = [...new Set(spec.indexes)];
  if (indexes.length > MAX_INDEXES_PER_COLLECTION) {
    throw new InvalidReadQueryError(
      `Collection ${spec.name} declares ${indexes.length} indexes; at most ${MAX_INDEXES_PER_COLLECTION}`,
    );
  }
  const lowerCase = new Set<string>();
  for (const field of indexes) {
    assertFieldName(spec.name, field);
    // Column names are case-insensitive in SQL: `status` and `Status` cannot both be indexed.
    if (lowerCase.has(field.toLowerCase())) {
      throw new InvalidReadQueryError(
        `Collection ${spec.name} indexes fields whose names differ only in case (${field})`,
      );
    }
    lowerCase.add(field.toLowerCase());
  }
  const compoundIndexes = (spec.compoundIndexes ?? []).map((fields) => {
    if (fields.length < 2 || new Set(fields).size !== fields.length || fields.some((field) => !indexes.includes(field)))
      throw new InvalidReadQueryError(
        `Collection ${spec.name}: a compound index names two or more different fields of its indexes, not ${JSON.stringify(fields)}`,
      );
    return [...fields];
  });
  if (compoundIndexes.length > MAX_INDEXES_PER_COLLECTION)
    throw new InvalidReadQueryError(
      `Collection ${spec.name} declares more than ${MAX_INDEXES_PER_COLLECTION} compound indexes`,
    );
  return compoundIndexes.length === 0 ? { name: spec.name, indexes } : { name: spec.name, indexes, compoundIndexes };
}

const MAX_LEASE_OWNER_LENGTH = 200;

export function assertLeaseRequest(projection: ProjectionKey, owner: string, ttlMs: number): void {
  assertProjectionKey(projection);
  if (typeof owner !== 'string' || owner.length === 0 || owner.length > MAX_LEASE_OWNER_LENGTH) {
    throw new InvalidReadQueryError(
      `Invalid lease owner: a non-empty string of at most ${MAX_LEASE_OWNER_LENGTH} characters`,
    );
  }
  if (!Number.isSafeInteger(ttlMs) || ttlMs < MIN_WRITER_LEASE_TTL_MS || ttlMs > MAX_WRITER_LEASE_TTL_MS) {
    throw new InvalidReadQueryError(
      `Invalid lease time to live ${String(ttlMs)}: an integer from ${MIN_WRITER_LEASE_TTL_MS} to ${MAX_WRITER_LEASE_TTL_MS} ms`,
    );
  }
}

/** Rebuild drops collections by name: refuse any that is not this projection version's own. */
export function assertOwnedCollections(projection: ProjectionKey, collections: readonly string[]): void {
  assertProjectionKey(projection);
  const prefix = physicalCollection(projection, '');
  for (const collection of collections) {
    assertCollectionName(collection);
    if (!collection.startsWith(prefix) || collection.length === prefix.length) {
      throw new InvalidReadQueryError(
        `Collection ${collection} does not belong to projection ${projection.name} v${projection.version}`,
      );
    }
  }
}

export interface KeysetPosition {
  /** Sort value of the last item of the previous page (absent when paging by id alone). */
  value: IndexValue;
  id: string;
}

export interface ResolvedFindQuery {
  where: ReadonlyArray<readonly [field: string, value: IndexValue]>;
  /** Undefined when paging by id alone. */
  orderField: string | undefined;
  direction: 'asc' | 'desc';
  limit: number;
  after: KeysetPosition | undefined;
  /** Ties a cursor to the query that produced it. */
  fingerprint: string;
}

/**
 * Checks a query against the collection's declared indexes and decodes its cursor. Unknown
 * collections have no indexes, so any filter or sort on them is refused.
 */
export function resolveFindQuery(
  collection: string,
  query: FindQuery,
  indexed: ReadonlySet<string>,
): ResolvedFindQuery {
  assertCollectionName(collection);
  const where = Object.entries(query.where ?? {}).map(([field, value]) => {
    assertIndexed(collection, field, indexed, 'filter on');
    assertIndexValue(collection, field, value);
    return [field, value] as const;
  });
  const orderField = query.orderBy?.field;
  if (orderField !== undefined) assertIndexed(collection, orderField, indexed, 'sort by');
  const direction = query.orderBy?.direction ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new InvalidReadQueryError(`Invalid sort direction ${JSON.stringify(direction)}: asc or desc`);
  }
  const fingerprint = queryFingerprint(collection, where, orderField, direction);
  return {
    where,
    orderField,
    direction,
    limit: resolvePageSize(query.limit),
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, fingerprint),
    fingerprint,
  };
}

export function resolvePageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidReadQueryError(`Invalid page size ${String(limit)}: a positive integer`);
  }
  return Math.min(limit, MAX_PAGE_SIZE);
}

export function encodeCursor(query: ResolvedFindQuery, last: KeysetPosition): string {
  const payload =
    query.orderField === undefined
      ? { q: query.fingerprint, i: last.id }
      : { q: query.fingerprint, i: last.id, v: last.value };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** A page from up to limit + 1 rows: the extra row only tells that another page exists. */
export function toPage<R, T>(
  rows: readonly R[],
  query: ResolvedFindQuery,
  toDocument: (row: R) => ReadDocument<T>,
  keysetOf: (row: R) => KeysetPosition,
): Page<T> {
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const page: Page<T> = { items: items.map(toDocument) };
  if (rows.length > query.limit && last !== undefined) page.nextCursor = encodeCursor(query, keysetOf(last));
  return page;
}

function decodeCursor(cursor: string, fingerprint: string): KeysetPosition {
  const invalid = (): InvalidReadQueryError =>
    new InvalidReadQueryError('Invalid cursor: pass the nextCursor of the previous page of this same query');
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null) throw invalid();
  const { q, i, v } = payload as { q?: unknown; i?: unknown; v?: unknown };
  if (q !== fingerprint || typeof i !== 'string') throw invalid();
  const value = v === undefined ? null : v;
  if (!isIndexValue(value)) throw invalid();
  return { value, id: i };
}

function queryFingerprint(
  collection: string,
  where: ResolvedFindQuery['where'],
  orderField: string | undefined,
  direction: string,
): string {
  const canonicalWhere = [...where].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([collection, canonicalWhere, orderField ?? null, direction]))
    .digest('base64url')
    .slice(0, 16);
}

function assertIndexed(collection: string, field: string, indexed: ReadonlySet<string>, verb: string): void {
  if (!indexed.has(field)) {
    const declared = indexed.size === 0 ? 'none' : [...indexed].join(', ');
    throw new InvalidReadQueryError(
      `Cannot ${verb} ${JSON.stringify(field)} in collection ${collection}: not an indexed field (indexed: ${declared})`,
    );
  }
}

function assertIndexValue(collection: string, field: string, value: unknown): void {
  if (!isIndexValue(value)) {
    throw new InvalidReadQueryError(
      `Invalid filter value for ${collection}.${field}: a string, finite number, boolean or null`,
    );
  }
}

function isIndexValue(value: unknown): value is IndexValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

export type ResolvedChange =
  | {
      kind: 'put';
      collection: string;
      id: string;
      bodyJson: string;
      /** The body's values of (at least) the indexed fields when the caller had them at hand, else undefined. */
      indexed: Readonly<Record<string, unknown>> | undefined;
      position: number;
    }
  | { kind: 'delete'; collection: string; id: string; position: number };

/**
 * Validates a commit's changes and keeps only the last change per document: adapters guard each
 * write by position, so two writes of one document at one position would let the first one win.
 */
export function resolveChanges(changes: readonly DocumentChange[], commitPosition: number): ResolvedChange[] {
  assertPosition(commitPosition, 'commit position');
  if (changes.length > MAX_CHANGES_PER_COMMIT) {
    throw new InvalidReadQueryError(`A commit holds ${changes.length} changes; at most ${MAX_CHANGES_PER_COMMIT}`);
  }
  const lastByDocument = new Map<string, ResolvedChange>();
  for (const change of changes) {
    const resolved = resolveChange(change, commitPosition);
    const key = `${resolved.collection}\u0000${resolved.id}`;
    // Re-inserting moves the key to the end, so the result follows the order of last changes.
    lastByDocument.delete(key);
    lastByDocument.set(key, resolved);
  }
  return [...lastByDocument.values()];
}

function resolveChange(change: DocumentChange, commitPosition: number): ResolvedChange {
  assertCollectionName(change.collection);
  assertDocumentId(change.collection, change.id);
  const position = change.position ?? commitPosition;
  assertPosition(position, 'change position');
  if (position > commitPosition) {
    throw new InvalidReadQueryError(
      `Change of ${change.collection}/${change.id} at position ${position} lies beyond its commit position ${commitPosition}`,
    );
  }
  if (change.kind === 'delete') return { kind: 'delete', collection: change.collection, id: change.id, position };
  if ('bodyJson' in change) {
    const bodyJson = checkedBodyJson(change.collection, change.id, change.bodyJson);
    return { kind: 'put', collection: change.collection, id: change.id, bodyJson, indexed: change.indexed, position };
  }
  const bodyJson = serializeBody(change.collection, change.id, change.body);
  return { kind: 'put', collection: change.collection, id: change.id, bodyJson, indexed: change.body, position };
}

export function serializeBody(collection: string, id: string, body: Record<string, unknown>): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidReadQueryError(`Body of ${collection}/${id} must be a JSON object`);
  }
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    throw new InvalidReadQueryError(
      `Body of ${collection}/${id} is not serializable as JSON: ${(error as Error).message}`,
    );
  }
  assertDocumentSize(collection, id, json);
  return json;
}

/**
 * JSON text handed over as a body: it must be an object (the adapters check it is valid JSON:
 * SQLite's json_valid constraint, MongoDB's parse).
 */
function checkedBodyJson(collection: string, id: string, json: string): string {
  if (typeof json !== 'string' || !json.startsWith('{'))
    throw new InvalidReadQueryError(`Body of ${collection}/${id} must be a JSON object`);
  assertDocumentSize(collection, id, json);
  return json;
}

function assertDocumentSize(collection: string, id: string, json: string): void {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short texts need no byte count.
  if (json.length * 3 > MAX_DOCUMENT_BYTES && Buffer.byteLength(json, 'utf8') > MAX_DOCUMENT_BYTES) {
    throw new InvalidReadQueryError(`Body of ${collection}/${id} exceeds ${MAX_DOCUMENT_BYTES} bytes`);
  }
}

/** A dead letter as stored: validated, with its error text bounded. */
export function resolveDeadLetter(letter: DeadLetter): DeadLetter {
  assertProjectionKey(letter.projection);
  assertPosition(letter.position, 'dead letter position');
  const error =
    letter.error.length > MAX_DEAD_LETTER_ERROR_LENGTH
      ? `${letter.error.slice(0, MAX_DEAD_LETTER_ERROR_LENGTH - 1)}…`
      : letter.error;
  return { ...letter, projection: { name: letter.projection.name, version: letter.projection.version }, error };
}
