/**
 * Automated dunning (docs/operations.md "Dunning", FIN-I15): the scheduler sends each invoice's
 * letters and escalates it as ordinary scheduled commands; finance lists what is due, sent,
 * escalated and paused, pauses and resumes dunning on an invoice, and reads each letter as JSON or
 * as the Dutch PDF.
 */
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  PauseDunningCommand,
  ResumeDunningCommand,
  type Clock,
  type CommandResult,
  type FiredDeadline,
  type LedgerCommand,
  type ReadModels,
  type Scheduler,
} from '@ledger/application';
import { DUNNING_PAUSE_REASONS, dunningStreamId, type DunningPauseReason } from '@ledger/domain';
import { DUNNING, type DunningDocument } from '@ledger/projections';
import { addDays, isApiLocalDate, startOfDay, toUtcIso } from '@ledger/regulations';
import { AdminOnly, FinanceReadRoles, Roles } from '../../auth/roles';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../../http/commands';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf, pageOf } from '../../http/openapi';
import { ID_MESSAGE, ID_PATTERN, IsDateOrInstant, IsInstant } from '../../http/validators';
import type { LedgerMetrics } from '../../metrics/ledger-metrics';
import { CLOCK, METRICS, READ_MODELS, SCHEDULER } from '../../tokens';
import { hashed, wantsPdf } from '../finance.controllers';
import { CommandDto } from '../finance.dto';
import { ReminderLetters, renderReminderLetterPdf } from './reminder-letter';

const DUNNING_STATUSES = ['due', 'sent', 'escalated', 'paused'] as const;
type DunningStatus = (typeof DUNNING_STATUSES)[number];
/** Store pages one request reads at most while skipping documents without a pending step (the cursor goes on). */
const MAX_PAGES_PER_REQUEST = 20;
const MAX_NOTE_LENGTH = 500;

export class DunningRunDto {
  @ApiProperty({
    description: 'Business time up to which due deadlines are fired (dunning steps among them)',
    example: '2026-11-01T00:00:00+01:00',
  })
  @IsInstant()
  until!: string;
}

export class PauseDunningDto extends CommandDto {
  @ApiProperty({ description: 'Business time the pause starts', example: '2026-09-03T10:00:00+02:00' })
  @IsInstant()
  pausedAt!: string;

  @ApiProperty({ enum: DUNNING_PAUSE_REASONS, description: 'Why dunning is paused' })
  @IsIn(DUNNING_PAUSE_REASONS)
  reason!: DunningPauseReason;

  @ApiPropertyOptional({ description: 'A case reference or the plan agreed (no personal data)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, MAX_NOTE_LENGTH)
  note?: string;
}

export class ResumeDunningDto extends CommandDto {
  @ApiProperty({ description: 'Business time the pause is lifted', example: '2026-10-01T10:00:00+02:00' })
  @IsInstant()
  resumedAt!: string;

  @ApiPropertyOptional({ description: 'Why it is lifted', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, MAX_NOTE_LENGTH)
  note?: string;
}

export class DunningQuery {
  @ApiPropertyOptional({
    enum: DUNNING_STATUSES,
    description:
      'due: a step whose time has come by `asOf` (not paused, not escalated, money asked); sent: letters sent, not escalated; escalated; paused. Default due.',
  })
  @IsOptional()
  @IsIn(DUNNING_STATUSES)
  status?: DunningStatus;
  @ApiPropertyOptional({ description: 'For due: a date (the whole day) or an instant; default now' })
  @IsOptional()
  @IsDateOrInstant()
  asOf?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) customerId?: string;
  @ApiPropertyOptional({ example: 'excellus' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  provider?: string;
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

/** The status an invoice's dunning has at `asOfUtc`; null: nothing to report (no step due, none sent). */
export function dunningStatusOf(d: DunningDocument, asOfUtc: string): DunningStatus | null {
  if (d.paused) return 'paused';
  if (d.escalated) return 'escalated';
  if (d.open && d.nextDueAtUtc !== null && d.nextDueAtUtc <= asOfUtc) return 'due';
  return d.letters.length > 0 ? 'sent' : null;
}

const dunningStep = (fired: FiredDeadline) => ({
  invoiceId: fired.streamId.slice(dunningStreamId('').length),
  step: fired.kind,
  dueAt: fired.dueAt,
  outcome: fired.outcome,
  ...(fired.error ? { error: fired.error } : {}),
});

const REMINDER_OUTCOMES: Record<FiredDeadline['outcome'], string> = {
  applied: 'sent',
  'already-applied': 'already-sent',
  moot: 'moot',
  refused: 'refused',
};

function checkedInvoiceId(id: string): string {
  if (!ID_PATTERN.test(id))
    throw new NotFoundException({ error: 'INVOICE_NOT_FOUND', message: `No invoice ${id.slice(0, 100)}` });
  return id;
}

@ApiTags('finance')
@Controller()
export class DunningController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly letters: ReminderLetters,
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
  ) {}

  /** Runs the scheduler up to `until` and answers the dunning steps it took; running it again takes none twice. */
  @Doc({
    summary: 'Run dunning',
    description:
      "Runs the scheduler up to `until` (business time), as `POST /admin/scheduler/run` does: every due deadline fires, among them the dunning steps (FIN-I15: letters as SendDueReminder, escalations as EscalateDunning, decided by the invoice's rulebook: EXC-11, LOI-6.2-3, PP-5.4, art. 6:96 lid 6 BW). Answers the dunning steps with their outcome (applied, already-applied, moot, refused); idempotent.",
    errors: [400, 503],
    response: objectOf('until, the dunning steps taken, and whether the run got to the end of what was due', {
      until: { type: 'string' },
      complete: { type: 'boolean', description: 'false when the run stopped at its bound: run it again for the rest' },
      steps: { type: 'array', items: objectOf('invoiceId, step, dueAt, outcome, error') },
      reminders: {
        type: 'array',
        items: objectOf('The letters: invoiceId, sentAt, outcome (sent, already-sent, moot, refused)'),
      },
    }),
  })
  @Post('dunning/runs')
  @HttpCode(200)
  @AdminOnly()
  async run(@Body() body: DunningRunDto) {
    const { fired, complete } = await this.metrics.timeSchedulerRun('api', () => this.scheduler.runUntil(body.until));
    const dunningPrefix = dunningStreamId('');
    const steps = fired.filter((f) => f.streamId.startsWith(dunningPrefix));
    // `reminders`: the letters in the answer's earlier shape (before the scheduler took the steps).
    const reminders = steps
      .filter((f) => f.command === 'SendDueReminder')
      .map((f) => ({
        invoiceId: dunningStep(f).invoiceId,
        sentAt: f.dueAt,
        outcome: REMINDER_OUTCOMES[f.outcome],
        ...(f.error ? { error: f.error } : {}),
      }));
    return { until: body.until, steps: steps.map(dunningStep), reminders, complete };
  }

  /** Invoices by dunning status, a page at a time; `nextCursor` (also X-Next-Cursor) while there are more. */
  @Doc({
    summary: 'List dunning',
    description:
      'Invoices whose dunning step is due (by `asOf`), whose letters were sent, that were escalated or are paused, filtered by customer and provider, a page at a time (`cursor`; a page may hold fewer than `limit` items while `nextCursor` goes on). Amounts in cents. Appends nothing.',
    errors: [400],
    response: pageOf(
      objectOf(
        'invoiceId, invoiceNumber, paymentReference, customerId, provider, dueDate, totalCents, outstandingCents, status, letters, next, escalated, paused',
      ),
      'items',
    ),
  })
  @Get('dunning')
  @FinanceReadRoles()
  async list(@Query() query: DunningQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.readModels.ready();
    const status = query.status ?? 'due';
    const asOfUtc = this.asOfUtc(query.asOf);
    const where: Record<string, string | boolean> = {};
    if (query.customerId) where['customerId'] = query.customerId;
    if (query.provider) where['provider'] = query.provider;
    if (status === 'due') where['open'] = true;
    if (status === 'sent') where['stage'] = 'sent';
    if (status === 'escalated') where['stage'] = 'escalated';
    if (status === 'paused') where['isPaused'] = true;
    const limit = query.limit ? Number(query.limit) : 100;
    const items: Array<DunningDocument & { status: DunningStatus }> = [];
    let cursor = query.cursor;
    for (let pages = 0; pages < MAX_PAGES_PER_REQUEST && items.length < limit; pages++) {
      const page = await this.readModels.find<DunningDocument>(DUNNING.name, DUNNING.collection, {
        where,
        orderBy: { field: status === 'due' ? 'nextDueAtUtc' : 'dueDate', direction: 'asc' },
        limit: limit - items.length,
        cursor,
      });
      cursor = page.nextCursor;
      for (const { body } of page.items) {
        // Due steps come in due order: the first one not yet due ends the list.
        if (status === 'due' && body.nextDueAtUtc !== null && body.nextDueAtUtc > asOfUtc) {
          cursor = undefined;
          break;
        }
        const current = dunningStatusOf(body, asOfUtc);
        if (status === 'due' && current !== 'due') continue;
        const { open: _open, isPaused: _isPaused, stage: _stage, nextDueAtUtc: _utc, ...view } = body;
        items.push({ ...(view as DunningDocument), status: current ?? status });
      }
      if (!cursor) break;
    }
    if (cursor) void reply.header('x-next-cursor', cursor);
    return { asOf: asOfUtc, status, items, nextCursor: cursor ?? null };
  }

  /** Pauses dunning on an invoice (a complaint, a payment plan): the scheduler sends it nothing until lifted. */
  @Doc({
    summary: 'Pause dunning on an invoice',
    description:
      'Records DunningPaused with the reason, the note and who paused it (FIN-I15): the pending step (the next letter or the escalation) is held back and a reminder sent by hand is refused (409 DUNNING_PAUSED) until the pause is lifted. 409 DUNNING_ALREADY_PAUSED while paused.',
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
  })
  @Post('invoices/:invoiceId/dunning-pauses')
  @HttpCode(201)
  @Roles('backoffice', 'finance')
  pause(
    @Param('invoiceId') invoiceId: string,
    @Body() body: PauseDunningDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    const payload = {
      invoiceId: checkedInvoiceId(invoiceId),
      pausedAt: body.pausedAt,
      reason: body.reason,
      note: body.note ?? null,
    };
    const envelope = envelopeOf(request, 'PauseDunning', hashed(body, { invoiceId }), body.pausedAt);
    return this.send(new PauseDunningCommand(payload, envelope));
  }

  /** Lifts the pause: the step it held back falls due at the later of its own time and the lifting. */
  @Doc({
    summary: 'Lift a dunning pause',
    description:
      'Records DunningResumed (FIN-I15): the step the pause held back is scheduled again, due at the later of its own time and `resumedAt`. 409 DUNNING_NOT_PAUSED when not paused.',
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
  })
  @Post('invoices/:invoiceId/dunning-resumptions')
  @HttpCode(201)
  @Roles('backoffice', 'finance')
  resume(
    @Param('invoiceId') invoiceId: string,
    @Body() body: ResumeDunningDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    const payload = { invoiceId: checkedInvoiceId(invoiceId), resumedAt: body.resumedAt, note: body.note ?? null };
    const envelope = envelopeOf(request, 'ResumeDunning', hashed(body, { invoiceId }), body.resumedAt);
    return this.send(new ResumeDunningCommand(payload, envelope));
  }

  /** Letter n of an invoice: JSON, or the Dutch PDF with `Accept: application/pdf`. */
  @Doc({
    summary: 'Get a reminder letter (JSON or PDF)',
    description:
      'Letter `reminderNumber` (1-99, else 400) of the invoice (1: the betalingsherinnering, the 14-day letter of art. 6:96 lid 6 BW with the collection costs owed after its term; 2: the aanmaning stating the costs now charged). With `Accept: application/pdf` the Dutch letter (€ 1.234,56, dd-mm-jjjj, betalingskenmerk). 404 REMINDER_NOT_FOUND; 409 INVOICE_NOT_NUMBERED before the invoice has a number. Appends nothing.',
    errors: [400, 404, 409],
    response: objectOf(
      'The letter: letter, reminderNumber, outstandingCents, termDays, reminderTermEndsOn, collectionCostsCents',
    ),
  })
  @Get('invoices/:invoiceId/reminders/:reminderNumber')
  @FinanceReadRoles()
  @ApiProduces('application/json', 'application/pdf')
  async letter(
    @Param('invoiceId') invoiceId: string,
    @Param('reminderNumber') reminderNumber: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // The invoice is checked first: a malformed invoice id is named as such whatever the letter number.
    const knownShape = checkedInvoiceId(invoiceId);
    if (!/^[1-9][0-9]?$/.test(reminderNumber)) {
      const message = 'reminderNumber must be a whole number from 1 to 99 (the letter: 1, 2, ...)';
      throw new BadRequestException({
        error: 'VALIDATION_FAILED',
        message,
        fields: [{ field: 'reminderNumber', messages: [message] }],
      });
    }
    await this.readModels.ready();
    const dunning = await this.readModels.get<DunningDocument>(DUNNING.name, DUNNING.collection, knownShape);
    if (!dunning) throw new NotFoundException({ error: 'INVOICE_NOT_FOUND', message: `No invoice ${invoiceId}` });
    const model = await this.letters.model(dunning.body, Number(reminderNumber));
    if (!wantsPdf(accept)) {
      const { supplier: _supplier, customer: _customer, ...letter } = model;
      return letter;
    }
    void reply.header('content-type', 'application/pdf');
    void reply.header(
      'content-disposition',
      `inline; filename="${model.letter}-${model.invoiceNumber}-${model.reminderNumber}.pdf"`,
    );
    return renderReminderLetterPdf(model);
  }

  private asOfUtc(asOf: string | undefined): string {
    if (asOf === undefined) return this.clock.now().toISOString();
    // A date means the whole Amsterdam day: everything due before the next day starts.
    if (isApiLocalDate(asOf)) return new Date(Date.parse(toUtcIso(startOfDay(addDays(asOf, 1)))) - 1).toISOString();
    return toUtcIso(asOf);
  }

  private async send(command: LedgerCommand): Promise<CommandResponse> {
    return commandResponse(await this.commandBus.execute<LedgerCommand, CommandResult>(command));
  }
}
