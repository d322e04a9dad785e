import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  readWholeStream,
  type CommandPipeline,
  type CommandResult,
  type ReadModels,
  type Storage,
} from '@ledger/application';
import { ENROLMENTS, type EnrolmentDocument } from '@ledger/projections';
import {
  customerDecider,
  customerStreamId,
  enrolmentDecider,
  enrolmentStreamId,
  enrolmentView,
  learnerDecider,
  learnerStreamId,
  offeringDecider,
  offeringStreamId,
  type EnrolmentCommand,
} from '@ledger/domain';
import { CommandRoles, Roles } from '../auth/roles';
import { envelopeOf, ExecuteDecider, type LedgerRequest } from '../http/commands';
import { COMMAND_PIPELINE, READ_MODELS, STORAGE } from '../tokens';
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
import { checkedId, enrolmentResponse, type EnrolmentCommandResponse } from './responses';

type Distribute<T> = T extends unknown ? Omit<T, 'type' | 'enrolmentId'> : never;
type CommandFields<T extends EnrolmentCommand['type']> = Distribute<Extract<EnrolmentCommand, { type: T }>>;

/** Enrolments: registration and every act on a booking (api.md "Enrolments"). */
@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('enrolments')
export class EnrolmentsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  /**
   * Runs one command on an enrolment. The route's enrolment id is part of the idempotency hash, so
   * one command id cannot be replayed against another enrolment.
   */
  private async run<T extends EnrolmentCommand['type']>(
    type: T,
    enrolmentId: string,
    fields: CommandFields<T>,
    request: LedgerRequest,
    body: { commandId: string },
    businessTime: string,
    primaryEventType?: string,
  ): Promise<EnrolmentCommandResponse> {
    const command = {
      type,
      enrolmentId: checkedId(enrolmentId, 'enrolment'),
      ...fields,
    } as unknown as EnrolmentCommand;
    const hashed: { commandId: string } = { ...body, enrolmentId } as { commandId: string };
    const envelope = envelopeOf(request, type, hashed, businessTime);
    const result = await this.commandBus.execute<ExecuteDecider, CommandResult>(
      new ExecuteDecider(enrolmentDecider, command, envelope),
    );
    return enrolmentResponse(result, primaryEventType);
  }

  private async requireLearner(learnerId: string): Promise<void> {
    const { state } = await this.pipeline.loadState(learnerDecider, learnerStreamId(learnerId));
    if (state.status === 'unknown')
      throw new NotFoundException({ error: 'LEARNER_NOT_FOUND', message: `No learner ${learnerId}` });
  }

  @Post()
  @HttpCode(201)
  @CommandRoles()
  async register(@Body() body: RegisterEnrolmentDto, @Req() request: LedgerRequest): Promise<EnrolmentCommandResponse> {
    // The agreement snapshots the facts its rules need: the offering's terms and the customer's kind.
    const { state: offering } = await this.pipeline.loadState(offeringDecider, offeringStreamId(body.offeringId));
    if (offering.status !== 'defined')
      throw new NotFoundException({ error: 'OFFERING_NOT_FOUND', message: `No offering ${body.offeringId}` });
    const { state: customer } = await this.pipeline.loadState(customerDecider, customerStreamId(body.customerId));
    if (customer.status !== 'registered')
      throw new NotFoundException({ error: 'CUSTOMER_NOT_FOUND', message: `No customer ${body.customerId}` });
    await this.requireLearner(body.learnerId);
    return this.run(
      'RegisterEnrolment',
      body.enrolmentId,
      {
        offeringId: body.offeringId,
        learnerId: body.learnerId,
        customerId: body.customerId,
        customerKind: customer.kind,
        registeredAt: body.registeredAt,
        terms: offering.terms,
      },
      request,
      body,
      body.registeredAt,
    );
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
    return this.run('CancelEnrolment', id, fields, request, b, b.requestedAt, 'EnrolmentCancelled');
  }

  @Post(':enrolmentId/evidence')
  @HttpCode(201)
  @CommandRoles()
  evidence(@Param('enrolmentId') id: string, @Body() b: EvidenceDto, @Req() request: LedgerRequest) {
    return this.run(
      'SubmitCancellationEvidence',
      id,
      { receivedAt: b.receivedAt, kind: b.kind },
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
    return this.run(
      'CancelByProvider',
      id,
      { cancelledAt: b.cancelledAt },
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
    return this.run(
      'WithdrawEnrolment',
      id,
      { requestedAt: b.requestedAt, ...(b.materialsSent !== undefined ? { materialsSent: b.materialsSent } : {}) },
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
    return this.run('RecordMaterialsReturn', id, fields, request, b, b.receivedAt, 'WithdrawnMaterialsReturned');
  }

  @Post(':enrolmentId/reschedules')
  @HttpCode(201)
  @CommandRoles()
  reschedule(@Param('enrolmentId') id: string, @Body() b: RescheduleDto, @Req() request: LedgerRequest) {
    return this.run(
      'RescheduleEnrolment',
      id,
      { requestedAt: b.requestedAt, newStartsAt: b.newStartsAt },
      request,
      b,
      b.requestedAt,
      'EnrolmentRescheduled',
    );
  }

  @Post(':enrolmentId/substitutions')
  @HttpCode(201)
  @CommandRoles()
  async substitute(@Param('enrolmentId') id: string, @Body() b: SubstitutionDto, @Req() request: LedgerRequest) {
    await this.requireLearner(b.substituteLearnerId);
    const { commandId: _commandId, ...fields } = b;
    return this.run('SubstituteLearner', id, fields, request, b, b.requestedAt, 'LearnerSubstituted');
  }

  @Post(':enrolmentId/terminations')
  @HttpCode(201)
  @CommandRoles()
  terminate(@Param('enrolmentId') id: string, @Body() b: TerminationDto, @Req() request: LedgerRequest) {
    return this.run(
      'TerminateEnrolment',
      id,
      { requestedAt: b.requestedAt },
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
    return this.run('RecordAttendance', id, fields, request, b, b.at, 'AttendanceRecorded');
  }

  @Post(':enrolmentId/exam-results')
  @HttpCode(201)
  @CommandRoles()
  examResult(@Param('enrolmentId') id: string, @Body() b: ExamResultDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.run('RecordExamResult', id, fields, request, b, b.sittingAt, 'ExamResultRecorded');
  }

  @Post(':enrolmentId/certificates')
  @HttpCode(201)
  @CommandRoles()
  certificate(@Param('enrolmentId') id: string, @Body() b: CertificateDto, @Req() request: LedgerRequest) {
    return this.run('RequestCertificate', id, { requestedAt: b.requestedAt }, request, b, b.requestedAt);
  }

  @Post(':enrolmentId/modules')
  @HttpCode(201)
  @CommandRoles()
  activateModule(@Param('enrolmentId') id: string, @Body() b: ModuleDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.run('ActivateModule', id, fields, request, b, b.at, 'ModuleActivated');
  }

  @Post(':enrolmentId/module-completions')
  @HttpCode(201)
  @CommandRoles()
  completeModule(@Param('enrolmentId') id: string, @Body() b: ModuleCompletionDto, @Req() request: LedgerRequest) {
    return this.run('CompleteModule', id, { moduleId: b.moduleId, at: b.at }, request, b, b.at);
  }

  @Post(':enrolmentId/mbo-data')
  @HttpCode(201)
  @CommandRoles()
  mboData(@Param('enrolmentId') id: string, @Body() b: MboDataDto, @Req() request: LedgerRequest) {
    return this.run(
      'ReceiveMboData',
      id,
      { receivedAt: b.receivedAt, items: b.items },
      request,
      b,
      b.receivedAt,
      'MboDataCompleted',
    );
  }

  @Post(':enrolmentId/price-changes')
  @HttpCode(201)
  @CommandRoles()
  async applyPriceChange(
    @Param('enrolmentId') id: string,
    @Body() b: ApplyPriceChangeDto,
    @Req() request: LedgerRequest,
  ) {
    const { state } = await this.pipeline.loadState(enrolmentDecider, enrolmentStreamId(checkedId(id, 'enrolment')));
    if (!state.agreement) throw new NotFoundException({ error: 'ENROLMENT_NOT_FOUND', message: `No enrolment ${id}` });
    const { state: offering } = await this.pipeline.loadState(
      offeringDecider,
      offeringStreamId(state.agreement.offeringId),
    );
    const change = offering.status === 'defined' ? offering.priceChanges[b.changeId] : undefined;
    if (!change)
      throw new NotFoundException({
        error: 'PRICE_CHANGE_NOT_FOUND',
        message: `Offering ${state.agreement.offeringId} has no price change ${b.changeId}`,
      });
    return this.run(
      'ApplyPriceChange',
      id,
      { change, appliedAt: b.appliedAt },
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
    return this.run(
      'DissolveEnrolment',
      id,
      { requestedAt: b.requestedAt, changeId: b.changeId },
      request,
      b,
      b.requestedAt,
    );
  }

  @Post(':enrolmentId/force-majeure')
  @HttpCode(201)
  @CommandRoles()
  forceMajeure(@Param('enrolmentId') id: string, @Body() b: ForceMajeureDto, @Req() request: LedgerRequest) {
    return this.run(
      'DeclareForceMajeure',
      id,
      {
        declaredAt: b.declaredAt,
        deliveredComponents: b.deliveredComponents,
        supplierCostsCents: b.supplierCostsCents ?? 0,
      },
      request,
      b,
      b.declaredAt,
      'ForceMajeureRefundDecided',
    );
  }
}
