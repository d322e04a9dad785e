import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { Clock, CommandResult } from '@ledger/application';
import { learnerDecider, type RegisterLearner } from '@ledger/domain';
import { CommandRoles } from '../auth/roles';
import { commandResponse, envelopeOf, ExecuteDecider, type CommandResponse, type LedgerRequest } from '../http/commands';
import { ID_MESSAGE, ID_PATTERN, IsInstant } from '../http/validators';
import { CLOCK } from '../tokens';

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

  @ApiPropertyOptional({ description: 'Customer or participant that employs the learner (SPOT-1.2)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  employerId?: string;

  @ApiPropertyOptional({ description: 'Business time of the registration; defaults to the time the ledger receives it' })
  @IsOptional()
  @IsInstant()
  registeredAt?: string;
}

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('learners')
export class LearnersController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @CommandRoles()
  async register(@Body() body: RegisterLearnerDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const registeredAt = body.registeredAt ?? this.clock.now().toISOString();
    const command: RegisterLearner = {
      type: 'RegisterLearner',
      learnerId: body.learnerId,
      name: body.name,
      email: body.email,
      employerId: body.employerId ?? null,
      registeredAt,
    };
    const envelope = envelopeOf(request, 'RegisterLearner', body, registeredAt);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(new ExecuteDecider(learnerDecider, command, envelope));
    return commandResponse(result);
  }
}
