import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE, liveLockHolder, readLockHolder } from './data-dir-lock';

function writeLock(dir: string, pid: number, hostname = os.hostname()): void {
  fs.writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({ pid, hostname, purpose: 'server', acquiredAt: '2026-01-01T00:00:00.000Z' }),
  );
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid;
}

describe('the data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names its holder in the lock file and removes it on release', () => {
    const lock = acquireDataDirLock(dir, 'server');
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, hostname: os.hostname(), purpose: 'server' });
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir, 'cli tick').release();
  });

  it('refuses a second holder in the same process', () => {
    const lock = acquireDataDirLock(dir, 'server');
    try {
      expect(() => acquireDataDirLock(dir, 'cli rebuild')).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir, 'cli rebuild')).toThrow(`server (pid ${process.pid}`);
    } finally {
      lock.release();
    }
  });

  it('refuses while another live process holds it, naming its pid', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeLock(dir, holder.pid!);
      expect(liveLockHolder(dir)?.pid).toBe(holder.pid);
      expect(() => acquireDataDirLock(dir, 'cli rebuild')).toThrow(`(pid ${holder.pid}`);
      // Still theirs afterwards.
      expect(readLockHolder(dir)?.pid).toBe(holder.pid);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('takes over a stale lock whose process is gone, and a half-written one', () => {
    writeLock(dir, deadPid());
    expect(liveLockHolder(dir)).toBeUndefined();
    const lock = acquireDataDirLock(dir, 'server');
    expect(readLockHolder(dir)?.pid).toBe(process.pid);
    lock.release();

    fs.writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    acquireDataDirLock(dir, 'server').release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("counts another host's lock as held: it cannot be checked from here", () => {
    writeLock(dir, deadPid(), 'another-host.example');
    expect(() => acquireDataDirLock(dir, 'server')).toThrow('on another-host.example');
  });

  it('names the lock file when it cannot be created', () => {
    expect(() => acquireDataDirLock(path.join(dir, 'missing', 'deeper'), 'server')).toThrow(
      `Cannot create the lock file ${path.join(dir, 'missing', 'deeper', LOCK_FILE)}`,
    );
  });
});
