/**
 * The credit note as a UBL 2.1 CreditNote following EN 16931 with the Peppol BIS Billing 3.0
 * customization (type code 381, a BillingReference to the invoice it credits). Amounts are
 * positive, as a credit note states them; they are the ledger's credit note, its VAT at the
 * invoice's rate.
 */
import { create } from 'xmlbuilder2';
import type { CreditNoteModel } from './credit-note-model';
import { NS, party, PEPPOL_BIS_3_CUSTOMIZATION, PEPPOL_BIS_3_PROFILE, writeTotalsAndLines } from './invoice-ubl';

const CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
/** UNTDID 1001: commercial credit note. */
export const CREDIT_NOTE_TYPE_CODE = '381';

export function renderCreditNoteUbl(model: CreditNoteModel): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(CREDIT_NOTE_NS, 'CreditNote', {
    'xmlns:cac': NS.cac,
    'xmlns:cbc': NS.cbc,
  });
  const cbc = (name: string, text: string) => root.ele(NS.cbc, `cbc:${name}`).txt(text);
  cbc('CustomizationID', PEPPOL_BIS_3_CUSTOMIZATION);
  cbc('ProfileID', PEPPOL_BIS_3_PROFILE);
  cbc('ID', model.creditNoteNumber);
  cbc('IssueDate', model.issuedOn);
  cbc('CreditNoteTypeCode', CREDIT_NOTE_TYPE_CODE);
  cbc('Note', `Creditnota op factuur ${model.invoiceNumber}: ${model.reason}`);
  cbc('DocumentCurrencyCode', 'EUR');
  cbc('BuyerReference', model.customerId);
  const reference = root.ele(NS.cac, 'cac:BillingReference').ele(NS.cac, 'cac:InvoiceDocumentReference');
  reference.ele(NS.cbc, 'cbc:ID').txt(model.invoiceNumber);
  reference.ele(NS.cbc, 'cbc:IssueDate').txt(model.invoiceIssuedOn);
  party(root, 'AccountingSupplierParty', model.supplier);
  party(root, 'AccountingCustomerParty', model.customer);

  writeTotalsAndLines(root, model, 'CreditNote');
  return root.end({ prettyPrint: true });
}
