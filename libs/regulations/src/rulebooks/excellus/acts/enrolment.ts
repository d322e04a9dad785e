/**
 * Excellus's enrolment acts (docs/regulations.md §4): what each act on a booking means under the
 * Excellus Academie algemene voorwaarden, from the domain's facts to the book's decision functions.
 */
import { toLocalDate } from '../../../calendar';
import { defaultPaymentTerm } from '../../../contract/defaults';
import { RuleViolation } from '../../../decision';
import {
  ActInputError,
  componentLines,
  type ActDetails,
  componentPriceCents,
  examPassMark,
  keptPaymentCents,
  notCovered,
  parseActDetails,
  sumOf,
  type EnrolmentActs,
  type EnrolmentFacts,
  type OfferingTermsFacts,
  type RegistrationOutcome,
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
import {
  decideExcellusInstalmentPlan,
  decideExcellusMaterialPayment,
  decidedInstalments,
  materialPaymentLines,
} from '../decisions/payment-plan';
import { decideExcellusMaterialsReturn } from '../decisions/materials-return';
import type { ExcellusOfferingKind } from '../data';
import {
  ExcellusCancellationDetails,
  ExcellusInstalmentTerm,
  ExcellusMaterialsReturnDetails,
  ExcellusNoDetails,
  ExcellusOfferingOptions,
} from '../schemas';
import { agreementMoney, keepOfAgreement, partLines } from './agreement-money';

const optionsOf = (facts: EnrolmentFacts) => facts.terms.options as ExcellusOfferingOptions;

function cancellationInput(
  facts: EnrolmentFacts,
  requestedAt: string,
  details: ExcellusCancellationDetails,
): ExcellusCancellationInput {
  const money = agreementMoney(facts);
  const options = optionsOf(facts);
  const eLearningCostCents = componentPriceCents(facts.terms, 'e-learning');
  return {
    offeringKind: facts.terms.kind as ExcellusOfferingKind,
    group: options.group === true,
    customerKind: facts.customerKind,
    registeredAt: facts.registeredAt,
    requestedAt,
    ...(facts.startsAt ? { startsAt: facts.startsAt } : {}),
    priceCents: money.chargedCents,
    paidCents: money.paidCents,
    ...(options.adminCostsCents !== undefined ? { adminCostsCents: options.adminCostsCents } : {}),
    ...(facts.terms.kind === 'exam-only' && eLearningCostCents > 0
      ? { eLearningUsed: details.eLearningStarted === true, eLearningCostCents }
      : {}),
    ...(details.credentialsIssuedAt ? { credentialsIssuedAt: details.credentialsIssuedAt } : {}),
    ...(materialReceivedOn(facts, details) ? { materialReceivedOn: materialReceivedOn(facts, details)! } : {}),
    vatRateBasisPoints: facts.vatRateBasisPoints,
  };
}

/** The day the material arrived: as the customer states it, else the delivery the ledger recorded (EXC-8.1). */
function materialReceivedOn(facts: EnrolmentFacts, details: ExcellusCancellationDetails): string | undefined {
  const delivered = facts.deliveries['material']?.deliveredAt;
  return details.materialReceivedOn ?? (delivered ? toLocalDate(delivered) : undefined);
}

/** The options only Excellus judges together with the kind (EXC-4.1*, EXC-10.2, EXC-10.4, EXC-4.7). */
function checkPaymentOptions(rb: ExcellusRulebook, terms: OfferingTermsFacts, o: ExcellusOfferingOptions): void {
  const material = terms.kind === 'material';
  if (o.participants !== undefined && o.group !== true)
    throw new ActInputError(
      'participants',
      'EXC-4.1*: only an in-company or group offering (group: true) states a number of participants',
    );
  if (o.instalments !== undefined) {
    o.instalments = o.instalments.map((term, i) => {
      try {
        return parseActDetails(ExcellusInstalmentTerm, term as unknown as ActDetails);
      } catch (e) {
        if (e instanceof ActInputError)
          throw new ActInputError(`instalments[${i}].${e.field}`, e.message.replace(`${e.field}: `, ''));
        throw e;
      }
    });
    if (material)
      throw new ActInputError(
        'instalments',
        'EXC-10.4: material bought alone is paid on delivery; state prepaymentBasisPoints instead',
      );
    const total = o.instalments.reduce((sum, t) => sum + t.basisPoints, 0);
    if (total !== 10_000)
      throw new ActInputError(
        'instalments',
        `EXC-10.2: the shares must sum to 10000 basis points (100 %), not ${total}`,
      );
    o.instalments.forEach((t, i) => {
      if (i > 0 && t.dueDaysAfterRegistration < o.instalments![i - 1]!.dueDaysAfterRegistration)
        throw new ActInputError(
          `instalments[${i}].dueDaysAfterRegistration`,
          'EXC-10.2: instalments fall due in their order',
        );
    });
  }
  if (o.prepaymentBasisPoints !== undefined) {
    if (!material)
      throw new ActInputError(
        'prepaymentBasisPoints',
        'EXC-10.4: only material bought alone (kind material) has a prepayment',
      );
    const max = rb.data.material.maxPrepaymentBasisPoints;
    if (o.prepaymentBasisPoints > max)
      throw new ActInputError(
        'prepaymentBasisPoints',
        `EXC-10.4: at most half of the price may be required in advance (${max} basis points), not ${o.prepaymentBasisPoints}`,
      );
  }
  if (o.sealedMedia !== undefined && !material)
    throw new ActInputError('sealedMedia', 'EXC-4.7: only material bought alone (kind material) comes on sealed media');
}

/** EXC-10.2 instalments or EXC-10.4 material payment, where the agreement sets them; else undefined. */
function paymentPlan(
  rb: ExcellusRulebook,
  terms: OfferingTermsFacts,
  registeredAt: string,
): Pick<RegistrationOutcome, 'paymentTerm' | 'invoiceLines' | 'instalments'> | undefined {
  const options = terms.options as ExcellusOfferingOptions;
  if (terms.kind === 'material') {
    const decision = decideExcellusMaterialPayment(rb, {
      boughtAt: registeredAt,
      components: terms.components,
      prepaymentBasisPoints: options.prepaymentBasisPoints ?? 0,
      vatRateBasisPoints: rb.vatRateBasisPoints,
    });
    const { prepayment, rest } = materialPaymentLines(decision);
    const restDueDate = decision.deadlines!['restDueDate']!;
    if (prepayment.length === 0)
      return {
        invoiceLines: componentLines(terms),
        paymentTerm: { dueDate: restDueDate, decision, ruleIds: decision.ruleIds },
      };
    return {
      invoiceLines: partLines(terms, prepayment, 'prepayment'),
      paymentTerm: { dueDate: decision.deadlines!['prepaymentDueDate']!, ruleIds: decision.ruleIds },
      instalments: {
        decision,
        invoices: [{ dueDate: restDueDate, lines: partLines(terms, rest, 'on delivery') }],
      },
    };
  }
  if (!options.instalments) return undefined;
  const decision = decideExcellusInstalmentPlan(rb, {
    registeredAt,
    ...(terms.startsAt ? { startsAt: terms.startsAt } : {}),
    components: terms.components,
    plan: options.instalments,
    vatRateBasisPoints: rb.vatRateBasisPoints,
  });
  const [first, ...later] = decidedInstalments(decision);
  const count = later.length + 1;
  return {
    invoiceLines: partLines(terms, first!.lines, `instalment 1 of ${count}`),
    paymentTerm: { dueDate: first!.dueDate, ruleIds: decision.ruleIds },
    instalments: {
      decision,
      invoices: later.map((instalment, i) => ({
        dueDate: instalment.dueDate,
        lines: partLines(terms, instalment.lines, `instalment ${i + 2} of ${count}`),
      })),
    },
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
        checkPaymentOptions(rb, terms, o);
        return {
          group: o.group ?? false,
          ...(o.adminCostsCents !== undefined ? { adminCostsCents: o.adminCostsCents } : {}),
          ...(o.examPassMark !== undefined ? { examPassMark: o.examPassMark } : {}),
          ...(o.participants !== undefined ? { participants: o.participants } : {}),
          ...(o.instalments !== undefined
            ? {
                instalments: o.instalments.map((t) => ({
                  basisPoints: t.basisPoints,
                  dueDaysAfterRegistration: t.dueDaysAfterRegistration,
                })),
              }
            : {}),
          ...(o.prepaymentBasisPoints !== undefined ? { prepaymentBasisPoints: o.prepaymentBasisPoints } : {}),
          ...(o.sealedMedia !== undefined ? { sealedMedia: o.sealedMedia } : {}),
        };
      },
    },

    registration: {
      register({ registeredAt, terms }) {
        const invoiceLines = componentLines(terms);
        // Material alone is delivered by a date (EXC-8.1) and paid on delivery (EXC-10.4).
        const deliveryDeadline = excellusMaterialDeadline(rb, terms, registeredAt);
        const plan = paymentPlan(rb, terms, registeredAt);
        if (plan)
          return {
            vatRateBasisPoints: rb.vatRateBasisPoints,
            ...plan,
            ...(deliveryDeadline ? { deliveryDeadline } : {}),
          };
        if (!terms.startsAt) {
          // E-learning: the terms set no payment term.
          return {
            vatRateBasisPoints: rb.vatRateBasisPoints,
            paymentTerm: defaultPaymentTerm(toLocalDate(registeredAt), null),
            invoiceLines,
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
        // EXC-4.1*: the rates apply to the whole agreement, over every invoice of its price.
        return { decision, money: keepOfAgreement(facts, decision.feeGrossCents!, 'cancellation') };
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
        // EXC-4.7: material that arrived goes back first; the return decides what stays charged.
        const materialsSent = dissolvedMaterial && materialReceivedOn(facts, d) !== undefined;
        return { decision, materialsSent, money: materialsSent ? [] : keepOfAgreement(facts, 0, 'withdrawal') };
      },
      returnDetailsSchema: ExcellusMaterialsReturnDetails,
      returnMaterials(facts, { receivedAt, details }) {
        const d = parseActDetails(ExcellusMaterialsReturnDetails, details);
        const options = optionsOf(facts);
        const sealedMedia = options.sealedMedia === true;
        if (sealedMedia && d.sealBroken === undefined)
          throw new ActInputError('sealBroken', 'EXC-4.7: say whether the seal of the sealed media was broken');
        const money = agreementMoney(facts);
        const decision = decideExcellusMaterialsReturn(rb, {
          withdrawnAt: facts.withdrawal!.withdrawnOn,
          receivedAt,
          priceCents: facts.terms.components.reduce((sum, c) => sum + c.priceCents, 0),
          chargedCents: money.chargedCents,
          paidCents: money.paidCents,
          returnCostsCents: d.returnCostsCents ?? 0,
          sealedMedia,
          sealBroken: d.sealBroken === true,
          vatRateBasisPoints: facts.vatRateBasisPoints,
        });
        return { decision, money: keepOfAgreement(facts, Number(decision.inputs['keepCents']), 'withdrawal') };
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
        const money = agreementMoney(facts);
        // EXC-13: more than 15 minutes late, or removed for misconduct: no refund.
        const decision = decideExcellusAttendance(rb, {
          reason: status,
          startsAt: facts.startsAt,
          ...(status === 'late' ? { arrivedAt: at } : { removedAt: at }),
          priceCents: money.chargedCents,
          paidCents: money.paidCents,
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
