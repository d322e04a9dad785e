/**
 * The worker thread of projection-thread.spec.ts: a ProjectionRunner over a SQLite log and read
 * store in `workerData.directory`, served to the main thread. The log is polled once a minute only,
 * so projections read on at once only when the main thread says it appended. A `Crash` event ends
 * the thread while the file `crash-once` exists (it is removed first, so the restarted thread goes
 * on); `failAtStart` ends it before it is ready.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import type { ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';
import { serveProjectionRunner, type ProjectionThreadIdentity } from './projection-thread';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

export interface FixtureThreadData extends ProjectionThreadIdentity {
  directory: string;
  failAtStart?: boolean;
}

export const CRASH_ONCE_FILE = 'crash-once';

/** Per stream: how many `Counted` events it has. */
export const countsProjection: ProjectionDefinition = {
  name: 'stream_counts',
  version: 1,
  collections: [{ name: 'counts', indexes: [] }],
  handles: ['Counted', 'Crash'],
  async apply(event, ctx) {
    if (event.type === 'Crash') {
      const crashFile = join((workerData as FixtureThreadData).directory, CRASH_ONCE_FILE);
      if (existsSync(crashFile)) {
        rmSync(crashFile);
        process.exit(7);
      }
      return;
    }
    const current = await ctx.get<{ count: number }>('counts', event.streamId);
    ctx.put('counts', event.streamId, { count: (current?.body.count ?? 0) + 1 });
  },
};

async function serve(data: FixtureThreadData): Promise<void> {
  if (data.failAtStart) throw new Error('this thread was told to fail');
  const eventStore = SqliteEventStore.open({ file: join(data.directory, 'events.sqlite'), pollIntervalMs: 60_000 });
  const readStore = SqliteReadStore.open(join(data.directory, 'read.sqlite'));
  await serveProjectionRunner(parentPort!, {
    identity: data,
    build: (hooks) =>
      new ProjectionRunner({
        eventStore,
        readStore,
        projections: [countsProjection],
        openScratch: (file) => SqliteReadStore.open(file),
        ...hooks,
      }),
    onAppended: () => eventStore.wakeSubscriptions(),
    close: async () => {
      await eventStore.close();
      await readStore.close();
    },
  });
}

if (!isMainThread) {
  serve(workerData as FixtureThreadData).catch(() => process.exit(1));
}
