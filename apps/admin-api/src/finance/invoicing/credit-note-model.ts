/**
 * What a credit-note document shows (a creditnota: art. 35a Wet OB 1968 asks the same details as
 * of an invoice and a reference to the invoice it corrects): the credit note as the journal
 * projection keeps it, its invoice's number and date, and the same parties as on the invoice.
 * The PDF and the UBL CreditNote render this one model, so they agree.
 */
import type { CreditedLine } from '@ledger/projections';
import type { InvoiceParty, VatSubtotal } from './invoice-model';
import type { ProviderBilling } from './provider-billing';

export interface CreditNoteModel {
  creditNoteId: string;
  /** The document's number in the provider's credit-note series of its year (FIN-I16), e.g. PP-CN-2026-000001. */
  creditNoteNumber: string;
  issuedOn: string;
  reason: string;
  invoiceId: string;
  invoiceNumber: string;
  invoiceIssuedOn: string;
  customerId: string;
  customerKind: 'consumer' | 'business';
  supplier: ProviderBilling;
  customer: InvoiceParty;
  /** What is credited, per invoice line (positive cents). */
  lines: CreditedLine[];
  vatBreakdown: VatSubtotal[];
  netCents: number;
  vatCents: number;
  totalCents: number;
}

/** Why a credit note was issued, in Dutch, for the reasons the ledger records; other reasons as recorded. */
const REASONS_NL: Readonly<Record<string, string>> = {
  cancellation: 'annulering',
  withdrawal: 'herroeping',
  termination: 'tussentijdse beëindiging',
  'provider-cancellation': 'annulering door de opleider',
  'force-majeure': 'overmacht',
  'decision-correction': 'correctie van een besluit',
};

export const reasonNl = (reason: string): string => REASONS_NL[reason] ?? reason;
