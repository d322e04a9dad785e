/**
 * What the contract supplies where a rulebook sets nothing of its own, shared by every book.
 */
import { addDays, compareDates, toLocalDate, type Instant, type LocalDate } from '../calendar';
import { ActInputError } from './acts';
import type { EnrolmentFacts, InvoiceLineRequest, OfferingTermsFacts } from './enrolment';

/**
 * INTERP ENR-I1: where a rulebook sets no payment term, an invoice is due 14 calendar days after
 * the invoice date, and for a dated course no later than the day before its start (but never
 * before the invoice date).
 */
export const DEFAULT_PAYMENT_TERM_DAYS = 14;
export const DEFAULT_PAYMENT_TERM_INTERPRETATION = 'ENR-I1';

export function defaultPaymentTerm(
  invoiceDate: LocalDate,
  startsAt: Instant | null,
): { dueDate: LocalDate; ruleIds: string[] } {
  const byTerm = addDays(invoiceDate, DEFAULT_PAYMENT_TERM_DAYS);
  let due = byTerm;
  if (startsAt !== null) {
    const dayBeforeStart = addDays(toLocalDate(startsAt), -1);
    if (compareDates(dayBeforeStart, byTerm) < 0) due = dayBeforeStart;
  }
  return {
    dueDate: compareDates(due, invoiceDate) < 0 ? invoiceDate : due,
    ruleIds: [DEFAULT_PAYMENT_TERM_INTERPRETATION],
  };
}

const COMPONENT_LABEL: Readonly<Record<string, string>> = {
  'e-learning': 'E-learning',
  exam: 'Exam',
  'practical-session': 'Practical session',
  classroom: 'Classroom training',
  textbook: 'Textbook',
  tuition: 'Tuition',
  'exam-fee': 'Exam fee',
  material: 'Course material',
};

export const componentLabel = (kind: string): string => COMPONENT_LABEL[kind] ?? kind;

/** One invoice line per component at its net price, "Label: title". */
export function componentLines(terms: OfferingTermsFacts): InvoiceLineRequest[] {
  return terms.components.map((c) => ({
    description: `${componentLabel(c.kind)}: ${terms.title}`,
    kind: c.kind,
    netCents: c.priceCents,
  }));
}

/** The net price of a component of the booking (0 when it has none). */
export const componentPriceCents = (terms: OfferingTermsFacts, kind: string): number =>
  terms.components.find((c) => c.kind === kind)?.priceCents ?? 0;

/**
 * Correct answers needed to pass: the result's own pass mark, else the offering's `examPassMark`
 * option. 400 naming `passMark` when neither gives one, or when it exceeds the maximum score.
 */
export function examPassMark(
  facts: EnrolmentFacts,
  input: { passMark?: number; maxScore: number },
  ruleId: string,
): number {
  const option = facts.terms.options['examPassMark'];
  const passMark = input.passMark ?? (typeof option === 'number' ? option : undefined);
  if (passMark === undefined)
    throw new ActInputError(
      'passMark',
      `the number of correct answers required (${ruleId}) is neither in the result nor in the offering`,
    );
  if (passMark > input.maxScore) throw new ActInputError('passMark', 'passMark exceeds maxScore');
  return passMark;
}

/** The booking's price excluding VAT: the sum of its components (fees are shares of it, MONEY-I1). */
export const netPriceCents = (terms: OfferingTermsFacts): number =>
  terms.components.reduce((sum, c) => sum + c.priceCents, 0);
