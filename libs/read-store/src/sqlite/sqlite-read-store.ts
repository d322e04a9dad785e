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
  buildCompoundIndexes,
  buildIndexes,
  columnName,
  columnValue,
  createCollectionTable,
  fromColumn,
  indexName,
  migrate,
  quoted,
  redeclareFields,
  tableName,
} from './read-store-schema';
import { findSegments } from './sqlite-find';
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
} from '../read-query';
import {
  MAX_DEAD_LETTERS_LISTED,
  WriterLeaseLostError,
  type CollectionSpec,
  type DeadLetter,
  type DocumentChange,
  type EnsureCollectionOptions,
  type FindQuery,
  type Page,
  type ProjectionKey,
  type ReadDocument,
  type ReadStore,
  type WriterLease,
} from '../read-store.port';

/**
 * The embedded read store: one SQLite file of its own (WAL, synchronous=NORMAL), one table per
 * collection with a real column and an index per indexed field (read-store-schema.ts, decision
 * D27). A commit writes the document changes and the projection's checkpoint in one transaction,
 * so a crash leaves either both or neither.
 *
 * Several processes may open the file. A collection's table, columns and statements are cached
 * per connection and looked up again whenever the schema changed (another process created,
 * re-declared or dropped a collection).
 */

/** Prepared `find` statements kept per distinct SQL text; the shapes are few, the bound is a safety net. */
const MAX_CACHED_FIND_STATEMENTS = 256;

interface DocumentRow {
  id: string;
  body: string;
  position: number;
  sort_value?: unknown;
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

interface LeaseRow {
  owner: string;
  token: number;
  expires_at_ms: number;
}

/** A collection's table as this connection knows it. */
interface CollectionTable {
  name: string;
  table: string;
  fields: readonly string[];
  get: Database.Statement;
  put: Database.Statement;
  delete: Database.Statement;
}

export interface SqliteReadStoreOptions {
  /**
   * Checkpoint the WAL from a worker thread (BackgroundCheckpointer) instead of inside commits on
   * the event loop. The application turns it on; short-lived stores (tests, tools) need no thread.
   */
  checkpointInBackground?: boolean;
  checkpointIntervalMs?: number;
  /** Time source of writer leases (tests); default Date.now. Every process on the file must share it. */
  nowMs?: () => number;
}

export class SqliteReadStore implements ReadStore {
  private readonly findStatements = new Map<string, Database.Statement>();
  private readonly tables = new Map<string, CollectionTable>();
  private readonly statements;
  private readonly nowMs: () => number;
  private knownSchemaVersion: number;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly checkpointer: BackgroundCheckpointer | undefined,
    options: SqliteReadStoreOptions,
  ) {
    this.statements = prepareStatements(db);
    this.knownSchemaVersion = this.statements.schemaVersion.get() as number;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Opens (creating it, its directory and its schema when needed, migrating an older one) the read store file. */
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
      // Projections rewrite documents all over their tables: keep the hot pages in memory.
      db.pragma('cache_size = -65536');
      // Freed pages are zeroed, so a dropped read model (e.g. after erasure and rebuild) leaves no plaintext behind.
      db.pragma('secure_delete = ON');
      // The version is read inside the write transaction: two processes opening a new file at once
      // (the API and a projector, side-by-side rebuilds) must not both run the first migration.
      retryingWhileBusy(() => db.transaction(() => migrate(db)).immediate());
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
      return new SqliteReadStore(db, checkpointer, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The background checkpointer's last report, undefined when checkpoints run in commits. */
  checkpointReport(): CheckpointReport | undefined {
    return this.checkpointer?.report();
  }

  async ensureCollection(spec: CollectionSpec, options: EnsureCollectionOptions = {}): Promise<void> {
    const { name, indexes, compoundIndexes = [] } = normalizeCollectionSpec(spec);
    this.db
      .transaction(() => {
        this.forgetTablesIfSchemaChanged();
        const declared = this.statements.getCollection.get(name) as { indexes: string } | undefined;
        if (declared === undefined) {
          const build = options.deferIndexes !== true;
          createCollectionTable(this.db, name, indexes, { buildIndexes: build });
          buildCompoundIndexes(this.db, name, compoundIndexes, { build });
        } else {
          const before = JSON.parse(declared.indexes) as string[];
          const deferred = options.deferIndexes === true && this.isEmpty(name);
          // Compound indexes first: a field they hold cannot be dropped while they stand.
          buildCompoundIndexes(this.db, name, compoundIndexes, { build: false });
          if (before.join('\u0000') !== indexes.join('\u0000')) redeclareFields(this.db, name, before, indexes);
          if (deferred) {
            for (const field of indexes) this.db.exec(`DROP INDEX IF EXISTS ${quoted(indexName(name, field))}`);
          } else {
            buildIndexes(this.db, name, indexes);
            buildCompoundIndexes(this.db, name, compoundIndexes, { build: true });
          }
        }
        this.tables.delete(name);
        this.knownSchemaVersion = this.statements.schemaVersion.get() as number;
      })
      .immediate();
  }

  async get<T = Record<string, unknown>>(collection: string, id: string): Promise<ReadDocument<T> | undefined> {
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    return this.withTable(
      collection,
      () => undefined,
      (table) => {
        const row = table.get.get(id) as DocumentRow | undefined;
        return row === undefined ? undefined : toDocument<T>(row);
      },
    );
  }

  async find<T = Record<string, unknown>>(collection: string, query: FindQuery = {}): Promise<Page<T>> {
    assertCollectionName(collection);
    const empty = (): Page<T> => {
      // Unknown collections have no indexed fields: the query is still checked (and refused if it filters).
      resolveFindQuery(collection, query, new Set());
      return { items: [] };
    };
    return this.withTable(collection, empty, (table) => {
      const resolved = resolveFindQuery(collection, query, new Set(table.fields));
      // One row beyond the page tells whether another page exists without an extra round trip.
      const wanted = resolved.limit + 1;
      const rows: DocumentRow[] = [];
      for (const segment of findSegments(table.table, resolved)) {
        if (rows.length >= wanted) break;
        const statement = this.findStatement(segment.sql);
        rows.push(...(statement.all(...segment.parameters, wanted - rows.length) as DocumentRow[]));
      }
      return toPage(
        rows,
        resolved,
        (row) => toDocument<T>(row),
        (row) => ({ value: fromColumn(row.sort_value), id: row.id }),
      );
    });
  }

  async commit(
    projection: ProjectionKey,
    changes: DocumentChange[],
    position: number,
    lease?: WriterLease,
  ): Promise<void> {
    assertProjectionKey(projection);
    const resolved = resolveChanges(changes, position);
    const nowMs = this.nowMs();
    this.db
      .transaction(() => {
        if (lease !== undefined) this.holdLease(projection, lease, nowMs);
        const current = this.checkpointOf(projection);
        // A batch at or below the checkpoint was committed before: replaying it must change nothing.
        if (current !== undefined && current >= position) return;
        this.forgetTablesIfSchemaChanged();
        for (const change of resolved) this.write(change);
        this.statements.upsertCheckpoint.run(
          projection.name,
          projection.version,
          position,
          new Date(nowMs).toISOString(),
        );
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
            // The table's indexes go with it.
            this.db.exec(`DROP TABLE IF EXISTS ${quoted(tableName(collection))}`);
            this.statements.deleteCollection.run(collection);
            this.tables.delete(collection);
          }
          this.statements.deleteCheckpoint.run(projection.name, projection.version);
          this.statements.deleteDeadLetters.run(projection.name, projection.version);
          this.knownSchemaVersion = this.statements.schemaVersion.get() as number;
        })
        .immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  /**
   * The lease is a row per projection slot: taken when free, expired or the owner's own, with a
   * token one higher than the last one. Every process on the file runs on the same host, so they
   * share the clock the expiry is measured on.
   */
  async acquireWriterLease(projection: ProjectionKey, owner: string, ttlMs: number): Promise<WriterLease | undefined> {
    assertLeaseRequest(projection, owner, ttlMs);
    const nowMs = this.nowMs();
    return this.db
      .transaction((): WriterLease | undefined => {
        const row = this.statements.getLease.get(projection.name, projection.version) as LeaseRow | undefined;
        if (row !== undefined && row.owner !== owner && row.expires_at_ms > nowMs) return undefined;
        const token = (row?.token ?? 0) + 1;
        this.statements.upsertLease.run(projection.name, projection.version, owner, token, ttlMs, nowMs + ttlMs);
        return { projection: { name: projection.name, version: projection.version }, owner, token };
      })
      .immediate();
  }

  async renewWriterLease(lease: WriterLease, ttlMs: number): Promise<boolean> {
    assertLeaseRequest(lease.projection, lease.owner, ttlMs);
    const { name, version } = lease.projection;
    const nowMs = this.nowMs();
    return this.statements.renewLease.run(ttlMs, nowMs + ttlMs, name, version, lease.owner, lease.token).changes === 1;
  }

  async releaseWriterLease(lease: WriterLease): Promise<void> {
    assertProjectionKey(lease.projection);
    const { name, version } = lease.projection;
    // Expired rather than deleted: the token keeps growing across owners.
    this.statements.renewLease.run(0, 0, name, version, lease.owner, lease.token);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.findStatements.clear();
    this.tables.clear();
    await this.checkpointer?.stop();
    this.db.close();
  }

  /** The query plan SQLite picks for each query of a `find` (tests check that the indexes serve it). */
  explainFind(collection: string, query: FindQuery = {}): string[] {
    const table = this.tableFor(collection);
    if (table === undefined) throw new Error(`No collection ${collection}`);
    const resolved = resolveFindQuery(collection, query, new Set(table.fields));
    return findSegments(table.table, resolved).map((segment) => {
      const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${segment.sql}`).all(...segment.parameters, resolved.limit + 1);
      return (plan as Array<{ detail: string }>).map((row) => row.detail).join('; ');
    });
  }

  private write(change: ResolvedChange): void {
    if (change.kind === 'delete') {
      this.tableFor(change.collection)?.delete.run(change.id, change.position);
      return;
    }
    const table = this.tableFor(change.collection) ?? this.createUndeclared(change.collection);
    const values = indexedValues(table, change);
    table.put.run(change.id, change.position, change.bodyJson, ...values);
  }

  /** A put into a collection nobody declared gets a table without indexed fields, as any collection can hold documents. */
  private createUndeclared(collection: string): CollectionTable {
    createCollectionTable(this.db, collection, [], { buildIndexes: false });
    this.knownSchemaVersion = this.statements.schemaVersion.get() as number;
    return this.tableFor(collection)!;
  }

  /** A commit under a lease extends it by as long as it was last granted or renewed for. */
  private holdLease(projection: ProjectionKey, lease: WriterLease, nowMs: number): void {
    const held =
      lease.projection.name === projection.name &&
      lease.projection.version === projection.version &&
      this.statements.holdLease.run(nowMs, projection.name, projection.version, lease.owner, lease.token).changes === 1;
    if (!held) throw new WriterLeaseLostError(projection);
  }

  private isEmpty(collection: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${quoted(tableName(collection))} LIMIT 1`).get() === undefined;
  }

  /** Runs a read on the collection's table; `missing` when there is none (or another process just dropped it). */
  private withTable<R>(collection: string, missing: () => R, read: (table: CollectionTable) => R): R {
    const table = this.tableFor(collection);
    if (table === undefined) return missing();
    try {
      return read(table);
    } catch (error) {
      if (!isMissingTable(error)) throw error;
      this.forgetTables();
      const again = this.tableFor(collection);
      return again === undefined ? missing() : read(again);
    }
  }

  private tableFor(collection: string): CollectionTable | undefined {
    const cached = this.tables.get(collection);
    if (cached !== undefined) return cached;
    const row = this.statements.getCollection.get(collection) as { indexes: string } | undefined;
    if (row === undefined) return undefined;
    const table = prepareTable(this.db, collection, JSON.parse(row.indexes) as string[]);
    this.tables.set(collection, table);
    return table;
  }

  /** Inside a write transaction: whatever another connection changed in the schema is read again. */
  private forgetTablesIfSchemaChanged(): void {
    const version = this.statements.schemaVersion.get() as number;
    if (version !== this.knownSchemaVersion) this.forgetTables();
    this.knownSchemaVersion = version;
  }

  private forgetTables(): void {
    this.tables.clear();
    this.findStatements.clear();
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

function prepareTable(db: Database.Database, collection: string, fields: readonly string[]): CollectionTable {
  const table = tableName(collection);
  const name = quoted(table);
  const columns = fields.map((field) => quoted(columnName(field)));
  const placeholders = ['?', '?', '?', ...columns.map(() => '?')].join(', ');
  const updates = [
    'body = excluded.body',
    'position = excluded.position',
    ...columns.map((c) => `${c} = excluded.${c}`),
  ];
  return {
    name: collection,
    table,
    fields,
    get: db.prepare(`SELECT id, body, position FROM ${name} WHERE id = ?`),
    // Guarded by position, so the same rule holds as in MongoDB: an older write never replaces a newer one.
    put: db.prepare(
      `INSERT INTO ${name} (id, position, body${columns.map((column) => `, ${column}`).join('')}) VALUES (${placeholders})
       ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} WHERE ${name}.position < excluded.position`,
    ),
    delete: db.prepare(`DELETE FROM ${name} WHERE id = ? AND position < ?`),
  };
}

/** The column values of a put: from the values the caller handed over, or from the body itself. */
function indexedValues(table: CollectionTable, change: Extract<ResolvedChange, { kind: 'put' }>): unknown[] {
  if (table.fields.length === 0) return [];
  let source = change.indexed;
  if (source === undefined || !table.fields.every((field) => field in source!)) {
    source = JSON.parse(change.bodyJson) as Record<string, unknown>;
  }
  return table.fields.map((field) => columnValue(source![field]));
}

function isMissingTable(error: unknown): boolean {
  return error instanceof Error && /no such table/.test(error.message);
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

function prepareStatements(db: Database.Database) {
  return {
    schemaVersion: db.prepare('PRAGMA schema_version').pluck(),
    getCollection: db.prepare('SELECT indexes FROM collections WHERE name = ?'),
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
    getLease: db.prepare('SELECT owner, token, expires_at_ms FROM writer_leases WHERE projection = ? AND version = ?'),
    upsertLease: db.prepare(
      `INSERT INTO writer_leases (projection, version, owner, token, ttl_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (projection, version) DO UPDATE SET owner = excluded.owner, token = excluded.token,
       ttl_ms = excluded.ttl_ms, expires_at_ms = excluded.expires_at_ms`,
    ),
    renewLease: db.prepare(
      `UPDATE writer_leases SET ttl_ms = ?, expires_at_ms = ?
       WHERE projection = ? AND version = ? AND owner = ? AND token = ? AND ttl_ms > 0`,
    ),
    holdLease: db.prepare(
      `UPDATE writer_leases SET expires_at_ms = ? + ttl_ms
       WHERE projection = ? AND version = ? AND owner = ? AND token = ? AND ttl_ms > 0`,
    ),
  };
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
