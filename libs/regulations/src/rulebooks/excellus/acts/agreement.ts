/**
 * Excellus's acts on a running agreement (contract/agreement-acts.ts): standard material bought
 * without education delivered within 30 days, or the customer may dissolve (EXC-8.1); the number
 * of participants of a group agreement, until 3 months before the start (EXC-4.1*).
 */
import { RuleViolation } from '../../../decision';
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
import { decideExcellusParticipantCountChange, participantChangeLines } from '../decisions/group';
import type { ExcellusOfferingOptions } from '../schemas';
import { agreementMoney, keepOfAgreement, partLines } from './agreement-money';

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
    participantCountChange: {
      change(facts, { requestedAt, participants }) {
        const options = facts.terms.options as ExcellusOfferingOptions;
        if (options.group === true && options.participants === undefined)
          throw new RuleViolation(
            'PARTICIPANTS_NOT_QUOTED',
            'EXC-4.1*',
            'The offering states no number of participants its quote was made on (option participants)',
          );
        if (!facts.startsAt)
          throw new RuleViolation('NOT_A_GROUP_AGREEMENT', 'EXC-4.1*', 'A group agreement has a start date');
        const quoted = options.participants ?? 1;
        const current = facts.participants ?? quoted;
        const decision = decideExcellusParticipantCountChange(rb, {
          group: options.group === true,
          requestedAt,
          startsAt: facts.startsAt,
          quotedParticipants: quoted,
          currentParticipants: current,
          newParticipants: participants,
          components: facts.terms.components,
          vatRateBasisPoints: facts.vatRateBasisPoints,
        });
        const lines = participantChangeLines(decision);
        const dueDate = decision.deadlines?.['dueDate'];
        if (dueDate !== undefined)
          return {
            decision,
            fromParticipants: current,
            money: [
              {
                kind: 'invoice',
                reason: 'participant-change',
                dueDate,
                lines: partLines(facts.terms, lines, `${current} -> ${participants} participants`),
              },
            ],
          };
        const creditGrossCents = Number(decision.inputs['creditGrossCents']);
        const { chargedCents } = agreementMoney(facts);
        return {
          decision,
          fromParticipants: current,
          money:
            creditGrossCents > 0 ? keepOfAgreement(facts, chargedCents - creditGrossCents, 'participant-change') : [],
        };
      },
    },
  };
}
