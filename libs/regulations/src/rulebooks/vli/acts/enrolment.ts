/**
 * VLI's enrolment acts (docs/regulations.md §3): what each act on a booking means under the VLI
 * huishoudelijk reglement, from the domain's facts to the book's decision functions and back.
 */
import { toLocalDate } from '../../../calendar';
import {
  componentLines,
  defaultPaymentTerm,
  keptPaymentCents,
  agreementActsNotCovered,
  notCovered,
  parseActDetails,
  netPriceCents,
  type DecidedAct,
  type EnrolmentActs,
  type EnrolmentFacts,
  type MoneyEffect,
} from '../../../contract';
import {
  decideVliAdmission,
  decideVliCancellation,
  decideVliExamResult,
  decideVliResit,
  type VliRulebook,
} from '../decisions/decisions';
import { decideVliNewDate } from '../decisions/new-date';
import type { VliCancellationReason, VliExamType } from '../data';
import { VliAttendanceDetails, VliExamResultDetails, VliNoDetails, VliOfferingOptions } from '../schemas';

const optionsOf = (facts: EnrolmentFacts) => facts.terms.options as VliOfferingOptions;

function cancellation(
  rb: VliRulebook,
  facts: EnrolmentFacts,
  requestedAt: string,
  reason: VliCancellationReason,
): DecidedAct {
  if (!facts.startsAt) throw new Error('Invariant violated: a VLI training has a start');
  const invoice = facts.registrationInvoice;
  // MONEY-I1: the fee is a share of the price excluding VAT; the invoice keeps it with its VAT.
  const decision = decideVliCancellation(rb, {
    startsAt: facts.startsAt,
    requestedAt,
    reason,
    priceNetCents: netPriceCents(facts.terms),
    vatRateBasisPoints: facts.vatRateBasisPoints,
    paidCents: keptPaymentCents(invoice),
  });
  const money: MoneyEffect[] = [
    {
      kind: 'credit-to-gross',
      invoiceId: invoice.invoiceId,
      keepGrossCents: decision.feeGrossCents!,
      reason: 'cancellation',
    },
  ];
  return { decision, money };
}

export function vliEnrolmentActs(rb: VliRulebook): EnrolmentActs {
  return {
    ...agreementActsNotCovered('vli'),
    recomputeFacts: ({ terms, vatRateBasisPoints }) => ({ priceNetCents: netPriceCents(terms), vatRateBasisPoints }),
    offerings: {
      kinds: {
        training: {
          components: ['classroom', 'practical-session', 'exam', 'material', 'e-learning'],
          needsStart: true,
        },
      },
      normaliseOptions(terms) {
        const o = parseActDetails(VliOfferingOptions, terms.options);
        return { securityCourse: o.securityCourse ?? false, examType: o.examType ?? 'standard' };
      },
    },

    registration: {
      register({ registeredAt, terms }) {
        return {
          vatRateBasisPoints: rb.vatRateBasisPoints,
          // The reglement sets no payment term.
          paymentTerm: defaultPaymentTerm(toLocalDate(registeredAt), terms.startsAt),
          invoiceLines: componentLines(terms),
        };
      },
    },

    cancellation: {
      detailsSchema: VliNoDetails,
      cancel(facts, { requestedAt, reason, details }) {
        parseActDetails(VliNoDetails, details);
        return cancellation(rb, facts, requestedAt, reason);
      },
    },

    providerCancellation: notCovered(
      'PROVIDER_CANCELLATION_NOT_COVERED',
      undefined,
      'The vli rulebook has no rule for a cancellation by the provider',
    ),
    forceMajeure: notCovered(
      'FORCE_MAJEURE_NOT_COVERED',
      undefined,
      'The vli rulebook has no force-majeure refund rule',
    ),
    withdrawal: notCovered(
      'WITHDRAWAL_NOT_AVAILABLE',
      'VLI-2.3',
      'The vli terms have no separate withdrawal right; a cancellation (POST /cancellations) decides the fee',
    ),

    reschedule: {
      detailsSchema: VliNoDetails,
      // VLI-2.1: a learner refused admission must book a new date; the reglement gives no other reschedule.
      reschedule(facts, { requestedAt, newStartsAt, details }) {
        parseActDetails(VliNoDetails, details);
        const decision = decideVliNewDate(rb, {
          admissionRefused: facts.newDateRequired,
          startsAt: facts.startsAt!,
          requestedAt,
          newStartsAt,
        });
        return { decision, money: [] };
      },
    },

    substitution: notCovered(
      'SUBSTITUTION_NOT_COVERED',
      undefined,
      'The vli terms have no rule for a colleague taking the place',
    ),
    termination: notCovered(
      'TERMINATION_NOT_AVAILABLE',
      undefined,
      'A vli booking ends by cancellation (POST /cancellations), not by early termination',
    ),

    attendance: {
      detailsSchema: VliAttendanceDetails,
      record(facts, { at, status, details }) {
        const d = parseActDetails(VliAttendanceDetails, details);
        if (status === 'attended' || status === 'no-id') {
          const decision = decideVliAdmission(rb, {
            checkedAt: at,
            securityCourse: optionsOf(facts).securityCourse === true,
            idVerified: status === 'attended',
            ...(d.vogValid !== undefined ? { vogValid: d.vogValid } : {}),
          });
          const admitted = decision.allowed === true;
          return { decision, admitted, newDateRequired: !admitted };
        }
        if (status === 'no-show') {
          // VLI-2.3: not cancelled at least 48 hours before the start: the training is charged in full.
          return { decision: cancellation(rb, facts, at, 'regular').decision, admitted: false, newDateRequired: false };
        }
        return { decision: null, admitted: false, newDateRequired: false };
      },
    },

    examResult: {
      detailsSchema: VliExamResultDetails,
      record(facts, attempt, input) {
        const d = parseActDetails(VliExamResultDetails, input.details);
        const examType = (optionsOf(facts).examType ?? 'standard') as VliExamType;
        let resit: DecidedAct | undefined;
        if (attempt > 1) {
          // VLI-4.3b/c: one resit without redoing the training, none after fraud.
          const last = facts.examAttempts[facts.examAttempts.length - 1]!;
          const decision = decideVliResit(rb, {
            requestedAt: input.sittingAt,
            examType,
            resitsTaken: attempt - 2,
            lastAttemptOutcome: last.fraud ? 'fraud' : 'failed',
            vatRateBasisPoints: facts.vatRateBasisPoints,
          });
          const feeCents = decision.feeCents!;
          resit = {
            decision,
            money:
              feeCents > 0
                ? [
                    {
                      kind: 'invoice',
                      reason: 'resit-fee',
                      dueDate: toLocalDate(input.sittingAt),
                      lines: [
                        {
                          description: `Resit fee (${decision.ruleIds.join(', ')})`,
                          kind: 'resit-fee',
                          netCents: feeCents,
                        },
                      ],
                    },
                  ]
                : [],
          };
        }
        const result = decideVliExamResult(rb, {
          sittingAt: input.sittingAt,
          examType,
          score: input.score,
          maxScore: input.maxScore,
          identified: input.identified,
          fraud: input.fraud,
          attempt,
          ...(d.learnerAtERecognitionHolder !== undefined
            ? { learnerAtERecognitionHolder: d.learnerAtERecognitionHolder }
            : {}),
        });
        return {
          ...(resit ? { resit } : {}),
          result,
          passed: result.passed,
          resitAllowed: result.resitAllowed,
          resitRuleId: result.passed ? null : input.fraud ? 'VLI-4.3c' : 'VLI-4.3b',
        };
      },
    },

    certificate: notCovered('CERTIFICATE_NOT_COVERED', undefined, 'The vli rulebook has no certificate rule'),
    modules: notCovered('MODULES_NOT_APPLICABLE', undefined, 'Only home study has modules'),
    documents: notCovered('MBO_DATA_NOT_REQUIRED', undefined, 'VLI asks for no documents by a date'),
    priceChange: notCovered('PRICE_CHANGE_NOT_COVERED', undefined, 'The vli rulebook has no price-change rule'),
  };
}
