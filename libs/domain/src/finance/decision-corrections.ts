/**
 * Correcting a recorded decision under the version of a reading now in force (docs/decisions.md,
 * "Corrections"). The corrected decision is recomputed from its own recorded inputs by the
 * what-if (only the named reading moves to its current version); the correcting decision and the
 * money difference are new events in the stream that recorded the decision, never a rewrite:
 *  - the customer is charged less: a credit note on the stream's invoices for the difference, and
 *    a refund entitlement for whatever was already paid beyond what they now ask;
 *  - the customer is charged more: an invoice for the difference.
 * A decision is corrected once; one the reading's current version leaves unchanged is refused.
 */
import {
  addDays,
  CURRENT_READINGS,
  readingIn,
  STATUTORY_REFUND_DUE_DAYS,
  toLocalDate,
  whatIf,
  type Decision,
  type DecisionMoneyComparison,
  type DecisionFacts,
} from '@ledger/regulations';
import { issueInvoice, nextCreditNoteId, nextInvoiceId, refundEntitlement, type BillingParty } from '../billing/decide';
import type { BillingEvent, CreditNoteIssued, DecisionCorrected } from '../billing/events';
import { evolveBilling, type BillingState } from '../billing/state';
import { DomainError, type DecideContext } from '../shared/decider';

export interface CorrectDecision {
  type: 'CorrectDecision';
  /** The decision as the log records it (with its id: the id of the event recording it). */
  decision: Decision & { decisionId: string };
  /** Facts the decision was recorded without that the reading's current version needs (from the agreement). */
  facts: DecisionFacts;
  /** The corrected reading (a versioned interpretation id). */
  interpretationId: string;
  /** Who is billed, from the stream's own records. */
  party: BillingParty;
  /** Days to pay an extra charge. */
  paymentTermDays: number;
  reason: string;
  correctedAt: string;
}

/**
 * What the customer is charged more (positive) or less (negative), VAT included: the money that
 * changes hands. A decision that states a refund says it by the refund (a refund up is a charge
 * down); else by its gross fee; else by a surcharge. Null when it states none of them on both sides.
 */
export function chargeDifferenceCents(money: DecisionMoneyComparison['money']): number | null {
  const both = (field: keyof DecisionMoneyComparison['money']) =>
    money[field].recordedCents !== null && money[field].recomputedCents !== null ? money[field] : undefined;
  const refund = both('refundCents');
  if (refund) return refund.recordedCents! - refund.recomputedCents!;
  for (const field of ['feeGrossCents', 'surchargeCents'] as const) {
    const figure = both(field);
    if (figure) return figure.recomputedCents! - figure.recordedCents!;
  }
  return null;
}

/** Gross -> net at a VAT rate, VAT being what is left (the credit note of a gross amount). */
function netOfGross(grossCents: number, vatRateBasisPoints: number): number {
  return Math.round((grossCents * 10_000) / (10_000 + vatRateBasisPoints));
}

export function decideDecisionCorrection(
  billing: BillingState,
  command: CorrectDecision,
  ctx: DecideContext,
  ownerStreamId: string,
): BillingEvent[] {
  const { decision, interpretationId } = command;
  if (billing.correctedDecisionIds[decision.decisionId])
    throw new DomainError('DECISION_ALREADY_CORRECTED', 409, `Decision ${decision.decisionId} is already corrected`);
  const currentVersion = CURRENT_READINGS[interpretationId];
  if (currentVersion === undefined)
    throw new DomainError(
      'INTERPRETATION_NOT_VERSIONED',
      422,
      `${interpretationId} is not a corrected reading; versioned readings: ${Object.keys(CURRENT_READINGS).join(', ')}`,
    );
  const recordedVersion = readingIn(decision.inputs, interpretationId);
  const outcome = whatIf(ctx.rulebooks, decision, interpretationId, { facts: command.facts });
  if (outcome.status === 'needs-facts') throw new DomainError('CORRECTION_NEEDS_FACTS', 422, outcome.message);
  const differenceCents = chargeDifferenceCents(outcome.comparison.money);
  if (
    outcome.status === 'unchanged' ||
    recordedVersion >= currentVersion ||
    differenceCents === null ||
    differenceCents === 0
  )
    throw new DomainError(
      'DECISION_NOT_CHANGED',
      422,
      `Decision ${decision.decisionId} comes out the same in money under ${interpretationId} version ${currentVersion}: there is nothing to correct`,
    );
  const issuedOn = toLocalDate(command.correctedAt);
  const reason = `decision-correction ${interpretationId} v${currentVersion}`;
  const ruleIds = outcome.recomputed.ruleIds;
  const money =
    differenceCents < 0 ? credit(billing, command, ownerStreamId, -differenceCents, { reason, ruleIds }) : [];
  const charge =
    differenceCents > 0
      ? issueInvoice(command.party, {
          invoiceId: nextInvoiceId(ownerStreamId, billing),
          reason: 'decision-correction',
          issuedOn,
          dueDate: addDays(issuedOn, command.paymentTermDays),
          lines: [
            {
              description: `Correction of decision ${decision.decisionId} (${interpretationId} v${currentVersion})`,
              kind: 'correction',
              netCents: netOfGross(differenceCents, vatRateOf(billing)),
            },
          ],
          vatRateBasisPoints: vatRateOf(billing),
          decisionId: decision.decisionId,
          ruleIds,
        })
      : undefined;
  const moneyFields: DecisionCorrected['data']['money'] = {};
  for (const [field, figure] of Object.entries(outcome.comparison.money))
    if (figure.recordedCents !== null || figure.recomputedCents !== null)
      moneyFields[field] = { recordedCents: figure.recordedCents, recomputedCents: figure.recomputedCents };
  const corrected: DecisionCorrected = {
    type: 'DecisionCorrected',
    data: {
      correctedDecisionId: decision.decisionId,
      correctedKind: decision.kind,
      interpretationId,
      interpretationVersion: currentVersion,
      recordedVersion,
      customerId: command.party.customerId,
      reason: command.reason,
      correctedAt: command.correctedAt,
      differenceCents,
      money: moneyFields,
      creditNoteIds: money
        .filter((e): e is CreditNoteIssued => e.type === 'CreditNoteIssued')
        .map((e) => e.data.creditNoteId),
      invoiceId: charge?.data.invoiceId ?? null,
      refundId: money.find((e) => e.type === 'RefundEntitlementGranted')?.data.refundId ?? null,
      // The recomputed decision is the correcting one: recomputable from its own inputs like any other.
      decision: outcome.recomputed,
    },
  };
  return [corrected, ...money, ...(charge ? [charge] : [])];
}

/** The VAT rate of the stream's first invoice (the agreement's rate), 0 for a stream without invoices. */
function vatRateOf(billing: BillingState): number {
  return Object.values(billing.invoices)[0]?.vatRateBasisPoints ?? 0;
}

/**
 * Credit notes for `amountCents` on the stream's invoices, first invoice first, each up to what it
 * still asks; then a refund entitlement per invoice for what was paid beyond what it now asks.
 */
function credit(
  billing: BillingState,
  command: CorrectDecision,
  ownerStreamId: string,
  amountCents: number,
  { reason, ruleIds }: { reason: string; ruleIds: string[] },
): BillingEvent[] {
  const issuedOn = toLocalDate(command.correctedAt);
  const events: BillingEvent[] = [];
  let state = billing;
  let leftCents = amountCents;
  for (const invoice of Object.values(billing.invoices)) {
    if (leftCents === 0) break;
    const creditCents = Math.min(leftCents, invoice.totalCents - invoice.creditedCents);
    if (creditCents <= 0) continue;
    const netCents = netOfGross(creditCents, invoice.vatRateBasisPoints);
    const note: CreditNoteIssued = {
      type: 'CreditNoteIssued',
      data: {
        creditNoteId: nextCreditNoteId(ownerStreamId, state),
        invoiceId: invoice.invoiceId,
        customerId: command.party.customerId,
        provider: command.party.provider,
        issuedOn,
        netCents,
        vatCents: creditCents - netCents,
        totalCents: creditCents,
        reason,
        decisionId: command.decision.decisionId,
        ruleIds,
      },
    };
    events.push(note);
    state = evolveBilling(state, note);
    leftCents -= creditCents;
    const after = state.invoices[invoice.invoiceId]!;
    const overpaidCents = after.paidCents - after.refundedCents - (after.totalCents - after.creditedCents);
    if (overpaidCents > 0) {
      const refund = refundEntitlement(state, command.party, ownerStreamId, {
        invoiceId: invoice.invoiceId,
        amountCents: overpaidCents,
        decidedOn: issuedOn,
        dueDate: addDays(issuedOn, STATUTORY_REFUND_DUE_DAYS),
        reason,
        decisionId: command.decision.decisionId,
        ruleIds,
      });
      events.push(refund);
      state = evolveBilling(state, refund);
    }
  }
  if (leftCents > 0)
    throw new DomainError(
      'CORRECTION_EXCEEDS_INVOICES',
      422,
      `The invoices of ${ownerStreamId} ask ${amountCents - leftCents} cents less at most; the correction credits ${amountCents}`,
    );
  return events;
}
