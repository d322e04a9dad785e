/**
 * Backups of the embedded data directory (docs/operations.md "Backup and restore"). Each file is
 * copied with SQLite's online backup API on a connection of its own, beside a running server: the
 * copy is one consistent snapshot of that file, taken in one step, so writers go on meanwhile.
 *
 * The files are copied one after another, so the order decides what the copies can disagree on:
 * 1. read models first: their checkpoints can then only be behind the log copied after them (the
 *    projections catch up after a restore), never ahead of it;
 * 2. the log;
 * 3. the keys last: a data key is stored before the first event that needs it is appended, so
 *    every key the log copy needs is in the key copy. A key erased between steps 2 and 3 is
 *    missing although the log copy does not record its erasure yet: that subject's personal data
 *    reads "[erased]" after a restore, which is what they asked for.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { EMBEDDED_FILES } from './storage';

export const BACKUP_MANIFEST = 'manifest.json';
export const BACKUP_FORMAT = 'enrolment-ledger-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** The copy order; see above for why. The anchor is not copied: a restore anchors the restored log. */
export const BACKUP_ORDER = [EMBEDDED_FILES.readModels, EMBEDDED_FILES.events, EMBEDDED_FILES.keys] as const;
/** Pages per backup step: all of them, so each copy is one snapshot and never restarts midway. */
const ALL_PAGES = 0x7fffffff;

export interface FileDigest {
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The data directory it was taken from. */
  source: string;
  order: string[];
  log: { headPosition: number; headHash: string; events: number };
  readModels: { projections: Array<{ name: string; version: number; position: number }> };
  files: Record<string, FileDigest>;
}

export class BackupError extends Error {
  readonly code = 'BACKUP_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** A consistent copy of one SQLite file (in WAL mode or not) into `target`, which must not exist. */
export async function copySqliteFile(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source)) throw new BackupError(`${source} does not exist`);
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
}

export async function digestFile(file: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

export function writeManifest(dir: string, manifest: BackupManifest): void {
  const file = path.join(dir, BACKUP_MANIFEST);
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
}

/** The manifest of a complete backup, with every file present and matching its checksum. */
export async function readVerifiedManifest(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, BACKUP_MANIFEST);
  if (!fs.existsSync(file))
    throw new BackupError(`${dir} has no ${BACKUP_MANIFEST}: not a backup, or one that did not finish`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(`${file} is not a backup manifest this version reads (format ${String(manifest.format)})`);
  for (const name of BACKUP_ORDER) {
    const expected = manifest.files?.[name];
    if (!expected) throw new BackupError(`${file} lists no ${name}`);
    const copy = path.join(dir, name);
    if (!fs.existsSync(copy)) throw new BackupError(`${copy} is missing`);
    const actual = await digestFile(copy);
    if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes)
      throw new BackupError(
        `${copy} does not match its checksum in the manifest (${actual.bytes} bytes, sha256 ${actual.sha256.slice(0, 16)}..., expected ${expected.bytes} bytes, ${expected.sha256.slice(0, 16)}...)`,
      );
  }
  return manifest;
}

/** The SQLite file and its WAL and shared-memory companions. */
export function sqliteFileSet(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/**
 * Moves the live embedded files (and their WAL files) of `dataDir` into `asideDir`, then the
 * restored files from `stagingDir` into `dataDir`. Renames within one file system: nothing is
 * half-copied. A stale WAL left beside a restored file would be replayed into it, so none is left.
 */
export function swapInRestoredFiles(stagingDir: string, dataDir: string, asideDir: string): string[] {
  fs.mkdirSync(asideDir, { recursive: true, mode: 0o700 });
  const movedAside: string[] = [];
  for (const name of [...BACKUP_ORDER, EMBEDDED_FILES.anchor]) {
    for (const file of sqliteFileSet(path.join(dataDir, name))) {
      if (!fs.existsSync(file)) continue;
      fs.renameSync(file, path.join(asideDir, path.basename(file)));
      movedAside.push(path.basename(file));
    }
  }
  for (const name of [...BACKUP_ORDER, EMBEDDED_FILES.anchor]) {
    const staged = path.join(stagingDir, name);
    if (fs.existsSync(`${staged}-wal`)) throw new BackupError(`${staged} still has a WAL file: it was not closed`);
    if (fs.existsSync(staged)) fs.renameSync(staged, path.join(dataDir, name));
  }
  return movedAside;
}
