/**
 * The read-store port: documents of projections, by collection and id, with a few indexed fields,
 * paging, and one checkpoint per projection name+version. Adapters: SQLite (document changes and
 * the checkpoint commit in one transaction) and MongoDB (each document records the position it
 * reflects, and updates are guarded by it, so a replayed batch changes nothing).
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
  /** Top-level body fields that `find` may filter and sort on. */
  indexes: readonly string[];
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
  /** A put whose body the caller already holds as JSON text (an object): stored without another round through JSON. */
  | { kind: 'put'; collection: string; id: string; bodyJson: string; position?: number }
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

/** Upper bound on what `listDeadLetters` returns; `countDeadLetters` gives the full count. */
export const MAX_DEAD_LETTERS_LISTED = 1_000;

export interface ReadStore {
  ensureCollection(spec: CollectionSpec): Promise<void>;
  get<T = Record<string, unknown>>(collection: string, id: string): Promise<ReadDocument<T> | undefined>;
  find<T = Record<string, unknown>>(collection: string, query?: FindQuery): Promise<Page<T>>;
  /**
   * Applies the changes and moves the projection's checkpoint to `position`, atomically (SQLite)
   * or idempotently (MongoDB: guarded per document by position).
   */
  commit(projection: ProjectionKey, changes: DocumentChange[], position: number): Promise<void>;
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
  ping(): Promise<void>;
  close(): Promise<void>;
}
