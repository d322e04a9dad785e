/**
 * Starts the projections in a worker thread (D53), so their work no longer shares the event loop
 * that serves requests: the thread follows the log, commits the read models, and reports the
 * committed position and live slots to the main thread (ProjectionThreadClient).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LedgerConfig, StorageConfig } from '@ledger/application';
import { ProjectionThreadClient, type ProjectionDefinition, type ProjectionThreadIdentity } from '@ledger/read-store';

/** What the thread needs: where the storage is (StorageConfig, cloned) and who it is. */
export type ProjectionThreadData = Omit<StorageConfig, 'masterKey'> &
  ProjectionThreadIdentity & { masterKey?: Uint8Array };

/**
 * Run from TypeScript sources (jest), the thread compiles them with @swc-node/register, as the
 * OpenAPI export does (it keeps decorator metadata and the tsconfig paths).
 */
const WORKER_FILE = path.join(__dirname, `projection-thread.worker${path.extname(__filename)}`);

export function startProjectionThread(
  config: LedgerConfig,
  projections: readonly ProjectionDefinition[],
): ProjectionThreadClient {
  const data: Omit<ProjectionThreadData, 'ownerId'> = {
    dataDir: config.dataDir,
    ...(config.eventStoreUrl ? { eventStoreUrl: config.eventStoreUrl } : {}),
    ...(config.mongoUrl ? { mongoUrl: config.mongoUrl } : {}),
    ...(config.masterKey ? { masterKey: config.masterKey } : {}),
  };
  return new ProjectionThreadClient({
    spawn: (identity) =>
      new Worker(WORKER_FILE, {
        workerData: { ...data, ...identity } satisfies ProjectionThreadData,
        execArgv: WORKER_FILE.endsWith('.ts') ? ['--require', '@swc-node/register'] : [],
      }),
    projections,
  });
}

/** The configuration as the thread's openStorage reads it. */
export function threadConfig(data: ProjectionThreadData): StorageConfig {
  return {
    dataDir: data.dataDir,
    ...(data.eventStoreUrl ? { eventStoreUrl: data.eventStoreUrl } : {}),
    ...(data.mongoUrl ? { mongoUrl: data.mongoUrl } : {}),
    // Structured cloning hands a Buffer over as a plain Uint8Array.
    ...(data.masterKey ? { masterKey: Buffer.from(data.masterKey) } : {}),
  };
}
