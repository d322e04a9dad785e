/**
 * Bank statements (ISO 20022 camt.053) imported to turn incoming transfers into payments
 * (docs/operations.md "Bank statements"). One stream per statement, named by the account and the
 * bank's statement id, so importing the same file twice finds the statement already there.
 */
import type { PersonalDataPolicy } from '@ledger/event-store';
import type { DomainEvent } from '../shared/decider';

export const bankStatementStreamId = (statementId: string): string => `bank-statement-${statementId}`;

/** A statement holds at most this many entries (a busy account's day is far below it). */
export const MAX_STATEMENT_ENTRIES = 5_000;

export interface BankStatementLine {
  /** `<statementId>-L<n>`: the n-th entry of the statement. */
  lineId: string;
  /** The bank's reference of the entry (AcctSvcrRef, else NtryRef), or `#<n>` when it gives none. */
  entryReference: string;
  creditDebit: 'credit' | 'debit';
  amountCents: number;
  bookingDate: string;
  /** Payer (credit) or payee (debit): personal data of a consumer. */
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** The structured creditor reference (CdtrRefInf/Ref), e.g. a betalingskenmerk. */
  structuredReference: string | null;
  /** The unstructured remittance text (Ustrd lines joined). */
  remittanceText: string;
}

export type BankStatementImported = DomainEvent<
  'BankStatementImported',
  {
    statementId: string;
    /** The account the statement is of (IBAN). */
    accountIban: string;
    /** The bank's id of the statement (Stmt/Id). */
    bankStatementId: string;
    createdAt: string | null;
    /** sha256 of the file: the same id with other content is refused. */
    contentHash: string;
    lines: BankStatementLine[];
    importedAt: string;
  }
>;

/** Part (or all) of a credit line paid on an invoice: the payment is recorded in the invoice's stream. */
export type BankStatementLineAllocated = DomainEvent<
  'BankStatementLineAllocated',
  {
    statementId: string;
    lineId: string;
    invoiceId: string;
    paymentId: string;
    ownerStreamId: string;
    amountCents: number;
    /** How the invoice was found: the payment reference, the invoice number in the text, or by hand. */
    matchedBy: 'payment-reference' | 'invoice-number' | 'manual';
    allocatedAt: string;
  }
>;

export type BankStatementEvent = BankStatementImported | BankStatementLineAllocated;

/** The lines name payers and their accounts: sealed with a key per statement, erasable with it. */
export const bankStatementPersonalData: PersonalDataPolicy = {
  BankStatementImported: { subjectField: 'statementId', subjectNamespace: 'bank-statement', personalFields: ['lines'] },
};
