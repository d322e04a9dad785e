/**
 * The credit note as a PDF in Dutch (pdfkit), laid out as the invoice (invoice-pdf.ts): titled
 * "Creditnota", naming the invoice it credits, with the credited amounts negative as Dutch credit
 * notes write them (€ -1.234,56).
 */
import { formatDateNl, formatEuroNl } from '@ledger/regulations';
import { reasonNl, type CreditNoteModel } from './credit-note-model';
import { percentOfBasisPoints } from './invoice-model';
import { COLUMNS, MARGIN, openProviderDocument, writeLetterhead } from './invoice-pdf';

export function renderCreditNotePdf(model: CreditNoteModel): Promise<Buffer> {
  const { doc, done } = openProviderDocument(`Creditnota ${model.creditNoteNumber}`, model.supplier);
  const credited = (cents: number) => formatEuroNl(-cents);
  writeLetterhead(doc, model.supplier, model.customer);

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
