/**
 * The write path (docs/architecture.md "Write path"): load the stream, fold it with `evolve`,
 * `decide`, append at the exact revision read, retry a bounded number of times on a lost race.
 *
 * Idempotent per command id, atomically on every engine and without bookkeeping streams
 * (docs/decisions.md D25): every event carries the command id and a hash of the command body, and
 * the pipeline recognises a repeated command from the stream it has just read (the stream's latest
 * COMMAND_WINDOW commands are kept with the folded state). Recognition and append use the same
 * revision, so a copy of a command that raced its first copy, or a retry after a crash or a lost
 * acknowledgement, finds it there and gets the first result; a reuse with another body is a
 * conflict. Where the engine indexes command ids (the embedded log), commands older than the
 * window and command ids reused on another stream are found log-wide too.
 *
 * Every command appends to one stream. Work that follows in other streams (invoice numbers, the
 * scheduler's records, key destruction) runs as its own command, with a command id derived from
 * the first one's recorded outcome, so each step is idempotent on its own stream.
 *
 * Long streams cost O(1) per command (docs/decisions.md D24): aggregates that declare a snapshot
 * spec are folded with personal data withheld (their state holds none), kept in memory between
 * commands and snapshotted beside the log, so a command folds only the events appended since.
 */
import { createHash } from 'node:crypto';
import {
  AppendOutcomeUnknownError,
  canonicalJson,
  MAX_READ_COUNT,
  newEventId,
  WrongExpectedVersionError,
  type EventActor,
  type EventStore,
  type NewEvent,
  type PersonalDataAccess,
  type RecordedEvent,
} from '@ledger/event-store';
import type { Decider, DecideContext, DomainEvent } from '@ledger/domain';
import type { RulebookRegistry } from '@ledger/regulations';
import { AggregateCache, CommandWindow, type FoldedAggregate } from './aggregate-cache';
import type { Clock } from './clock';
import { KeyedMutex } from './keyed-mutex';

export interface CommandEnvelope {
  /** Client-generated idempotency key. */
  commandId: string;
  /** Name of the command (route); part of the idempotency hash. */
  commandName: string;
  /** The command body as received, for the idempotency hash. */
  body: unknown;
  /** Who issued it: the user (a person or a service account), how they authenticated and from where. */
  actor: EventActor;
  /** A command held for a second person's approval (four-eyes) and now approved by them. */
  approval?: { approvalId: string; approvedBy: EventActor };
  /** Business time of the act. */
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
  /** The deadline the scheduler fires with this command: recorded with its events, which mark it done. */
  deadlineId?: string;
}

export interface CommandResult {
  streamId: string;
  /** `$all` position of the last event appended (or of the first response, on a resend). */
  position: number | null;
  events: RecordedEvent[];
  /** True when this was a resend of a command already recorded: nothing was appended. */
  replayed: boolean;
}

/** The same command id was used before with a different body (HTTP 409). */
export class CommandIdConflictError extends Error {
  readonly error = 'COMMAND_ID_CONFLICT';
  constructor(readonly commandId: string) {
    super(`Command id ${commandId} was already used with a different body`);
    this.name = 'CommandIdConflictError';
  }
}

/** The command lost the race for its stream more often than the retry budget (HTTP 409). */
export class ConcurrencyConflictError extends Error {
  readonly error = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamId} changed concurrently ${attempts} times; try again`);
    this.name = 'ConcurrencyConflictError';
  }
}

export const MAX_APPEND_ATTEMPTS = 5;
/** Folded aggregates kept in memory, counted in events folded into them (about 100-400 bytes each). */
export const DEFAULT_AGGREGATE_CACHE_EVENTS = 200_000;
/** A snapshot is stored once this many events were folded since the last one. */
export const DEFAULT_SNAPSHOT_EVERY_EVENTS = 500;

/**
 * Looks at what a command decided before it is appended; throwing refuses the append (the
 * four-eyes rule holds large payouts for approval this way, whatever command produces them).
 */
export type DecisionGate = (events: readonly DomainEvent[], envelope: CommandEnvelope) => void;

export interface CommandPipelineOptions {
  gate?: DecisionGate;
  aggregateCacheEvents?: number;
  snapshotEveryEvents?: number;
  /** Where snapshots that could not be stored or used are reported (default: a process warning). */
  onWarning?: (message: string) => void;
}

/** How an event refers to a decision recorded earlier in the same command (see toNewEvents). */
export const decisionReference = (streamId: string, revision: number): string => `${streamId}@${revision}`;

export function commandHash(commandName: string, body: unknown): string {
  return createHash('sha256').update(commandName).update('\0').update(canonicalJson(body)).digest('hex');
}

export async function readWholeStream(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision: events.length, maxCount: MAX_READ_COUNT });
    events.push(...page);
    if (page.length < MAX_READ_COUNT) return events;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pipeline runs deciders of every command type
type AnyDecider = Decider<any, any, any>;

/** evolve refused an event of the stream (a broken invariant): the log or the kept state is wrong. */
class FoldError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: number,
    cause: unknown,
  ) {
    super(`evolve failed on ${streamId} at revision ${revision}: ${String(cause)}`, { cause });
    this.name = 'FoldError';
  }
}

export class CommandPipeline {
  /**
   * Commands for one stream run one at a time in this process, so racing requests queue instead
   * of burning their retries; the expected-revision check still guards against other processes.
   */
  private readonly streamLocks = new KeyedMutex();
  private readonly aggregates: AggregateCache;
  private readonly snapshotEveryEvents: number;
  private readonly warn: (message: string) => void;
  private readonly gate: DecisionGate | undefined;

  constructor(
    private readonly store: EventStore,
    /** The rulebooks the deciders decide by (handlers read acts' requirements from them too). */
    readonly rulebooks: RulebookRegistry,
    private readonly clock: Clock,
    options: CommandPipelineOptions = {},
  ) {
    this.aggregates = new AggregateCache(options.aggregateCacheEvents ?? DEFAULT_AGGREGATE_CACHE_EVENTS);
    this.snapshotEveryEvents = options.snapshotEveryEvents ?? DEFAULT_SNAPSHOT_EVERY_EVENTS;
    if (!Number.isSafeInteger(this.snapshotEveryEvents) || this.snapshotEveryEvents < 1)
      throw new RangeError(`snapshotEveryEvents must be a positive integer, got ${this.snapshotEveryEvents}`);
    this.gate = options.gate;
    this.warn = options.onWarning ?? ((message) => process.emitWarning(message, { code: 'LEDGER_SNAPSHOT' }));
  }

  /**
   * `beforeAppend` runs once the command is known to be new and decided with events, right before
   * they are appended: a claim of an id in another stream (D54), so a refused or resent command
   * claims nothing. It must be idempotent (it runs again when the append is retried).
   */
  async execute<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    command: TCommand,
    envelope: CommandEnvelope,
    beforeAppend?: () => Promise<void>,
  ): Promise<CommandResult> {
    const streamId = decider.streamIdOf(command);
    return this.streamLocks.run(streamId, () =>
      this.executeUnlocked(decider, streamId, command, envelope, beforeAppend),
    );
  }

  /**
   * Current state of an aggregate (e.g. to enrich a command with an offering's terms). The state
   * may be the one the pipeline keeps for the stream: read it at once, never change or keep it.
   */
  async loadState<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    streamId: string,
  ): Promise<{ state: TState; revision: number | undefined }> {
    return this.streamLocks.run(streamId, async () => {
      const { state, revision } = await this.load<TState>(decider, streamId);
      return { state, revision };
    });
  }

  /**
   * What the command would record now, appending nothing: the same load and `decide` as execute
   * (the stream's state, the rulebooks, the clock as record time), so a command sent next with
   * nothing in between decides the same. A command id already recorded is not looked up: a quote
   * answers "what if", not "what was".
   */
  async quote<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    command: TCommand,
  ): Promise<{ streamId: string; revision: number | undefined; events: TEvent[] }> {
    const streamId = decider.streamIdOf(command);
    return this.streamLocks.run(streamId, async () => {
      const aggregate = await this.load<TState>(decider, streamId);
      const ctx: DecideContext = { rulebooks: this.rulebooks, recordedAt: this.clock.now().toISOString() };
      return { streamId, revision: aggregate.revision, events: decider.decide(command, aggregate.state, ctx) };
    });
  }

  /** Every event of a stream, from the log (a handler reading facts of another aggregate). */
  readStream(streamId: string): Promise<RecordedEvent[]> {
    return readWholeStream(this.store, streamId);
  }

  private async executeUnlocked<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    streamId: string,
    command: TCommand,
    envelope: CommandEnvelope,
    beforeAppend: (() => Promise<void>) | undefined,
  ): Promise<CommandResult> {
    const hash = commandHash(envelope.commandName, envelope.body);
    for (let attempt = 1; ; attempt++) {
      const aggregate = await this.load<TState>(decider, streamId);
      const recorded = await this.recorded(aggregate, streamId, envelope.commandId, hash);
      if (recorded) return recorded;
      // The last race may have been lost to a copy of this very command: the load above looked.
      if (attempt > MAX_APPEND_ATTEMPTS) throw new ConcurrencyConflictError(streamId, MAX_APPEND_ATTEMPTS);

      const ctx: DecideContext = { rulebooks: this.rulebooks, recordedAt: this.clock.now().toISOString() };
      const decided = decider.decide(command, aggregate.state, ctx);
      if (decided.length === 0) return { streamId, position: null, events: [], replayed: false };
      this.gate?.(decided, envelope);
      await beforeAppend?.();

      const firstRevision = (aggregate.revision ?? -1) + 1;
      try {
        const result = await this.store.append(
          streamId,
          this.toNewEvents(decided, envelope, hash, streamId, firstRevision),
          { expectedRevision: aggregate.revision ?? 'no_stream' },
        );
        return { streamId, position: result.position, events: result.events, replayed: false };
      } catch (error) {
        // Lost the race, or the engine could not say whether the events were committed: read the
        // stream again; a committed append of ours is then recognised above.
        if (error instanceof WrongExpectedVersionError || error instanceof AppendOutcomeUnknownError) continue;
        throw error;
      }
    }
  }

  /** The first result of a command already recorded, from the stream just read (or log-wide). */
  private async recorded(
    aggregate: FoldedAggregate<unknown>,
    streamId: string,
    commandId: string,
    hash: string,
  ): Promise<CommandResult | undefined> {
    const known = aggregate.commands.find(commandId);
    if (known) {
      // An event without a command hash (not written by this pipeline) cannot show a conflict.
      if (known.hash !== '' && known.hash !== hash) throw new CommandIdConflictError(commandId);
      const events = await this.store.readStream(streamId, {
        fromRevision: known.first,
        maxCount: known.last - known.first + 1,
      });
      if (events.length > 0 && events.every((event) => event.metadata.commandId === commandId))
        return { streamId, position: events[events.length - 1]!.position, events, replayed: true };
    }
    if (!this.store.indexesCommandIds) return undefined;
    const events = await this.store.readByCommandId(commandId);
    const first = events[0];
    if (!first) return undefined;
    if (first.metadata.commandHash !== hash) throw new CommandIdConflictError(commandId);
    return { streamId: first.streamId, position: events[events.length - 1]!.position, events, replayed: true };
  }

  /**
   * The aggregate folded up to the stream's last event, with the stream's latest commands. An
   * aggregate with a snapshot spec starts from the copy kept in memory, else from its snapshot,
   * else from nothing, and folds the events after it; a snapshot whose event is no longer at its
   * revision, or a fold that fails from a kept state, starts over from the first event.
   */
  private async load<TState>(decider: AnyDecider, streamId: string): Promise<FoldedAggregate<TState>> {
    const spec = decider.snapshot;
    if (!spec) return this.fold<TState>(decider, streamId, this.empty(decider, ''), 'open', false);
    const version = `${spec.name}@${spec.version}`;
    const kept = this.aggregates.take<TState>(streamId, version);
    const start = kept ?? (await this.fromSnapshot<TState>(streamId, version));
    let aggregate: FoldedAggregate<TState>;
    try {
      aggregate = await this.fold(decider, streamId, start ?? this.empty(decider, version), 'withheld', !kept);
    } catch (error) {
      if (!start || !(error instanceof FoldError)) throw error;
      this.warn(`Folding ${streamId} from a kept state failed (${String(error.cause)}); folding the whole stream`);
      aggregate = await this.fold(decider, streamId, this.empty(decider, version), 'withheld', false);
    }
    this.aggregates.put(streamId, aggregate);
    this.snapshotIfDue(streamId, aggregate);
    return aggregate;
  }

  private empty<TState>(decider: AnyDecider, version: string): FoldedAggregate<TState> {
    return {
      version,
      state: decider.initialState() as TState,
      revision: undefined,
      eventId: undefined,
      commands: new CommandWindow(),
      snapshotRevision: -1,
    };
  }

  /**
   * Folds the events after `start`. With `checkAnchor` (a start read from a snapshot) the event at
   * the start's revision must still be the one it was folded from; otherwise the log is not the one
   * the snapshot was taken of, and the fold starts over from the first event.
   */
  private async fold<TState>(
    decider: AnyDecider,
    streamId: string,
    start: FoldedAggregate<TState>,
    personalData: PersonalDataAccess,
    checkAnchor: boolean,
  ): Promise<FoldedAggregate<TState>> {
    let aggregate = start;
    let anchor = checkAnchor && aggregate.revision !== undefined;
    let from = aggregate.revision === undefined ? 0 : aggregate.revision + (anchor ? 0 : 1);
    for (;;) {
      const page = await this.store.readStream(streamId, {
        fromRevision: from,
        maxCount: MAX_READ_COUNT,
        personalData,
      });
      let events = page;
      if (anchor) {
        anchor = false;
        if (page[0]?.id !== aggregate.eventId) {
          this.warn(`The snapshot of ${streamId} does not match the log at revision ${from}; folding the whole stream`);
          aggregate = this.empty(decider, aggregate.version);
          from = 0;
          continue;
        }
        events = page.slice(1);
      }
      let { state } = aggregate;
      for (const event of events) {
        try {
          state = decider.evolve(state, { type: event.type, data: event.data });
        } catch (error) {
          throw new FoldError(streamId, event.revision, error);
        }
        const { commandId, commandHash: hash } = event.metadata;
        if (typeof commandId === 'string') aggregate.commands.note(commandId, hash ?? '', event.revision);
        aggregate.revision = event.revision;
        aggregate.eventId = event.id;
      }
      aggregate.state = state;
      if (page.length < MAX_READ_COUNT) return aggregate;
      from = page[page.length - 1]!.revision + 1;
    }
  }

  private async fromSnapshot<TState>(streamId: string, version: string): Promise<FoldedAggregate<TState> | undefined> {
    const snapshots = this.store.snapshots;
    if (!snapshots) return undefined;
    try {
      const snapshot = await snapshots.readSnapshot(streamId, version);
      if (!snapshot) return undefined;
      const body = JSON.parse(snapshot.body) as { state: TState; commands: unknown };
      return {
        version,
        state: body.state,
        revision: snapshot.revision,
        eventId: snapshot.eventId,
        commands: CommandWindow.fromJSON(body.commands),
        snapshotRevision: snapshot.revision,
      };
    } catch (error) {
      this.warn(`The snapshot of ${streamId} could not be used (${String(error)}); folding the whole stream`);
      return undefined;
    }
  }

  /**
   * Serialised now (evolve may change the state in place later), stored in the background: a
   * snapshot is an optimisation, and one that cannot be stored only makes a later load fold more.
   */
  private snapshotIfDue(streamId: string, aggregate: FoldedAggregate<unknown>): void {
    const snapshots = this.store.snapshots;
    const { revision, eventId } = aggregate;
    if (!snapshots || revision === undefined || eventId === undefined) return;
    if (revision - aggregate.snapshotRevision < this.snapshotEveryEvents) return;
    aggregate.snapshotRevision = revision;
    const body = JSON.stringify({ state: aggregate.state, commands: aggregate.commands });
    snapshots
      .writeSnapshot({ streamId, version: aggregate.version, revision, eventId, body })
      .catch((error: unknown) => this.warn(`The snapshot of ${streamId} was not stored: ${String(error)}`));
  }

  /**
   * `decide` cannot know event ids, so an event that cites a decision made in the same command
   * (e.g. a refund entitlement) refers to it as `<streamId>@<revision>` (decisionReference);
   * here that reference becomes the decision's real id: the id of the event that records it.
   */
  private toNewEvents(
    decided: DomainEvent[],
    envelope: CommandEnvelope,
    hash: string,
    streamId: string,
    firstRevision: number,
  ): NewEvent[] {
    const events = decided.map((e) => this.toNewEvent(e, envelope, hash));
    const decisionIds = new Map<string, string>();
    events.forEach((event, index) => {
      if (event.data['decision']) decisionIds.set(decisionReference(streamId, firstRevision + index), event.id!);
    });
    if (decisionIds.size === 0) return events;
    return events.map((event) => {
      const cited = event.data['decisionId'];
      const resolved = typeof cited === 'string' ? decisionIds.get(cited) : undefined;
      return resolved ? { ...event, data: { ...event.data, decisionId: resolved } } : event;
    });
  }

  private toNewEvent(event: DomainEvent, envelope: CommandEnvelope, hash: string): NewEvent {
    // Time-ordered (UUIDv7), one set per attempt (docs/decisions.md D25): the log's unique index on
    // event ids grows at its end. An attempt whose outcome is unknown is settled by reading the
    // stream again, never by appending beside it: every attempt appends at the exact revision read.
    const id = newEventId();
    const data = { ...(event.data as Record<string, unknown>) };
    const decision = data['decision'] as { decisionId?: string; rulebook?: unknown; ruleIds?: string[] } | undefined;
    // A decision is identified by the event that records it, so GET /decisions/{id} finds one event.
    if (decision && typeof decision === 'object') data['decision'] = { ...decision, decisionId: id };
    return {
      id,
      type: event.type,
      data,
      metadata: {
        commandId: envelope.commandId,
        commandHash: hash,
        correlationId: envelope.correlationId ?? envelope.commandId,
        causationId: envelope.causationId ?? envelope.commandId,
        actor: envelope.actor,
        occurredAt: envelope.occurredAt,
        ...(envelope.deadlineId ? { deadlineId: envelope.deadlineId } : {}),
        ...(envelope.approval ? { approval: envelope.approval } : {}),
        ...(decision?.rulebook ? { rulebook: decision.rulebook as { id: string; version: string } } : {}),
        ...(decision?.ruleIds ? { ruleIds: decision.ruleIds } : {}),
      },
    };
  }
}
