/**
 * HTTP to command and back: the envelope of a command from its request, and the response from the
 * command's recorded events. Controllers send LedgerCommands (libs/application/src/commands) to
 * the CommandBus; each command type has its own handler.
 */
import type { FastifyRequest } from 'fastify';
import type { CommandEnvelope, CommandResult } from '@ledger/application';
import type { Decision } from '@ledger/regulations';
import { actorOf, type Principal } from '../auth/roles';

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
