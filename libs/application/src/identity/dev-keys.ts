/**
 * Development keys (no LEDGER_API_KEYS outside production) are generated once per data directory
 * and kept in it, readable by its owner only, so a restart keeps the keys a developer has pasted
 * into their tools.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Role } from '../config';

export const DEV_KEYS_FILE = 'dev-api-keys.json';

type DevKey = { role: Role; key: string };

function readDevKeys(file: string, roles: readonly Role[]): DevKey[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file} is not readable JSON; delete it to have new development keys generated`, {
      cause: error,
    });
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return undefined;
  const found = roles.map((role) =>
    keys.find((entry: DevKey) => entry?.role === role && typeof entry.key === 'string'),
  );
  return found.every((entry): entry is DevKey => entry !== undefined && entry.key.length >= 16) ? found : undefined;
}

export function persistentDevKeys(dataDir: string, roles: readonly Role[]): DevKey[] {
  const file = path.join(dataDir, DEV_KEYS_FILE);
  const kept = readDevKeys(file, roles);
  if (kept) return kept;
  const keys = roles.map((role) => ({ role, key: `dev-${role}-${randomBytes(16).toString('hex')}` }));
  fs.mkdirSync(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ keys }, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temporary, file);
  return keys;
}
