/**
 * Registration: the agreement on the offering's terms as sold, the rulebook version in force, the
 * VAT regime, the registration invoice (net, VAT, gross per component) with its due date, and
 * for LOI the modules at the start (LOI-10) and the MBO data deadline (LOI-4).
 */
import {
  addDays,
  compareDates,
  decideExcellusPaymentDueDate,
  decidePlusportInvoiceDueDate,
  loiMboDataDeadline,
  loiModulesAtStart,
  loiVatRegime,
  toLocalDate,
} from '@ledger/regulations';
import type { DecideContext } from '../shared/decider';
import { DomainError } from '../shared/decider';
import type { RegisterEnrolment } from './commands';
import type { EnrolmentEvent } from './events';
import type { EnrolmentState } from './state';
import { addInvoice, excellusBook, EventBatch, loiBook, plusportBook } from './support';

/**
 * INTERP ENR-I1: where a rulebook sets no payment term (VLI; LOI; Excellus e-learning and
 * material), the invoice is due 14 calendar days after the invoice date, and for a dated course no
 * later than the day before its start (but never before the invoice date).
 */
export const DEFAULT_PAYMENT_TERM_DAYS = 14;
export const DEFAULT_PAYMENT_TERM_INTERPRETATION = 'ENR-I1';

const COMPONENT_LABEL: Record<string, string> = {
  'e-learning': 'E-learning',
  exam: 'Exam',
  'practical-session': 'Practical session',
  classroom: 'Classroom training',
  textbook: 'Textbook',
  tuition: 'Tuition',
  'exam-fee': 'Exam fee',
  material: 'Course material',
};

export function defaultDueDate(invoiceDate: string, startsAt: string | null): string {
  const byTerm = addDays(invoiceDate, DEFAULT_PAYMENT_TERM_DAYS);
  if (startsAt === null) return byTerm;
  const dayBeforeStart = addDays(toLocalDate(startsAt), -1);
  const due = compareDates(dayBeforeStart, byTerm) < 0 ? dayBeforeStart : byTerm;
  return compareDates(due, invoiceDate) < 0 ? invoiceDate : due;
}

export function decideRegistration(
  command: RegisterEnrolment,
  state: EnrolmentState,
  ctx: DecideContext,
): EnrolmentEvent[] {
  if (state.status !== 'unknown')
    throw new DomainError('ENROLMENT_ALREADY_EXISTS', 409, `Enrolment ${command.enrolmentId} is already registered`);
  const { terms, registeredAt } = command;
  const rulebook = ctx.rulebooks.rulebookFor(terms.rulebookId, registeredAt);
  const invoiceDate = toLocalDate(registeredAt);
  const loi = terms.rulebookId === 'loi' ? loiBook(ctx, registeredAt) : undefined;
  const vatDecision = loi ? loiVatRegime(loi, { recognised: terms.options.recognised === true }) : undefined;
  const vatRateBasisPoints = vatDecision
    ? (vatDecision.inputs['vatRateBasisPoints'] as number)
    : rulebook.vatRateBasisPoints;

  const batch = new EventBatch(state);
  batch.add({
    type: 'EnrolmentRegistered',
    data: {
      enrolmentId: command.enrolmentId,
      offeringId: command.offeringId,
      learnerId: command.learnerId,
      customerId: command.customerId,
      customerKind: command.customerKind,
      registeredAt,
      rulebook: { id: rulebook.id, version: rulebook.version },
      terms,
      vatRateBasisPoints,
    },
  });
  if (vatDecision)
    batch.addDecision({
      type: 'VatRegimeDecided',
      data: { enrolmentId: command.enrolmentId, vatRateBasisPoints, decision: vatDecision },
    });

  // The payment term: the rulebook's where it has one (PP-5.3, EXC-10.3), else ENR-I1.
  let dueDate = defaultDueDate(invoiceDate, terms.startsAt);
  let dueDecisionRef: string | null = null;
  let dueRuleIds = [DEFAULT_PAYMENT_TERM_INTERPRETATION];
  const dueDecision =
    terms.rulebookId === 'plusport'
      ? decidePlusportInvoiceDueDate(plusportBook(ctx, registeredAt), {
          invoiceDate,
          ...(terms.startsAt ? { startsAt: terms.startsAt } : {}),
        })
      : terms.rulebookId === 'excellus' && terms.startsAt
        ? decideExcellusPaymentDueDate(excellusBook(ctx, registeredAt), { startsAt: terms.startsAt, registeredAt })
        : undefined;
  if (dueDecision) {
    dueDate = dueDecision.deadlines!['dueDate']!;
    dueRuleIds = dueDecision.ruleIds;
    dueDecisionRef = batch.addDecision({
      type: 'PaymentTermDecided',
      data: { enrolmentId: command.enrolmentId, dueDate, decision: dueDecision },
    });
  }

  // LOI prices tuition and exam fees per month (LOI-12.4): the registration invoice covers the study duration.
  const months = terms.rulebookId === 'loi' ? terms.options.studyMonths! : 1;
  const lines = terms.components.map((c) => {
    const monthly = months > 1 && (c.kind === 'tuition' || c.kind === 'exam-fee');
    return {
      description: monthly
        ? `${COMPONENT_LABEL[c.kind]}: ${months} months`
        : `${COMPONENT_LABEL[c.kind] ?? c.kind}: ${terms.title}`,
      kind: c.kind,
      netCents: monthly ? c.priceCents * months : c.priceCents,
    };
  });
  addInvoice(batch, {
    reason: 'registration',
    issuedOn: invoiceDate,
    dueDate,
    lines,
    vatRateBasisPoints,
    decisionId: dueDecisionRef,
    ruleIds: dueRuleIds,
  });

  if (loi) {
    const startDate = toLocalDate(terms.startsAt!);
    const moduleIds = terms.options.moduleIds ?? [];
    if (moduleIds.length > 0) {
      const decision = loiModulesAtStart(loi, { startDate, studyMonths: terms.options.studyMonths!, moduleIds });
      const activated = decision.inputs['activatedModuleIds'] as string[];
      batch.addDecision({
        type: 'ModulesActivatedAtStart',
        data: {
          enrolmentId: command.enrolmentId,
          moduleIds: activated,
          serviceEndsOn: decision.deadlines!['serviceEndsOn']!,
          decision,
        },
      });
    }
    if (terms.options.level === 'mbo' && terms.options.recognised === true) {
      const decision = loiMboDataDeadline(loi, {
        level: 'mbo',
        recognised: true,
        registrationDate: invoiceDate,
        asOf: invoiceDate,
        diplomasReceivedOn: null,
        personalNumberReceivedOn: null,
        signedAgreementReceivedOn: null,
      });
      batch.addDecision({
        type: 'MboDataDeadlineSet',
        data: { enrolmentId: command.enrolmentId, dataDueDate: decision.deadlines!['dataDueDate']!, decision },
      });
    }
  }
  return batch.events;
}
