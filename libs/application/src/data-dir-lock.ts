/**
 * The embedded data directory has one writer that owns its read models and scheduler: the server,
 * or an offline tool (`rebuild`, `tick`, `restore`, `reanchor`) while no server runs. The owner
 * holds `ledger.lock`, a small JSON file naming its pid, host and purpose. A lock whose pid is gone
 * (the process was killed) is stale and is taken over; a live one is refused with its pid named.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const LOCK_FILE = 'ledger.lock';
/** A lock file larger than this is not one of ours. */
const MAX_LOCK_BYTES = 4096;

export interface LockHolder {
  pid: number;
  hostname: string;
  /** What holds it: `server`, `cli rebuild`, ... */
  purpose: string;
  acquiredAt: string;
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${path.dirname(lockFile)} is in use by ${describeHolder(holder)} (lock ${lockFile}). ` +
        `Stop it first, or use the running server's API (--url/--api-key).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): void;
}

/** Locks held by this process, by lock file: a second holder in one process is refused too. */
const heldHere = new Map<string, LockHolder>();

export function describeHolder(holder: LockHolder): string {
  const where = holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`;
  return `${holder.purpose} (pid ${holder.pid}${where}, since ${holder.acquiredAt})`;
}

/** Takes the lock or throws DataDirLockedError naming the live holder. */
export function acquireDataDirLock(dataDir: string, purpose: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    purpose,
    acquiredAt: new Date().toISOString(),
  };
  const held = heldHere.get(file);
  if (held) throw new DataDirLockedError(file, held);
  // Two attempts: the second after a stale lock was moved aside.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createExclusively(file, holder)) {
      heldHere.set(file, holder);
      return {
        file,
        holder,
        release: () => {
          if (heldHere.get(file) !== holder) return;
          heldHere.delete(file);
          // Only our own lock: never remove one another process took over meanwhile.
          if (sameHolder(readLockHolder(dataDir), holder)) fs.rmSync(file, { force: true });
        },
      };
    }
    const current = readLockHolder(dataDir);
    if (current && isAlive(current)) throw new DataDirLockedError(file, current);
    moveStaleLockAside(file, current);
  }
  const current = readLockHolder(dataDir);
  throw new DataDirLockedError(file, current ?? { ...holder, purpose: 'another process', pid: -1 });
}

/** The holder recorded in the lock file when it is held by a live process; undefined otherwise. */
export function liveLockHolder(dataDir: string): LockHolder | undefined {
  const holder = readLockHolder(dataDir);
  return holder && isAlive(holder) ? holder : undefined;
}

export function readLockHolder(dataDir: string): LockHolder | undefined {
  return readHolderFile(path.join(dataDir, LOCK_FILE));
}

function readHolderFile(file: string): LockHolder | undefined {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_LOCK_BYTES) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isSafeInteger(parsed.pid) || typeof parsed.hostname !== 'string') return undefined;
    return {
      pid: parsed.pid as number,
      hostname: parsed.hostname,
      purpose: typeof parsed.purpose === 'string' ? parsed.purpose : 'unknown',
      acquiredAt: typeof parsed.acquiredAt === 'string' ? parsed.acquiredAt : 'unknown',
    };
  } catch {
    // Half-written (the writer died between create and write): treated as stale.
    return undefined;
  }
}

function createExclusively(file: string, holder: LockHolder): boolean {
  let descriptor: number;
  try {
    descriptor = fs.openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`Cannot create the lock file ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    fs.writeSync(descriptor, `${JSON.stringify(holder)}\n`);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  return true;
}

/**
 * A lock of another host cannot be checked from here: it counts as alive (an operator who knows
 * better deletes the file). A pid that is ours but not in `heldHere` is a leftover of an earlier
 * process that had our pid.
 */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Renames the stale lock to a name of its own, then checks that what it moved is the stale lock it
 * read: when another process took the lock over in between, its fresh lock is put back.
 */
function moveStaleLockAside(file: string, stale: LockHolder | undefined): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const movedHolder = readHolderFile(aside);
  if (movedHolder !== undefined && !sameHolder(movedHolder, stale)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      /* someone holds the lock again: they keep it */
    }
  }
  fs.rmSync(aside, { force: true });
}

function sameHolder(a: LockHolder | undefined, b: LockHolder | undefined): boolean {
  return (
    a !== undefined && b !== undefined && a.pid === b.pid && a.hostname === b.hostname && a.acquiredAt === b.acquiredAt
  );
}
