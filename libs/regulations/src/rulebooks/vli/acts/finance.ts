/**
 * VLI's finance acts: VLI-6.2 complaints (filed within 3 weeks of the incident, acknowledged within
 * 5 working days, investigated within 2 weeks of being declared well-founded). VLI has no
 * late-payment rule: the statutory defaults apply (FIN-I1).
 */
import type { FinanceActs } from '../../../contract/finance';
import type { Decision, JsonValue } from '../../../decision';
import { VLI_DECISION_KINDS, vliDecisionFunctions, type VliRulebook } from '../decisions/decisions';

const COMPLAINT_RULE_ID = 'VLI-6.2';

const datesOf = (decision: Decision): Record<string, string> =>
  Object.fromEntries(Object.entries(decision.deadlines ?? {}).map(([name, date]) => [name, String(date)]));

export function vliFinanceActs(rulebook: VliRulebook): Partial<FinanceActs> {
  const decisions = vliDecisionFunctions(rulebook);
  const complaintDeadlines = (inputs: Record<string, JsonValue>) => decisions[VLI_DECISION_KINDS.complaint]!(inputs);
  return {
    complaints: {
      requiredFact: {
        field: 'incidentOn',
        error: 'INCIDENT_DATE_REQUIRED',
        ruleId: COMPLAINT_RULE_ID,
        reason: `${COMPLAINT_RULE_ID} counts the filing window from the incident`,
      },
      deadlineRuleIds: { acknowledgementDue: COMPLAINT_RULE_ID, investigationDue: COMPLAINT_RULE_ID },
      suspensionRuleIds: [],
      // Refuses a complaint filed after the window (COMPLAINT_TOO_LATE).
      file: ({ incidentOn, filedAt }) => {
        const decision = complaintDeadlines({ incidentOn: incidentOn!, filedAt });
        return {
          decision,
          deadlines: datesOf(decision),
          suspendedFrom: null,
          ruleIds: decision.ruleIds,
          interpretationIds: decision.interpretationIds,
        };
      },
      declareWellFounded: ({ incidentOn, filedAt, declaredOn }) => {
        const decision = complaintDeadlines({ incidentOn: incidentOn!, filedAt, declaredWellFoundedOn: declaredOn });
        return { investigationDue: datesOf(decision)['investigationDue']!, decision };
      },
    },
    invoiceNumbering: { prefix: 'VLI' },
  };
}
