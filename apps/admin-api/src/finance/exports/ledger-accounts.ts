/**
 * The general-ledger accounts of the accounting export, per provider over the defaults
 * (ledger-accounts.defaults.json, or the file LEDGER_ACCOUNTS_FILE names). Checked when the API
 * starts (loadFinanceFiles, before the data directory is opened), so an export never posts to an
 * account or VAT rate that is not configured.
 */
import * as fs from 'node:fs';
import SHIPPED from './ledger-accounts.defaults.json';

export type JournalLayout = 'exact' | 'twinfield';
export const JOURNAL_LAYOUTS: readonly JournalLayout[] = ['exact', 'twinfield'];

export interface VatAccount {
  /** null for a rate without VAT (0 %, exempt): nothing is posted. */
  account: string | null;
  /** The VAT code of the administration, written on the revenue lines of that rate. */
  vatCode: string;
}

export interface LedgerAccounts {
  journals: Record<JournalLayout, string>;
  debtors: string;
  bank: string;
  /** By VAT rate in basis points ("2100", "900", "0"). */
  vat: Record<string, VatAccount>;
  revenue: { default: string; components: Record<string, string> };
}

interface LedgerAccountsFile {
  defaults: LedgerAccounts;
  providers: Record<string, Partial<LedgerAccounts>>;
}

const ACCOUNT = /^[A-Za-z0-9.]{1,20}$/;
const CODE = /^[A-Za-z0-9._-]{1,20}$/;
const PROVIDER = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SECTIONS = ['journals', 'debtors', 'bank', 'vat', 'revenue'] as const;

type Problems = string[];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkSection(where: string, section: string, value: unknown, problems: Problems): void {
  const bad = (what: string) => problems.push(`${where}.${what}`);
  switch (section) {
    case 'journals':
      if (!isRecord(value)) return void bad('journals');
      for (const layout of JOURNAL_LAYOUTS) if (!CODE.test(String(value[layout] ?? ''))) bad(`journals.${layout}`);
      for (const key of Object.keys(value)) if (!JOURNAL_LAYOUTS.includes(key as JournalLayout)) bad(`journals.${key}`);
      return;
    case 'debtors':
    case 'bank':
      if (typeof value !== 'string' || !ACCOUNT.test(value)) bad(section);
      return;
    case 'vat':
      if (!isRecord(value)) return void bad('vat');
      for (const [rate, entry] of Object.entries(value)) {
        if (!/^(0|[1-9][0-9]{0,3})$/.test(rate) || !isRecord(entry)) {
          bad(`vat.${rate}`);
          continue;
        }
        const account = entry['account'];
        if (rate === '0' ? account !== null : typeof account !== 'string' || !ACCOUNT.test(account))
          bad(`vat.${rate}.account`);
        if (!CODE.test(String(entry['vatCode'] ?? ''))) bad(`vat.${rate}.vatCode`);
      }
      return;
    case 'revenue':
      if (!isRecord(value) || !isRecord(value['components'])) return void bad('revenue');
      if (typeof value['default'] !== 'string' || !ACCOUNT.test(value['default'])) bad('revenue.default');
      for (const [kind, account] of Object.entries(value['components']))
        if (typeof account !== 'string' || !ACCOUNT.test(account)) bad(`revenue.components.${kind}`);
      return;
    default:
      bad(section);
  }
}

/** The file's problems, each a JSON path (`providers.loi.vat.900.account`); empty when it is valid. */
export function ledgerAccountsProblems(file: unknown): Problems {
  const problems: Problems = [];
  if (!isRecord(file) || !isRecord(file['defaults']) || !isRecord(file['providers'])) return ['defaults', 'providers'];
  for (const section of SECTIONS) checkSection('defaults', section, file['defaults'][section], problems);
  for (const key of Object.keys(file['defaults']))
    if (!SECTIONS.includes(key as never)) problems.push(`defaults.${key}`);
  const defaultRates = isRecord(file['defaults']['vat']) ? Object.keys(file['defaults']['vat']) : [];
  for (const rate of ['0', '900', '2100'])
    if (!defaultRates.includes(rate)) problems.push(`defaults.vat.${rate} (the Dutch rates must be configured)`);
  for (const [provider, overrides] of Object.entries(file['providers'])) {
    if (!PROVIDER.test(provider) || !isRecord(overrides)) {
      problems.push(`providers.${provider}`);
      continue;
    }
    for (const [section, value] of Object.entries(overrides))
      checkSection(`providers.${provider}`, section, value, problems);
  }
  return problems;
}

function parsed(file: unknown, source: string): LedgerAccountsFile {
  const problems = ledgerAccountsProblems(file);
  if (problems.length > 0) throw new Error(`${source}: invalid ${problems.join(', ')}`);
  return file as LedgerAccountsFile;
}

let loaded: LedgerAccountsFile | undefined;

/** Reads and checks the operator's file (or the shipped defaults without one); throws naming every invalid field. */
export function loadLedgerAccounts(file: string | undefined): LedgerAccountsFile {
  if (!file) return (loaded = parsed(SHIPPED, 'ledger-accounts.defaults.json'));
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`LEDGER_ACCOUNTS_FILE ${file} cannot be read as JSON: ${String(error)}`, { cause: error });
  }
  return (loaded = parsed(json, `LEDGER_ACCOUNTS_FILE ${file}`));
}

/** A provider's accounts: its overrides over the defaults (components and VAT rates merged by key). */
export function ledgerAccountsOf(provider: string): LedgerAccounts {
  const file = loaded ?? loadLedgerAccounts(undefined);
  const own = file.providers[provider] ?? {};
  const d = file.defaults;
  return {
    journals: { ...d.journals, ...own.journals },
    debtors: own.debtors ?? d.debtors,
    bank: own.bank ?? d.bank,
    vat: { ...d.vat, ...own.vat },
    revenue: {
      default: own.revenue?.default ?? d.revenue.default,
      components: { ...d.revenue.components, ...own.revenue?.components },
    },
  };
}
