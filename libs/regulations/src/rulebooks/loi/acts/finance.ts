/**
 * LOI's finance acts: LOI-6.2-3 (in default after the payment term; after a reminder's term has
 * passed unpaid, statutory interest from the original due date and collection costs of at most
 * 15 %). LOI has no complaint rule: the statutory default applies.
 */
import { addDays } from '../../../calendar';
import { WIK_SCALE_RULE_ID } from '../../../collection-costs';
import type { FinanceActs } from '../../../contract/finance';
import type { JsonValue } from '../../../decision';
import { FIN, WIK_READINGS } from '../../../statutory/interpretations';
import type { LoiBook } from '../decisions/common';
import { loiLatePayment, type LoiLatePaymentInput } from '../decisions/late-payment';

const LATE_PAYMENT_RULE_ID = 'LOI-6.2-3';

const numberOrNull = (value: JsonValue | undefined): number | null => (typeof value === 'number' ? value : null);

export function loiFinanceActs(book: LoiBook): Partial<FinanceActs> {
  const latePayment = (input: LoiLatePaymentInput) => loiLatePayment(book, input);
  return {
    interestStart: {
      // From the original due date, chargeable once the reminder's term has passed.
      interestStart: ({ dueDate, firstReminder, asOf }) => {
        const from = addDays(dueDate, 1);
        const ruleIds = [LATE_PAYMENT_RULE_ID];
        if (!firstReminder) return { from, blocked: 'reminder-needed', ruleIds, interpretationIds: [] };
        if (asOf < firstReminder.collectionCostsDueFrom)
          return { from, blocked: 'reminder-term-running', ruleIds, interpretationIds: [] };
        return { from, ruleIds, interpretationIds: [] };
      },
    },
    collectionCosts: {
      needsCustomerKind: true,
      collectionCosts: ({ customerKind, dueDate, principalCents, reminder, asOf }) => {
        const decision = latePayment({
          customerKind: customerKind!,
          principalCents,
          dueDate,
          reminderSentOn: reminder.sentOn,
          reminderReceivedOn: reminder.receivedOn,
          reminderTermDays: reminder.termDays,
          asOf,
        });
        return {
          costsCents: decision.feeCents ?? 0,
          wikScaleCents: numberOrNull(decision.inputs['wikScaleCents']),
          capCents: numberOrNull(decision.inputs['collectionCostsCapCents']),
          ruleIds: [...new Set([...decision.ruleIds, WIK_SCALE_RULE_ID])].sort(),
          interpretationIds: [...decision.interpretationIds, WIK_READINGS.rounding, FIN.rulebookVersion],
          explanation: decision.explanation,
        };
      },
    },
    reminders: {
      ruleId: LATE_PAYMENT_RULE_ID,
      needsCustomerKind: true,
      send: (input) => {
        const decision = latePayment({
          customerKind: input.customerKind!,
          principalCents: input.outstandingCents,
          dueDate: input.dueDate,
          reminderSentOn: input.sentOn,
          reminderReceivedOn: input.receivedOn,
          reminderTermDays: input.termDays,
          asOf: input.receivedOn,
        });
        return {
          termDays: Number(decision.inputs['effectiveReminderTermDays'] ?? input.termDays),
          reminderTermEndsOn: String(decision.deadlines!['reminderTermEndsOn']),
          collectionCostsDueFrom: String(decision.deadlines!['chargeableFrom']),
          interestFrom: addDays(input.dueDate, 1),
          decision,
          interpretationIds: [],
        };
      },
    },
    invoiceNumbering: { prefix: 'LOI' },
  };
}
