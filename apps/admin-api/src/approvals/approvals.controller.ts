/**
 * Four-eyes approvals (docs/api.md "Approvals"): commands held because they would pay or credit
 * out more than LEDGER_FOUR_EYES_CENTS. A second user with the finance role approves one (the
 * held request then runs as it arrived, as the requester's, with the approver recorded beside) or
 * rejects it. The requester cannot approve their own.
 */
import {
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { FastifyInstance } from 'fastify';
import {
  GrantApprovalCommand,
  RejectApprovalCommand,
  type Clock,
  type CommandPipeline,
  type CommandResult,
  type ReadModels,
} from '@ledger/application';
import { APPROVALS_STREAM, approvalsDecider, type Approval, type ApprovalStatus } from '@ledger/domain';
import { APPROVALS, type ApprovalDocument } from '@ledger/projections';
import { ApprovalExecutions } from '../auth/approval-executions';
import { IdentityService } from '../auth/identity.service';
import { actorOf, FinanceReadRoles, hasRole, Roles } from '../auth/roles';
import { envelopeOf, withPathIds, type LedgerRequest } from '../http/commands';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf } from '../http/openapi';
import { CLOCK, COMMAND_PIPELINE, READ_MODELS } from '../tokens';
import { approvalView, recordedApproval } from './approval-view';

export class ApprovalParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  approvalId!: string;
}

export class ApprovalsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: ApprovalStatus;
}

export class ApproveDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;
}

export class RejectDto extends ApproveDto {
  @ApiProperty({ example: 'Amount does not match the agreement' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

/** Approvals per list answer (newest first). */
const MAX_APPROVALS_LISTED = 1_000;

@ApiTags('finance')
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ApprovalExecutions) private readonly executions: ApprovalExecutions,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Doc({
    summary: 'List approvals',
    description: 'Four-eyes approvals, filtered by status (pending, granted, rejected), newest first. Appends nothing.',
    errors: [400],
    response: {
      type: 'array',
      items: objectOf('approvalId, status, requestedBy, command, amountCents, requestedAt, decidedBy, decidedAt'),
    },
  })
  @Get()
  @FinanceReadRoles()
  async list(@Query() query: ApprovalsQuery) {
    await this.readModels.ready();
    const approvals: ApprovalDocument[] = [];
    for await (const page of this.readModels.pages<ApprovalDocument>(APPROVALS.name, APPROVALS.collection, {
      ...(query.status ? { where: { status: query.status } } : {}),
      orderBy: { field: 'requestedAt', direction: 'desc' },
    })) {
      approvals.push(...page.map((item) => item.body));
      if (approvals.length >= MAX_APPROVALS_LISTED) break;
    }
    return { approvals: approvals.slice(0, MAX_APPROVALS_LISTED).map(approvalView) };
  }

  @Doc({
    summary: 'Show an approval',
    description:
      'One four-eyes approval with the held request and who requested and decided it. Appends nothing. 404 APPROVAL_NOT_FOUND.',
    errors: [400, 404],
    response: objectOf('approvalId, status, requestedBy, command, amountCents, requestedAt, decidedBy, decidedAt'),
  })
  @Get(':approvalId')
  @FinanceReadRoles()
  async get(@Param() params: ApprovalParams) {
    return approvalView(await this.recorded(params.approvalId));
  }

  /** Runs the held request as it arrived and records who approved it; 403 for the requester. */
  @Doc({
    summary: 'Approve a held payout or credit',
    description:
      "A second finance user approves: the held request runs as it arrived, under its own command id (so once), with metadata.approval; then ApprovalGranted. 403 OWN_APPROVAL for the requester; 404 APPROVAL_NOT_FOUND; 409 when it is no longer pending or its requester was deactivated (REQUESTER_NOT_ACTIVE); the held command's own 4xx when it is refused by now.",
    errors: [...COMMAND_ERRORS, 403, 404, 422],
    response: CommandResponseSchema,
  })
  @Post(':approvalId/approve')
  @HttpCode(200)
  @Roles('finance')
  async approve(@Param() params: ApprovalParams, @Body() body: ApproveDto, @Req() request: LedgerRequest) {
    const recorded = await this.recorded(params.approvalId);
    const open = await this.open(params.approvalId);
    const approver = request.principal!;
    if (open) {
      if (open.requestedBy.userId === approver.userId)
        throw new ForbiddenException({
          error: 'OWN_APPROVAL',
          message: 'Four-eyes: a request cannot be approved by the user who made it',
        });
      if (!hasRole(approver, 'finance'))
        throw new ForbiddenException({ error: 'FORBIDDEN', message: 'Approving needs the finance role' });
      await this.requireActiveRequester(open);
    }
    const executed = open ? await this.execute(open, request) : recorded.executed;
    const now = this.clock.now().toISOString();
    // A resend after the approval was recorded gets its first answer (or 409 for another command id).
    await this.commandBus.execute<GrantApprovalCommand, CommandResult>(
      new GrantApprovalCommand(
        {
          approvalId: params.approvalId,
          approvedBy: actorOf(approver),
          approvedAt: now,
          executed: executed ?? { status: 0, streamId: null, position: null },
        },
        envelopeOf(request, 'GrantApproval', withPathIds(body, { approvalId: params.approvalId }), now),
      ),
    );
    return approvalView(await this.recorded(params.approvalId));
  }

  @Doc({
    summary: 'Reject a held payout or credit',
    description:
      'Rejects a pending approval: ApprovalRejected; the held request never runs. 404 APPROVAL_NOT_FOUND; 409 when it is no longer pending.',
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
  })
  @Post(':approvalId/rejection')
  @HttpCode(200)
  @Roles('finance')
  async reject(@Param() params: ApprovalParams, @Body() body: RejectDto, @Req() request: LedgerRequest) {
    await this.recorded(params.approvalId);
    const now = this.clock.now().toISOString();
    await this.commandBus.execute<RejectApprovalCommand, CommandResult>(
      new RejectApprovalCommand(
        {
          approvalId: params.approvalId,
          rejectedBy: actorOf(request.principal!),
          rejectedAt: now,
          reason: body.reason,
        },
        envelopeOf(request, 'RejectApproval', withPathIds(body, { approvalId: params.approvalId }), now),
      ),
    );
    return approvalView(await this.recorded(params.approvalId));
  }

  /**
   * The held request, sent through the API again in process with a one-time credential that
   * stands for the requester and carries the approval; its command id makes it run once.
   */
  private async execute(approval: Approval, request: LedgerRequest) {
    const token = this.executions.issue({
      principal: {
        userId: approval.requestedBy.userId,
        kind: approval.requestedBy.kind,
        authMethod: approval.requestedBy.authMethod,
        roles: approval.requesterRoles as never,
      },
      approval: { approvalId: approval.approvalId, approvedBy: actorOf(request.principal!) },
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const response = await fastify.inject({
      method: approval.request.method as 'POST',
      url: approval.request.url,
      payload: JSON.stringify(approval.request.body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    const result = response.json() as { streamId?: string; position?: number };
    // The held command refused now (paid meanwhile, over what is owed): the approval stays pending.
    if (response.statusCode >= 300) throw new HttpException(result as Record<string, unknown>, response.statusCode);
    return { status: response.statusCode, streamId: result.streamId ?? null, position: result.position ?? null };
  }

  /** A request of a user deactivated since is not run in their name: it can only be rejected. */
  private async requireActiveRequester(approval: Approval): Promise<void> {
    const { userId, authMethod } = approval.requestedBy;
    if (authMethod !== 'api-key' && authMethod !== 'oidc') return;
    if ((await this.identity.user(userId)).status !== 'active')
      throw new ConflictException({
        error: 'REQUESTER_NOT_ACTIVE',
        message: `The requester ${userId} is no longer active; reject this approval and ask again`,
      });
  }

  /** The approval with its held request while it is open (the aggregate keeps no more: D51). */
  private async open(approvalId: string): Promise<Approval | undefined> {
    return (await this.pipeline.loadState(approvalsDecider, APPROVALS_STREAM)).state.pending[approvalId];
  }

  /** The approval as recorded so far (read model, after this request's writes); 404 if never requested. */
  private async recorded(approvalId: string): Promise<ApprovalDocument> {
    const recorded = await recordedApproval(this.readModels, approvalId);
    if (!recorded) throw new NotFoundException({ error: 'APPROVAL_NOT_FOUND', message: `No approval ${approvalId}` });
    return recorded;
  }
}
