/**
 * Configuration from the environment (docs/api.md "Conventions"). Parsed once, validated, immutable.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';

export type Role = 'backoffice' | 'finance' | 'auditor' | 'admin' | 'metrics';
/** The people's roles; development keys are generated for these. */
export const STAFF_ROLES: readonly Role[] = ['backoffice', 'finance', 'auditor', 'admin'];
/** `metrics` may read GET /metrics and nothing else: a scraper's key (docs/decisions.md). */
export const ROLES: readonly Role[] = [...STAFF_ROLES, 'metrics'];

export interface ApiKeyEntry {
  role: Role;
  /** sha256 of the key; the key itself is never kept. */
  keyHash: Buffer;
  /** Short fingerprint for the actor field and logs. */
  fingerprint: string;
}

export interface LedgerConfig {
  port: number;
  /** Interface the API listens on: loopback unless production or HOST says otherwise. */
  host: string;
  dataDir: string;
  production: boolean;
  apiKeys: ApiKeyEntry[];
  /** Keys generated for a development run, to be printed once at start-up. */
  generatedDevKeys: Array<{ role: Role; key: string }>;
  eventStoreUrl?: string;
  mongoUrl?: string;
  /** Wraps the per-subject data keys at rest when set (hex or base64 of 32 bytes). */
  masterKey?: Buffer;
  bodyLimitBytes: number;
  logLevel: string;
  /** How often the wall-clock scheduler fires due deadlines; 0 disables it (tests drive it explicitly). */
  schedulerIntervalMs: number;
  http: HttpLimits;
  /** Serve the OpenAPI document and Swagger UI at /docs. */
  docs: boolean;
  /** /health says not ready while a projection is more than this many log positions behind. */
  healthMaxLag: number;
  /** The built back-office console served at `/` (LEDGER_CONSOLE_DIR); default the build's `dist/console`. */
  consoleDir?: string;
}

export interface HttpLimits {
  /** The whole request, headers and body, must arrive within this; a trickling client is cut off. */
  requestTimeoutMs: number;
  /** A socket with no traffic either way is closed after this (longer than the slowest request). */
  connectionTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Requests per API key (or per address without a key) in each window; 0 turns the limit off. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function keyEntry(role: Role, key: string): ApiKeyEntry {
  const keyHash = hashApiKey(key);
  return { role, keyHash, fingerprint: keyHash.subarray(0, 4).toString('hex') };
}

/** `role:key,role:key` -> entries. A key is at least 16 characters. */
export function parseApiKeys(spec: string): ApiKeyEntry[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const colon = part.indexOf(':');
      const role = part.slice(0, colon) as Role;
      const key = part.slice(colon + 1);
      if (colon < 1 || !ROLES.includes(role))
        throw new ConfigError(`LEDGER_API_KEYS: unknown role in entry "${part.slice(0, Math.max(colon, 0))}:..."`);
      if (key.length < 16)
        throw new ConfigError(`LEDGER_API_KEYS: the key for role ${role} is shorter than 16 characters`);
      return keyEntry(role, key);
    });
}

function parseMasterKey(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError('LEDGER_MASTER_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got ${value}`);
  return port;
}

function parseHost(value: string | undefined, production: boolean): string {
  if (value === undefined || value === '') return production ? '0.0.0.0' : '127.0.0.1';
  // A name or an address, never a URL or a list: listen() would fail later with a vaguer message.
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(value))
    throw new ConfigError(`HOST must be a host name or an IP address, got ${value}`);
  return value;
}

/** A whole number in [min, max] from the environment, or the fallback when unset. */
function parseWhole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max)
    throw new ConfigError(`${name} must be a whole number ${min}-${max}, got ${value}`);
  return number;
}

function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(on|true|1)$/i.test(value)) return true;
  if (/^(off|false|0)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be on or off, got ${value}`);
}

const DAY_MS = 86_400_000;

function parseHttpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  return {
    requestTimeoutMs: parseWhole('LEDGER_REQUEST_TIMEOUT_MS', env.LEDGER_REQUEST_TIMEOUT_MS, 30_000, 100, DAY_MS),
    connectionTimeoutMs: parseWhole(
      'LEDGER_CONNECTION_TIMEOUT_MS',
      env.LEDGER_CONNECTION_TIMEOUT_MS,
      10 * 60_000,
      100,
      DAY_MS,
    ),
    keepAliveTimeoutMs: parseWhole(
      'LEDGER_KEEP_ALIVE_TIMEOUT_MS',
      env.LEDGER_KEEP_ALIVE_TIMEOUT_MS,
      72_000,
      100,
      DAY_MS,
    ),
    rateLimitMax: parseWhole('LEDGER_RATE_LIMIT_MAX', env.LEDGER_RATE_LIMIT_MAX, 100_000, 0, 1_000_000_000),
    rateLimitWindowMs: parseWhole(
      'LEDGER_RATE_LIMIT_WINDOW_MS',
      env.LEDGER_RATE_LIMIT_WINDOW_MS,
      60_000,
      1_000,
      DAY_MS,
    ),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const production = env.NODE_ENV === 'production';
  const generatedDevKeys: Array<{ role: Role; key: string }> = [];
  let apiKeys: ApiKeyEntry[];
  if (env.LEDGER_API_KEYS && env.LEDGER_API_KEYS.trim() !== '') {
    apiKeys = parseApiKeys(env.LEDGER_API_KEYS);
  } else if (production) {
    throw new ConfigError('LEDGER_API_KEYS must be set in production (NODE_ENV=production)');
  } else {
    for (const role of STAFF_ROLES)
      generatedDevKeys.push({ role, key: `dev-${role}-${randomBytes(12).toString('hex')}` });
    apiKeys = generatedDevKeys.map(({ role, key }) => keyEntry(role, key));
  }
  return Object.freeze({
    port: parsePort(env.PORT),
    host: parseHost(env.HOST, production),
    dataDir: path.resolve(env.LEDGER_DATA_DIR || './data'),
    production,
    apiKeys,
    generatedDevKeys,
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    mongoUrl: env.MONGODB_URL || undefined,
    masterKey: parseMasterKey(env.LEDGER_MASTER_KEY),
    bodyLimitBytes: Number(env.LEDGER_BODY_LIMIT_BYTES) > 0 ? Number(env.LEDGER_BODY_LIMIT_BYTES) : 256 * 1024,
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    schedulerIntervalMs: parseWhole(
      'LEDGER_SCHEDULER_INTERVAL_MS',
      env.LEDGER_SCHEDULER_INTERVAL_MS,
      env.NODE_ENV === 'test' ? 0 : 60_000,
      0,
      DAY_MS,
    ),
    http: Object.freeze(parseHttpLimits(env)),
    docs: parseSwitch('LEDGER_DOCS', env.LEDGER_DOCS, !production),
    healthMaxLag: parseWhole('LEDGER_HEALTH_MAX_LAG', env.LEDGER_HEALTH_MAX_LAG, 10_000, 0, 1_000_000_000),
    consoleDir: env.LEDGER_CONSOLE_DIR || undefined,
  });
}
