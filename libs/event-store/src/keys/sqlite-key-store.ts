/**
 * Data keys of data subjects in their own SQLite file, apart from the event log, so erasing a key
 * never touches the log and a copy of the log alone holds no readable personal data.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { KeyStore, SubjectErasedError } from '../personal-data.port';
import {
  assertValidMasterKey,
  assertValidSubjectId,
  newDataKey,
  openDataKey,
  sealDataKey,
  verifyMasterKey,
} from './key-wrapping';

export interface SqliteKeyStoreOptions {
  /** 32 bytes. When given, data keys are stored wrapped (AES-256-GCM) with it. */
  masterKey?: Buffer;
}

interface KeyRow {
  key_material: Buffer;
  wrapped: number;
}

/** Bounded retries for the WAL truncation after an erasure; a reader holding the WAL makes it busy. */
const MAX_WAL_TRUNCATE_ATTEMPTS = 5;
/** New keys committed together at most; more in one turn commit at once, in more transactions. */
const MAX_KEYS_PER_COMMIT = 500;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS subject_keys (
    subject_id   TEXT PRIMARY KEY,
    key_material BLOB NOT NULL,
    wrapped      INTEGER NOT NULL CHECK (wrapped IN (0, 1)),
    created_at   TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS erased_subjects (
    subject_id TEXT PRIMARY KEY,
    erased_at  TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS key_store_meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
  );
`;

export class WalNotTruncatedError extends Error {
  readonly code = 'WAL_NOT_TRUNCATED';
  constructor(readonly subjectId: string) {
    super(
      `The key of subject ${subjectId} is erased, but the key store's WAL could not be truncated because ` +
        'another connection is reading it; call eraseKey again to finish wiping the old bytes',
    );
    this.name = 'WalNotTruncatedError';
  }
}

export class SqliteKeyStore implements KeyStore {
  private readonly selectKey: Database.Statement<[string], KeyRow>;
  private readonly insertKey: Database.Statement<[string, Buffer, number, string]>;
  private readonly deleteKey: Database.Statement<[string]>;
  private readonly selectErased: Database.Statement<[string], { subject_id: string }>;
  private readonly insertErased: Database.Statement<[string, string]>;
  private readonly findOrInsertAll: Database.Transaction<(ids: string[]) => Array<KeyRow | SubjectErasedError>>;
  private readonly pendingCreates = new Map<
    string,
    Array<{ resolve(row: KeyRow): void; reject(error: unknown): void }>
  >();
  private commitScheduled = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly masterKey: Buffer | undefined,
  ) {
    this.selectKey = db.prepare('SELECT key_material, wrapped FROM subject_keys WHERE subject_id = ?');
    this.insertKey = db.prepare(
      'INSERT INTO subject_keys (subject_id, key_material, wrapped, created_at) VALUES (?, ?, ?, ?)',
    );
    this.deleteKey = db.prepare('DELETE FROM subject_keys WHERE subject_id = ?');
    this.selectErased = db.prepare('SELECT subject_id FROM erased_subjects WHERE subject_id = ?');
    this.insertErased = db.prepare('INSERT OR IGNORE INTO erased_subjects (subject_id, erased_at) VALUES (?, ?)');
    this.findOrInsertAll = db.transaction((ids: string[]) => {
      const createdAt = new Date().toISOString();
      return ids.map((id): KeyRow | SubjectErasedError => {
        if (this.selectErased.get(id)) return new SubjectErasedError(id);
        const existing = this.selectKey.get(id);
        if (existing) return existing;
        const sealed = sealDataKey(this.masterKey, id, newDataKey());
        this.insertKey.run(id, sealed.keyMaterial, sealed.wrapped ? 1 : 0, createdAt);
        return { key_material: sealed.keyMaterial, wrapped: sealed.wrapped ? 1 : 0 };
      });
    });
  }

  static open(file: string, options: SqliteKeyStoreOptions = {}): SqliteKeyStore {
    assertValidMasterKey(options.masterKey);
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      configure(db);
      db.exec(SCHEMA);
      recordOrVerifyMasterKey(db, options.masterKey);
      return new SqliteKeyStore(db, options.masterKey ? Buffer.from(options.masterKey) : undefined);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    assertValidSubjectId(subjectId);
    // A key row exists only while the subject is not erased (erasure deletes it and records the
    // subject in one transaction), so a found key needs no write lock.
    const existing = this.selectKey.get(subjectId);
    if (existing) return this.toDataKey(subjectId, existing);
    return this.toDataKey(subjectId, await this.createInNextCommit(subjectId));
  }

  /**
   * New keys of one turn of the event loop share one transaction, so one fsync makes all of them
   * durable (the group commit the event log does for appends): with synchronous=FULL a commit per
   * key held the event loop for most of a registration's time. Each caller still learns only after
   * its key is durable, and a failure of one subject (erased) fails that caller alone.
   */
  private createInNextCommit(subjectId: string): Promise<KeyRow> {
    return new Promise<KeyRow>((resolve, reject) => {
      const waiting = this.pendingCreates.get(subjectId);
      if (waiting) waiting.push({ resolve, reject });
      else this.pendingCreates.set(subjectId, [{ resolve, reject }]);
      if (this.pendingCreates.size > MAX_KEYS_PER_COMMIT) this.commitPendingCreates();
      else if (!this.commitScheduled) {
        this.commitScheduled = true;
        setImmediate(() => this.commitPendingCreates());
      }
    });
  }

  private commitPendingCreates(): void {
    this.commitScheduled = false;
    const batch = [...this.pendingCreates];
    this.pendingCreates.clear();
    if (batch.length === 0) return;
    let outcomes: Array<KeyRow | SubjectErasedError>;
    try {
      // IMMEDIATE takes the write lock before reading, so two connections racing for one subject
      // serialise here and the second one reads the key the first one inserted.
      outcomes = this.findOrInsertAll.immediate(batch.map(([id]) => id));
    } catch (error) {
      for (const [, waiters] of batch) for (const waiter of waiters) waiter.reject(error);
      return;
    }
    batch.forEach(([, waiters], index) => {
      const outcome = outcomes[index] as KeyRow | SubjectErasedError;
      for (const waiter of waiters)
        if (outcome instanceof SubjectErasedError) waiter.reject(outcome);
        else waiter.resolve(outcome);
    });
  }

  async findKey(subjectId: string): Promise<Buffer | undefined> {
    assertValidSubjectId(subjectId);
    const row = this.selectKey.get(subjectId);
    return row ? this.toDataKey(subjectId, row) : undefined;
  }

  async eraseKey(subjectId: string): Promise<void> {
    assertValidSubjectId(subjectId);
    const erase = this.db.transaction((id: string, erasedAt: string) => {
      this.deleteKey.run(id);
      this.insertErased.run(id, erasedAt);
    });
    erase.immediate(subjectId, new Date().toISOString());
    this.wipeWal(subjectId);
  }

  async isErased(subjectId: string): Promise<boolean> {
    assertValidSubjectId(subjectId);
    return this.selectErased.get(subjectId) !== undefined;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commitPendingCreates();
    this.db.close();
  }

  private toDataKey(subjectId: string, row: KeyRow): Buffer {
    return openDataKey(this.masterKey, subjectId, { keyMaterial: row.key_material, wrapped: row.wrapped === 1 });
  }

  /**
   * secure_delete zeroes the deleted row in the database pages, but the WAL still holds frames
   * written before the delete (including the page with the key). A TRUNCATE checkpoint copies
   * the zeroed page into the database and cuts the WAL to zero bytes.
   */
  private wipeWal(subjectId: string): void {
    for (let attempt = 0; attempt < MAX_WAL_TRUNCATE_ATTEMPTS; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (result?.busy === 0) return;
    }
    throw new WalNotTruncatedError(subjectId);
  }
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Per connection, not stored in the file: overwrite deleted content with zeros.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  const [mode] = db.pragma('journal_mode') as Array<{ journal_mode: string }>;
  if (mode?.journal_mode !== 'wal') throw new Error(`Key store could not switch to WAL (got ${mode?.journal_mode})`);
}

function recordOrVerifyMasterKey(db: Database.Database, masterKey: Buffer | undefined): void {
  const stored = db.prepare("SELECT value FROM key_store_meta WHERE name = 'master_key_check'").get() as
    { value: Buffer } | undefined;
  const checkToStore = verifyMasterKey(masterKey, stored?.value);
  if (checkToStore) {
    db.prepare("INSERT INTO key_store_meta (name, value) VALUES ('master_key_check', ?)").run(checkToStore);
  }
}
