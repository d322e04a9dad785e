/**
 * The invoice as a UBL 2.1 e-invoice following EN 16931 with the Peppol BIS Billing 3.0
 * customization (xmlbuilder2). Amounts are the ledger's cents written as decimals; the VAT
 * breakdown is summed from the recorded lines, so the totals are the ledger's own.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { formatEuro } from '@ledger/regulations';
import { percentOfBasisPoints, type InvoiceModel, type InvoiceParty } from './invoice-model';

export const PEPPOL_BIS_3_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_BIS_3_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
export const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;
/** ISO 6523 ICD of the Dutch KvK number, used as electronic address (EAS) and legal registration id. */
const KVK_SCHEME = '0106';
/** UNTDID 4461: SEPA credit transfer. */
export const SEPA_CREDIT_TRANSFER = '58';
/** Education exempt from VAT (art. 11 lid 1 sub o Wet OB 1968): category E with its reason. */
const VAT_EXEMPT_REASON = 'Vrijgesteld van btw: onderwijs (art. 11 lid 1 sub o Wet OB 1968)';

/** 123456 cents -> "1234.56" (xsd:decimal, no thousands separators). */
const amount = (cents: number): string => formatEuro(cents).replace(/,/g, '');
const vatCategory = (basisPoints: number): 'S' | 'E' => (basisPoints > 0 ? 'S' : 'E');

export function money(parent: XMLBuilder, name: string, cents: number): void {
  parent.ele(NS.cbc, `cbc:${name}`, { currencyID: 'EUR' }).txt(amount(cents));
}

export function taxCategory(parent: XMLBuilder, element: string, basisPoints: number, withReason: boolean): void {
  const category = parent.ele(NS.cac, `cac:${element}`);
  category.ele(NS.cbc, 'cbc:ID').txt(vatCategory(basisPoints));
  category.ele(NS.cbc, 'cbc:Percent').txt(percentOfBasisPoints(basisPoints));
  if (withReason && basisPoints === 0) category.ele(NS.cbc, 'cbc:TaxExemptionReason').txt(VAT_EXEMPT_REASON);
  category.ele(NS.cac, 'cac:TaxScheme').ele(NS.cbc, 'cbc:ID').txt('VAT');
}

export function party(parent: XMLBuilder, element: string, p: InvoiceParty): void {
  const node = parent.ele(NS.cac, `cac:${element}`).ele(NS.cac, 'cac:Party');
  if (p.kvkNumber) node.ele(NS.cbc, 'cbc:EndpointID', { schemeID: KVK_SCHEME }).txt(p.kvkNumber);
  else if (p.email) node.ele(NS.cbc, 'cbc:EndpointID', { schemeID: 'EM' }).txt(p.email);
  const address = node.ele(NS.cac, 'cac:PostalAddress');
  if (p.address) {
    address.ele(NS.cbc, 'cbc:StreetName').txt(p.address.street);
    address.ele(NS.cbc, 'cbc:CityName').txt(p.address.city);
    address.ele(NS.cbc, 'cbc:PostalZone').txt(p.address.postalCode);
  }
  address
    .ele(NS.cac, 'cac:Country')
    .ele(NS.cbc, 'cbc:IdentificationCode')
    .txt(p.address?.countryCode ?? 'NL');
  if (p.vatId) {
    const tax = node.ele(NS.cac, 'cac:PartyTaxScheme');
    tax.ele(NS.cbc, 'cbc:CompanyID').txt(p.vatId);
    tax.ele(NS.cac, 'cac:TaxScheme').ele(NS.cbc, 'cbc:ID').txt('VAT');
  }
  const legal = node.ele(NS.cac, 'cac:PartyLegalEntity');
  legal.ele(NS.cbc, 'cbc:RegistrationName').txt(p.legalName);
  if (p.kvkNumber) legal.ele(NS.cbc, 'cbc:CompanyID', { schemeID: KVK_SCHEME }).txt(p.kvkNumber);
  if (p.email) node.ele(NS.cac, 'cac:Contact').ele(NS.cbc, 'cbc:ElectronicMail').txt(p.email);
}

/** What the tax total, the monetary totals and the lines of an invoice or credit note are made of. */
export interface UblAmounts {
  netCents: number;
  vatCents: number;
  totalCents: number;
  vatBreakdown: ReadonlyArray<{ vatRateBasisPoints: number; taxableCents: number; vatCents: number }>;
  lines: ReadonlyArray<{ description: string; netCents: number; vatRateBasisPoints: number }>;
}

/** EN 16931's VAT breakdown, document totals and lines; `document` names the line elements (InvoiceLine, CreditNoteLine). */
export function writeTotalsAndLines(root: XMLBuilder, model: UblAmounts, document: 'Invoice' | 'CreditNote'): void {
  const taxTotal = root.ele(NS.cac, 'cac:TaxTotal');
  money(taxTotal, 'TaxAmount', model.vatCents);
  for (const v of model.vatBreakdown) {
    const subtotal = taxTotal.ele(NS.cac, 'cac:TaxSubtotal');
    money(subtotal, 'TaxableAmount', v.taxableCents);
    money(subtotal, 'TaxAmount', v.vatCents);
    taxCategory(subtotal, 'TaxCategory', v.vatRateBasisPoints, true);
  }

  const totals = root.ele(NS.cac, 'cac:LegalMonetaryTotal');
  money(
    totals,
    'LineExtensionAmount',
    model.lines.reduce((sum, l) => sum + l.netCents, 0),
  );
  money(totals, 'TaxExclusiveAmount', model.netCents);
  money(totals, 'TaxInclusiveAmount', model.totalCents);
  money(totals, 'PayableAmount', model.totalCents);

  const quantity = document === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity';
  model.lines.forEach((line, i) => {
    const node = root.ele(NS.cac, `cac:${document}Line`);
    node.ele(NS.cbc, 'cbc:ID').txt(String(i + 1));
    node.ele(NS.cbc, `cbc:${quantity}`, { unitCode: 'C62' }).txt('1');
    money(node, 'LineExtensionAmount', line.netCents);
    const item = node.ele(NS.cac, 'cac:Item');
    item.ele(NS.cbc, 'cbc:Name').txt(line.description);
    taxCategory(item, 'ClassifiedTaxCategory', line.vatRateBasisPoints, false);
    money(node.ele(NS.cac, 'cac:Price'), 'PriceAmount', line.netCents);
  });
}

export function renderInvoiceUbl(model: InvoiceModel): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.invoice, 'Invoice', {
    'xmlns:cac': NS.cac,
    'xmlns:cbc': NS.cbc,
  });
  const cbc = (name: string, text: string, attributes?: Record<string, string>) =>
    root.ele(NS.cbc, `cbc:${name}`, attributes).txt(text);
  cbc('CustomizationID', PEPPOL_BIS_3_CUSTOMIZATION);
  cbc('ProfileID', PEPPOL_BIS_3_PROFILE);
  cbc('ID', model.invoiceNumber);
  cbc('IssueDate', model.issuedOn);
  cbc('DueDate', model.dueDate);
  cbc('InvoiceTypeCode', '380');
  cbc('DocumentCurrencyCode', 'EUR');
  // Peppol asks for a buyer reference or an order reference: the customer's id in the ledger.
  cbc('BuyerReference', model.customerId);
  const supplier = model.supplier;
  party(root, 'AccountingSupplierParty', { ...supplier, email: supplier.email });
  party(root, 'AccountingCustomerParty', model.customer);

  const means = root.ele(NS.cac, 'cac:PaymentMeans');
  means.ele(NS.cbc, 'cbc:PaymentMeansCode').txt(SEPA_CREDIT_TRANSFER);
  means.ele(NS.cbc, 'cbc:PaymentID').txt(model.paymentReference);
  const account = means.ele(NS.cac, 'cac:PayeeFinancialAccount');
  account.ele(NS.cbc, 'cbc:ID').txt(supplier.iban);
  account.ele(NS.cbc, 'cbc:Name').txt(supplier.legalName);
  account.ele(NS.cac, 'cac:FinancialInstitutionBranch').ele(NS.cbc, 'cbc:ID').txt(supplier.bic);

  writeTotalsAndLines(root, model, 'Invoice');
  return root.end({ prettyPrint: true });
}
