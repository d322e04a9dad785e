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
    // IMMEDIATE takes the write lock before reading, so two connections racing for one subject
    // serialise here and the second one reads the key the first one inserted.
    const findOrInsert = this.db.transaction((id: string): KeyRow => {
      if (this.selectErased.get(id)) throw new SubjectErasedError(id);
      const existing = this.selectKey.get(id);
      if (existing) return existing;
      const sealed = sealDataKey(this.masterKey, id, newDataKey());
      this.insertKey.run(id, sealed.keyMaterial, sealed.wrapped ? 1 : 0, new Date().toISOString());
      return { key_material: sealed.keyMaterial, wrapped: sealed.wrapped ? 1 : 0 };
    });
    return this.toDataKey(subjectId, findOrInsert.immediate(subjectId));
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
    if (this.db.open) this.db.close();
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
