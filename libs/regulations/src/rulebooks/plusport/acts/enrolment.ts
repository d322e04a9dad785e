/**
 * PlusPort's enrolment acts (docs/regulations.md §2): what each act on a booking means under the
 * PlusPort terms, from the domain's facts to the book's decision functions and back to effects.
 */
import { toLocalDate } from '../../../calendar';
import { RuleViolation, type JsonValue } from '../../../decision';
import {
  ActInputError,
  chargedCents,
  componentLines,
  componentPriceCents,
  examPassMark,
  keptPaymentCents,
  notCovered,
  parseActDetails,
  recordedReadings,
  sumOf,
  type EnrolmentActs,
  type EnrolmentFacts,
  type OfferingTermsFacts,
} from '../../../contract';
import type { PlusportRulebook } from '../decisions/common';
import { plusportAgreementActs, plusportResultDeadline } from './agreement';
import { decidePlusportCancellation, decidePlusportCancellationEvidence } from '../decisions/cancellation';
import { decidePlusportColleagueSwap, decidePlusportReschedule } from '../decisions/reschedule';
import {
  decidePlusportForceMajeureRefund,
  decidePlusportInvoiceDueDate,
  decidePlusportPriceChange,
  decidePlusportProviderCancellation,
} from '../decisions/billing';
import {
  decidePlusportAttendance,
  decidePlusportCertificate,
  decidePlusportExamResult,
} from '../decisions/participation';
import {
  PLUSPORT_DATED_COMPONENT_KINDS,
  type PlusportCancellationInput,
  type PlusportComponentKind,
  type PlusportDatedComponentKind,
  type PlusportOfferingKind,
} from '../decisions/types';
import {
  PlusportCancellationDetails,
  PlusportExamResultDetails,
  PlusportNoDetails,
  PlusportOfferingOptions,
  PlusportSubstitutionDetails,
} from '../schemas';

/** Offering kinds and the components each carries (docs/api.md "Reference data"). */
const OFFERING_KINDS = {
  'e-learning': { components: ['e-learning'], needsStart: false },
  'package-exam': { components: ['e-learning', 'exam', 'textbook'], needsStart: true },
  'package-practical': { components: ['e-learning', 'practical-session', 'textbook'], needsStart: true },
  'practical-training': { components: ['practical-session', 'e-learning', 'textbook'], needsStart: true },
  classroom: { components: ['classroom', 'textbook'], needsStart: true },
  'book-exam': { components: ['textbook', 'exam'], needsStart: true },
  exam: { components: ['exam'], needsStart: true },
} as const;

const optionsOf = (terms: OfferingTermsFacts) => terms.options as PlusportOfferingOptions;

/** The dated component a booking's reschedule moves (one per offering kind). */
function datedComponent(terms: OfferingTermsFacts): PlusportDatedComponentKind | undefined {
  return PLUSPORT_DATED_COMPONENT_KINDS.find((kind) => terms.components.some((c) => c.kind === kind));
}

const components = (facts: EnrolmentFacts) =>
  facts.terms.components.map((c) => ({ kind: c.kind as PlusportComponentKind, priceCents: c.priceCents }));

function cancellationInput(
  facts: EnrolmentFacts,
  requestedAt: string,
  reason: PlusportCancellationInput['reason'],
  details: PlusportCancellationDetails,
): PlusportCancellationInput {
  return {
    registeredAt: facts.registeredAt,
    requestedAt,
    ...(facts.startsAt ? { startsAt: facts.startsAt } : {}),
    components: components(facts),
    paidCents: keptPaymentCents(facts.registrationInvoice),
    reason,
    affectedPerson: details.affectedPerson ?? 'learner',
    eLearningStarted: details.eLearningStarted ?? false,
    textbookSent: details.textbookSent ?? true,
    textbookReturnedUnused: details.textbookReturnedUnused ?? false,
    previouslyRescheduled: facts.rescheduled,
    offeringKind: facts.terms.kind as PlusportOfferingKind,
  };
}

export function plusportEnrolmentActs(rb: PlusportRulebook): EnrolmentActs {
  return {
    ...plusportAgreementActs(rb),
    recomputeFacts: ({ terms }) => ({ offeringKind: terms.kind }),
    offerings: {
      kinds: OFFERING_KINDS,
      normaliseOptions(terms) {
        const o = parseActDetails(PlusportOfferingOptions, terms.options);
        return {
          rescheduleAsCancellation: o.rescheduleAsCancellation ?? false,
          requiresProofOfParticipation: o.requiresProofOfParticipation ?? false,
          ...(o.examPassMark !== undefined ? { examPassMark: o.examPassMark } : {}),
        };
      },
    },

    registration: {
      register({ registeredAt, terms }) {
        const invoiceDate = toLocalDate(registeredAt);
        // PP-5.3: payable before the course starts.
        const decision = decidePlusportInvoiceDueDate(rb, {
          invoiceDate,
          ...(terms.startsAt ? { startsAt: terms.startsAt } : {}),
        });
        return {
          vatRateBasisPoints: rb.vatRateBasisPoints,
          paymentTerm: { dueDate: decision.deadlines!['dueDate']!, decision, ruleIds: decision.ruleIds },
          invoiceLines: componentLines(terms),
        };
      },
    },

    cancellation: {
      detailsSchema: PlusportCancellationDetails,
      evidenceRuleId: 'PP-15.6',
      cancel(facts, { requestedAt, reason, details }) {
        const input = cancellationInput(
          facts,
          requestedAt,
          reason,
          parseActDetails(PlusportCancellationDetails, details),
        );
        const decision = decidePlusportCancellation(rb, input);
        const pendingEvidenceUntil = decision.deadlines?.['pendingEvidenceUntil'];
        // PP-15.6 step 1: while evidence may still arrive, the table fee stays on the invoice (held,
        // not charged); only what was paid beyond it goes back now. Step 2 releases or charges it.
        const chargeableNetCents = pendingEvidenceUntil
          ? (decision.inputs['tableFeeCents'] as number)
          : decision.feeCents!;
        return {
          decision,
          money: [
            {
              kind: 'credit-to-net-fee',
              invoiceId: facts.registrationInvoice.invoiceId,
              chargeableNetCents,
              reason: 'cancellation',
            },
          ],
          // PP-15.6 step 2 decides on the same facts, under the readings this cancellation was decided under.
          ...(pendingEvidenceUntil
            ? {
                pendingEvidenceUntil,
                evidenceBasis: { ...input, readings: recordedReadings(decision.inputs) } as unknown as Record<
                  string,
                  JsonValue
                >,
              }
            : {}),
        };
      },
      decideEvidence(facts, at, evidence) {
        const basis = facts.pendingCancellation!.basis as unknown as PlusportCancellationInput;
        const decision = decidePlusportCancellationEvidence(rb, {
          cancellation: basis,
          ...(evidence ? { evidenceReceivedAt: evidence.receivedAt, evidenceKind: evidence.kind } : {}),
          decidedAt: at,
        });
        const outcome = decision.inputs['outcome'] as 'confirmed' | 'lapsed';
        // Confirmed: the held fee is released (credited). Lapsed: the invoice already asks the table fee.
        return {
          decision,
          outcome,
          money:
            outcome === 'confirmed'
              ? [
                  {
                    kind: 'credit-to-net-fee',
                    invoiceId: facts.registrationInvoice.invoiceId,
                    chargeableNetCents: decision.feeCents!,
                    reason: 'cancellation-evidence',
                  },
                ]
              : [],
        };
      },
    },

    providerCancellation: {
      cancelByProvider(facts, cancelledAt) {
        return decidePlusportProviderCancellation(rb, {
          cancelledAt,
          paidCents: sumOf(facts.invoices, keptPaymentCents),
        });
      },
    },

    forceMajeure: {
      declare(facts, { declaredAt, deliveredComponents, supplierCostsCents }) {
        const invoice = facts.registrationInvoice;
        const decision = decidePlusportForceMajeureRefund(rb, {
          declaredAt,
          components: components(facts).map((c) => ({ ...c, delivered: deliveredComponents.includes(c.kind) })),
          invoiceTotalCents: invoice.totalCents,
          paidCents: keptPaymentCents(invoice),
          supplierCostsCents,
        });
        // The agreement ends: the invoice keeps what PlusPort keeps of the payments; the refund is the rest.
        return {
          decision,
          money: [
            {
              kind: 'credit-to-gross',
              invoiceId: invoice.invoiceId,
              keepGrossCents: keptPaymentCents(invoice) - decision.refundCents!,
              reason: 'force-majeure',
            },
          ],
        };
      },
    },

    withdrawal: notCovered(
      'WITHDRAWAL_NOT_AVAILABLE',
      'PP-15.5-EL',
      'The plusport terms have no separate withdrawal right; a cancellation (POST /cancellations) decides the fee',
    ),

    reschedule: {
      detailsSchema: PlusportNoDetails,
      reschedule(facts, { requestedAt, newStartsAt, details }) {
        parseActDetails(PlusportNoDetails, details);
        const component = datedComponent(facts.terms);
        if (!component || !facts.startsAt) {
          throw new RuleViolation(
            'RESCHEDULE_NOT_ALLOWED',
            'PP-14.1-3',
            'Only a booking with a session or exam date can be rescheduled',
          );
        }
        const decision = decidePlusportReschedule(rb, {
          component,
          componentPriceCents: componentPriceCents(facts.terms, component),
          startsAt: facts.startsAt,
          requestedAt,
          newStartsAt,
          invoiceTotalCents: sumOf(facts.invoices, chargedCents),
          paidCents: sumOf(facts.invoices, keptPaymentCents),
          rescheduleAsCancellation: optionsOf(facts.terms).rescheduleAsCancellation === true,
          previouslyRescheduled: facts.rescheduled,
        });
        const feeCents = decision.feeCents!;
        // PP-14.5 / PP-14.6: the fee is payable at once, on an invoice of its own.
        return {
          decision,
          money:
            feeCents > 0
              ? [
                  {
                    kind: 'invoice',
                    reason: 'reschedule-fee',
                    dueDate: decision.deadlines?.['feeDueDate'] ?? toLocalDate(requestedAt),
                    lines: [
                      {
                        description: `Reschedule fee (${decision.ruleIds.join(', ')})`,
                        kind: 'reschedule-fee',
                        netCents: feeCents,
                      },
                    ],
                    vatRateBasisPoints: rb.vatRateBasisPoints,
                  },
                ]
              : [],
        };
      },
    },

    substitution: {
      detailsSchema: PlusportSubstitutionDetails,
      substitute(facts, { requestedAt, details }) {
        const d = parseActDetails(PlusportSubstitutionDetails, details);
        if (!facts.startsAt)
          throw new RuleViolation(
            'SWAP_NOT_ALLOWED',
            'PP-14.5',
            'Only a dated session can be taken over by a colleague',
          );
        return decidePlusportColleagueSwap(rb, {
          requestedAt,
          startsAt: facts.startsAt,
          requiresProofOfParticipation: optionsOf(facts.terms).requiresProofOfParticipation === true,
          colleaguePassedOnlineTheoryExam: d.colleaguePassedOnlineTheoryExam ?? false,
        });
      },
    },

    termination: notCovered(
      'TERMINATION_NOT_AVAILABLE',
      undefined,
      'A plusport booking ends by cancellation (POST /cancellations), not by early termination',
    ),

    attendance: {
      detailsSchema: PlusportNoDetails,
      record(facts, { at, status, details }) {
        parseActDetails(PlusportNoDetails, details);
        const component = datedComponent(facts.terms);
        if (!component) {
          throw new RuleViolation(
            'ATTENDANCE_NOT_APPLICABLE',
            'PP-8.2-3',
            'An e-learning booking has no session to attend',
          );
        }
        if (status === 'misconduct')
          throw new ActInputError('status', 'PlusPort attendance is attended, late, no-id or no-show');
        const decision = decidePlusportAttendance(rb, {
          at,
          component,
          componentPriceCents: componentPriceCents(facts.terms, component),
          status,
        });
        // PP-13.4-5: an attended exam or practical session is followed by the written result.
        const deliveryDeadline = status === 'attended' ? plusportResultDeadline(rb, component, at) : undefined;
        return {
          decision,
          admitted: status === 'attended',
          newDateRequired: false,
          ...(deliveryDeadline ? { deliveryDeadline } : {}),
        };
      },
    },

    examResult: {
      detailsSchema: PlusportExamResultDetails,
      record(facts, _attempt, input) {
        const d = parseActDetails(PlusportExamResultDetails, input.details);
        const practical =
          facts.terms.components.some((c) => c.kind === 'practical-session') &&
          !facts.terms.components.some((c) => c.kind === 'exam');
        const result = practical
          ? decidePlusportExamResult(rb, {
              course: 'practical-session-course',
              sittingAt: input.sittingAt,
              identified: input.identified,
              onlineTrainingCompleted: d.onlineTrainingCompleted ?? false,
              onlineTheoryExamPassed: d.onlineTheoryExamPassed ?? false,
              practicalExercisesPassed: d.practicalExercisesPassed ?? false,
              declaredCompetent: d.declaredCompetent ?? false,
            })
          : decidePlusportExamResult(rb, {
              course: 'exam',
              sittingAt: input.sittingAt,
              identified: input.identified,
              score: input.score,
              maxScore: input.maxScore,
              passMark: examPassMark(facts, input, 'PP-13.2-3'),
              fraud: input.fraud,
            });
        // PlusPort's terms give no resit on the same booking: a new exam is booked.
        return {
          result,
          passed: result.passed,
          resitAllowed: false,
          resitRuleId: result.passed ? null : 'PP-13.2-3',
        };
      },
    },

    certificate: {
      decide(facts, at) {
        const decision = decidePlusportCertificate(rb, {
          asOf: at,
          passed: facts.examAttempts.some((a) => a.passed),
          invoiceTotalCents: sumOf(facts.invoices, chargedCents),
          paidCents: sumOf(facts.invoices, keptPaymentCents),
        });
        const waitingFor = decision.inputs['waitingFor'] as string[];
        return waitingFor.includes('pass')
          ? {
              decision,
              refusal: { error: 'CERTIFICATE_NOT_ALLOWED', message: 'No certificate: the exam was not passed' },
            }
          : { decision };
      },
    },

    modules: notCovered('MODULES_NOT_APPLICABLE', undefined, 'Only home study has modules'),
    documents: notCovered('MBO_DATA_NOT_REQUIRED', undefined, 'PlusPort asks for no documents by a date'),

    priceChange: {
      dissolutionRuleId: 'PP-5.2',
      apply(facts, change) {
        const decision = decidePlusportPriceChange(rb, {
          agreementAt: facts.registeredAt,
          changedAt: change.changedAt,
          oldPriceCents: change.previousTotalNetCents,
          newPriceCents: change.newTotalNetCents,
        });
        return { decision, dissolutionRight: decision.allowed === true, surchargeCents: 0 };
      },
    },
  };
}
