import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  EraseLearnerPersonalDataCommand,
  readWholeStream,
  RegisterLearnerCommand,
  type Clock,
  type CommandResult,
  type Storage,
} from '@ledger/application';
import { ERASED } from '@ledger/event-store';
import { learnerRegisteredV1ToV2, learnerStreamId, type LearnerRegistered } from '@ledger/domain';
import { AdminOnly, CommandRoles, Roles } from '../auth/roles';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../http/commands';
import { ID_MESSAGE, ID_PATTERN, IsInstant } from '../http/validators';
import { CLOCK, STORAGE } from '../tokens';
import { erasureView, ErasureRequestDto } from '../audit/erasure';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf } from '../http/openapi';

export class RegisterLearnerDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiProperty({ example: 'learner-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  learnerId!: string;

  @ApiProperty({ description: 'Personal data: stored encrypted per learner' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Personal data: stored encrypted per learner' })
  @IsEmail()
  @Length(3, 254)
  email!: string;

  @ApiPropertyOptional({ description: 'Personal data: given name(s), when the learner gives them separately' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  givenName?: string;

  @ApiPropertyOptional({ description: 'Personal data: family name, when the learner gives it separately' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  familyName?: string;

  @ApiPropertyOptional({ description: 'Customer or participant that employs the learner (SPOT-1.2)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  employerId?: string;

  @ApiPropertyOptional({
    description: 'Business time of the registration; defaults to the time the ledger receives it',
  })
  @IsOptional()
  @IsInstant()
  registeredAt?: string;
}

export class LearnerParams {
  @ApiProperty({ example: 'learner-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  learnerId!: string;
}

@ApiTags('reference data')
@Controller('learners')
export class LearnersController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STORAGE) private readonly storage: Storage,
  ) {}

  @Doc({
    summary: 'Register a learner',
    description:
      'A learner, optionally employed by a customer or participant (SPOT-1.2). Name and e-mail are personal data, stored encrypted under a key per learner. Appends LearnerRegistered.',
    errors: [...COMMAND_ERRORS, 422],
    response: CommandResponseSchema,
    examples: {
      learner: {
        summary: 'A learner employed by a customer',
        value: {
          commandId: 'b1a2c3d4-e5f6-4789-9abc-def012345678',
          learnerId: 'learner-0001',
          name: 'Daan Jansen',
          email: 'daan@example.nl',
          employerId: 'cust-0002',
        },
      },
    },
  })
  @Post()
  @HttpCode(201)
  @CommandRoles()
  async register(@Body() body: RegisterLearnerDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const registeredAt = body.registeredAt ?? this.clock.now().toISOString();
    const payload = {
      learnerId: body.learnerId,
      name: body.name,
      givenName: body.givenName ?? null,
      familyName: body.familyName ?? null,
      email: body.email,
      employerId: body.employerId ?? null,
      registeredAt,
    };
    const envelope = envelopeOf(request, 'RegisterLearner', body, registeredAt);
    const result = await this.commandBus.execute<RegisterLearnerCommand, CommandResult>(
      new RegisterLearnerCommand(payload, envelope),
    );
    return commandResponse(result);
  }

  /** The learner as recorded; personal fields read "[erased]" after an erasure. */
  @Doc({
    summary: 'Get a learner',
    description: 'The learner as recorded; personal fields read "[erased]" after an erasure. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The learner'),
  })
  @Get(':learnerId')
  @Roles('backoffice', 'auditor')
  async get(@Param() params: LearnerParams) {
    const events = await readWholeStream(this.storage.eventStore, learnerStreamId(params.learnerId));
    const registered = events.find((event) => event.type === 'LearnerRegistered');
    if (!registered)
      throw new NotFoundException({
        error: 'LEARNER_NOT_FOUND',
        message: `Learner ${params.learnerId} is not registered`,
      });
    // Upcast here too (idempotent): this view must show the v2 shape even where the store was opened without upcasters.
    const data = learnerRegisteredV1ToV2.upcast(registered.data) as LearnerRegistered['data'];
    const erasure = events.find((event) => event.type === 'LearnerPersonalDataErased');
    return {
      learnerId: data.learnerId,
      displayName: data.displayName,
      givenName: data.givenName ?? null,
      familyName: data.familyName ?? null,
      email: data.email,
      employerId: data.employerId,
      registeredAt: data.registeredAt,
      status: erasure ? 'erased' : 'registered',
      erasure: erasureView(erasure),
      personalDataErased: erasure !== undefined || data.email === ERASED,
    };
  }

  /**
   * Right to erasure (GDPR art. 17; VLI-5.2): records LearnerPersonalDataErased (no personal data
   * in it) and destroys the learner's key. History, amounts and decisions stay; name and e-mail
   * read "[erased]" everywhere from now on. Idempotent per command id; erasing again changes nothing.
   */
  @Doc({
    summary: 'Erase a learner',
    description:
      "Right to erasure (GDPR-17; VLI-5.2 retention): appends LearnerPersonalDataErased (no personal data in it) and destroys the learner's key. History, amounts and decisions stay. Idempotent per commandId.",
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
    responseDescription: 'Erased (or already erased)',
  })
  @Post(':learnerId/erasure')
  @HttpCode(200)
  @AdminOnly()
  async erase(@Param() params: LearnerParams, @Body() body: ErasureRequestDto, @Req() request: LedgerRequest) {
    const requestedAt = body.requestedAt ?? this.clock.now().toISOString();
    const envelope = envelopeOf(
      request,
      'EraseLearnerPersonalData',
      { commandId: body.commandId, requestedAt: body.requestedAt, learnerId: params.learnerId } as {
        commandId: string;
      },
      requestedAt,
    );
    const result = await this.commandBus.execute<EraseLearnerPersonalDataCommand, CommandResult>(
      new EraseLearnerPersonalDataCommand({ learnerId: params.learnerId, requestedAt, reason: 'request' }, envelope),
    );
    return { ...commandResponse(result), learnerId: params.learnerId, erased: true };
  }
}
