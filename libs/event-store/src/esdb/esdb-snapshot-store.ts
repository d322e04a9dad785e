/**
 * Aggregate snapshots on EventStoreDB (docs/decisions.md D24): one stream per aggregate,
 * `ledger-snapshot-<stream>`, whose newest event is the snapshot; the stream keeps only its
 * newest two (`$maxCount`), and it is hidden from `$all` reads and subscriptions like the adapter's
 * other bookkeeping streams. Best effort both ways: a snapshot that cannot be read reads as none
 * (the aggregate folds its whole stream), one over the byte limit or that cannot be written is
 * skipped.
 */
import { ANY, BACKWARDS, END, EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { AggregateSnapshot, SnapshotStore } from '../event-store.port';
import { collectWithDeadline, withDeadline } from './esdb-deadlines';
import { SNAPSHOT_EVENT_TYPE, snapshotStream } from './esdb-mapping';

const SNAPSHOTS_KEPT = 2;

export interface EsdbSnapshotStoreOptions {
  maxAppendBytes: number;
  readDeadlineMs: number;
  appendDeadlineMs: number;
}

interface SnapshotData {
  version: string;
  revision: number;
  eventId: string;
  body: string;
}

export class EsdbSnapshotStore implements SnapshotStore {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbSnapshotStoreOptions,
  ) {}

  async readSnapshot(streamId: string, version: string): Promise<AggregateSnapshot | undefined> {
    try {
      const [newest] = await collectWithDeadline(
        `snapshot of ${streamId}`,
        this.options.readDeadlineMs,
        this.client.readStream(snapshotStream(streamId), { direction: BACKWARDS, fromRevision: END, maxCount: 1n }),
      );
      const data = snapshotData(newest?.event?.data);
      if (!data || data.version !== version) return undefined;
      return { streamId, ...data };
    } catch {
      // No snapshot yet (StreamNotFoundError), or none readable in time: fold the whole stream.
      return undefined;
    }
  }

  async writeSnapshot(snapshot: AggregateSnapshot): Promise<void> {
    const { streamId, ...data } = snapshot;
    if (Buffer.byteLength(data.body) + 200 > this.options.maxAppendBytes) return;
    const stream = snapshotStream(streamId);
    try {
      const deadline = this.options.appendDeadlineMs;
      const { nextExpectedRevision } = await withDeadline(`snapshot of ${streamId}`, deadline, () =>
        this.client.appendToStream(
          stream,
          jsonEvent({ type: SNAPSHOT_EVENT_TYPE, data: data satisfies SnapshotData }),
          {
            expectedRevision: ANY,
            deadline,
          },
        ),
      );
      if (nextExpectedRevision === 0n)
        await withDeadline(`snapshot metadata of ${streamId}`, deadline, () =>
          this.client.setStreamMetadata(stream, { maxCount: SNAPSHOTS_KEPT }, { deadline }),
        );
    } catch {
      // A snapshot is an optimisation: the next load folds the stream from the last snapshot kept.
    }
  }
}

function snapshotData(data: unknown): SnapshotData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { version, revision, eventId, body } = data as Record<string, unknown>;
  if (typeof version !== 'string' || typeof eventId !== 'string' || typeof body !== 'string') return undefined;
  if (!Number.isSafeInteger(revision) || (revision as number) < 0) return undefined;
  return { version, revision: revision as number, eventId, body };
}
