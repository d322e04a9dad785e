import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Roles, FinanceReadRoles } from '../../auth/roles';
import type { LedgerRequest } from '../../http/commands';
import { ID_MESSAGE, ID_PATTERN } from '../../http/validators';
import { MAX_PAYMENT_CENTS } from '../finance.dto';
import { BankStatements } from './bank-statements.service';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf, pageOf } from '../../http/openapi';

export class StatementsQuery {
  @ApiPropertyOptional({ description: 'Statements per page, 1-100 (default 20)' })
  @IsOptional()
  @Matches(/^([1-9][0-9]?|100)$/, { message: 'limit must be a whole number from 1 to 100' })
  limit?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  cursor?: string;
}

export class AllocateLineDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiProperty({ example: 'inv-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  invoiceId!: string;

  @ApiPropertyOptional({ description: 'Part of the line to allocate; defaults to all that is left of it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAYMENT_CENTS)
  amountCents?: number;
}

/** Bank statements (docs/operations.md "Bank statements"): camt.053 import, matching, manual allocation. */
@ApiTags('finance')
@Controller()
export class BankStatementsController {
  constructor(private readonly statements: BankStatements) {}

  /**
   * Imports a camt.053 statement (Content-Type: application/xml): credit lines carrying an invoice's
   * betalingskenmerk or number become payments; the rest wait in the unmatched queue. Importing the
   * same file again pays nothing twice (`newPayments: 0`). A malformed file is 400 naming the element.
   */
  @Doc({
    summary: 'Import a bank statement (camt.053)',
    description:
      "Imports a camt.053 statement: each credit line is matched by betalingskenmerk (structured or in the text), then by invoice number, and a match becomes a payment on the invoice (RecordPayment through the command path; payment ids from the account and the bank\\'s entry reference, so a re-import records nothing twice). Answers { statementId, entries, matched, unmatched, debits, newPayments }. 400 INVALID_CAMT053 naming the element; nothing is imported then.",
    errors: [...COMMAND_ERRORS, 422],
    response: objectOf('statementId, entries, matched, unmatched, debits, newPayments'),
  })
  @Post('bank-statements')
  @HttpCode(201)
  @Roles('backoffice', 'finance')
  @ApiConsumes('application/xml', 'text/xml')
  @ApiBody({ description: 'ISO 20022 camt.053 XML', schema: { type: 'string' } })
  async import(@Body() body: unknown, @Req() request: LedgerRequest) {
    return this.statements.import(typeof body === 'string' ? body : '', request);
  }

  /** The imported statements, the latest import first, a page at a time. */
  @Doc({
    summary: 'List bank statements',
    description:
      "The imported statements, the latest import first: statement id, account, the bank's statement id, created and imported, and how many allocations (automatic and by hand) with their total. The lines themselves (payers) are in GET /bank-statements/{id}. A page at a time: `nextCursor` is null on the last page. 400 naming `limit` or `cursor`. Appends nothing.",
    errors: [400],
    response: pageOf(
      objectOf('statementId, accountIban, bankStatementId, createdAt, importedAt, allocations, allocatedCents'),
    ),
  })
  @Get('bank-statements')
  @FinanceReadRoles()
  async list(@Query() query: StatementsQuery) {
    return this.statements.list(query.limit ? Number(query.limit) : 20, query.cursor);
  }

  /** The statement's lines: matched, unmatched (with suggestions by amount), debits; allocations per line. */
  @Doc({
    summary: 'Show a bank statement',
    description:
      'The imported statement with its matched and unmatched lines (the unmatched queue), with suggestions by amount. Appends nothing. 404 when unknown.',
    errors: [400, 404],
    response: objectOf('statementId, account, lines [{ lineId, amountCents, matchedInvoiceId, suggestions }]'),
  })
  @Get('bank-statements/:statementId')
  @FinanceReadRoles()
  async get(@Param('statementId') statementId: string) {
    if (!/^[0-9a-f]{20}$/.test(statementId))
      throw new NotFoundException({
        error: 'BANK_STATEMENT_NOT_FOUND',
        message: `statementId: no bank statement ${statementId.slice(0, 100)}`,
      });
    return this.statements.view(statementId);
  }

  /** Allocates (part of) an unmatched credit line to an invoice by hand: a payment on the invoice. */
  @Doc({
    summary: 'Allocate an unmatched statement line',
    description:
      'Allocates an unmatched credit line to an invoice by hand: a payment on that invoice, idempotent per line. 404 when the line or invoice is unknown; 409 when the line is already allocated.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
  })
  @Post('bank-statement-lines/:lineId/allocations')
  @HttpCode(201)
  @Roles('backoffice', 'finance')
  async allocate(@Param('lineId') lineId: string, @Body() body: AllocateLineDto, @Req() request: LedgerRequest) {
    return this.statements.allocateByHand(request, lineId, body);
  }
}
