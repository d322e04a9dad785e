/**
 * Child process of projection-writer-lease.spec.ts: runs the lease-totals projection against the
 * given event log and read store until it is killed, and prints `applied <position>` for every
 * event its handler applies (writes to a pipe are synchronous on Linux: the parent sees each line
 * even if SIGKILL follows at once).
 *
 * Usage: node --import tsx test/reliability/lease-runner.ts <events file> <read store file> <owner> <lease ttl ms>
 */
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../libs/read-store/src/projection-runner';
import { SqliteReadStore } from '../../libs/read-store/src/sqlite/sqlite-read-store';
import { leaseTotalsProjection } from './lease-totals';

async function main(): Promise<void> {
  const [eventsFile, readStoreFile, owner, ttl] = process.argv.slice(2);
  if (eventsFile === undefined || readStoreFile === undefined || owner === undefined || ttl === undefined) {
    throw new Error('usage: lease-runner.ts <events file> <read store file> <owner> <lease ttl ms>');
  }
  const eventStore = SqliteEventStore.open({ file: eventsFile, pollIntervalMs: 10 });
  const readStore = SqliteReadStore.open(readStoreFile);
  const runner = new ProjectionRunner({
    eventStore,
    readStore,
    projections: [leaseTotalsProjection((event) => process.stdout.write(`applied ${event.position}\n`))],
    ownerId: owner,
    writerLease: { ttlMs: Number(ttl), standbyPollMs: 10 },
    liveBatchSize: 5,
    logger: { log: () => undefined, warn: () => undefined, error: (line) => process.stderr.write(`${line}\n`) },
  });
  runner.start();
  process.stdout.write('started\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`lease-runner failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
