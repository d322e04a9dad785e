/**
 * GET /exports/journal.csv: the accounting export (docs/operations.md "Accounting export"), every
 * journal line of the invoices, credit notes, payments, reversals and refund payouts booked in a
 * date range, streamed month by month (no row limit).
 */
import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { ReadModels } from '@ledger/application';
import { invoiceEntryId, JOURNAL, type JournalEntryDocument } from '@ledger/projections';
import { FinanceReadRoles } from '../../auth/roles';
import { CSV, Doc } from '../../http/openapi';
import { ID_MESSAGE, ID_PATTERN, IsLocalDate } from '../../http/validators';
import { READ_MODELS } from '../../tokens';
import { CSV_CONTENT_TYPE, csvStream, type CsvCell, type CsvFormat } from '../csv';
import { JOURNAL_HEADERS, journalLines, journalRow, periodsBetween } from './journal-export';
import { JOURNAL_LAYOUTS, type JournalLayout } from './ledger-accounts';

/** The longest range one export covers (ten years of months). */
export const MAX_EXPORT_PERIODS = 120;
const PAGE_SIZE = 500;
/** Invoice numbers remembered while streaming (credit notes and payments name their invoice's). */
const MAX_CACHED_NUMBERS = 10_000;

export class JournalExportQuery {
  @ApiProperty({ description: 'First booking date (inclusive)', example: '2026-01-01' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({ description: 'Last booking date (inclusive)', example: '2026-12-31' })
  @IsLocalDate()
  to!: string;

  @ApiPropertyOptional({ enum: JOURNAL_LAYOUTS, description: 'Column layout; default exact' })
  @IsOptional()
  @IsIn(JOURNAL_LAYOUTS)
  layout?: JournalLayout;

  @ApiPropertyOptional({ example: 'plusport', description: 'Only this provider (rulebook id)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  provider?: string;

  @ApiPropertyOptional({
    enum: ['rfc', 'nl'],
    description: 'nl: semicolons, decimal commas, dd-mm-jjjj dates and a byte order mark; default rfc',
  })
  @IsOptional()
  @IsIn(['rfc', 'nl'])
  format?: CsvFormat;
}

@ApiTags('finance')
@Controller('exports')
export class JournalExportController {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  @Doc({
    summary: 'Export journal lines (CSV)',
    description:
      'Double-entry journal lines of every invoice, credit note, payment, payment reversal and refund payout booked from `from` to `to` (debtors, revenue per component, VAT payable per rate, bank), on the general-ledger accounts configured per provider and component, in the column layout of an Exact Online import (`layout=exact`, signed amounts) or the Twinfield memorial import (`layout=twinfield`, amount with debet/credit). Every line of one entry carries its `Boeking` id; each entry balances. Streamed, every row. `format=nl` for semicolons and decimal commas. Appends nothing.',
    errors: [400],
    response: CSV,
    responseDescription: 'CSV, one row per journal line',
  })
  @Get('journal.csv')
  @FinanceReadRoles()
  @ApiProduces('text/csv')
  async exportJournal(@Query() query: JournalExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.to < query.from)
      throw new BadRequestException({
        error: 'VALIDATION_FAILED',
        message: 'to: must not be before from',
        fields: [{ field: 'to', messages: ['to must not be before from'] }],
      });
    const periods = periodsBetween(query.from, query.to);
    if (periods.length > MAX_EXPORT_PERIODS)
      throw new BadRequestException({
        error: 'VALIDATION_FAILED',
        message: `to: an export covers at most ${MAX_EXPORT_PERIODS} months; export the range in parts`,
        fields: [{ field: 'to', messages: [`at most ${MAX_EXPORT_PERIODS} months from from`] }],
      });
    await this.readModels.ready();
    const layout = query.layout ?? 'exact';
    const format = query.format ?? 'rfc';
    const { readModels } = this;
    const numbers = new Map<string, string | null>();
    const invoiceNumberOf = async (entry: JournalEntryDocument): Promise<string | null> => {
      if (entry.kind === 'invoice') return entry.invoiceNumber;
      if (!entry.invoiceId) return null;
      if (!numbers.has(entry.invoiceId)) {
        if (numbers.size >= MAX_CACHED_NUMBERS) numbers.clear();
        const invoice = await readModels.get<JournalEntryDocument>(
          JOURNAL.name,
          JOURNAL.entries,
          invoiceEntryId(entry.invoiceId),
        );
        numbers.set(entry.invoiceId, invoice?.body.invoiceNumber ?? null);
      }
      return numbers.get(entry.invoiceId) ?? null;
    };
    async function* rows(): AsyncGenerator<CsvCell[]> {
      for (const period of periods) {
        const where: Record<string, string> = { period };
        if (query.provider) where['provider'] = query.provider;
        let cursor: string | undefined;
        do {
          const page = await readModels.find<JournalEntryDocument>(JOURNAL.name, JOURNAL.entries, {
            where,
            orderBy: { field: 'bookedOn', direction: 'asc' },
            limit: PAGE_SIZE,
            cursor,
          });
          for (const { body } of page.items) {
            if (body.bookedOn < query.from || body.bookedOn > query.to) continue;
            for (const line of journalLines(body, await invoiceNumberOf(body))) yield journalRow(line, layout, format);
          }
          cursor = page.nextCursor;
        } while (cursor);
      }
    }
    void reply.header('content-type', CSV_CONTENT_TYPE);
    void reply.header('content-disposition', `attachment; filename="journaal-${layout}-${query.from}-${query.to}.csv"`);
    return csvStream(JOURNAL_HEADERS[layout], rows(), format);
  }
}
