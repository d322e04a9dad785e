/**
 * Personal API keys: `ledger_<userId>_<keyId>_<secret>`. The user id and key id say which record
 * to check, so a key is verified against one scrypt hash, never compared against every user's.
 * Only the scrypt hash (salted, slow) is recorded; the key is shown once when issued.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { USER_ID_PATTERN, type ApiKeyRecord } from '@ledger/domain';

export const API_KEY_PREFIX = 'ledger_';
/** N = 2^15, r = 8: about 32 MiB and tens of milliseconds per verification (cached afterwards). */
export const SCRYPT_PARAMS = Object.freeze({ N: 32_768, r: 8, p: 1, keyLength: 32 });

const KEY_ID = /^[0-9a-f]{16}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

function scryptHash(secret: string, salt: Buffer, params: ApiKeyRecord['scrypt']): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, params.keyLength, options, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
}

export interface IssuedApiKey {
  /** The key itself: give it to its user once, keep it nowhere. */
  apiKey: string;
  record: ApiKeyRecord;
}

export async function generateApiKey(userId: string, expiresAt: string | null = null): Promise<IssuedApiKey> {
  if (!USER_ID_PATTERN.test(userId)) throw new RangeError(`not a user id: ${userId}`);
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = await scryptHash(secret, salt, SCRYPT_PARAMS);
  return {
    apiKey: `${API_KEY_PREFIX}${userId}_${keyId}_${secret}`,
    record: {
      keyId,
      keyHash: hash.toString('hex'),
      salt: salt.toString('hex'),
      scrypt: { ...SCRYPT_PARAMS },
      expiresAt,
    },
  };
}

export interface ParsedApiKey {
  userId: string;
  keyId: string;
  secret: string;
}

/** The parts of a personal key, or undefined when the text is not shaped like one. */
export function parseApiKey(presented: string): ParsedApiKey | undefined {
  if (!presented.startsWith(API_KEY_PREFIX)) return undefined;
  const rest = presented.slice(API_KEY_PREFIX.length);
  const first = rest.indexOf('_');
  const second = rest.indexOf('_', first + 1);
  if (first < 1 || second < 0) return undefined;
  const userId = rest.slice(0, first);
  const keyId = rest.slice(first + 1, second);
  const secret = rest.slice(second + 1);
  if (!USER_ID_PATTERN.test(userId) || !KEY_ID.test(keyId) || !SECRET.test(secret)) return undefined;
  return { userId, keyId, secret };
}

export async function verifyApiKeySecret(secret: string, record: ApiKeyRecord): Promise<boolean> {
  const expected = Buffer.from(record.keyHash, 'hex');
  const actual = await scryptHash(secret, Buffer.from(record.salt, 'hex'), record.scrypt);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
