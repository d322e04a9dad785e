/**
 * Starts the real admin API on a free port over a fresh embedded store in a temp directory.
 * Tests talk to it over HTTP with fetch, exactly as a client would.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, ManualClock, type Clock } from '@ledger/application';
import type { RulebookRegistry } from '@ledger/regulations';
import { createAdminApi } from '../../apps/admin-api/src/app.factory';

export const TEST_KEYS = {
  backoffice: 'test-backoffice-key-0123456789',
  finance: 'test-finance-key-0123456789abc',
  auditor: 'test-auditor-key-0123456789abc',
  admin: 'test-admin-key-0123456789abcdef',
} as const;
export type TestRole = keyof typeof TEST_KEYS;

export interface Harness {
  baseUrl: string;
  dataDir: string;
  clock: ManualClock;
  /** Fires every deadline due up to `until` (POST /admin/scheduler/run). */
  runScheduler(until: string): Promise<{
    until: string;
    fired: Array<{ deadlineId: string; kind: string; outcome: string; events: string[] }>;
    complete: boolean;
  }>;
  request(
    method: string,
    route: string,
    options?: { role?: TestRole | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** A command as back-office staff send it (a new command id), its answer's body; throws unless the status is `expected`. */
  command(route: string, body: Record<string, unknown>, expected?: number): Promise<any>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    dataDir?: string;
    clock?: Clock;
    env?: Record<string, string>;
    rulebooks?: RulebookRegistry;
    /** Receives the server's structured log lines (set LOG_LEVEL in `env`). */
    logDestination?: { write(line: string): void };
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
  const clock = (options.clock as ManualClock) ?? new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LEDGER_DATA_DIR: dataDir,
    // Each role key is a named service account (`svc-test-<role>`); personal users come from POST /admin/users.
    LEDGER_API_KEYS: Object.entries(TEST_KEYS)
      .map(([role, key]) => `test-${role}=${role}:${key}`)
      .join(','),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await createAdminApi({
    config,
    clock,
    ...(options.rulebooks ? { rulebooks: options.rulebooks } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const harness: Harness = {
    baseUrl,
    dataDir,
    clock,
    async request(method, route, { role = 'admin', body, rawBody, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (role) (init.headers as Record<string, string>)['authorization'] = `Bearer ${TEST_KEYS[role]}`;
      if (body !== undefined || rawBody !== undefined) {
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
        init.body = rawBody ?? JSON.stringify(body);
      }
      const response = await fetch(baseUrl + route, init);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON (e.g. the Swagger UI page) */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async command(route, body, expected = 201) {
      const res = await harness.request('POST', route, {
        role: 'backoffice',
        body: { commandId: commandId(), ...body },
      });
      if (res.status !== expected)
        throw new Error(`POST ${route}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async runScheduler(until) {
      const res = await harness.request('POST', '/admin/scheduler/run', { role: 'admin', body: { until } });
      if (res.status !== 200) throw new Error(`scheduler run failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async close() {
      await app.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export const newId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
export const commandId = (): string => randomUUID();

/** Every byte of every file under a directory, for plaintext scans. */
export function readAllBytes(dir: string): Buffer {
  const chunks: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      chunks.push(
        fs.readFileSync(path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)),
      );
  }
  return Buffer.concat(chunks);
}
