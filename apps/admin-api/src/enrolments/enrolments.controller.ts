import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  type Type,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ActivateModule,
  ApplyPriceChangeCommand,
  CancelByProvider,
  CancelEnrolment,
  CompleteModule,
  DeclareForceMajeure,
  DissolveEnrolment,
  readWholeStream,
  ReceiveMboData,
  RecordAttendance,
  RecordExamResult,
  RecordMaterialsReturn,
  RegisterEnrolmentCommand,
  RequestCertificate,
  RescheduleEnrolment,
  SubmitCancellationEvidence,
  SubstituteLearnerCommand,
  TerminateEnrolment,
  WithdrawEnrolment,
  type CommandResult,
  type DecidingHandler,
  type LedgerCommand,
  type LedgerCommandClass,
  type ReadModels,
  type Storage,
} from '@ledger/application';
import { ENROLMENTS, type EnrolmentDocument } from '@ledger/projections';
import { enrolmentStreamId, enrolmentView, eventsAsOf, type DomainEvent } from '@ledger/domain';
import { CommandRoles, Roles } from '../auth/roles';
import { envelopeOf, type LedgerRequest } from '../http/commands';
import { READ_MODELS, STORAGE } from '../tokens';
import {
  ApplyPriceChangeDto,
  AttendanceDto,
  CancellationDto,
  CertificateDto,
  DissolutionDto,
  EnrolmentQuery,
  EvidenceDto,
  ExamResultDto,
  ListEnrolmentsQuery,
  ForceMajeureDto,
  MaterialsReturnDto,
  MboDataDto,
  ModuleCompletionDto,
  ModuleDto,
  ProviderCancellationDto,
  RegisterEnrolmentDto,
  RescheduleDto,
  SubstitutionDto,
  TerminationDto,
  WithdrawalDto,
} from './dto';
import {
  checkedId,
  enrolmentResponse,
  quoteResponse,
  type EnrolmentCommandResponse,
  type QuoteResponse,
} from './responses';

/** Enrolments: registration and every act on a booking (docs/api.md "Enrolments"). */
@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('enrolments')
export class EnrolmentsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * Sends one command on an enrolment. The route's enrolment id is part of the idempotency hash, so
   * one command id cannot be replayed against another enrolment.
   */
  private async send<P extends { enrolmentId: string }>(
    commandClass: LedgerCommandClass<P>,
    payload: Omit<P, 'enrolmentId'>,
    enrolmentId: string,
    request: LedgerRequest,
    body: { commandId: string; details?: Record<string, unknown> },
    businessTime: string,
    primaryEventType?: string,
  ): Promise<EnrolmentCommandResponse> {
    const id = checkedId(enrolmentId, 'enrolment');
    const envelope = envelopeOf(
      request,
      commandClass.name.replace(/Command$/, ''),
      { ...body, enrolmentId } as { commandId: string },
      businessTime,
    );
    const result = await this.commandBus.execute<LedgerCommand<P>, CommandResult>(
      new commandClass({ ...payload, enrolmentId: id } as P, envelope),
    );
    return enrolmentResponse(result, primaryEventType);
  }

  /**
   * What the act would record now (the handler's own `toDomain` and `decide`), appending nothing;
   * the response has the shape of the command's, with `quote: true` and no event or decision ids.
   */
  private async quote<P extends { enrolmentId: string }>(
    act: {
      command: LedgerCommandClass<P>;
      handler: Type<DecidingHandler<LedgerCommand<P>, unknown, DomainEvent, unknown>>;
    },
    payload: Omit<P, 'enrolmentId'>,
    enrolmentId: string,
    request: LedgerRequest,
    body: { commandId: string; details?: Record<string, unknown> },
    businessTime: string,
    primaryEventType: string,
  ): Promise<QuoteResponse> {
    const id = checkedId(enrolmentId, 'enrolment');
    const envelope = envelopeOf(
      request,
      act.command.name.replace(/Command$/, ''),
      { ...body, enrolmentId } as { commandId: string },
      businessTime,
    );
    const handler = this.moduleRef.get(act.handler, { strict: false });
    const quoted = await handler.quote(new act.command({ ...payload, enrolmentId: id } as P, envelope));
    return quoteResponse(quoted, businessTime, primaryEventType);
  }

  @Post()
  @HttpCode(201)
  @CommandRoles()
  async register(@Body() body: RegisterEnrolmentDto, @Req() request: LedgerRequest): Promise<EnrolmentCommandResponse> {
    const { commandId: _commandId, ...payload } = body;
    const envelope = envelopeOf(request, 'RegisterEnrolment', body, body.registeredAt);
    const result = await this.commandBus.execute<RegisterEnrolmentCommand, CommandResult>(
      new RegisterEnrolmentCommand(payload, envelope),
    );
    return enrolmentResponse(result);
  }

  /** Enrolments by customer, offering, learner or status (the enrolments projection, read-your-writes). */
  @Get()
  @Roles('backoffice', 'finance', 'auditor')
  async list(@Query() query: ListEnrolmentsQuery) {
    const where: Record<string, string> = {};
    for (const key of ['customerId', 'offeringId', 'learnerId', 'status'] as const)
      if (query[key]) where[key] = query[key]!;
    await this.readModels.ready();
    const page = await this.readModels.find<EnrolmentDocument>(ENROLMENTS.name, ENROLMENTS.collection, {
      where,
      limit: query.limit ?? 100,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { items: page.items.map((d) => d.body), nextCursor: page.nextCursor ?? null };
  }

  @Get(':enrolmentId')
  @Roles('backoffice', 'finance', 'auditor')
  async get(@Param('enrolmentId') enrolmentId: string, @Query() query: EnrolmentQuery) {
    const streamId = enrolmentStreamId(checkedId(enrolmentId, 'enrolment'));
    const events = await readWholeStream(this.storage.eventStore, streamId);
    const sources = events.map((e) => ({
      eventId: e.id,
      revision: e.revision,
      type: e.type,
      data: e.data,
      occurredAt: e.metadata.occurredAt,
      recordedAt: e.recordedAt,
      actor: e.metadata.actor ?? null,
    }));
    const filter = {
      ...(query.asOf ? { asOf: query.asOf } : {}),
      ...(query.knownAt ? { knownAt: query.knownAt } : {}),
    };
    const view = enrolmentView(sources, filter);
    if (!view)
      throw new NotFoundException({
        error: 'ENROLMENT_NOT_FOUND',
        message: `No enrolment ${enrolmentId}${query.asOf || query.knownAt ? ' at that time' : ''}`,
      });
    // What happened when, and who recorded it: event types and times only, never their data.
    const timeline = eventsAsOf(sources, filter).map(({ eventId, revision, type, occurredAt, recordedAt, actor }) => ({
      eventId,
      revision,
      type,
      occurredAt: occurredAt ?? null,
      recordedAt,
      actor,
    }));
    return { ...view, timeline };
  }

  @Post(':enrolmentId/cancellations')
  @HttpCode(201)
  @CommandRoles()
  cancel(@Param('enrolmentId') id: string, @Body() b: CancellationDto, @Req() request: LedgerRequest) {
    return this.send(CancelEnrolment.command, ...this.cancellation(id, b, request));
  }

  /** The decision a cancellation with this body would record now; appends nothing. */
  @Post(':enrolmentId/cancellations/quote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quote a cancellation: the decision it would get now; records nothing' })
  @CommandRoles()
  quoteCancellation(@Param('enrolmentId') id: string, @Body() b: CancellationDto, @Req() request: LedgerRequest) {
    return this.quote(CancelEnrolment, ...this.cancellation(id, b, request));
  }

  private cancellation(id: string, b: CancellationDto, request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return [fields, id, request, b, b.requestedAt, 'EnrolmentCancelled'] as const;
  }

  @Post(':enrolmentId/evidence')
  @HttpCode(201)
  @CommandRoles()
  evidence(@Param('enrolmentId') id: string, @Body() b: EvidenceDto, @Req() request: LedgerRequest) {
    return this.send(
      SubmitCancellationEvidence.command,
      { receivedAt: b.receivedAt, kind: b.kind },
      id,
      request,
      b,
      b.receivedAt,
      'CancellationEvidenceDecided',
    );
  }

  @Post(':enrolmentId/provider-cancellations')
  @HttpCode(201)
  @CommandRoles()
  providerCancel(@Param('enrolmentId') id: string, @Body() b: ProviderCancellationDto, @Req() request: LedgerRequest) {
    return this.send(
      CancelByProvider.command,
      { cancelledAt: b.cancelledAt },
      id,
      request,
      b,
      b.cancelledAt,
      'EnrolmentCancelledByProvider',
    );
  }

  @Post(':enrolmentId/withdrawals')
  @HttpCode(201)
  @CommandRoles()
  withdraw(@Param('enrolmentId') id: string, @Body() b: WithdrawalDto, @Req() request: LedgerRequest) {
    return this.send(WithdrawEnrolment.command, ...this.withdrawal(id, b, request));
  }

  /** The decision a withdrawal with this body would record now; appends nothing. */
  @Post(':enrolmentId/withdrawals/quote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quote a withdrawal: the decision it would get now; records nothing' })
  @CommandRoles()
  quoteWithdrawal(@Param('enrolmentId') id: string, @Body() b: WithdrawalDto, @Req() request: LedgerRequest) {
    return this.quote(WithdrawEnrolment, ...this.withdrawal(id, b, request));
  }

  private withdrawal(id: string, b: WithdrawalDto, request: LedgerRequest) {
    const payload = { requestedAt: b.requestedAt, details: b.details ?? {} };
    return [payload, id, request, b, b.requestedAt, 'EnrolmentWithdrawn'] as const;
  }

  @Post(':enrolmentId/materials-returns')
  @HttpCode(201)
  @CommandRoles()
  materialsReturn(@Param('enrolmentId') id: string, @Body() b: MaterialsReturnDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(RecordMaterialsReturn.command, fields, id, request, b, b.receivedAt, 'WithdrawnMaterialsReturned');
  }

  @Post(':enrolmentId/reschedules')
  @HttpCode(201)
  @CommandRoles()
  reschedule(@Param('enrolmentId') id: string, @Body() b: RescheduleDto, @Req() request: LedgerRequest) {
    return this.send(RescheduleEnrolment.command, ...this.rescheduling(id, b, request));
  }

  /** The decision a reschedule with this body would record now; appends nothing. */
  @Post(':enrolmentId/reschedules/quote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quote a reschedule: the decision it would get now; records nothing' })
  @CommandRoles()
  quoteReschedule(@Param('enrolmentId') id: string, @Body() b: RescheduleDto, @Req() request: LedgerRequest) {
    return this.quote(RescheduleEnrolment, ...this.rescheduling(id, b, request));
  }

  private rescheduling(id: string, b: RescheduleDto, request: LedgerRequest) {
    const payload = { requestedAt: b.requestedAt, newStartsAt: b.newStartsAt, details: b.details ?? {} };
    return [payload, id, request, b, b.requestedAt, 'EnrolmentRescheduled'] as const;
  }

  @Post(':enrolmentId/substitutions')
  @HttpCode(201)
  @CommandRoles()
  substitute(@Param('enrolmentId') id: string, @Body() b: SubstitutionDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(SubstituteLearnerCommand, fields, id, request, b, b.requestedAt, 'LearnerSubstituted');
  }

  @Post(':enrolmentId/terminations')
  @HttpCode(201)
  @CommandRoles()
  terminate(@Param('enrolmentId') id: string, @Body() b: TerminationDto, @Req() request: LedgerRequest) {
    return this.send(TerminateEnrolment.command, ...this.termination(id, b, request));
  }

  /** The decision a termination with this body would record now; appends nothing. */
  @Post(':enrolmentId/terminations/quote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quote a termination: the decision it would get now; records nothing' })
  @CommandRoles()
  quoteTermination(@Param('enrolmentId') id: string, @Body() b: TerminationDto, @Req() request: LedgerRequest) {
    return this.quote(TerminateEnrolment, ...this.termination(id, b, request));
  }

  private termination(id: string, b: TerminationDto, request: LedgerRequest) {
    const payload = { requestedAt: b.requestedAt, details: b.details ?? {} };
    return [payload, id, request, b, b.requestedAt, 'EnrolmentTerminated'] as const;
  }

  @Post(':enrolmentId/attendance')
  @HttpCode(201)
  @CommandRoles()
  attendance(@Param('enrolmentId') id: string, @Body() b: AttendanceDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(RecordAttendance.command, fields, id, request, b, b.at, 'AttendanceRecorded');
  }

  @Post(':enrolmentId/exam-results')
  @HttpCode(201)
  @CommandRoles()
  examResult(@Param('enrolmentId') id: string, @Body() b: ExamResultDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(RecordExamResult.command, fields, id, request, b, b.sittingAt, 'ExamResultRecorded');
  }

  @Post(':enrolmentId/certificates')
  @HttpCode(201)
  @CommandRoles()
  certificate(@Param('enrolmentId') id: string, @Body() b: CertificateDto, @Req() request: LedgerRequest) {
    return this.send(RequestCertificate.command, { requestedAt: b.requestedAt }, id, request, b, b.requestedAt);
  }

  @Post(':enrolmentId/modules')
  @HttpCode(201)
  @CommandRoles()
  activateModule(@Param('enrolmentId') id: string, @Body() b: ModuleDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(ActivateModule.command, fields, id, request, b, b.at, 'ModuleActivated');
  }

  @Post(':enrolmentId/module-completions')
  @HttpCode(201)
  @CommandRoles()
  completeModule(@Param('enrolmentId') id: string, @Body() b: ModuleCompletionDto, @Req() request: LedgerRequest) {
    return this.send(CompleteModule.command, { moduleId: b.moduleId, at: b.at }, id, request, b, b.at);
  }

  @Post(':enrolmentId/mbo-data')
  @HttpCode(201)
  @CommandRoles()
  mboData(@Param('enrolmentId') id: string, @Body() b: MboDataDto, @Req() request: LedgerRequest) {
    return this.send(
      ReceiveMboData.command,
      { receivedAt: b.receivedAt, items: b.items },
      id,
      request,
      b,
      b.receivedAt,
      'MboDataCompleted',
    );
  }

  @Post(':enrolmentId/price-changes')
  @HttpCode(201)
  @CommandRoles()
  applyPriceChange(@Param('enrolmentId') id: string, @Body() b: ApplyPriceChangeDto, @Req() request: LedgerRequest) {
    return this.send(
      ApplyPriceChangeCommand,
      { changeId: b.changeId, appliedAt: b.appliedAt },
      id,
      request,
      b,
      b.appliedAt,
      'PriceChangeApplied',
    );
  }

  @Post(':enrolmentId/dissolutions')
  @HttpCode(201)
  @CommandRoles()
  dissolve(@Param('enrolmentId') id: string, @Body() b: DissolutionDto, @Req() request: LedgerRequest) {
    return this.send(
      DissolveEnrolment.command,
      { requestedAt: b.requestedAt, changeId: b.changeId },
      id,
      request,
      b,
      b.requestedAt,
    );
  }

  @Post(':enrolmentId/force-majeure')
  @HttpCode(201)
  @CommandRoles()
  forceMajeure(@Param('enrolmentId') id: string, @Body() b: ForceMajeureDto, @Req() request: LedgerRequest) {
    return this.send(
      DeclareForceMajeure.command,
      {
        declaredAt: b.declaredAt,
        deliveredComponents: b.deliveredComponents,
        supplierCostsCents: b.supplierCostsCents ?? 0,
      },
      id,
      request,
      b,
      b.declaredAt,
      'ForceMajeureRefundDecided',
    );
  }
}
