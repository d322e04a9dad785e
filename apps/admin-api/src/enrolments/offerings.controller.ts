import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock, CommandPipeline, CommandResult } from '@ledger/application';
import { offeringDecider, offeringStreamId, type OfferingCommand, type OfferingOptions } from '@ledger/domain';
import { CommandRoles, Roles } from '../auth/roles';
import { envelopeOf, ExecuteDecider, type LedgerRequest } from '../http/commands';
import { CLOCK, COMMAND_PIPELINE } from '../tokens';
import { DefineOfferingDto, PriceChangeDto } from './dto';
import { checkedId, enrolmentResponse, type EnrolmentCommandResponse } from './responses';

const OPTION_KEYS: readonly (keyof OfferingOptions & keyof DefineOfferingDto)[] = [
  'rescheduleAsCancellation',
  'requiresProofOfParticipation',
  'examPassMark',
  'securityCourse',
  'examType',
  'group',
  'adminCostsCents',
  'level',
  'studyMonths',
  'tutor',
  'recognised',
  'moduleIds',
  'resitExamFeeCents',
];

/** Offerings: what is sold, under which rulebook and terms (docs/api.md "Reference data"). */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('offerings')
export class OfferingsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async execute(
    command: OfferingCommand,
    request: LedgerRequest,
    name: string,
    body: { commandId: string },
    businessTime: string,
  ) {
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(
      new ExecuteDecider(offeringDecider, command, envelopeOf(request, name, body, businessTime)),
    );
    return enrolmentResponse(result);
  }

  @Post()
  @HttpCode(201)
  @CommandRoles()
  define(@Body() body: DefineOfferingDto, @Req() request: LedgerRequest): Promise<EnrolmentCommandResponse> {
    const options: OfferingOptions = {};
    for (const key of OPTION_KEYS) if (body[key] !== undefined) (options as Record<string, unknown>)[key] = body[key];
    const definedAt = body.definedAt ?? this.clock.now().toISOString();
    return this.execute(
      {
        type: 'DefineOffering',
        terms: {
          offeringId: body.offeringId,
          rulebookId: body.rulebookId,
          kind: body.kind,
          title: body.title,
          startsAt: body.startsAt ?? null,
          components: body.components.map((c) => ({ kind: c.kind, priceCents: c.priceCents })),
          options,
        },
        definedAt,
      },
      request,
      'DefineOffering',
      body,
      definedAt,
    );
  }

  @Post(':offeringId/price-changes')
  @HttpCode(201)
  @CommandRoles()
  changePrice(
    @Param('offeringId') offeringId: string,
    @Body() body: PriceChangeDto,
    @Req() request: LedgerRequest,
  ): Promise<EnrolmentCommandResponse> {
    return this.execute(
      {
        type: 'ChangeOfferingPrice',
        offeringId: checkedId(offeringId, 'offering'),
        changeId: body.changeId,
        changedAt: body.changedAt,
        components: body.components.map((c) => ({ kind: c.kind, priceCents: c.priceCents })),
        requiredByLaw: body.requiredByLaw === true,
      },
      request,
      'ChangeOfferingPrice',
      { ...body, offeringId } as { commandId: string },
      body.changedAt,
    );
  }

  @Get(':offeringId')
  @Roles('backoffice', 'finance', 'auditor')
  async get(@Param('offeringId') offeringId: string) {
    const { state } = await this.pipeline.loadState(
      offeringDecider,
      offeringStreamId(checkedId(offeringId, 'offering')),
    );
    if (state.status !== 'defined')
      throw new NotFoundException({ error: 'OFFERING_NOT_FOUND', message: `No offering ${offeringId}` });
    return { ...state.terms, definedAt: state.definedAt, priceChanges: Object.values(state.priceChanges) };
  }
}
