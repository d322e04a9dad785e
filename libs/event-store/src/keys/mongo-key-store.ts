/**
 * Data keys of data subjects in MongoDB, apart from the event log. One document per subject in
 * `subject_keys`, unique on `subjectId`; an erased subject keeps its document as a tombstone
 * (`erasedAt`, no key material) so no new key can ever be created for it.
 *
 * MongoDB (WiredTiger) may keep superseded document versions in its journal and checkpoints for a
 * while, and backups keep them for as long as backups live; a master key makes those copies
 * useless on their own. Erasure here means: the key is gone from every live read path at once.
 */
import { Binary, Collection, MongoClient, MongoServerError } from 'mongodb';
import { KeyStore, SubjectErasedError } from '../personal-data.port';
import {
  assertValidMasterKey,
  assertValidSubjectId,
  newDataKey,
  openDataKey,
  sealDataKey,
  verifyMasterKey,
} from './key-wrapping';

export interface MongoKeyStoreOptions {
  dbName?: string;
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
const DEFAULT_DB_NAME = 'enrolment_ledger';
const DUPLICATE_KEY_ERROR_CODE = 11000;

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

  private constructor(
    private readonly client: MongoClient,
    private readonly keys: Collection<SubjectKeyDocument>,
    private readonly masterKey: Buffer | undefined,
  ) {}

  static async connect(url: string, options: MongoKeyStoreOptions = {}): Promise<MongoKeyStore> {
    assertValidMasterKey(options.masterKey);
    const client = new MongoClient(url, {
      writeConcern: { w: 'majority', journal: true },
      readConcern: { level: 'majority' },
    });
    try {
      await client.connect();
      const db = client.db(options.dbName ?? DEFAULT_DB_NAME);
      const keys = db.collection<SubjectKeyDocument>(SUBJECT_KEYS_COLLECTION);
      await keys.createIndex({ subjectId: 1 }, { unique: true, name: 'subject_keys_subject_unique' });
      await recordOrVerifyMasterKey(db.collection<KeyStoreMetaDocument>(META_COLLECTION), options.masterKey);
      return new MongoKeyStore(client, keys, options.masterKey ? Buffer.from(options.masterKey) : undefined);
    } catch (error) {
      await client.close();
      throw error;
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
      if (!isDuplicateKeyError(error)) throw error;
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
      if (!isDuplicateKeyError(error)) throw error;
      await erase();
    }
  }

  async isErased(subjectId: string): Promise<boolean> {
    assertValidSubjectId(subjectId);
    const document = await this.keys.findOne({ subjectId }, { projection: { erasedAt: 1 } });
    return document?.erasedAt !== undefined && document.erasedAt !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
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
