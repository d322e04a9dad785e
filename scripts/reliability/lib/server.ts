/**
 * The admin API as a separate process, from the compiled build (tsx does not emit the decorator
 * metadata Nest needs): `npm run build`, then `node dist/apps/admin-api/src/main.js` with PORT,
 * LEDGER_DATA_DIR and LEDGER_API_KEYS set. Listens on a free port; the campaigns talk to it over
 * 127.0.0.1 only. `kill()` is SIGKILL: no shutdown hook runs, exactly like a power cut of the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dropConnections, send, type LedgerTarget, type Role } from './http';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SERVER_MAIN = join(REPO_ROOT, 'dist', 'apps', 'admin-api', 'src', 'main.js');

export const CAMPAIGN_KEYS: Readonly<Record<Role, string>> = {
  backoffice: 'reliability-backoffice-key-0123456789',
  finance: 'reliability-finance-key-0123456789abc',
  auditor: 'reliability-auditor-key-0123456789abc',
  admin: 'reliability-admin-key-0123456789abcdef',
};

const START_LIMIT_MS = 60_000;

/** The parent's environment without anything that would point the server at other storage or keys. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(LEDGER_|EVENTSTORE_URL$|MONGODB_URL$|PORT$|NODE_ENV$|LOG_LEVEL$)/.test(name))
      continue;
    env[name] = value;
  }
  return env;
}

/** A free TCP port on the loopback interface (closed again at once; the server binds it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerOptions {
  dataDir: string;
  port?: number;
  /** Extra environment (e.g. LEDGER_SCHEDULER_INTERVAL_MS). */
  env?: Record<string, string>;
  /** Where the server's stdout/stderr go (default: kept in memory, last 64 KiB, for failure reports). */
  logLevel?: string;
}

export class ServerProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  starts = 0;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async create(options: ServerOptions): Promise<ServerProcess> {
    if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` first`);
    mkdirSync(options.dataDir, { recursive: true });
    const port = options.port ?? (await freePort());
    return new ServerProcess(options.dataDir, port, {
      LOG_LEVEL: options.logLevel ?? 'warn',
      // Nothing appends on its own (wall-clock scheduler, invoice numbering): every event in the
      // log comes from a request the campaign sent.
      LEDGER_SCHEDULER_INTERVAL_MS: '0',
      ...options.env,
    });
  }

  get target(): LedgerTarget {
    return { baseUrl: `http://127.0.0.1:${this.port}`, dataDir: this.dataDir, keys: CAMPAIGN_KEYS };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last lines the server printed (for failure reports). */
  get log(): string {
    return this.output;
  }

  /** Starts the server and resolves once GET /health answers 200; returns the start-up time in ms. */
  async start(): Promise<number> {
    if (this.child) throw new Error('server already running');
    const started = Date.now();
    const child = spawn(process.execPath, [SERVER_MAIN], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inheritedEnv(),
        NODE_ENV: 'development',
        PORT: String(this.port),
        LEDGER_DATA_DIR: this.dataDir,
        LEDGER_API_KEYS: Object.entries(CAMPAIGN_KEYS)
          .map(([role, key]) => `${role}:${key}`)
          .join(','),
        ...this.env,
      },
    });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-64 * 1024);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let exitedEarly = false;
    void this.exited.then(() => {
      exitedEarly = true;
    });
    while (Date.now() - started < START_LIMIT_MS) {
      if (exitedEarly) throw new Error(`server exited during start-up:\n${this.output.slice(-4000)}`);
      try {
        const health = await send(this.target.baseUrl, { method: 'GET', path: '/health', timeoutMs: 2_000 });
        if (health.status === 200) return Date.now() - started;
      } catch {
        /* not listening yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await this.kill();
    throw new Error(`server did not answer /health within ${START_LIMIT_MS} ms:\n${this.output.slice(-4000)}`);
  }

  /** SIGKILL, then waits for the process to be gone. */
  async kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
    const child = this.child;
    if (!child) return undefined;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const exit = await this.exited;
    this.child = undefined;
    dropConnections(this.target.baseUrl);
    return exit;
  }

  /** SIGTERM (graceful shutdown hooks run), bounded; SIGKILL if it does not stop in time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
    dropConnections(this.target.baseUrl);
  }
}
