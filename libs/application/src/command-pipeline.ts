/**
 * The write path (design.md): load the stream, fold it with `evolve`, `decide`, append with the
 * expected revision read, retry a bounded number of times on a lost race. Idempotent per command
 * id: the command id and a hash of the command body are stored with the events, so a resend
 * returns the first result (also after a restart) and a reuse with another body is a conflict.
 */
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  MAX_READ_COUNT,
  newEventId,
  WrongExpectedVersionError,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '@ledger/event-store';
import type { Decider, DecideContext, DomainEvent } from '@ledger/domain';
import type { RulebookRegistry } from '@ledger/regulations';
import type { Clock } from './clock';
import { KeyedMutex } from './keyed-mutex';

export interface CommandEnvelope {
  /** Client-generated idempotency key. */
  commandId: string;
  /** Name of the command (route); part of the idempotency hash. */
  commandName: string;
  /** The command body as received, for the idempotency hash. */
  body: unknown;
  /** Who issued it (role and key fingerprint, never the key). */
  actor: string;
  /** Business time of the act. */
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
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

export class CommandPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly rulebooks: RulebookRegistry,
    private readonly clock: Clock,
  ) {}

  /**
   * Commands for one stream run one at a time in this process, so racing requests queue instead
   * of burning their retries; the expected-revision check still guards against other processes.
   */
  private readonly streamLocks = new KeyedMutex();

  async execute<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    command: TCommand,
    envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const streamId = decider.streamIdOf(command);
    return this.streamLocks.run(streamId, () => this.executeUnlocked(decider, streamId, command, envelope));
  }

  /** Current state of an aggregate (e.g. to enrich a command with an offering's terms). */
  async loadState<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    streamId: string,
  ): Promise<{ state: TState; revision: number | undefined }> {
    const { state, expectedRevision } = await this.load(decider, streamId);
    return { state, revision: typeof expectedRevision === 'number' ? expectedRevision : undefined };
  }

  private async executeUnlocked<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    streamId: string,
    command: TCommand,
    envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const hash = commandHash(envelope.commandName, envelope.body);
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      const earlier = await this.findRecorded(envelope.commandId, hash);
      if (earlier) return earlier;

      const { state, expectedRevision } = await this.load(decider, streamId);
      const ctx: DecideContext = { rulebooks: this.rulebooks, recordedAt: this.clock.now().toISOString() };
      let decided: TEvent[];
      try {
        decided = decider.decide(command, state, ctx);
      } catch (error) {
        // Another process may have recorded this very command between our look-up and our read;
        // its effect then refuses the copy. The copy must get the first answer, not the refusal.
        const recorded = await this.findRecorded(envelope.commandId, hash);
        if (recorded) return recorded;
        throw error;
      }
      if (decided.length === 0) {
        const recorded = await this.findRecorded(envelope.commandId, hash);
        return recorded ?? { streamId, position: null, events: [], replayed: false };
      }

      try {
        const firstRevision = typeof expectedRevision === 'number' ? expectedRevision + 1 : 0;
        const result = await this.store.append(
          streamId,
          this.toNewEvents(decided, envelope, hash, streamId, firstRevision),
          {
            expectedRevision,
          },
        );
        return { streamId, position: result.position, events: result.events, replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    // The race may have been lost to a copy of this very command in another process.
    const recorded = await this.findRecorded(envelope.commandId, hash);
    if (recorded) return recorded;
    throw new ConcurrencyConflictError(streamId, MAX_APPEND_ATTEMPTS);
  }

  private async findRecorded(commandId: string, hash: string): Promise<CommandResult | undefined> {
    const events = await this.store.readByCommandId(commandId);
    const first = events[0];
    if (!first) return undefined;
    if (first.metadata.commandHash !== hash) throw new CommandIdConflictError(commandId);
    return { streamId: first.streamId, position: events[events.length - 1]!.position, events, replayed: true };
  }

  private async load<TCommand, TEvent extends DomainEvent, TState>(
    decider: Decider<TCommand, TEvent, TState>,
    streamId: string,
  ): Promise<{ state: TState; expectedRevision: ExpectedRevision }> {
    const events = await readWholeStream(this.store, streamId);
    let state = decider.initialState();
    for (const event of events) state = decider.evolve(state, { type: event.type, data: event.data } as TEvent);
    const last = events[events.length - 1];
    return { state, expectedRevision: last ? last.revision : 'no_stream' };
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
    // Time-ordered (UUIDv7): the log's unique index on event ids then grows at its end.
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
        ...(decision?.rulebook ? { rulebook: decision.rulebook as { id: string; version: string } } : {}),
        ...(decision?.ruleIds ? { ruleIds: decision.ruleIds } : {}),
      },
    };
  }
}
