/**
 * Acts on a running agreement: deliveries the provider owes by a date (and the customer's right to
 * dissolve when one is missed), dissolution for non-payment, suspension for non-performance, a new
 * date after temporary force majeure and a changed number of participants. The rulebook in force
 * decides each (libs/regulations/src/contract/agreement-acts.ts); this module checks the
 * aggregate's own invariants and records what the act decided.
 */
import { compareDates, compareInstants, type DeliveryDeadline } from '@ledger/regulations';
import { DomainError, type DecideContext } from '../shared/decider';
import type {
  ChangeParticipantCount,
  CheckDeliveryDeadline,
  DissolveForLateDelivery,
  DissolveForNonPayment,
  MoveDateForForceMajeure,
  RecordDelivery,
  ResumeEnrolment,
  SuspendEnrolment,
} from './agreement-commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentState } from './state';
import {
  actOf,
  activeAgreement,
  agreementOf,
  dateOf,
  EnrolmentInputError,
  EventBatch,
  factsOf,
  recordDecided,
  requireNotBeforeRegistration,
} from './support';

export const deliveryDeadlineId = (streamId: string, deliverable: string): string =>
  `${streamId}:delivery:${deliverable}`;

/** Records what the provider owes by a date (the scheduler fires the check the day after). */
export function addDeliveryDeadline(batch: EventBatch, deadline: DeliveryDeadline): void {
  batch.addDecision({
    type: 'DeliveryDeadlineSet',
    data: {
      enrolmentId: agreementOf(batch.state).enrolmentId,
      deliverable: deadline.deliverable,
      dueBy: deadline.dueBy,
      decision: deadline.decision,
    },
  });
}

/** While the provider's obligations are suspended, the booking does not go on (422 citing the suspension's rule). */
export function requireNotSuspended(state: EnrolmentState): void {
  const suspension = state.suspension;
  if (suspension)
    throw new DomainError(
      'ENROLMENT_SUSPENDED',
      422,
      `Enrolment ${agreementOf(state).enrolmentId} is suspended since ${suspension.since}: nothing goes on until it resumes`,
      suspension.ruleIds[0],
    );
}

// ---- deliveries ------------------------------------------------------------------------------

export function decideDelivery(command: RecordDelivery, state: EnrolmentState, ctx: DecideContext): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.deliveredAt, 'deliveredAt');
  const act = actOf(ctx, agreement, command.deliveredAt, 'delivery');
  if (!act.deliverables.includes(command.deliverable))
    throw new EnrolmentInputError('deliverable', `deliverable must be one of ${act.deliverables.join(', ')}`);
  const pending = state.deliveries[command.deliverable];
  if (pending?.deliveredAt)
    throw new DomainError(
      'ALREADY_DELIVERED',
      409,
      `The ${command.deliverable} was delivered already, at ${pending.deliveredAt}`,
    );
  const decided = act.deliver(factsOf(state), { deliverable: command.deliverable, deliveredAt: command.deliveredAt });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'DeliveryRecorded',
      data: {
        enrolmentId: agreement.enrolmentId,
        deliverable: command.deliverable,
        deliveredAt: command.deliveredAt,
        dueBy: pending?.dueBy ?? null,
        inTime: pending === undefined || compareDates(dateOf(command.deliveredAt), pending.dueBy) <= 0,
        decision: decided.decision,
      },
    },
    decided,
    command.deliveredAt,
  );
  if (decided.next) addDeliveryDeadline(batch, decided.next);
  return batch.events;
}

/**
 * Scheduled the day after a delivery's last day: records the deadline as missed when nothing was
 * delivered in time; a no-op when it was, when it was recorded already, or when the agreement ended.
 */
export function decideDeliveryCheck(
  command: CheckDeliveryDeadline,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  const pending = state.deliveries[command.deliverable];
  if (!pending || pending.missed || state.status !== 'active') return [];
  if (pending.deliveredAt !== null && compareDates(dateOf(pending.deliveredAt), pending.dueBy) <= 0) return [];
  if (compareDates(dateOf(command.at), pending.dueBy) <= 0) return [];
  const { decision, dissolutionRight } = actOf(ctx, agreement, command.at, 'delivery').missed(factsOf(state), {
    deliverable: command.deliverable,
    checkedAt: command.at,
  });
  return [
    {
      type: 'DeliveryDeadlineMissed',
      data: {
        enrolmentId: agreement.enrolmentId,
        deliverable: command.deliverable,
        dueBy: pending.dueBy,
        deliveredAt: pending.deliveredAt,
        deadlineId: command.deadlineId,
        dissolutionRight,
        decision,
      },
    },
  ];
}

export function decideLateDeliveryDissolution(
  command: DissolveForLateDelivery,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const act = actOf(ctx, agreement, command.requestedAt, 'delivery');
  // The rulebook refuses (naming its rule) when no missed delivery gave the right.
  const decided = act.dissolve(factsOf(state), { requestedAt: command.requestedAt });
  const ground = Object.entries(state.deliveries).find(([, d]) => d.dissolutionRight && d.deliveredAt === null);
  if (!ground) throw new Error('Invariant violated: a rulebook dissolved for a late delivery none was missed for');
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentDissolvedForLateDelivery',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        deliverable: ground[0],
        decision: decided.decision,
      },
    },
    decided,
    command.requestedAt,
  );
  return batch.events;
}

// ---- dissolution for non-payment ---------------------------------------------------------------

export function decideNonPaymentDissolution(
  command: DissolveForNonPayment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const act = actOf(ctx, agreement, command.requestedAt, 'nonPaymentDissolution');
  command.performedComponents.forEach((kind, i) => {
    if (!agreement.terms.components.some((c) => c.kind === kind))
      throw new EnrolmentInputError(`performedComponents[${i}]`, `the booking has no ${kind} component`);
  });
  const decided = act.dissolve(factsOf(state), {
    requestedAt: command.requestedAt,
    performedComponents: command.performedComponents,
  });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentDissolvedForNonPayment',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        performedComponents: [...command.performedComponents],
        decision: decided.decision,
      },
    },
    decided,
    command.requestedAt,
  );
  return batch.events;
}

// ---- suspension for non-performance ------------------------------------------------------------

export function decideSuspension(
  command: SuspendEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const act = actOf(ctx, agreement, command.suspendedAt, 'suspension', command.details);
  requireNotBeforeRegistration(agreement, command.suspendedAt, 'suspendedAt');
  if (state.suspension)
    throw new DomainError('ALREADY_SUSPENDED', 409, `The enrolment is suspended since ${state.suspension.since}`);
  const decided = act.suspend(factsOf(state), { suspendedAt: command.suspendedAt, details: command.details });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentSuspended',
      data: { enrolmentId: agreement.enrolmentId, suspendedAt: command.suspendedAt, decision: decided.decision },
    },
    decided,
    command.suspendedAt,
  );
  return batch.events;
}

export function decideResumption(
  command: ResumeEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const suspension = state.suspension;
  if (!suspension) throw new DomainError('NOT_SUSPENDED', 409, `Enrolment ${agreement.enrolmentId} is not suspended`);
  if (compareInstants(command.resumedAt, suspension.since) < 0)
    throw new EnrolmentInputError('resumedAt', `${command.resumedAt} precedes the suspension of ${suspension.since}`);
  const decision = actOf(ctx, agreement, command.resumedAt, 'suspension').resume(factsOf(state), {
    resumedAt: command.resumedAt,
  });
  return [
    { type: 'EnrolmentResumed', data: { enrolmentId: agreement.enrolmentId, resumedAt: command.resumedAt, decision } },
  ];
}

// ---- a new date after temporary force majeure ----------------------------------------------------

export function decideForceMajeureNewDate(
  command: MoveDateForForceMajeure,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.declaredAt, 'declaredAt');
  const newStartsAt = command.newStartsAt ?? null;
  if (newStartsAt !== null && compareInstants(newStartsAt, command.declaredAt) <= 0)
    throw new EnrolmentInputError('newStartsAt', `the new date must lie after the declaration (${command.declaredAt})`);
  const decision = actOf(ctx, agreement, command.declaredAt, 'forceMajeureNewDate').move(factsOf(state), {
    declaredAt: command.declaredAt,
    newStartsAt,
  });
  return [
    {
      type: 'DateMovedForForceMajeure',
      data: {
        enrolmentId: agreement.enrolmentId,
        declaredAt: command.declaredAt,
        fromStartsAt: state.startsAt,
        toStartsAt: newStartsAt,
        decision,
      },
    },
  ];
}

// ---- number of participants --------------------------------------------------------------------

export function decideParticipantCountChange(
  command: ChangeParticipantCount,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const act = actOf(ctx, agreement, command.requestedAt, 'participantCountChange');
  const decided = act.change(factsOf(state), { requestedAt: command.requestedAt, participants: command.participants });
  if (decided.fromParticipants === command.participants)
    throw new DomainError(
      'PARTICIPANT_COUNT_UNCHANGED',
      409,
      `The agreement already has ${command.participants} participants`,
    );
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'ParticipantCountChanged',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        fromParticipants: decided.fromParticipants,
        toParticipants: command.participants,
        decision: decided.decision,
      },
    },
    decided,
    command.requestedAt,
  );
  return batch.events;
}
