import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Validate,
  ValidateNested,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';
import {
  EraseCustomerPersonalDataCommand,
  readWholeStream,
  RecordCustomerBillingDetailsCommand,
  RegisterCustomerCommand,
  type Clock,
  type CommandResult,
  type Storage,
} from '@ledger/application';
import {
  customerStreamId,
  type CustomerBillingDetailsRecorded,
  type CustomerKind,
  type CustomerRegistered,
} from '@ledger/domain';
import { isKvkNumber, isVatId } from '@ledger/regulations';
import { AdminOnly, CommandRoles, Roles } from '../auth/roles';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../http/commands';
import { ID_MESSAGE, ID_PATTERN, IsInstant } from '../http/validators';
import { CLOCK, STORAGE } from '../tokens';
import { erasureView, ErasureRequestDto } from '../audit/erasure';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf } from '../http/openapi';

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

  @ApiPropertyOptional({
    description: 'Business time of the registration; defaults to the time the ledger receives it',
  })
  @IsOptional()
  @IsInstant()
  registeredAt?: string;
}

@ValidatorConstraint({ name: 'vatId' })
class VatIdConstraint implements ValidatorConstraintInterface {
  validate = (value: unknown) => typeof value === 'string' && isVatId(value);
  defaultMessage = () =>
    'vatId must be a VAT identification number: NL + 9 digits + B + 2 digits with valid check digits, or another EU VAT id';
}

@ValidatorConstraint({ name: 'kvkNumber' })
class KvkNumberConstraint implements ValidatorConstraintInterface {
  validate = (value: unknown) => typeof value === 'string' && isKvkNumber(value);
  defaultMessage = () => 'kvkNumber must be a KvK number of 8 digits';
}

export class BillingAddressDto {
  @ApiProperty({ example: 'Keizersgracht 1' })
  @IsString()
  @Length(1, 200)
  street!: string;

  @ApiProperty({ example: '1015 CC' })
  @IsString()
  @Length(1, 20)
  postalCode!: string;

  @ApiProperty({ example: 'Amsterdam' })
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as NL' })
  countryCode!: string;
}

export class RecordBillingDetailsDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiProperty({
    example: 'Opleidingen B.V.',
    description: 'Name on the invoice (personal data for consumers: stored encrypted)',
  })
  @IsString()
  @Length(1, 200)
  legalName!: string;

  @ApiProperty({ type: BillingAddressDto, description: 'Stored encrypted per customer' })
  @IsObject()
  @ValidateNested()
  @Type(() => BillingAddressDto)
  address!: BillingAddressDto;

  @ApiProperty({
    format: 'email',
    example: 'facturen@example.nl',
    description: 'Where invoices go; stored encrypted per customer',
  })
  @IsEmail()
  @Length(3, 254)
  invoiceEmail!: string;

  @ApiPropertyOptional({ example: '12345678', description: 'Business customers: KvK number (8 digits)' })
  @IsOptional()
  @Validate(KvkNumberConstraint)
  kvkNumber?: string;

  @ApiPropertyOptional({ example: 'NL123456782B01', description: 'Business customers: VAT id, check digits verified' })
  @IsOptional()
  @Validate(VatIdConstraint)
  vatId?: string;

  @ApiPropertyOptional({ description: 'Business time; defaults to the time the ledger receives it' })
  @IsOptional()
  @IsInstant()
  recordedAt?: string;
}

export class CustomerParams {
  @ApiProperty({ example: 'cust-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  customerId!: string;
}

@ApiTags('reference data')
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STORAGE) private readonly storage: Storage,
  ) {}

  @Doc({
    summary: 'Register a customer',
    description:
      'A consumer or business customer. Name and e-mail are personal data, stored encrypted under a key per customer (GDPR-17 erasure destroys it). Appends CustomerRegistered.',
    errors: [...COMMAND_ERRORS, 422],
    response: CommandResponseSchema,
    examples: {
      consumer: {
        summary: 'A consumer',
        value: {
          commandId: 'c0ffee00-1234-4abc-8def-0123456789ab',
          customerId: 'cust-0001',
          kind: 'consumer',
          name: 'Sanne de Vries',
          email: 'sanne@example.nl',
        },
      },
    },
  })
  @Post()
  @HttpCode(201)
  @CommandRoles()
  async register(@Body() body: RegisterCustomerDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const registeredAt = body.registeredAt ?? this.clock.now().toISOString();
    const payload = {
      customerId: body.customerId,
      kind: body.kind,
      name: body.name,
      email: body.email,
      registeredAt,
    };
    const envelope = envelopeOf(request, 'RegisterCustomer', body, registeredAt);
    const result = await this.commandBus.execute<RegisterCustomerCommand, CommandResult>(
      new RegisterCustomerCommand(payload, envelope),
    );
    return commandResponse(result);
  }

  /** Billing details for invoices (name, address, e-mail; KvK number and VAT id of a business). */
  @Doc({
    summary: 'Record billing details',
    description:
      "Records a customer\\'s billing details for invoices: legal name, address, invoice e-mail, and for a business its KvK number and BTW (VAT) id, checked by their check digits; encrypted with the customer\\'s key like name and e-mail. 400 naming the field; 422 when a consumer sends a VAT id.",
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
  })
  @Post(':customerId/billing-details')
  @HttpCode(201)
  @CommandRoles()
  async recordBillingDetails(
    @Param() params: CustomerParams,
    @Body() body: RecordBillingDetailsDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    const recordedAt = body.recordedAt ?? this.clock.now().toISOString();
    const payload = {
      customerId: params.customerId,
      legalName: body.legalName,
      address: {
        street: body.address.street,
        postalCode: body.address.postalCode,
        city: body.address.city,
        countryCode: body.address.countryCode,
      },
      invoiceEmail: body.invoiceEmail,
      kvkNumber: body.kvkNumber ?? null,
      vatId: body.vatId ?? null,
      recordedAt,
    };
    // The idempotency hash covers the customer id: one command id cannot be replayed on another customer.
    const hashed = { ...body, customerId: params.customerId };
    const envelope = envelopeOf(request, 'RecordCustomerBillingDetails', hashed, recordedAt);
    const result = await this.commandBus.execute<RecordCustomerBillingDetailsCommand, CommandResult>(
      new RecordCustomerBillingDetailsCommand(payload, envelope),
    );
    return commandResponse(result);
  }

  /** The customer as recorded; personal fields read "[erased]" after an erasure. */
  @Doc({
    summary: 'Get a customer',
    description: 'The customer as recorded; personal fields read "[erased]" after an erasure. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The customer'),
  })
  @Get(':customerId')
  @Roles('backoffice', 'finance', 'auditor')
  async get(@Param() params: CustomerParams) {
    const events = await readWholeStream(this.storage.eventStore, customerStreamId(params.customerId));
    const registered = events.find((event) => event.type === 'CustomerRegistered');
    if (!registered)
      throw new NotFoundException({
        error: 'CUSTOMER_NOT_FOUND',
        message: `Customer ${params.customerId} is not registered`,
      });
    const data = registered.data as CustomerRegistered['data'];
    const erasure = events.find((event) => event.type === 'CustomerPersonalDataErased');
    const billing = events.filter((event) => event.type === 'CustomerBillingDetailsRecorded').at(-1)?.data as
      CustomerBillingDetailsRecorded['data'] | undefined;
    return {
      customerId: data.customerId,
      kind: data.kind,
      name: data.name,
      email: data.email,
      registeredAt: data.registeredAt,
      billingDetails: billing ?? null,
      status: erasure ? 'erased' : 'registered',
      erasure: erasureView(erasure),
    };
  }

  /**
   * Right to erasure (GDPR art. 17): records CustomerPersonalDataErased and destroys the customer's
   * key. Invoices, payments, balances and decisions stay; name and e-mail read "[erased]".
   */
  @Doc({
    summary: 'Erase a customer',
    description:
      'Right to erasure (GDPR-17): appends CustomerPersonalDataErased and destroys the customer\'s key. Invoices, payments, balances and decisions stay; name and e-mail read "[erased]". Idempotent per commandId.',
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
    responseDescription: 'Erased (or already erased)',
  })
  @Post(':customerId/erasure')
  @HttpCode(200)
  @AdminOnly()
  async erase(@Param() params: CustomerParams, @Body() body: ErasureRequestDto, @Req() request: LedgerRequest) {
    const requestedAt = body.requestedAt ?? this.clock.now().toISOString();
    const envelope = envelopeOf(
      request,
      'EraseCustomerPersonalData',
      { commandId: body.commandId, requestedAt: body.requestedAt, customerId: params.customerId } as {
        commandId: string;
      },
      requestedAt,
    );
    const result = await this.commandBus.execute<EraseCustomerPersonalDataCommand, CommandResult>(
      new EraseCustomerPersonalDataCommand({ customerId: params.customerId, requestedAt, reason: 'request' }, envelope),
    );
    return { ...commandResponse(result), customerId: params.customerId, erased: true };
  }
}
