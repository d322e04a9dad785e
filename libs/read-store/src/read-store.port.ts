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

export type DocumentChange =
  | { kind: 'put'; collection: string; id: string; body: Record<string, unknown> }
  | { kind: 'delete'; collection: string; id: string };

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
  addDeadLetter(letter: DeadLetter): Promise<void>;
  listDeadLetters(projection?: ProjectionKey): Promise<DeadLetter[]>;
  /** Drops every collection and the checkpoint of a projection version (used by rebuild). */
  dropProjection(projection: ProjectionKey, collections: readonly string[]): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
