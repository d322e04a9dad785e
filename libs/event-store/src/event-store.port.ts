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

export interface EventStore {
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

/** Checks an expected revision against the stream's actual state; the one rule both adapters share. */
export function satisfiesExpectedRevision(expected: ExpectedRevision, actual: StreamRevision | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === undefined;
  if (expected === 'stream_exists') return actual !== undefined;
  return actual === expected;
}
