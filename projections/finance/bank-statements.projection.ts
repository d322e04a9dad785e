/**
 * The imported bank statements, newest first (GET /bank-statements): the statement's header and
 * how much of it was allocated. The lines (payers' names and accounts) are personal data and stay
 * in the statement's stream, sealed (GET /bank-statements/{id} reads them).
 */
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const BANK_STATEMENTS = { name: 'bank_statements', version: 1, collection: 'bank_statements' } as const;

export interface BankStatementDocument {
  [key: string]: unknown;
  statementId: string;
  accountIban: string;
  bankStatementId: string;
  createdAt: string | null;
  importedAt: string;
  /** Log position of the import: the list's order. */
  position: number;
  allocations: number;
  allocatedCents: number;
}

export const bankStatementsProjection: ProjectionDefinition = {
  name: BANK_STATEMENTS.name,
  version: BANK_STATEMENTS.version,
  collections: [{ name: BANK_STATEMENTS.collection, indexes: ['position', 'accountIban'] }],
  handles: ['BankStatementImported', 'BankStatementLineAllocated'],
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const statementId = String(event.data['statementId']);
    if (event.type === 'BankStatementImported') {
      const document: BankStatementDocument = {
        statementId,
        accountIban: String(event.data['accountIban']),
        bankStatementId: String(event.data['bankStatementId']),
        createdAt: typeof event.data['createdAt'] === 'string' ? event.data['createdAt'] : null,
        importedAt: String(event.data['importedAt']),
        position: event.position,
        allocations: 0,
        allocatedCents: 0,
      };
      ctx.put(BANK_STATEMENTS.collection, statementId, document);
      return;
    }
    const statement = await ctx.get<BankStatementDocument>(BANK_STATEMENTS.collection, statementId);
    if (!statement) throw new Error(`bank_statements projection: allocation ${event.id} before its statement`);
    ctx.put(BANK_STATEMENTS.collection, statementId, {
      ...statement.body,
      allocations: statement.body.allocations + 1,
      allocatedCents: statement.body.allocatedCents + Number(event.data['amountCents']),
    });
  },
};
