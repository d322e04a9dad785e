/**
 * Registration: the agreement on the offering's terms as sold, the rulebook version in force, and
 * what that version decides at registration: the VAT regime, the registration invoice's lines and
 * due date, modules active at the start and documents due by a date.
 */
import { toLocalDate } from '@ledger/regulations';
import type { DecideContext } from '../shared/decider';
import { DomainError } from '../shared/decider';
import type { RegisterEnrolment } from './commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentState } from './state';
import { addInvoice, enrolmentActsOf, EventBatch } from './support';
import { addDeliveryDeadline } from './agreement';

export function decideRegistration(
  command: RegisterEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  if (state.status !== 'unknown')
    throw new DomainError('ENROLMENT_ALREADY_EXISTS', 409, `Enrolment ${command.enrolmentId} is already registered`);
  const { terms, registeredAt } = command;
  const rulebook = ctx.rulebooks.rulebookFor(terms.rulebookId, registeredAt);
  const outcome = enrolmentActsOf(ctx, terms.rulebookId, registeredAt).registration.register({
    enrolmentId: command.enrolmentId,
    customerKind: command.customerKind,
    registeredAt,
    terms,
  });
  const { enrolmentId } = command;

  const batch = new EventBatch(state);
  batch.add({
    type: 'EnrolmentRegistered',
    data: {
      enrolmentId,
      offeringId: command.offeringId,
      learnerId: command.learnerId,
      customerId: command.customerId,
      customerKind: command.customerKind,
      registeredAt,
      rulebook: { id: rulebook.id, version: rulebook.version },
      terms,
      vatRateBasisPoints: outcome.vatRateBasisPoints,
    },
  });
  if (outcome.vatDecision) {
    batch.addDecision({
      type: 'VatRegimeDecided',
      data: { enrolmentId, vatRateBasisPoints: outcome.vatRateBasisPoints, decision: outcome.vatDecision },
    });
  }
  const { paymentTerm } = outcome;
  const dueDecisionRef = paymentTerm.decision
    ? batch.addDecision({
        type: 'PaymentTermDecided',
        data: { enrolmentId, dueDate: paymentTerm.dueDate, decision: paymentTerm.decision },
      })
    : null;
  addInvoice(batch, {
    reason: 'registration',
    issuedOn: toLocalDate(registeredAt),
    dueDate: paymentTerm.dueDate,
    lines: outcome.invoiceLines.map((line) => ({ ...line })),
    vatRateBasisPoints: outcome.vatRateBasisPoints,
    decisionId: dueDecisionRef,
    ruleIds: [...paymentTerm.ruleIds],
  });
  if (outcome.instalments) {
    const { decision, invoices } = outcome.instalments;
    const scheduleRef = batch.addDecision({
      type: 'PaymentScheduleDecided',
      data: { enrolmentId, instalments: invoices.length + 1, decision },
    });
    for (const invoice of invoices)
      addInvoice(batch, {
        reason: 'instalment',
        issuedOn: toLocalDate(registeredAt),
        dueDate: invoice.dueDate,
        lines: invoice.lines.map((line) => ({ ...line })),
        vatRateBasisPoints: outcome.vatRateBasisPoints,
        decisionId: scheduleRef,
        ruleIds: [...decision.ruleIds],
      });
  }
  if (outcome.deliveryDeadline) addDeliveryDeadline(batch, outcome.deliveryDeadline);
  if (outcome.modulesAtStart) {
    const { moduleIds, serviceEndsOn, decision } = outcome.modulesAtStart;
    batch.addDecision({
      type: 'ModulesActivatedAtStart',
      data: { enrolmentId, moduleIds: [...moduleIds], serviceEndsOn, decision },
    });
  }
  if (outcome.documentsDeadline) {
    const { dueDate, decision } = outcome.documentsDeadline;
    batch.addDecision({ type: 'MboDataDeadlineSet', data: { enrolmentId, dataDueDate: dueDate, decision } });
  }
  return batch.events;
}
