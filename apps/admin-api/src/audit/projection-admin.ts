/**
 * Projection administration: blue/green rebuild and verification against a from-zero rebuild in
 * a scratch store. The scratch store is a temporary SQLite file whatever the live engine is (the
 * hashes are over canonical JSON, so they compare across engines); it is deleted afterwards.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type ProjectionHost, type ProjectionVerification, type VerifyProgress } from '@ledger/read-store';

export interface VerifyProjectionsReport {
  ok: boolean;
  projections: ProjectionVerification[];
}

export async function verifyProjections(
  projections: ProjectionHost,
  options: { names?: readonly string[]; scratchDir?: string; onProgress?: (progress: VerifyProgress) => void } = {},
): Promise<VerifyProjectionsReport> {
  // Personal data is decrypted into the scratch store while it exists: keep it private and short-lived.
  const directory = fs.mkdtempSync(path.join(options.scratchDir ?? os.tmpdir(), 'ledger-verify-'));
  fs.chmodSync(directory, 0o700);
  try {
    const verified = await projections.verifyInScratch({
      scratchFile: path.join(directory, 'scratch.sqlite'),
      ...(options.names ? { names: options.names } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ok: verified.every((projection) => projection.matches), projections: verified };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
