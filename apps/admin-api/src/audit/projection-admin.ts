/**
 * Projection administration: blue/green rebuild and verification against a from-zero rebuild in
 * a scratch store. The scratch store is a temporary SQLite file whatever the live engine is (the
 * hashes are over canonical JSON, so they compare across engines); it is deleted afterwards.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { openScratchReadStore } from '@ledger/application';
import {
  type ProjectionRunner,
  type ReadStore,
  type ProjectionVerification,
  type RebuildResult,
  type VerifyProgress,
} from '@ledger/read-store';

export interface VerifyProjectionsReport {
  ok: boolean;
  projections: ProjectionVerification[];
}

export async function rebuildProjection(runner: ProjectionRunner, name: string): Promise<RebuildResult> {
  return runner.rebuild(name);
}

export async function verifyProjections(
  runner: ProjectionRunner,
  options: { names?: readonly string[]; scratchDir?: string; onProgress?: (progress: VerifyProgress) => void } = {},
): Promise<VerifyProjectionsReport> {
  // Personal data is decrypted into the scratch store while it exists: keep it private and short-lived.
  const directory = fs.mkdtempSync(path.join(options.scratchDir ?? os.tmpdir(), 'ledger-verify-'));
  fs.chmodSync(directory, 0o700);
  const scratch = yieldingBeforeCommits(openScratchReadStore(path.join(directory, 'scratch.sqlite')));
  try {
    const projections = await runner.verify({
      scratch,
      ...(options.names ? { names: options.names } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ok: projections.every((projection) => projection.matches), projections };
  } finally {
    await scratch.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The rebuild into the scratch store commits once per page of the log; before each commit it lets
 * the event loop run, so the server keeps taking commands while a verification runs (and a second
 * whole-log check meanwhile is refused at once rather than queued behind it).
 */
function yieldingBeforeCommits(store: ReadStore): ReadStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'commit')
        return async (...args: Parameters<ReadStore['commit']>) => {
          await yieldToEventLoop();
          return target.commit(...args);
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
