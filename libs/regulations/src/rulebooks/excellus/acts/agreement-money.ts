/**
 * The price of an Excellus agreement may be spread over several invoices: the registration invoice,
 * the later instalments (EXC-10.2, EXC-10.4) and the extra part of a larger group (EXC-4.1*). The
 * rules apply to the agreement as a whole, so acts read and settle all of them together.
 */
import {
  chargedCents,
  componentLabel,
  type InvoiceLineRequest,
  type OfferingTermsFacts,
  keptPaymentCents,
  sumOf,
  type EnrolmentFacts,
  type InvoiceFacts,
  type MoneyEffect,
} from '../../../contract';
import type { Cents } from '../../../money';

const AGREEMENT_INVOICE_REASONS: ReadonlySet<string> = new Set(['registration', 'instalment', 'participant-change']);

/** The invoices that together charge the agreement's price, the registration invoice first. */
export function agreementInvoices(facts: EnrolmentFacts): InvoiceFacts[] {
  const others = facts.invoices.filter(
    (i) => AGREEMENT_INVOICE_REASONS.has(i.reason) && i.invoiceId !== facts.registrationInvoice.invoiceId,
  );
  return [facts.registrationInvoice, ...others];
}

/** The agreement's price as invoiced and not credited (gross), and what was paid on it and kept. */
export function agreementMoney(facts: EnrolmentFacts): { chargedCents: Cents; paidCents: Cents } {
  const invoices = agreementInvoices(facts);
  return { chargedCents: sumOf(invoices, chargedCents), paidCents: sumOf(invoices, keptPaymentCents) };
}

/**
 * Credits the agreement's invoices down to `keepGrossCents` together. What is kept goes first to
 * money already paid (so nothing is both refunded and still owed), then to the earliest invoices;
 * every payment beyond what its invoice keeps is granted back.
 */
export function keepOfAgreement(facts: EnrolmentFacts, keepGrossCents: Cents, reason: string): MoneyEffect[] {
  const invoices = agreementInvoices(facts);
  const keep = invoices.map(() => 0);
  let rest = Math.max(0, keepGrossCents);
  invoices.forEach((invoice, i) => {
    const take = Math.min(rest, chargedCents(invoice), Math.max(0, keptPaymentCents(invoice)));
    keep[i] = take;
    rest -= take;
  });
  invoices.forEach((invoice, i) => {
    const take = Math.min(rest, chargedCents(invoice) - keep[i]!);
    keep[i] = keep[i]! + take;
    rest -= take;
  });
  return invoices.map((invoice, i) => ({
    kind: 'credit-to-gross',
    invoiceId: invoice.invoiceId,
    keepGrossCents: keep[i]!,
    reason,
  }));
}

/** Invoice lines for parts of the components' prices, "Label: title (what)". */
export function partLines(
  terms: OfferingTermsFacts,
  lines: ReadonlyArray<{ kind: string; netCents: Cents }>,
  what: string,
): InvoiceLineRequest[] {
  return lines.map((l) => ({
    description: `${componentLabel(l.kind)}: ${terms.title} (${what})`,
    kind: l.kind,
    netCents: l.netCents,
  }));
}
