/**
 * The enrolment decider: one pure function per command, each in the module of its concern.
 * `decide` only dispatches.
 */
import { decidePayment } from '../billing/decide';
import type { Decider, DecideContext } from '../shared/decider';
import { DomainError } from '../shared/decider';
import type { EnrolmentCommand, MarkRefundOverdue, RecordPayment } from './commands';
import { enrolmentStreamId, type EnrolmentEvent } from './events';
import { evolveEnrolment, initialEnrolmentState, type EnrolmentState } from './state';
import { decideRegistration } from './register';
import {
  decideCancellation,
  decideEvidenceLapse,
  decideEvidenceSubmission,
  decideForceMajeure,
  decideMaterialsReturn,
  decideProviderCancellation,
  decideWithdrawal,
} from './cancel';
import { decideDissolution, decidePriceChange, decideReschedule, decideSubstitution } from './reschedule';
import { decideTermination } from './termination';
import {
  certificateAfterPayment,
  decideAttendance,
  decideCertificate,
  decideExamResult,
  decideMboDataCheck,
  decideMboDataReceipt,
  decideModuleActivation,
  decideModuleCompletion,
} from './participation';
import { agreementOf, billingParty, EventBatch, requireNotBeforeRegistration } from './support';
import {
  decideDelivery,
  decideDeliveryCheck,
  decideForceMajeureNewDate,
  decideLateDeliveryDissolution,
  decideNonPaymentDissolution,
  decideParticipantCountChange,
  decideResumption,
  decideSuspension,
} from './agreement';

function decidePaymentOf(command: RecordPayment, state: EnrolmentState, ctx: DecideContext): EnrolmentEvent[] {
  // The payer names an invoice, not an enrolment: an id shaped like one of an unknown enrolment is an unknown invoice.
  if (!state.agreement)
    throw new DomainError('INVOICE_NOT_FOUND', 404, `No invoice ${command.invoiceId}: its enrolment is not recorded`);
  const agreement = agreementOf(state);
  requireNotBeforeRegistration(agreement, command.receivedAt, 'receivedAt');
  const batch = new EventBatch(state);
  batch.add(...decidePayment(state.billing, billingParty(agreement), command, agreement.streamId));
  batch.add(...certificateAfterPayment(command, batch.state, ctx));
  return batch.events;
}

/** Scheduled the day after a refund's due date: records that it is overdue, unless it was paid. */
function decideRefundOverdue(command: MarkRefundOverdue, state: EnrolmentState): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  const refund = state.billing.refunds[command.refundId];
  if (!refund)
    throw new DomainError(
      'REFUND_NOT_FOUND',
      404,
      `Refund ${command.refundId} is not one of enrolment ${agreement.enrolmentId}`,
    );
  const outstandingCents = refund.amountCents - refund.paidCents;
  if (outstandingCents <= 0 || state.overdueRefundIds.includes(refund.refundId)) return [];
  return [
    {
      type: 'RefundBecameOverdue',
      data: {
        enrolmentId: agreement.enrolmentId,
        refundId: refund.refundId,
        dueDate: refund.dueDate,
        outstandingCents,
      },
    },
  ];
}

export function decideEnrolment(
  command: EnrolmentCommand,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  switch (command.type) {
    case 'RegisterEnrolment':
      return decideRegistration(command, state, ctx);
    case 'RecordPayment':
      return decidePaymentOf(command, state, ctx);
    case 'CancelEnrolment':
      return decideCancellation(command, state, ctx);
    case 'SubmitCancellationEvidence':
      return decideEvidenceSubmission(command, state, ctx);
    case 'LapseCancellationEvidence':
      return decideEvidenceLapse(command, state, ctx);
    case 'CancelByProvider':
      return decideProviderCancellation(command, state, ctx);
    case 'WithdrawEnrolment':
      return decideWithdrawal(command, state, ctx);
    case 'RecordMaterialsReturn':
      return decideMaterialsReturn(command, state, ctx);
    case 'RescheduleEnrolment':
      return decideReschedule(command, state, ctx);
    case 'SubstituteLearner':
      return decideSubstitution(command, state, ctx);
    case 'TerminateEnrolment':
      return decideTermination(command, state, ctx);
    case 'RecordAttendance':
      return decideAttendance(command, state, ctx);
    case 'RecordExamResult':
      return decideExamResult(command, state, ctx);
    case 'RequestCertificate':
      return decideCertificate(command, state, ctx);
    case 'ActivateModule':
      return decideModuleActivation(command, state, ctx);
    case 'CompleteModule':
      return decideModuleCompletion(command, state);
    case 'ReceiveMboData':
      return decideMboDataReceipt(command, state, ctx);
    case 'CheckMboData':
      return decideMboDataCheck(command, state, ctx);
    case 'ApplyPriceChange':
      return decidePriceChange(command, state, ctx);
    case 'DissolveEnrolment':
      return decideDissolution(command, state, ctx);
    case 'DeclareForceMajeure':
      return decideForceMajeure(command, state, ctx);
    case 'MarkRefundOverdue':
      return decideRefundOverdue(command, state);
    case 'RecordDelivery':
      return decideDelivery(command, state, ctx);
    case 'CheckDeliveryDeadline':
      return decideDeliveryCheck(command, state, ctx);
    case 'DissolveForLateDelivery':
      return decideLateDeliveryDissolution(command, state, ctx);
    case 'DissolveForNonPayment':
      return decideNonPaymentDissolution(command, state, ctx);
    case 'SuspendEnrolment':
      return decideSuspension(command, state, ctx);
    case 'ResumeEnrolment':
      return decideResumption(command, state, ctx);
    case 'MoveDateForForceMajeure':
      return decideForceMajeureNewDate(command, state, ctx);
    case 'ChangeParticipantCount':
      return decideParticipantCountChange(command, state, ctx);
  }
}

export const enrolmentDecider: Decider<EnrolmentCommand, EnrolmentEvent, EnrolmentState> = {
  streamIdOf: (command) => enrolmentStreamId(command.enrolmentId),
  initialState: initialEnrolmentState,
  evolve: evolveEnrolment,
  decide: decideEnrolment,
};
