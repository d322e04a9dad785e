/**
 * Shared by the key-store adapters: data-key generation, subject-id validation, and wrapping of
 * data keys with an optional master key (AES-256-GCM), so a copy of the key database alone does
 * not reveal the keys.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DATA_KEY_BYTES = 32;
export const MASTER_KEY_BYTES = 32;
/** Subject ids are ids (UUIDs, customer numbers), never free text; the bound keeps rows small. */
export const MAX_SUBJECT_ID_LENGTH = 200;

const WRAP_FORMAT_VERSION = 1;
const WRAP_IV_BYTES = 12;
const WRAP_TAG_BYTES = 16;
const WRAPPED_KEY_BYTES = 1 + WRAP_IV_BYTES + WRAP_TAG_BYTES + DATA_KEY_BYTES;
const MASTER_KEY_CHECK_LABEL = 'enrolment-ledger/key-store/master-key-check/v1';

export class KeyUnwrapError extends Error {
  readonly code = 'KEY_UNWRAP_FAILED';
  constructor(
    readonly subjectId: string,
    reason: string,
  ) {
    super(`Cannot unwrap the data key of subject ${subjectId}: ${reason}`);
    this.name = 'KeyUnwrapError';
  }
}

export class MasterKeyMismatchError extends Error {
  readonly code = 'MASTER_KEY_MISMATCH';
  constructor(detail: string) {
    super(`Key store master key mismatch: ${detail}`);
    this.name = 'MasterKeyMismatchError';
  }
}

export function assertValidSubjectId(subjectId: unknown): asserts subjectId is string {
  if (typeof subjectId !== 'string' || subjectId.length === 0) {
    throw new TypeError('A data subject id must be a non-empty string');
  }
  if (subjectId.length > MAX_SUBJECT_ID_LENGTH) {
    throw new RangeError(`A data subject id is at most ${MAX_SUBJECT_ID_LENGTH} characters`);
  }
}

export function assertValidMasterKey(masterKey: Buffer | undefined): void {
  if (masterKey !== undefined && masterKey.length !== MASTER_KEY_BYTES) {
    throw new RangeError(`The key-store master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
  }
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** The subject id is authenticated data, so a wrapped key moved to another subject's row fails to unwrap. */
function wrapAad(subjectId: string): Buffer {
  return Buffer.from(`subject-key:${subjectId}`, 'utf8');
}

export function wrapDataKey(masterKey: Buffer, subjectId: string, dataKey: Buffer): Buffer {
  assertDataKey(dataKey);
  const iv = randomBytes(WRAP_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(wrapAad(subjectId));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([Buffer.from([WRAP_FORMAT_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

export function unwrapDataKey(masterKey: Buffer, subjectId: string, wrapped: Buffer): Buffer {
  if (wrapped.length !== WRAPPED_KEY_BYTES || wrapped[0] !== WRAP_FORMAT_VERSION) {
    throw new KeyUnwrapError(subjectId, 'the stored key record has an unknown format');
  }
  const iv = wrapped.subarray(1, 1 + WRAP_IV_BYTES);
  const tag = wrapped.subarray(1 + WRAP_IV_BYTES, 1 + WRAP_IV_BYTES + WRAP_TAG_BYTES);
  const ciphertext = wrapped.subarray(1 + WRAP_IV_BYTES + WRAP_TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
  decipher.setAAD(wrapAad(subjectId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new KeyUnwrapError(subjectId, 'authentication failed (wrong master key or altered key record)');
  }
}

/**
 * How a key is kept at rest. Rows written without a master key stay readable after one is
 * introduced (they are plain); a wrapped row without the master key is an error, never a guess.
 */
export function sealDataKey(masterKey: Buffer | undefined, subjectId: string, dataKey: Buffer) {
  return masterKey
    ? { keyMaterial: wrapDataKey(masterKey, subjectId, dataKey), wrapped: true }
    : { keyMaterial: Buffer.from(dataKey), wrapped: false };
}

export function openDataKey(
  masterKey: Buffer | undefined,
  subjectId: string,
  stored: { keyMaterial: Buffer; wrapped: boolean },
): Buffer {
  if (!stored.wrapped) {
    assertDataKey(stored.keyMaterial);
    return Buffer.from(stored.keyMaterial);
  }
  if (!masterKey)
    throw new KeyUnwrapError(subjectId, 'the key is wrapped but the key store was opened without a master key');
  return unwrapDataKey(masterKey, subjectId, stored.keyMaterial);
}

/** A keyed digest that identifies the master key without revealing it; stored once per key store. */
export function masterKeyCheck(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update(MASTER_KEY_CHECK_LABEL).digest();
}

/**
 * Compares the master key the store is opened with against the check value it was created with.
 * Returns the check value to persist when the store has none yet.
 */
export function verifyMasterKey(masterKey: Buffer | undefined, storedCheck: Buffer | undefined): Buffer | undefined {
  if (!masterKey) {
    if (storedCheck)
      throw new MasterKeyMismatchError('this key store is protected by a master key; open it with that key');
    return undefined;
  }
  const check = masterKeyCheck(masterKey);
  if (!storedCheck) return check;
  if (storedCheck.length !== check.length || !timingSafeEqual(storedCheck, check)) {
    throw new MasterKeyMismatchError('the given master key is not the one this key store was created with');
  }
  return undefined;
}

function assertDataKey(dataKey: Buffer): void {
  if (dataKey.length !== DATA_KEY_BYTES) {
    throw new RangeError(`A data key must be ${DATA_KEY_BYTES} bytes, got ${dataKey.length}`);
  }
}
