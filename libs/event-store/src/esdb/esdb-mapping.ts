/**
 * Pure translations between the port and @eventstore/db-client: expected revisions, errors,
 * positions, recorded events, and the names of the adapter's own bookkeeping streams.
 *
 * Positions. EventStoreDB gives every record in `$all` a (commit, prepare) pair. An append over
 * gRPC is one implicit transaction whose events are each written as a self-committing prepare
 * record, and for those the server reports commit == prepare == the record's own log position
 * (KurrentDB AllReader: `new CommitEventRecord(eventRecord, prepare.LogPosition)`). So each event
 * of a multi-event append has its own commit position, and commit positions grow strictly in
 * `$all` order: that is the port's LogPosition. The prepare position is no alternative: only for
 * the legacy explicit TCP transactions do the two differ, and then all events of the transaction
 * share the commit record's position while their prepare positions may lie before events of
 * other transactions committed earlier, i.e. prepare order is not `$all` order. Such events would
 * give equal positions, which an exclusive checkpoint would silently skip; the adapter therefore
 * asserts strictly increasing positions wherever it reads and fails loudly instead.
 */
import { randomUUID } from 'node:crypto';
import {
  ANY,
  AppendExpectedRevision,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  Position,
  ReadRevision,
  START,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  jsonEvent,
  EventData,
  AllStreamResolvedEvent,
  ResolvedEvent,
} from '@eventstore/db-client';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  DuplicateEventIdError,
  EventStoreDeadlineError,
  EventMetadata,
  ExpectedRevision,
  LogPosition,
  MAX_READ_COUNT,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  StreamRevision,
  WrongExpectedVersionError,
  appendedEventBytes,
} from '../event-store.port';

export const MAX_EVENTS_PER_APPEND = 10_000;
export const MAX_STREAM_ID_LENGTH = 1_000;
export const MAX_EVENT_TYPE_LENGTH = 256;
export const MAX_COMMAND_ID_LENGTH = 200;

/**
 * Marker streams that versions before decision D25 wrote per command (`ledger-command-<id>`,
 * pointing at the events of the command). Nothing writes them any more; readByCommandId still
 * reads them, so commands recorded then are found as before.
 */
export const COMMAND_MARKER_STREAM_PREFIX = 'ledger-command-';
export const COMMAND_MARKER_EVENT_TYPE = 'LedgerCommandRecorded';
/** Id reservations of versions before decision D25; no longer written, still hidden from reads. */
export const EVENT_ID_STREAM_PREFIX = 'ledger-event-id-';
/** Aggregate snapshots (docs/decisions.md D24): one stream per aggregate, keeping its latest two. */
export const SNAPSHOT_STREAM_PREFIX = 'ledger-snapshot-';
export const SNAPSHOT_EVENT_TYPE = 'LedgerAggregateSnapshot';

const INTERNAL_STREAM_PREFIXES = [
  COMMAND_MARKER_STREAM_PREFIX,
  EVENT_ID_STREAM_PREFIX,
  SNAPSHOT_STREAM_PREFIX,
] as const;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Server-side stream-name filter for subscriptions: no system streams (`$...`, which also covers
 * `$$` metadata streams) and none of the adapter's bookkeeping streams.
 */
export const LEDGER_STREAMS_REGEX = `^(?!\\$|${INTERNAL_STREAM_PREFIXES.map(escapeRegex).join('|')})`;

export interface CommandMarker {
  streamId: string;
  firstRevision: StreamRevision;
  count: number;
}

export interface PreparedAppend {
  ids: string[];
  eventData: EventData[];
  /** What the append counts against the byte limit. */
  bytes: number;
}

/**
 * Connection-string options that would change what an error means to the port, refused at start
 * instead of surfacing as wrong answers: with throwOnAppendFailure=false the client reports a lost
 * expected-revision race as `{ success: false }`, which the adapter would take for a success.
 */
const REFUSED_OPTIONS: ReadonlyArray<{ option: string; refused: (value: string) => boolean; why: string }> = [
  {
    option: 'throwOnAppendFailure',
    refused: (value) => value.toLowerCase() !== 'true',
    why: 'the ledger needs a failed append (e.g. a lost expected-revision race) to throw; remove the option',
  },
];

/** Refuses a connection string whose options change error semantics, naming the option. */
export function checkConnectionString(connectionString: string): void {
  if (typeof connectionString !== 'string' || !/^esdb(\+discover)?:\/\//i.test(connectionString))
    throw new TypeError('EVENTSTORE_URL must be an esdb:// or esdb+discover:// connection string');
  const query = connectionString.includes('?') ? connectionString.slice(connectionString.indexOf('?') + 1) : '';
  for (const [key, value] of new URLSearchParams(query)) {
    const refused = REFUSED_OPTIONS.find(({ option }) => option.toLowerCase() === key.toLowerCase());
    if (refused?.refused(value))
      throw new TypeError(`EVENTSTORE_URL option ${key}=${value} is not supported: ${refused.why}`);
  }
}

// ---------------------------------------------------------------- names and filters

export function commandMarkerStream(commandId: string): string {
  checkCommandId(commandId);
  return `${COMMAND_MARKER_STREAM_PREFIX}${commandId}`;
}

export function eventIdStream(eventId: string): string {
  return `${EVENT_ID_STREAM_PREFIX}${eventId.toLowerCase()}`;
}

export function snapshotStream(streamId: string): string {
  return `${SNAPSHOT_STREAM_PREFIX}${streamId}`;
}

/** True for events the port shows: not system events, not the adapter's bookkeeping. */
export function isLedgerEvent(streamId: string, eventType: string): boolean {
  return !streamId.startsWith('$') && !eventType.startsWith('$') && !isInternalStream(streamId);
}

export function isInternalStream(streamId: string): boolean {
  return INTERNAL_STREAM_PREFIXES.some((prefix) => streamId.startsWith(prefix));
}

// ---------------------------------------------------------------- input checks

export function checkStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new TypeError(`Stream id must be a string of 1..${MAX_STREAM_ID_LENGTH} characters`);
  }
  if (streamId.startsWith('$') || isInternalStream(streamId)) {
    throw new TypeError(`Stream id ${streamId} is reserved (system or ledger bookkeeping stream)`);
  }
}

export function checkCommandId(commandId: string): void {
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > MAX_COMMAND_ID_LENGTH) {
    throw new TypeError(`commandId must be a string of 1..${MAX_COMMAND_ID_LENGTH} characters`);
  }
}

export function checkExpectedRevision(expected: ExpectedRevision | undefined): ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new TypeError(
    `Expected revision must be 'any', 'no_stream', 'stream_exists' or a revision >= 0, got ${String(expected)}`,
  );
}

export function checkAfterPosition(afterPosition: LogPosition | undefined): LogPosition {
  if (afterPosition === undefined) return -1;
  if (!Number.isSafeInteger(afterPosition) || afterPosition < -1) {
    throw new RangeError(`afterPosition must be an integer >= -1, got ${String(afterPosition)}`);
  }
  return afterPosition;
}

export function boundedCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return MAX_READ_COUNT;
  if (!Number.isInteger(maxCount) || maxCount < 0)
    throw new RangeError(`maxCount must be an integer >= 0, got ${maxCount}`);
  return Math.min(maxCount, MAX_READ_COUNT);
}

// ---------------------------------------------------------------- port -> client

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function toEsdbReadStreamOptions(options: ReadStreamOptions, maxCount: number) {
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards')
    throw new TypeError(`Unknown direction ${String(direction)}`);
  return {
    direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
    fromRevision: toReadRevision(options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end')),
    maxCount: BigInt(maxCount),
  } as const;
}

function toReadRevision(from: StreamRevision | 'start' | 'end'): ReadRevision {
  if (from === 'start') return START;
  if (from === 'end') return END;
  if (!Number.isSafeInteger(from) || from < 0)
    throw new RangeError(`fromRevision must be 'start', 'end' or >= 0, got ${String(from)}`);
  return BigInt(from);
}

/**
 * A read of `$all` that includes the event at `afterPosition` (reads are inclusive); callers drop
 * it. Valid because our events have commit == prepare (see the module comment).
 */
export function readPositionAfter(afterPosition: LogPosition): Position | typeof START {
  if (afterPosition < 0) return START;
  return { commit: BigInt(afterPosition), prepare: BigInt(afterPosition) };
}

/** Validates the events and turns them into client event data, refusing an append over the byte limit. */
export function prepareAppend(streamId: string, events: NewEvent[], maxAppendBytes: number): PreparedAppend {
  if (!Array.isArray(events) || events.length === 0) throw new TypeError('An append needs at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new RangeError(`An append holds at most ${MAX_EVENTS_PER_APPEND} events, got ${events.length}`);
  }
  const ids: string[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  const eventData = events.map((event) => {
    const id = checkEvent(event);
    if (seen.has(id)) throw new DuplicateEventIdError(id);
    seen.add(id);
    ids.push(id);
    const metadata = event.metadata ?? {};
    bytes += appendedEventBytes(event.type, JSON.stringify(event.data), JSON.stringify(metadata));
    return jsonEvent({ id, type: event.type, data: event.data, metadata });
  });
  if (bytes > maxAppendBytes) throw new AppendTooLargeError(streamId, bytes, maxAppendBytes);
  return { ids, eventData, bytes };
}

function checkEvent(event: NewEvent): string {
  if (typeof event !== 'object' || event === null) throw new TypeError('An event must be an object');
  if (event.id !== undefined && (typeof event.id !== 'string' || !UUID_PATTERN.test(event.id))) {
    throw new TypeError(`Event id must be a UUID, got ${String(event.id)}`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > MAX_EVENT_TYPE_LENGTH) {
    throw new TypeError(`Event type must be a string of 1..${MAX_EVENT_TYPE_LENGTH} characters`);
  }
  if (event.type.startsWith('$')) throw new TypeError(`Event type ${event.type} is reserved for system events`);
  if (!isPlainObject(event.data)) throw new TypeError(`Event ${event.type}: data must be an object`);
  if (event.metadata !== undefined && !isPlainObject(event.metadata)) {
    throw new TypeError(`Event ${event.type}: metadata must be an object`);
  }
  const commandId = event.metadata?.commandId;
  if (commandId !== undefined) checkCommandId(commandId);
  // Lower case, as EventStoreDB returns UUIDs, so both adapters report the same id.
  return (event.id ?? randomUUID()).toLowerCase();
}

// ---------------------------------------------------------------- client -> port

/**
 * The port's error for a failed append: a lost race, an append over the server's size limit, or,
 * when the call ended without an answer (deadline, connection lost, cancelled), an unknown outcome
 * that the command pipeline resolves by reading the stream again. Anything else passes unchanged.
 */
export function toAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof EsdbWrongExpectedVersionError) return fromEsdbWrongExpectedVersion(error, streamId, expected);
  if (error instanceof MaxAppendSizeExceededError)
    return new AppendTooLargeError(streamId, undefined, error.maxAppendSize);
  if (
    error instanceof EventStoreDeadlineError ||
    error instanceof DeadlineExceededError ||
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof UnknownError
  )
    return new AppendOutcomeUnknownError(streamId, `EventStoreDB gave no answer (${error.message})`, { cause: error });
  return error;
}

export function fromEsdbWrongExpectedVersion(
  error: EsdbWrongExpectedVersionError,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedVersionError {
  const actual = error.actualVersion === 'no_stream' ? 'no_stream' : toSafeNumber(error.actualVersion, 'revision');
  return new WrongExpectedVersionError(streamId, expected, actual);
}

/** What servers before 22.6 put in the position of an event read from a stream: "unknown". */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

export function toLogPosition(position: Position | undefined, eventId: string): LogPosition {
  if (!position || position.commit === UNKNOWN_POSITION) {
    throw new Error(
      `EventStoreDB returned event ${eventId} without a log position; stream reads carry positions only on servers 22.6 and newer`,
    );
  }
  return toSafeNumber(position.commit, 'commit position');
}

export function toSafeNumber(value: bigint, what: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0)
    throw new RangeError(`EventStoreDB ${what} ${value} does not fit the port`);
  return number;
}

/**
 * The port's view of a resolved event, or undefined when it is not a ledger event (system
 * events, bookkeeping streams, links to deleted events).
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !isLedgerEvent(event.streamId, event.type)) return undefined;
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new Error(`Event ${event.id} in ${event.streamId} is not a JSON object; the ledger writes only JSON events`);
  }
  const metadata = event.metadata === undefined ? {} : event.metadata;
  if (!isPlainObject(metadata)) throw new Error(`Event ${event.id} in ${event.streamId} has non-object metadata`);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position: toLogPosition(event.position, event.id),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: metadata as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}

export function toCommandMarker(resolved: ResolvedEvent): CommandMarker | undefined {
  const event = resolved.event;
  if (!event || event.type !== COMMAND_MARKER_EVENT_TYPE || !event.isJson || !isPlainObject(event.data))
    return undefined;
  const { streamId, firstRevision, count } = event.data;
  if (typeof streamId !== 'string' || !Number.isSafeInteger(firstRevision) || !Number.isSafeInteger(count)) {
    throw new Error(`Malformed command marker ${event.id} in ${event.streamId}`);
  }
  return { streamId, firstRevision: firstRevision as number, count: count as number };
}

/** Fails loudly on a repeated or decreasing position instead of letting a checkpoint skip events. */
export function assertAfter(previous: LogPosition, event: RecordedEvent): void {
  if (event.position <= previous) {
    throw new Error(
      `EventStoreDB position ${event.position} of event ${event.id} does not follow ${previous}; ` +
        'events written in an explicit transaction share a commit position and cannot be checkpointed one by one',
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
