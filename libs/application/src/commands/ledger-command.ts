/**
 * Every command enters the ledger by one door: a LedgerCommand sent to the CommandBus, whose
 * handler (one per command type) loads what the command needs, lets the aggregate decide and
 * appends with the expected revision (CommandPipeline). The API, the scheduler and the process
 * managers send the same commands; nothing on the write path decides from a read model.
 */
import { Inject, Optional, type Type } from '@nestjs/common';
import { CommandHandler, type ICommand } from '@nestjs/cqrs';
import type { Decider, DomainEvent } from '@ledger/domain';
import type { CommandEnvelope, CommandPipeline, CommandResult } from '../command-pipeline';
import { COMMAND_OBSERVER, COMMAND_PIPELINE } from '../tokens';

/** What a command does (`payload`) and who sent it when, with which idempotency key (`envelope`). */
export abstract class LedgerCommand<TPayload extends object = object> implements ICommand {
  constructor(
    readonly payload: TPayload,
    readonly envelope: CommandEnvelope,
  ) {}
}

/**
 * Where commands are sent: Nest's CommandBus in the API, any object with this method elsewhere
 * (a process without Nest, a test). The scheduler and the process managers depend on this only.
 */
export interface CommandDispatcher {
  execute(command: LedgerCommand): Promise<CommandResult>;
}

/**
 * A command field a handler finds invalid once it has loaded what the command needs (e.g. a fact
 * the rulebook of the enrolment asks for): HTTP 400 naming the field, like a DTO check.
 */
export class CommandFieldError extends Error {
  readonly error = 'VALIDATION_FAILED';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'CommandFieldError';
  }
}

/** The fields of a domain command without its discriminating `type`. */
export type PayloadOf<C extends { type: string }> = Omit<C, 'type'>;

/** A LedgerCommand class for a domain command type (the class name is the command's name). */
export type LedgerCommandClass<TPayload extends object> = Type<LedgerCommand<TPayload>>;

/** Sees every command a handler runs (metrics: latency by command type and outcome). */
export interface CommandObserver {
  timeCommand<T>(command: string, work: () => Promise<T>): Promise<T>;
}

/** Runs a command's work under the observer, when there is one. */
export function observed<T>(
  observer: CommandObserver | undefined,
  command: string,
  work: () => Promise<T>,
): Promise<T> {
  return observer ? observer.timeCommand(command, work) : work();
}

/**
 * A handler that turns its command into the aggregate's domain command (loading what it needs
 * from other aggregates' streams first) and runs it through the pipeline.
 */
export abstract class DecidingHandler<TCommand extends LedgerCommand, TDomain, TEvent extends DomainEvent, TState> {
  protected abstract readonly decider: Decider<TDomain, TEvent, TState>;

  constructor(
    @Inject(COMMAND_PIPELINE) protected readonly pipeline: CommandPipeline,
    @Optional() @Inject(COMMAND_OBSERVER) protected readonly observer?: CommandObserver,
  ) {}

  /** The domain command, enriched with facts read from the log (never from a read model). */
  protected abstract toDomain(command: TCommand): TDomain | Promise<TDomain>;

  /** What the command would record now, appending nothing (the same `toDomain` and `decide`). */
  async quote(command: TCommand): Promise<{ streamId: string; revision: number | undefined; events: TEvent[] }> {
    return this.pipeline.quote(this.decider, await this.toDomain(command));
  }

  /**
   * Claims what must be the aggregate's alone across streams (claimGlobalId, D54), once the
   * command is decided with events and right before they are appended: never for a quote, a
   * refusal or a resend, which append nothing.
   */
  protected claimIds?(command: TCommand): Promise<void>;

  execute(command: TCommand): Promise<CommandResult> {
    return observed(this.observer, command.envelope.commandName, async () =>
      this.pipeline.execute(
        this.decider,
        await this.toDomain(command),
        command.envelope,
        this.claimIds && (() => this.claimIds!(command)),
      ),
    );
  }
}

/**
 * A command that needs nothing beyond its aggregate's own stream: its command class (named
 * `<type>Command`) and its handler class (`<type>Handler`), made alike for every such type.
 */
export function plainCommand<
  TDomain extends { type: string },
  TEvent extends DomainEvent,
  TState,
  T extends TDomain['type'],
>(decider: Decider<TDomain, TEvent, TState>, type: T) {
  type Payload = PayloadOf<Extract<TDomain, { type: T }>>;
  const commandClass = { [`${type}Command`]: class extends LedgerCommand<Payload> {} }[`${type}Command`]!;
  const handlerClass = {
    [`${type}Handler`]: class extends DecidingHandler<LedgerCommand<Payload>, TDomain, TEvent, TState> {
      protected readonly decider = decider;
      protected toDomain({ payload }: LedgerCommand<Payload>): TDomain {
        return { type, ...payload } as unknown as TDomain;
      }
    },
  }[`${type}Handler`]!;
  CommandHandler(commandClass)(handlerClass);
  return { command: commandClass as LedgerCommandClass<Payload>, handler: handlerClass };
}
