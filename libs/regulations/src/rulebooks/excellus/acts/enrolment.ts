/**
 * Excellus's enrolment acts (docs/regulations.md §4): what each act on a booking means under the
 * Excellus Academie algemene voorwaarden, from the domain's facts to the book's decision functions.
 */
import { toLocalDate } from '../../../calendar';
import { RuleViolation } from '../../../decision';
import {
  chargedCents,
  componentLines,
  componentPriceCents,
  defaultPaymentTerm,
  examPassMark,
  keptPaymentCents,
  notCovered,
  parseActDetails,
  sumOf,
  type EnrolmentActs,
  type EnrolmentFacts,
} from '../../../contract';
import { excellusAgreementActs, excellusMaterialDeadline } from './agreement';
import type { ExcellusRulebook } from '../decisions/common';
import {
  decideExcellusCancellation,
  decideExcellusProviderCancellation,
  decideExcellusSubstitution,
  type ExcellusCancellationInput,
} from '../decisions/cancellation';
import { decideExcellusPaymentDueDate, decideExcellusPriceChange } from '../decisions/payment';
import { decideExcellusAttendance, decideExcellusExamResult, decideExcellusResit } from '../decisions/attendance';
import type { ExcellusOfferingKind } from '../data';
import { ExcellusCancellationDetails, ExcellusNoDetails, ExcellusOfferingOptions } from '../schemas';

const optionsOf = (facts: EnrolmentFacts) => facts.terms.options as ExcellusOfferingOptions;

function cancellationInput(
  facts: EnrolmentFacts,
  requestedAt: string,
  details: ExcellusCancellationDetails,
): ExcellusCancellationInput {
  const invoice = facts.registrationInvoice;
  const options = optionsOf(facts);
  const eLearningCostCents = componentPriceCents(facts.terms, 'e-learning');
  return {
    offeringKind: facts.terms.kind as ExcellusOfferingKind,
    group: options.group === true,
    customerKind: facts.customerKind,
    registeredAt: facts.registeredAt,
    requestedAt,
    ...(facts.startsAt ? { startsAt: facts.startsAt } : {}),
    priceCents: chargedCents(invoice),
    paidCents: keptPaymentCents(invoice),
    ...(options.adminCostsCents !== undefined ? { adminCostsCents: options.adminCostsCents } : {}),
    ...(facts.terms.kind === 'exam-only' && eLearningCostCents > 0
      ? { eLearningUsed: details.eLearningStarted === true, eLearningCostCents }
      : {}),
    ...(details.credentialsIssuedAt ? { credentialsIssuedAt: details.credentialsIssuedAt } : {}),
    ...(details.materialReceivedOn ? { materialReceivedOn: details.materialReceivedOn } : {}),
    vatRateBasisPoints: facts.vatRateBasisPoints,
  };
}

export function excellusEnrolmentActs(rb: ExcellusRulebook): EnrolmentActs {
  return {
    ...excellusAgreementActs(rb),
    recomputeFacts: ({ vatRateBasisPoints }) => ({ vatRateBasisPoints }),
    offerings: {
      kinds: {
        'contact-course': {
          components: ['classroom', 'tuition', 'material', 'exam', 'e-learning'],
          needsStart: true,
        },
        'exam-only': { components: ['exam', 'e-learning'], needsStart: true },
        'e-learning': { components: ['e-learning'], needsStart: false },
        material: { components: ['material'], needsStart: false },
      },
      normaliseOptions(terms) {
        const o = parseActDetails(ExcellusOfferingOptions, terms.options);
        return {
          group: o.group ?? false,
          ...(o.adminCostsCents !== undefined ? { adminCostsCents: o.adminCostsCents } : {}),
          ...(o.examPassMark !== undefined ? { examPassMark: o.examPassMark } : {}),
        };
      },
    },

    registration: {
      register({ registeredAt, terms }) {
        const invoiceLines = componentLines(terms);
        if (!terms.startsAt) {
          // E-learning and material: the terms set no payment term. Material alone is delivered by a date (EXC-8.1).
          const deliveryDeadline = excellusMaterialDeadline(rb, terms, registeredAt);
          return {
            vatRateBasisPoints: rb.vatRateBasisPoints,
            paymentTerm: defaultPaymentTerm(toLocalDate(registeredAt), null),
            invoiceLines,
            ...(deliveryDeadline ? { deliveryDeadline } : {}),
          };
        }
        // EXC-10.3: payment before the start; the full amount may be required 10 days before.
        const decision = decideExcellusPaymentDueDate(rb, { startsAt: terms.startsAt, registeredAt });
        return {
          vatRateBasisPoints: rb.vatRateBasisPoints,
          paymentTerm: { dueDate: decision.deadlines!['dueDate']!, decision, ruleIds: decision.ruleIds },
          invoiceLines,
        };
      },
    },

    cancellation: {
      detailsSchema: ExcellusCancellationDetails,
      cancel(facts, { requestedAt, details }) {
        const d = parseActDetails(ExcellusCancellationDetails, details);
        const decision = decideExcellusCancellation(rb, cancellationInput(facts, requestedAt, d));
        return {
          decision,
          money: [
            {
              kind: 'credit-to-gross',
              invoiceId: facts.registrationInvoice.invoiceId,
              keepGrossCents: decision.feeGrossCents!,
              reason: 'cancellation',
            },
          ],
        };
      },
    },

    providerCancellation: {
      cancelByProvider(facts, cancelledAt) {
        return decideExcellusProviderCancellation(rb, {
          cancelledAt,
          paidCents: sumOf(facts.invoices, keptPaymentCents),
        });
      },
    },

    forceMajeure: notCovered(
      'FORCE_MAJEURE_NOT_COVERED',
      undefined,
      'The excellus rulebook has no force-majeure refund rule',
    ),

    withdrawal: {
      detailsSchema: ExcellusCancellationDetails,
      // EXC-4.2 cooling-off and EXC-4.5 material bought at a distance: free, everything back.
      withdraw(facts, { requestedAt, details }) {
        const d = parseActDetails(ExcellusCancellationDetails, details);
        const decision = decideExcellusCancellation(rb, cancellationInput(facts, requestedAt, d));
        const status = decision.inputs['coolingOffStatus'];
        const dissolvedMaterial = decision.ruleIds.includes('EXC-4.5');
        if (decision.feeCents !== 0 || (status !== 'applies' && !dissolvedMaterial)) {
          throw new RuleViolation(
            'WITHDRAWAL_NOT_ALLOWED',
            'EXC-4.2',
            `No free withdrawal: cooling-off ${String(status)} (ends ${String(decision.inputs['coolingOffEndsOn'])}); cancel under EXC-4.1/4.3 instead`,
            { coolingOffStatus: String(status) },
          );
        }
        return {
          decision,
          materialsSent: false,
          money: [
            {
              kind: 'credit-to-gross',
              invoiceId: facts.registrationInvoice.invoiceId,
              keepGrossCents: 0,
              reason: 'withdrawal',
            },
          ],
        };
      },
    },

    reschedule: notCovered(
      'RESCHEDULE_NOT_ALLOWED',
      'EXC-4.1',
      'Excellus contact education has a fixed start date; cancel (EXC-4.1) or let a colleague take the place (EXC-4.2b)',
    ),

    substitution: {
      detailsSchema: ExcellusNoDetails,
      substitute(facts, { requestedAt, substituteLearnerId, details }) {
        parseActDetails(ExcellusNoDetails, details);
        return decideExcellusSubstitution(rb, {
          requestedAt,
          originalLearnerId: facts.learnerId,
          substituteLearnerId,
          invoiceCustomerId: facts.customerId,
        });
      },
    },

    termination: notCovered(
      'TERMINATION_NOT_AVAILABLE',
      undefined,
      'An excellus booking ends by cancellation (POST /cancellations), not by early termination',
    ),

    attendance: {
      detailsSchema: ExcellusNoDetails,
      record(facts, { at, status, details }) {
        parseActDetails(ExcellusNoDetails, details);
        if (status !== 'late' && status !== 'misconduct') {
          return { decision: null, admitted: status === 'attended', newDateRequired: false };
        }
        if (!facts.startsAt) {
          throw new RuleViolation(
            'ATTENDANCE_NOT_APPLICABLE',
            'EXC-13',
            'This Excellus booking has no session to attend',
          );
        }
        const invoice = facts.registrationInvoice;
        // EXC-13: more than 15 minutes late, or removed for misconduct: no refund.
        const decision = decideExcellusAttendance(rb, {
          reason: status,
          startsAt: facts.startsAt,
          ...(status === 'late' ? { arrivedAt: at } : { removedAt: at }),
          priceCents: chargedCents(invoice),
          paidCents: keptPaymentCents(invoice),
          vatRateBasisPoints: facts.vatRateBasisPoints,
        });
        return { decision, admitted: decision.allowed === true, newDateRequired: false };
      },
    },

    examResult: {
      detailsSchema: ExcellusNoDetails,
      record(facts, attempt, input) {
        parseActDetails(ExcellusNoDetails, input.details);
        const result = decideExcellusExamResult(rb, {
          offeringKind: facts.terms.kind as ExcellusOfferingKind,
          sittingAt: input.sittingAt,
          attempt,
          identified: input.identified,
          fraud: input.fraud,
          score: input.score,
          maxScore: input.maxScore,
          passMark: examPassMark(facts, input, 'EXC-8.2'),
        });
        const resitRuleId = result.passed ? null : String(result.inputs['resitRuleId']);
        if (!result.resitAllowed) return { result, passed: result.passed, resitAllowed: false, resitRuleId };
        // EXC-8.2: the free resit, within 6 (at most 8) weeks, with another examiner.
        const resitGranted = decideExcellusResit(rb, {
          offeringKind: facts.terms.kind as ExcellusOfferingKind,
          examSatOn: toLocalDate(input.sittingAt),
          lastAttemptPassed: false,
          resitsTaken: attempt - 1,
        });
        return { result, passed: false, resitAllowed: true, resitRuleId, resitGranted };
      },
    },

    certificate: notCovered('CERTIFICATE_NOT_COVERED', undefined, 'The excellus rulebook has no certificate rule'),
    modules: notCovered('MODULES_NOT_APPLICABLE', undefined, 'Only home study has modules'),
    documents: notCovered('MBO_DATA_NOT_REQUIRED', undefined, 'Excellus asks for no documents by a date'),

    priceChange: {
      dissolutionRuleId: 'EXC-7.1-2',
      apply(facts, change) {
        if (!facts.startsAt) {
          throw new RuleViolation(
            'PRICE_CHANGE_NOT_COVERED',
            'EXC-7.1-2',
            'EXC-7.1-2 concern courses with a start date',
          );
        }
        const decision = decideExcellusPriceChange(rb, {
          agreedAt: facts.registeredAt,
          changedAt: change.changedAt,
          startsAt: facts.startsAt,
          agreedPriceCents: change.previousTotalNetCents,
          newPriceCents: change.newTotalNetCents,
          requiredByLaw: change.requiredByLaw,
        });
        return { decision, dissolutionRight: decision.dissolutionRight, surchargeCents: decision.surchargeCents ?? 0 };
      },
    },
  };
}
