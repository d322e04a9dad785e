/**
 * Excellus's acts on a running agreement (contract/agreement-acts.ts): standard material bought
 * without education delivered within 30 days, or the customer may dissolve (EXC-8.1).
 */
import {
  ActInputError,
  agreementActsNotCovered,
  keptPaymentCents,
  sumOf,
  type AgreementActs,
  type DeliveryDeadline,
  type OfferingTermsFacts,
} from '../../../contract';
import type { ExcellusRulebook } from '../decisions/common';
import {
  decideExcellusLateDeliveryDissolution,
  decideExcellusMaterialDelivery,
  decideExcellusMaterialDeliveryDeadline,
  decideExcellusMaterialDeliveryMissed,
} from '../decisions/delivery';

const MATERIAL = 'material';

/** EXC-8.1: a purchase of material alone (the `material` offering kind) is delivered within 30 days. */
export function excellusMaterialDeadline(
  rb: ExcellusRulebook,
  terms: OfferingTermsFacts,
  registeredAt: string,
): DeliveryDeadline | undefined {
  if (terms.kind !== MATERIAL) return undefined;
  const decision = decideExcellusMaterialDeliveryDeadline(rb, { boughtAt: registeredAt });
  return { deliverable: MATERIAL, dueBy: decision.deadlines!['materialDueBy']!, decision };
}

export function excellusAgreementActs(rb: ExcellusRulebook): AgreementActs {
  return {
    ...agreementActsNotCovered('excellus'),
    delivery: {
      deliverables: [MATERIAL],
      deliver(facts, { deliverable, deliveredAt }) {
        const pending = facts.deliveries[deliverable];
        if (!pending)
          throw new ActInputError('deliverable', 'only material bought without education is delivered by a date');
        return { decision: decideExcellusMaterialDelivery(rb, { deliveredAt, dueBy: pending.dueBy }), money: [] };
      },
      missed(facts, { deliverable, checkedAt }) {
        const pending = facts.deliveries[deliverable];
        if (!pending) throw new Error(`Invariant violated: no ${deliverable} deadline to miss`);
        const decision = decideExcellusMaterialDeliveryMissed(rb, {
          dueBy: pending.dueBy,
          checkedAt,
          deliveredAt: pending.deliveredAt,
        });
        return { decision, dissolutionRight: decision.allowed === true };
      },
      dissolve(facts, { requestedAt }) {
        const pending = facts.deliveries[MATERIAL];
        const decision = decideExcellusLateDeliveryDissolution(rb, {
          requestedAt,
          missed: pending?.dissolutionRight === true,
          delivered: pending !== undefined && pending.deliveredAt !== null,
          dueBy: pending?.dueBy ?? null,
          paidCents: sumOf(facts.invoices, keptPaymentCents),
        });
        return { decision, money: [{ kind: 'settle-everything-back', reason: 'late-delivery-dissolution' }] };
      },
    },
  };
}
