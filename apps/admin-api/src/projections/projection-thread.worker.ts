/**
 * The projection thread's entry (D53): opens its own connections to the storage the main thread
 * opened (no data directory lock: the main thread holds it) and serves a ProjectionRunner over the
 * parent port. The main thread's side is ProjectionThreadClient (@ledger/read-store).
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { openScratchReadStore, openStorage } from '@ledger/application';
import { learnerUpcasters, personalDataPolicy } from '@ledger/domain';
import { createAllProjections } from '@ledger/projections';
import { ProjectionRunner, serveProjectionRunner } from '@ledger/read-store';
import { rulebookUpcasters } from '@ledger/regulations';
import { threadConfig, type ProjectionThreadData } from './projection-thread';

async function main(port: NonNullable<typeof parentPort>, data: ProjectionThreadData): Promise<void> {
  const storage = await openStorage(threadConfig(data), {
    personalData: personalDataPolicy,
    upcasters: [...learnerUpcasters, ...rulebookUpcasters],
  });
  await serveProjectionRunner(port, {
    identity: data,
    build: (hooks) =>
      new ProjectionRunner({
        eventStore: storage.eventStore,
        readStore: storage.readStore,
        projections: createAllProjections(),
        openScratch: openScratchReadStore,
        ...hooks,
      }),
    onAppended: () => storage.wakeSubscriptions(),
    close: () => storage.close(),
  });
}

if (parentPort === null) throw new Error('projection-thread.worker runs as a worker thread');
const port = parentPort;
main(port, workerData as ProjectionThreadData).catch((error: unknown) => {
  port.postMessage({ kind: 'failed', message: `The projection thread could not start: ${String(error)}` });
  process.exit(1);
});
