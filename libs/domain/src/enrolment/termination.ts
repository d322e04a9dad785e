/** LOI-12: early termination with notice (LOI-12.2 refusals, LOI-12.3-HO/MBO/OV, LOI-I1, LOI-12.4). */
import { loiEarlyTermination } from '@ledger/regulations';
import type { DecideContext } from '../shared/decider';
import type { TerminateEnrolment } from './commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentState } from './state';
import {
  activeAgreement,
  componentPrice,
  dateOf,
  EventBatch,
  keptPaymentCents,
  loiBook,
  notCovered,
  registrationInvoice,
  requireNotBeforeRegistration,
  settleToGross,
} from './support';

export function decideTermination(
  command: TerminateEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  if (agreement.rulebook.id !== 'loi') {
    return notCovered(
      'TERMINATION_NOT_AVAILABLE',
      undefined,
      `A ${agreement.rulebook.id} booking ends by cancellation (POST /cancellations), not by early termination`,
    );
  }
  const options = agreement.terms.options;
  const invoice = registrationInvoice(state);
  // Prices net with the agreement's VAT rate (MONEY-I1); paid is what the customer paid (gross).
  const decision = loiEarlyTermination(loiBook(ctx, command.requestedAt), {
    level: options.level!,
    studyMonths: options.studyMonths!,
    tutor: options.tutor === true,
    startDate: dateOf(state.startsAt!),
    requestedAt: command.requestedAt,
    agreementDate: dateOf(agreement.registeredAt),
    monthlyTuitionNetCents: componentPrice(agreement, 'tuition'),
    monthlyExamFeeNetCents: componentPrice(agreement, 'exam-fee'),
    extraMaterialsNetCents: componentPrice(agreement, 'material'),
    vatRateBasisPoints: agreement.vatRateBasisPoints,
    paidCents: keptPaymentCents(invoice),
  });
  const batch = new EventBatch(state);
  const ref = batch.addDecision({
    type: 'EnrolmentTerminated',
    data: {
      enrolmentId: agreement.enrolmentId,
      requestedAt: command.requestedAt,
      noticeStart: decision.deadlines!['noticeStart']!,
      effectiveEnd: decision.deadlines!['effectiveEnd']!,
      decision,
    },
  });
  // LOI-12.4: owed are the months up to the effective end; overpayment is refunded automatically.
  settleToGross(batch, {
    invoiceId: invoice.invoiceId,
    issuedOn: dateOf(command.requestedAt),
    reason: 'termination',
    keepGrossCents: decision.feeGrossCents!,
    decisionId: ref,
    ruleIds: decision.ruleIds,
  });
  return batch.events;
}
