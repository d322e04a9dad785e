/**
 * Ending a booking: customer cancellation (PP-15.*, VLI-2.3, EXC-4.*), the PP-15.6 evidence
 * exemption in two steps, provider cancellation (PP-15.1, EXC-4.9), withdrawal (LOI-7.*, EXC-4.2,
 * EXC-4.5) and the return of materials (LOI-7.3/7.4), and permanent force majeure (PP-7.3).
 * Every decision that gives money back grants a refund entitlement citing it.
 */
import {
  decideExcellusCancellation,
  decideExcellusProviderCancellation,
  decidePlusportCancellation,
  decidePlusportCancellationEvidence,
  decidePlusportForceMajeureRefund,
  decidePlusportProviderCancellation,
  decideVliCancellation,
  loiMaterialsReturn,
  loiWithdrawal,
  recordedReadings,
  RuleViolation,
  type Decision,
  type PlusportCancellationInput,
  type PlusportComponentKind,
  type PlusportOfferingKind,
} from '@ledger/regulations';
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
import type { EnrolmentState } from './state';
import {
  activeAgreement,
  agreementOf,
  allInvoices,
  chargedCents,
  componentPrice,
  dateOf,
  EnrolmentInputError,
  EventBatch,
  excellusBook,
  keptPaymentCents,
  loiBook,
  netPriceOf,
  notCovered,
  plusportBook,
  registrationInvoice,
  requireNotBeforeRegistration,
  settleEverythingBack,
  settleToGross,
  settleToNetFee,
  sumOf,
  vliBook,
} from './support';

export function decideCancellation(
  command: CancelEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const invoice = registrationInvoice(state);
  const batch = new EventBatch(state);
  const cancelled = (
    decision: Decision,
    extra: { pendingEvidenceUntil?: string | null; plusportCancellation?: PlusportCancellationInput | null } = {},
  ) =>
    batch.addDecision({
      type: 'EnrolmentCancelled',
      data: {
        enrolmentId: agreement.enrolmentId,
        requestedAt: command.requestedAt,
        reason: command.reason,
        pendingEvidenceUntil: extra.pendingEvidenceUntil ?? null,
        plusportCancellation: extra.plusportCancellation ?? null,
        decision,
      },
    });
  const settlement = { invoiceId: invoice.invoiceId, issuedOn: dateOf(command.requestedAt), reason: 'cancellation' };

  switch (agreement.rulebook.id) {
    case 'plusport': {
      const input: PlusportCancellationInput = {
        registeredAt: agreement.registeredAt,
        requestedAt: command.requestedAt,
        ...(state.startsAt ? { startsAt: state.startsAt } : {}),
        components: agreement.terms.components.map((c) => ({
          kind: c.kind as PlusportComponentKind,
          priceCents: c.priceCents,
        })),
        paidCents: keptPaymentCents(invoice),
        reason: command.reason,
        affectedPerson: command.affectedPerson ?? 'learner',
        eLearningStarted: command.eLearningStarted ?? false,
        textbookSent: command.textbookSent ?? true,
        textbookReturnedUnused: command.textbookReturnedUnused ?? false,
        previouslyRescheduled: state.rescheduled,
        offeringKind: agreement.terms.kind as PlusportOfferingKind,
      };
      const decision = decidePlusportCancellation(plusportBook(ctx, command.requestedAt), input);
      const pendingEvidenceUntil = decision.deadlines?.['pendingEvidenceUntil'] ?? null;
      // PP-15.6 step 2 decides under the readings this cancellation was decided under.
      const basis = { ...input, readings: recordedReadings(decision.inputs) };
      const ref = cancelled(decision, { pendingEvidenceUntil, plusportCancellation: basis });
      // PP-15.6 step 1: while evidence may still arrive, the table fee stays on the invoice (held,
      // not charged); only what was paid beyond it goes back now. Step 2 releases or charges it.
      const chargeableNetCents = pendingEvidenceUntil
        ? (decision.inputs['tableFeeCents'] as number)
        : decision.feeCents!;
      settleToNetFee(batch, { ...settlement, chargeableNetCents, decisionId: ref, ruleIds: decision.ruleIds });
      return batch.events;
    }
    case 'vli': {
      if (!state.startsAt) throw new Error('Invariant violated: a VLI training has a start');
      const decision = decideVliCancellation(vliBook(ctx, command.requestedAt), {
        startsAt: state.startsAt,
        requestedAt: command.requestedAt,
        reason: command.reason,
        priceNetCents: netPriceOf(agreement),
        vatRateBasisPoints: agreement.vatRateBasisPoints,
        paidCents: keptPaymentCents(invoice),
      });
      const ref = cancelled(decision);
      settleToGross(batch, {
        ...settlement,
        keepGrossCents: decision.feeGrossCents!,
        decisionId: ref,
        ruleIds: decision.ruleIds,
      });
      return batch.events;
    }
    case 'excellus': {
      const decision = decideExcellusCancellation(
        excellusBook(ctx, command.requestedAt),
        excellusCancellationInput(state, command),
      );
      const ref = cancelled(decision);
      settleToGross(batch, {
        ...settlement,
        keepGrossCents: decision.feeGrossCents!,
        decisionId: ref,
        ruleIds: decision.ruleIds,
      });
      return batch.events;
    }
    case 'loi':
      return notCovered(
        'CANCELLATION_NOT_AVAILABLE',
        'LOI-12.2',
        'An LOI home-study agreement ends by withdrawal within 14 days (LOI-7.1, POST /withdrawals) or by early termination with notice (LOI-12, POST /terminations)',
      );
    default:
      throw new Error(`Invariant violated: unknown rulebook ${agreement.rulebook.id}`);
  }
}

function excellusCancellationInput(
  state: EnrolmentState,
  command: {
    requestedAt: string;
    eLearningStarted?: boolean;
    credentialsIssuedAt?: string;
    materialReceivedOn?: string;
  },
) {
  const agreement = agreementOf(state);
  const invoice = registrationInvoice(state);
  const eLearningCostCents = componentPrice(agreement, 'e-learning');
  return {
    offeringKind: agreement.terms.kind as 'contact-course' | 'exam-only' | 'e-learning' | 'material',
    group: agreement.terms.options.group === true,
    customerKind: agreement.customerKind,
    registeredAt: agreement.registeredAt,
    requestedAt: command.requestedAt,
    ...(state.startsAt ? { startsAt: state.startsAt } : {}),
    priceCents: chargedCents(invoice),
    paidCents: keptPaymentCents(invoice),
    ...(agreement.terms.options.adminCostsCents !== undefined
      ? { adminCostsCents: agreement.terms.options.adminCostsCents }
      : {}),
    ...(agreement.terms.kind === 'exam-only' && eLearningCostCents > 0
      ? { eLearningUsed: command.eLearningStarted === true, eLearningCostCents }
      : {}),
    ...(command.credentialsIssuedAt ? { credentialsIssuedAt: command.credentialsIssuedAt } : {}),
    ...(command.materialReceivedOn ? { materialReceivedOn: command.materialReceivedOn } : {}),
  };
}

// ---- PP-15.6 step 2 ------------------------------------------------------------------------

export const evidenceDeadlineId = (streamId: string): string => `${streamId}:evidence`;

function pendingCancellation(state: EnrolmentState) {
  const agreement = agreementOf(state);
  const c = state.cancellation;
  if (!c || !c.pendingEvidenceUntil || !c.plusportCancellation) {
    throw new RuleViolation(
      'NO_EVIDENCE_PENDING',
      'PP-15.6',
      `Enrolment ${agreement.enrolmentId} has no fee exemption awaiting evidence`,
    );
  }
  if (c.evidence !== 'pending')
    throw new DomainError(
      'EVIDENCE_ALREADY_DECIDED',
      409,
      `The evidence for this cancellation was already decided: ${c.evidence}`,
    );
  return { agreement, cancellation: c, input: c.plusportCancellation };
}

function decideEvidence(
  state: EnrolmentState,
  ctx: DecideContext,
  at: string,
  evidence: { receivedAt: string; kind: string } | null,
): EnrolmentEvent[] {
  const { agreement, input } = pendingCancellation(state);
  const decision = decidePlusportCancellationEvidence(plusportBook(ctx, at), {
    cancellation: input,
    ...(evidence ? { evidenceReceivedAt: evidence.receivedAt, evidenceKind: evidence.kind } : {}),
    decidedAt: at,
  });
  const outcome = decision.inputs['outcome'] as 'confirmed' | 'lapsed';
  const batch = new EventBatch(state);
  const ref = batch.addDecision({
    type: 'CancellationEvidenceDecided',
    data: {
      enrolmentId: agreement.enrolmentId,
      outcome,
      evidenceReceivedAt: evidence?.receivedAt ?? null,
      evidenceKind: evidence?.kind ?? null,
      deadlineId: evidenceDeadlineId(agreement.streamId),
      decision,
    },
  });
  // Confirmed: the held fee is released (credited) and paid money beyond the exempt fee goes back.
  // Lapsed: the held table fee is now charged; the invoice already asks exactly that.
  if (outcome === 'confirmed') {
    settleToNetFee(batch, {
      invoiceId: registrationInvoice(state).invoiceId,
      issuedOn: dateOf(at),
      reason: 'cancellation-evidence',
      chargeableNetCents: decision.feeCents!,
      decisionId: ref,
      ruleIds: decision.ruleIds,
    });
  }
  return batch.events;
}

export function decideEvidenceSubmission(
  command: SubmitCancellationEvidence,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
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

// ---- PP-15.1 / EXC-4.9 ---------------------------------------------------------------------

export function decideProviderCancellation(
  command: CancelByProvider,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.cancelledAt, 'cancelledAt');
  const paidCents = sumOf(allInvoices(state), keptPaymentCents);
  const decision =
    agreement.rulebook.id === 'plusport'
      ? decidePlusportProviderCancellation(plusportBook(ctx, command.cancelledAt), {
          cancelledAt: command.cancelledAt,
          paidCents,
        })
      : agreement.rulebook.id === 'excellus'
        ? decideExcellusProviderCancellation(excellusBook(ctx, command.cancelledAt), {
            cancelledAt: command.cancelledAt,
            paidCents,
          })
        : notCovered(
            'PROVIDER_CANCELLATION_NOT_COVERED',
            undefined,
            `The ${agreement.rulebook.id} rulebook has no rule for a cancellation by the provider`,
          );
  const batch = new EventBatch(state);
  const ref = batch.addDecision({
    type: 'EnrolmentCancelledByProvider',
    data: { enrolmentId: agreement.enrolmentId, cancelledAt: command.cancelledAt, decision },
  });
  settleEverythingBack(batch, {
    issuedOn: dateOf(command.cancelledAt),
    reason: 'provider-cancellation',
    decisionId: ref,
    ruleIds: decision.ruleIds,
  });
  return batch.events;
}

// ---- withdrawal ----------------------------------------------------------------------------

export function decideWithdrawal(
  command: WithdrawEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.requestedAt, 'requestedAt');
  const invoice = registrationInvoice(state);
  const batch = new EventBatch(state);
  const settlement = { invoiceId: invoice.invoiceId, issuedOn: dateOf(command.requestedAt), reason: 'withdrawal' };
  switch (agreement.rulebook.id) {
    case 'loi': {
      const materialsSent = command.materialsSent ?? agreement.terms.components.some((c) => c.kind === 'material');
      const decision = loiWithdrawal(loiBook(ctx, command.requestedAt), {
        customerKind: agreement.customerKind,
        agreementDate: dateOf(agreement.registeredAt),
        requestedAt: command.requestedAt,
        paidCents: keptPaymentCents(invoice),
        materialsSent,
      });
      const ref = batch.addDecision({
        type: 'EnrolmentWithdrawn',
        data: { enrolmentId: agreement.enrolmentId, requestedAt: command.requestedAt, materialsSent, decision },
      });
      // LOI-7.3: with materials out, nothing is settled until they come back (POST /materials-returns).
      if (!materialsSent) {
        settleToGross(batch, {
          ...settlement,
          keepGrossCents: 0,
          decisionId: ref,
          ruleIds: decision.ruleIds,
          refundDueDate: decision.deadlines!['refundDueDate']!,
        });
      }
      return batch.events;
    }
    case 'excellus': {
      const decision = decideExcellusCancellation(
        excellusBook(ctx, command.requestedAt),
        excellusCancellationInput(state, command),
      );
      const status = decision.inputs['coolingOffStatus'];
      const dissolvedMaterial = decision.ruleIds.includes('EXC-4.5');
      if (decision.feeCents !== 0 || (status !== 'applies' && !dissolvedMaterial)) {
        throw new RuleViolation(
          'WITHDRAWAL_NOT_ALLOWED',
          'EXC-4.2',
          `No free withdrawal: cooling-off ${String(status)} (ends ${String(decision.inputs['coolingOffEndsOn'])}); cancel under EXC-4.1/4.3 instead`,
          {
            coolingOffStatus: String(status),
          },
        );
      }
      const ref = batch.addDecision({
        type: 'EnrolmentWithdrawn',
        data: { enrolmentId: agreement.enrolmentId, requestedAt: command.requestedAt, materialsSent: false, decision },
      });
      settleToGross(batch, { ...settlement, keepGrossCents: 0, decisionId: ref, ruleIds: decision.ruleIds });
      return batch.events;
    }
    default:
      return notCovered(
        'WITHDRAWAL_NOT_AVAILABLE',
        agreement.rulebook.id === 'plusport' ? 'PP-15.5-EL' : 'VLI-2.3',
        `The ${agreement.rulebook.id} terms have no separate withdrawal right; a cancellation (POST /cancellations) decides the fee`,
      );
  }
}

/** LOI-7.3 / LOI-7.4: returned materials arrive; the refund falls due (or the return is refused). */
export function decideMaterialsReturn(
  command: RecordMaterialsReturn,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = agreementOf(state);
  const withdrawal = state.withdrawal;
  if (!withdrawal?.materialsSent)
    throw new DomainError('NO_MATERIALS_EXPECTED', 409, 'No withdrawal awaits returned materials');
  if (withdrawal.materialsReturned)
    throw new DomainError('MATERIALS_ALREADY_RETURNED', 409, 'The materials were already returned');
  const invoice = registrationInvoice(state);
  const decision = loiMaterialsReturn(loiBook(ctx, command.receivedAt), {
    withdrawnOn: dateOf(withdrawal.withdrawnOn),
    returnReceivedAt: command.receivedAt,
    originalState: command.originalState,
    paidCents: keptPaymentCents(invoice),
    valueReductionCents: command.valueReductionCents ?? null,
    vatRateBasisPoints: agreement.vatRateBasisPoints,
  });
  const batch = new EventBatch(state);
  const ref = batch.addDecision({
    type: 'WithdrawnMaterialsReturned',
    data: {
      enrolmentId: agreement.enrolmentId,
      receivedAt: command.receivedAt,
      originalState: command.originalState,
      decision,
    },
  });
  settleToGross(batch, {
    invoiceId: invoice.invoiceId,
    issuedOn: dateOf(command.receivedAt),
    reason: 'withdrawal',
    keepGrossCents: decision.feeGrossCents!,
    decisionId: ref,
    ruleIds: decision.ruleIds,
    refundDueDate: decision.deadlines!['refundDueDate']!,
  });
  return batch.events;
}

// ---- PP-7.3 --------------------------------------------------------------------------------

export function decideForceMajeure(
  command: DeclareForceMajeure,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  const agreement = activeAgreement(state);
  requireNotBeforeRegistration(agreement, command.declaredAt, 'declaredAt');
  if (agreement.rulebook.id !== 'plusport') {
    return notCovered(
      'FORCE_MAJEURE_NOT_COVERED',
      undefined,
      `The ${agreement.rulebook.id} rulebook has no force-majeure refund rule`,
    );
  }
  command.deliveredComponents.forEach((kind, i) => {
    if (!agreement.terms.components.some((c) => c.kind === kind))
      throw new EnrolmentInputError(`deliveredComponents[${i}]`, `the booking has no ${kind} component`);
  });
  const invoice = registrationInvoice(state);
  const decision = decidePlusportForceMajeureRefund(plusportBook(ctx, command.declaredAt), {
    declaredAt: command.declaredAt,
    components: agreement.terms.components.map((c) => ({
      kind: c.kind as PlusportComponentKind,
      priceCents: c.priceCents,
      delivered: command.deliveredComponents.includes(c.kind),
    })),
    invoiceTotalCents: invoice.totalCents,
    paidCents: keptPaymentCents(invoice),
    supplierCostsCents: command.supplierCostsCents,
  });
  const batch = new EventBatch(state);
  const ref = batch.addDecision({
    type: 'ForceMajeureRefundDecided',
    data: { enrolmentId: agreement.enrolmentId, declaredAt: command.declaredAt, decision },
  });
  // The agreement ends: the invoice keeps what PlusPort keeps of the payments; the refund is the rest.
  settleToGross(batch, {
    invoiceId: invoice.invoiceId,
    issuedOn: dateOf(command.declaredAt),
    reason: 'force-majeure',
    keepGrossCents: keptPaymentCents(invoice) - decision.refundCents!,
    decisionId: ref,
    ruleIds: decision.ruleIds,
  });
  return batch.events;
}
