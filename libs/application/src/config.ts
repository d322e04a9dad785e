/**
 * Configuration from the environment (docs/api.md "Conventions"). Parsed once, validated, immutable.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { persistentDevKeys } from './identity/dev-keys';

export type Role = 'backoffice' | 'finance' | 'auditor' | 'admin' | 'metrics';
/** The people's roles; development keys are generated for these. */
export const STAFF_ROLES: readonly Role[] = ['backoffice', 'finance', 'auditor', 'admin'];
/** `metrics` may read GET /metrics and nothing else: a scraper's key (docs/decisions.md). */
export const ROLES: readonly Role[] = [...STAFF_ROLES, 'metrics'];

export interface ApiKeyEntry {
  /** The service account the key belongs to (`svc-<name>`): `name=role:key`, or `<role>-key` without a name. */
  name: string;
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
  /** Development keys (kept in the data directory across restarts), to be printed at start-up. */
  generatedDevKeys: Array<{ role: Role; key: string }>;
  /** Single sign-on: OIDC access tokens of this issuer are accepted beside API keys. */
  oidc?: OidcConfig;
  /** Refund payouts, credit notes and corrections above this many cents wait for a second finance user. */
  fourEyesCents: number;
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
  /** Run the projections in a worker thread, off the event loop that serves requests (D53). */
  projectionsInThread: boolean;
  /** /health says not ready while a projection is more than this many log positions behind. */
  healthMaxLag: number;
  /** The built back-office console served at `/` (LEDGER_CONSOLE_DIR); default the build's `dist/console`. */
  consoleDir?: string;
  /** Providers' legal and payment details (LEDGER_PROVIDER_BILLING_FILE); default the shipped placeholders. */
  providerBillingFile?: string;
  /** General-ledger accounts of the journal export (LEDGER_ACCOUNTS_FILE); default the shipped chart. */
  ledgerAccountsFile?: string;
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** Set directly, or read from the issuer's discovery document (`jwks_uri`). */
  jwksUrl?: string;
  /** Dotted path of the claim that lists roles (`roles`, `realm_access.roles`); unset: roles are granted in the ledger. */
  rolesClaim?: string;
  /** Claim value -> ledger role; without an entry a value that names a role is that role. */
  roleMap: Readonly<Record<string, Role>>;
  /** Leeway for `exp` and `nbf`, in seconds. */
  clockToleranceSeconds: number;
  /**
   * The console's sign-in (authorization code + PKCE in the browser): the public client id the
   * issuer knows the console by, and the scopes it asks for. Unset: the console signs in with API keys only.
   */
  console?: { clientId: string; scope: string };
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

function keyEntry(name: string, role: Role, key: string): ApiKeyEntry {
  const keyHash = hashApiKey(key);
  return { name, role, keyHash, fingerprint: keyHash.subarray(0, 4).toString('hex') };
}

const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * `[name=]role:key,...` -> entries, each a named service account. A key is at least 16 characters;
 * an entry without a name is the account `<role>-key`.
 */
export function parseApiKeys(spec: string): ApiKeyEntry[] {
  const entries = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const equals = part.indexOf('=');
      const colon = part.indexOf(':');
      const named = equals > 0 && equals < colon;
      const name = named ? part.slice(0, equals) : undefined;
      const role = part.slice(named ? equals + 1 : 0, colon) as Role;
      const key = part.slice(colon + 1);
      if (colon < 1 || !ROLES.includes(role))
        throw new ConfigError(`LEDGER_API_KEYS: unknown role in entry "${part.slice(0, Math.max(colon, 0))}:..."`);
      if (name !== undefined && !SERVICE_NAME.test(name))
        throw new ConfigError(`LEDGER_API_KEYS: account name "${name}" must be 1-40 lower-case letters, digits or -`);
      if (key.length < 16)
        throw new ConfigError(`LEDGER_API_KEYS: the key for role ${role} is shorter than 16 characters`);
      return keyEntry(name ?? `${role}-key`, role, key);
    });
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name))
      throw new ConfigError(`LEDGER_API_KEYS: two entries are the account ${entry.name}; name them (name=role:key)`);
    names.add(entry.name);
  }
  return entries;
}

function parseOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.LEDGER_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const audience = env.LEDGER_OIDC_AUDIENCE?.trim();
  if (!audience) throw new ConfigError('LEDGER_OIDC_AUDIENCE must be set with LEDGER_OIDC_ISSUER');
  const url = (name: string, value: string) => {
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
      return value;
    } catch {
      throw new ConfigError(`${name} must be an http(s) URL, got ${value}`);
    }
  };
  const roleMap: Record<string, Role> = {};
  for (const pair of (env.LEDGER_OIDC_ROLE_MAP ?? '').split(',').map((part) => part.trim())) {
    if (pair === '') continue;
    const equals = pair.lastIndexOf('=');
    const role = pair.slice(equals + 1) as Role;
    if (equals < 1 || !STAFF_ROLES.includes(role))
      throw new ConfigError(`LEDGER_OIDC_ROLE_MAP: "${pair}" must be <claim value>=<role> with a staff role`);
    roleMap[pair.slice(0, equals)] = role;
  }
  return Object.freeze({
    issuer: url('LEDGER_OIDC_ISSUER', issuer),
    audience,
    jwksUrl: env.LEDGER_OIDC_JWKS_URL ? url('LEDGER_OIDC_JWKS_URL', env.LEDGER_OIDC_JWKS_URL.trim()) : undefined,
    rolesClaim: env.LEDGER_OIDC_ROLES_CLAIM?.trim() || undefined,
    roleMap: Object.freeze(roleMap),
    clockToleranceSeconds: parseWhole('LEDGER_OIDC_CLOCK_TOLERANCE_S', env.LEDGER_OIDC_CLOCK_TOLERANCE_S, 30, 0, 600),
    console: parseConsoleClient(env),
  });
}

const CLIENT_ID = /^[\x21-\x7e]{1,200}$/;
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]{1,100}( [\x21\x23-\x5b\x5d-\x7e]{1,100}){0,19}$/;

function parseConsoleClient(env: NodeJS.ProcessEnv): OidcConfig['console'] {
  const clientId = env.LEDGER_OIDC_CONSOLE_CLIENT_ID?.trim();
  if (!clientId) return undefined;
  if (!CLIENT_ID.test(clientId))
    throw new ConfigError('LEDGER_OIDC_CONSOLE_CLIENT_ID must be 1-200 printable characters without spaces');
  const scope = env.LEDGER_OIDC_CONSOLE_SCOPE?.trim() || 'openid profile';
  if (!SCOPE.test(scope) || !scope.split(' ').includes('openid'))
    throw new ConfigError(`LEDGER_OIDC_CONSOLE_SCOPE must be space-separated scopes including openid, got ${scope}`);
  return Object.freeze({ clientId, scope });
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
  const dataDir = path.resolve(env.LEDGER_DATA_DIR || './data');
  let generatedDevKeys: Array<{ role: Role; key: string }> = [];
  let apiKeys: ApiKeyEntry[];
  if (env.LEDGER_API_KEYS && env.LEDGER_API_KEYS.trim() !== '') {
    apiKeys = parseApiKeys(env.LEDGER_API_KEYS);
  } else if (production) {
    throw new ConfigError('LEDGER_API_KEYS must be set in production (NODE_ENV=production)');
  } else {
    generatedDevKeys = persistentDevKeys(dataDir, STAFF_ROLES);
    apiKeys = generatedDevKeys.map(({ role, key }) => keyEntry(`dev-${role}`, role, key));
  }
  return Object.freeze({
    port: parsePort(env.PORT),
    host: parseHost(env.HOST, production),
    dataDir,
    production,
    apiKeys,
    generatedDevKeys,
    oidc: parseOidc(env),
    fourEyesCents: parseWhole(
      'LEDGER_FOUR_EYES_CENTS',
      env.LEDGER_FOUR_EYES_CENTS,
      100_000,
      0,
      Number.MAX_SAFE_INTEGER,
    ),
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
    // Tests start many servers a second; a thread each would load the projections each time (D53).
    projectionsInThread: parseSwitch(
      'LEDGER_PROJECTIONS_THREAD',
      env.LEDGER_PROJECTIONS_THREAD,
      env.NODE_ENV !== 'test',
    ),
    healthMaxLag: parseWhole('LEDGER_HEALTH_MAX_LAG', env.LEDGER_HEALTH_MAX_LAG, 10_000, 0, 1_000_000_000),
    consoleDir: env.LEDGER_CONSOLE_DIR || undefined,
    providerBillingFile: env.LEDGER_PROVIDER_BILLING_FILE ? path.resolve(env.LEDGER_PROVIDER_BILLING_FILE) : undefined,
    ledgerAccountsFile: env.LEDGER_ACCOUNTS_FILE ? path.resolve(env.LEDGER_ACCOUNTS_FILE) : undefined,
  });
}
