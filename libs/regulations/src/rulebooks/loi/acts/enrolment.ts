/**
 * LOI's enrolment acts (docs/regulations.md §5): what each act on a home-study agreement means
 * under the LOI terms, from the domain's facts to the book's decision functions and back.
 */
import { toLocalDate } from '../../../calendar';
import type { Decision } from '../../../decision';
import {
  ActInputError,
  componentLabel,
  componentPriceCents,
  defaultPaymentTerm,
  examPassMark,
  keptPaymentCents,
  notCovered,
  parseActDetails,
  type DecidedAct,
  type EnrolmentActs,
  type EnrolmentFacts,
  type InvoiceLineRequest,
  type OfferingTermsFacts,
} from '../../../contract';
import type { LoiBook } from '../decisions/common';
import { loiAgreementActs } from './agreement';
import {
  loiExamFee,
  loiExamResult,
  loiMboDataDeadline,
  loiModuleActivation,
  loiModulesAtStart,
  loiVatRegime,
} from '../decisions/study';
import { loiEarlyTermination } from '../decisions/termination';
import { loiMaterialsReturn, loiWithdrawal } from '../decisions/withdrawal';
import { LoiNoDetails, LoiOfferingOptions, LoiWithdrawalDetails } from '../schemas';

const optionsOf = (terms: OfferingTermsFacts) => terms.options as unknown as LoiOfferingOptions;

/** LOI-4 applies to recognised MBO courses. */
const needsDocuments = (terms: OfferingTermsFacts): boolean => {
  const o = optionsOf(terms);
  return o.level === 'mbo' && o.recognised === true;
};

/** LOI-12.4: tuition and exam fees are priced per month; the registration invoice covers the study duration. */
function registrationLines(terms: OfferingTermsFacts): InvoiceLineRequest[] {
  const months = optionsOf(terms).studyMonths;
  return terms.components.map((c) => {
    const monthly = months > 1 && (c.kind === 'tuition' || c.kind === 'exam-fee');
    return {
      description: monthly
        ? `${componentLabel(c.kind)}: ${months} months`
        : `${componentLabel(c.kind)}: ${terms.title}`,
      kind: c.kind,
      netCents: monthly ? c.priceCents * months : c.priceCents,
    };
  });
}

/** LOI-4: where the documents stand on a date. */
function documentsCheck(book: LoiBook, facts: EnrolmentFacts, at: string): Decision {
  const received = facts.documents?.received ?? {};
  return loiMboDataDeadline(book, {
    level: 'mbo',
    recognised: true,
    registrationDate: toLocalDate(facts.registeredAt),
    asOf: toLocalDate(at),
    diplomasReceivedOn: received['diplomas'] ?? null,
    personalNumberReceivedOn: received['personalNumber'] ?? null,
    signedAgreementReceivedOn: received['signedAgreement'] ?? null,
  });
}

export function loiEnrolmentActs(book: LoiBook): EnrolmentActs {
  return {
    ...loiAgreementActs(book),
    recomputeFacts: ({ terms, vatRateBasisPoints }) => ({
      monthlyTuitionNetCents: componentPriceCents(terms, 'tuition'),
      monthlyExamFeeNetCents: componentPriceCents(terms, 'exam-fee'),
      extraMaterialsNetCents: componentPriceCents(terms, 'material'),
      vatRateBasisPoints,
    }),
    offerings: {
      // LOI prices are monthly: `tuition` and `exam-fee` per month (LOI-12.4), `material` once.
      kinds: { 'home-study': { components: ['tuition', 'exam-fee', 'material'], needsStart: true } },
      normaliseOptions(terms) {
        const o = parseActDetails(LoiOfferingOptions, terms.options);
        if (!terms.components.some((c) => c.kind === 'tuition'))
          throw new ActInputError('components', 'an LOI offering has a monthly tuition component');
        return {
          level: o.level,
          studyMonths: o.studyMonths,
          tutor: o.tutor ?? false,
          recognised: o.recognised ?? false,
          moduleIds: o.moduleIds ?? [],
          ...(o.examPassMark !== undefined ? { examPassMark: o.examPassMark } : {}),
          ...(o.resitExamFeeCents !== undefined ? { resitExamFeeCents: o.resitExamFeeCents } : {}),
        };
      },
    },

    registration: {
      register({ registeredAt, terms }) {
        const options = optionsOf(terms);
        const invoiceDate = toLocalDate(registeredAt);
        // LOI-5.3-4: recognised training is VAT-exempt (invoiced by another LOI entity).
        const vatDecision = loiVatRegime(book, { recognised: options.recognised === true });
        const moduleIds = options.moduleIds ?? [];
        const startDate = toLocalDate(terms.startsAt!);
        const modulesAtStart =
          moduleIds.length > 0
            ? loiModulesAtStart(book, { startDate, studyMonths: options.studyMonths, moduleIds })
            : undefined;
        const documents = needsDocuments(terms)
          ? loiMboDataDeadline(book, {
              level: 'mbo',
              recognised: true,
              registrationDate: invoiceDate,
              asOf: invoiceDate,
              diplomasReceivedOn: null,
              personalNumberReceivedOn: null,
              signedAgreementReceivedOn: null,
            })
          : undefined;
        return {
          vatRateBasisPoints: vatDecision.inputs['vatRateBasisPoints'] as number,
          vatDecision,
          // The terms set no payment term.
          paymentTerm: defaultPaymentTerm(invoiceDate, terms.startsAt),
          invoiceLines: registrationLines(terms),
          ...(modulesAtStart
            ? {
                modulesAtStart: {
                  moduleIds: modulesAtStart.inputs['activatedModuleIds'] as string[],
                  serviceEndsOn: modulesAtStart.deadlines!['serviceEndsOn']!,
                  decision: modulesAtStart,
                },
              }
            : {}),
          ...(documents
            ? { documentsDeadline: { dueDate: documents.deadlines!['dataDueDate']!, decision: documents } }
            : {}),
        };
      },
    },

    cancellation: notCovered(
      'CANCELLATION_NOT_AVAILABLE',
      'LOI-12.2',
      'An LOI home-study agreement ends by withdrawal within 14 days (LOI-7.1, POST /withdrawals) or by early termination with notice (LOI-12, POST /terminations)',
    ),
    providerCancellation: notCovered(
      'PROVIDER_CANCELLATION_NOT_COVERED',
      undefined,
      'The loi rulebook has no rule for a cancellation by the provider',
    ),
    forceMajeure: notCovered(
      'FORCE_MAJEURE_NOT_COVERED',
      undefined,
      'The loi rulebook has no force-majeure refund rule',
    ),

    withdrawal: {
      detailsSchema: LoiWithdrawalDetails,
      withdraw(facts, { requestedAt, details }) {
        const d = parseActDetails(LoiWithdrawalDetails, details);
        const invoice = facts.registrationInvoice;
        const materialsSent = d.materialsSent ?? facts.terms.components.some((c) => c.kind === 'material');
        const decision = loiWithdrawal(book, {
          customerKind: facts.customerKind,
          agreementDate: toLocalDate(facts.registeredAt),
          requestedAt,
          paidCents: keptPaymentCents(invoice),
          materialsSent,
        });
        // LOI-7.3: with materials out, nothing is settled until they come back (POST /materials-returns).
        return {
          decision,
          materialsSent,
          money: materialsSent
            ? []
            : [
                {
                  kind: 'credit-to-gross',
                  invoiceId: invoice.invoiceId,
                  keepGrossCents: 0,
                  reason: 'withdrawal',
                  refundDueDate: decision.deadlines!['refundDueDate']!,
                },
              ],
        };
      },
      returnMaterials(facts, { receivedAt, originalState, valueReductionCents }) {
        const invoice = facts.registrationInvoice;
        const decision = loiMaterialsReturn(book, {
          withdrawnOn: toLocalDate(facts.withdrawal!.withdrawnOn),
          returnReceivedAt: receivedAt,
          originalState,
          paidCents: keptPaymentCents(invoice),
          valueReductionCents: valueReductionCents ?? null,
          vatRateBasisPoints: facts.vatRateBasisPoints,
        });
        return {
          decision,
          money: [
            {
              kind: 'credit-to-gross',
              invoiceId: invoice.invoiceId,
              keepGrossCents: decision.feeGrossCents!,
              reason: 'withdrawal',
              refundDueDate: decision.deadlines!['refundDueDate']!,
            },
          ],
        };
      },
    },

    reschedule: notCovered('RESCHEDULE_NOT_ALLOWED', undefined, 'Home study has no dated session to reschedule'),
    substitution: notCovered(
      'SUBSTITUTION_NOT_COVERED',
      undefined,
      'The loi terms have no rule for a colleague taking the place',
    ),

    termination: {
      detailsSchema: LoiNoDetails,
      terminate(facts, { requestedAt, details }) {
        parseActDetails(LoiNoDetails, details);
        const options = optionsOf(facts.terms);
        const invoice = facts.registrationInvoice;
        // Prices net with the agreement's VAT rate (MONEY-I1); paid is what the customer paid (gross).
        const decision = loiEarlyTermination(book, {
          level: options.level,
          studyMonths: options.studyMonths,
          tutor: options.tutor === true,
          startDate: toLocalDate(facts.startsAt!),
          requestedAt,
          agreementDate: toLocalDate(facts.registeredAt),
          monthlyTuitionNetCents: componentPriceCents(facts.terms, 'tuition'),
          monthlyExamFeeNetCents: componentPriceCents(facts.terms, 'exam-fee'),
          extraMaterialsNetCents: componentPriceCents(facts.terms, 'material'),
          vatRateBasisPoints: facts.vatRateBasisPoints,
          paidCents: keptPaymentCents(invoice),
        });
        // LOI-12.4: owed are the months up to the effective end; overpayment is refunded automatically.
        return {
          decision,
          noticeStart: decision.deadlines!['noticeStart']!,
          effectiveEnd: decision.deadlines!['effectiveEnd']!,
          money: [
            {
              kind: 'credit-to-gross',
              invoiceId: invoice.invoiceId,
              keepGrossCents: decision.feeGrossCents!,
              reason: 'termination',
            },
          ],
        };
      },
    },

    attendance: notCovered('ATTENDANCE_NOT_APPLICABLE', undefined, 'Home study has no session to attend'),

    examResult: {
      detailsSchema: LoiNoDetails,
      record(facts, attempt, input) {
        parseActDetails(LoiNoDetails, input.details);
        // LOI-4: exams are blocked while the MBO data is incomplete (the decision refuses the sitting).
        const mboDataMissing = facts.documents
          ? (documentsCheck(book, facts, input.sittingAt).inputs['missing'] as string[])
          : null;
        let resit: DecidedAct | undefined;
        if (attempt > 1) {
          const feeCents = optionsOf(facts.terms).resitExamFeeCents;
          if (feeCents === undefined)
            throw new ActInputError(
              'resitExamFeeCents',
              'LOI-11: a resit costs an extra exam fee, and the offering names none',
            );
          const decision = loiExamFee(book, {
            event: 'resit',
            examFeeCents: feeCents,
            examFeesInMonthlyInstalments: true,
            vatRateBasisPoints: facts.vatRateBasisPoints,
          });
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
        const result = loiExamResult(book, {
          sittingAt: input.sittingAt,
          attempt,
          identified: input.identified,
          fraud: input.fraud,
          score: input.score,
          maxScore: input.maxScore,
          passMark: examPassMark(facts, input, 'LOI-11'),
          mboDataMissing,
        });
        return {
          ...(resit ? { resit } : {}),
          result,
          passed: result.passed,
          resitAllowed: result.resitAllowed,
          resitRuleId: result.passed ? null : 'LOI-11',
        };
      },
    },

    certificate: notCovered('CERTIFICATE_NOT_COVERED', undefined, 'The loi rulebook has no certificate rule'),

    modules: {
      activate(facts, { moduleId, at, prerequisitesMet }) {
        const options = optionsOf(facts.terms);
        const modules = options.moduleIds ?? [];
        if (modules.length > 0 && !modules.includes(moduleId))
          throw new ActInputError('moduleId', `the course has no module ${moduleId}`);
        return loiModuleActivation(book, {
          startDate: toLocalDate(facts.startsAt!),
          studyMonths: options.studyMonths,
          moduleId,
          at,
          activeModuleIds: [...facts.modules.active],
          prerequisitesMet,
        });
      },
    },

    documents: {
      ruleId: 'LOI-4',
      requiredFor: 'LOI-4 data is required for recognised MBO courses only',
      items: ['diplomas', 'personalNumber', 'signedAgreement'],
      check: (facts, at) => documentsCheck(book, facts, at),
    },

    priceChange: notCovered('PRICE_CHANGE_NOT_COVERED', undefined, 'The loi rulebook has no price-change rule'),
  };
}
