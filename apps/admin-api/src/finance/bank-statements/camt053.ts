/**
 * Reads an ISO 20022 camt.053 bank-to-customer statement (what Dutch banks export) with
 * fast-xml-parser. One statement (Stmt) per file; each entry (Ntry) becomes one line. A file that
 * is not well-formed, not camt.053, or lacks an element the import needs is refused with 400
 * naming the element, before anything is recorded.
 */
import { createHash } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_STATEMENT_ENTRIES, type BankStatementImported, type BankStatementLine } from '@ledger/domain';
import { isIban, isLocalDate, toLocalDate } from '@ledger/regulations';

const CAMT_053_NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}$/;

type Node = Record<string, unknown>;

export class CamtError extends BadRequestException {
  constructor(element: string, message: string) {
    super({
      error: 'INVALID_CAMT053',
      message: `${element}: ${message}`,
      fields: [{ field: element, messages: [message] }],
    });
  }
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => ['Stmt', 'Ntry', 'TxDtls', 'Ustrd'].includes(name),
});

const child = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, name) => (at && typeof at === 'object' ? (at as Node)[name] : undefined), node);

/** Text of an element (a value with attributes is an object with `#text`). */
function text(node: unknown): string | null {
  if (typeof node === 'string') return node.trim() === '' ? null : node.trim();
  if (node && typeof node === 'object' && typeof (node as Node)['#text'] === 'string')
    return text((node as Node)['#text']);
  return null;
}

function required(node: unknown, element: string, ...path: string[]): string {
  const value = text(child(node, ...path));
  if (value === null) throw new CamtError(`${element}/${path.join('/')}`, 'is missing');
  return value;
}

/** "1210.00" -> 121000; no floating point. */
function cents(value: string, element: string): number {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new CamtError(element, `"${value.slice(0, 40)}" is not an amount with at most 2 decimals`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function bookingDate(entry: unknown, element: string): string {
  const value = text(child(entry, 'BookgDt', 'Dt')) ?? text(child(entry, 'BookgDt', 'DtTm'));
  if (value === null) throw new CamtError(`${element}/BookgDt`, 'is missing');
  if (isLocalDate(value)) return value;
  try {
    return toLocalDate(value);
  } catch {
    throw new CamtError(`${element}/BookgDt`, `"${value.slice(0, 40)}" is not a date`);
  }
}

/** The payer of a credit or the payee of a debit (camt.053.001.02 and .08 name them differently). */
function counterparty(details: unknown, credit: boolean): { name: string | null; iban: string | null } {
  const role = credit ? 'Dbtr' : 'Cdtr';
  const parties = child(details, 'RltdPties');
  const name = text(child(parties, role, 'Nm')) ?? text(child(parties, role, 'Pty', 'Nm'));
  const iban = text(child(parties, `${role}Acct`, 'Id', 'IBAN'));
  return { name, iban };
}

function line(entry: unknown, index: number, statementId: string): BankStatementLine {
  const element = `Stmt/Ntry[${index + 1}]`;
  const amount = child(entry, 'Amt');
  const currency = child(amount, '@Ccy');
  if (currency !== 'EUR') throw new CamtError(`${element}/Amt`, `currency ${String(currency)} is not EUR`);
  const amountCents = cents(required(entry, element, 'Amt'), `${element}/Amt`);
  const indicator = required(entry, element, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT')
    throw new CamtError(`${element}/CdtDbtInd`, `"${indicator.slice(0, 10)}" is neither CRDT nor DBIT`);
  const details = (child(entry, 'NtryDtls', 'TxDtls') as unknown[] | undefined) ?? [];
  const ustrd = details.flatMap((d) => (child(d, 'RmtInf', 'Ustrd') as unknown[] | undefined) ?? []).map(text);
  const structured = details
    .map((d) => text(child(d, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref')))
    .find((ref) => ref !== null);
  const party = counterparty(details[0], indicator === 'CRDT');
  const reference =
    text(child(entry, 'AcctSvcrRef')) ??
    text(child(entry, 'NtryRef')) ??
    text(child(details[0], 'Refs', 'AcctSvcrRef'));
  return {
    lineId: `${statementId}-L${index + 1}`,
    entryReference: reference ?? `#${index + 1}`,
    creditDebit: indicator === 'CRDT' ? 'credit' : 'debit',
    amountCents,
    bookingDate: bookingDate(entry, element),
    counterpartyName: party.name,
    counterpartyIban: party.iban,
    structuredReference: structured ?? null,
    remittanceText: ustrd.filter((t): t is string => t !== null).join(' '),
  };
}

/** The statement of a camt.053 file, ready to import (`importedAt` is set by the caller). */
export function parseCamt053(xml: string): Omit<BankStatementImported['data'], 'importedAt'> {
  if (typeof xml !== 'string' || xml.trim() === '')
    throw new CamtError('Document', 'the body is empty: send the camt.053 XML');
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    throw new CamtError('Document', `not well-formed XML at line ${wellFormed.err.line}: ${wellFormed.err.msg}`);
  const parsed = parser.parse(xml) as Node;
  const document = parsed['Document'];
  if (!document) throw new CamtError('Document', 'the root element must be Document (camt.053)');
  // The parser drops namespace declarations with the prefixes: read the root's from the text.
  const namespace = /<(?:[\w.-]+:)?Document\b[^>]*?\sxmlns(?::[\w.-]+)?="([^"]*)"/.exec(xml)?.[1];
  if (typeof namespace !== 'string' || !CAMT_053_NAMESPACE.test(namespace))
    throw new CamtError(
      'Document',
      `namespace ${String(namespace).slice(0, 80)} is not camt.053 (urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx)`,
    );
  const statements = child(document, 'BkToCstmrStmt', 'Stmt') as unknown[] | undefined;
  if (!statements || statements.length === 0) throw new CamtError('BkToCstmrStmt/Stmt', 'is missing');
  if (statements.length > 1) throw new CamtError('BkToCstmrStmt/Stmt', 'send one statement per file');
  const statement = statements[0];
  const bankStatementId = required(statement, 'Stmt', 'Id');
  const accountIban = required(statement, 'Stmt', 'Acct', 'Id', 'IBAN').replace(/\s+/g, '').toUpperCase();
  if (!isIban(accountIban)) throw new CamtError('Stmt/Acct/Id/IBAN', `${accountIban.slice(0, 40)} is not a valid IBAN`);
  const entries = (child(statement, 'Ntry') as unknown[] | undefined) ?? [];
  if (entries.length > MAX_STATEMENT_ENTRIES)
    throw new CamtError('Stmt/Ntry', `a statement holds at most ${MAX_STATEMENT_ENTRIES} entries`);
  const statementId = createHash('sha256').update(`${accountIban}:${bankStatementId}`).digest('hex').slice(0, 20);
  return {
    statementId,
    accountIban,
    bankStatementId,
    createdAt: text(child(statement, 'CreDtTm')),
    contentHash: createHash('sha256').update(xml).digest('hex'),
    lines: entries.map((entry, i) => line(entry, i, statementId)),
  };
}
