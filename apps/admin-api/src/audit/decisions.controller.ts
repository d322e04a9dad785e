import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { MAX_READ_COUNT } from '@ledger/event-store';
import { IdentityService } from '../auth/identity.service';
import { AuditRoles, mayReadUserNames } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { QueryInt } from '../http/validators';
import { decisionTextLinks } from '../rulebooks/rule-text-views';
import { WholeLogChecks } from '../operations/whole-log-checks';
import { UnknownReadingError, type DecisionAudit } from './decision-audit';
import { DECISION_AUDIT } from './tokens';

export class DecisionParams {
  @ApiProperty({ format: 'uuid', description: 'Id of the decision (= id of the event that records it)' })
  @IsUUID()
  decisionId!: string;
}

export class ListDecisionsQuery {
  @ApiPropertyOptional({ example: 'cancellation-fee' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: '$property must be a decision kind such as cancellation-fee' })
  kind?: string;

  @ApiPropertyOptional({ example: 'plusport' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,31}$/, { message: '$property must be a rulebook id such as plusport' })
  rulebookId?: string;

  @ApiPropertyOptional({ example: 'plusport@2024-01-01', description: 'Rulebook id and version' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,31}@[0-9A-Za-z.-]{1,32}$/, {
    message: '$property must be <rulebookId>@<version>, e.g. plusport@2024-01-01',
  })
  rulebook?: string;

  @ApiPropertyOptional({ example: 'enrolment-e1' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  streamId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  cursor?: string;
}

export class VerifyDecisionsDto {
  @ApiPropertyOptional({
    description: 'Continue after this log position (lastPosition of the previous call)',
    minimum: -1,
  })
  @IsOptional()
  @IsInt()
  @Min(-1)
  @Max(Number.MAX_SAFE_INTEGER)
  afterPosition?: number;

  @ApiPropertyOptional({
    description: 'Events of the log to read in this call',
    minimum: 1,
    maximum: 100_000,
    default: 10_000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxEvents?: number;
}

export class WhatIfQuery {
  @ApiProperty({
    example: 'PP-I19',
    description: 'A corrected reading (versioned interpretation id), e.g. PP-I18, PP-I19, EXC-I3, EXC-I4, MONEY-I1',
  })
  @Matches(/^[A-Z]{2,8}-I[0-9]{1,3}$/, { message: '$property must be an interpretation id such as PP-I19' })
  interpretation!: string;
}

/** Auditors: every decision with the event that records it, and its recomputation (docs/api.md "Audit"). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(
    @Inject(DECISION_AUDIT) private readonly audit: DecisionAudit,
    private readonly wholeLogChecks: WholeLogChecks,
    @Inject(IdentityService) private readonly identity: IdentityService,
  ) {}

  /** The decision log, filtered by kind, rulebook or stream, in pages. */
  @Get()
  @AuditRoles()
  async list(@Query() query: ListDecisionsQuery) {
    const where: Record<string, string> = {};
    if (query.kind) where['kind'] = query.kind;
    if (query.rulebookId) where['rulebookId'] = query.rulebookId;
    if (query.rulebook) where['rulebook'] = query.rulebook;
    if (query.streamId) where['streamId'] = query.streamId;
    const page = await this.audit.list({
      where,
      orderBy: { field: 'position' },
      limit: query.limit ?? 100,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return {
      items: page.items.map(({ body }) => ({
        ...body.decision,
        ...decisionTextLinks(body.decision),
        event: body.event,
      })),
      nextCursor: page.nextCursor ?? null,
    };
  }

  /**
   * What-if: the recorded decisions a corrected reading (catalogue revision 2) would decide
   * differently, recomputed under its current version, with the difference in cents. Appends nothing.
   */
  @Get('what-if')
  @AuditRoles()
  async whatIf(@Query() query: WhatIfQuery) {
    try {
      return await this.audit.whatIf(query.interpretation);
    } catch (error) {
      if (error instanceof UnknownReadingError)
        throw new NotFoundException({ error: error.code, message: error.message });
      throw error;
    }
  }

  /** Recomputes every decision in the log (in bounded slices: continue from `lastPosition`). */
  @Post('verify')
  @HttpCode(200)
  @AuditRoles()
  async verifyAll(@Body() body: VerifyDecisionsDto) {
    return this.wholeLogChecks.runAlone('POST /decisions/verify', () =>
      this.audit.verifyAll({
        afterPosition: body.afterPosition ?? -1,
        maxEvents: body.maxEvents ?? MAX_READ_COUNT,
      }),
    );
  }

  /**
   * The decision object, with the event that carries it (stream, revision, position, business and record time,
   * actor) and links to the texts of its rules and interpretations (GET /rulebooks/{id}/rules/{ruleId}).
   */
  @Get(':decisionId')
  @AuditRoles()
  async get(@Param() params: DecisionParams, @Req() request: LedgerRequest) {
    const found = await this.audit.find(params.decisionId);
    if (!found) throw notFound(params.decisionId);
    const { actor, position } = found.event;
    const event = {
      ...found.event,
      actor: await this.identity.actorViews(mayReadUserNames(request.principal))(actor, position),
    };
    return { ...found.decision, decision: found.decision, ...decisionTextLinks(found.decision), event };
  }

  /** Recomputes the decision from its recorded inputs under the rulebook version it cites. */
  @Post(':decisionId/verify')
  @HttpCode(200)
  @AuditRoles()
  async verify(@Param() params: DecisionParams) {
    const result = await this.audit.verify(params.decisionId);
    if (!result) throw notFound(params.decisionId);
    return result;
  }
}

function notFound(decisionId: string): NotFoundException {
  return new NotFoundException({ error: 'DECISION_NOT_FOUND', message: `No decision ${decisionId} is recorded` });
}
