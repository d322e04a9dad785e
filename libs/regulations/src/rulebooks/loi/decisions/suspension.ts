/**
 * LOI-8: when the customer does not perform, LOI may suspend its own obligations and interrupt the
 * course. The interruption is at the customer's risk (art. 8.2): fees stay due and the service
 * duration (LOI-9.1) is not extended; being in default does not end the agreement (art. 8.4).
 */
import { addMonths, compareDates, daysBetween, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, type Decision } from '../../../decision';
import { formatEuro, type Cents } from '../../../money';
import { cite, loiDecision, MAX_STUDY_MONTHS, type LoiBook } from './common';
import {
  asJson,
  LoiInputError,
  readBoolean,
  readCents,
  readDate,
  readInteger,
  readObjectArray,
  readOneOf,
  readOptionalDate,
  readOptionalString,
  readString,
  readTime,
  type JsonInputs,
} from './inputs';
import { loiServiceMonths } from './study';

/**
 * The customer's obligations whose non-performance the ledger can see in its own facts (an invoice
 * past its term, LOI-6.2-3; documents missing after their deadline, LOI-4), and any other obligation
 * LOI names, which the ledger records as LOI's statement.
 */
export const LOI_SUSPENSION_GROUNDS = ['unpaid', 'documents-missing', 'other'] as const;
export type LoiSuspensionGround = (typeof LOI_SUSPENSION_GROUNDS)[number];

/** Invoices one agreement carries; far above any LOI course's. */
const MAX_INVOICES = 500;

export interface LoiSuspensionInvoice {
  invoiceId: string;
  dueDate: LocalDate;
  /** Gross still unpaid after credit notes. */
  outstandingCents: Cents;
}

interface ServicePeriodInput {
  /** Start of the study (aanvangsdatum): the service duration runs from it (LOI-9.1). */
  startDate: LocalDate;
  studyMonths: number;
}

export interface LoiSuspensionInput extends ServicePeriodInput {
  suspendedAt: Instant;
  ground: LoiSuspensionGround;
  /** The obligation not performed, in LOI's words (required for `other`). */
  obligation?: string | null;
  invoices: LoiSuspensionInvoice[];
  /** LOI-4: the documents' deadline, when the course asks for documents. */
  documentsDueDate: LocalDate | null;
  documentsComplete: boolean;
}

export interface LoiSuspensionEndInput extends ServicePeriodInput {
  suspendedAt: Instant;
  resumedAt: Instant;
}

function servicePeriod(book: LoiBook, raw: JsonInputs) {
  const startDate = readDate(raw, 'startDate');
  const studyMonths = readInteger(raw, 'studyMonths', 1, MAX_STUDY_MONTHS);
  const serviceMonths = loiServiceMonths(book, studyMonths);
  return { startDate, studyMonths, serviceMonths, serviceEndsOn: addMonths(startDate, serviceMonths) };
}

const noGround = (message: string, details: Record<string, string | number | null>) =>
  new RuleViolation('NO_GROUND_FOR_SUSPENSION', 'LOI-8', message, details);

/** LOI-8: the suspension, its ground as the ledger finds it, and what it leaves unchanged. */
export function loiSuspension(book: LoiBook, input: LoiSuspensionInput): Decision {
  const raw = asJson(input);
  const suspendedAt = readTime(raw, 'suspendedAt');
  const ground = readOneOf(raw, 'ground', LOI_SUSPENSION_GROUNDS);
  const obligation = readOptionalString(raw, 'obligation');
  const invoices = readObjectArray(raw, 'invoices', MAX_INVOICES).map((invoice) => ({
    invoiceId: readString(invoice, 'invoiceId'),
    dueDate: readDate(invoice, 'dueDate'),
    outstandingCents: readCents(invoice, 'outstandingCents'),
  }));
  const documentsDueDate = readOptionalDate(raw, 'documentsDueDate');
  const documentsComplete = readBoolean(raw, 'documentsComplete');
  const period = servicePeriod(book, raw);
  const suspendedOn = toLocalDate(suspendedAt);

  // LOI-6.2-3: the customer is in default from the day after the payment term, without notice.
  const overdue = invoices.filter((i) => i.outstandingCents > 0 && compareDates(i.dueDate, suspendedOn) < 0);
  const overdueCents = overdue.reduce((sum, i) => sum + i.outstandingCents, 0);
  const ruleIds = ['LOI-8'];
  let groundText: string;
  if (ground === 'unpaid') {
    if (overdue.length === 0)
      throw noGround(`On ${suspendedOn} no invoice of this agreement is unpaid past its due date`, { suspendedOn });
    ruleIds.push('LOI-6.2-3');
    groundText = `${formatEuro(overdueCents)} unpaid past its due date (${overdue.map((i) => `${i.invoiceId} due ${i.dueDate}`).join(', ')})`;
  } else if (ground === 'documents-missing') {
    if (documentsDueDate === null || documentsComplete || compareDates(documentsDueDate, suspendedOn) >= 0)
      throw noGround(
        documentsDueDate === null
          ? 'This course asks for no documents (LOI-4)'
          : documentsComplete
            ? 'The documents asked for (LOI-4) are complete'
            : `The documents (LOI-4) are due by ${documentsDueDate}: not missing on ${suspendedOn}`,
        { suspendedOn, documentsDueDate },
      );
    ruleIds.push('LOI-4');
    groundText = `the documents due by ${documentsDueDate} (LOI-4) are missing`;
  } else {
    if (obligation === null) throw new LoiInputError('input obligation: name the obligation not performed (LOI-8)');
    groundText = `LOI states: ${obligation}`;
  }

  return loiDecision(book, 'suspension', {
    ruleIds,
    interpretationIds: [],
    inputs: {
      suspendedAt,
      suspendedOn,
      ground,
      obligation,
      invoices,
      overdueInvoiceIds: overdue.map((i) => i.invoiceId),
      overdueCents,
      documentsDueDate,
      documentsComplete,
      startDate: period.startDate,
      studyMonths: period.studyMonths,
      serviceMonths: period.serviceMonths,
      feesStayDue: true,
    },
    allowed: true,
    deadlines: { serviceEndsOn: period.serviceEndsOn },
    explanation:
      `LOI suspends its obligations from ${suspendedOn}: ${groundText}. Study, module activation and exams are ` +
      `interrupted; the fees stay due and the service duration still ends on ${period.serviceEndsOn} (the ` +
      `interruption is at the customer's risk, art. 8.2) (${ruleIds.join(', ')}, ${cite(book)})`,
  });
}

/** LOI-8: the suspension ends; the days it lasted do not extend the service duration (LOI-9.1). */
export function loiSuspensionEnd(book: LoiBook, input: LoiSuspensionEndInput): Decision {
  const raw = asJson(input);
  const suspendedAt = readTime(raw, 'suspendedAt');
  const resumedAt = readTime(raw, 'resumedAt');
  const period = servicePeriod(book, raw);
  const suspendedOn = toLocalDate(suspendedAt);
  const resumedOn = toLocalDate(resumedAt);
  if (compareDates(resumedOn, suspendedOn) < 0)
    throw new LoiInputError(`input resumedAt: ${resumedAt} precedes the suspension of ${suspendedAt}`);
  const suspendedDays = daysBetween(suspendedOn, resumedOn);
  return loiDecision(book, 'suspension-end', {
    ruleIds: ['LOI-8', 'LOI-9.1'],
    interpretationIds: [],
    inputs: {
      suspendedAt,
      resumedAt,
      suspendedOn,
      resumedOn,
      suspendedDays,
      startDate: period.startDate,
      studyMonths: period.studyMonths,
      serviceMonths: period.serviceMonths,
    },
    allowed: true,
    deadlines: { serviceEndsOn: period.serviceEndsOn },
    explanation:
      `The suspension of ${suspendedOn} ends on ${resumedOn} after ${suspendedDays} days; the course goes on and ` +
      `the service duration still ends on ${period.serviceEndsOn}: the delay is at the customer's risk (art. 8.2) ` +
      `(LOI-8, LOI-9.1, ${cite(book)})`,
  });
}
