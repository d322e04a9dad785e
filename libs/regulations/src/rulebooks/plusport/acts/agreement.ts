/**
 * PlusPort's acts on a running agreement (contract/agreement-acts.ts): the written result and the
 * certificate it owes by a date (PP-13.4-5), dissolution for non-payment (PP-5.5) and a new exam
 * date after force majeure (PP-7.4).
 */
import { RuleViolation } from '../../../decision';
import {
  agreementActsNotCovered,
  ActInputError,
  chargedCents,
  keptPaymentCents,
  sumOf,
  type AgreementActs,
  type DeliveryDeadline,
  type EnrolmentFacts,
} from '../../../contract';
import type { PlusportRulebook } from '../decisions/common';
import {
  decidePlusportDelivery,
  decidePlusportDeliveryDeadline,
  decidePlusportDeliveryMissed,
  PLUSPORT_CERTIFICATE_COMPONENTS,
  PLUSPORT_DELIVERABLES,
  PLUSPORT_RESULT_COMPONENTS,
  type PlusportDeliverable,
} from '../decisions/deliveries';
import { decidePlusportForceMajeureNewDate, decidePlusportNonPaymentDissolution } from '../decisions/agreement';
import { PLUSPORT_DATED_COMPONENT_KINDS, type PlusportComponentKind } from '../decisions/types';

const hasComponent = (facts: EnrolmentFacts, kinds: readonly string[]): boolean =>
  facts.terms.components.some((c) => kinds.includes(c.kind));

const isDeliverable = (label: string): label is PlusportDeliverable =>
  (PLUSPORT_DELIVERABLES as readonly string[]).includes(label);

/** PP-13.4: the written result is due 2 working days after an attended exam or practical session. */
export function plusportResultDeadline(
  rb: PlusportRulebook,
  component: string,
  sittingAt: string,
): DeliveryDeadline | undefined {
  const after = PLUSPORT_RESULT_COMPONENTS.find((kind) => kind === component);
  if (!after) return undefined;
  const decision = decidePlusportDeliveryDeadline(rb, { deliverable: 'result', countedFrom: sittingAt, after });
  return { deliverable: 'result', dueBy: decision.deadlines!['resultDueBy']!, decision };
}

export function plusportAgreementActs(rb: PlusportRulebook): AgreementActs {
  return {
    ...agreementActsNotCovered('plusport'),

    // PP-5.5: the registration invoice keeps the price of what was performed; paid beyond it comes back.
    nonPaymentDissolution: {
      dissolve(facts, { requestedAt, performedComponents }) {
        const invoice = facts.registrationInvoice;
        const decision = decidePlusportNonPaymentDissolution(rb, {
          requestedAt,
          dueDate: invoice.dueDate,
          outstandingCents: chargedCents(invoice) - keptPaymentCents(invoice),
          paidCents: keptPaymentCents(invoice),
          components: facts.terms.components.map((c) => ({
            kind: c.kind as PlusportComponentKind,
            priceCents: c.priceCents,
          })),
          performedComponents: performedComponents as PlusportComponentKind[],
        });
        return {
          decision,
          money: [
            {
              kind: 'credit-to-net-fee',
              invoiceId: invoice.invoiceId,
              chargeableNetCents: decision.feeCents!,
              reason: 'non-payment-dissolution',
            },
          ],
        };
      },
    },

    // PP-7.4: force majeure concerning the exam moves it, at no cost, or leaves it waiting for a date.
    forceMajeureNewDate: {
      move(facts, { declaredAt, newStartsAt }) {
        const component = PLUSPORT_DATED_COMPONENT_KINDS.find((k) => facts.terms.components.some((c) => c.kind === k));
        if (!component || facts.startsAt === null)
          throw new RuleViolation('NEW_DATE_ONLY_FOR_AN_EXAM', 'PP-7.4', 'This booking has no dated exam to move');
        return decidePlusportForceMajeureNewDate(rb, {
          declaredAt,
          component,
          fromStartsAt: facts.startsAt,
          newStartsAt,
        });
      },
    },
    delivery: {
      // The certificate is delivered by issuing it (PP-13.6 checks payment first), never recorded as such.
      deliverables: ['result'],
      deliver(facts, { deliverable, deliveredAt }) {
        if (deliverable !== 'result') throw new ActInputError('deliverable', 'deliverable must be result');
        const last = facts.examAttempts[facts.examAttempts.length - 1];
        if (!last)
          throw new RuleViolation(
            'RESULT_NOT_RECORDED',
            'PP-13.4-5',
            'No exam result is recorded yet: record the result before its delivery to the learner',
          );
        const decision = decidePlusportDelivery(rb, {
          deliverable,
          deliveredAt,
          dueBy: facts.deliveries['result']?.dueBy ?? null,
          passed: last.passed,
          certificateCourse: hasComponent(facts, PLUSPORT_CERTIFICATE_COMPONENTS),
        });
        if (decision.inputs['certificateFollows'] !== true || facts.certificate === 'issued')
          return { decision, money: [] };
        const deadline = decidePlusportDeliveryDeadline(rb, {
          deliverable: 'certificate',
          countedFrom: deliveredAt,
          after: 'result',
        });
        return {
          decision,
          money: [],
          next: { deliverable: 'certificate', dueBy: deadline.deadlines!['certificateDueBy']!, decision: deadline },
        };
      },
      missed(facts, { deliverable, checkedAt }) {
        const pending = facts.deliveries[deliverable];
        if (!pending || !isDeliverable(deliverable))
          throw new Error(`Invariant violated: no ${deliverable} deadline to miss`);
        const decision = decidePlusportDeliveryMissed(rb, {
          deliverable,
          dueBy: pending.dueBy,
          checkedAt,
          deliveredAt: pending.deliveredAt,
          paidInFull: sumOf(facts.invoices, keptPaymentCents) >= sumOf(facts.invoices, chargedCents),
        });
        return { decision, dissolutionRight: false };
      },
      dissolve() {
        throw new RuleViolation(
          'NO_DISSOLUTION_FOR_LATE_DELIVERY',
          'PP-13.4-5',
          'PlusPort sends results and certificates "over het algemeen" within 2 working days: a late one gives no right to dissolve',
        );
      },
    },
  };
}
