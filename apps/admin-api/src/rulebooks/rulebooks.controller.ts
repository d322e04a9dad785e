import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PublishRulebookVersionCommand, type Clock, type CommandResult } from '@ledger/application';
import { UnknownRulebookError, type JsonValue, type RulebookRegistry, type RulebookVersion } from '@ledger/regulations';
import { CommandRoles, Roles } from '../auth/roles';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../http/commands';
import { WithActDetails, type ActDetailsBody } from '../http/validation';
import { IsDateOrInstant, IsInstant, IsLocalDate } from '../http/validators';
import { CLOCK, RULEBOOKS } from '../tokens';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf } from '../http/openapi';

const RULEBOOK_ID = /^[a-z][a-z-]{0,31}$/;
/** Version names such as 2027-01-01 or 2027-prices: they are cited by every decision made under them. */
const VERSION_NAME = /^[0-9A-Za-z][0-9A-Za-z ._-]{0,39}$/;

export class RulebookIdParams {
  @ApiProperty({ example: 'spot-lms' })
  @Matches(RULEBOOK_ID, { message: '$property must be a rulebook id such as spot-lms' })
  rulebookId!: string;
}

export class InForceQuery {
  @ApiPropertyOptional({ description: 'Business date (or instant); default today', example: '2027-02-01' })
  @IsOptional()
  @IsDateOrInstant()
  at?: string;
}

/**
 * Plus the rulebook's published data, validated by its schema (spot-lms: lowRateCents, highRateCents, priceLevel;
 * loi: noticeChannel, summary and the figures the changed terms set).
 */
@WithActDetails()
export class PublishVersionDto implements ActDetailsBody {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiProperty({ example: '2027-01-01', description: 'Name of the new version, cited by its decisions' })
  @Matches(VERSION_NAME, {
    message: '$property must be 1-40 letters, digits, spaces, . _ - (starting with a letter or digit)',
  })
  version!: string;

  @ApiProperty({ example: '2027-01-01', description: 'First day the version is in force' })
  @IsLocalDate()
  effectiveFrom!: string;

  @ApiPropertyOptional({ description: 'Business time of the publication; defaults to the time the ledger receives it' })
  @IsOptional()
  @IsInstant()
  publishedAt?: string;

  /** Set by the validation pipe from the body's other fields; never sent as such. */
  details?: Record<string, JsonValue>;
}

const versionView = (v: RulebookVersion) => ({
  version: v.version,
  effectiveFrom: v.effectiveFrom,
  vatRateBasisPoints: v.vatRateBasisPoints,
});

@ApiTags('reference data')
@Controller('rulebooks')
export class RulebooksController {
  constructor(
    @Inject(RULEBOOKS) private readonly rulebooks: RulebookRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commandBus: CommandBus,
  ) {}

  /** Every rulebook and its versions, oldest first (docs/api.md "Reference data"). */
  @Doc({
    summary: 'List rulebooks',
    description: 'Every rulebook and its versions with the dates they take effect, oldest first. Appends nothing.',
    errors: [400],
    response: { type: 'array', items: objectOf('A rulebook: id and versions [{ version, effectiveFrom }]') },
  })
  @Get()
  @Roles('backoffice', 'finance', 'auditor')
  list() {
    return this.rulebooks.ids().map((id) => ({ id, versions: this.rulebooks.versions(id).map(versionView) }));
  }

  /** One rulebook's versions and the one in force on the business date (`at`, default today). */
  @Doc({
    summary: 'Show a rulebook and the version in force',
    description:
      'One rulebook with its versions and the version in force on the business date `at` (a date or an instant; default today). Appends nothing. 404 RULEBOOK_NOT_FOUND.',
    errors: [400, 404],
    response: objectOf('id, at, inForce { version, effectiveFrom, vatRateBasisPoints } or null, versions'),
  })
  @Get(':rulebookId')
  @Roles('backoffice', 'finance', 'auditor')
  get(@Param() params: RulebookIdParams, @Query() query: InForceQuery) {
    const versions = this.versionsOf(params.rulebookId);
    const at = query.at ?? this.clock.now().toISOString();
    let inForce: RulebookVersion | null;
    try {
      inForce = this.rulebooks.rulebookFor(params.rulebookId, at);
    } catch (error) {
      if (!(error instanceof UnknownRulebookError)) throw error;
      inForce = null;
    }
    return {
      id: params.rulebookId,
      at,
      inForce: inForce ? versionView(inForce) : null,
      versions: versions.map(versionView),
    };
  }

  /**
   * A new version of the rulebook (e.g. SPOT's yearly price list, SPOT-3.3): the version that took
   * effect last decides whether it may be published so; from `effectiveFrom` every act decides under it.
   */
  @Doc({
    summary: 'Publish a rulebook version (a yearly price list, changed terms)',
    description:
      "Records RulebookVersionPublished with its decision (SPOT-3.3 for SPOT's yearly price list; LOI-17 for LOI's changed terms, announced at least 10 calendar days before `effectiveFrom`) on the rulebook's versions stream; from `effectiveFrom` every act decides under the new version, and every process re-registers published versions when it opens the log. The book's own data (spot-lms: lowRateCents, highRateCents, priceLevel; loi: noticeChannel personal | website, summary, and optionally abroadMonthlySurchargeCents, collectionCostsCapBasisPoints, otherNoticeMonths, mboDataDeadlineDays, maxActiveModules) is validated by its schema. 404 RULEBOOK_NOT_FOUND; 409 when the version is not after the latest or its name is taken; 422 when the list takes effect before it is published, LOI's change is announced less than 10 days ahead (TERMS_CHANGE_NOTICE_TOO_SHORT, LOI-17), or the book publishes no versions.",
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
    examples: {
      spotPrices2027: {
        summary: "SPOT's 2027 price list",
        value: {
          commandId: '5d7c3a52-9b1e-4f0a-8c6d-2e4f6a8b0c1d',
          version: '2027-01-01',
          effectiveFrom: '2027-01-01',
          publishedAt: '2026-11-20T10:00:00+01:00',
          lowRateCents: 3200,
          highRateCents: 4700,
        },
      },
      loiTermsChange: {
        summary: "LOI's changed terms, announced on its website 10 days ahead",
        value: {
          commandId: '8e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
          version: '2027-01-01',
          effectiveFrom: '2027-01-01',
          publishedAt: '2026-12-22T10:00:00+01:00',
          noticeChannel: 'website',
          summary: 'Other courses: notice period of 2 months',
          otherNoticeMonths: 2,
        },
      },
    },
  })
  @Post(':rulebookId/versions')
  @HttpCode(201)
  @CommandRoles()
  async publish(
    @Param() params: RulebookIdParams,
    @Body() body: PublishVersionDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    this.versionsOf(params.rulebookId);
    const publishedAt = body.publishedAt ?? this.clock.now().toISOString();
    const envelope = envelopeOf(
      request,
      'PublishRulebookVersion',
      { ...body, rulebookId: params.rulebookId } as { commandId: string },
      publishedAt,
    );
    const payload = {
      rulebookId: params.rulebookId,
      version: body.version,
      effectiveFrom: body.effectiveFrom,
      publishedAt,
      details: body.details ?? {},
    };
    const result = await this.commandBus.execute<PublishRulebookVersionCommand, CommandResult>(
      new PublishRulebookVersionCommand(payload, envelope),
    );
    return commandResponse(result);
  }

  private versionsOf(rulebookId: string): readonly RulebookVersion[] {
    if (!this.rulebooks.ids().includes(rulebookId))
      throw new NotFoundException({
        error: 'RULEBOOK_NOT_FOUND',
        message: `No rulebook ${rulebookId}`,
        details: { rulebookId },
      });
    return this.rulebooks.versions(rulebookId);
  }
}
