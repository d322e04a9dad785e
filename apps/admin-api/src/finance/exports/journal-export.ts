/**
 * Journal lines for accounting software (docs/operations.md "The finance day", "Accounting export"):
 * every posting of the journal projection as one CSV row, its role mapped to the provider's
 * general-ledger account (ledger-accounts.ts), in the column layout an Exact Online import
 * definition or the Twinfield memorial (memoriaal) import template takes.
 */
import type { JournalEntryDocument, JournalPosting } from '@ledger/projections';
import { formatDateNl } from '@ledger/regulations';
import { EuroAmount, type CsvCell, type CsvFormat } from '../csv';
import { ledgerAccountsOf, type JournalLayout, type LedgerAccounts } from './ledger-accounts';

/**
 * Exact Online: one signed amount per line (debit positive, credit negative); Twinfield: a positive
 * amount with `debet`/`credit`, its period written `YYYY/MM` as Twinfield numbers periods.
 * `Boeking` is the entry's stable id (every line of one entry carries it); `Boekstuk` the document's
 * own reference (invoice number, credit-note id, payment or refund id).
 */
export const JOURNAL_HEADERS: Record<JournalLayout, readonly string[]> = {
  exact: [
    'Dagboek',
    'Boekjaar',
    'Periode',
    'Datum',
    'Boeking',
    'Boekstuk',
    'Omschrijving',
    'Grootboekrekening',
    'Relatie',
    'Factuurnummer',
    'Bedrag',
    'Btw-code',
    'Valuta',
  ],
  twinfield: [
    'Dagboek',
    'Datum',
    'Periode',
    'Boeking',
    'Boekstuk',
    'Grootboekrekening',
    'Relatie',
    'Omschrijving',
    'Bedrag',
    'Debet/Credit',
    'Btw-code',
    'Valuta',
    'Factuurnummer',
  ],
};

export interface JournalLine {
  entry: JournalEntryDocument;
  posting: JournalPosting;
  account: string;
  /** The customer id on the debtors line (the relation in the accounting package). */
  relation: string | null;
  vatCode: string | null;
  invoiceNumber: string | null;
  description: string;
}

function accountOf(accounts: LedgerAccounts, posting: JournalPosting, entry: JournalEntryDocument): string {
  switch (posting.role) {
    case 'debtors':
      return accounts.debtors;
    case 'bank':
      return accounts.bank;
    case 'revenue':
      return accounts.revenue.components[posting.component ?? ''] ?? accounts.revenue.default;
    case 'vat': {
      const account = accounts.vat[String(posting.vatRateBasisPoints)]?.account;
      if (!account)
        throw new Error(
          `ledger accounts: no VAT account for rate ${posting.vatRateBasisPoints} bp (provider ${entry.provider})`,
        );
      return account;
    }
  }
}

/** A credit note's number once assigned (FIN-I16), else the entry's document id. */
const documentNumberOf = (entry: JournalEntryDocument): string => entry.creditNoteNumber ?? entry.documentId;

/** What an entry is, in Dutch, for the line description. */
export function describeEntry(entry: JournalEntryDocument, invoiceNumber: string | null): string {
  const invoice = invoiceNumber ?? entry.invoiceId ?? '';
  switch (entry.kind) {
    case 'invoice':
      return `Factuur ${invoice}`;
    case 'credit-note':
      return `Creditnota ${documentNumberOf(entry)} op factuur ${invoice}`;
    case 'payment':
      return `Betaling ${entry.documentId} op factuur ${invoice}`;
    case 'payment-reversal':
      return `Storno betaling ${entry.documentId} op factuur ${invoice}`;
    case 'refund-payout':
      return `Terugbetaling ${entry.documentId}${entry.invoiceId ? ` op factuur ${invoice}` : ''}`;
  }
}

/** The lines of one entry, in the order of its postings. */
export function journalLines(entry: JournalEntryDocument, invoiceNumber: string | null): JournalLine[] {
  const accounts = ledgerAccountsOf(entry.provider);
  const description = describeEntry(entry, invoiceNumber);
  return entry.postings.map((posting) => ({
    entry,
    posting,
    account: accountOf(accounts, posting, entry),
    relation: posting.role === 'debtors' ? entry.customerId : null,
    vatCode: posting.role === 'revenue' ? (accounts.vat[String(posting.vatRateBasisPoints)]?.vatCode ?? null) : null,
    invoiceNumber,
    description,
  }));
}

export function journalRow(line: JournalLine, layout: JournalLayout, format: CsvFormat): CsvCell[] {
  const { entry, posting } = line;
  const journal = ledgerAccountsOf(entry.provider).journals[layout];
  const date = format === 'nl' ? formatDateNl(entry.bookedOn) : entry.bookedOn;
  const reference = entry.kind === 'invoice' ? (line.invoiceNumber ?? entry.documentId) : documentNumberOf(entry);
  const signedCents = posting.debitCents - posting.creditCents;
  if (layout === 'exact')
    return [
      journal,
      Number(entry.period.slice(0, 4)),
      Number(entry.period.slice(5, 7)),
      date,
      entry.entryId,
      reference,
      line.description,
      line.account,
      line.relation,
      line.invoiceNumber,
      new EuroAmount(signedCents),
      line.vatCode,
      'EUR',
    ];
  return [
    journal,
    date,
    entry.period.replace('-', '/'),
    entry.entryId,
    reference,
    line.account,
    line.relation,
    line.description,
    new EuroAmount(Math.abs(signedCents)),
    signedCents >= 0 ? 'debet' : 'credit',
    line.vatCode,
    'EUR',
    line.invoiceNumber,
  ];
}

/** The months `YYYY-MM` from the month of `from` to the month of `to`, in order. */
export function periodsBetween(from: string, to: string): string[] {
  const periods: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    if (period > last) return periods;
    periods.push(period);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
