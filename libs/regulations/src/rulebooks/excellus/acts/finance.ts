/**
 * Excellus's finance acts: EXC-11 (a free reminder gives 14 more days; then statutory interest and
 * collection costs with the rulebook's minimum) and EXC-12 (a complaint or dispute suspends interest
 * and collection costs until it is settled).
 */
import type { FinanceActs } from '../../../contract/finance';
import type { Decision, JsonValue } from '../../../decision';
import { FIN, WIK_READINGS } from '../../../statutory/interpretations';
import { EXCELLUS_DECISION_KINDS, type ExcellusRulebook } from '../decisions/common';
import { excellusDecisionFunctions } from '../decisions/json';

const LATE_PAYMENT_RULE_ID = 'EXC-11';

const numberOrNull = (value: JsonValue | undefined): number | null => (typeof value === 'number' ? value : null);
const dateIn = (decision: Decision, name: string): string => String(decision.deadlines![name]);

export function excellusFinanceActs(rb: ExcellusRulebook): Partial<FinanceActs> {
  const decisions = excellusDecisionFunctions(rb);
  const collectionCosts = (inputs: Record<string, JsonValue>) =>
    decisions[EXCELLUS_DECISION_KINDS.collectionCosts]!(inputs);
  const suspension = (inputs: Record<string, JsonValue>) =>
    decisions[EXCELLUS_DECISION_KINDS.complaintSuspension]!(inputs);
  return {
    interestStart: {
      // After the free reminder's term (data payment.interestStarts, recorded on the reminder).
      interestStart: ({ firstReminder, asOf }) => {
        const ruleIds = [LATE_PAYMENT_RULE_ID];
        if (!firstReminder) return { from: null, blocked: 'reminder-needed', ruleIds, interpretationIds: [] };
        const from = firstReminder.interestFrom;
        if (asOf < from) return { from, blocked: 'reminder-term-running', ruleIds, interpretationIds: [] };
        return { from, ruleIds, interpretationIds: [] };
      },
    },
    collectionCosts: {
      needsCustomerKind: true,
      collectionCosts: ({ customerKind, dueDate, principalCents, reminder }) => {
        const decision = collectionCosts({
          customerKind,
          dueDate,
          reminderReceivedOn: reminder.receivedOn,
          outstandingCents: principalCents,
        });
        return {
          costsCents: decision.surchargeCents ?? 0,
          wikScaleCents: numberOrNull(decision.inputs['wikCents']),
          capCents: numberOrNull(decision.inputs['capCents']),
          ruleIds: decision.ruleIds,
          interpretationIds: [...decision.interpretationIds, WIK_READINGS.rounding, FIN.rulebookVersion],
          explanation: decision.explanation,
        };
      },
    },
    reminders: {
      ruleId: LATE_PAYMENT_RULE_ID,
      needsCustomerKind: true,
      send: (input) => {
        const decision = collectionCosts({
          customerKind: input.customerKind,
          dueDate: input.dueDate,
          reminderReceivedOn: input.receivedOn,
          outstandingCents: input.outstandingCents,
        });
        return {
          termDays: Number(decision.inputs['reminderTermDays']),
          reminderTermEndsOn: dateIn(decision, 'reminderTermEndsOn'),
          collectionCostsDueFrom: dateIn(decision, 'collectionCostsDueFrom'),
          interestFrom: dateIn(decision, 'interestFrom'),
          decision,
          interpretationIds: [],
        };
      },
    },
    complaints: {
      requiredFact: null,
      deadlineRuleIds: {},
      suspensionRuleIds: ['EXC-12'],
      file: ({ filedAt, filedOn }) => {
        const decision = suspension({ complaintFiledAt: filedAt });
        const deadlines = Object.fromEntries(Object.entries(decision.deadlines ?? {}).map(([k, v]) => [k, String(v)]));
        return {
          decision,
          deadlines,
          suspendedFrom: deadlines['suspendedFrom'] ?? filedOn,
          ruleIds: decision.ruleIds,
          interpretationIds: [...decision.interpretationIds, FIN.complaintScope],
        };
      },
      // Charging resumes the day after closing.
      endSuspension: ({ filedAt, closedAt }) => {
        const decision = suspension({ complaintFiledAt: filedAt, complaintResolvedAt: closedAt });
        return { suspendedUntil: dateIn(decision, 'suspendedUntil'), decision };
      },
    },
    invoiceNumbering: { prefix: 'EXC' },
  };
}
