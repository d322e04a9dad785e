/**
 * PlusPort's finance acts: PP-5.4 (interest from the day after the due date, no notice needed) and
 * PP-16.5 (complaints within 2 weeks after the course, answered within 7 working days). Collection
 * costs follow the statutory scale (no rule of its own).
 */
import { addDays, type LocalDate } from '../../../calendar';
import type { FinanceActs } from '../../../contract/finance';
import { RuleViolation } from '../../../decision';
import { FIN } from '../../../statutory/interpretations';
import { statutoryReminderClock } from '../../../statutory/finance';
import type { PlusportRulebook } from '../decisions/common';
import { plusportLatePaymentFromJson } from '../decisions/billing';
import { plusportComplaintFromJson } from '../decisions/participation';

const LATE_PAYMENT_RULE_ID = 'PP-5.4';
const COMPLAINT_RULE_ID = 'PP-16.5';

const datesOf = (deadlines: Record<string, string> | undefined): Record<string, LocalDate> =>
  Object.fromEntries(Object.entries(deadlines ?? {}).map(([name, date]) => [name, String(date)]));

export function plusportFinanceActs(rb: PlusportRulebook): Partial<FinanceActs> {
  return {
    interestStart: {
      interestStart: ({ dueDate }) => ({
        from: addDays(dueDate, 1),
        ruleIds: [LATE_PAYMENT_RULE_ID],
        interpretationIds: [],
      }),
    },
    reminders: {
      ruleId: LATE_PAYMENT_RULE_ID,
      needsCustomerKind: false,
      // The reminder only starts the statutory costs clock; PP-5.4 records interest from the due date.
      send: (input) => ({
        ...statutoryReminderClock(input),
        decision:
          input.customerKind === null
            ? null
            : plusportLatePaymentFromJson(rb, {
                dueDate: input.dueDate,
                asOf: input.sentAt,
                outstandingCents: input.outstandingCents,
                customerKind: input.customerKind,
              }),
        interpretationIds: [],
      }),
    },
    complaints: {
      requiredFact: {
        field: 'courseEndedOn',
        error: 'COURSE_END_REQUIRED',
        ruleId: COMPLAINT_RULE_ID,
        reason: `${COMPLAINT_RULE_ID} counts the complaint window from the course`,
      },
      deadlineRuleIds: { answerDueBy: COMPLAINT_RULE_ID },
      suspensionRuleIds: [],
      file: ({ filedAt, filedOn, courseEndedOn }) => {
        const decision = plusportComplaintFromJson(rb, { courseEndedAt: courseEndedOn!, receivedAt: filedAt });
        if (decision.allowed === false) {
          // FIN-I11: a complaint after the window is refused, as a rulebook refusing late filing does.
          throw new RuleViolation('COMPLAINT_TOO_LATE', COMPLAINT_RULE_ID, decision.explanation, {
            complaintWindowEndsOn: decision.deadlines?.['complaintWindowEndsOn'] ?? null,
            filedOn,
          });
        }
        return {
          decision,
          deadlines: datesOf(decision.deadlines),
          suspendedFrom: null,
          ruleIds: decision.ruleIds,
          interpretationIds: [...decision.interpretationIds, FIN.lateComplaint],
        };
      },
    },
    invoiceNumbering: { prefix: 'PP' },
  };
}
