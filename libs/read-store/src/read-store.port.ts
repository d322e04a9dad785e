/**
 * The read-store port: documents of projections, by collection and id, with a few indexed fields,
 * paging, one checkpoint per projection name+version, and a writer lease per projection so that
 * one process at a time applies its events. Adapters: SQLite (document changes and the checkpoint
 * commit in one transaction) and MongoDB (each document records the position it reflects, and
 * updates are guarded by it, so a replayed batch changes nothing).
 */

export type IndexValue = string | number | boolean | null;

export interface ReadDocument<T = Record<string, unknown>> {
  id: string;
  body: T;
  /** `$all` position of the newest event this document reflects. */
  position: number;
}

export interface CollectionSpec {
  name: string;
  /**
   * Top-level body fields that `find` may filter and sort on. They should hold scalars (string,
   * number, boolean) or null; the SQLite store indexes an object or array value as null.
   */
  indexes: readonly string[];
  /**
   * Fields indexed together, in order (each one of `indexes`): a `find` that filters on the first
   * ones by equality and sorts by the last reads one index range, a page at a time, instead of
   * sorting every match for each page (the scheduler's pending deadlines by due time, D46).
   */
  compoundIndexes?: readonly (readonly string[])[];
}

export interface EnsureCollectionOptions {
  /**
   * Leave the indexes of a new or empty collection unbuilt: a rebuild loads its documents first and
   * calls ensureCollection again without this option, which builds them in one pass. `find` answers
   * the same either way, only slower while they are missing.
   */
  deferIndexes?: boolean;
}

export interface FindQuery {
  /** Equality filters on indexed fields. */
  where?: Record<string, IndexValue>;
  /** Sort by one indexed field (then by id); default id. */
  orderBy?: { field: string; direction?: 'asc' | 'desc' };
  /** Page size, capped at MAX_PAGE_SIZE. */
  limit?: number;
  /** Opaque cursor returned as `nextCursor` by the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: ReadDocument<T>[];
  nextCursor?: string;
}

/**
 * `position` is the `$all` position of the event that made the change; it defaults to the commit's
 * position. Per-change positions make a document's position independent of batch boundaries, so a
 * rebuild and the live run store the same positions, and a replay after a partial commit can tell
 * which writes the store already reflects.
 */
export type DocumentChange =
  | { kind: 'put'; collection: string; id: string; body: Record<string, unknown>; position?: number }
  /**
   * A put whose body the caller already holds as JSON text (an object): stored without another
   * round through JSON. `indexed`, when given, holds the body's own values of the collection's
   * indexed fields (every one of them, undefined for a missing field), so that the store need not
   * parse the text to index it.
   */
  | {
      kind: 'put';
      collection: string;
      id: string;
      bodyJson: string;
      indexed?: Readonly<Record<string, unknown>>;
      position?: number;
    }
  | { kind: 'delete'; collection: string; id: string; position?: number };

export interface ProjectionKey {
  name: string;
  version: number;
}

export interface DeadLetter {
  projection: ProjectionKey;
  position: number;
  eventId: string;
  eventType: string;
  error: string;
  failedAt: string;
}

export const MAX_PAGE_SIZE = 500;
/** Page size of `find` when the query names none. */
export const DEFAULT_PAGE_SIZE = 100;

/** A query or write the read store refuses (unindexed filter, bad cursor, invalid name): a caller's error. */
export class InvalidReadQueryError extends Error {
  readonly code = 'INVALID_READ_QUERY';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReadQueryError';
  }
}

/**
 * The right to apply a projection slot's events, held by one owner at a time until it expires
 * unless renewed. `token` grows with every acquisition, so a commit made under a lease that was
 * lost and taken by another owner (or re-taken) is refused.
 */
export interface WriterLease {
  projection: ProjectionKey;
  owner: string;
  token: number;
}

/** A commit under a writer lease that is no longer held (expired and taken, or released). */
export class WriterLeaseLostError extends Error {
  readonly code = 'WRITER_LEASE_LOST';
  constructor(readonly projection: ProjectionKey) {
    super(`The writer lease of projection ${projection.name} v${projection.version} is no longer held`);
    this.name = 'WriterLeaseLostError';
  }
}

/** Bounds of a writer lease's time to live. */
export const MIN_WRITER_LEASE_TTL_MS = 100;
export const MAX_WRITER_LEASE_TTL_MS = 600_000;

/** Upper bound on what `listDeadLetters` returns; `countDeadLetters` gives the full count. */
export const MAX_DEAD_LETTERS_LISTED = 1_000;

export interface ReadStore {
  /** Creates the collection or brings its indexed fields to the spec; builds missing indexes unless deferred. */
  ensureCollection(spec: CollectionSpec, options?: EnsureCollectionOptions): Promise<void>;
  get<T = Record<string, unknown>>(collection: string, id: string): Promise<ReadDocument<T> | undefined>;
  find<T = Record<string, unknown>>(collection: string, query?: FindQuery): Promise<Page<T>>;
  /**
   * Applies the changes and moves the projection's checkpoint to `position`, atomically (SQLite)
   * or idempotently (MongoDB: guarded per document by position). Several changes of one document
   * are written once (the last one). Under a writer lease, the commit first checks that the lease
   * is still held (and extends it); a lost lease fails the commit with WriterLeaseLostError,
   * having applied nothing.
   */
  commit(projection: ProjectionKey, changes: DocumentChange[], position: number, lease?: WriterLease): Promise<void>;
  /** Last committed position of the projection, or undefined before its first commit. */
  getCheckpoint(projection: ProjectionKey): Promise<number | undefined>;
  /** Parks an event a handler kept failing on; adding the same projection+position again is a no-op. */
  addDeadLetter(letter: DeadLetter): Promise<void>;
  /** Oldest first, at most MAX_DEAD_LETTERS_LISTED. */
  listDeadLetters(projection?: ProjectionKey): Promise<DeadLetter[]>;
  countDeadLetters(projection?: ProjectionKey): Promise<number>;
  /**
   * Drops every collection (physical names, each of which must belong to this projection version),
   * the checkpoint and the dead letters of a projection version (used by rebuild, which re-parks them).
   */
  dropProjection(projection: ProjectionKey, collections: readonly string[]): Promise<void>;
  /**
   * Takes the projection's writer lease for `ttlMs` when nobody else holds an unexpired one (an
   * owner may take its own lease again); undefined when another owner holds it.
   */
  acquireWriterLease(projection: ProjectionKey, owner: string, ttlMs: number): Promise<WriterLease | undefined>;
  /** Extends a held lease by `ttlMs` from now; false when it is no longer held. */
  renewWriterLease(lease: WriterLease, ttlMs: number): Promise<boolean>;
  /** Lets the lease go at once (no-op when no longer held), so another owner need not wait for it to expire. */
  releaseWriterLease(lease: WriterLease): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
