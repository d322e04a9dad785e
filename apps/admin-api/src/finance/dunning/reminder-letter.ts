/**
 * A dunning letter as a PDF in Dutch (pdfkit, like the invoice: `€ 1.234,56`, dd-mm-jjjj): the
 * first reminder (herinnering) is the "veertiendagenbrief" of art. 6:96 lid 6 BW: it gives 14 days
 * from the day after receipt and states the collection costs owed if the invoice is still unpaid
 * after them; the demand (aanmaning) states the costs and interest now charged (FIN-I15). The model
 * is read from the dunning projection (the letter as recorded), the customer's stream (billing
 * details as of the letter) and the provider configuration; the costs come from the rulebook's own
 * collection-costs act, so the letter states what the balance will charge.
 */
import { Inject, Injectable, NotFoundException, ConflictException } from '@nestjs/common';
import { readWholeStream, type Storage } from '@ledger/application';
import { customerStreamId } from '@ledger/domain';
import type { DunningDocument, DunningLetterView } from '@ledger/projections';
import {
  financeActsOf,
  formatDateNl,
  formatEuroNl,
  toLocalDate,
  type ReminderFacts,
  type RulebookRegistry,
} from '@ledger/regulations';
import { RULEBOOKS, STORAGE } from '../../tokens';
import { customerPartyAsOf, type InvoiceParty } from '../invoicing/invoice-model';
import { openProviderDocument, writeLetterhead } from '../invoicing/invoice-pdf';
import { providerBillingOf, type ProviderBilling } from '../invoicing/provider-billing';

export interface ReminderLetterModel {
  letter: 'herinnering' | 'aanmaning';
  reminderNumber: number;
  invoiceNumber: string;
  paymentReference: string;
  issuedOn: string;
  dueDate: string;
  totalCents: number;
  /** What the invoice still asked when the letter was sent. */
  outstandingCents: number;
  sentOn: string;
  termDays: number;
  reminderTermEndsOn: string;
  /** Herinnering: owed if still unpaid after its term; aanmaning: owed now (the first reminder's term passed). */
  collectionCostsCents: number;
  /** The first reminder, which an aanmaning refers to. */
  firstReminder: { sentOn: string; reminderTermEndsOn: string };
  customerId: string;
  customerKind: 'consumer' | 'business';
  supplier: ProviderBilling;
  customer: InvoiceParty;
  ruleIds: string[];
}

const factsOf = (letter: DunningLetterView): ReminderFacts => ({
  sentOn: toLocalDate(letter.sentAt),
  receivedOn: letter.receivedOn,
  termDays: letter.termDays,
  reminderTermEndsOn: letter.reminderTermEndsOn,
  collectionCostsDueFrom: letter.collectionCostsDueFrom,
  interestFrom: letter.interestFrom,
});

@Injectable()
export class ReminderLetters {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(RULEBOOKS) private readonly rulebooks: RulebookRegistry,
  ) {}

  async model(dunning: DunningDocument, reminderNumber: number): Promise<ReminderLetterModel> {
    const letter = dunning.letters.find((l) => l.reminderNumber === reminderNumber);
    const first = dunning.letters[0];
    if (!letter || !first)
      throw new NotFoundException({
        error: 'REMINDER_NOT_FOUND',
        message: `Invoice ${dunning.invoiceId} has no reminder ${reminderNumber}`,
      });
    if (dunning.invoiceNumber === null || dunning.paymentReference === null)
      throw new ConflictException({
        error: 'INVOICE_NOT_NUMBERED',
        message: `Invoice ${dunning.invoiceId} has no number yet (FIN-I9): its letters follow once it is numbered`,
      });
    const supplier = providerBillingOf(dunning.provider);
    const customerEvents = await readWholeStream(this.storage.eventStore, customerStreamId(dunning.customerId));
    if (customerEvents.length === 0)
      throw new NotFoundException({ error: 'CUSTOMER_NOT_FOUND', message: `No customer ${dunning.customerId}` });
    const sentOn = toLocalDate(letter.sentAt);
    const { kind, ...customer } = customerPartyAsOf(customerEvents, sentOn);
    // FIN-I3: the costs' base is what is unpaid when the first reminder's term ends; a letter states it on what it asks.
    const costs = financeActsOf(this.rulebooks.rulebookFor(dunning.provider, first.sentAt)).collectionCosts;
    const { costsCents } = costs.collectionCosts({
      customerKind: kind,
      dueDate: dunning.dueDate,
      principalCents: letter.outstandingCents,
      reminder: factsOf(first),
      asOf: first.collectionCostsDueFrom,
    });
    return {
      letter: letter.letter === 'aanmaning' ? 'aanmaning' : 'herinnering',
      reminderNumber,
      invoiceNumber: dunning.invoiceNumber,
      paymentReference: dunning.paymentReference,
      issuedOn: dunning.issuedOn,
      dueDate: dunning.dueDate,
      totalCents: dunning.totalCents,
      outstandingCents: letter.outstandingCents,
      sentOn,
      termDays: letter.termDays,
      reminderTermEndsOn: letter.reminderTermEndsOn,
      collectionCostsCents: costsCents,
      firstReminder: { sentOn: toLocalDate(first.sentAt), reminderTermEndsOn: first.reminderTermEndsOn },
      customerId: dunning.customerId,
      customerKind: kind,
      supplier,
      customer,
      ruleIds: letter.ruleIds,
    };
  }
}

/** The sentences that make the letter what it is: the payment request, and the costs warning or claim. */
export function reminderLetterParagraphs(m: ReminderLetterModel): string[] {
  const s = m.supplier;
  const pay =
    `Wij verzoeken u ${formatEuroNl(m.outstandingCents)} binnen ${m.termDays} dagen na ontvangst van deze brief, ` +
    `uiterlijk ${formatDateNl(m.reminderTermEndsOn)}, over te maken op ${s.iban} t.n.v. ${s.legalName}, onder ` +
    `vermelding van betalingskenmerk ${m.paymentReference}.`;
  const invoice =
    `factuur ${m.invoiceNumber} van ${formatDateNl(m.issuedOn)} (${formatEuroNl(m.totalCents)}), ` +
    `die op ${formatDateNl(m.dueDate)} betaald had moeten zijn`;
  if (m.letter === 'herinnering') {
    const warning =
      m.customerKind === 'consumer'
        ? `Betaalt u niet binnen deze termijn van ${m.termDays} dagen na ontvangst van deze brief, dan bent u ` +
          `buitengerechtelijke incassokosten verschuldigd van ${formatEuroNl(m.collectionCostsCents)} ` +
          `(artikel 6:96 lid 6 BW en het Besluit vergoeding voor buitengerechtelijke incassokosten), ` +
          `vermeerderd met de wettelijke rente.`
        : `Betaalt u niet binnen deze termijn, dan zijn wij gerechtigd buitengerechtelijke incassokosten van ` +
          `${formatEuroNl(m.collectionCostsCents)} en de wettelijke handelsrente in rekening te brengen.`;
    return [
      `Uit onze administratie blijkt dat wij nog geen volledige betaling hebben ontvangen van ${invoice}. ` +
        `Het openstaande bedrag is ${formatEuroNl(m.outstandingCents)}.`,
      pay,
      `Aan deze herinnering zijn geen kosten verbonden.`,
      warning,
      `Heeft u inmiddels betaald, dan kunt u deze brief als niet verzonden beschouwen.`,
    ];
  }
  return [
    `Op ${formatDateNl(m.firstReminder.sentOn)} stuurden wij u een betalingsherinnering voor ${invoice}. ` +
      `De termijn daarvan is op ${formatDateNl(m.firstReminder.reminderTermEndsOn)} verstreken zonder dat wij uw ` +
      `volledige betaling ontvingen.`,
    `U bent daarom naast het openstaande bedrag van ${formatEuroNl(m.outstandingCents)} buitengerechtelijke ` +
      `incassokosten verschuldigd van ${formatEuroNl(m.collectionCostsCents)}, vermeerderd met de wettelijke rente.`,
    pay,
    `Betaalt u niet binnen deze termijn, dan dragen wij de vordering over ter incasso.`,
  ];
}

export function renderReminderLetterPdf(m: ReminderLetterModel): Promise<Buffer> {
  const title = m.letter === 'herinnering' ? 'Betalingsherinnering' : 'Aanmaning';
  const { doc, done } = openProviderDocument(`${title} ${m.invoiceNumber}`, m.supplier);
  writeLetterhead(doc, m.supplier, m.customer);

  doc.font('Helvetica-Bold').fontSize(14).text(title);
  doc.font('Helvetica').fontSize(10);
  doc.text(`Datum: ${formatDateNl(m.sentOn)}`);
  doc.text(`Factuurnummer: ${m.invoiceNumber}`);
  doc.text(`Vervaldatum factuur: ${formatDateNl(m.dueDate)}`);
  doc.text(`Openstaand bedrag: ${formatEuroNl(m.outstandingCents)}`);
  doc.text(`Betalingskenmerk: ${m.paymentReference}`);
  doc.text(`Klantnummer: ${m.customerId}`);
  doc.moveDown(1.5);

  doc.text('Geachte heer, mevrouw,');
  doc.moveDown();
  for (const paragraph of reminderLetterParagraphs(m)) {
    doc.text(paragraph, { width: 495 });
    doc.moveDown();
  }
  doc.text('Met vriendelijke groet,');
  doc.text(m.supplier.legalName);
  doc.end();
  return done;
}
