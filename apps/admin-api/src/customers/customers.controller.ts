import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { Clock, CommandResult } from '@ledger/application';
import { customerDecider, type CustomerKind, type RegisterCustomer } from '@ledger/domain';
import { CommandRoles } from '../auth/roles';
import { commandResponse, envelopeOf, ExecuteDecider, type CommandResponse, type LedgerRequest } from '../http/commands';
import { ID_MESSAGE, ID_PATTERN, IsInstant } from '../http/validators';
import { CLOCK } from '../tokens';

export class RegisterCustomerDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiProperty({ example: 'cust-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId!: string;

  @ApiProperty({ enum: ['consumer', 'business'] })
  @IsIn(['consumer', 'business'])
  kind!: CustomerKind;

  @ApiProperty({ description: 'Personal data: stored encrypted per customer' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Personal data: stored encrypted per customer' })
  @IsEmail()
  @Length(3, 254)
  email!: string;

  @ApiPropertyOptional({ description: 'Business time of the registration; defaults to the time the ledger receives it' })
  @IsOptional()
  @IsInstant()
  registeredAt?: string;
}

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @CommandRoles()
  async register(@Body() body: RegisterCustomerDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const registeredAt = body.registeredAt ?? this.clock.now().toISOString();
    const command: RegisterCustomer = {
      type: 'RegisterCustomer',
      customerId: body.customerId,
      kind: body.kind,
      name: body.name,
      email: body.email,
      registeredAt,
    };
    const envelope = envelopeOf(request, 'RegisterCustomer', body, registeredAt);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(new ExecuteDecider(customerDecider, command, envelope));
    return commandResponse(result);
  }
}
