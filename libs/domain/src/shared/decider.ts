/**
 * The Decider pattern (as in event-driven-io/emmett): per feature, pure `decide` and `evolve`.
 * No Nest, no I/O, no clock: time arrives in commands (business time) and in the context.
 */
import type { Decision, RulebookRegistry } from '@ledger/regulations';

/** An event as the domain produces it; the write path adds ids, revisions and envelope metadata. */
export interface DomainEvent<TType extends string = string, TData extends object = Record<string, unknown>> {
  type: TType;
  data: TData;
}

/** Event data that carries a decision of the regulations (fee, refund, right, deadline). */
export interface DecisionEventData {
  decision: Decision;
}

export interface DecideContext {
  rulebooks: RulebookRegistry;
  /** Record time of this command (the ledger's clock), ISO UTC. Rules use business time from the command. */
  recordedAt: string;
}

/**
 * Declares an aggregate whose state holds no personal data (docs/decisions.md D24). The command
 * pipeline then folds its stream with personal data withheld, keeps the folded state in memory
 * between commands and stores snapshots of it beside the log, so a command on a long stream folds
 * only the events appended since. `version` names the state's shape and `evolve`: raise it whenever
 * either changes, and every snapshot taken before is ignored and rebuilt from the log. The state
 * must survive a JSON round trip (records, arrays, strings, numbers, booleans, null).
 */
export interface SnapshotSpec {
  name: string;
  version: number;
}

export interface Decider<TCommand, TEvent extends DomainEvent, TState> {
  /** Stream a command targets; one aggregate instance per stream. */
  streamIdOf(command: TCommand): string;
  initialState(): TState;
  /**
   * The state after the event. May update and return the state it is given (amortised O(1) per
   * event on long streams): a state passed to evolve is consumed; keep only what evolve returns.
   */
  evolve(state: TState, event: TEvent): TState;
  /** Events that record what happened, or a DomainError / RuleViolation. An empty list is a valid no-op. */
  decide(command: TCommand, state: TState, ctx: DecideContext): TEvent[];
  /** Present on aggregates that may be cached and snapshotted (SnapshotSpec). */
  snapshot?: SnapshotSpec;
}

export type DomainErrorStatus = 404 | 409 | 422;

/** A command refused by the aggregate's own invariants (not by a regulation: that is RuleViolation). */
export class DomainError extends Error {
  constructor(
    readonly error: string,
    readonly status: DomainErrorStatus,
    message: string,
    readonly ruleId?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Invariant check for evolve: a broken invariant is a bug or a corrupt log, never user input. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}

export function foldEvents<TEvent extends DomainEvent, TState>(
  decider: Pick<Decider<unknown, TEvent, TState>, 'initialState' | 'evolve'>,
  events: readonly TEvent[],
): TState {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
