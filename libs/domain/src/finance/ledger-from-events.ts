/**
 * Every customer's dated facts folded straight from events (pure): the reference the balances
 * projection is checked against, and what an auditor's replay of a customer's money computes.
 */
import type { InvoiceIssued, RefundEntitlementGranted, RefundPaid } from '../billing/events';
import type { ComplaintClosed, ComplaintFiled } from '../complaint/events';
import type { CustomerKind } from '../customer/events';
import type { PaymentReminderSent } from '../dunning/events';
import type { InvoiceNumberAssigned } from '../invoice-numbering/events';
import {
  complaintClosingOf,
  complaintLedgerOf,
  invoiceLedgerOf,
  movementOf,
  refundLedgerOf,
  refundPayoutOf,
  reminderFactOf,
  type ComplaintLedger,
  type CustomerLedger,
  type InvoiceLedger,
  type RefundLedger,
} from './ledger-facts';

export interface LedgerSourceEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  /** Business time (metadata.occurredAt). */
  occurredAt: string;
  recordedAt: string;
}

type Kinded = { kind: CustomerKind; source: 'customer' | 'enrolment' | 'participant' };

export function ledgersFromEvents(events: readonly LedgerSourceEvent[]): Map<string, CustomerLedger> {
  const kinds = new Map<string, Kinded>();
  const invoices = new Map<string, InvoiceLedger>();
  const refunds = new Map<string, RefundLedger>();
  const complaints = new Map<string, ComplaintLedger>();
  const customers = new Set<string>();
  const setKind = (customerId: string, kind: CustomerKind, source: Kinded['source']) => {
    customers.add(customerId);
    const known = kinds.get(customerId);
    if (source === 'customer' || !known) kinds.set(customerId, known?.source === 'customer' ? known : { kind, source });
  };
  const invoiceOf = (invoiceId: string): InvoiceLedger => {
    const invoice = invoices.get(invoiceId);
    if (!invoice) throw new Error(`movement for unknown invoice ${invoiceId}`);
    return invoice;
  };

  for (const e of events) {
    const fact = { at: e.occurredAt, recordedAt: e.recordedAt };
    const moved = movementOf(e.type, e.data, fact);
    if (moved) invoiceOf(moved.invoiceId).movements.push(moved.movement);
    switch (e.type) {
      case 'CustomerRegistered':
        setKind(String(e.data['customerId']), e.data['kind'] as CustomerKind, 'customer');
        break;
      case 'EnrolmentRegistered':
        if (e.data['customerKind'] === 'consumer' || e.data['customerKind'] === 'business')
          setKind(String(e.data['customerId']), e.data['customerKind'], 'enrolment');
        break;
      case 'ParticipantRegistered':
        setKind(String(e.data['participantId']), 'business', 'participant');
        break;
      case 'InvoiceIssued': {
        const d = e.data as InvoiceIssued['data'];
        customers.add(d.customerId);
        invoices.set(d.invoiceId, invoiceLedgerOf(d, e.streamId, fact));
        break;
      }
      case 'RefundEntitlementGranted': {
        const d = e.data as RefundEntitlementGranted['data'];
        customers.add(d.customerId);
        refunds.set(d.refundId, refundLedgerOf(d, e.streamId, fact));
        break;
      }
      case 'RefundPaid': {
        const d = e.data as RefundPaid['data'];
        const refund = refunds.get(d.refundId);
        if (!refund) throw new Error(`payout of unknown refund ${d.refundId}`);
        refund.payouts.push(refundPayoutOf(d, fact));
        break;
      }
      case 'PaymentReminderSent': {
        const d = e.data as PaymentReminderSent['data'];
        invoiceOf(d.invoiceId).reminders.push(reminderFactOf(d, fact));
        break;
      }
      case 'InvoiceNumberAssigned': {
        const d = e.data as InvoiceNumberAssigned['data'];
        invoiceOf(d.invoiceId).invoiceNumber = d.invoiceNumber;
        break;
      }
      case 'ComplaintFiled': {
        const d = e.data as ComplaintFiled['data'];
        customers.add(d.customerId);
        complaints.set(d.complaintId, complaintLedgerOf(d, fact));
        break;
      }
      case 'ComplaintClosed': {
        const d = e.data as ComplaintClosed['data'];
        const complaint = complaints.get(d.complaintId);
        if (!complaint) throw new Error(`closing of unknown complaint ${d.complaintId}`);
        complaint.closed = complaintClosingOf(d, fact);
        break;
      }
      default:
        break;
    }
  }

  const ledgers = new Map<string, CustomerLedger>();
  for (const customerId of customers) {
    ledgers.set(customerId, {
      customerId,
      kind: kinds.get(customerId)?.kind ?? null,
      invoices: [...invoices.values()].filter((i) => i.customerId === customerId),
      refunds: [...refunds.values()].filter((r) => r.customerId === customerId),
      complaints: [...complaints.values()].filter((c) => c.customerId === customerId),
    });
  }
  return ledgers;
}
