/**
 * The event store port. Both adapters (embedded SQLite, EventStoreDB) keep these semantics, and
 * the contract suite in test/contract/event-store.contract.ts checks them against each adapter.
 *
 * Numbers: stream revisions start at 0 and are consecutive per stream. Positions in `$all` are
 * strictly increasing in commit order (gapless on SQLite; EventStoreDB commit positions are
 * increasing but not consecutive). Both fit in a JS number for any realistic log size.
 */

export type StreamRevision = number;
export type LogPosition = number;

/** Expected revision of the stream before the append, as in EventStoreDB. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

/** Envelope metadata every event carries (docs/design.md "Events"). Extra keys are allowed. */
export interface EventMetadata {
  commandId?: string;
  /** Hash of the command body: the same command id with a different body is a conflict. */
  commandHash?: string;
  correlationId?: string;
  causationId?: string;
  actor?: string;
  /** Business time: when it happened (ISO 8601 with offset). */
  occurredAt?: string;
  /** Schema version of `data`; upcasters lift older versions on read. Default 1. */
  schemaVersion?: number;
  /** For decision events: which rulebook and rules decided it. */
  rulebook?: { id: string; version: string };
  ruleIds?: string[];
  [key: string]: unknown;
}

export interface NewEvent<TData = Record<string, unknown>> {
  /** Unique event id (UUID). Generated when absent. Appending an id that exists is rejected. */
  id?: string;
  type: string;
  data: TData;
  metadata?: EventMetadata;
}

export interface RecordedEvent<TData = Record<string, unknown>> {
  id: string;
  streamId: string;
  revision: StreamRevision;
  position: LogPosition;
  type: string;
  data: TData;
  metadata: EventMetadata;
  /** Record time: when the store committed it (ISO 8601, UTC). */
  recordedAt: string;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event appended: the expected revision for the next append. */
  nextExpectedRevision: StreamRevision;
  /** Position of the last event appended. */
  position: LogPosition;
  /** The events as recorded (with revision, position, record time), in order. */
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Default: 'start' forwards, 'end' backwards. */
  fromRevision?: StreamRevision | 'start' | 'end';
  /** Upper bound on events returned; adapters cap it at MAX_READ_COUNT. */
  maxCount?: number;
  /** As for `$all` (PersonalDataAccess): aggregates whose state holds no personal data read `withheld`. */
  personalData?: PersonalDataAccess;
}

/**
 * How personal fields read on `$all`: `open` decrypts them (the default), `withheld` reads every
 * encrypted field as WITHHELD without touching a key. Readers that never need personal data
 * (projections) ask for `withheld`: nothing personal reaches them, and no key is looked up.
 * Adapters without personal-data handling ignore it (their fields stay sealed).
 */
export type PersonalDataAccess = 'open' | 'withheld';

export interface ReadAllOptions {
  /** Exclusive: events with a position strictly greater. Omit to read from the beginning. */
  afterPosition?: LogPosition;
  maxCount?: number;
  personalData?: PersonalDataAccess;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: the subscription yields events strictly after it. */
  afterPosition?: LogPosition;
  signal?: AbortSignal;
  personalData?: PersonalDataAccess;
}

/** A live, ordered feed of `$all`. Iterate with `for await`; `close()` ends the iteration. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface StreamMetadata {
  maxAge?: number;
  maxCount?: number;
  [key: string]: unknown;
}

/** Hard cap on any single read, so no caller can make the store materialise an unbounded list. */
export const MAX_READ_COUNT = 10_000;

/**
 * Upper bound on the bytes of one append (data, metadata and type of every event, as UTF-8 JSON),
 * checked before anything is sent. EventStoreDB refuses appends over its MaxAppendSize (1 MiB by
 * default) on the server; both adapters refuse the same appends up front with AppendTooLargeError.
 */
export const MAX_APPEND_BYTES = 1_000_000;

/**
 * The state of one aggregate folded up to a revision, stored beside the log so a long stream
 * loads from it plus the events after it (docs/decisions.md D24). Disposable: never trusted over
 * the log (the event at `revision` must still have `eventId`), ignored whenever `version` differs,
 * and never holding plaintext personal data (only aggregates folded with personal data withheld
 * are snapshotted).
 */
export interface AggregateSnapshot {
  streamId: string;
  /** The state's shape and evolve version (and the upcasters'); any other version is ignored. */
  version: string;
  /** Revision of the last event folded in. */
  revision: StreamRevision;
  /** Id of that event. */
  eventId: string;
  /** The folded state and what else the write path keeps per stream, as JSON text. */
  body: string;
}

export interface SnapshotStore {
  /** The stream's snapshot written under `version`, or undefined (none, another version, unreadable). */
  readSnapshot(streamId: string, version: string): Promise<AggregateSnapshot | undefined>;
  /** Replaces the stream's snapshot. Best effort: a snapshot that cannot be stored is skipped. */
  writeSnapshot(snapshot: AggregateSnapshot): Promise<void>;
}

export interface EventStore {
  /**
   * True when readByCommandId finds every command's events log-wide (the embedded log indexes
   * command ids). False on EventStoreDB, where it finds only what older versions recorded in marker
   * streams; a command is then recognised from its own stream (the command pipeline keeps the ids).
   * Absent reads as false.
   */
  readonly indexesCommandIds?: boolean;
  /** Snapshots of long streams stored beside the log; absent when the engine keeps none. */
  readonly snapshots?: SnapshotStore;
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Current revision of a stream, or undefined when it does not exist. */
  streamRevision(streamId: string): Promise<StreamRevision | undefined>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Every event appended under a command id (idempotency look-up), in log order. */
  readByCommandId(commandId: string): Promise<RecordedEvent[]>;
  /** Position of the newest event in `$all`, or -1 when the log is empty. */
  headPosition(): Promise<LogPosition>;
  getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;
  /** Storage readiness for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or 'no_stream'. */
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`Wrong expected version on stream ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} already exists in the log`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The append's events exceed MAX_APPEND_BYTES (or the server's own limit); nothing was appended. */
export class AppendTooLargeError extends RangeError {
  readonly code = 'APPEND_TOO_LARGE';
  constructor(
    readonly streamId: string,
    readonly bytes: number | undefined,
    readonly limitBytes: number,
  ) {
    super(
      `An append to ${streamId} ${bytes === undefined ? 'exceeds' : `is ${bytes} bytes, over`} the limit of ${limitBytes} bytes per append`,
    );
    this.name = 'AppendTooLargeError';
  }
}

/**
 * The engine did not say whether the append was committed (a deadline passed, the connection
 * dropped, the events were committed but could not be read back). Retrying the same command is
 * safe: the command pipeline recognises a command already recorded in its stream.
 */
export class AppendOutcomeUnknownError extends Error {
  readonly code = 'APPEND_OUTCOME_UNKNOWN';
  constructor(
    readonly streamId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Append to ${streamId}: ${message}`, options);
    this.name = 'AppendOutcomeUnknownError';
  }
}

/** The engine did not answer a read within its deadline. */
export class EventStoreDeadlineError extends Error {
  readonly code = 'EVENT_STORE_DEADLINE';
  constructor(
    readonly operation: string,
    readonly deadlineMs: number,
  ) {
    super(`The event store did not answer ${operation} within ${deadlineMs} ms`);
    this.name = 'EventStoreDeadlineError';
  }
}

/** UTF-8 bytes an event takes in an append (data, metadata, type), as the limit counts them. */
export function appendedEventBytes(type: string, dataJson: string, metadataJson: string): number {
  return Buffer.byteLength(type) + Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
}

/** Checks an expected revision against the stream's actual state; the one rule both adapters share. */
export function satisfiesExpectedRevision(expected: ExpectedRevision, actual: StreamRevision | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === undefined;
  if (expected === 'stream_exists') return actual !== undefined;
  return actual === expected;
}
