/**
 * The server as a supervisor runs it (issue 16): `npm start` runs the build without compiling it
 * again, SIGTERM to npm reaches the server, which drains and stops; a start-up failure is one line
 * naming the port or the path, and a non-zero exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCK_FILE, readLockHolder } from '@ledger/application';
import { TEST_KEYS } from '../support/http-harness';

// The first `npm start` may have to build (tsc over the whole project).
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const SERVER_MAIN = path.join(ROOT, 'dist', 'apps', 'admin-api', 'src', 'main.js');
const API_KEYS = Object.entries(TEST_KEYS)
  .map(([role, key]) => `${role}:${key}`)
  .join(',');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(command: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitForHealth(port: number, started: Started, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let exited = false;
  void started.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`exited during start-up:\n${started.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy server on port ${port} within ${limitMs} ms:\n${started.output()}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopsWithin(pid: number, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('npm start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-process-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function startAndStop(): Promise<string> {
    const port = await freePort();
    const npm = launch('npm', ['start'], { PORT: String(port), LEDGER_DATA_DIR: dataDir, LEDGER_API_KEYS: API_KEYS });
    let serverPid: number | undefined;
    try {
      await waitForHealth(port, npm, 240_000);
      const holder = readLockHolder(dataDir);
      expect(holder?.purpose).toBe('server');
      serverPid = holder!.pid;
      expect(isRunning(serverPid)).toBe(true);

      npm.child.kill('SIGTERM');
      await npm.exited;
      // The server itself got the signal: it drained, released its lock and stopped.
      expect(await stopsWithin(serverPid, 15_000)).toBe(true);
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      return npm.output();
    } finally {
      npm.child.kill('SIGKILL');
      if (serverPid !== undefined && isRunning(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  }

  it('SIGTERM to npm start stops the server; a second start does not compile again', async () => {
    await startAndStop();
    const second = await startAndStop();
    expect(second).not.toContain('building');
    expect(second).not.toContain('tsc -p');
  });
});

describe('a start-up failure', () => {
  it('is one line naming the port when the port is taken, and exit code 1', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-port-'));
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const server = launch(process.execPath, [SERVER_MAIN], {
        PORT: String(port),
        LEDGER_DATA_DIR: dataDir,
        LEDGER_API_KEYS: API_KEYS,
      });
      expect((await server.exited).code).toBe(1);
      expect(server.output().trim().split('\n')).toEqual([
        `The enrolment ledger did not start: port ${port} on 127.0.0.1 is already in use by another process: stop it or set PORT`,
      ]);
      // It let go of the data directory on its way out.
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    } finally {
      blocker.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a data directory that cannot be created', (dir: string) => path.join(dir, 'a-file', 'data'), 'a-file/data'],
    [
      'an event log that is not a SQLite file',
      (dir: string) => {
        fs.mkdirSync(path.join(dir, 'data'));
        fs.writeFileSync(path.join(dir, 'data', 'events.sqlite'), 'not a database, just text '.repeat(100));
        return path.join(dir, 'data');
      },
      'data/events.sqlite',
    ],
  ])('is one line naming the path for %s, and exit code 1', async (_what, prepare, named) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-path-'));
    fs.writeFileSync(path.join(dir, 'a-file'), 'a file where a directory should be');
    try {
      const server = launch(process.execPath, [SERVER_MAIN], {
        PORT: String(await freePort()),
        LEDGER_DATA_DIR: prepare(dir),
        LEDGER_API_KEYS: API_KEYS,
      });
      expect((await server.exited).code).toBe(1);
      const lines = server.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^The enrolment ledger did not start: /);
      expect(lines[0]).toContain(path.join(dir, named));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
