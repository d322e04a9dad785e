/** Bank statements: imported once, credit lines allocated never beyond their amount, each payment once. */
import { deciderSpec } from '../shared/decider-spec';
import { bankStatementDecider } from './decide';
import type { BankStatementImported, BankStatementLineAllocated } from './events';

const spec = deciderSpec(bankStatementDecider);
const line = (n: number, creditDebit: 'credit' | 'debit', amountCents: number) => ({
  lineId: `s1-L${n}`,
  entryReference: `ref-${n}`,
  creditDebit,
  amountCents,
  bookingDate: '2026-03-02',
  counterpartyName: null,
  counterpartyIban: null,
  structuredReference: null,
  remittanceText: '',
});
const imported: BankStatementImported = {
  type: 'BankStatementImported',
  data: {
    statementId: 's1',
    accountIban: 'NL91ABNA0417164300',
    bankStatementId: 'STMT-1',
    createdAt: null,
    contentHash: 'hash-1',
    lines: [line(1, 'credit', 10_000), line(2, 'debit', 500)],
    importedAt: '2026-03-03T08:00:00Z',
  },
};
const allocation = (paymentId: string, amountCents: number, lineId = 's1-L1'): BankStatementLineAllocated['data'] => ({
  statementId: 's1',
  lineId,
  invoiceId: 'inv-1',
  paymentId,
  ownerStreamId: 'enrolment-1',
  amountCents,
  matchedBy: 'manual',
  allocatedAt: '2026-03-03T09:00:00Z',
});

describe('bank statement decider', () => {
  it('the same file again records nothing; another file under the same statement id is 409 STATEMENT_CONFLICT', () => {
    spec.given([imported]).when({ type: 'ImportBankStatement', statement: imported.data }).then([]);
    spec
      .given([imported])
      .when({ type: 'ImportBankStatement', statement: { ...imported.data, contentHash: 'hash-2' } })
      .thenThrows({ error: 'STATEMENT_CONFLICT', status: 409 });
  });

  it('a credit line is allocated up to its amount, a payment id once; a debit line is not allocated', () => {
    const first: BankStatementLineAllocated = { type: 'BankStatementLineAllocated', data: allocation('p1', 6_000) };
    spec
      .given([imported])
      .when({ type: 'AllocateBankStatementLine', allocation: allocation('p1', 6_000) })
      .then([first]);
    spec
      .given([imported, first])
      .when({ type: 'AllocateBankStatementLine', allocation: allocation('p1', 6_000) })
      .then([]);
    spec
      .given([imported, first])
      .when({ type: 'AllocateBankStatementLine', allocation: allocation('p2', 4_001) })
      .thenThrows({ error: 'ALLOCATION_EXCEEDS_LINE', status: 422 });
    spec
      .given([imported])
      .when({ type: 'AllocateBankStatementLine', allocation: allocation('p3', 100, 's1-L2') })
      .thenThrows({ error: 'LINE_NOT_A_CREDIT', status: 422 });
  });
});
