import {
  ConflictException,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { catchError, from, type Observable } from 'rxjs';
import {
  ApprovalRequiredError,
  approvalIdOf,
  RequestApprovalCommand,
  type Clock,
  type CommandResult,
  type ReadModels,
} from '@ledger/application';
import type { ApprovalDocument } from '@ledger/projections';
import { actorOf } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { CLOCK, READ_MODELS } from '../tokens';
import { approvalView, recordedApproval } from './approval-view';

/**
 * A command whose money out is above the four-eyes threshold (the pipeline refuses its append) is
 * held instead: recorded as an approval request with the request as it arrived, answered 202.
 * Sent again (the same command id, so the same approval), it is answered as its approval stands:
 * 202 while pending, 409 APPROVAL_REJECTED once rejected (asking again takes a new command id).
 */
@Injectable()
export class FourEyesInterceptor implements NestInterceptor {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
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
    const recorded = await recordedApproval(this.readModels, approvalId);
    if (recorded !== undefined && recorded.status !== 'pending') throw decidedAlready(recorded, body.commandId);
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

/**
 * An approved request ran under its own command id, so a resend is answered by that command's
 * first answer before it gets here; what reaches this is a rejected one (or a race with the approval).
 */
function decidedAlready(approval: ApprovalDocument, commandId: string): ConflictException {
  const by = approval.decidedBy ? ` by ${approval.decidedBy.userId}` : '';
  const when = approval.decidedAt ? ` at ${approval.decidedAt}` : '';
  return new ConflictException({
    error: approval.status === 'rejected' ? 'APPROVAL_REJECTED' : 'APPROVAL_DECIDED',
    message:
      approval.status === 'rejected'
        ? `Command ${commandId} was held for approval ${approval.approvalId} and rejected${by}${when}${approval.reason ? `: ${approval.reason}` : ''}; it was not executed. To ask again, send it with a new commandId`
        : `Command ${commandId} was held for approval ${approval.approvalId}, which is already ${approval.status}${by}${when}`,
    approval: approvalView(approval),
  });
}
