/**
 * What an invoice document shows, assembled from the ledger: the invoice as recorded (invoices
 * projection), the provider's configured details and the customer's billing details as recorded
 * before the invoice date. The PDF and the UBL e-invoice render this one model, so they agree.
 */
import type { BillingAddress, CustomerBillingDetailsRecorded, CustomerRegistered } from '@ledger/domain';
import type { InvoiceDocument } from '@ledger/projections';
import { compareDates, toLocalDate } from '@ledger/regulations';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProviderBilling } from './provider-billing';

export interface InvoiceParty {
  legalName: string;
  address: BillingAddress | null;
  email: string | null;
  kvkNumber: string | null;
  vatId: string | null;
}

export interface VatSubtotal {
  vatRateBasisPoints: number;
  taxableCents: number;
  vatCents: number;
}

export interface InvoiceModel {
  invoiceId: string;
  invoiceNumber: string;
  paymentReference: string;
  issuedOn: string;
  dueDate: string;
  customerId: string;
  customerKind: 'consumer' | 'business';
  supplier: ProviderBilling;
  customer: InvoiceParty;
  lines: InvoiceDocument['lines'];
  vatBreakdown: VatSubtotal[];
  netCents: number;
  vatCents: number;
  totalCents: number;
}

/**
 * The customer's details on an invoice of a day: the latest billing details recorded by then (or,
 * when none were, the first recorded after: details completed later), else the registration's.
 */
export function customerPartyAsOf(
  events: readonly RecordedEvent[],
  day: string,
): InvoiceParty & { kind: 'consumer' | 'business' } {
  const registered = events.find((e) => e.type === 'CustomerRegistered')?.data as
    CustomerRegistered['data'] | undefined;
  if (!registered) throw new Error('customer stream without CustomerRegistered');
  const recorded = events
    .filter((e) => e.type === 'CustomerBillingDetailsRecorded')
    .map((e) => e.data as CustomerBillingDetailsRecorded['data']);
  const details = recorded.filter((d) => compareDates(toLocalDate(d.recordedAt), day) <= 0).at(-1) ?? recorded[0];
  return {
    kind: registered.kind,
    legalName: details?.legalName ?? registered.name,
    address: details?.address ?? null,
    email: details?.invoiceEmail ?? registered.email,
    kvkNumber: details?.kvkNumber ?? null,
    vatId: details?.vatId ?? null,
  };
}

/** Net and VAT per rate, summed from the recorded lines (EN 16931 BG-23). */
export function vatBreakdownOf(lines: InvoiceDocument['lines']): VatSubtotal[] {
  const byRate = new Map<number, VatSubtotal>();
  for (const line of lines) {
    const subtotal = byRate.get(line.vatRateBasisPoints) ?? {
      vatRateBasisPoints: line.vatRateBasisPoints,
      taxableCents: 0,
      vatCents: 0,
    };
    subtotal.taxableCents += line.netCents;
    subtotal.vatCents += line.vatCents;
    byRate.set(line.vatRateBasisPoints, subtotal);
  }
  return [...byRate.values()].sort((a, b) => b.vatRateBasisPoints - a.vatRateBasisPoints);
}

/** 2100 basis points -> "21", 900 -> "9", 550 -> "5.5". */
export const percentOfBasisPoints = (basisPoints: number): string => String(basisPoints / 100);
