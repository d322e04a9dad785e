/**
 * One way to run any command: controllers build an ExecuteDecider with the feature's decider;
 * the single handler loads, decides and appends through the CommandPipeline.
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import type { CommandEnvelope, CommandPipeline, CommandResult } from '@ledger/application';
import type { Decider, DomainEvent } from '@ledger/domain';
import type { Decision } from '@ledger/regulations';
import { actorOf, type Principal } from '../auth/roles';
import type { LedgerMetrics } from '../metrics/ledger-metrics';
import { COMMAND_PIPELINE, METRICS } from '../tokens';

export class ExecuteDecider<TCommand = unknown> {
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly decider: Decider<TCommand, DomainEvent<string, any>, unknown>,
    readonly command: TCommand,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(ExecuteDecider)
export class ExecuteDeciderHandler implements ICommandHandler<ExecuteDecider, CommandResult> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
  ) {}

  execute(command: ExecuteDecider): Promise<CommandResult> {
    return this.metrics.timeCommand(command.envelope.commandName, () =>
      this.pipeline.execute(command.decider, command.command, command.envelope),
    );
  }
}

export type LedgerRequest = FastifyRequest & {
  principal?: Principal;
  /** Set when the request runs a command a second person approved (four-eyes). */
  approval?: CommandEnvelope['approval'];
};

/** The envelope of a command from its HTTP request: id, body hash input, actor, business time. */
export function envelopeOf(
  request: LedgerRequest,
  commandName: string,
  body: { commandId: string },
  occurredAt: string,
): CommandEnvelope {
  if (!request.principal) throw new Error('envelopeOf called on an unauthenticated request');
  const correlation = request.headers['x-correlation-id'];
  return {
    commandId: body.commandId,
    commandName,
    body: asSent(body),
    actor: actorOf(request.principal),
    ...(request.approval ? { approval: request.approval } : {}),
    occurredAt,
    correlationId: typeof correlation === 'string' && correlation.length <= 100 ? correlation : undefined,
  };
}

/** The body with the ids the route took from its path: both are part of the command's identity. */
export const withPathIds = (body: { commandId: string }, ids: Record<string, string>): { commandId: string } => ({
  ...body,
  ...ids,
});

/**
 * The body as the client sent it: book-specific details flattened back beside the declared fields,
 * so the idempotency hash does not depend on how the API sorts fields into a command.
 */
function asSent(body: { commandId: string; details?: Record<string, unknown> }): Record<string, unknown> {
  const { details, ...declared } = body;
  return details ? { ...declared, ...details } : declared;
}

export interface EventView {
  eventId: string;
  type: string;
  revision: number;
  position: number;
  data: Record<string, unknown>;
}

export interface CommandResponse {
  streamId: string;
  position: number | null;
  events: EventView[];
  decision?: Decision;
  decisions?: Decision[];
}

/**
 * The response is a function of the recorded events only, so a resent command id gets exactly
 * the first response back.
 */
export function commandResponse(result: CommandResult): CommandResponse {
  const events = result.events.map((e) => ({
    eventId: e.id,
    type: e.type,
    revision: e.revision,
    position: e.position,
    data: e.data,
  }));
  const decisions = result.events
    .map((e) => (e.data as { decision?: Decision }).decision)
    .filter((d): d is Decision => d !== undefined && d !== null);
  const response: CommandResponse = { streamId: result.streamId, position: result.position, events };
  if (decisions.length === 1) response.decision = decisions[0];
  if (decisions.length > 1) {
    response.decision = decisions[0];
    response.decisions = decisions;
  }
  return response;
}
