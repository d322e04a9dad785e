import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { MAX_READ_COUNT } from '@ledger/event-store';
import { CorrectDecisionCommand, type Clock, type CommandResult } from '@ledger/application';
import { IdentityService } from '../auth/identity.service';
import { AuditRoles, CommandRoles, mayReadUserNames } from '../auth/roles';
import { commandResponse, envelopeOf, type LedgerRequest } from '../http/commands';
import { IsInstant, QueryInt } from '../http/validators';
import { CLOCK } from '../tokens';
import { decisionTextLinks } from '../rulebooks/rule-text-views';
import { WholeLogChecks } from '../operations/whole-log-checks';
import { UnknownReadingError, type DecisionAudit } from './decision-audit';
import { DECISION_AUDIT } from './tokens';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf, pageOf, WHOLE_LOG_CHECK_RUNNING } from '../http/openapi';

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

/** Free text is bounded and printable (no control characters). */
// eslint-disable-next-line no-control-regex -- the pattern exists to refuse control characters
const TEXT_PATTERN = /^[^\u0000-\u001f\u007f]*$/;

export class CorrectDecisionDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiProperty({
    example: 'PP-I19',
    description: 'The corrected reading whose current version the decision is recomputed under',
  })
  @Matches(/^[A-Z]{2,8}-I[0-9]{1,3}$/, { message: '$property must be an interpretation id such as PP-I19' })
  interpretationId!: string;

  @ApiProperty({ maxLength: 200, example: 'Catalogue revision 2: PP-I19 e-learning of a Praktijkopleiding is free' })
  @IsString()
  @Length(1, 200)
  @Matches(TEXT_PATTERN, { message: '$property must be text without control characters' })
  reason!: string;

  @ApiPropertyOptional({ description: 'Business time of the correction (default now)' })
  @IsOptional()
  @IsInstant()
  correctedAt?: string;
}

/** Auditors: every decision with the event that records it, and its recomputation (docs/api.md "Audit"). */
@ApiTags('audit')
@Controller('decisions')
export class DecisionsController {
  constructor(
    @Inject(DECISION_AUDIT) private readonly audit: DecisionAudit,
    private readonly wholeLogChecks: WholeLogChecks,
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IdentityService) private readonly identity: IdentityService,
  ) {}

  /** The decision log, filtered by kind, rulebook or stream, in pages. */
  @Doc({
    summary: 'List decisions',
    description:
      'The decision log, filtered by kind, rulebook or stream, a page at a time; each item links to the texts of its rules. Appends nothing.',
    errors: [400],
    response: pageOf(objectOf('A decision with the event that carries it')),
  })
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
  @Doc({
    summary: 'What-if under a corrected reading',
    description:
      'The recorded decisions a corrected reading (catalogue revision 2) would decide differently, recomputed under its current version, with the difference in cents. Appends nothing.',
    errors: [400],
    response: objectOf('The decisions that would change, with old and new amounts'),
  })
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
  @Doc({
    summary: 'Verify every decision',
    description:
      'Recomputes every decision in the log from its recorded inputs under the rulebook version it cites, in bounded slices (continue from `lastPosition`). Appends nothing.',
    errors: [400, WHOLE_LOG_CHECK_RUNNING],
    response: objectOf('Checked, mismatches, and lastPosition to continue from'),
  })
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
  @Doc({
    summary: 'Get a decision',
    description:
      'The decision object, with the event that carries it (stream, revision, position, business and record time, actor) and links to the texts of its rules and interpretations. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The decision with its event and rule links'),
  })
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
    return {
      ...found.decision,
      decision: found.decision,
      ...decisionTextLinks(found.decision),
      event,
      corrected: found.correctedBy !== null,
      correctedBy: found.correctedBy,
      corrects: found.corrects,
    };
  }

  /**
   * Corrects a recorded decision under the current version of a corrected reading (catalogue
   * revision 2): a correcting decision citing it, and a credit note (with a refund entitlement for
   * what was paid beyond it) or an extra invoice for the difference, as new events; never a
   * rewrite. 422 DECISION_NOT_CHANGED when the money comes out the same, 409
   * DECISION_ALREADY_CORRECTED the second time; idempotent by commandId.
   */
  @Doc({
    summary: 'Correct a decision under a corrected reading',
    description:
      'Corrects a recorded decision under the current version of a corrected interpretation (catalogue revision 2), as new events in the stream that recorded it: DecisionCorrected (citing the corrected decision, the interpretation version then and now, the recomputed decision and the difference in cents) plus a credit note with a refund entitlement for anything paid beyond it, or an extra invoice. Never rewrites. Idempotent by commandId. 404 DECISION_NOT_FOUND; 409 DECISION_ALREADY_CORRECTED; 422 DECISION_NOT_CHANGED when the money comes out the same, INTERPRETATION_NOT_VERSIONED, DECISION_NOT_CORRECTABLE.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
    examples: {
      ppI19: {
        summary: 'A PlusPort practical-training cancellation decided under PP-I19 version 1',
        value: {
          commandId: '0b6f8f8e-3f5d-4c8e-9d1e-2a7c5b9e4f10',
          interpretationId: 'PP-I19',
          reason:
            'Catalogue revision 2: e-learning in a practical training is an extra service without cancellation cost',
        },
      },
    },
  })
  @Post(':decisionId/corrections')
  @HttpCode(201)
  @CommandRoles()
  async correct(@Param() params: DecisionParams, @Body() body: CorrectDecisionDto, @Req() request: LedgerRequest) {
    const correctedAt = body.correctedAt ?? this.clock.now().toISOString();
    const payload = {
      decisionId: params.decisionId,
      interpretationId: body.interpretationId,
      reason: body.reason,
      correctedAt,
    };
    // The idempotency hash covers the route's id too: one command id cannot correct another decision.
    const sent = { ...body, decisionId: params.decisionId };
    const envelope = envelopeOf(request, 'CorrectDecision', sent, correctedAt);
    const result = await this.commandBus.execute<CorrectDecisionCommand, CommandResult>(
      new CorrectDecisionCommand(payload, envelope),
    );
    return { ...commandResponse(result), correction: result.events[0]?.data ?? null };
  }

  /** Recomputes the decision from its recorded inputs under the rulebook version it cites. */
  @Doc({
    summary: 'Verify a decision',
    description:
      'Recomputes the decision from its recorded inputs under the rulebook version it cites. Appends nothing.',
    errors: [400, 404],
    response: objectOf('matches, recomputed', { matches: { type: 'boolean' }, recomputed: { type: 'object' } }),
  })
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
