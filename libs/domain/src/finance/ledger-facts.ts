/**
 * The dated facts a customer's balance is computed from, copied verbatim from events by the
 * balances projection (projections/finance). Every fact keeps its business time (`at`, the event's
 * occurredAt) and record time (`recordedAt`), so a balance can be asked "as of" and "known at".
 */
import { toLocalDate, type LocalDate, type RulebookId, type RulebookRef } from '@ledger/regulations';
import type {
  CreditNoteIssued,
  InvoiceIssued,
  PaymentReceived,
  PaymentReversed,
  RefundEntitlementGranted,
  RefundPaid,
} from '../billing/events';
import type { ComplaintClosed, ComplaintFiled } from '../complaint/events';
import type { CustomerKind } from '../customer/events';
import type { PaymentReminderSent } from '../dunning/events';

export interface DatedFact {
  /** Business time of the event (metadata.occurredAt), ISO 8601 with offset. */
  at: string;
  /** Record time of the event (when the ledger committed it), ISO 8601 UTC. */
  recordedAt: string;
}

/** A change of what an invoice asks: credit note, payment, reversal of a payment, refund granted against it. */
export interface InvoiceMovement extends DatedFact {
  kind: 'credit' | 'payment' | 'reversal' | 'refund';
  /** creditNoteId, paymentId (payment and reversal) or refundId. */
  id: string;
  amountCents: number;
  /** The day the movement takes effect on the principal (receivedAt / issuedOn / reversedAt / grant date). */
  on: LocalDate;
}

/** A payment reminder: the start of the clock for collection costs (and, under some rulebooks, interest). */
export interface ReminderFact extends DatedFact {
  reminderNumber: number;
  sentOn: LocalDate;
  receivedOn: LocalDate;
  termDays: number;
  reminderTermEndsOn: LocalDate;
  /** First day collection costs are owed if still unpaid (under some rulebooks also when interest becomes chargeable). */
  collectionCostsDueFrom: LocalDate;
  /** First day statutory interest runs under the provider's terms. */
  interestFrom: LocalDate;
  decisionId: string | null;
  rulebook: RulebookRef | null;
}

export interface InvoiceLedger extends DatedFact {
  invoiceId: string;
  customerId: string;
  provider: RulebookId;
  ownerStreamId: string;
  issuedOn: LocalDate;
  dueDate: LocalDate;
  totalCents: number;
  invoiceNumber: string | null;
  movements: InvoiceMovement[];
  reminders: ReminderFact[];
}

export interface RefundPayoutFact extends DatedFact {
  amountCents: number;
  on: LocalDate;
  reference: string;
}

export interface RefundLedger extends DatedFact {
  refundId: string;
  customerId: string;
  ownerStreamId: string;
  invoiceId: string | null;
  amountCents: number;
  dueDate: LocalDate;
  payouts: RefundPayoutFact[];
}

export interface ComplaintLedger extends DatedFact {
  complaintId: string;
  customerId: string;
  /** The stream of the enrolment complained about: its invoices are the ones suspended (`FIN.complaintScope`). */
  ownerStreamId: string;
  provider: RulebookId;
  filedOn: LocalDate;
  /** The rulebook suspends interest and collection costs from `suspendedFrom` while the complaint runs. */
  suspendsCharges: boolean;
  suspendedFrom: LocalDate | null;
  closed: (DatedFact & { closedOn: LocalDate; suspendedUntil: LocalDate | null }) | null;
}

export interface CustomerLedger {
  customerId: string;
  kind: CustomerKind | null;
  invoices: InvoiceLedger[];
  refunds: RefundLedger[];
  complaints: ComplaintLedger[];
}

// ---- from events to facts (shared by the balances projection and ledgersFromEvents) -----------

/** The invoice's own facts, before any movement. */
export function invoiceLedgerOf(d: InvoiceIssued['data'], ownerStreamId: string, fact: DatedFact): InvoiceLedger {
  return {
    ...fact,
    invoiceId: d.invoiceId,
    customerId: d.customerId,
    provider: d.provider,
    ownerStreamId,
    issuedOn: d.issuedOn,
    dueDate: d.dueDate,
    totalCents: d.totalCents,
    invoiceNumber: null,
    movements: [],
    reminders: [],
  };
}

/** The movement a money event makes on its invoice (null for a refund not tied to an invoice, or another event). */
export function movementOf(
  type: string,
  data: Record<string, unknown>,
  fact: DatedFact,
): { invoiceId: string; movement: InvoiceMovement } | null {
  switch (type) {
    case 'CreditNoteIssued': {
      const d = data as CreditNoteIssued['data'];
      return {
        invoiceId: d.invoiceId,
        movement: { ...fact, kind: 'credit', id: d.creditNoteId, amountCents: d.totalCents, on: d.issuedOn },
      };
    }
    case 'PaymentReceived': {
      const d = data as PaymentReceived['data'];
      return {
        invoiceId: d.invoiceId,
        movement: {
          ...fact,
          kind: 'payment',
          id: d.paymentId,
          amountCents: d.amountCents,
          on: toLocalDate(d.receivedAt),
        },
      };
    }
    case 'PaymentReversed': {
      const d = data as PaymentReversed['data'];
      return {
        invoiceId: d.invoiceId,
        movement: {
          ...fact,
          kind: 'reversal',
          id: d.paymentId,
          amountCents: d.amountCents,
          on: toLocalDate(d.reversedAt),
        },
      };
    }
    case 'RefundEntitlementGranted': {
      const d = data as RefundEntitlementGranted['data'];
      return d.invoiceId
        ? {
            invoiceId: d.invoiceId,
            movement: { ...fact, kind: 'refund', id: d.refundId, amountCents: d.amountCents, on: toLocalDate(fact.at) },
          }
        : null;
    }
    default:
      return null;
  }
}

export function refundLedgerOf(
  d: RefundEntitlementGranted['data'],
  ownerStreamId: string,
  fact: DatedFact,
): RefundLedger {
  return {
    ...fact,
    refundId: d.refundId,
    customerId: d.customerId,
    ownerStreamId,
    invoiceId: d.invoiceId,
    amountCents: d.amountCents,
    dueDate: d.dueDate,
    payouts: [],
  };
}

export function refundPayoutOf(d: RefundPaid['data'], fact: DatedFact): RefundPayoutFact {
  return { ...fact, amountCents: d.amountCents, on: toLocalDate(d.paidAt), reference: d.reference };
}

export function reminderFactOf(d: PaymentReminderSent['data'], fact: DatedFact): ReminderFact {
  const decision = d.decision as { decisionId?: string; rulebook?: RulebookRef } | null;
  return {
    ...fact,
    reminderNumber: d.reminderNumber,
    sentOn: d.sentOn,
    receivedOn: d.receivedOn,
    termDays: d.termDays,
    reminderTermEndsOn: d.reminderTermEndsOn,
    collectionCostsDueFrom: d.collectionCostsDueFrom,
    interestFrom: d.interestFrom,
    decisionId: decision?.decisionId ?? null,
    rulebook: decision?.rulebook ?? null,
  };
}

export function complaintLedgerOf(d: ComplaintFiled['data'], fact: DatedFact): ComplaintLedger {
  return {
    ...fact,
    complaintId: d.complaintId,
    customerId: d.customerId,
    ownerStreamId: d.ownerStreamId,
    provider: d.provider,
    filedOn: d.filedOn,
    suspendsCharges: d.suspendsCharges,
    suspendedFrom: d.suspendedFrom,
    closed: null,
  };
}

export const complaintClosingOf = (
  d: ComplaintClosed['data'],
  fact: DatedFact,
): NonNullable<ComplaintLedger['closed']> => ({ ...fact, closedOn: d.closedOn, suspendedUntil: d.suspendedUntil });
