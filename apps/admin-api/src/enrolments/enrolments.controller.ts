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
import { ApiTags } from '@nestjs/swagger';
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
  ResumeEnrolment,
  SuspendEnrolment,
  DissolveForLateDelivery,
  ChangeParticipantCount,
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
  DeliveryDto,
  NonPaymentDissolutionDto,
  ResumptionDto,
  SuspensionDto,
  ForceMajeureDateDto,
  LateDeliveryDissolutionDto,
  HeadcountChangeDto,
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
import { COMMAND_ERRORS, Doc, EnrolmentCommandResponseSchema, objectOf, pageOf } from '../http/openapi';

/** Enrolments: registration and every act on a booking (docs/api.md "Enrolments"). */
@ApiTags('enrolments')
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

  @Doc({
    summary: 'Register an enrolment',
    description:
      "Registers a learner on an offering for a customer under the offering's rulebook. Appends EnrolmentRegistered and, where the book charges at registration, InvoiceIssued (the answer carries `invoice`; payment term per the book, ENR-I1 where it sets none). 404 when the offering, learner or customer is unknown; 422 when the book refuses the registration.",
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
    examples: {
      classroom: {
        summary: 'A PlusPort classroom training',
        value: {
          commandId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
          enrolmentId: 'enrolment-e1',
          offeringId: 'offering-vca-basis-2026-04',
          learnerId: 'learner-0001',
          customerId: 'cust-0001',
          registeredAt: '2026-03-02T10:00:00+01:00',
        },
      },
    },
  })
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
  @Doc({
    summary: 'List enrolments',
    description:
      'Enrolments by customer, offering, learner or status, a page at a time (the enrolments projection, read-your-writes). Appends nothing.',
    errors: [400],
    response: pageOf(objectOf('An enrolment as the enrolments projection keeps it')),
  })
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

  @Doc({
    summary: 'Get an enrolment',
    description:
      'The enrolment folded from its stream: status, offering, learner, invoices and decisions. `asOf` (business time) and `knownAt` (record time) give its state as it was, bitemporally. Appends nothing.',
    errors: [400, 404],
    response: objectOf('The enrolment view: status, offering, learner, invoices, decisions'),
  })
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

  @Doc({
    summary: 'Cancel an enrolment',
    description:
      'The customer cancels. The book decides the fee from the notice given (PP-15.5-*, PP-15.2, VLI-2.3, EXC-4.1/4.3/4.4, ...). Appends EnrolmentCancelled with the decision, and credit notes or refund entitlements for what was paid beyond the fee. With an exemption reason (illness, death, hospitalisation; PP-15.6) the fee waits for evidence until `pendingEvidenceUntil`. 422 when the book refuses (e.g. EXC-4.4 once e-learning login details were issued).',
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'CANCELLATION_NOT_ALLOWED',
        ruleId: 'EXC-4.4',
        message: 'E-learning cannot be cancelled once login details were issued',
      },
    ],
    response: EnrolmentCommandResponseSchema,
    examples: {
      regular: {
        summary: 'A regular cancellation',
        value: {
          commandId: '0b7e4c1a-2f1d-4b8e-9a57-3c2d1e0f9a11',
          requestedAt: '2026-03-20T09:30:00+01:00',
          reason: 'regular',
        },
      },
      illness: {
        summary: 'Illness: fee waived when evidence arrives in time (PP-15.6)',
        value: {
          commandId: '5d1f3b7e-8c2a-4e6f-b1d3-9a7c5e3b1f20',
          requestedAt: '2026-03-20T09:30:00+01:00',
          reason: 'illness',
        },
      },
    },
  })
  @Post(':enrolmentId/cancellations')
  @HttpCode(201)
  @CommandRoles()
  cancel(@Param('enrolmentId') id: string, @Body() b: CancellationDto, @Req() request: LedgerRequest) {
    return this.send(CancelEnrolment.command, ...this.cancellation(id, b, request));
  }

  /** The decision a cancellation with this body would record now; appends nothing. */
  @Doc({
    summary: 'Quote a cancellation',
    description:
      'The decision POST /enrolments/{enrolmentId}/cancellations would record now, through the same command path (same body, same roles): the same shape with `quote: true` and no event or decision ids. Appends nothing. 404 when the enrolment is unknown; 422 with the rule id when the rulebook refuses the cancellation.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/cancellations/quote')
  @HttpCode(200)
  @CommandRoles()
  quoteCancellation(@Param('enrolmentId') id: string, @Body() b: CancellationDto, @Req() request: LedgerRequest) {
    return this.quote(CancelEnrolment, ...this.cancellation(id, b, request));
  }

  private cancellation(id: string, b: CancellationDto, request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return [fields, id, request, b, b.requestedAt, 'EnrolmentCancelled'] as const;
  }

  @Doc({
    summary: 'Submit cancellation evidence',
    description:
      'Evidence for an exempt cancellation (PP-15.6, PP-I4: within the evidence window). Appends CancellationEvidenceDecided: the fee is waived, or charged when the evidence is late or of the wrong kind.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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

  @Doc({
    summary: 'Provider cancels an enrolment',
    description:
      'The provider cancels (too few registrations, PP-15.1; EXC-4.9). Appends EnrolmentCancelledByProvider with a full refund entitlement or credit note for everything invoiced.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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

  @Doc({
    summary: 'Withdraw (cooling-off)',
    description:
      'Withdrawal within the cooling-off period (EXC-4.2, LOI-7.1; herroeping). Appends EnrolmentWithdrawn with the decision; refunds follow when materials are back (LOI-7.3). 422 after the period.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/withdrawals')
  @HttpCode(201)
  @CommandRoles()
  withdraw(@Param('enrolmentId') id: string, @Body() b: WithdrawalDto, @Req() request: LedgerRequest) {
    return this.send(WithdrawEnrolment.command, ...this.withdrawal(id, b, request));
  }

  /** The decision a withdrawal with this body would record now; appends nothing. */
  @Doc({
    summary: 'Quote a withdrawal',
    description:
      'The decision POST /enrolments/{enrolmentId}/withdrawals would record now, through the same command path (same body, same roles): the same shape with `quote: true` and no event or decision ids. Appends nothing. 404 when the enrolment is unknown; 422 with the rule id when the rulebook refuses the withdrawal.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/withdrawals/quote')
  @HttpCode(200)
  @CommandRoles()
  quoteWithdrawal(@Param('enrolmentId') id: string, @Body() b: WithdrawalDto, @Req() request: LedgerRequest) {
    return this.quote(WithdrawEnrolment, ...this.withdrawal(id, b, request));
  }

  private withdrawal(id: string, b: WithdrawalDto, request: LedgerRequest) {
    const payload = { requestedAt: b.requestedAt, details: b.details ?? {} };
    return [payload, id, request, b, b.requestedAt, 'EnrolmentWithdrawn'] as const;
  }

  @Doc({
    summary: 'Record a materials return',
    description:
      'Materials of a withdrawn enrolment came back (LOI-7.3, LOI-7.4: not in original state gives a value reduction; EXC-4.7: the direct return costs `returnCostsCents` are charged, and material on sealed media whose seal is broken (`sealBroken`) cannot be returned and stays owed in full). Appends WithdrawnMaterialsReturned with its decision, the credit note and the refund entitlement it releases. 400 naming a detail the rulebook does not know; 409 when no withdrawal awaits materials.',
    errors: [...COMMAND_ERRORS, 404, 409, 422],
    response: EnrolmentCommandResponseSchema,
    examples: {
      returnCosts: {
        summary: 'Excellus material back, with 6.95 return costs charged (EXC-4.7)',
        value: {
          commandId: '3e1a9c27-5b4d-4f8e-a2c6-7d9b0e1f2a34',
          receivedAt: '2026-03-20T11:00:00+01:00',
          originalState: true,
          returnCostsCents: 695,
        },
      },
    },
  })
  @Post(':enrolmentId/materials-returns')
  @HttpCode(201)
  @CommandRoles()
  materialsReturn(@Param('enrolmentId') id: string, @Body() b: MaterialsReturnDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(RecordMaterialsReturn.command, fields, id, request, b, b.receivedAt, 'WithdrawnMaterialsReturned');
  }

  @Doc({
    summary: 'Reschedule an enrolment',
    description:
      'Moves the enrolment to a new start. The book decides whether and at what cost (PP-14.1-3 only before the session and when fully paid, PP-14.4-14.6, PP-I8/I9/I10). Appends EnrolmentRescheduled with the decision; 422 naming the rule otherwise.',
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'RESCHEDULE_REQUIRES_FULL_PAYMENT',
        ruleId: 'PP-14.1-3',
        message: 'Rescheduling needs the invoice paid in full',
      },
    ],
    response: EnrolmentCommandResponseSchema,
    examples: {
      reschedule: {
        summary: 'A reschedule to a later session',
        value: {
          commandId: '9a4c2e6b-1d3f-4a5b-8c7d-6e5f4a3b2c10',
          requestedAt: '2026-03-10T14:00:00+01:00',
          newStartsAt: '2026-05-12T09:00:00+02:00',
        },
      },
    },
  })
  @Post(':enrolmentId/reschedules')
  @HttpCode(201)
  @CommandRoles()
  reschedule(@Param('enrolmentId') id: string, @Body() b: RescheduleDto, @Req() request: LedgerRequest) {
    return this.send(RescheduleEnrolment.command, ...this.rescheduling(id, b, request));
  }

  /** The decision a reschedule with this body would record now; appends nothing. */
  @Doc({
    summary: 'Quote a reschedule',
    description:
      'The decision POST /enrolments/{enrolmentId}/reschedules would record now, through the same command path (same body, same roles): the same shape with `quote: true` and no event or decision ids. Appends nothing. 404 when the enrolment is unknown; 422 with the rule id when the rulebook refuses the reschedule.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/reschedules/quote')
  @HttpCode(200)
  @CommandRoles()
  quoteReschedule(@Param('enrolmentId') id: string, @Body() b: RescheduleDto, @Req() request: LedgerRequest) {
    return this.quote(RescheduleEnrolment, ...this.rescheduling(id, b, request));
  }

  private rescheduling(id: string, b: RescheduleDto, request: LedgerRequest) {
    const payload = { requestedAt: b.requestedAt, newStartsAt: b.newStartsAt, details: b.details ?? {} };
    return [payload, id, request, b, b.requestedAt, 'EnrolmentRescheduled'] as const;
  }

  @Doc({
    summary: 'Substitute the learner',
    description:
      'Another learner takes the place (EXC-4.2b, PP-I15 colleague swaps); the invoice stays. Appends LearnerSubstituted; 404 for an unknown substitute.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/substitutions')
  @HttpCode(201)
  @CommandRoles()
  substitute(@Param('enrolmentId') id: string, @Body() b: SubstitutionDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(SubstituteLearnerCommand, fields, id, request, b, b.requestedAt, 'LearnerSubstituted');
  }

  @Doc({
    summary: 'Terminate an enrolment early',
    description:
      'Early termination of a long course (LOI-12.2 to LOI-12.4, LOI-I1). Appends EnrolmentTerminated with the decision, `noticeStart` and `effectiveEnd`; 422 when the course cannot be terminated early (LOI-12.2).',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/terminations')
  @HttpCode(201)
  @CommandRoles()
  terminate(@Param('enrolmentId') id: string, @Body() b: TerminationDto, @Req() request: LedgerRequest) {
    return this.send(TerminateEnrolment.command, ...this.termination(id, b, request));
  }

  /** The decision a termination with this body would record now; appends nothing. */
  @Doc({
    summary: 'Quote a termination',
    description:
      'The decision POST /enrolments/{enrolmentId}/terminations would record now, through the same command path (same body, same roles): the same shape with `quote: true` and no event or decision ids. Appends nothing. 404 when the enrolment is unknown; 422 with the rule id when the rulebook refuses the termination.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/terminations/quote')
  @HttpCode(200)
  @CommandRoles()
  quoteTermination(@Param('enrolmentId') id: string, @Body() b: TerminationDto, @Req() request: LedgerRequest) {
    return this.quote(TerminateEnrolment, ...this.termination(id, b, request));
  }

  private termination(id: string, b: TerminationDto, request: LedgerRequest) {
    const payload = { requestedAt: b.requestedAt, details: b.details ?? {} };
    return [payload, id, request, b, b.requestedAt, 'EnrolmentTerminated'] as const;
  }

  @Doc({
    summary: 'Record attendance',
    description:
      'Attended, late, no ID or no-show on a session (PP-15.5-LATE, PP-8.2-3, EXC-13, VLI-2.1). Appends AttendanceRecorded with `admitted` and whether a new date is required.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/attendance')
  @HttpCode(201)
  @CommandRoles()
  attendance(@Param('enrolmentId') id: string, @Body() b: AttendanceDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(RecordAttendance.command, fields, id, request, b, b.at, 'AttendanceRecorded');
  }

  @Doc({
    summary: 'Record an exam result',
    description:
      'Score, identification and fraud (VLI-4.3a/b/c, PP-13.2-3, EXC-8.2). Appends ExamResultRecorded with `passed`, `resitAllowed` and the rule behind the resit.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/exam-results')
  @HttpCode(201)
  @CommandRoles()
  examResult(@Param('enrolmentId') id: string, @Body() b: ExamResultDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(RecordExamResult.command, fields, id, request, b, b.sittingAt, 'ExamResultRecorded');
  }

  @Doc({
    summary: 'Request a certificate',
    description:
      'Issues the certificate when passed and paid (PP-13.6, PP-13.4-5), otherwise withholds it. Appends CertificateIssued or CertificateWithheld; the answer says which in `certificate`.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/certificates')
  @HttpCode(201)
  @CommandRoles()
  certificate(@Param('enrolmentId') id: string, @Body() b: CertificateDto, @Req() request: LedgerRequest) {
    return this.send(RequestCertificate.command, { requestedAt: b.requestedAt }, id, request, b, b.requestedAt);
  }

  /** What the provider owed by a date was delivered (e.g. the written result, PP-13.4-5): in time or late. */
  @Doc({
    summary: 'Record a delivery (result or certificate)',
    description:
      'What the provider owed by a date was delivered: the written result of an exam or practical session within 2 working days (PP-13.4-5), then the certificate within 2 working days of a pass where the course has classroom training or a practical session. Appends DeliveryRecorded, in time or late; a late certificate while the invoice is unpaid also cites PP-13.6. 404 when the enrolment is unknown; 422 when nothing of the kind is owed.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/deliveries')
  @HttpCode(201)
  @CommandRoles()
  delivery(@Param('enrolmentId') id: string, @Body() b: DeliveryDto, @Req() request: LedgerRequest) {
    const fields = { deliverable: b.deliverable, deliveredAt: b.deliveredAt };
    return this.send(RecordDelivery.command, fields, id, request, b, b.deliveredAt, 'DeliveryRecorded');
  }

  @Doc({
    summary: 'Activate a module',
    description:
      'LOI-10: two modules at the start, at most five at once, all within the service duration (LOI-9.1). Appends ModuleActivated; 422 naming LOI-10 when over the limit.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/modules')
  @HttpCode(201)
  @CommandRoles()
  activateModule(@Param('enrolmentId') id: string, @Body() b: ModuleDto, @Req() request: LedgerRequest) {
    const { commandId: _commandId, ...fields } = b;
    return this.send(ActivateModule.command, fields, id, request, b, b.at, 'ModuleActivated');
  }

  @Doc({
    summary: 'Complete a module',
    description: 'Marks an active module completed (LOI-10), freeing a place for the next. Appends ModuleCompleted.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/module-completions')
  @HttpCode(201)
  @CommandRoles()
  completeModule(@Param('enrolmentId') id: string, @Body() b: ModuleCompletionDto, @Req() request: LedgerRequest) {
    return this.send(CompleteModule.command, { moduleId: b.moduleId, at: b.at }, id, request, b, b.at);
  }

  @Doc({
    summary: 'Receive MBO data',
    description:
      'The data a recognised MBO training needs, within 30 days (LOI-4). Appends MboDataCompleted once every required item is in.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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

  @Doc({
    summary: "Apply an offering's price change",
    description:
      'Applies a defined price change to this enrolment (PP-5.2, EXC-7.1-2, PP-I13): a surcharge, and a right to dissolve when the increase is large or early. Appends PriceChangeApplied with `surchargeCents` and `dissolutionRight`.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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

  @Doc({
    summary: 'Dissolve after a price change',
    description:
      'The customer uses the right to dissolve a price change gave (PP-5.2, EXC-7.1-2). Appends the dissolution and the refund entitlement; 422 without that right.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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
  @Doc({
    summary: 'Dissolve for non-payment',
    description:
      'PP-5.5: the provider dissolves because the fee was not paid by the due date. The performed components stay charged, the rest of the invoice is credited, and anything paid beyond that is granted back. Appends EnrolmentDissolvedForNonPayment with its decision, and a credit note and refund entitlement where due. 422 naming PP-5.5 before the due date or with nothing outstanding.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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
  @Doc({
    summary: 'Dissolve after a missed delivery',
    description:
      'The customer dissolves after a recorded missed delivery that gives the right (EXC-8.1: material not delivered within 30 days). Credits everything and grants every payment back. Appends EnrolmentDissolvedForLateDelivery with its decision. 422 when no missed delivery gives the right, or the material has arrived.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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

  /** LOI-8: the provider suspends its obligations because the customer does not perform its own. */
  @Doc({
    summary: 'Suspend for non-performance',
    description:
      "LOI-8: the customer does not perform (ground `unpaid`: an invoice past its term, LOI-6.2-3; `documents-missing`: LOI-4 documents after their deadline; `other`: the obligation named in `obligation`), so the provider suspends its own obligations: attendance, exam results, certificates and module activation are refused (422 ENROLMENT_SUSPENDED) until it ends. The fees stay due and the service duration is not extended (art. 8.2). Appends EnrolmentSuspended with its decision. 422 NO_GROUND_FOR_SUSPENSION naming LOI-8 when the ledger's facts show no such ground; 409 when already suspended.",
    errors: [
      ...COMMAND_ERRORS,
      404,
      {
        status: 422,
        error: 'NO_GROUND_FOR_SUSPENSION',
        ruleId: 'LOI-8',
        message: 'On 2026-05-04 no invoice of this agreement is unpaid past its due date',
      },
    ],
    response: EnrolmentCommandResponseSchema,
    examples: {
      unpaid: {
        summary: 'LOI suspends a course whose invoice is unpaid past its term',
        value: {
          commandId: '3c9d2e1f-4a5b-4c6d-8e7f-901a2b3c4d5e',
          suspendedAt: '2026-05-04T09:00:00+02:00',
          ground: 'unpaid',
        },
      },
    },
  })
  @Post(':enrolmentId/suspensions')
  @HttpCode(201)
  @CommandRoles()
  suspend(@Param('enrolmentId') id: string, @Body() b: SuspensionDto, @Req() request: LedgerRequest) {
    const fields = { suspendedAt: b.suspendedAt, details: b.details ?? {} };
    return this.send(SuspendEnrolment.command, fields, id, request, b, b.suspendedAt, 'EnrolmentSuspended');
  }

  /** LOI-8: the suspension ends; the course goes on without extending the service duration. */
  @Doc({
    summary: 'End a suspension',
    description:
      "LOI-8: the suspension ends and the course goes on; the days it lasted do not extend the service duration (LOI-9.1; art. 8.2: at the customer's risk). Appends EnrolmentResumed with its decision. 409 NOT_SUSPENDED when the enrolment is not suspended; 400 naming resumedAt when it precedes the suspension.",
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/resumptions')
  @HttpCode(201)
  @CommandRoles()
  resume(@Param('enrolmentId') id: string, @Body() b: ResumptionDto, @Req() request: LedgerRequest) {
    return this.send(
      ResumeEnrolment.command,
      { resumedAt: b.resumedAt },
      id,
      request,
      b,
      b.resumedAt,
      'EnrolmentResumed',
    );
  }

  /** EXC-4.1*: the number of participants of a group agreement changes; the price follows. */
  @Doc({
    summary: 'Change the number of participants',
    description:
      'EXC-4.1*: the number of participants of an in-company or group agreement (quoted on the offering option `participants`) changes until 3 months before the start; the price follows pro rata. Appends ParticipantCountChanged with its decision, and an extra invoice (due 10 days before the start, EXC-10.3) or a credit note with a refund entitlement for what was paid beyond the new price. 422 naming EXC-4.1* after the 3-month boundary or for an agreement that is not a group one; 409 when the number is unchanged.',
    errors: [
      ...COMMAND_ERRORS,
      404,
      409,
      {
        status: 422,
        error: 'PARTICIPANT_CHANGE_TOO_LATE',
        ruleId: 'EXC-4.1*',
        message: 'The number of participants can change until 3 months before the start',
      },
    ],
    response: EnrolmentCommandResponseSchema,
    examples: {
      larger: {
        summary: 'Twelve participants instead of ten',
        value: {
          commandId: '8f2b6d4a-1c3e-4a5b-9d7f-0e2c4a6b8d13',
          requestedAt: '2026-02-10T10:00:00+01:00',
          participants: 12,
        },
      },
    },
  })
  @Post(':enrolmentId/headcount-changes')
  @HttpCode(201)
  @CommandRoles()
  changeHeadcount(@Param('enrolmentId') id: string, @Body() b: HeadcountChangeDto, @Req() request: LedgerRequest) {
    const fields = { requestedAt: b.requestedAt, participants: b.participants };
    return this.send(ChangeParticipantCount.command, fields, id, request, b, b.requestedAt, 'ParticipantCountChanged');
  }

  /** PP-7.4: force majeure concerning the exam: a new date at no cost, or none yet. */
  @Doc({
    summary: 'Move an exam date for force majeure',
    description:
      "PP-7.4: force majeure concerning the exam: a new date at no cost that does not count as the learner's reschedule, or none yet (the booking waits for one). Appends DateMovedForForceMajeure with its decision. 422 naming PP-7.4 for anything but an exam.",
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
  @Post(':enrolmentId/force-majeure-dates')
  @HttpCode(201)
  @CommandRoles()
  forceMajeureDate(@Param('enrolmentId') id: string, @Body() b: ForceMajeureDateDto, @Req() request: LedgerRequest) {
    const fields = { declaredAt: b.declaredAt, ...(b.newStartsAt ? { newStartsAt: b.newStartsAt } : {}) };
    return this.send(MoveDateForForceMajeure.command, fields, id, request, b, b.declaredAt, 'DateMovedForForceMajeure');
  }

  @Doc({
    summary: 'Declare force majeure',
    description:
      'Permanent force majeure (PP-7.3, PP-I12): a pro-rata refund of the undelivered components minus 20 % and supplier costs. Appends ForceMajeureRefundDecided with the decision and the refund entitlement.',
    errors: [...COMMAND_ERRORS, 404, 422],
    response: EnrolmentCommandResponseSchema,
  })
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
