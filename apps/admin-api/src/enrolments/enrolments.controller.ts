import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  RecordDelivery,
  DissolveForNonPayment,
  MoveDateForForceMajeure,
  DissolveForLateDelivery,
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
  type LedgerCommand,
  type LedgerCommandClass,
  type ReadModels,
  type Storage,
} from '@ledger/application';
import { ENROLMENTS, type EnrolmentDocument } from '../../../../projections/enrolments';
import { enrolmentStreamId, enrolmentView } from '@ledger/domain';
import { CommandRoles, Roles } from '../auth/roles';
import { envelopeOf, type LedgerRequest } from '../http/commands';
import { READ_MODELS, STORAGE } from '../tokens';
import {
  ApplyPriceChangeDto,
  AttendanceDto,
  DeliveryDto,
  NonPaymentDissolutionDto,
  ForceMajeureDateDto,
  LateDeliveryDissolutionDto,
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
import { checkedId, enrolmentResponse, type EnrolmentCommandResponse } from './responses';

/** Enrolments: registration and every act on a booking (docs/api.md "Enrolments"). */
@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('enrolments')
export class EnrolmentsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
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
    const view = enrolmentView(
      events.map((e) => ({
        eventId: e.id,
        revision: e.revision,
        type: e.type,
        data: e.data,
        occurredAt: e.metadata.occurredAt,
        recordedAt: e.recordedAt,
      })),
      { ...(query.asOf ? { asOf: query.asOf } : {}), ...(query.knownAt ? { knownAt: query.knownAt } : {}) },
    );
    if (!view)
      throw new NotFoundException({
        error: 'ENROLMENT_NOT_FOUND',
        message: `No enrolment ${enrolmentId}${query.asOf || query.knownAt ? ' at that time' : ''}`,
      });
    return view;
  }

  @Post(':enrolmentId/cancellations')
  @HttpCode(201)
  @CommandRoles()
  cancel(@Param('enrolmentId') id: string, @Body() b: CancellationDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(CancelEnrolment.command, fields, id, request, b, b.requestedAt, 'EnrolmentCancelled');
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
    return this.send(
      WithdrawEnrolment.command,
      { requestedAt: b.requestedAt, details: b.details ?? {} },
      id,
      request,
      b,
      b.requestedAt,
      'EnrolmentWithdrawn',
    );
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
    return this.send(
      RescheduleEnrolment.command,
      { requestedAt: b.requestedAt, newStartsAt: b.newStartsAt, details: b.details ?? {} },
      id,
      request,
      b,
      b.requestedAt,
      'EnrolmentRescheduled',
    );
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
    return this.send(
      TerminateEnrolment.command,
      { requestedAt: b.requestedAt, details: b.details ?? {} },
      id,
      request,
      b,
      b.requestedAt,
      'EnrolmentTerminated',
    );
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

  /** What the provider owed by a date was delivered (e.g. the written result, PP-13.4-5): in time or late. */
  @Post(':enrolmentId/deliveries')
  @HttpCode(201)
  @CommandRoles()
  delivery(@Param('enrolmentId') id: string, @Body() b: DeliveryDto, @Req() request: LedgerRequest) {
    const fields = { deliverable: b.deliverable, deliveredAt: b.deliveredAt };
    return this.send(RecordDelivery.command, fields, id, request, b, b.deliveredAt, 'DeliveryRecorded');
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

  /** PP-5.5: the provider dissolves because the fee was not paid in time; what it performed stays charged. */
  @Post(':enrolmentId/non-payment-dissolutions')
  @HttpCode(201)
  @CommandRoles()
  dissolveForNonPayment(
    @Param('enrolmentId') id: string,
    @Body() b: NonPaymentDissolutionDto,
    @Req() request: LedgerRequest,
  ) {
    const fields = { requestedAt: b.requestedAt, performedComponents: b.performedComponents };
    return this.send(
      DissolveForNonPayment.command,
      fields,
      id,
      request,
      b,
      b.requestedAt,
      'EnrolmentDissolvedForNonPayment',
    );
  }

  /** The customer dissolves after a missed delivery that gave the right (e.g. EXC-8.1 material within 30 days). */
  @Post(':enrolmentId/late-delivery-dissolutions')
  @HttpCode(201)
  @CommandRoles()
  dissolveForLateDelivery(
    @Param('enrolmentId') id: string,
    @Body() b: LateDeliveryDissolutionDto,
    @Req() request: LedgerRequest,
  ) {
    return this.send(
      DissolveForLateDelivery.command,
      { requestedAt: b.requestedAt },
      id,
      request,
      b,
      b.requestedAt,
      'EnrolmentDissolvedForLateDelivery',
    );
  }

  /** PP-7.4: force majeure concerning the exam: a new date at no cost, or none yet. */
  @Post(':enrolmentId/force-majeure-dates')
  @HttpCode(201)
  @CommandRoles()
  forceMajeureDate(@Param('enrolmentId') id: string, @Body() b: ForceMajeureDateDto, @Req() request: LedgerRequest) {
    const fields = { declaredAt: b.declaredAt, ...(b.newStartsAt ? { newStartsAt: b.newStartsAt } : {}) };
    return this.send(MoveDateForForceMajeure.command, fields, id, request, b, b.declaredAt, 'DateMovedForForceMajeure');
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
