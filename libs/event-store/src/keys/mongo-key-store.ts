/**
 * Data keys of data subjects in MongoDB, apart from the event log. One document per subject in
 * `subject_keys`, unique on `subjectId`; an erased subject keeps its document as a tombstone
 * (`erasedAt`, no key material) so no new key can ever be created for it.
 *
 * Writes are majority-acknowledged and journalled, with a time limit (wtimeoutMS): a write the
 * replica set cannot confirm in time fails with KeyStoreUnavailableError instead of blocking the
 * command for ever. Erasures are streamed to every process that watches them (a change stream;
 * LedgerEventStore drops the key at once), and keys are cached only briefly anyway.
 * The database is the one named in the URL, or `enrolment_ledger` (mongoDatabaseName), the same
 * one the read models use.
 *
 * MongoDB (WiredTiger) may keep superseded document versions in its journal and checkpoints for a
 * while, and backups keep them for as long as backups live; a master key makes those copies
 * useless on their own. Erasure here means: the key is gone from every live read path at once.
 */
import {
  Binary,
  ChangeStream,
  Collection,
  MongoClient,
  MongoServerError,
  MongoServerSelectionError,
  MongoWriteConcernError,
} from 'mongodb';
import { KeyStore, KeyStoreUnavailableError, SubjectErasedError } from '../personal-data.port';
import {
  assertValidMasterKey,
  assertValidSubjectId,
  newDataKey,
  openDataKey,
  sealDataKey,
  verifyMasterKey,
} from './key-wrapping';

export interface MongoKeyStoreOptions {
  /** Default: the database named in the URL, else DEFAULT_MONGO_DATABASE. */
  dbName?: string;
  /** How long a write waits for the majority's acknowledgement (wtimeoutMS). */
  writeTimeoutMs?: number;
  /** Called when erasures can no longer be watched (e.g. a standalone server without change streams). */
  onWatchError?: (error: unknown) => void;
  /** 32 bytes. When given, data keys are stored wrapped (AES-256-GCM) with it. */
  masterKey?: Buffer;
}

export interface SubjectKeyDocument {
  subjectId: string;
  keyMaterial?: Binary;
  wrapped?: boolean;
  createdAt?: Date;
  erasedAt?: Date;
}

interface KeyStoreMetaDocument {
  _id: string;
  value: Binary;
}

export const SUBJECT_KEYS_COLLECTION = 'subject_keys';
const META_COLLECTION = 'key_store_meta';
const MASTER_KEY_CHECK_ID = 'master_key_check';
/** The database of every ledger collection when the URL names none. */
export const DEFAULT_MONGO_DATABASE = 'enrolment_ledger';
export const DEFAULT_KEY_STORE_WRITE_TIMEOUT_MS = 10_000;
const DUPLICATE_KEY_ERROR_CODE = 11000;
const WRITE_CONCERN_FAILED_CODE = 64;

/**
 * The database the ledger uses: the one in the URL's path (`mongodb://host/ledger?...`), or
 * DEFAULT_MONGO_DATABASE. Key store and read models both take it from here, so they never end up
 * in two databases (the driver's own default is `test`).
 */
export function mongoDatabaseName(url: string): string {
  const withoutScheme = url.replace(/^mongodb(\+srv)?:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  if (slash < 0) return DEFAULT_MONGO_DATABASE;
  const path = withoutScheme.slice(slash + 1).split('?')[0] ?? '';
  const name = decodeURIComponent(path);
  return name === '' ? DEFAULT_MONGO_DATABASE : name;
}

/**
 * The key store's error for a failed write: a write the majority did not confirm within the time
 * limit, or no reachable primary, is KeyStoreUnavailableError (the caller may retry; the command
 * appended nothing); anything else passes unchanged.
 */
export function toKeyStoreError(error: unknown, writeTimeoutMs: number): unknown {
  if (
    error instanceof MongoWriteConcernError ||
    (error instanceof MongoServerError && error.code === WRITE_CONCERN_FAILED_CODE)
  )
    return new KeyStoreUnavailableError(
      `MongoDB did not confirm a key-store write to a majority within ${writeTimeoutMs} ms (wtimeoutMS); try again`,
      { cause: error },
    );
  if (error instanceof MongoServerSelectionError)
    return new KeyStoreUnavailableError(`MongoDB has no reachable primary for the key store: ${error.message}`, {
      cause: error,
    });
  return error;
}

/** The subject a change-stream event erased, if it records an erasure. */
export function erasedSubjectOf(change: {
  operationType?: string;
  fullDocument?: Partial<SubjectKeyDocument> | null;
}): string | undefined {
  if (change.operationType !== 'insert' && change.operationType !== 'update' && change.operationType !== 'replace')
    return undefined;
  const document = change.fullDocument;
  if (!document || !document.erasedAt || typeof document.subjectId !== 'string') return undefined;
  return document.subjectId;
}

/** The data key a stored document yields: a key, nothing (never created), or a refusal (erased). */
export function dataKeyFromDocument(
  document: SubjectKeyDocument | null,
  masterKey: Buffer | undefined,
): Buffer | undefined {
  if (!document) return undefined;
  if (document.erasedAt) throw new SubjectErasedError(document.subjectId);
  if (!document.keyMaterial) {
    throw new Error(`Key document of subject ${document.subjectId} has neither key material nor an erasure mark`);
  }
  return openDataKey(masterKey, document.subjectId, {
    keyMaterial: Buffer.from(document.keyMaterial.buffer),
    wrapped: document.wrapped === true,
  });
}

export function newSubjectKeyDocument(
  subjectId: string,
  dataKey: Buffer,
  masterKey: Buffer | undefined,
  now: Date,
): SubjectKeyDocument {
  const sealed = sealDataKey(masterKey, subjectId, dataKey);
  return { subjectId, keyMaterial: new Binary(sealed.keyMaterial), wrapped: sealed.wrapped, createdAt: now };
}

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY_ERROR_CODE;
}

export class MongoKeyStore implements KeyStore {
  private closed = false;
  private readonly erasureListeners = new Set<(subjectId: string) => void>();
  private erasureStream: ChangeStream | undefined;

  private constructor(
    private readonly client: MongoClient,
    private readonly keys: Collection<SubjectKeyDocument>,
    private readonly masterKey: Buffer | undefined,
    private readonly writeTimeoutMs: number,
    private readonly onWatchError: (error: unknown) => void,
  ) {}

  static async connect(url: string, options: MongoKeyStoreOptions = {}): Promise<MongoKeyStore> {
    assertValidMasterKey(options.masterKey);
    const writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_KEY_STORE_WRITE_TIMEOUT_MS;
    if (!Number.isSafeInteger(writeTimeoutMs) || writeTimeoutMs <= 0)
      throw new RangeError(`writeTimeoutMs must be a positive integer, got ${writeTimeoutMs}`);
    const client = new MongoClient(url, {
      writeConcern: { w: 'majority', journal: true, wtimeoutMS: writeTimeoutMs },
      readConcern: { level: 'majority' },
    });
    try {
      await client.connect();
      const db = client.db(options.dbName ?? mongoDatabaseName(url));
      const keys = db.collection<SubjectKeyDocument>(SUBJECT_KEYS_COLLECTION);
      await keys.createIndex({ subjectId: 1 }, { unique: true, name: 'subject_keys_subject_unique' });
      await recordOrVerifyMasterKey(db.collection<KeyStoreMetaDocument>(META_COLLECTION), options.masterKey);
      return new MongoKeyStore(
        client,
        keys,
        options.masterKey ? Buffer.from(options.masterKey) : undefined,
        writeTimeoutMs,
        options.onWatchError ??
          ((error) => process.emitWarning(`Key-store erasures are not watched: ${String(error)}`)),
      );
    } catch (error) {
      await client.close();
      throw toKeyStoreError(error, writeTimeoutMs);
    }
  }

  async getOrCreateKey(subjectId: string): Promise<Buffer> {
    assertValidSubjectId(subjectId);
    const existing = dataKeyFromDocument(await this.keys.findOne({ subjectId }), this.masterKey);
    if (existing) return existing;
    const dataKey = newDataKey();
    try {
      await this.keys.insertOne(newSubjectKeyDocument(subjectId, dataKey, this.masterKey, new Date()));
      return dataKey;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw toKeyStoreError(error, this.writeTimeoutMs);
      // Another writer created (or erased) the subject first; the unique index made it the winner.
      const winner = dataKeyFromDocument(await this.keys.findOne({ subjectId }), this.masterKey);
      if (!winner)
        throw new Error(`Key of subject ${subjectId} vanished after a duplicate-key conflict`, { cause: error });
      return winner;
    }
  }

  async findKey(subjectId: string): Promise<Buffer | undefined> {
    assertValidSubjectId(subjectId);
    const document = await this.keys.findOne({ subjectId });
    if (!document || document.erasedAt) return undefined;
    return dataKeyFromDocument(document, this.masterKey);
  }

  async eraseKey(subjectId: string): Promise<void> {
    assertValidSubjectId(subjectId);
    const erase = () =>
      this.keys.updateOne(
        { subjectId },
        { $unset: { keyMaterial: '', wrapped: '' }, $min: { erasedAt: new Date() } },
        { upsert: true },
      );
    try {
      await erase();
    } catch (error) {
      // Two upserts of one new subject race on the unique index; the loser finds the document now.
      if (!isDuplicateKeyError(error)) throw toKeyStoreError(error, this.writeTimeoutMs);
      await erase().catch((retryError: unknown) => {
        throw toKeyStoreError(retryError, this.writeTimeoutMs);
      });
    }
  }

  /** Erasures by any process, from a change stream opened on the first watcher (replica sets only). */
  watchErasures(onErased: (subjectId: string) => void): () => void {
    this.erasureListeners.add(onErased);
    if (!this.erasureStream && !this.closed) {
      const stream = this.keys.watch([{ $match: { operationType: { $in: ['insert', 'update', 'replace'] } } }], {
        fullDocument: 'updateLookup',
      });
      stream.on('change', (change) => {
        const subjectId = erasedSubjectOf(change as Parameters<typeof erasedSubjectOf>[0]);
        if (subjectId !== undefined) for (const listener of this.erasureListeners) listener(subjectId);
      });
      stream.on('error', (error) => {
        // Not resumable (e.g. no replica set): cached keys then expire by their time to live only.
        if (this.erasureStream === stream) this.erasureStream = undefined;
        if (!this.closed) this.onWatchError(error);
        void stream.close().catch(() => undefined);
      });
      this.erasureStream = stream;
    }
    return () => this.erasureListeners.delete(onErased);
  }

  async isErased(subjectId: string): Promise<boolean> {
    assertValidSubjectId(subjectId);
    const document = await this.keys.findOne({ subjectId }, { projection: { erasedAt: 1 } });
    return document?.erasedAt !== undefined && document.erasedAt !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.erasureListeners.clear();
    await this.erasureStream?.close().catch(() => undefined);
    await this.client.close();
  }
}

async function recordOrVerifyMasterKey(
  meta: Collection<KeyStoreMetaDocument>,
  masterKey: Buffer | undefined,
): Promise<void> {
  const stored = await meta.findOne({ _id: MASTER_KEY_CHECK_ID });
  const checkToStore = verifyMasterKey(masterKey, stored ? Buffer.from(stored.value.buffer) : undefined);
  if (!checkToStore) return;
  try {
    await meta.insertOne({ _id: MASTER_KEY_CHECK_ID, value: new Binary(checkToStore) });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // A concurrent first open stored its check; ours must match it.
    const winner = await meta.findOne({ _id: MASTER_KEY_CHECK_ID });
    verifyMasterKey(masterKey, winner ? Buffer.from(winner.value.buffer) : undefined);
  }
}
