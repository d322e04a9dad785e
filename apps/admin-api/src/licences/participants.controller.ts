import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AppointCoordinator,
  ChargeExtraContribution,
  EndMembership,
  RegisterLicenceCommand,
  RegisterParticipant,
  TerminateLmsUse,
  type Clock,
} from '@ledger/application';
import { toLocalDate, type RulebookRegistry } from '@ledger/regulations';
import { CommandRoles, Roles } from '../auth/roles';
import type { LedgerRequest } from '../http/commands';
import { CLOCK, RULEBOOKS } from '../tokens';
import { ParticipantCommands, pathId, type ParticipantCommandResponse } from './licence-commands';
import { LicenceReads } from './licence-reads';
import {
  AppointCoordinatorDto,
  AsOfQuery,
  EndMembershipDto,
  ExtraContributionDto,
  RegisterLicenceDto,
  RegisterParticipantDto,
  TerminateLmsUseDto,
} from './licences.dto';
import { COMMAND_ERRORS, Doc, objectOf, ParticipantCommandResponseSchema } from '../http/openapi';

/** Licence state is read by back office (who registers licences), finance and auditors. */
const LicenceReadRoles = () => Roles('backoffice', 'finance', 'auditor');

/** SPOT LMS participants (docs/api.md "Licences"): the member organisation, its coordinators and licences. */
@ApiTags('licences')
@Controller('participants')
export class ParticipantsController {
  constructor(
    private readonly commands: ParticipantCommands,
    private readonly reads: LicenceReads,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RULEBOOKS) private readonly rulebooks: RulebookRegistry,
  ) {}

  @Doc({
    summary: 'Register a participant',
    description:
      'An organisation taking part in SPOT licences, under the one rulebook that offers licences (or `rulebookId`). Appends ParticipantRegistered.',
    errors: [...COMMAND_ERRORS, 422],
    response: ParticipantCommandResponseSchema,
    examples: {
      participant: {
        summary: 'An organisation joining SPOT',
        value: {
          commandId: 'e5d4c3b2-a1f0-4e9d-8c7b-6a5f4e3d2c1b',
          participantId: 'spot-0001',
          name: 'Zorggroep Noord',
          invoiceDate: '2026-01-10',
        },
      },
    },
  })
  @Post()
  @HttpCode(201)
  @CommandRoles()
  register(@Body() body: RegisterParticipantDto, @Req() request: LedgerRequest): Promise<ParticipantCommandResponse> {
    const registeredAt = body.registeredAt ?? this.clock.now().toISOString();
    const payload = {
      participantId: body.participantId,
      rulebookId: this.licenceRulebook(body.rulebookId),
      name: body.name,
      invoiceDate: body.invoiceDate ?? null,
      registeredAt,
    };
    return this.commands.send(RegisterParticipant.command, payload, request, body, registeredAt);
  }

  /** SPOT-3.4 / 4.1: issues the licence and its invoice; SPOT-4.2: the crossing decision and surcharge, if any. */
  @Doc({
    summary: 'Register a licence',
    description:
      "SPOT-3.4 / 4.1: issues the learner's annual licence and its invoice at the rate in force (SPOT-3.1, SPOT-3.2, SPOT-I2); SPOT-4.2: when the registration crosses the tier threshold, the crossing decision and a surcharge invoice. Appends LicenceRegistered and InvoiceIssued. 422 when the learner does not work for the participant (SPOT-1.2).",
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'LEARNER_NOT_EMPLOYED_BY_PARTICIPANT',
        ruleId: 'SPOT-1.2',
        message: 'The learner does not work for the participant',
      },
    ],
    response: ParticipantCommandResponseSchema,
    examples: {
      licence: {
        summary: 'A licence for an employee',
        value: {
          commandId: '1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9',
          licenceId: 'licence-0001',
          learnerId: 'learner-0001',
          registeredAt: '2026-03-02T10:00:00+01:00',
        },
      },
    },
  })
  @Post(':participantId/licences')
  @HttpCode(201)
  @CommandRoles()
  registerLicence(
    @Param('participantId') id: string,
    @Body() body: RegisterLicenceDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const participantId = pathId(id, 'participantId');
    const payload = {
      participantId,
      licenceId: body.licenceId,
      learnerId: body.learnerId,
      registeredAt: body.registeredAt,
    };
    return this.commands.send(RegisterLicenceCommand, payload, request, { ...body, participantId }, body.registeredAt);
  }

  /** SPOT-1.4: at most two coordinators per organisation/location. */
  @Doc({
    summary: 'Appoint a training coordinator',
    description: 'SPOT-1.4: at most two coordinators per organisation or location. Appends CoordinatorAppointed.',
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'TOO_MANY_COORDINATORS',
        ruleId: 'SPOT-1.4',
        message: 'At most 2 training coordinators per organisation or location',
      },
    ],
    response: ParticipantCommandResponseSchema,
  })
  @Post(':participantId/coordinators')
  @HttpCode(201)
  @CommandRoles()
  appointCoordinator(
    @Param('participantId') id: string,
    @Body() body: AppointCoordinatorDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const participantId = pathId(id, 'participantId');
    const appointedAt = body.appointedAt ?? this.clock.now().toISOString();
    const payload = { participantId, personId: body.personId, location: body.location, appointedAt };
    return this.commands.send(AppointCoordinator.command, payload, request, { ...body, participantId }, appointedAt);
  }

  /** SPOT-6.1: end LMS use with effect from the longest-running licence's expiry. */
  @Doc({
    summary: 'End LMS use',
    description:
      "SPOT-6.1: ends LMS use with effect from the longest-running licence's expiry; listed licences keep renewing. Appends LmsUseTerminated.",
    errors: [...COMMAND_ERRORS, 404, 422],
    response: ParticipantCommandResponseSchema,
  })
  @Post(':participantId/terminations')
  @HttpCode(201)
  @CommandRoles()
  terminate(
    @Param('participantId') id: string,
    @Body() body: TerminateLmsUseDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const participantId = pathId(id, 'participantId');
    const requestedAt = body.requestedAt ?? this.clock.now().toISOString();
    const payload = {
      participantId,
      requestedAt,
      keepRenewingLicenceIds: [...new Set(body.keepRenewingLicenceIds ?? [])],
    };
    return this.commands.send(TerminateLmsUse.command, payload, request, { ...body, participantId }, requestedAt);
  }

  /** SPOT-6.4: the participant leaves SPOT; licences stay valid until expiry, without renewal. */
  @Doc({
    summary: 'End SPOT membership',
    description:
      'SPOT-6.4: the participant leaves SPOT; licences stay valid until expiry, without renewal. Appends MembershipEnded.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: ParticipantCommandResponseSchema,
  })
  @Post(':participantId/membership-endings')
  @HttpCode(201)
  @CommandRoles()
  endMembership(
    @Param('participantId') id: string,
    @Body() body: EndMembershipDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const participantId = pathId(id, 'participantId');
    const endedAt = body.endedAt ?? this.clock.now().toISOString();
    return this.commands.send(
      EndMembership.command,
      { participantId, endedAt },
      request,
      { ...body, participantId },
      endedAt,
    );
  }

  /** SPOT-2.2: e-learning beyond the licence's standard offer, for an extra contribution on an invoice of its own. */
  @Doc({
    summary: 'Charge an extra contribution for e-learning',
    description:
      "SPOT-2.2: e-learning of SPOT's own or of a provider other than ExpertCollege shared through the LMS, for an extra contribution SPOT asks (net; SPOT-3.2 VAT). Appends ExtraContributionCharged with its decision and an InvoiceIssued of its own (reason extra-contribution, due after the licence invoice term). 404 for an unknown participant or licence; 409 when the licence does not run on the charge date; 422 naming SPOT-2.2 for ExpertCollege's e-learning, which the licence includes (art. 2.1).",
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'CONTRIBUTION_FOR_STANDARD_OFFER',
        ruleId: 'SPOT-2.2',
        message: 'The e-learning of ExpertCollege is a standard part of the licence: no extra contribution',
      },
    ],
    response: ParticipantCommandResponseSchema,
    examples: {
      otherProvider: {
        summary: "Another provider's e-learning for one learner",
        value: {
          commandId: '7f3e2d1c-0b9a-4877-a665-544332211009',
          licenceId: 'licence-0001',
          courseId: 'dementia-care-basics',
          courseProvider: 'Vilans',
          contributionCents: 1500,
          chargedAt: '2026-04-01T10:00:00+02:00',
        },
      },
    },
  })
  @Post(':participantId/extra-contributions')
  @HttpCode(201)
  @CommandRoles()
  chargeExtraContribution(
    @Param('participantId') id: string,
    @Body() body: ExtraContributionDto,
    @Req() request: LedgerRequest,
  ): Promise<ParticipantCommandResponse> {
    const participantId = pathId(id, 'participantId');
    const payload = {
      participantId,
      licenceId: body.licenceId ?? null,
      courseId: body.courseId,
      courseProvider: body.courseProvider.trim(),
      contributionCents: body.contributionCents,
      chargedAt: body.chargedAt,
    };
    return this.commands.send(
      ChargeExtraContribution.command,
      payload,
      request,
      { ...body, participantId },
      body.chargedAt,
    );
  }

  /** Active count, tier, rate in force and every licence, as of a business date (default today). */
  @Doc({
    summary: "Get a participant's licences",
    description:
      'Active count, tier, rate in force and every licence, as of a business date (default today). Appends nothing.',
    errors: [400, 404],
    response: objectOf(
      'activeCount, tier, rateCents, licences [{ licenceId, learnerId, startsOn, expiresOn, status }]',
    ),
  })
  @Get(':participantId/licences')
  @LicenceReadRoles()
  licences(@Param('participantId') id: string, @Query() query: AsOfQuery) {
    return this.reads.licenceState(pathId(id, 'participantId'), this.asOfDate(query));
  }

  /** SPOT-4.2: tier surcharges charged (and every crossing), each with its decision; all recorded ones unless `asOf` narrows them. */
  @Doc({
    summary: "Get a participant's tier surcharges",
    description:
      'SPOT-4.2: tier surcharges charged and every crossing, each with its decision; all recorded ones unless `asOf` narrows them. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The crossings and surcharges with their decisions'),
  })
  @Get(':participantId/surcharges')
  @LicenceReadRoles()
  surcharges(@Param('participantId') id: string, @Query() query: AsOfQuery) {
    return this.reads.crossings(pathId(id, 'participantId'), query.asOf === undefined ? null : toLocalDate(query.asOf));
  }

  /** The rulebook asked for, or the one registered rulebook that offers licences; 400 naming rulebookId otherwise. */
  private licenceRulebook(requested: string | undefined): string {
    const offering = this.rulebooks.idsOffering('licences');
    const problem =
      requested === undefined
        ? offering.length === 1
          ? null
          : `required: ${offering.length} rulebooks offer licences (${offering.join(', ')})`
        : offering.includes(requested)
          ? null
          : `must be one of ${offering.join(', ')} (the rulebooks that offer licences)`;
    if (problem !== null)
      throw new BadRequestException({
        error: 'VALIDATION_FAILED',
        message: `rulebookId: ${problem}`,
        fields: [{ field: 'rulebookId', messages: [problem] }],
      });
    return requested ?? offering[0]!;
  }

  private asOfDate(query: AsOfQuery): string {
    return toLocalDate(query.asOf ?? this.clock.now().toISOString());
  }
}
