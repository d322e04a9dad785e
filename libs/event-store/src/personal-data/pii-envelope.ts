/**
 * The stored form of one personal field: the field's JSON value encrypted with AES-256-GCM under
 * the data subject's key. The envelope names its subject (an id, not personal data itself) so a
 * reader finds the key without knowing the policy that was in force when the event was written.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const PII_ENVELOPE_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface PiiEnvelope {
  $pii: typeof PII_ENVELOPE_VERSION;
  subject: string;
  iv: string;
  ct: string;
  tag: string;
}

/** Where a sealed value belongs; all three are authenticated, so a value copied elsewhere fails to open. */
export interface PiiFieldContext {
  subjectId: string;
  eventType: string;
  fieldName: string;
}

export class PersonalDataDecryptionError extends Error {
  readonly code = 'PERSONAL_DATA_DECRYPTION_FAILED';
  constructor(
    readonly subjectId: string,
    readonly eventType: string,
    readonly fieldName: string,
    reason: string,
  ) {
    super(`Cannot decrypt personal field '${fieldName}' of a ${eventType} event (subject ${subjectId}): ${reason}`);
    this.name = 'PersonalDataDecryptionError';
  }
}

const ENVELOPE_KEYS = ['$pii', 'ct', 'iv', 'subject', 'tag'];

/** Exact shape only: an ordinary object that happens to have a `$pii` key is not an envelope. */
export function isPiiEnvelope(value: unknown): value is PiiEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return (
    keys.length === ENVELOPE_KEYS.length &&
    keys.every((key, index) => key === ENVELOPE_KEYS[index]) &&
    record['$pii'] === PII_ENVELOPE_VERSION &&
    ['subject', 'iv', 'ct', 'tag'].every((key) => typeof record[key] === 'string')
  );
}

function additionalData(context: PiiFieldContext): Buffer {
  // A JSON array cannot be made ambiguous by separators inside the parts.
  return Buffer.from(
    JSON.stringify(['ledger-pii/v1', context.subjectId, context.eventType, context.fieldName]),
    'utf8',
  );
}

export function sealPersonalValue(value: unknown, key: Buffer, context: PiiFieldContext): PiiEnvelope {
  assertKeySize(key);
  if (value === undefined) throw new TypeError(`Personal field '${context.fieldName}' has no value to encrypt`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(context));
  const plaintext = Buffer.from(JSON.stringify(value), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    $pii: PII_ENVELOPE_VERSION,
    subject: context.subjectId,
    iv: iv.toString('base64'),
    ct: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function openPersonalValue(
  envelope: PiiEnvelope,
  key: Buffer,
  context: Omit<PiiFieldContext, 'subjectId'>,
): unknown {
  assertKeySize(key);
  const fail = (reason: string) =>
    new PersonalDataDecryptionError(envelope.subject, context.eventType, context.fieldName, reason);
  const iv = Buffer.from(envelope.iv, 'base64');
  const tag = Buffer.from(envelope.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw fail('the envelope has a malformed IV or tag');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData({ ...context, subjectId: envelope.subject }));
  decipher.setAuthTag(tag);
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]);
  } catch {
    throw fail('authentication failed; the ciphertext, tag, subject, event type or field name was altered');
  }
  return JSON.parse(plaintext.toString('utf8')) as unknown;
}

function assertKeySize(key: Buffer): void {
  if (key.length !== KEY_BYTES)
    throw new RangeError(`A personal-data key must be ${KEY_BYTES} bytes, got ${key.length}`);
}
