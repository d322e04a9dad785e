/**
 * The production event store: EventStoreDB / KurrentDB through @eventstore/db-client (gRPC).
 * Position semantics are explained in esdb-mapping.ts.
 *
 * What the port asks beyond EventStoreDB's own semantics, and how (docs/decisions.md D25):
 *  - Idempotency needs no bookkeeping streams. Every append carries its command id in the event
 *    metadata and is made at the exact expected revision the command pipeline read, so a repeat
 *    of the same append (same ids, same revision) is recognised by EventStoreDB itself, and a
 *    repeated command is recognised from its own stream by the pipeline. readByCommandId reads only
 *    the `ledger-command-*` markers that older versions wrote (indexesCommandIds is false).
 *  - Event ids are unique per stream (EventStoreDB's idempotent-write check); the pipeline derives
 *    them from the command id and the stream, so ids of different commands or streams differ.
 *  - Every call has a deadline: reads and metadata calls end with EventStoreDeadlineError, appends
 *    with AppendOutcomeUnknownError, a subscription that is not confirmed in time ends with
 *    EventStoreDeadlineError, and ping answers within its own deadline whatever the server does.
 *    (The client's streaming reads pass `deadline: Infinity` to gRPC, so the adapter keeps time.)
 *  - Appends over the byte limit are refused before sending (AppendTooLargeError), as is the
 *    server's own MaxAppendSizeExceeded.
 *  - close() also closes the gRPC channel, which the client's dispose() leaves open.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  Position,
  ResolvedEvent,
  AllStreamResolvedEvent,
  StreamNotFoundError,
  streamNameFilter,
  START,
} from '@eventstore/db-client';
import {
  AllSubscription,
  AppendOptions,
  AppendOutcomeUnknownError,
  AppendResult,
  EventStore,
  LogPosition,
  MAX_APPEND_BYTES,
  MAX_READ_COUNT,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  StreamRevision,
  SubscribeToAllOptions,
} from '../event-store.port';
import {
  LEDGER_STREAMS_REGEX,
  PreparedAppend,
  assertAfter,
  boundedCount,
  checkAfterPosition,
  checkCommandId,
  checkConnectionString,
  checkExpectedRevision,
  checkStreamId,
  commandMarkerStream,
  prepareAppend,
  readPositionAfter,
  toAppendError,
  toCommandMarker,
  toEsdbExpectedRevision,
  toEsdbReadStreamOptions,
  toRecordedEvent,
} from './esdb-mapping';
import { EsdbSnapshotStore } from './esdb-snapshot-store';
import { EsdbAllSubscription } from './esdb-subscription';
import { closeChannelOnDispose, collectWithDeadline, withDeadline, type ChannelCloser } from './esdb-deadlines';

/** Events per page when scanning `$all` (filtering out system and bookkeeping events client-side). */
const ALL_PAGE_SIZE = 500;

export interface EsdbEventStoreOptions {
  /** Upper bound on the bytes of one append; keep it at or below the server's MaxAppendSize. */
  maxAppendBytes?: number;
  /** Deadline of each read call (a page of `$all`, a stream read, stream metadata). */
  readDeadlineMs?: number;
  /** Deadline of each append; past it the outcome is unknown (AppendOutcomeUnknownError). */
  appendDeadlineMs?: number;
  /** Deadline of ping, so /health answers within 5 s whatever the server does. */
  pingDeadlineMs?: number;
  /** A subscription the server has not confirmed within this long ends with EventStoreDeadlineError. */
  subscriptionConfirmationMs?: number;
}

export const ESDB_DEFAULT_DEADLINES = {
  readDeadlineMs: 10_000,
  appendDeadlineMs: 10_000,
  pingDeadlineMs: 4_000,
  subscriptionConfirmationMs: 10_000,
} as const;

export class EsdbEventStore implements EventStore {
  readonly indexesCommandIds = false;
  readonly snapshots: EsdbSnapshotStore;
  private readonly subscriptions = new Set<EsdbAllSubscription>();
  private closing: Promise<void> | undefined;
  private readonly deadlines: Required<Omit<EsdbEventStoreOptions, 'maxAppendBytes'>>;
  private readonly maxAppendBytes: number;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly channel: ChannelCloser,
    options: EsdbEventStoreOptions,
  ) {
    const { maxAppendBytes: _bytes, ...deadlines } = definedOnly(options);
    this.deadlines = { ...ESDB_DEFAULT_DEADLINES, ...deadlines };
    for (const [name, ms] of Object.entries(this.deadlines)) positive(name, ms);
    this.maxAppendBytes = positive('maxAppendBytes', options.maxAppendBytes ?? MAX_APPEND_BYTES);
    this.snapshots = new EsdbSnapshotStore(client, {
      maxAppendBytes: this.maxAppendBytes,
      readDeadlineMs: this.deadlines.readDeadlineMs,
      appendDeadlineMs: this.deadlines.appendDeadlineMs,
    });
  }

  /**
   * e.g. `esdb://admin:changeit@localhost:2113?tls=true` or `esdb://localhost:2113?tls=false`
   * (insecure dev server). The user must be allowed to read `$all`. Connects lazily. Options that
   * change error semantics (throwOnAppendFailure=false) are refused with a message naming them.
   */
  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    checkConnectionString(connectionString);
    const client = EventStoreDBClient.connectionString(connectionString);
    return new EsdbEventStore(client, closeChannelOnDispose(client), options);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    checkStreamId(streamId);
    const expected = checkExpectedRevision(options?.expectedRevision);
    const prepared = prepareAppend(streamId, events, this.maxAppendBytes);
    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await withDeadline(`append to ${streamId}`, this.deadlines.appendDeadlineMs, () =>
        this.client.appendToStream(streamId, prepared.eventData, {
          expectedRevision: toEsdbExpectedRevision(expected),
          deadline: this.deadlines.appendDeadlineMs,
        }),
      ));
    } catch (error) {
      throw toAppendError(error, streamId, expected);
    }
    // From here on the events are committed: a failure must not read as a failed append.
    const recorded = await this.readAppended(streamId, nextExpectedRevision, prepared);
    const last = recorded[recorded.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position, events: recorded };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkStreamId(streamId);
    const maxCount = boundedCount(options.maxCount);
    const readOptions = toEsdbReadStreamOptions(options, maxCount);
    if (maxCount === 0) return [];
    return this.readStreamEvents(streamId, readOptions);
  }

  async streamRevision(streamId: string): Promise<StreamRevision | undefined> {
    this.assertOpen();
    checkStreamId(streamId);
    const [last] = await this.readStreamEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1n });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const afterPosition = checkAfterPosition(options.afterPosition);
    const limit = boundedCount(options.maxCount);
    const found: RecordedEvent[] = [];
    if (limit === 0) return found;
    let cursor: Position | typeof START = readPositionAfter(afterPosition);
    let checkpoint = afterPosition;
    for (;;) {
      const page = await this.readAllPage(cursor, FORWARDS);
      for (const resolved of page) {
        // Forward reads include the record at the start position: the checkpoint, or the last
        // record of the previous page.
        if (resolved.event?.position && samePosition(resolved.event.position, cursor)) continue;
        const event = toRecordedEvent(resolved);
        if (!event) continue;
        assertAfter(checkpoint, event);
        checkpoint = event.position;
        found.push(event);
        if (found.length === limit) return found;
      }
      const next = lastPositionOf(page);
      if (page.length < ALL_PAGE_SIZE || !next) return found;
      cursor = next;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const afterPosition = checkAfterPosition(options.afterPosition);
    const source = this.client.subscribeToAll({
      fromPosition: afterPosition < 0 ? START : (readPositionAfter(afterPosition) as Position),
      filter: streamNameFilter({ regex: LEDGER_STREAMS_REGEX }),
    });
    const subscription = new EsdbAllSubscription(
      source,
      afterPosition,
      options.signal,
      (closed) => this.subscriptions.delete(closed),
      this.deadlines.subscriptionConfirmationMs,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Events of a command recorded by a version that wrote `ledger-command-*` markers (D25). */
  async readByCommandId(commandId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkCommandId(commandId);
    const markers = (await this.readRaw(commandMarkerStream(commandId), { maxCount: BigInt(MAX_READ_COUNT) }))
      .map(toCommandMarker)
      .filter((marker) => marker !== undefined);
    const byId = new Map<string, RecordedEvent>();
    for (const marker of markers) {
      const events = await this.readStreamEvents(marker.streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(marker.firstRevision),
        maxCount: BigInt(marker.count),
      });
      // The marker names revisions; the events themselves must carry the command id too.
      for (const event of events) if (event.metadata.commandId === commandId) byId.set(event.id, event);
    }
    return [...byId.values()].sort((a, b) => a.position - b.position).slice(0, MAX_READ_COUNT);
  }

  async headPosition(): Promise<LogPosition> {
    this.assertOpen();
    let cursor: Position | typeof END = END;
    for (;;) {
      const page = await this.readAllPage(cursor, BACKWARDS);
      for (const resolved of page) {
        const event = toRecordedEvent(resolved);
        if (event) return event.position;
      }
      const next = lastPositionOf(page);
      if (page.length < ALL_PAGE_SIZE || !next) return -1;
      cursor = next;
    }
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    this.assertOpen();
    checkStreamId(streamId);
    const { metadata } = await withDeadline(`stream metadata of ${streamId}`, this.deadlines.readDeadlineMs, () =>
      this.client.getStreamMetadata(streamId),
    );
    return metadata === undefined ? undefined : ({ ...metadata } as StreamMetadata);
  }

  /**
   * Replaces the whole metadata. EventStoreDB enforces maxAge (seconds) and maxCount: events
   * beyond them disappear from reads and are removed by the next scavenge.
   */
  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    this.assertOpen();
    checkStreamId(streamId);
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new TypeError('Stream metadata must be an object');
    }
    await withDeadline(`stream metadata of ${streamId}`, this.deadlines.appendDeadlineMs, () =>
      this.client.setStreamMetadata(streamId, metadata, { deadline: this.deadlines.appendDeadlineMs }),
    );
  }

  /** Reads the newest record of `$all`; fails with EventStoreDeadlineError after pingDeadlineMs. */
  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    await collectWithDeadline('ping', this.deadlines.pingDeadlineMs, read);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
      await this.client.dispose();
      await this.channel.close();
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('EsdbEventStore is closed');
  }

  /** Raw resolved events of a stream, within the read deadline; a missing stream reads as empty. */
  private async readRaw(
    streamName: string,
    options: Parameters<EventStoreDBClient['readStream']>[1],
  ): Promise<ResolvedEvent[]> {
    try {
      return await collectWithDeadline(
        `read of ${streamName}`,
        this.deadlines.readDeadlineMs,
        this.client.readStream(streamName, options),
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private async readStreamEvents(
    streamId: string,
    options: Parameters<EventStoreDBClient['readStream']>[1],
  ): Promise<RecordedEvent[]> {
    return (await this.readRaw(streamId, options))
      .map(toRecordedEvent)
      .filter((event): event is RecordedEvent => event !== undefined);
  }

  private readAllPage(
    from: Position | typeof START | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
  ): Promise<AllStreamResolvedEvent[]> {
    return collectWithDeadline(
      'a page of $all',
      this.deadlines.readDeadlineMs,
      this.client.readAll({ fromPosition: from, direction, maxCount: ALL_PAGE_SIZE }),
    );
  }

  /**
   * Reads the events just appended back from the stream, for the positions and record times the
   * append response does not give per event. Ids must match: anything else means the revisions
   * reported by the append do not hold our events, and nothing can be trusted. A read-back that
   * fails leaves the outcome to the caller's retry: the same append again is idempotent, and the
   * command pipeline finds the command in its stream.
   */
  private async readAppended(streamId: string, nextExpectedRevision: bigint, prepared: PreparedAppend) {
    const count = prepared.ids.length;
    const firstRevision = nextExpectedRevision - BigInt(count) + 1n;
    let recorded: RecordedEvent[];
    try {
      recorded = await this.readStreamEvents(streamId, {
        direction: FORWARDS,
        fromRevision: firstRevision,
        maxCount: BigInt(count),
      });
    } catch (error) {
      throw new AppendOutcomeUnknownError(
        streamId,
        `events were committed up to revision ${nextExpectedRevision} but could not be read back: ${String(error)}`,
        { cause: error },
      );
    }
    const ids = recorded.map((event) => event.id.toLowerCase());
    if (ids.length !== count || ids.some((id, index) => id !== prepared.ids[index])) {
      throw new Error(
        `Append to ${streamId} reported revision ${nextExpectedRevision}, but the stream does not hold the appended events there`,
      );
    }
    return recorded;
  }
}

/** Where the next page starts: the position of the page's last record that has one. */
function lastPositionOf(page: AllStreamResolvedEvent[]): Position | undefined {
  for (let index = page.length - 1; index >= 0; index--) {
    const position = page[index]?.event?.position;
    if (position) return position;
  }
  return undefined;
}

function samePosition(position: Position, cursor: Position | typeof START): boolean {
  return cursor !== START && position.commit === cursor.commit && position.prepare === cursor.prepare;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
