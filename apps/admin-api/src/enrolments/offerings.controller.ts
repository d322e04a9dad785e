import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ChangeOfferingPriceCommand,
  DefineOfferingCommand,
  type Clock,
  type CommandPipeline,
  type CommandResult,
  type LedgerCommand,
} from '@ledger/application';
import { offeringDecider, offeringStreamId } from '@ledger/domain';
import { CommandRoles, Roles } from '../auth/roles';
import { envelopeOf, type LedgerRequest } from '../http/commands';
import { CLOCK, COMMAND_PIPELINE } from '../tokens';
import { DefineOfferingDto, PriceChangeDto } from './dto';
import { checkedId, enrolmentResponse, type EnrolmentCommandResponse } from './responses';

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

  private async send(command: DefineOfferingCommand | ChangeOfferingPriceCommand) {
    return enrolmentResponse(await this.commandBus.execute<LedgerCommand, CommandResult>(command));
  }

  @Post()
  @HttpCode(201)
  @CommandRoles()
  define(@Body() body: DefineOfferingDto, @Req() request: LedgerRequest): Promise<EnrolmentCommandResponse> {
    const definedAt = body.definedAt ?? this.clock.now().toISOString();
    const payload = {
      terms: {
        offeringId: body.offeringId,
        rulebookId: body.rulebookId,
        kind: body.kind,
        title: body.title,
        startsAt: body.startsAt ?? null,
        components: body.components.map((c) => ({ kind: c.kind, priceCents: c.priceCents })),
        options: body.details ?? {},
      },
      definedAt,
    };
    return this.send(new DefineOfferingCommand(payload, envelopeOf(request, 'DefineOffering', body, definedAt)));
  }

  @Post(':offeringId/price-changes')
  @HttpCode(201)
  @CommandRoles()
  changePrice(
    @Param('offeringId') offeringId: string,
    @Body() body: PriceChangeDto,
    @Req() request: LedgerRequest,
  ): Promise<EnrolmentCommandResponse> {
    const payload = {
      offeringId: checkedId(offeringId, 'offering'),
      changeId: body.changeId,
      changedAt: body.changedAt,
      components: body.components.map((c) => ({ kind: c.kind, priceCents: c.priceCents })),
      requiredByLaw: body.requiredByLaw === true,
    };
    const envelope = envelopeOf(
      request,
      'ChangeOfferingPrice',
      { ...body, offeringId } as { commandId: string },
      body.changedAt,
    );
    return this.send(new ChangeOfferingPriceCommand(payload, envelope));
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
