import { mkdirSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  AllSubscription,
  AppendOptions,
  AppendResult,
  AppendTooLargeError,
  DuplicateEventIdError,
  EventMetadata,
  EventStore,
  ExpectedRevision,
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
  WrongExpectedVersionError,
  appendedEventBytes,
  satisfiesExpectedRevision,
} from '../event-store.port';
import { canonicalJson } from '../canonical-json';
import { ChainAnchor, type AnchoredHead } from './chain-anchor';
import { newEventId } from './event-ids';
import { GENESIS_HASH, chainHash } from './hash-chain';
import { LogPageSource, LogSubscription } from './log-subscription';
import { migrate } from './schema';
import { SqliteSnapshotStore, defaultSnapshotFile } from './sqlite-snapshot-store';

export interface SqliteEventStoreOptions {
  /** Path of the SQLite file; its directory is created when missing. */
  file: string;
  /** Commit everything queued in one transaction (default true); false commits each append alone. */
  groupCommit?: boolean;
  /** Upper bound on events per group-commit transaction (an append larger than this commits alone). */
  maxBatchSize?: number;
  /** How often a caught-up subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
  /** Record time source; injectable so tests are deterministic. */
  clock?: () => Date;
  /** How long a write waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /** Back-pressure: appends are refused while this many events wait to be committed. */
  maxQueuedEvents?: number;
  /**
   * A SQLite file of its own (not the log) that keeps the chain head after every commit, so events
   * cut off the log's end are detected (chain-anchor.ts). Without it truncation goes unseen.
   */
  anchorFile?: string;
  /** Told about every committed write transaction (metrics: events per group commit). */
  onCommit?: (commit: { appends: number; events: number }) => void;
  /** Upper bound on the bytes of one append (default MAX_APPEND_BYTES, as on EventStoreDB). */
  maxAppendBytes?: number;
  /**
   * File of the aggregate snapshots kept beside the log (default `<log name>.snapshots.sqlite` in the
   * log's directory); false keeps none.
   */
  snapshotFile?: string | false;
}

export interface SqliteEventStoreStats {
  /** Write transactions committed. */
  readonly commits: number;
  /** Appends committed (rejected appends are not counted). */
  readonly appends: number;
  /** Events committed. */
  readonly events: number;
  /** Batches that hit a duplicate event id and ran again with an id look-up per event. */
  readonly duplicateRetries: number;
  /** Reads of a stream from past its known end, answered without a query (see `knownRevisions`). */
  readonly streamReadsAnsweredFromMemory: number;
}

export type ChainVerification =
  | { ok: true; checked: number; anchor?: AnchorSummary }
  | { ok: false; reason: 'altered'; checked: number; position: LogPosition; eventId: string }
  | { ok: false; reason: 'truncated' | 'replaced'; checked: number; headPosition: LogPosition; anchor: AnchorSummary };

/** The chain head kept outside the log (hash as hex). */
export interface AnchorSummary {
  file: string;
  position: LogPosition;
  hash: string;
  anchoredAt: string;
}

/** The quick check at start: the log's head against its anchor, without walking the chain. */
export type AnchorCheck =
  | { ok: true; anchor?: AnchorSummary; headPosition: LogPosition }
  | { ok: false; reason: 'truncated' | 'replaced'; anchor: AnchorSummary; headPosition: LogPosition; message: string };

/** Thrown when appends arrive faster than the disk commits them and the queue is full. */
export class EventStoreOverloadedError extends Error {
  readonly code = 'EVENT_STORE_OVERLOADED';
  constructor(readonly queuedEvents: number) {
    super(`Event store write queue is full (${queuedEvents} events waiting); retry later`);
    this.name = 'EventStoreOverloadedError';
  }
}

export const MAX_EVENTS_PER_APPEND = 10_000;
export const MAX_STREAM_ID_LENGTH = 1_000;
export const MAX_EVENT_TYPE_LENGTH = 256;
/** Streams whose last revision a connection remembers at most (then it starts over). */
const MAX_KNOWN_REVISIONS = 100_000;

const DEFAULT_MAX_BATCH_SIZE = 1_000;
const DEFAULT_POLL_INTERVAL_MS = 50;
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_QUEUED_EVENTS = 100_000;
const SUBSCRIPTION_PAGE_SIZE = 500;
const VERIFY_PAGE_SIZE = 1_000;
/** After a checkpoint the WAL file is truncated back to this size, so it cannot grow without bound. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** Page cache of the store's connection (SQLite's default is 2 MiB). */
const PAGE_CACHE_KIB = 64 * 1024;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PreparedEvent {
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
  commandId: string | null;
  /** What the event counts against the append's byte limit. */
  bytes: number;
}

interface PendingAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: PreparedEvent[];
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

interface ChainRow extends EventRow {
  hash: Buffer;
}

const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an append is
 * acknowledged only once it is on disk. Appends are queued and committed in groups (one fsync for
 * many appends); each append is still checked against its own expected revision and fails alone.
 * Positions and revisions are assigned inside the write transaction, so every reader, in this
 * process or another, sees the log grow only at its end and without gaps.
 */
export class SqliteEventStore implements EventStore {
  /** The log indexes command ids, so readByCommandId finds any command's events. */
  readonly indexesCommandIds = true;
  private readonly queue: PendingAppend[] = [];
  private queuedEvents = 0;
  private flushScheduled = false;
  private closing = false;
  private closed: Promise<void> | undefined;
  private readonly subscriptions = new Set<LogSubscription>();
  private readonly counters = {
    commits: 0,
    appends: 0,
    events: 0,
    duplicateRetries: 0,
    streamReadsAnsweredFromMemory: 0,
  };
  /**
   * The last revision of streams this connection appended to or read to their end, valid while no
   * other connection has committed (SQLite's `data_version` is unchanged). A command catching its
   * cached aggregates up (its own stream and the customer, learner and offering it checks) asks for
   * events past their known end several times per command: those reads are answered from here.
   */
  private readonly knownRevisions = new Map<string, number>();
  private knownAtDataVersion: number | undefined;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly commitBatch: Database.Transaction<
    (batch: PendingAppend[], checkEventIds: boolean) => AppendOutcome[]
  >;
  private readonly pageSource: LogPageSource;
  /**
   * Subscription pages read since the last commit in this turn of the event loop, by position:
   * every subscription woken by a commit asks for the same page, and reads it once between them.
   * Dropped at the next commit and at the end of the turn, so nothing newer can hide behind it.
   */
  private readonly sharedPages = new Map<LogPosition, RecordedEvent[]>();
  private sharedPagesExpire = false;
  /** Head written by the last write transaction; read only after that transaction committed. */
  private writtenHead: { position: LogPosition; hash: Buffer } | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly groupCommit: boolean,
    private readonly maxBatchSize: number,
    private readonly pollIntervalMs: number,
    private readonly maxQueuedEvents: number,
    private readonly maxAppendBytes: number,
    private readonly clock: () => Date,
    private readonly anchor: ChainAnchor | undefined,
    private readonly onCommit: SqliteEventStoreOptions['onCommit'],
    readonly snapshots: SqliteSnapshotStore | undefined,
  ) {
    this.statements = prepareStatements(db);
    this.knownAtDataVersion = this.statements.dataVersion.get() as number;
    this.commitBatch = db.transaction((batch: PendingAppend[], checkEventIds: boolean) =>
      this.writeBatch(batch, checkEventIds),
    );
    this.pageSource = {
      readPageAfter: (position) => this.subscriptionPage(position),
      isClosing: () => this.closing,
      forget: (subscription) => this.subscriptions.delete(subscription),
    };
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const maxBatchSize = positiveInteger('maxBatchSize', options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
    const pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    const busyTimeoutMs = positiveInteger('busyTimeoutMs', options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    const maxQueuedEvents = positiveInteger('maxQueuedEvents', options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS);
    const maxAppendBytes = positiveInteger('maxAppendBytes', options.maxAppendBytes ?? MAX_APPEND_BYTES);
    mkdirSync(dirname(options.file), { recursive: true });
    const db = new Database(options.file);
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      const journalMode = db.pragma('journal_mode = WAL', { simple: true });
      if (journalMode !== 'wal')
        throw new Error(`SQLite refused WAL mode for ${options.file} (got ${String(journalMode)})`);
      // FULL: the WAL is fsynced at every commit, so an acknowledged append survives power loss.
      db.pragma('synchronous = FULL');
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
      // The unique indexes are probed and extended on every append; keep their hot pages in memory.
      db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    let anchor: ChainAnchor | undefined;
    try {
      anchor = options.anchorFile ? ChainAnchor.open(options.anchorFile, { busyTimeoutMs }) : undefined;
    } catch (error) {
      db.close();
      throw error;
    }
    const snapshotFile = options.snapshotFile ?? defaultSnapshotFile(options.file);
    let snapshots: SqliteSnapshotStore | undefined;
    try {
      snapshots = snapshotFile === false ? undefined : SqliteSnapshotStore.open(snapshotFile);
    } catch (error) {
      // Snapshots only save folding (docs/decisions.md D24): without them the log works as before.
      process.emitWarning(`Aggregate snapshots are off: ${snapshotFile} could not be opened (${String(error)})`, {
        code: 'LEDGER_SNAPSHOTS_OFF',
      });
    }
    const store = new SqliteEventStore(
      db,
      options.groupCommit ?? true,
      maxBatchSize,
      pollIntervalMs,
      maxQueuedEvents,
      maxAppendBytes,
      options.clock ?? (() => new Date()),
      anchor,
      options.onCommit,
      snapshots,
    );
    // A log that had no anchor yet (a new file, or one from before anchors) is anchored where it is.
    if (anchor && anchor.read() === undefined) {
      const head = store.headNow();
      anchor.advance(head.position, head.hash);
    }
    return store;
  }

  get stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    try {
      if (this.closing) throw new Error('SqliteEventStore is closed');
      checkStreamId(streamId);
      const expectedRevision = checkExpectedRevision(options?.expectedRevision);
      const prepared = prepareEvents(events);
      const bytes = prepared.reduce((sum, event) => sum + event.bytes, 0);
      if (bytes > this.maxAppendBytes) throw new AppendTooLargeError(streamId, bytes, this.maxAppendBytes);
      if (this.queuedEvents + prepared.length > this.maxQueuedEvents) {
        throw new EventStoreOverloadedError(this.queuedEvents);
      }
      return new Promise<AppendResult>((resolve, reject) => {
        this.enqueue({ streamId, expectedRevision, events: prepared, resolve, reject });
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkStreamId(streamId);
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards')
      throw new TypeError(`Unknown direction ${String(direction)}`);
    const limit = boundedCount(options.maxCount);
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (direction === 'forwards') {
      const knownEnd = this.knownRevision(streamId);
      if (typeof from === 'number' && knownEnd === from - 1) {
        this.counters.streamReadsAnsweredFromMemory += 1;
        return [];
      }
      const rows = this.statements.readStreamForwards.all(streamId, revisionBound(from), limit) as EventRow[];
      const last = rows[rows.length - 1];
      if (last !== undefined && rows.length < limit) this.rememberRevision(streamId, last.revision);
      return rows.map(toRecordedEvent);
    }
    return (this.statements.readStreamBackwards.all(streamId, revisionBound(from), limit) as EventRow[]).map(
      toRecordedEvent,
    );
  }

  async streamRevision(streamId: string): Promise<StreamRevision | undefined> {
    this.assertOpen();
    checkStreamId(streamId);
    return this.currentRevision(streamId);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readAllNow(checkAfterPosition(options.afterPosition), boundedCount(options.maxCount));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = new LogSubscription(
      this.pageSource,
      checkAfterPosition(options.afterPosition),
      this.pollIntervalMs,
      options.signal,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Another connection to the same log committed (the server's main thread, when projections run
   * in a worker thread): subscriptions read on now rather than at their next poll.
   */
  wakeSubscriptions(): void {
    // A page read before the commit may be empty or short now; a woken subscription reading it
    // again from the shared pages would go back to sleep with the new events unread.
    this.sharedPages.clear();
    for (const subscription of this.subscriptions) subscription.wake();
  }

  async readByCommandId(commandId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (typeof commandId !== 'string' || commandId.length === 0)
      throw new TypeError('commandId must be a non-empty string');
    return (this.statements.readByCommandId.all(commandId, MAX_READ_COUNT) as EventRow[]).map(toRecordedEvent);
  }

  async headPosition(): Promise<LogPosition> {
    this.assertOpen();
    return this.headNow().position;
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    this.assertOpen();
    checkStreamId(streamId);
    const row = this.statements.selectStreamMetadata.get(streamId) as { metadata: string | null } | undefined;
    return row?.metadata === null || row?.metadata === undefined
      ? undefined
      : (JSON.parse(row.metadata) as StreamMetadata);
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    this.assertOpen();
    checkStreamId(streamId);
    if (!isPlainObject(metadata)) throw new TypeError('Stream metadata must be an object');
    this.statements.upsertStreamMetadata.run(streamId, canonicalJson(metadata));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.statements.ping.get();
  }

  /** Commits everything already queued, ends every subscription, then closes the file. */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  /**
   * Recomputes the hash chain from the first event, one bounded page at a time, and names the
   * first event whose stored hash or position does not match; then holds the head against the
   * anchor (when there is one), so events cut off the end are reported too.
   */
  async verifyChain(): Promise<ChainVerification> {
    this.assertOpen();
    const anchored = this.anchor?.read();
    let previousHash: Buffer = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      // A page at a time: appends and reads of others go on in between (a long log takes seconds).
      if (checked > 0) await yieldToEventLoop();
      this.assertOpen();
      const page = this.statements.readChainPage.all(checked - 1, VERIFY_PAGE_SIZE) as ChainRow[];
      for (const row of page) {
        const expected = chainHash(previousHash, chainFields(row));
        if (row.position !== checked || !expected.equals(row.hash)) {
          return { ok: false, reason: 'altered', checked, position: row.position, eventId: row.event_id };
        }
        previousHash = row.hash;
        checked += 1;
      }
      if (page.length < VERIFY_PAGE_SIZE) break;
    }
    if (!anchored) return { ok: true, checked };
    const anchor = this.summarise(anchored);
    const headPosition = checked - 1;
    if (headPosition < anchored.position) return { ok: false, reason: 'truncated', checked, headPosition, anchor };
    if (!this.hashAt(anchored.position).equals(anchored.hash))
      return { ok: false, reason: 'replaced', checked, headPosition, anchor };
    return { ok: true, checked, anchor };
  }

  /**
   * The head against the anchor: one look-up, for every start. Catches a log cut short or put back
   * from an older copy; only verifyChain() sees events altered in place.
   */
  checkAnchor(): AnchorCheck {
    this.assertOpen();
    const head = this.headNow();
    const anchored = this.anchor?.read();
    if (!anchored) return { ok: true, headPosition: head.position };
    const anchor = this.summarise(anchored);
    const file = anchor.file;
    if (head.position < anchored.position)
      return {
        ok: false,
        reason: 'truncated',
        anchor,
        headPosition: head.position,
        message: `The event log ends at position ${head.position}, but its anchor (${file}) records position ${anchored.position}: events were cut off the end of the log, or an older copy of it was put back`,
      };
    if (!this.hashAt(anchored.position).equals(anchored.hash))
      return {
        ok: false,
        reason: 'replaced',
        anchor,
        headPosition: head.position,
        message: `The event at position ${anchored.position} does not have the hash its anchor (${file}) records: the log was replaced by another history`,
      };
    return { ok: true, anchor, headPosition: head.position };
  }

  /**
   * Moves the anchor to the log's current head, even backwards: after an operator has accepted a
   * shorter log, or after a restore. Returns the anchor as it was and as it is now.
   */
  reanchor(): { before: AnchorSummary | undefined; after: AnchorSummary } {
    this.assertOpen();
    if (!this.anchor) throw new Error('This event store was opened without an anchor file');
    const before = this.anchor.read();
    const head = this.headNow();
    this.anchor.replace(head.position, head.hash);
    return {
      before: before ? this.summarise(before) : undefined,
      after: this.summarise(this.anchor.read() as AnchoredHead),
    };
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    while (this.queue.length > 0) this.flushOnce();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
    this.anchor?.close();
    this.snapshots?.close();
  }

  private summarise(anchored: AnchoredHead): AnchorSummary {
    return {
      file: this.anchor?.file ?? '',
      position: anchored.position,
      hash: anchored.hash.toString('hex'),
      anchoredAt: anchored.anchoredAt,
    };
  }

  /** The stored hash of the event at a position (the genesis hash at -1, nothing past the head). */
  private hashAt(position: LogPosition): Buffer {
    if (position < 0) return GENESIS_HASH;
    return (this.statements.selectHashAt.get(position) as Buffer | undefined) ?? Buffer.alloc(0);
  }

  /**
   * The stream's last revision if this connection knows it and no other connection has committed
   * since it learnt it; `PRAGMA data_version` changes exactly when another connection commits.
   */
  private knownRevision(streamId: string): number | undefined {
    const dataVersion = this.statements.dataVersion.get() as number;
    if (dataVersion !== this.knownAtDataVersion) {
      this.knownRevisions.clear();
      this.knownAtDataVersion = dataVersion;
      return undefined;
    }
    return this.knownRevisions.get(streamId);
  }

  private rememberRevision(streamId: string, revision: number): void {
    if (this.knownRevisions.size >= MAX_KNOWN_REVISIONS) this.knownRevisions.clear();
    this.knownRevisions.set(streamId, revision);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('SqliteEventStore is closed');
  }

  private enqueue(append: PendingAppend): void {
    this.queue.push(append);
    this.queuedEvents += append.events.length;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate, not a microtask: every append made in this turn of the event loop joins the batch.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.queue.length === 0 || !this.db.open) return;
      if (this.groupCommit) this.flushOnce();
      else while (this.queue.length > 0) this.flushOnce();
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  /** Takes one batch off the queue and commits it in one transaction. */
  private flushOnce(): void {
    const batch = this.queue.splice(0, this.batchLength());
    for (const append of batch) this.queuedEvents -= append.events.length;
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.commitBatchOptimistically(batch);
    } catch (error) {
      // The transaction rolled back (disk full, lock timeout, ...): nothing in it was written.
      this.writtenHead = undefined;
      for (const append of batch) append.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.counters.commits += 1;
    this.advanceAnchor();
    let appends = 0;
    let events = 0;
    batch.forEach((append, index) => {
      const outcome = outcomes[index] as AppendOutcome;
      if (outcome.ok) {
        appends += 1;
        events += outcome.result.events.length;
      }
      if (outcome.ok) this.rememberRevision(append.streamId, outcome.result.nextExpectedRevision);
      settle(append, outcome);
    });
    this.counters.appends += appends;
    this.counters.events += events;
    this.onCommit?.({ appends, events });
    this.wakeSubscriptions();
  }

  /**
   * The appends are on disk whatever happens here: an anchor that cannot be written stays behind,
   * which only weakens truncation detection for the newest events until the next commit writes it.
   */
  private advanceAnchor(): void {
    const head = this.writtenHead;
    this.writtenHead = undefined;
    if (!this.anchor || !head) return;
    try {
      this.anchor.advance(head.position, head.hash);
    } catch {
      /* see above */
    }
  }

  /**
   * Commits without looking each event id up first: the UNIQUE index on event_id refuses a
   * duplicate anyway, and duplicates are rare (a retried append reusing its ids). When it does,
   * the whole transaction has rolled back and nothing was written, so the batch runs again with
   * the look-ups, which fail only the appends holding a duplicate, as before.
   */
  private commitBatchOptimistically(batch: PendingAppend[]): AppendOutcome[] {
    try {
      return this.commitBatch.immediate(batch, false);
    } catch (error) {
      if (!isEventIdConflict(error)) throw error;
      this.counters.duplicateRetries += 1;
      return this.commitBatch.immediate(batch, true);
    }
  }

  private batchLength(): number {
    if (!this.groupCommit) return 1;
    let length = 0;
    let events = 0;
    for (const append of this.queue) {
      if (length > 0 && events + append.events.length > this.maxBatchSize) break;
      length += 1;
      events += append.events.length;
    }
    return length;
  }

  /**
   * Runs inside BEGIN IMMEDIATE: the head and stream revisions read here cannot change under us.
   * Without checkEventIds a duplicate event id surfaces as the UNIQUE index's error, which rolls
   * the whole batch back (see commitBatchOptimistically).
   */
  private writeBatch(batch: PendingAppend[], checkEventIds: boolean): AppendOutcome[] {
    const recordedAt = recordTime(this.clock);
    const head = this.headNow();
    let position = head.position;
    let hash = head.hash;
    const revisions = new Map<string, StreamRevision | undefined>();
    const touchedStreams = new Set<string>();
    const idsInBatch = checkEventIds ? new Set<string>() : undefined;
    const outcomes: AppendOutcome[] = new Array(batch.length);
    for (let appendIndex = 0; appendIndex < batch.length; appendIndex++) {
      const append = batch[appendIndex] as PendingAppend;
      const { streamId, events } = append;
      const actual = revisions.has(streamId) ? revisions.get(streamId) : this.currentRevision(streamId);
      if (!satisfiesExpectedRevision(append.expectedRevision, actual)) {
        revisions.set(streamId, actual);
        const repeated = this.recordedRepeat(append);
        outcomes[appendIndex] = repeated
          ? {
              ok: true,
              result: {
                nextExpectedRevision: repeated.at(-1)!.revision,
                position: repeated.at(-1)!.position,
                events: repeated,
              },
            }
          : {
              ok: false,
              error: new WrongExpectedVersionError(streamId, append.expectedRevision, actual ?? 'no_stream'),
            };
        continue;
      }
      if (idsInBatch !== undefined) {
        const duplicate = events.find(
          (event) => idsInBatch.has(event.id) || this.statements.eventIdExists.get(event.id),
        );
        if (duplicate) {
          outcomes[appendIndex] = { ok: false, error: new DuplicateEventIdError(duplicate.id) };
          continue;
        }
        for (const event of events) idsInBatch.add(event.id);
      }
      const firstRevision = (actual ?? -1) + 1;
      const recorded: RecordedEvent[] = new Array(events.length);
      for (let index = 0; index < events.length; index++) {
        const event = events[index] as PreparedEvent;
        position += 1;
        const revision = firstRevision + index;
        hash = chainHash(hash, {
          position,
          eventId: event.id,
          streamId,
          revision,
          type: event.type,
          dataJson: event.dataJson,
          metadataJson: event.metadataJson,
          recordedAt,
        });
        this.statements.insertEvent.run(
          position,
          event.id,
          streamId,
          revision,
          event.type,
          event.dataJson,
          event.metadataJson,
          recordedAt,
          event.commandId,
          hash,
        );
        recorded[index] = {
          id: event.id,
          streamId,
          revision,
          position,
          type: event.type,
          data: JSON.parse(event.dataJson) as Record<string, unknown>,
          metadata: JSON.parse(event.metadataJson) as EventMetadata,
          recordedAt,
        };
      }
      const lastRevision = firstRevision + events.length - 1;
      revisions.set(streamId, lastRevision);
      touchedStreams.add(streamId);
      outcomes[appendIndex] = { ok: true, result: { nextExpectedRevision: lastRevision, position, events: recorded } };
    }
    for (const streamId of touchedStreams) this.statements.upsertStreamRevision.run(streamId, revisions.get(streamId));
    this.writtenHead = position > head.position ? { position, hash } : undefined;
    return outcomes;
  }

  /**
   * An exact repeat of an append already committed (the same event ids, in order, right after the
   * same expected revision) answers with the events recorded then, as EventStoreDB's idempotent
   * writes do: a retry after a lost acknowledgement appends nothing and gets the first result.
   */
  private recordedRepeat(append: PendingAppend): RecordedEvent[] | undefined {
    const { expectedRevision, events, streamId } = append;
    if (expectedRevision !== 'no_stream' && typeof expectedRevision !== 'number') return undefined;
    const firstRevision = expectedRevision === 'no_stream' ? 0 : expectedRevision + 1;
    const rows = this.statements.readStreamForwards.all(streamId, firstRevision, events.length) as EventRow[];
    if (rows.length !== events.length || rows.some((row, index) => row.event_id !== events[index]!.id))
      return undefined;
    return rows.map(toRecordedEvent);
  }

  private headNow(): { position: LogPosition; hash: Buffer } {
    const row = this.statements.selectHead.get() as { position: number; hash: Buffer } | undefined;
    return row ?? { position: -1, hash: GENESIS_HASH };
  }

  private currentRevision(streamId: string): StreamRevision | undefined {
    // pluck: the revision itself; NULL (metadata only) and a missing row both read as undefined.
    return (this.statements.selectStreamRevision.get(streamId) as number | null | undefined) ?? undefined;
  }

  /** The events are shared by the subscriptions that read the page: read-only, as records are. */
  private subscriptionPage(afterPosition: LogPosition): RecordedEvent[] {
    const shared = this.sharedPages.get(afterPosition);
    if (shared !== undefined) return shared;
    const page = this.readAllNow(afterPosition, SUBSCRIPTION_PAGE_SIZE);
    this.sharedPages.set(afterPosition, page);
    if (!this.sharedPagesExpire) {
      this.sharedPagesExpire = true;
      setImmediate(() => {
        this.sharedPagesExpire = false;
        this.sharedPages.clear();
      });
    }
    return page;
  }

  private readAllNow(afterPosition: LogPosition, limit: number): RecordedEvent[] {
    return (this.statements.readAll.all(afterPosition, limit) as EventRow[]).map(toRecordedEvent);
  }
}

function prepareStatements(db: Database.Database) {
  return {
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    selectHead: db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1'),
    selectHashAt: db.prepare('SELECT hash FROM events WHERE position = ?').pluck(),
    selectStreamRevision: db.prepare('SELECT revision FROM streams WHERE stream_id = ?').pluck(),
    selectStreamMetadata: db.prepare('SELECT metadata FROM streams WHERE stream_id = ?'),
    eventIdExists: db.prepare('SELECT 1 FROM events WHERE event_id = ?').pluck(),
    insertEvent: db.prepare(
      `INSERT INTO events (${EVENT_COLUMNS}, command_id, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertStreamRevision: db.prepare(
      `INSERT INTO streams (stream_id, revision) VALUES (?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
    ),
    upsertStreamMetadata: db.prepare(
      `INSERT INTO streams (stream_id, revision, metadata) VALUES (?, NULL, ?)
       ON CONFLICT (stream_id) DO UPDATE SET metadata = excluded.metadata`,
    ),
    readStreamForwards: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    ),
    readStreamBackwards: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    readAll: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`),
    readByCommandId: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE command_id = ? ORDER BY position ASC LIMIT ?`,
    ),
    readChainPage: db.prepare(
      `SELECT ${EVENT_COLUMNS}, hash FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    ),
    ping: db.prepare('SELECT 1'),
  };
}

function settle(append: PendingAppend, outcome: AppendOutcome): void {
  if (outcome.ok) append.resolve(outcome.result);
  else append.reject(outcome.error);
}

function chainFields(row: EventRow) {
  return {
    position: row.position,
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    dataJson: row.data,
    metadataJson: row.metadata,
    recordedAt: row.recorded_at,
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: row.recorded_at,
  };
}

function prepareEvents(events: NewEvent[]): PreparedEvent[] {
  if (!Array.isArray(events) || events.length === 0) throw new TypeError('An append needs at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new RangeError(`An append holds at most ${MAX_EVENTS_PER_APPEND} events, got ${events.length}`);
  }
  const ids = new Set<string>();
  return events.map((event) => {
    const prepared = prepareEvent(event);
    if (ids.has(prepared.id)) throw new DuplicateEventIdError(prepared.id);
    ids.add(prepared.id);
    return prepared;
  });
}

function prepareEvent(event: NewEvent): PreparedEvent {
  if (!isPlainObject(event)) throw new TypeError('An event must be an object');
  if (event.id !== undefined && (typeof event.id !== 'string' || !UUID_PATTERN.test(event.id))) {
    throw new TypeError(`Event id must be a UUID, got ${String(event.id)}`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > MAX_EVENT_TYPE_LENGTH) {
    throw new TypeError(`Event type must be a string of 1..${MAX_EVENT_TYPE_LENGTH} characters`);
  }
  if (typeof event.data !== 'object' || event.data === null)
    throw new TypeError(`Event ${event.type}: data must be an object`);
  const metadata = event.metadata ?? {};
  if (!isPlainObject(metadata)) throw new TypeError(`Event ${event.type}: metadata must be an object`);
  const commandId = metadata.commandId;
  if (commandId !== undefined && (typeof commandId !== 'string' || commandId.length === 0)) {
    throw new TypeError(`Event ${event.type}: metadata.commandId must be a non-empty string`);
  }
  const dataJson = canonicalJson(event.data);
  const metadataJson = canonicalJson(metadata);
  return {
    // Lower case, as EventStoreDB returns UUIDs, so both adapters report the same id.
    // Generated ids are time-ordered (event-ids.ts), so the unique index on event_id grows at its end.
    id: event.id === undefined ? newEventId() : event.id.toLowerCase(),
    type: event.type,
    dataJson,
    metadataJson,
    commandId: commandId ?? null,
    bytes: appendedEventBytes(event.type, dataJson, metadataJson),
  };
}

function recordTime(clock: () => Date): string {
  const now = clock();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('The clock returned an invalid date');
  return now.toISOString();
}

function checkStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new TypeError(`Stream id must be a string of 1..${MAX_STREAM_ID_LENGTH} characters`);
  }
}

function checkExpectedRevision(expected: ExpectedRevision | undefined): ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new TypeError(
    `Expected revision must be 'any', 'no_stream', 'stream_exists' or a revision >= 0, got ${String(expected)}`,
  );
}

function checkAfterPosition(afterPosition: LogPosition | undefined): LogPosition {
  if (afterPosition === undefined) return -1;
  if (!Number.isSafeInteger(afterPosition) || afterPosition < -1) {
    throw new RangeError(`afterPosition must be an integer >= -1, got ${String(afterPosition)}`);
  }
  return afterPosition;
}

function boundedCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return MAX_READ_COUNT;
  if (!Number.isInteger(maxCount) || maxCount < 0)
    throw new RangeError(`maxCount must be an integer >= 0, got ${maxCount}`);
  return Math.min(maxCount, MAX_READ_COUNT);
}

/**
 * Inclusive revision bound of a stream read. As in EventStoreDB, forwards from 'end' reads
 * nothing and backwards from 'start' reads only revision 0.
 */
function revisionBound(from: StreamRevision | 'start' | 'end'): number {
  if (from === 'start') return 0;
  if (from === 'end') return Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(from) || from < 0)
    throw new RangeError(`fromRevision must be 'start', 'end' or >= 0, got ${String(from)}`);
  return from;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The UNIQUE index on event_id refused a row: the batch holds an id that is already taken.
 * Duck-typed, not `instanceof Error`: better-sqlite3's native addon keeps the SqliteError class of
 * the first realm that loaded it, so under Jest's per-file module registries it is another realm's.
 */
function isEventIdConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}
