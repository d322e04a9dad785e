/** The journal export's configuration and rows, without HTTP: what start-up refuses and how a posting is written. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JournalEntryDocument } from '@ledger/projections';
import { allocateCredit } from '@ledger/projections';
import SHIPPED from './ledger-accounts.defaults.json';
import { journalLines, journalRow, periodsBetween } from './journal-export';
import { ledgerAccountsOf, ledgerAccountsProblems, loadLedgerAccounts } from './ledger-accounts';
import { loadProviderBilling, providerBillingOf, providerBillingProblems } from '../invoicing/provider-billing';
import BILLING from '../invoicing/provider-billing.defaults.json';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const tempFile = (content: unknown): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-config-')), 'config.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('ledger accounts configuration', () => {
  afterEach(() => loadLedgerAccounts(undefined));

  it('the shipped defaults are valid and give every Dutch VAT rate an account or none for 0 %', () => {
    expect(ledgerAccountsProblems(SHIPPED)).toEqual([]);
    const plusport = ledgerAccountsOf('plusport');
    expect(plusport.vat['2100']).toEqual({ account: '1500', vatCode: 'VH' });
    expect(plusport.vat['0']!.account).toBeNull();
  });

  it('names every invalid field: an account with a space, a missing rate, an unknown layout, a VAT account on 0 %', () => {
    const file = copy(SHIPPED) as Record<string, any>;
    file['defaults'].debtors = '13 00';
    delete file['defaults'].vat['900'];
    file['defaults'].vat['0'].account = '1500';
    file['defaults'].journals.afas = 'X';
    file['providers'].loi = { revenue: { default: '', components: {} } };
    expect(ledgerAccountsProblems(file)).toEqual([
      'defaults.journals.afas',
      'defaults.debtors',
      'defaults.vat.0.account',
      'defaults.vat.900 (the Dutch rates must be configured)',
      'providers.loi.revenue.default',
    ]);
    expect(() => loadLedgerAccounts(tempFile(file))).toThrow(/LEDGER_ACCOUNTS_FILE .*defaults\.debtors/);
  });

  it("a provider's overrides win per key over the defaults; unknown components fall back to the default revenue account", () => {
    const file = copy(SHIPPED) as Record<string, any>;
    file['providers'].loi = { bank: '1110', revenue: { default: '8500', components: { tuition: '8510' } } };
    loadLedgerAccounts(tempFile(file));
    const loi = ledgerAccountsOf('loi');
    expect(loi).toMatchObject({ bank: '1110', debtors: '1300' });
    expect(loi.revenue.components['tuition']).toBe('8510');
    expect(loi.revenue.components['classroom']).toBe('8040');
    expect(ledgerAccountsOf('plusport').bank).toBe('1100');
  });
});

describe('journal rows', () => {
  const invoice: JournalEntryDocument = {
    entryId: 'invoice:x-INV-1',
    kind: 'invoice',
    provider: 'plusport',
    customerId: 'c1',
    bookedOn: '2026-02-02',
    period: '2026-02',
    documentId: 'x-INV-1',
    invoiceId: 'x-INV-1',
    invoiceNumber: 'PP-2026-000001',
    postings: [
      { role: 'debtors', component: null, vatRateBasisPoints: null, debitCents: 121_000, creditCents: 0 },
      { role: 'revenue', component: 'weird-kind', vatRateBasisPoints: 2100, debitCents: 0, creditCents: 100_000 },
      { role: 'vat', component: null, vatRateBasisPoints: 2100, debitCents: 0, creditCents: 21_000 },
    ],
  };

  it('Exact: signed amounts with a decimal point (rfc) or comma (nl); the debtors line names the customer', () => {
    const rows = journalLines(invoice, 'PP-2026-000001').map((line) => journalRow(line, 'exact', 'nl'));
    expect(rows.map((r) => [r[7], r[8], (r[10] as { format(f: string): string }).format('nl'), r[11]])).toEqual([
      ['1300', 'c1', '1210,00', null],
      ['8000', null, '-1000,00', 'VH'],
      ['1500', null, '-210,00', null],
    ]);
    expect(rows[0]!.slice(0, 6)).toEqual(['90', 2026, 2, '02-02-2026', 'invoice:x-INV-1', 'PP-2026-000001']);
  });

  it('Twinfield: positive amounts with debet/credit and the period as YYYY/MM', () => {
    const rows = journalLines(invoice, 'PP-2026-000001').map((line) => journalRow(line, 'twinfield', 'rfc'));
    expect(rows.map((r) => [r[2], r[5], (r[8] as { format(f: string): string }).format('rfc'), r[9]])).toEqual([
      ['2026/02', '1300', '1210.00', 'debet'],
      ['2026/02', '8000', '1000.00', 'credit'],
      ['2026/02', '1500', '210.00', 'credit'],
    ]);
  });

  it('a VAT rate without an account is an error, not a line on no account', () => {
    const odd = { ...invoice, postings: [{ ...invoice.postings[2]!, vatRateBasisPoints: 600 }] };
    expect(() => journalLines(odd, null)).toThrow(/no VAT account for rate 600/);
  });

  it('periods run month by month across a year end', () => {
    expect(periodsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2026-02-01', '2026-02-28')).toEqual(['2026-02']);
  });

  it('a credit is spread over the invoice lines in proportion to their net, summing exactly', () => {
    const lines = [
      { description: 'Boek', kind: 'textbook', netCents: 10_000, vatRateBasisPoints: 900 },
      { description: 'Les', kind: 'classroom', netCents: 20_000, vatRateBasisPoints: 900 },
    ];
    const credited = allocateCredit(lines, 10_001);
    expect(credited.map((l) => l.netCents)).toEqual([3_334, 6_667]);
    expect(credited.reduce((sum, l) => sum + l.netCents, 0)).toBe(10_001);
  });
});

describe('provider billing configuration', () => {
  afterEach(() => loadProviderBilling(undefined));

  it('the shipped placeholders pass their checks', () => {
    for (const details of Object.values(BILLING.providers)) expect(providerBillingProblems(details)).toEqual([]);
  });

  it('an override file replaces the placeholders; a wrong IBAN check digit, KvK length, VAT id or postcode is named and refused', () => {
    const own = copy(BILLING);
    own.providers.plusport.legalName = 'PlusPort Echt B.V.';
    expect(loadProviderBilling(tempFile(own))).toMatchObject({ providers: 4 });
    expect(providerBillingOf('plusport').legalName).toBe('PlusPort Echt B.V.');

    const bad = copy(BILLING);
    Object.assign(bad.providers.loi, {
      iban: 'NL39RABO0300065265',
      kvkNumber: '2801234',
      vatId: 'NL123456789B02',
      bic: 'rabonl2u',
    });
    bad.providers.loi.address.postalCode = '2312CLX';
    expect(() => loadProviderBilling(tempFile(bad))).toThrow(
      /loi has an invalid address\.postalCode, kvkNumber, vatId, iban, bic/,
    );
    expect(() => loadProviderBilling('/nonexistent/billing.json')).toThrow(/cannot be read as JSON/);
  });
});
