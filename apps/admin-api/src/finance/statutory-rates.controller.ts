/**
 * Statutory interest rates as data (art. 6:119 / 6:119a BW; docs/operations.md "Statutory interest
 * rates"): the built-in table ships in libs/regulations/src/statutory/interest-rates.json; a rate
 * published later is recorded here as an event and balances use it from then on, citing its event.
 */
import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { RecordStatutoryInterestRateCommand, type CommandResult } from '@ledger/application';
import type { CustomerKind } from '@ledger/domain';
import { AdminOnly, FinanceReadRoles } from '../auth/roles';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../http/commands';
import { IsInstant } from '../http/validators';
import { BalanceReader } from './balance-reader';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf } from '../http/openapi';

export class RecordStatutoryRateDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiProperty({ enum: ['consumer', 'business'], description: 'consumer: art. 6:119 BW; business: art. 6:119a BW' })
  @IsIn(['consumer', 'business'])
  customerKind!: CustomerKind;

  @ApiProperty({ example: '2026-07-01', description: 'First day of the half-year: 1 January or 1 July' })
  @Matches(/^\d{4}-(01|07)-01$/, {
    message: 'effectiveFrom must be 1 January or 1 July of a year (YYYY-01-01 or YYYY-07-01)',
  })
  effectiveFrom!: string;

  @ApiProperty({ example: 1015, description: 'The rate in basis points (10.15 % = 1015)' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  rateBasisPoints!: number;

  @ApiProperty({ example: 'Staatscourant 2026, 12345', description: 'The publication of the rate' })
  @IsString()
  @Length(5, 500)
  source!: string;
}

export class StatutoryRatesQuery {
  @ApiPropertyOptional({ description: 'The tables as the ledger knew them at this record time' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

@ApiTags('finance')
@Controller('admin/statutory-rates')
export class StatutoryRatesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly balances: BalanceReader,
  ) {}

  /**
   * Records a published rate for the half-year after the known table (or corrects a recorded
   * one): 422 RATE_IN_BUILT_IN_TABLE / RATE_LEAVES_GAP otherwise; the same rate again changes nothing.
   */
  @Doc({
    summary: 'Record the next statutory interest rate',
    description:
      'Records the statutory (commercial or consumer) interest rate of the next half-year as an event (StatutoryInterestRateRecorded), versioned by its effective date; balances and exports use the recorded rates and name the version they used. Admin only. 409/422 for a rate inside the built-in table, after a gap, or on a day that starts no half-year.',
    errors: [...COMMAND_ERRORS, 422],
    response: CommandResponseSchema,
  })
  @Post()
  @HttpCode(201)
  @AdminOnly()
  async record(@Body() body: RecordStatutoryRateDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const payload = {
      customerKind: body.customerKind,
      effectiveFrom: body.effectiveFrom,
      rateBasisPoints: body.rateBasisPoints,
      source: body.source,
    };
    const envelope = envelopeOf(request, 'RecordStatutoryInterestRate', body, `${body.effectiveFrom}T00:00:00Z`);
    const result = await this.commandBus.execute<RecordStatutoryInterestRateCommand, CommandResult>(
      new RecordStatutoryInterestRateCommand(payload, envelope),
    );
    return commandResponse(result);
  }

  /** Both tables with every rate, its source, where it came from (built-in or recorded) and the version. */
  @Doc({
    summary: 'List statutory interest rates',
    description:
      'Both statutory interest tables (art. 6:119 and 6:119a BW) with their half-year rates, the built-in ones and those recorded, and the table versions. Appends nothing.',
    errors: [400],
    response: objectOf('commercial and consumer tables: [{ from, rateBasisPoints, source }], versions'),
  })
  @Get()
  @FinanceReadRoles()
  async tables(@Query() query: StatutoryRatesQuery) {
    const tables = await this.balances.interestTables(query.knownAt ?? null);
    return Object.entries(tables).map(([customerKind, table]) => ({ customerKind, ...table }));
  }
}
