/**
 * Changing a booking without ending it: reschedules, a colleague taking the place, price changes
 * and the dissolution they allow. The rulebook in force decides each.
 */
import { compareDates, compareInstants, RuleViolation } from '@ledger/regulations';
import { DomainError, type DecideContext } from '../shared/decider';
import type { ApplyPriceChange, DissolveEnrolment, RescheduleEnrolment, SubstituteLearner } from './commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentState } from './state';
import {
  actOf,
  activeAgreement,
  applyMoney,
  dateOf,
  EnrolmentInputError,
  EventBatch,
  factsOf,
  recordDecided,
  registrationInvoice,
  requireNotBeforeRegistration,
} from './support';

const laterDate = (a: string, b: string): string => (compareDates(a, b) >= 0 ? a : b);

export function decideReschedule(
  command: RescheduleEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const act = actOf(ctx, agreement, command.requestedAt, 'reschedule', command.details);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  if (compareInstants(command.newStartsAt, command.requestedAt) <= 0)
    throw new EnrolmentInputError('newStartsAt', 'the new date must lie after the request');
  const decided = act.reschedule(factsOf(state), {
    requestedAt: command.requestedAt,
    newStartsAt: command.newStartsAt,
    details: command.details,
  });
  if (!state.startsAt) throw new Error('Invariant violated: a rulebook rescheduled a booking without a date');
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentRescheduled',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        fromStartsAt: state.startsAt,
        toStartsAt: command.newStartsAt,
        decision: decided.decision,
      },
    },
    decided,
    command.requestedAt,
  );
  return batch.events;
}

export function decideSubstitution(
  command: SubstituteLearner,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const act = actOf(ctx, agreement, command.requestedAt, 'substitution', command.details);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const fromLearnerId = state.learnerId!;
  if (command.substituteLearnerId === fromLearnerId)
    throw new EnrolmentInputError('substituteLearnerId', 'the substitute must be another learner');
  const decision = act.substitute(factsOf(state), {
    requestedAt: command.requestedAt,
    substituteLearnerId: command.substituteLearnerId,
    details: command.details,
  });
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
  const { decision, dissolutionRight, surchargeCents } = actOf(ctx, agreement, change.changedAt, 'priceChange').apply(
    factsOf(state),
    {
      changeId: change.changeId,
      changedAt: change.changedAt,
      requiredByLaw: change.requiredByLaw,
      previousTotalNetCents: agreedPriceCents,
      newTotalNetCents: change.newTotalNetCents,
    },
  );
  const batch = new EventBatch(state);
  const ref = batch.addDecision({
    type: 'PriceChangeApplied',
    data: { enrolmentId: agreement.enrolmentId, changeId: change.changeId, dissolutionRight, surchargeCents, decision },
  });
  if (surchargeCents > 0) {
    // The new price applies: the difference is invoiced, due no earlier than the booking itself.
    applyMoney(
      batch,
      [
        {
          kind: 'invoice',
          reason: 'other',
          dueDate: laterDate(registrationInvoice(state).dueDate, dateOf(command.appliedAt)),
          lines: [{ description: `Price change ${change.changeId}`, kind: 'price-change', netCents: surchargeCents }],
        },
      ],
      { decisionId: ref, ruleIds: decision.ruleIds, issuedOn: dateOf(command.appliedAt) },
    );
  }
  return batch.events;
}

/** The customer uses the dissolution right a price change granted, before the start. */
export function decideDissolution(
  command: DissolveEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const { dissolutionRuleId } = actOf(ctx, agreement, command.requestedAt, 'priceChange');
  const granted = state.priceChanges[command.changeId];
  if (!granted?.dissolutionRight) {
    throw new RuleViolation(
      'DISSOLUTION_NOT_ALLOWED',
      dissolutionRuleId,
      `Price change ${command.changeId} gave this agreement no right to dissolve`,
    );
  }
  if (state.startsAt && compareInstants(command.requestedAt, state.startsAt) >= 0) {
    // Nothing is performed before the start, so everything paid goes back; after it the performed
    // part must be valued, which the rulebooks do not do.
    throw new RuleViolation(
      'DISSOLUTION_NOT_ALLOWED',
      dissolutionRuleId,
      'The course has started; dissolution with payment for what was performed is settled by hand',
    );
  }
  const ruleIds = [dissolutionRuleId];
  const batch = new EventBatch(state);
  batch.add({
    type: 'EnrolmentDissolved',
    data: {
      enrolmentId: agreement.enrolmentId,
      requestedAt: command.requestedAt,
      changeId: command.changeId,
      ruleIds,
      priceChangeDecisionRef: granted.decisionRef,
    },
  });
  applyMoney(batch, [{ kind: 'settle-everything-back', reason: 'dissolution' }], {
    decisionId: granted.decisionRef,
    ruleIds,
    issuedOn: dateOf(command.requestedAt),
  });
  return batch.events;
}
