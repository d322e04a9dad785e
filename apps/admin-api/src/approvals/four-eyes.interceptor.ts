import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { catchError, from, type Observable } from 'rxjs';
import {
  ApprovalRequiredError,
  approvalIdOf,
  RequestApprovalCommand,
  type Clock,
  type CommandResult,
} from '@ledger/application';
import { actorOf } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { CLOCK } from '../tokens';

/**
 * A command whose money out is above the four-eyes threshold (the pipeline refuses its append) is
 * held instead: recorded as an approval request with the request as it arrived, answered 202.
 */
@Injectable()
export class FourEyesInterceptor implements NestInterceptor {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof ApprovalRequiredError)) throw error;
        return from(this.hold(context, error));
      }),
    );
  }

  private async hold(context: ExecutionContext, required: ApprovalRequiredError) {
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const body = request.body as { commandId?: string };
    if (!request.principal || typeof body?.commandId !== 'string') throw required;
    const approvalId = approvalIdOf(body.commandId);
    const commandName = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const now = this.clock.now().toISOString();
    const held = { method: request.method, url: request.url, body, commandId: body.commandId, commandName };
    const result = await this.commandBus.execute<RequestApprovalCommand, CommandResult>(
      new RequestApprovalCommand(
        {
          approvalId,
          request: held,
          amountCents: required.amountCents,
          outgoing: required.outgoing,
          requestedBy: actorOf(request.principal),
          requesterRoles: [...request.principal.roles],
          requestedAt: now,
        },
        {
          commandId: approvalId,
          commandName: 'RequestApproval',
          body: held,
          actor: actorOf(request.principal),
          occurredAt: now,
        },
      ),
    );
    context.switchToHttp().getResponse<FastifyReply>().status(202);
    return {
      approval: {
        approvalId,
        status: 'pending',
        amountCents: required.amountCents,
        thresholdCents: required.thresholdCents,
      },
      message: `${required.message}: held until a second person with the finance role approves it (POST /approvals/${approvalId}/approve)`,
      streamId: result.streamId,
      position: result.position,
    };
  }
}
