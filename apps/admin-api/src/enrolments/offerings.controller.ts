import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
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
import { COMMAND_ERRORS, Doc, EnrolmentCommandResponseSchema, objectOf } from '../http/openapi';

/** Offerings: what is sold, under which rulebook and terms (docs/api.md "Reference data"). */
@ApiTags('reference data')
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

  @Doc({
    summary: 'Define an offering',
    description:
      "Defines a course offering under a rulebook: kind, title, start and the component prices in cents (VAT per the book, LOI-5.3-4; PP-I2 one component table). Book-specific options go beside the declared fields and are checked by the book's schema (400 naming the field). Appends OfferingDefined.",
    errors: [...COMMAND_ERRORS, 422],
    response: EnrolmentCommandResponseSchema,
    examples: {
      classroom: {
        summary: 'A PlusPort classroom training with a textbook',
        value: {
          commandId: 'd4c3b2a1-0f9e-4d8c-b7a6-543210fedcba',
          offeringId: 'pp-classroom-vca-2026-04',
          rulebookId: 'plusport',
          kind: 'classroom',
          title: 'VCA Basis classroom training',
          startsAt: '2026-04-14T09:00:00+02:00',
          components: [
            { kind: 'classroom', priceCents: 45000 },
            { kind: 'textbook', priceCents: 4500 },
          ],
        },
      },
    },
  })
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

  @Doc({
    summary: "Change an offering's price",
    description:
      "Defines a price change of the offering's components (PP-5.2, EXC-7.1-2, LOI-17). Appends OfferingPriceChanged; each enrolment applies it with POST /enrolments/{enrolmentId}/price-changes.",
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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

  @Doc({
    summary: 'Get an offering',
    description: 'The offering with its rulebook, components and price changes. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The offering: rulebook, kind, title, start, components, price changes'),
  })
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
