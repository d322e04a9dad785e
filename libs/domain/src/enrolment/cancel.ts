/**
 * Ending a booking: customer cancellation (with an exemption that may await evidence, in two
 * steps), provider cancellation, withdrawal and the return of materials, and permanent force
 * majeure. The rulebook in force decides each; every decision that gives money back grants a
 * refund entitlement citing it.
 */
import { ActInputError, isNotCovered, parseActDetails, type ActDetails } from '@ledger/regulations';
import { DomainError, type DecideContext } from '../shared/decider';
import type {
  CancelByProvider,
  CancelEnrolment,
  DeclareForceMajeure,
  LapseCancellationEvidence,
  RecordMaterialsReturn,
  SubmitCancellationEvidence,
  WithdrawEnrolment,
} from './commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentAgreement, EnrolmentState } from './state';
import {
  actOf,
  activeAgreement,
  agreementOf,
  EnrolmentInputError,
  enrolmentActsOf,
  EventBatch,
  factsOf,
  recordDecided,
  requireNotBeforeRegistration,
} from './support';

export function decideCancellation(
  command: CancelEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const act = actOf(ctx, agreement, command.requestedAt, 'cancellation', command.details);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const outcome = act.cancel(factsOf(state), {
    requestedAt: command.requestedAt,
    reason: command.reason,
    details: command.details,
  });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentCancelled',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        reason: command.reason,
        pendingEvidenceUntil: outcome.pendingEvidenceUntil ?? null,
        evidenceBasis: outcome.evidenceBasis ?? null,
        decision: outcome.decision,
      },
    },
    outcome,
    command.requestedAt,
  );
  return batch.events;
}

// ---- step two of an exemption awaiting evidence ---------------------------------------------

export const evidenceDeadlineId = (streamId: string): string => `${streamId}:evidence`;

function decideEvidence(
  state: EnrolmentState,
  ctx: DecideContext,
  at: string,
  evidence: { receivedAt: string; kind: string } | null,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  const cancellation = state.cancellation;
  if (!cancellation?.pendingEvidenceUntil || !cancellation.evidenceBasis) {
    const act = enrolmentActsOf(ctx, agreement.rulebook.id, at).cancellation;
    throw new DomainError(
      'NO_EVIDENCE_PENDING',
      422,
      `Enrolment ${agreement.enrolmentId} has no fee exemption awaiting evidence`,
      isNotCovered(act) ? undefined : act.evidenceRuleId,
    );
  }
  const act = actOf(ctx, agreement, at, 'cancellation');
  if (!act.decideEvidence) throw new Error('Invariant violated: a pending exemption without an evidence step');
  if (cancellation.evidence !== 'pending')
    throw new DomainError(
      'EVIDENCE_ALREADY_DECIDED',
      409,
      `The evidence for this cancellation was already decided: ${cancellation.evidence}`,
    );
  const decided = act.decideEvidence(factsOf(state), at, evidence);
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'CancellationEvidenceDecided',
      data: {
        enrolmentId: agreement.enrolmentId,
        outcome: decided.outcome,
        evidenceReceivedAt: evidence?.receivedAt ?? null,
        evidenceKind: evidence?.kind ?? null,
        deadlineId: evidenceDeadlineId(agreement.streamId),
        decision: decided.decision,
      },
    },
    decided,
    at,
  );
  return batch.events;
}

export function decideEvidenceSubmission(
  command: SubmitCancellationEvidence,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  requireNotBeforeRegistration(agreementOf(state), command.receivedAt, 'receivedAt');
  return decideEvidence(state, ctx, command.receivedAt, { receivedAt: command.receivedAt, kind: command.kind });
}

/** Scheduled: the evidence window has passed. A no-op when the question is already settled. */
export function decideEvidenceLapse(
  command: LapseCancellationEvidence,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  if (state.cancellation?.evidence !== 'pending') return [];
  return decideEvidence(state, ctx, command.at, null);
}

// ---- cancellation by the provider ------------------------------------------------------------

export function decideProviderCancellation(
  command: CancelByProvider,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.cancelledAt, 'cancelledAt');
  const decision = actOf(ctx, agreement, command.cancelledAt, 'providerCancellation').cancelByProvider(
    factsOf(state),
    command.cancelledAt,
  );
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentCancelledByProvider',
      data: { enrolmentId: agreement.enrolmentId, cancelledAt: command.cancelledAt, decision },
    },
    { decision, money: [{ kind: 'settle-everything-back', reason: 'provider-cancellation' }] },
    command.cancelledAt,
  );
  return batch.events;
}

// ---- withdrawal ----------------------------------------------------------------------------

export function decideWithdrawal(
  command: WithdrawEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  const act = actOf(ctx, agreement, command.requestedAt, 'withdrawal', command.details);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const decided = act.withdraw(factsOf(state), {
    requestedAt: command.requestedAt,
    details: command.details,
  });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'EnrolmentWithdrawn',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        materialsSent: decided.materialsSent,
        decision: decided.decision,
      },
    },
    decided,
    command.requestedAt,
  );
  return batch.events;
}

/**
 * The book's details of a return, checked before anything else (a field the book does not know is
 * the first thing a client hears): against the withdrawal act's return schema, or refused when the
 * book takes none.
 */
function requireReturnDetails(ctx: DecideContext, agreement: EnrolmentAgreement, at: string, details: ActDetails) {
  const field = Object.keys(details)[0];
  if (field === undefined) return;
  const act = enrolmentActsOf(ctx, agreement.rulebook.id, at).withdrawal;
  const schema = isNotCovered(act) ? undefined : act.returnDetailsSchema;
  if (!schema) throw new ActInputError(field, `field ${field} does not apply to this rulebook`);
  parseActDetails(schema, details);
}

/** Materials sent with a withdrawn agreement arrive back; the refund falls due (or the return is refused). */
export function decideMaterialsReturn(
  command: RecordMaterialsReturn,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  const details = command.details ?? {};
  requireReturnDetails(ctx, agreement, command.receivedAt, details);
  const withdrawal = state.withdrawal;
  if (!withdrawal?.materialsSent)
    throw new DomainError('NO_MATERIALS_EXPECTED', 409, 'No withdrawal awaits returned materials');
  if (withdrawal.materialsReturned)
    throw new DomainError('MATERIALS_ALREADY_RETURNED', 409, 'The materials were already returned');
  requireNotBeforeRegistration(agreement, command.receivedAt, 'receivedAt');
  const act = actOf(ctx, agreement, command.receivedAt, 'withdrawal');
  if (!act.returnMaterials) throw new Error('Invariant violated: materials sent without a return rule');
  const decided = act.returnMaterials(factsOf(state), {
    receivedAt: command.receivedAt,
    originalState: command.originalState,
    ...(command.valueReductionCents !== undefined ? { valueReductionCents: command.valueReductionCents } : {}),
    details,
  });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'WithdrawnMaterialsReturned',
      data: {
        enrolmentId: agreement.enrolmentId,
        receivedAt: command.receivedAt,
        originalState: command.originalState,
        decision: decided.decision,
      },
    },
    decided,
    command.receivedAt,
  );
  return batch.events;
}

// ---- permanent force majeure -----------------------------------------------------------------

export function decideForceMajeure(
  command: DeclareForceMajeure,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.declaredAt, 'declaredAt');
  const act = actOf(ctx, agreement, command.declaredAt, 'forceMajeure');
  command.deliveredComponents.forEach((kind, i) => {
    if (!agreement.terms.components.some((c) => c.kind === kind))
      throw new EnrolmentInputError(`deliveredComponents[${i}]`, `the booking has no ${kind} component`);
  });
  const decided = act.declare(factsOf(state), {
    declaredAt: command.declaredAt,
    deliveredComponents: command.deliveredComponents,
    supplierCostsCents: command.supplierCostsCents,
  });
  const batch = new EventBatch(state);
  recordDecided(
    batch,
    {
      type: 'ForceMajeureRefundDecided',
      data: { enrolmentId: agreement.enrolmentId, declaredAt: command.declaredAt, decision: decided.decision },
    },
    decided,
    command.declaredAt,
  );
  return batch.events;
}
