/**
 * Complaints and disputes about an enrolment (PP-16.5, VLI-6.2, EXC-12): filing records the
 * rulebook's deadlines and, where its complaint act says so (Excellus), suspends statutory interest
 * and collection costs on the enrolment's invoices until the complaint is closed.
 */
import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  AnswerComplaint,
  CloseComplaint,
  DeclareComplaintWellFounded,
  FileComplaintCommand,
  readWholeStream,
  type CommandResult,
  type LedgerCommand,
  type LedgerCommandClass,
  type ReadModels,
  type Storage,
} from '@ledger/application';
import { complaintDecider, complaintStreamId, type ComplaintEvent } from '@ledger/domain';
import { BALANCES, type ComplaintLedgerDocument } from '@ledger/projections';
import { CommandRoles, Roles } from '../auth/roles';
import { commandResponse, envelopeOf, type CommandResponse, type LedgerRequest } from '../http/commands';
import { ID_PATTERN } from '../http/validators';
import { READ_MODELS, STORAGE } from '../tokens';
import {
  AnswerComplaintDto,
  CloseComplaintDto,
  ComplaintsQuery,
  DeclareWellFoundedDto,
  FileComplaintDto,
} from './finance.dto';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf, pageOf } from '../http/openapi';

/** The idempotency hash covers the route's ids too: one command id cannot be replayed against another resource. */
const hashed = (body: { commandId: string }, ids: Record<string, string>): { commandId: string } => ({
  ...body,
  ...ids,
});

function checkedComplaintId(id: string): string {
  if (!ID_PATTERN.test(id))
    throw new NotFoundException({ error: 'COMPLAINT_NOT_FOUND', message: `No complaint ${id.slice(0, 100)}` });
  return id;
}

@ApiTags('finance')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  /** Files a complaint about an enrolment; 422 COMPLAINT_TOO_LATE under PP-16.5 / VLI-6.2. */
  @Doc({
    summary: 'File a complaint',
    description:
      'A complaint about an enrolment. The book sets the window and the answer deadline (PP-16.5, VLI-6.2, FIN-I12 where it has none); a late PlusPort complaint is refused (FIN-I11). Under EXC-12 a complaint suspends interest and collection costs. Appends ComplaintFiled and its deadlines.',
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'COMPLAINT_TOO_LATE',
        ruleId: 'VLI-6.2',
        message: 'Complaints must be filed within 3 weeks',
      },
    ],
    response: CommandResponseSchema,
  })
  @Post()
  @HttpCode(201)
  @CommandRoles()
  file(@Body() body: FileComplaintDto, @Req() request: LedgerRequest): Promise<CommandResponse> {
    const payload = {
      complaintId: body.complaintId,
      enrolmentId: body.enrolmentId,
      subject: body.subject ?? 'course',
      filedAt: body.filedAt,
      incidentOn: body.incidentOn ?? null,
      courseEndedOn: body.courseEndedOn ?? null,
    };
    return this.send(FileComplaintCommand, payload, body, body.filedAt, request);
  }

  /** PP-16.5 answer / VLI-6.2 acknowledgement. */
  @Doc({
    summary: 'Answer a complaint',
    description:
      'The answer (PP-16.5) or acknowledgement (VLI-6.2) of a complaint; a missed deadline is recorded by the scheduler. Appends ComplaintAnswered.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
  })
  @Post(':complaintId/answers')
  @HttpCode(201)
  @CommandRoles()
  async answer(
    @Param('complaintId') complaintId: string,
    @Body() body: AnswerComplaintDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    return this.send(
      AnswerComplaint.command,
      { complaintId: checkedComplaintId(complaintId), answeredAt: body.answeredAt },
      hashed(body, { complaintId }),
      body.answeredAt,
      request,
    );
  }

  /** VLI-6.2: declared well-founded; the investigation is due within 2 weeks. */
  @Doc({
    summary: 'Declare a complaint well-founded',
    description:
      'VLI-6.2: the complaint is well-founded; the investigation is due within 2 weeks. Appends ComplaintDeclaredWellFounded.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
  })
  @Post(':complaintId/well-founded')
  @HttpCode(201)
  @CommandRoles()
  async declareWellFounded(
    @Param('complaintId') complaintId: string,
    @Body() body: DeclareWellFoundedDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    return this.send(
      DeclareComplaintWellFounded.command,
      { complaintId: checkedComplaintId(complaintId), declaredAt: body.declaredAt },
      hashed(body, { complaintId }),
      body.declaredAt,
      request,
    );
  }

  /** Closes the complaint; EXC-12 charging resumes the day after. */
  @Doc({
    summary: 'Close a complaint',
    description:
      'Closes the complaint with its outcome; EXC-12 charging resumes the day after (FIN-I6). Appends ComplaintClosed.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: CommandResponseSchema,
  })
  @Post(':complaintId/closures')
  @HttpCode(201)
  @CommandRoles()
  async close(
    @Param('complaintId') complaintId: string,
    @Body() body: CloseComplaintDto,
    @Req() request: LedgerRequest,
  ): Promise<CommandResponse> {
    return this.send(
      CloseComplaint.command,
      { complaintId: checkedComplaintId(complaintId), closedAt: body.closedAt, outcome: body.outcome },
      hashed(body, { complaintId }),
      body.closedAt,
      request,
    );
  }

  /** The complaint with its deadlines, answer, missed deadlines and closing. */
  @Doc({
    summary: 'Get a complaint',
    description: 'The complaint with its deadlines, answer, missed deadlines and closing. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The complaint: enrolment, customer, deadlines, answer, outcome'),
  })
  @Get(':complaintId')
  @Roles('backoffice', 'finance', 'auditor')
  async get(@Param('complaintId') complaintId: string) {
    const events = await readWholeStream(this.storage.eventStore, complaintStreamId(checkedComplaintId(complaintId)));
    if (events.length === 0)
      throw new NotFoundException({ error: 'COMPLAINT_NOT_FOUND', message: `No complaint ${complaintId}` });
    const state = events.reduce(
      (s, e) => complaintDecider.evolve(s, { type: e.type, data: e.data } as ComplaintEvent),
      complaintDecider.initialState(),
    );
    const filed = events[0]!.data;
    const closed = events.find((e) => e.type === 'ComplaintClosed')?.data ?? null;
    return {
      ...filed,
      status: state.status,
      answeredOn: state.answeredOn,
      wellFoundedOn: state.wellFoundedOn,
      deadlines: { ...(filed['deadlines'] as Record<string, string>), ...state.deadlines },
      missedDeadlines: state.missed,
      closed,
      events: events.map((e) => ({
        eventId: e.id,
        type: e.type,
        revision: e.revision,
        occurredAt: e.metadata.occurredAt ?? null,
        recordedAt: e.recordedAt,
      })),
    };
  }

  /** Complaints of a customer and/or by status, a page at a time. */
  @Doc({
    summary: 'List complaints',
    description: 'Complaints of a customer and/or by status, a page at a time. Appends nothing.',
    errors: [400],
    response: pageOf(objectOf('A complaint')),
  })
  @Get()
  @Roles('backoffice', 'finance', 'auditor')
  async list(@Query() query: ComplaintsQuery) {
    const where: Record<string, string> = {};
    if (query.customerId) where['customerId'] = query.customerId;
    if (query.status) where['status'] = query.status;
    await this.readModels.ready();
    const page = await this.readModels.find<ComplaintLedgerDocument>(BALANCES.name, BALANCES.complaints, {
      where,
      limit: query.limit ? Number(query.limit) : 100,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { items: page.items.map((d) => d.body), nextCursor: page.nextCursor ?? null };
  }

  private async send<P extends object>(
    commandClass: LedgerCommandClass<P>,
    payload: P,
    body: { commandId: string },
    businessTime: string,
    request: LedgerRequest,
  ): Promise<CommandResponse> {
    const envelope = envelopeOf(request, commandClass.name.replace(/Command$/, ''), body, businessTime);
    const result = await this.commandBus.execute<LedgerCommand<P>, CommandResult>(new commandClass(payload, envelope));
    return commandResponse(result);
  }
}
