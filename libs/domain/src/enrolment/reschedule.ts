/**
 * Changing a booking without ending it: reschedules (PP-14.*, VLI-2.1's new date), colleague
 * swaps (PP-14.5, EXC-4.2b), price changes (PP-5.2, EXC-7.1-2) and the dissolution they allow.
 */
import {
  compareDates,
  compareInstants,
  decideExcellusPriceChange,
  decideExcellusSubstitution,
  decidePlusportColleagueSwap,
  decidePlusportPriceChange,
  decidePlusportReschedule,
  RuleViolation,
  type Decision,
  type PlusportDatedComponentKind,
} from '@ledger/regulations';
import { DomainError, type DecideContext } from '../shared/decider';
import type { ApplyPriceChange, DissolveEnrolment, RescheduleEnrolment, SubstituteLearner } from './commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentAgreement, EnrolmentState } from './state';
import {
  activeAgreement,
  addInvoice,
  allInvoices,
  chargedCents,
  componentPrice,
  dateOf,
  EnrolmentInputError,
  EventBatch,
  excellusBook,
  keptPaymentCents,
  notCovered,
  plusportBook,
  registrationInvoice,
  requireNotBeforeRegistration,
  settleEverythingBack,
  sumOf,
} from './support';

const laterDate = (a: string, b: string): string => (compareDates(a, b) >= 0 ? a : b);

const DATED: readonly PlusportDatedComponentKind[] = ['exam', 'practical-session', 'classroom'];

/** The dated component a PlusPort booking's reschedule moves (one per offering kind). */
export function datedComponent(agreement: EnrolmentAgreement): PlusportDatedComponentKind | undefined {
  return DATED.find((kind) => agreement.terms.components.some((c) => c.kind === kind));
}

export function decideReschedule(
  command: RescheduleEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  if (compareInstants(command.newStartsAt, command.requestedAt) <= 0)
    throw new EnrolmentInputError('newStartsAt', 'the new date must lie after the request');
  const batch = new EventBatch(state);
  const rescheduled = (decision: Decision | null) =>
    batch.addDecision({
      type: 'EnrolmentRescheduled',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        fromStartsAt: state.startsAt!,
        toStartsAt: command.newStartsAt,
        decision,
      },
    });
  switch (agreement.rulebook.id) {
    case 'plusport': {
      const component = datedComponent(agreement);
      if (!component || !state.startsAt) {
        throw new RuleViolation(
          'RESCHEDULE_NOT_ALLOWED',
          'PP-14.1-3',
          'Only a booking with a session or exam date can be rescheduled',
        );
      }
      const book = plusportBook(ctx, command.requestedAt);
      const invoices = allInvoices(state);
      const decision = decidePlusportReschedule(book, {
        component,
        componentPriceCents: componentPrice(agreement, component),
        startsAt: state.startsAt,
        requestedAt: command.requestedAt,
        newStartsAt: command.newStartsAt,
        invoiceTotalCents: sumOf(invoices, chargedCents),
        paidCents: sumOf(invoices, keptPaymentCents),
        rescheduleAsCancellation: agreement.terms.options.rescheduleAsCancellation === true,
        previouslyRescheduled: state.rescheduled,
      });
      const ref = rescheduled(decision);
      if (decision.feeCents! > 0) {
        // PP-14.5 / PP-14.6: the fee is payable at once, on an invoice of its own.
        addInvoice(batch, {
          reason: 'reschedule-fee',
          issuedOn: dateOf(command.requestedAt),
          dueDate: decision.deadlines?.['feeDueDate'] ?? dateOf(command.requestedAt),
          lines: [
            {
              description: `Reschedule fee (${decision.ruleIds.join(', ')})`,
              kind: 'reschedule-fee',
              netCents: decision.feeCents!,
            },
          ],
          vatRateBasisPoints: book.vatRateBasisPoints,
          decisionId: ref,
          ruleIds: decision.ruleIds,
        });
      }
      return batch.events;
    }
    case 'vli':
      // VLI-2.1: a learner refused admission (no ID / no VOG) must book a new date; the reglement
      // gives no other reschedule.
      if (!state.newDateRequired) {
        return notCovered(
          'RESCHEDULE_NOT_ALLOWED',
          'VLI-2.1',
          'VLI books a new date only after a refused admission (VLI-2.1); otherwise cancel under VLI-2.3',
        );
      }
      rescheduled(null);
      return batch.events;
    case 'excellus':
      return notCovered(
        'RESCHEDULE_NOT_ALLOWED',
        'EXC-4.1',
        'Excellus contact education has a fixed start date; cancel (EXC-4.1) or let a colleague take the place (EXC-4.2b)',
      );
    default:
      return notCovered('RESCHEDULE_NOT_ALLOWED', undefined, 'Home study has no dated session to reschedule');
  }
}

export function decideSubstitution(
  command: SubstituteLearner,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const fromLearnerId = state.learnerId!;
  if (command.substituteLearnerId === fromLearnerId)
    throw new EnrolmentInputError('substituteLearnerId', 'the substitute must be another learner');
  let decision: Decision;
  if (agreement.rulebook.id === 'plusport') {
    if (!state.startsAt)
      throw new RuleViolation('SWAP_NOT_ALLOWED', 'PP-14.5', 'Only a dated session can be taken over by a colleague');
    decision = decidePlusportColleagueSwap(plusportBook(ctx, command.requestedAt), {
      requestedAt: command.requestedAt,
      startsAt: state.startsAt,
      requiresProofOfParticipation: agreement.terms.options.requiresProofOfParticipation === true,
      colleaguePassedOnlineTheoryExam: command.colleaguePassedOnlineTheoryExam ?? false,
    });
  } else if (agreement.rulebook.id === 'excellus') {
    decision = decideExcellusSubstitution(excellusBook(ctx, command.requestedAt), {
      requestedAt: command.requestedAt,
      originalLearnerId: fromLearnerId,
      substituteLearnerId: command.substituteLearnerId,
      invoiceCustomerId: agreement.customerId,
    });
  } else {
    return notCovered(
      'SUBSTITUTION_NOT_COVERED',
      undefined,
      `The ${agreement.rulebook.id} terms have no rule for a colleague taking the place`,
    );
  }
  return [
    {
      type: 'LearnerSubstituted',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        fromLearnerId,
        toLearnerId: command.substituteLearnerId,
        decision,
      },
    },
  ];
}

export function decidePriceChange(
  command: ApplyPriceChange,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const change = command.change;
  if (change.offeringId !== agreement.offeringId)
    throw new EnrolmentInputError(
      'changeId',
      `price change ${change.changeId} is not one of offering ${agreement.offeringId}`,
    );
  if (state.priceChanges[change.changeId])
    throw new DomainError('PRICE_CHANGE_ALREADY_APPLIED', 409, `Price change ${change.changeId} was already applied`);
  if (compareInstants(change.changedAt, agreement.registeredAt) < 0) {
    throw new DomainError(
      'PRICE_CHANGE_PRECEDES_AGREEMENT',
      409,
      `The change of ${change.changedAt} predates this agreement, which was made at the new prices`,
    );
  }
  const agreedPriceCents = agreement.terms.components.reduce((s, c) => s + c.priceCents, 0);
  let decision: Decision;
  let dissolutionRight: boolean;
  let surchargeCents = 0;
  if (agreement.rulebook.id === 'plusport') {
    decision = decidePlusportPriceChange(plusportBook(ctx, change.changedAt), {
      agreementAt: agreement.registeredAt,
      changedAt: change.changedAt,
      oldPriceCents: agreedPriceCents,
      newPriceCents: change.newTotalNetCents,
    });
    dissolutionRight = decision.allowed === true;
  } else if (agreement.rulebook.id === 'excellus') {
    if (!state.startsAt)
      return notCovered('PRICE_CHANGE_NOT_COVERED', 'EXC-7.1-2', 'EXC-7.1-2 concern courses with a start date');
    const excellus = decideExcellusPriceChange(excellusBook(ctx, change.changedAt), {
      agreedAt: agreement.registeredAt,
      changedAt: change.changedAt,
      startsAt: state.startsAt,
      agreedPriceCents,
      newPriceCents: change.newTotalNetCents,
      requiredByLaw: change.requiredByLaw,
    });
    decision = excellus;
    dissolutionRight = excellus.dissolutionRight;
    surchargeCents = excellus.surchargeCents ?? 0;
  } else {
    return notCovered(
      'PRICE_CHANGE_NOT_COVERED',
      undefined,
      `The ${agreement.rulebook.id} rulebook has no price-change rule`,
    );
  }
  const batch = new EventBatch(state);
  const ref = batch.addDecision({
    type: 'PriceChangeApplied',
    data: { enrolmentId: agreement.enrolmentId, changeId: change.changeId, dissolutionRight, surchargeCents, decision },
  });
  if (surchargeCents > 0) {
    // EXC-7.1-2: the new price applies; the difference is invoiced, due like the booking (EXC-10.3).
    addInvoice(batch, {
      reason: 'other',
      issuedOn: dateOf(command.appliedAt),
      dueDate: laterDate(registrationInvoice(state).dueDate, dateOf(command.appliedAt)),
      lines: [{ description: `Price change ${change.changeId}`, kind: 'price-change', netCents: surchargeCents }],
      decisionId: ref,
      ruleIds: decision.ruleIds,
    });
  }
  return batch.events;
}

/** PP-5.2 / EXC-7.1-2: the customer uses the dissolution right a price change granted, before the start. */
export function decideDissolution(command: DissolveEnrolment, state: EnrolmentState): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const granted = state.priceChanges[command.changeId];
  const ruleId = agreement.rulebook.id === 'plusport' ? 'PP-5.2' : 'EXC-7.1-2';
  if (!granted?.dissolutionRight) {
    throw new RuleViolation(
      'DISSOLUTION_NOT_ALLOWED',
      ruleId,
      `Price change ${command.changeId} gave this agreement no right to dissolve`,
    );
  }
  if (state.startsAt && compareInstants(command.requestedAt, state.startsAt) >= 0) {
    // Nothing is performed before the start, so everything paid goes back; after it the performed
    // part must be valued, which the rulebooks do not do.
    throw new RuleViolation(
      'DISSOLUTION_NOT_ALLOWED',
      ruleId,
      'The course has started; dissolution with payment for what was performed is settled by hand',
    );
  }
  const batch = new EventBatch(state);
  batch.add({
    type: 'EnrolmentDissolved',
    data: {
      enrolmentId: agreement.enrolmentId,
      requestedAt: command.requestedAt,
      changeId: command.changeId,
      ruleIds: [ruleId],
      priceChangeDecisionRef: granted.decisionRef,
    },
  });
  settleEverythingBack(batch, {
    issuedOn: dateOf(command.requestedAt),
    reason: 'dissolution',
    decisionId: granted.decisionRef,
    ruleIds: [ruleId],
  });
  return batch.events;
}
