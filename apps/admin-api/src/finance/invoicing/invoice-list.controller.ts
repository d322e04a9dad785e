/**
 * GET /invoices: the invoices of the invoices projection, filtered by customer and provider (indexed)
 * and by status, overdue and issue date (checked per invoice), a page at a time.
 */
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Clock, ReadModels } from '@ledger/application';
import { INVOICES, type InvoiceDocument } from '@ledger/projections';
import { toLocalDate } from '@ledger/regulations';
import { FinanceReadRoles } from '../../auth/roles';
import { ID_MESSAGE, ID_PATTERN, IsLocalDate } from '../../http/validators';
import { CLOCK, READ_MODELS } from '../../tokens';
import { Doc, objectOf, pageOf } from '../../http/openapi';

/** Store pages one request reads at most while filtering (the cursor goes on from there). */
const MAX_PAGES_PER_REQUEST = 20;
const STATUSES = ['open', 'paid', 'credited'] as const;
type InvoiceStatus = (typeof STATUSES)[number];

export class InvoicesQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) customerId?: string;
  @ApiPropertyOptional({ example: 'plusport' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  provider?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: InvoiceStatus;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Open and past its due date on `asOf` (default today)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'The day overdue is judged on' }) @IsOptional() @IsLocalDate() asOf?: string;
  @ApiPropertyOptional({ description: 'Issued on or after' }) @IsOptional() @IsLocalDate() issuedFrom?: string;
  @ApiPropertyOptional({ description: 'Issued on or before' }) @IsOptional() @IsLocalDate() issuedTo?: string;
  @ApiPropertyOptional({ description: 'Page size, 1-500 (default 100)' })
  @IsOptional()
  @Matches(/^([1-9][0-9]?|[1-4][0-9]{2}|500)$/, { message: 'limit must be a whole number from 1 to 500' })
  limit?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  cursor?: string;
}

export const invoiceStatusOf = (i: InvoiceDocument): InvoiceStatus =>
  i.outstandingCents > 0 ? 'open' : i.creditedCents >= i.totalCents ? 'credited' : 'paid';

@ApiTags('finance')
@Controller('invoices')
export class InvoiceListController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A page of invoices, oldest issued first; `nextCursor` (also X-Next-Cursor) while there are more. */
  @Doc({
    summary: 'List invoices',
    description:
      'Invoices filtered by customer, provider, status, overdue and issue dates, a page at a time (`cursor`). Appends nothing.',
    errors: [400],
    response: pageOf(objectOf('An invoice summary with invoiceNumber, paymentReference, outstandingCents, dueDate')),
  })
  @Get()
  @FinanceReadRoles()
  async list(@Query() query: InvoicesQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.readModels.ready();
    const asOf = query.asOf ?? toLocalDate(this.clock.now().toISOString());
    const where: Record<string, string> = {};
    if (query.customerId) where['customerId'] = query.customerId;
    if (query.provider) where['provider'] = query.provider;
    const limit = query.limit ? Number(query.limit) : 100;
    const keep = (i: InvoiceDocument) =>
      (!query.status || invoiceStatusOf(i) === query.status) &&
      (!query.overdue || (invoiceStatusOf(i) === 'open' && i.dueDate < asOf) === (query.overdue === 'true')) &&
      (!query.issuedFrom || i.issuedOn >= query.issuedFrom) &&
      (!query.issuedTo || i.issuedOn <= query.issuedTo);
    const invoices: Array<InvoiceDocument & { status: InvoiceStatus }> = [];
    let cursor = query.cursor;
    for (let pages = 0; pages < MAX_PAGES_PER_REQUEST && invoices.length < limit; pages++) {
      const page = await this.readModels.find<InvoiceDocument>(INVOICES.name, INVOICES.collection, {
        where,
        orderBy: { field: 'issuedOn', direction: 'asc' },
        limit: limit - invoices.length,
        cursor,
      });
      invoices.push(
        ...page.items
          .map((d) => d.body)
          .filter(keep)
          .map((i) => ({ ...i, status: invoiceStatusOf(i) })),
      );
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    if (cursor) void reply.header('x-next-cursor', cursor);
    return { invoices, nextCursor: cursor ?? null };
  }
}
