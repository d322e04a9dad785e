/**
 * The credit note as a PDF in Dutch (pdfkit), laid out as the invoice (invoice-pdf.ts): titled
 * "Creditnota", naming the invoice it credits, with the credited amounts negative as Dutch credit
 * notes write them (€ -1.234,56).
 */
import PDFDocument from 'pdfkit';
import { formatDateNl, formatEuroNl } from '@ledger/regulations';
import { reasonNl, type CreditNoteModel } from './credit-note-model';
import { percentOfBasisPoints } from './invoice-model';
import { addressLines, COLUMNS, MARGIN } from './invoice-pdf';

export function renderCreditNotePdf(model: CreditNoteModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Creditnota ${model.creditNoteNumber}`, Author: model.supplier.legalName },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const s = model.supplier;
  const credited = (cents: number) => formatEuroNl(-cents);

  doc.font('Helvetica-Bold').fontSize(16).text(s.legalName);
  doc.font('Helvetica').fontSize(9);
  doc.text(`${s.address.street}, ${s.address.postalCode} ${s.address.city}`);
  doc.text(`KvK ${s.kvkNumber} · btw ${s.vatId} · IBAN ${s.iban} · BIC ${s.bic} · ${s.email}`);
  doc.moveDown(2);

  doc.fontSize(10);
  for (const line of addressLines(model.customer)) doc.text(line);
  if (model.customer.kvkNumber) doc.text(`KvK ${model.customer.kvkNumber}`);
  if (model.customer.vatId) doc.text(`Btw-nummer ${model.customer.vatId}`);
  doc.moveDown(2);

  doc.font('Helvetica-Bold').fontSize(14).text('Creditnota');
  doc.font('Helvetica').fontSize(10);
  doc.text(`Creditnotanummer: ${model.creditNoteNumber}`);
  doc.text(`Datum: ${formatDateNl(model.issuedOn)}`);
  doc.text(`Betreft factuur: ${model.invoiceNumber} van ${formatDateNl(model.invoiceIssuedOn)}`);
  doc.text(`Reden: ${reasonNl(model.reason)}`);
  doc.text(`Klantnummer: ${model.customerId}`);
  doc.moveDown(1.5);

  const header = doc.y;
  doc.font('Helvetica-Bold');
  doc.text('Omschrijving', COLUMNS.description, header);
  doc.text('Btw', COLUMNS.vat, header, { width: COLUMNS.gross - COLUMNS.vat - 5, align: 'right' });
  doc.text('Bedrag excl. btw', COLUMNS.gross, header, { width: COLUMNS.end - COLUMNS.gross, align: 'right' });
  doc.font('Helvetica');
  for (const line of model.lines) {
    const y = doc.y + 4;
    doc.text(`Creditering: ${line.description}`, COLUMNS.description, y, {
      width: COLUMNS.vat - COLUMNS.description - 5,
    });
    const after = doc.y;
    doc.text(`${percentOfBasisPoints(line.vatRateBasisPoints)}%`, COLUMNS.vat, y, {
      width: COLUMNS.gross - COLUMNS.vat - 5,
      align: 'right',
    });
    doc.text(credited(line.netCents), COLUMNS.gross, y, { width: COLUMNS.end - COLUMNS.gross, align: 'right' });
    doc.y = Math.max(after, doc.y);
  }
  doc.moveDown(1.5);

  const total = (label: string, cents: number, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, COLUMNS.net, y, { width: COLUMNS.gross - COLUMNS.net - 5 });
    doc.text(credited(cents), COLUMNS.gross, y, { width: COLUMNS.end - COLUMNS.gross, align: 'right' });
  };
  total('Totaal excl. btw', model.netCents);
  for (const v of model.vatBreakdown)
    total(`Btw ${percentOfBasisPoints(v.vatRateBasisPoints)}% over ${credited(v.taxableCents)}`, v.vatCents);
  total('Totaal creditnota', model.totalCents, true);
  doc.font('Helvetica').moveDown(2);
  doc.text(
    `Deze creditnota verlaagt factuur ${model.invoiceNumber} met ${formatEuroNl(model.totalCents)}. ` +
      'Wat u op die factuur meer betaalde dan er nog openstaat, betalen wij u terug.',
    MARGIN,
    doc.y,
    { width: COLUMNS.end - MARGIN },
  );
  doc.end();
  return done;
}
