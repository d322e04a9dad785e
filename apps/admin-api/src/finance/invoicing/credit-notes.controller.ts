/**
 * Credit notes and their documents (docs/operations.md "The finance day"): a credit note is found
 * by its ledger id (`creditNotes[].creditNoteId` on GET /invoices/{id}); its documents carry its
 * number in the provider's credit-note series (FIN-I16).
 */
import { Controller, Get, Headers, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ReadModels } from '@ledger/application';
import { INVOICES, JOURNAL, type CreditNoteDocument, type InvoiceDocument } from '@ledger/projections';
import { FinanceReadRoles } from '../../auth/roles';
import { Doc, objectOf } from '../../http/openapi';
import { ID_PATTERN } from '../../http/validators';
import { READ_MODELS } from '../../tokens';
import { renderCreditNotePdf } from './credit-note-pdf';
import { renderCreditNoteUbl } from './credit-note-ubl';
import { InvoiceDocuments } from './invoice-documents';

const wantsPdf = (accept: string | undefined): boolean =>
  typeof accept === 'string' && /(^|,)\s*application\/pdf\b/i.test(accept);

const notFound = (creditNoteId: string) =>
  new NotFoundException({
    error: 'CREDIT_NOTE_NOT_FOUND',
    message: `creditNoteId: no credit note ${creditNoteId.slice(0, 100)}`,
  });

@ApiTags('finance')
@Controller('credit-notes')
export class CreditNotesController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly documents: InvoiceDocuments,
  ) {}

  @Doc({
    summary: 'Get a credit note (JSON or PDF)',
    description:
      'The credit note with its number (`creditNoteNumber`, e.g. PP-CN-2026-000001: a series per provider and year, FIN-I16; null until assigned), the invoice it credits, its net, VAT and total and the credited amount per invoice line (in proportion to the lines). With `Accept: application/pdf` the Dutch document ("Creditnota", naming its number and the invoice number, amounts as € -1.234,56); 409 INVOICE_NOT_NUMBERED or CREDIT_NOTE_NOT_NUMBERED while either has no number yet. Appends nothing.',
    errors: [404, 409],
    response: objectOf(
      'The credit note: creditNoteId, creditNoteNumber, invoiceId, invoiceNumber, issuedOn, netCents, vatCents, totalCents, lines, reason',
    ),
  })
  @Get(':creditNoteId')
  @FinanceReadRoles()
  @ApiProduces('application/json', 'application/pdf')
  async getCreditNote(
    @Param('creditNoteId') creditNoteId: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { note, invoice } = await this.creditNote(creditNoteId);
    if (!wantsPdf(accept)) return { ...note, invoiceNumber: invoice.invoiceNumber };
    const model = await this.documents.creditNoteModel(note, invoice);
    void reply.header('content-type', 'application/pdf');
    void reply.header('content-disposition', `inline; filename="creditnota-${model.creditNoteNumber}.pdf"`);
    return renderCreditNotePdf(model);
  }

  @Doc({
    summary: 'Get a credit note as UBL (Peppol BIS 3.0)',
    description:
      'The credit note as a UBL 2.1 CreditNote (type code 381) with the Peppol BIS Billing 3.0 customization id and a BillingReference to the invoice it credits; amounts positive, VAT at the invoice rate. Its ID is the number of the credit note (FIN-I16). 404 when unknown; 409 INVOICE_NOT_NUMBERED or CREDIT_NOTE_NOT_NUMBERED while either has no number yet. Appends nothing.',
    errors: [404, 409],
    response: { type: 'string', description: 'UBL 2.1 CreditNote XML' },
  })
  @Get(':creditNoteId/ubl')
  @FinanceReadRoles()
  @ApiProduces('application/xml')
  async getCreditNoteUbl(
    @Param('creditNoteId') creditNoteId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { note, invoice } = await this.creditNote(creditNoteId);
    const model = await this.documents.creditNoteModel(note, invoice);
    void reply.header('content-type', 'application/xml; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="${model.creditNoteNumber}.xml"`);
    return renderCreditNoteUbl(model);
  }

  private async creditNote(creditNoteId: string): Promise<{ note: CreditNoteDocument; invoice: InvoiceDocument }> {
    if (!ID_PATTERN.test(creditNoteId)) throw notFound(creditNoteId);
    await this.readModels.ready();
    const note = await this.readModels.get<CreditNoteDocument>(JOURNAL.name, JOURNAL.creditNotes, creditNoteId);
    if (!note) throw notFound(creditNoteId);
    const invoice = await this.readModels.get<InvoiceDocument>(INVOICES.name, INVOICES.collection, note.body.invoiceId);
    if (!invoice) throw notFound(creditNoteId);
    return { note: note.body, invoice: invoice.body };
  }
}
