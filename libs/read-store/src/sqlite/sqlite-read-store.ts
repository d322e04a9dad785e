import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import {
  BackgroundCheckpointer,
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  FALLBACK_AUTOCHECKPOINT_PAGES,
  type CheckpointReport,
} from './background-checkpointer';
import {
  assertCollectionName,
  assertDocumentId,
  assertOwnedCollections,
  assertProjectionKey,
  normalizeCollectionSpec,
  resolveChanges,
  resolveDeadLetter,
  resolveFindQuery,
  toPage,
  type ResolvedFindQuery,
} from '../read-query';
import {
  MAX_DEAD_LETTERS_LISTED,
  type CollectionSpec,
  type DeadLetter,
  type DocumentChange,
  type FindQuery,
  type IndexValue,
  type Page,
  type ProjectionKey,
  type ReadDocument,
  type ReadStore,
} from '../read-store.port';

/**
 * The embedded read store: one SQLite file of its own (WAL, synchronous=NORMAL). All collections
 * share one `documents` table; each declared index is a partial expression index on
 * (collection, json_extract(body, '$.field'), id) restricted to its collection. The leading
 * constant column looks redundant but makes the planner prefer the index over the primary key. A commit writes the document changes
 * and the projection's checkpoint in one transaction, so a crash leaves either both or neither.
 *
 * Collection and field names are validated (read-query.ts) before they appear in SQL text; the
 * collection name is a literal in `find` on purpose, because SQLite only uses a partial index when
 * the query's WHERE clause names the same constant as the index's.
 */

const SCHEMA_VERSION = 1;

const MIGRATIONS: ReadonlyArray<string> = [
  `
  CREATE TABLE documents (
    collection TEXT    NOT NULL,
    id         TEXT    NOT NULL,
    body       TEXT    NOT NULL CHECK (json_valid(body)),
    position   INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (collection, id)
  ) STRICT;

  CREATE TABLE collections (
    name    TEXT PRIMARY KEY,
    indexes TEXT NOT NULL CHECK (json_valid(indexes))
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE checkpoints (
    projection TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (projection, version)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE dead_letters (
    projection TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    event_id   TEXT    NOT NULL,
    event_type TEXT    NOT NULL,
    error      TEXT    NOT NULL,
    failed_at  TEXT    NOT NULL,
    PRIMARY KEY (projection, version, position)
  ) STRICT, WITHOUT ROWID;
  `,
];

/** Prepared `find` statements kept per distinct SQL text; the shapes are few, the bound is a safety net. */
const MAX_CACHED_FIND_STATEMENTS = 256;

interface DocumentRow {
  id: string;
  body: string;
  position: number;
  sort_value?: IndexValue;
}

interface DeadLetterRow {
  projection: string;
  version: number;
  position: number;
  event_id: string;
  event_type: string;
  error: string;
  failed_at: string;
}

export interface SqliteReadStoreOptions {
  /**
   * Checkpoint the WAL from a worker thread (BackgroundCheckpointer) instead of inside commits on
   * the event loop. The application turns it on; short-lived stores (tests, tools) need no thread.
   */
  checkpointInBackground?: boolean;
  checkpointIntervalMs?: number;
}

export class SqliteReadStore implements ReadStore {
  private readonly findStatements = new Map<string, Database.Statement>();
  private readonly statements;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly checkpointer: BackgroundCheckpointer | undefined,
  ) {
    this.statements = prepareStatements(db);
  }

  /** Opens (creating it, its directory and its schema when needed) the read store file. */
  static open(file: string, options: SqliteReadStoreOptions = {}): SqliteReadStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      const journalMode = retryingWhileBusy(() => db.pragma('journal_mode = WAL', { simple: true }));
      if (journalMode !== 'wal') throw new Error(`SQLite refused WAL mode for ${file} (got ${String(journalMode)})`);
      // NORMAL: every commit (documents + checkpoint) is atomic, so the file always holds a
      // consistent projection at some checkpoint; a power cut may take the last commits back, and the
      // projection then replays them from the log. Read models are derived data: no fsync per batch.
      // Drops are the exception (dropProjection).
      db.pragma('synchronous = NORMAL');
      // Projections rewrite documents all over the table: keep its hot pages in memory.
      db.pragma('cache_size = -65536');
      // Freed pages are zeroed, so a dropped read model (e.g. after erasure and rebuild) leaves no plaintext behind.
      db.pragma('secure_delete = ON');
      retryingWhileBusy(() => migrate(db));
      let checkpointer: BackgroundCheckpointer | undefined;
      if (options.checkpointInBackground === true) {
        const logger = new Logger('SqliteReadStore');
        checkpointer = new BackgroundCheckpointer(
          file,
          options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
          (message) => logger.error(message),
        );
        // Still a bound on the WAL if the worker falls behind; far above what it lets accumulate.
        db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
      }
      return new SqliteReadStore(db, checkpointer);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The background checkpointer's last report, undefined when checkpoints run in commits. */
  checkpointReport(): CheckpointReport | undefined {
    return this.checkpointer?.report();
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    const { name, indexes } = normalizeCollectionSpec(spec);
    this.db
      .transaction(() => {
        for (const field of this.indexedFields(name)) {
          if (!indexes.includes(field)) this.db.exec(`DROP INDEX IF EXISTS ${indexName(name, field)}`);
        }
        for (const field of indexes) {
          this.db.exec(
            `CREATE INDEX IF NOT EXISTS ${indexName(name, field)} ` +
              `ON documents (collection, ${fieldExpression(field)}, id) WHERE collection = ${collectionLiteral(name)}`,
          );
        }
        this.statements.upsertCollection.run(name, JSON.stringify(indexes));
      })
      .immediate();
  }

  async get<T = Record<string, unknown>>(collection: string, id: string): Promise<ReadDocument<T> | undefined> {
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const row = this.statements.getDocument.get(collection, id) as DocumentRow | undefined;
    return row === undefined ? undefined : toDocument<T>(row);
  }

  async find<T = Record<string, unknown>>(collection: string, query: FindQuery = {}): Promise<Page<T>> {
    const resolved = resolveFindQuery(collection, query, new Set(this.indexedFields(collection)));
    // One row beyond the page tells whether another page exists without an extra round trip.
    const wanted = resolved.limit + 1;
    const rows: DocumentRow[] = [];
    for (const segment of findSegments(collection, resolved)) {
      if (rows.length >= wanted) break;
      rows.push(...(this.findStatement(segment.sql).all(...segment.parameters, wanted - rows.length) as DocumentRow[]));
    }
    return toPage(
      rows,
      resolved,
      (row) => toDocument<T>(row),
      (row) => ({ value: row.sort_value ?? null, id: row.id }),
    );
  }

  async commit(projection: ProjectionKey, changes: DocumentChange[], position: number): Promise<void> {
    assertProjectionKey(projection);
    const resolved = resolveChanges(changes, position);
    const updatedAt = new Date().toISOString();
    this.db
      .transaction(() => {
        const current = this.checkpointOf(projection);
        // A batch at or below the checkpoint was committed before: replaying it must change nothing.
        if (current !== undefined && current >= position) return;
        for (const change of resolved) {
          if (change.kind === 'put') {
            this.statements.putDocument.run(change.collection, change.id, change.bodyJson, change.position);
          } else {
            this.statements.deleteDocument.run(change.collection, change.id, change.position);
          }
        }
        this.statements.upsertCheckpoint.run(projection.name, projection.version, position, updatedAt);
      })
      .immediate();
  }

  async getCheckpoint(projection: ProjectionKey): Promise<number | undefined> {
    assertProjectionKey(projection);
    return this.checkpointOf(projection);
  }

  async addDeadLetter(letter: DeadLetter): Promise<void> {
    const stored = resolveDeadLetter(letter);
    this.statements.insertDeadLetter.run(
      stored.projection.name,
      stored.projection.version,
      stored.position,
      stored.eventId,
      stored.eventType,
      stored.error,
      stored.failedAt,
    );
  }

  async listDeadLetters(projection?: ProjectionKey): Promise<DeadLetter[]> {
    const rows =
      projection === undefined
        ? this.statements.listAllDeadLetters.all(MAX_DEAD_LETTERS_LISTED)
        : this.statements.listDeadLetters.all(checkedName(projection), projection.version, MAX_DEAD_LETTERS_LISTED);
    return (rows as DeadLetterRow[]).map(toDeadLetter);
  }

  async countDeadLetters(projection?: ProjectionKey): Promise<number> {
    const row =
      projection === undefined
        ? this.statements.countAllDeadLetters.get()
        : this.statements.countDeadLetters.get(checkedName(projection), projection.version);
    return (row as { count: number }).count;
  }

  async dropProjection(projection: ProjectionKey, collections: readonly string[]): Promise<void> {
    assertOwnedCollections(projection, collections);
    // Durable at once, unlike a projection's commits: a drop may be what removes an erased
    // subject's plaintext (rebuild after erasure), and a power cut must not bring it back. The
    // fsync also covers every commit before it (a slot switch included): the WAL is sequential.
    this.db.pragma('synchronous = FULL');
    try {
      this.db
        .transaction(() => {
          for (const collection of collections) {
            for (const field of this.indexedFields(collection))
              this.db.exec(`DROP INDEX IF EXISTS ${indexName(collection, field)}`);
            this.statements.deleteCollectionDocuments.run(collection);
            this.statements.deleteCollection.run(collection);
          }
          this.statements.deleteCheckpoint.run(projection.name, projection.version);
          this.statements.deleteDeadLetters.run(projection.name, projection.version);
        })
        .immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.findStatements.clear();
    await this.checkpointer?.stop();
    this.db.close();
  }

  /** The query plan SQLite picks for each query of a `find` (tests check that the partial indexes serve it). */
  explainFind(collection: string, query: FindQuery = {}): string[] {
    const resolved = resolveFindQuery(collection, query, new Set(this.indexedFields(collection)));
    return findSegments(collection, resolved).map((segment) => {
      const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${segment.sql}`).all(...segment.parameters, resolved.limit + 1);
      return (plan as Array<{ detail: string }>).map((row) => row.detail).join('; ');
    });
  }

  private indexedFields(collection: string): string[] {
    const row = this.statements.getCollection.get(collection) as { indexes: string } | undefined;
    return row === undefined ? [] : (JSON.parse(row.indexes) as string[]);
  }

  private checkpointOf(projection: ProjectionKey): number | undefined {
    const row = this.statements.getCheckpoint.get(projection.name, projection.version) as
      { position: number } | undefined;
    return row?.position;
  }

  private findStatement(sql: string): Database.Statement {
    let statement = this.findStatements.get(sql);
    if (statement === undefined) {
      if (this.findStatements.size >= MAX_CACHED_FIND_STATEMENTS) this.findStatements.clear();
      statement = this.db.prepare(sql);
      this.findStatements.set(sql, statement);
    }
    return statement;
  }
}

const OPEN_BUSY_ATTEMPTS = 40;
const OPEN_BUSY_PAUSE_MS = 25;

/**
 * Opening a new file from several processes at once (side-by-side projectors) contends for the lock
 * that switches it to WAL and creates its schema. SQLite answers some of those lock upgrades with
 * SQLITE_BUSY at once, without its busy handler (it would deadlock otherwise): retry them briefly.
 * Only at open time, so the blocking pause holds up nothing else.
 */
function retryingWhileBusy<T>(step: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return step();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || attempt >= OPEN_BUSY_ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, OPEN_BUSY_PAUSE_MS);
    }
  }
}

/**
 * The version is read inside the write transaction: two processes opening a new file at once
 * (the API and a projector, side-by-side rebuilds) must not both run the first migration.
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`Read store schema version ${current} is newer than this code (${SCHEMA_VERSION})`);
    }
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!);
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function prepareStatements(db: Database.Database) {
  return {
    getDocument: db.prepare('SELECT id, body, position FROM documents WHERE collection = ? AND id = ?'),
    // Guarded by position, so the same rule holds as in MongoDB: an older write never replaces a newer one.
    putDocument: db.prepare(
      `INSERT INTO documents (collection, id, body, position) VALUES (?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, position = excluded.position
       WHERE documents.position < excluded.position`,
    ),
    deleteDocument: db.prepare('DELETE FROM documents WHERE collection = ? AND id = ? AND position < ?'),
    deleteCollectionDocuments: db.prepare('DELETE FROM documents WHERE collection = ?'),
    getCollection: db.prepare('SELECT indexes FROM collections WHERE name = ?'),
    upsertCollection: db.prepare(
      'INSERT INTO collections (name, indexes) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET indexes = excluded.indexes',
    ),
    deleteCollection: db.prepare('DELETE FROM collections WHERE name = ?'),
    getCheckpoint: db.prepare('SELECT position FROM checkpoints WHERE projection = ? AND version = ?'),
    upsertCheckpoint: db.prepare(
      `INSERT INTO checkpoints (projection, version, position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (projection, version) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
       WHERE checkpoints.position < excluded.position`,
    ),
    deleteCheckpoint: db.prepare('DELETE FROM checkpoints WHERE projection = ? AND version = ?'),
    insertDeadLetter: db.prepare(
      `INSERT INTO dead_letters (projection, version, position, event_id, event_type, error, failed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (projection, version, position) DO NOTHING`,
    ),
    listDeadLetters: db.prepare(
      'SELECT * FROM dead_letters WHERE projection = ? AND version = ? ORDER BY position LIMIT ?',
    ),
    listAllDeadLetters: db.prepare('SELECT * FROM dead_letters ORDER BY position, projection, version LIMIT ?'),
    countDeadLetters: db.prepare('SELECT count(*) AS count FROM dead_letters WHERE projection = ? AND version = ?'),
    countAllDeadLetters: db.prepare('SELECT count(*) AS count FROM dead_letters'),
    deleteDeadLetters: db.prepare('DELETE FROM dead_letters WHERE projection = ? AND version = ?'),
  };
}

interface FindSegment {
  sql: string;
  parameters: unknown[];
}

/**
 * The queries of one page, run in order until the page is full. Each is a range seek on one
 * index: `(value, id) > (v, i)` written as `value >= v AND (value > v OR id > i)`, because SQLite
 * seeks on the first conjunct but not on a row value over an expression or on an OR. NULLs sort
 * first ascending and last descending, so a cursor on one side of them needs a second segment.
 * Ties are broken by id. json_type pins each filter to the JSON type of its value, because
 * json_extract turns `true` into 1 and would otherwise equal it.
 */
function findSegments(collection: string, query: ResolvedFindQuery): FindSegment[] {
  const filter = [`collection = ${collectionLiteral(collection)}`];
  const filterParameters: unknown[] = [];
  for (const [field, value] of query.where) {
    const condition = equalityCondition(field, value);
    filter.push(condition.sql);
    filterParameters.push(...condition.parameters);
  }
  const segment = (conditions: string[], parameters: unknown[], orderBy: string, select: string): FindSegment => ({
    sql: `SELECT ${select} FROM documents WHERE ${[...filter, ...conditions].join(' AND ')} ORDER BY ${orderBy} LIMIT ?`,
    parameters: [...filterParameters, ...parameters],
  });
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  const beyond = query.direction === 'asc' ? '>' : '<';
  const after = query.after;
  if (query.orderField === undefined) {
    const select = 'id, body, position';
    return [
      after === undefined
        ? segment([], [], `id ${direction}`, select)
        : segment([`id ${beyond} ?`], [after.id], `id ${direction}`, select),
    ];
  }
  const value = fieldExpression(query.orderField);
  const select = `id, body, position, ${value} AS sort_value`;
  const byValue = `${value} ${direction}, id ${direction}`;
  if (after === undefined) return [segment([], [], byValue, select)];
  const nullsFrom = (id?: string): FindSegment =>
    id === undefined
      ? segment([`${value} IS NULL`], [], `id ${direction}`, select)
      : segment([`${value} IS NULL`, `id ${beyond} ?`], [id], `id ${direction}`, select);
  if (after.value === null) {
    return query.direction === 'asc'
      ? [nullsFrom(after.id), segment([`${value} IS NOT NULL`], [], byValue, select)]
      : [nullsFrom(after.id)];
  }
  const bound = typeof after.value === 'boolean' ? Number(after.value) : after.value;
  const pastCursor = segment(
    [`${value} ${beyond}= ?`, `(${value} ${beyond} ? OR id ${beyond} ?)`],
    [bound, bound, after.id],
    byValue,
    select,
  );
  return query.direction === 'asc' ? [pastCursor] : [pastCursor, nullsFrom()];
}

function equalityCondition(field: string, value: IndexValue): { sql: string; parameters: unknown[] } {
  const expression = fieldExpression(field);
  const type = `json_type(body, '$.${field}')`;
  if (value === null) return { sql: `${expression} IS NULL`, parameters: [] };
  if (typeof value === 'boolean') {
    return { sql: `${expression} = ? AND ${type} = '${value ? 'true' : 'false'}'`, parameters: [value ? 1 : 0] };
  }
  if (typeof value === 'number')
    return { sql: `${expression} = ? AND ${type} IN ('integer', 'real')`, parameters: [value] };
  return { sql: `${expression} = ? AND ${type} = 'text'`, parameters: [value] };
}

/** Only ever called with names that passed assertFieldName / assertCollectionName. */
function fieldExpression(field: string): string {
  return `json_extract(body, '$.${field}')`;
}

function collectionLiteral(collection: string): string {
  return `'${collection}'`;
}

/** Length-prefixed, so ("a", "b_c") and ("a_b", "c") cannot share an index name. */
function indexName(collection: string, field: string): string {
  return `"ix_${collection.length}_${collection}_${field}"`;
}

function checkedName(projection: ProjectionKey): string {
  assertProjectionKey(projection);
  return projection.name;
}

function toDocument<T>(row: DocumentRow): ReadDocument<T> {
  return { id: row.id, body: JSON.parse(row.body) as T, position: row.position };
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    projection: { name: row.projection, version: row.version },
    position: row.position,
    eventId: row.event_id,
    eventType: row.event_type,
    error: row.error,
    failedAt: row.failed_at,
  };
}
