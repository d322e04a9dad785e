/**
 * `backup <dir>` and `restore <dir>` of the embedded data directory (docs/operations.md). The file
 * copies are libs/application/src/backup.ts; here they are checked as a ledger: the copied log's
 * hash chain, and every copied read model at or behind the copied log.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  acquireDataDirLock,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_ORDER,
  BackupError,
  copySqliteFile,
  digestFile,
  EMBEDDED_FILES,
  projectionsAheadOfLog,
  readVerifiedManifest,
  sqliteFileSet,
  swapInRestoredFiles,
  writeManifest,
  type BackupManifest,
} from '@ledger/application';
import { openLedger } from './context';

export interface CheckedCopy {
  headPosition: number;
  headHash: string;
  events: number;
  projections: Array<{ name: string; version: number; position: number }>;
}

export interface RestoreReport {
  dataDir: string;
  from: string;
  backupCreatedAt: string;
  headPosition: number;
  headHash: string;
  projections: Array<{ name: string; version: number; position: number }>;
  /** Where the files that were in the data directory went (nothing is deleted). */
  previousFilesIn: string | null;
}

/** Takes a backup of `dataDir` into `targetDir` (new or empty); a server may be running meanwhile. */
export async function createBackup(dataDir: string, targetDir: string): Promise<BackupManifest> {
  const events = path.join(dataDir, EMBEDDED_FILES.events);
  if (!fs.existsSync(events)) throw new BackupError(`${dataDir} holds no event log (${EMBEDDED_FILES.events})`);
  if (fs.existsSync(targetDir) && fs.readdirSync(targetDir).length > 0)
    throw new BackupError(`${targetDir} is not empty: back up into a new directory`);
  // Personal data keys are in it: readable by its owner only.
  fs.mkdirSync(targetDir, { recursive: true, mode: 0o700 });
  for (const name of BACKUP_ORDER) await copySqliteFile(path.join(dataDir, name), path.join(targetDir, name));
  const checked = await checkCopy(targetDir);
  // The check anchored the copy; a restore anchors its own staged copy again.
  for (const file of sqliteFileSet(path.join(targetDir, EMBEDDED_FILES.anchor))) fs.rmSync(file, { force: true });
  const files: BackupManifest['files'] = {};
  for (const name of BACKUP_ORDER) files[name] = await digestFile(path.join(targetDir, name));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    source: dataDir,
    order: [...BACKUP_ORDER],
    log: { headPosition: checked.headPosition, headHash: checked.headHash, events: checked.events },
    readModels: { projections: checked.projections },
    files,
  };
  writeManifest(targetDir, manifest);
  return manifest;
}

/**
 * Restores a backup into `dataDir`, which no server may hold meanwhile. The copy is checked first
 * (checksums, chain, read models not ahead), staged inside the data directory, anchored, and only
 * then swapped in; the files it replaces are moved to `pre-restore-<time>/`, never deleted.
 */
export async function restoreBackup(backupDir: string, dataDir: string): Promise<RestoreReport> {
  const manifest = await readVerifiedManifest(backupDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, 'cli restore');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const stagingDir = path.join(dataDir, `.restore-${stamp}`);
  try {
    fs.mkdirSync(stagingDir, { mode: 0o700 });
    for (const name of BACKUP_ORDER) fs.copyFileSync(path.join(backupDir, name), path.join(stagingDir, name));
    // Opening the staged copy anchors its log where the backup's log ends.
    const checked = await checkCopy(stagingDir);
    if (checked.headPosition !== manifest.log.headPosition || checked.headHash !== manifest.log.headHash)
      throw new BackupError(
        `The backup's log ends at ${checked.headPosition} (${checked.headHash.slice(0, 16)}...), its manifest says ${manifest.log.headPosition} (${manifest.log.headHash.slice(0, 16)}...)`,
      );
    const asideDir = path.join(dataDir, `pre-restore-${stamp}`);
    const moved = swapInRestoredFiles(stagingDir, dataDir, asideDir);
    if (moved.length === 0) fs.rmSync(asideDir, { recursive: true, force: true });
    return {
      dataDir,
      from: backupDir,
      backupCreatedAt: manifest.createdAt,
      headPosition: checked.headPosition,
      headHash: checked.headHash,
      projections: checked.projections,
      previousFilesIn: moved.length > 0 ? asideDir : null,
    };
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
    lock.release();
  }
}

/** Opens a copy as the ledger would: its chain must hold and no read model may be ahead of its log. */
async function checkCopy(dir: string): Promise<CheckedCopy> {
  const ledger = await openLedger({ dataDir: dir, startProjections: false, embeddedOnly: true });
  try {
    const chain = ledger.storage.chain;
    if (!chain) throw new BackupError('Only the embedded store is backed up this way');
    const verified = await chain.verifyChain();
    if (!verified.ok)
      throw new BackupError(
        verified.reason === 'altered'
          ? `The copied log's hash chain breaks at position ${verified.position} (event ${verified.eventId})`
          : `The copied log does not match its anchor (${verified.reason})`,
      );
    const anchored = chain.reanchor().after;
    const { headPosition, ahead } = await projectionsAheadOfLog(ledger.runner);
    if (ahead.length > 0)
      throw new BackupError(
        `Read models in the copy are ahead of its log (head ${headPosition}): ${ahead.map((p) => `${p.name} at ${p.position}`).join(', ')}`,
      );
    const statuses = await ledger.runner.status();
    return {
      headPosition: anchored.position,
      headHash: anchored.hash,
      events: verified.checked,
      projections: statuses.map(({ name, version, position }) => ({ name, version, position })),
    };
  } finally {
    await ledger.close();
  }
}
