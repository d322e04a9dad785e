/**
 * Commands on offerings and enrolments, one class and one handler per command type. Handlers that
 * need facts of other aggregates (the offering's terms, the customer's kind, that a learner exists)
 * load them from those aggregates' streams before the enrolment decides.
 */
import { CommandHandler } from '@nestjs/cqrs';
import {
  customerDecider,
  customerStreamId,
  DomainError,
  enrolmentDecider,
  enrolmentStreamId,
  learnerDecider,
  learnerStreamId,
  offeringDecider,
  offeringStreamId,
  type EnrolmentCommand,
  type EnrolmentEvent,
  type EnrolmentState,
  type OfferingCommand,
  type OfferingEvent,
  type OfferingState,
  type RegisterEnrolment,
} from '@ledger/domain';
import type { CommandPipeline } from '../command-pipeline';
import { DecidingHandler, LedgerCommand, plainCommand, type PayloadOf } from './ledger-command';

type EnrolmentPayload<T extends EnrolmentCommand['type']> = PayloadOf<Extract<EnrolmentCommand, { type: T }>>;

// ---- offerings -------------------------------------------------------------------------------

export class DefineOfferingCommand extends LedgerCommand<
  PayloadOf<Extract<OfferingCommand, { type: 'DefineOffering' }>>
> {}
export class ChangeOfferingPriceCommand extends LedgerCommand<
  PayloadOf<Extract<OfferingCommand, { type: 'ChangeOfferingPrice' }>>
> {}

abstract class OfferingHandler<C extends LedgerCommand> extends DecidingHandler<
  C,
  OfferingCommand,
  OfferingEvent,
  OfferingState
> {
  protected readonly decider = offeringDecider;
}

@CommandHandler(DefineOfferingCommand)
export class DefineOfferingHandler extends OfferingHandler<DefineOfferingCommand> {
  protected toDomain({ payload }: DefineOfferingCommand): OfferingCommand {
    return { type: 'DefineOffering', ...payload };
  }
}

@CommandHandler(ChangeOfferingPriceCommand)
export class ChangeOfferingPriceHandler extends OfferingHandler<ChangeOfferingPriceCommand> {
  protected toDomain({ payload }: ChangeOfferingPriceCommand): OfferingCommand {
    return { type: 'ChangeOfferingPrice', ...payload };
  }
}

// ---- enrolments ------------------------------------------------------------------------------

abstract class EnrolmentHandler<C extends LedgerCommand> extends DecidingHandler<
  C,
  EnrolmentCommand,
  EnrolmentEvent,
  EnrolmentState
> {
  protected readonly decider = enrolmentDecider;
}

async function requireLearner(pipeline: CommandPipeline, learnerId: string): Promise<void> {
  const { state } = await pipeline.loadState(learnerDecider, learnerStreamId(learnerId));
  if (state.status === 'unknown') throw new DomainError('LEARNER_NOT_FOUND', 404, `No learner ${learnerId}`);
}

/** Registration snapshots the facts its rules need: the offering's terms and the customer's kind. */
export class RegisterEnrolmentCommand extends LedgerCommand<
  Omit<RegisterEnrolment, 'type' | 'terms' | 'customerKind'>
> {}

@CommandHandler(RegisterEnrolmentCommand)
export class RegisterEnrolmentHandler extends EnrolmentHandler<RegisterEnrolmentCommand> {
  protected async toDomain({ payload }: RegisterEnrolmentCommand): Promise<EnrolmentCommand> {
    const { state: offering } = await this.pipeline.loadState(offeringDecider, offeringStreamId(payload.offeringId));
    if (offering.status !== 'defined')
      throw new DomainError('OFFERING_NOT_FOUND', 404, `No offering ${payload.offeringId}`);
    const { state: customer } = await this.pipeline.loadState(customerDecider, customerStreamId(payload.customerId));
    if (customer.status !== 'registered')
      throw new DomainError('CUSTOMER_NOT_FOUND', 404, `No customer ${payload.customerId}`);
    await requireLearner(this.pipeline, payload.learnerId);
    return { type: 'RegisterEnrolment', ...payload, customerKind: customer.kind, terms: offering.terms };
  }
}

export class SubstituteLearnerCommand extends LedgerCommand<EnrolmentPayload<'SubstituteLearner'>> {}

@CommandHandler(SubstituteLearnerCommand)
export class SubstituteLearnerHandler extends EnrolmentHandler<SubstituteLearnerCommand> {
  protected async toDomain({ payload }: SubstituteLearnerCommand): Promise<EnrolmentCommand> {
    await requireLearner(this.pipeline, payload.substituteLearnerId);
    return { type: 'SubstituteLearner', ...payload };
  }
}

/** A price change recorded on the booking's offering, applied to this agreement. */
export class ApplyPriceChangeCommand extends LedgerCommand<{
  enrolmentId: string;
  changeId: string;
  appliedAt: string;
}> {}

@CommandHandler(ApplyPriceChangeCommand)
export class ApplyPriceChangeHandler extends EnrolmentHandler<ApplyPriceChangeCommand> {
  protected async toDomain({ payload }: ApplyPriceChangeCommand): Promise<EnrolmentCommand> {
    const { state } = await this.pipeline.loadState(enrolmentDecider, enrolmentStreamId(payload.enrolmentId));
    if (!state.agreement) throw new DomainError('ENROLMENT_NOT_FOUND', 404, `No enrolment ${payload.enrolmentId}`);
    const { state: offering } = await this.pipeline.loadState(
      offeringDecider,
      offeringStreamId(state.agreement.offeringId),
    );
    const change = offering.status === 'defined' ? offering.priceChanges[payload.changeId] : undefined;
    if (!change)
      throw new DomainError(
        'PRICE_CHANGE_NOT_FOUND',
        404,
        `Offering ${state.agreement.offeringId} has no price change ${payload.changeId}`,
      );
    return { type: 'ApplyPriceChange', enrolmentId: payload.enrolmentId, change, appliedAt: payload.appliedAt };
  }
}

/** Commands that need nothing beyond the enrolment's own stream. */
const plainEnrolmentCommand = <T extends EnrolmentCommand['type']>(type: T) => plainCommand(enrolmentDecider, type);

export const CancelEnrolment = plainEnrolmentCommand('CancelEnrolment');
export const SubmitCancellationEvidence = plainEnrolmentCommand('SubmitCancellationEvidence');
export const LapseCancellationEvidence = plainEnrolmentCommand('LapseCancellationEvidence');
export const CancelByProvider = plainEnrolmentCommand('CancelByProvider');
export const WithdrawEnrolment = plainEnrolmentCommand('WithdrawEnrolment');
export const RecordMaterialsReturn = plainEnrolmentCommand('RecordMaterialsReturn');
export const RescheduleEnrolment = plainEnrolmentCommand('RescheduleEnrolment');
export const TerminateEnrolment = plainEnrolmentCommand('TerminateEnrolment');
export const RecordAttendance = plainEnrolmentCommand('RecordAttendance');
export const RecordExamResult = plainEnrolmentCommand('RecordExamResult');
export const RequestCertificate = plainEnrolmentCommand('RequestCertificate');
export const ActivateModule = plainEnrolmentCommand('ActivateModule');
export const CompleteModule = plainEnrolmentCommand('CompleteModule');
export const ReceiveMboData = plainEnrolmentCommand('ReceiveMboData');
export const CheckMboData = plainEnrolmentCommand('CheckMboData');
export const DissolveEnrolment = plainEnrolmentCommand('DissolveEnrolment');
export const DeclareForceMajeure = plainEnrolmentCommand('DeclareForceMajeure');
export const MarkRefundOverdue = plainEnrolmentCommand('MarkRefundOverdue');
export const RecordDelivery = plainEnrolmentCommand('RecordDelivery');
export const CheckDeliveryDeadline = plainEnrolmentCommand('CheckDeliveryDeadline');
export const DissolveForNonPayment = plainEnrolmentCommand('DissolveForNonPayment');
export const MoveDateForForceMajeure = plainEnrolmentCommand('MoveDateForForceMajeure');
export const DissolveForLateDelivery = plainEnrolmentCommand('DissolveForLateDelivery');
export const SuspendEnrolment = plainEnrolmentCommand('SuspendEnrolment');
export const ResumeEnrolment = plainEnrolmentCommand('ResumeEnrolment');
export const ChangeParticipantCount = plainEnrolmentCommand('ChangeParticipantCount');

/** Every handler of this module, for the Nest module that registers them. */
export const enrolmentCommandHandlers = [
  DefineOfferingHandler,
  ChangeOfferingPriceHandler,
  RegisterEnrolmentHandler,
  SubstituteLearnerHandler,
  ApplyPriceChangeHandler,
  ...[
    CancelEnrolment,
    SubmitCancellationEvidence,
    LapseCancellationEvidence,
    CancelByProvider,
    WithdrawEnrolment,
    RecordMaterialsReturn,
    RescheduleEnrolment,
    TerminateEnrolment,
    RecordAttendance,
    RecordExamResult,
    RequestCertificate,
    ActivateModule,
    CompleteModule,
    ReceiveMboData,
    CheckMboData,
    DissolveEnrolment,
    DeclareForceMajeure,
    MarkRefundOverdue,
    RecordDelivery,
    CheckDeliveryDeadline,
    DissolveForNonPayment,
    MoveDateForForceMajeure,
    DissolveForLateDelivery,
    SuspendEnrolment,
    ResumeEnrolment,
    ChangeParticipantCount,
  ].map((c) => c.handler),
];
