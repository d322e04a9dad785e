/**
 * Child process of crash.spec.ts: appends under load until it is killed. It prints `ack <event id>`
 * for an event only after its append promise resolved (the commit returned), so every id the parent
 * reads was acknowledged. Writes to a pipe are synchronous on Linux: once printed, the parent gets it
 * even if SIGKILL follows at once.
 *
 * Usage: node --import tsx test/reliability/crash-writer.ts <sqlite file>
 * (or node_modules/.bin/tsx, but that CLI runs the script in a child process of its own).
 */
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';

const CRASH_STREAMS = ['crash-a', 'crash-b', 'crash-c', 'crash-d'];
const CONCURRENT_WRITERS = 48;
const MAX_EVENTS_PER_APPEND = 3;

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: crash-writer.ts <sqlite file>');
  const store = SqliteEventStore.open({ file });
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: CONCURRENT_WRITERS }, (_, writer) => writeForever(store, writer)));
}

async function writeForever(store: SqliteEventStore, writer: number): Promise<never> {
  for (let sequence = 0; ; sequence += 1) {
    const stream = CRASH_STREAMS[(writer + sequence) % CRASH_STREAMS.length] as string;
    const eventCount = 1 + ((writer + sequence) % MAX_EVENTS_PER_APPEND);
    const events = Array.from({ length: eventCount }, (_, part) => ({
      type: 'LoadApplied',
      data: { writer, sequence, part, pid: process.pid },
      metadata: { commandId: `crash-${process.pid}-${writer}-${sequence}` },
    }));
    const result = await store.append(stream, events, { expectedRevision: 'any' });
    process.stdout.write(result.events.map((event) => `ack ${event.id}\n`).join(''));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
