/**
 * The production event store: EventStoreDB / KurrentDB through @eventstore/db-client (gRPC).
 * Position semantics are explained in esdb-mapping.ts.
 *
 * Two port guarantees EventStoreDB does not give by itself are built from ordinary streams:
 *  - readByCommandId: EventStoreDB cannot query by metadata, so after an append whose events carry
 *    `metadata.commandId` the adapter writes a marker {streamId, firstRevision, count} to
 *    `ledger-command-<commandId>`. A crash between the append and the marker leaves the events
 *    without a marker: the command is then recognised only by the command pipeline's own check of
 *    the target stream (same-stream duplicate detection), not across streams.
 *  - unique event ids (unless switched off): EventStoreDB deduplicates ids only within a stream (and reports the
 *    repeat as a successful idempotent write). Before an append, each id is reserved by writing to
 *    `ledger-event-id-<id>` with expected revision no_stream; a failed append releases its
 *    reservations. A crash between reservation and append leaves an id reserved that was never
 *    used; that id is refused from then on (ids are random UUIDs, so only a retry of the very same
 *    append notices, and it is refused as a duplicate).
 * Both kinds of bookkeeping stream are hidden from readAll, subscribeToAll and headPosition.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  Position,
  ResolvedEvent,
  AllStreamResolvedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  START,
} from '@eventstore/db-client';
import {
  AllSubscription,
  AppendOptions,
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  LogPosition,
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
  COMMAND_MARKER_EVENT_TYPE,
  EVENT_ID_RELEASED_TYPE,
  EVENT_ID_RESERVED_TYPE,
  LEDGER_STREAMS_REGEX,
  PreparedAppend,
  assertAfter,
  boundedCount,
  checkAfterPosition,
  checkCommandId,
  checkExpectedRevision,
  checkStreamId,
  commandMarkerStream,
  eventIdStream,
  fromEsdbWrongExpectedVersion,
  markerEventId,
  prepareAppend,
  readPositionAfter,
  toCommandMarker,
  toEsdbExpectedRevision,
  toEsdbReadStreamOptions,
  toRecordedEvent,
} from './esdb-mapping';
import { EsdbAllSubscription } from './esdb-subscription';

/** Events per page when scanning `$all` (filtering out system and bookkeeping events client-side). */
const ALL_PAGE_SIZE = 500;
/** Parallel id reservations per append; bounds in-flight gRPC calls for large appends. */
const RESERVATION_CONCURRENCY = 32;
const PING_DEADLINE_MS = 5_000;

export interface EsdbEventStoreOptions {
  /**
   * Reserve every event id log-wide before appending (default true), as the port requires.
   * Costs one small write per event; without it EventStoreDB only deduplicates ids per stream.
   */
  uniqueEventIds?: boolean;
}

export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbAllSubscription>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly uniqueEventIds: boolean,
  ) {}

  /**
   * e.g. `esdb://admin:changeit@localhost:2113?tls=true` or `esdb://localhost:2113?tls=false`
   * (insecure dev server). The user must be allowed to read `$all`. Connects lazily.
   */
  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options.uniqueEventIds ?? true);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    checkStreamId(streamId);
    const expected = checkExpectedRevision(options?.expectedRevision);
    const prepared = prepareAppend(events);
    const reservations = this.uniqueEventIds ? await this.reserveEventIds(streamId, prepared.ids) : [];
    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await this.client.appendToStream(streamId, prepared.eventData, {
        expectedRevision: toEsdbExpectedRevision(expected),
      }));
    } catch (error) {
      await this.releaseEventIds(reservations);
      if (error instanceof EsdbWrongExpectedVersionError) throw fromEsdbWrongExpectedVersion(error, streamId, expected);
      throw error;
    }
    // From here on the events are committed: failures must not read as a failed append.
    const recorded = await this.readAppended(streamId, nextExpectedRevision, prepared);
    await this.writeCommandMarkers(streamId, prepared, recorded);
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
    const subscription = new EsdbAllSubscription(source, afterPosition, options.signal, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

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
    const { metadata } = await this.client.getStreamMetadata(streamId);
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
    await this.client.setStreamMetadata(streamId, metadata);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      deadline: PING_DEADLINE_MS,
    });
    for await (const _ of read) break;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
      await this.client.dispose();
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('EsdbEventStore is closed');
  }

  /** Raw resolved events of a stream, consumed with `for await`; a missing stream reads as empty. */
  private async readRaw(
    streamName: string,
    options: Parameters<EventStoreDBClient['readStream']>[1],
  ): Promise<ResolvedEvent[]> {
    const resolved: ResolvedEvent[] = [];
    try {
      for await (const event of this.client.readStream(streamName, options)) resolved.push(event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return resolved;
  }

  private async readStreamEvents(
    streamId: string,
    options: Parameters<EventStoreDBClient['readStream']>[1],
  ): Promise<RecordedEvent[]> {
    return (await this.readRaw(streamId, options))
      .map(toRecordedEvent)
      .filter((event): event is RecordedEvent => event !== undefined);
  }

  private async readAllPage(from: Position | typeof START | typeof END, direction: typeof FORWARDS | typeof BACKWARDS) {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: from, direction, maxCount: ALL_PAGE_SIZE })) {
      page.push(resolved);
    }
    return page;
  }

  /**
   * Reads the events just appended back from the stream, for the positions and record times the
   * append response does not give per event. Ids must match: anything else means the revisions
   * reported by the append do not hold our events, and nothing can be trusted.
   */
  private async readAppended(streamId: string, nextExpectedRevision: bigint, prepared: PreparedAppend) {
    const count = prepared.ids.length;
    const firstRevision = nextExpectedRevision - BigInt(count) + 1n;
    let recorded: RecordedEvent[];
    try {
      recorded = await withRetries(() =>
        this.readStreamEvents(streamId, { direction: FORWARDS, fromRevision: firstRevision, maxCount: BigInt(count) }),
      );
    } catch (error) {
      throw new Error(
        `Events were appended to ${streamId} (up to revision ${nextExpectedRevision}) but could not be read back: ${String(error)}`,
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

  /**
   * The events are committed already, so a marker that cannot be written does not fail the append;
   * it is reported as a process warning (the command is then known only to its target stream).
   * Retrying is safe: a marker's id is derived from its first event, so EventStoreDB dedupes it.
   */
  private async writeCommandMarkers(streamId: string, prepared: PreparedAppend, recorded: RecordedEvent[]) {
    for (const run of prepared.markers) {
      const first = recorded[run.firstIndex] as RecordedEvent;
      const marker = jsonEvent({
        id: markerEventId(run.firstEventId),
        type: COMMAND_MARKER_EVENT_TYPE,
        data: { streamId, firstRevision: first.revision, count: run.count },
      });
      try {
        await withRetries(() => this.client.appendToStream(commandMarkerStream(run.commandId), marker));
      } catch (error) {
        process.emitWarning(
          `Command marker for command ${run.commandId} (stream ${streamId}, revision ${first.revision}) was not written: ${String(error)}`,
          { code: 'LEDGER_COMMAND_MARKER_MISSING' },
        );
      }
    }
  }

  /** Reserves every id, or none: on a duplicate the ids reserved so far are released again. */
  private async reserveEventIds(streamId: string, ids: string[]): Promise<Reservation[]> {
    const outcomes = await mapWithConcurrency(ids, RESERVATION_CONCURRENCY, (id) => this.reserveEventId(streamId, id));
    const reserved = outcomes.filter((outcome): outcome is Reservation => outcome !== undefined);
    const duplicateIndex = outcomes.findIndex((outcome) => outcome === undefined);
    if (duplicateIndex >= 0) {
      await this.releaseEventIds(reserved);
      throw new DuplicateEventIdError(ids[duplicateIndex] as string);
    }
    return reserved;
  }

  /** The reservation, or undefined when the id is already taken. */
  private async reserveEventId(streamId: string, id: string): Promise<Reservation | undefined> {
    const stream = eventIdStream(id);
    const reserve = (expectedRevision: bigint | typeof NO_STREAM) =>
      this.client.appendToStream(stream, jsonEvent({ type: EVENT_ID_RESERVED_TYPE, data: { streamId } }), {
        expectedRevision,
      });
    try {
      const { nextExpectedRevision } = await reserve(NO_STREAM);
      return { stream, revision: nextExpectedRevision };
    } catch (error) {
      if (!(error instanceof EsdbWrongExpectedVersionError) || error.actualVersion === 'no_stream') throw error;
      // The id was reserved before; it is free again only if that reservation was released.
      const [last] = await this.readRaw(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1n });
      if (last?.event?.type !== EVENT_ID_RELEASED_TYPE) return undefined;
      try {
        const { nextExpectedRevision } = await reserve(last.event.revision);
        return { stream, revision: nextExpectedRevision };
      } catch (retryError) {
        if (retryError instanceof EsdbWrongExpectedVersionError) return undefined;
        throw retryError;
      }
    }
  }

  /** Best effort: a release that fails leaves the id reserved, which only ever refuses that id. */
  private async releaseEventIds(reservations: Reservation[]): Promise<void> {
    await mapWithConcurrency(reservations, RESERVATION_CONCURRENCY, async ({ stream, revision }) => {
      try {
        await this.client.appendToStream(stream, jsonEvent({ type: EVENT_ID_RELEASED_TYPE, data: {} }), {
          expectedRevision: revision,
        });
      } catch {
        // Deliberately ignored: see the method comment.
      }
    });
  }
}

interface Reservation {
  stream: string;
  revision: bigint;
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

/** Bookkeeping after a committed append is retried a few times before giving up. */
const POST_APPEND_ATTEMPTS = 3;

async function withRetries<T>(operation: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < POST_APPEND_ATTEMPTS; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
