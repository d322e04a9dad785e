/**
 * Assembles an invoice's document model from the log and the read side (docs/architecture.md
 * "Invoice documents"): the invoice as projected, the customer's own stream for its
 * billing details (personal data, opened with the customer's key) and the provider configuration.
 */
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { readWholeStream, type Storage } from '@ledger/application';
import { customerStreamId } from '@ledger/domain';
import type { CreditNoteDocument, InvoiceDocument } from '@ledger/projections';
import { STORAGE } from '../../tokens';
import type { CreditNoteModel } from './credit-note-model';
import { customerPartyAsOf, vatBreakdownOf, type InvoiceModel } from './invoice-model';
import { providerBillingOf } from './provider-billing';

@Injectable()
export class InvoiceDocuments {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async model(invoice: InvoiceDocument): Promise<InvoiceModel> {
    const { invoiceNumber, paymentReference } = numbered(invoice);
    const { supplier, customer, kind } = await this.parties(invoice, invoice.issuedOn);
    return {
      invoiceId: invoice.invoiceId,
      invoiceNumber,
      paymentReference,
      issuedOn: invoice.issuedOn,
      dueDate: invoice.dueDate,
      customerId: invoice.customerId,
      customerKind: kind,
      supplier,
      customer,
      lines: invoice.lines,
      vatBreakdown: vatBreakdownOf(invoice.lines),
      netCents: invoice.netCents,
      vatCents: invoice.vatCents,
      totalCents: invoice.totalCents,
    };
  }

  /** A credit note's document: the parties as on the invoice it credits; both must be numbered. */
  async creditNoteModel(note: CreditNoteDocument, invoice: InvoiceDocument): Promise<CreditNoteModel> {
    const { invoiceNumber } = numbered(invoice);
    const creditNoteNumber = creditNoteNumbered(note);
    const { supplier, customer, kind } = await this.parties(invoice, note.issuedOn);
    return {
      creditNoteId: note.creditNoteId,
      creditNoteNumber,
      issuedOn: note.issuedOn,
      reason: note.reason,
      invoiceId: invoice.invoiceId,
      invoiceNumber,
      invoiceIssuedOn: invoice.issuedOn,
      customerId: note.customerId,
      customerKind: kind,
      supplier,
      customer,
      lines: note.lines,
      vatBreakdown: [
        { vatRateBasisPoints: note.vatRateBasisPoints, taxableCents: note.netCents, vatCents: note.vatCents },
      ],
      netCents: note.netCents,
      vatCents: note.vatCents,
      totalCents: note.totalCents,
    };
  }

  private async parties(invoice: InvoiceDocument, day: string) {
    const supplier = providerBillingOf(invoice.provider);
    const customerEvents = await readWholeStream(this.storage.eventStore, customerStreamId(invoice.customerId));
    if (customerEvents.length === 0)
      throw new NotFoundException({ error: 'CUSTOMER_NOT_FOUND', message: `No customer ${invoice.customerId}` });
    const { kind, ...customer } = customerPartyAsOf(customerEvents, day);
    return { supplier, customer, kind };
  }
}

function numbered(invoice: InvoiceDocument): { invoiceNumber: string; paymentReference: string } {
  if (invoice.invoiceNumber === null || invoice.paymentReference === null)
    throw new ConflictException({
      error: 'INVOICE_NOT_NUMBERED',
      message: `Invoice ${invoice.invoiceId} has no number yet (FIN-I9): its documents follow once it is numbered`,
    });
  return { invoiceNumber: invoice.invoiceNumber, paymentReference: invoice.paymentReference };
}

/** A credit note recorded before its series existed has its number once the process has read it (FIN-I16). */
function creditNoteNumbered(note: CreditNoteDocument): string {
  if (note.creditNoteNumber === null || note.creditNoteNumber === undefined)
    throw new ConflictException({
      error: 'CREDIT_NOTE_NOT_NUMBERED',
      message: `Credit note ${note.creditNoteId} has no number yet (FIN-I16): its documents follow once it is numbered`,
    });
  return note.creditNoteNumber;
}
