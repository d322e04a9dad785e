/**
 * The invoice as a PDF in Dutch (pdfkit): amounts as € 1.234,56, dates as dd-mm-jjjj, the
 * betalingskenmerk to quote, and the legal details art. 35a Wet OB 1968 asks of an invoice.
 */
import PDFDocument from 'pdfkit';
import { formatDateNl, formatEuroNl } from '@ledger/regulations';
import { percentOfBasisPoints, type InvoiceModel, type InvoiceParty } from './invoice-model';
import type { ProviderBilling } from './provider-billing';

export const MARGIN = 50;
export const COLUMNS = { description: 50, net: 300, vat: 380, gross: 460, end: 545 } as const;

export function addressLines(party: InvoiceParty): string[] {
  const a = party.address;
  return [
    party.legalName,
    ...(a ? [a.street, `${a.postalCode} ${a.city}`, ...(a.countryCode === 'NL' ? [] : [a.countryCode])] : []),
  ];
}

/** An A4 document of the provider and the buffer it becomes once ended (invoices, credit notes, letters). */
export function openProviderDocument(title: string, supplier: ProviderBilling) {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Author: supplier.legalName } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** The provider's letterhead (the legal details art. 35a Wet OB 1968 asks) and the addressee's block. */
export function writeLetterhead(doc: PDFKit.PDFDocument, supplier: ProviderBilling, addressee: InvoiceParty): void {
  const s = supplier;
  doc.font('Helvetica-Bold').fontSize(16).text(s.legalName);
  doc.font('Helvetica').fontSize(9);
  doc.text(`${s.address.street}, ${s.address.postalCode} ${s.address.city}`);
  doc.text(`KvK ${s.kvkNumber} · btw ${s.vatId} · IBAN ${s.iban} · BIC ${s.bic} · ${s.email}`);
  doc.moveDown(2);

  doc.fontSize(10);
  for (const line of addressLines(addressee)) doc.text(line);
  if (addressee.kvkNumber) doc.text(`KvK ${addressee.kvkNumber}`);
  if (addressee.vatId) doc.text(`Btw-nummer ${addressee.vatId}`);
  doc.moveDown(2);
}

export function renderInvoicePdf(model: InvoiceModel): Promise<Buffer> {
  const { doc, done } = openProviderDocument(`Factuur ${model.invoiceNumber}`, model.supplier);
  const s = model.supplier;
  writeLetterhead(doc, s, model.customer);

  doc.font('Helvetica-Bold').fontSize(14).text('Factuur');
  doc.font('Helvetica').fontSize(10);
  doc.text(`Factuurnummer: ${model.invoiceNumber}`);
  doc.text(`Factuurdatum: ${formatDateNl(model.issuedOn)}`);
  doc.text(`Vervaldatum: ${formatDateNl(model.dueDate)}`);
  doc.text(`Betalingskenmerk: ${model.paymentReference}`);
  doc.text(`Klantnummer: ${model.customerId}`);
  doc.moveDown(1.5);

  const header = doc.y;
  doc.font('Helvetica-Bold');
  doc.text('Omschrijving', COLUMNS.description, header);
  doc.text('Bedrag excl. btw', COLUMNS.net, header, { width: COLUMNS.vat - COLUMNS.net - 5, align: 'right' });
  doc.text('Btw', COLUMNS.vat, header, { width: COLUMNS.gross - COLUMNS.vat - 5, align: 'right' });
  doc.text('Bedrag incl. btw', COLUMNS.gross, header, { width: COLUMNS.end - COLUMNS.gross, align: 'right' });
  doc.font('Helvetica');
  for (const line of model.lines) {
    const y = doc.y + 4;
    doc.text(line.description, COLUMNS.description, y, { width: COLUMNS.net - COLUMNS.description - 5 });
    const after = doc.y;
    doc.text(formatEuroNl(line.netCents), COLUMNS.net, y, { width: COLUMNS.vat - COLUMNS.net - 5, align: 'right' });
    doc.text(`${percentOfBasisPoints(line.vatRateBasisPoints)}%`, COLUMNS.vat, y, {
      width: COLUMNS.gross - COLUMNS.vat - 5,
      align: 'right',
    });
    doc.text(formatEuroNl(line.grossCents), COLUMNS.gross, y, { width: COLUMNS.end - COLUMNS.gross, align: 'right' });
    doc.y = Math.max(after, doc.y);
  }
  doc.moveDown(1.5);

  const total = (label: string, cents: number, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, COLUMNS.net, y, { width: COLUMNS.gross - COLUMNS.net - 5 });
    doc.text(formatEuroNl(cents), COLUMNS.gross, y, { width: COLUMNS.end - COLUMNS.gross, align: 'right' });
  };
  total('Totaal excl. btw', model.netCents);
  for (const v of model.vatBreakdown)
    total(`Btw ${percentOfBasisPoints(v.vatRateBasisPoints)}% over ${formatEuroNl(v.taxableCents)}`, v.vatCents);
  total('Totaal te betalen', model.totalCents, true);
  doc.font('Helvetica').moveDown(2);
  doc.text(
    `Wij verzoeken u ${formatEuroNl(model.totalCents)} uiterlijk ${formatDateNl(model.dueDate)} over te maken op ` +
      `${s.iban} t.n.v. ${s.legalName}, onder vermelding van betalingskenmerk ${model.paymentReference}.`,
    MARGIN,
    doc.y,
    { width: COLUMNS.end - MARGIN },
  );
  doc.end();
  return done;
}
