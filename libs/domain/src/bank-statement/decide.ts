import { DomainError, invariant, type Decider } from '../shared/decider';
import {
  bankStatementStreamId,
  MAX_STATEMENT_ENTRIES,
  type BankStatementEvent,
  type BankStatementImported,
  type BankStatementLineAllocated,
} from './events';

export interface ImportBankStatement {
  type: 'ImportBankStatement';
  statement: BankStatementImported['data'];
}

export interface AllocateBankStatementLine {
  type: 'AllocateBankStatementLine';
  allocation: BankStatementLineAllocated['data'];
}

export type BankStatementCommand = ImportBankStatement | AllocateBankStatementLine;

/** Per line only what matching needs (no names or accounts: those stay in the log). */
export interface BankStatementState {
  contentHash: string | null;
  lines: Record<string, { creditDebit: 'credit' | 'debit'; amountCents: number; allocatedCents: number }>;
  paymentIds: Record<string, true>;
}

export const initialBankStatementState = (): BankStatementState => ({ contentHash: null, lines: {}, paymentIds: {} });

export function evolveBankStatement(state: BankStatementState, event: BankStatementEvent): BankStatementState {
  switch (event.type) {
    case 'BankStatementImported': {
      invariant(state.contentHash === null, 'a statement is imported once');
      const lines: BankStatementState['lines'] = {};
      for (const line of event.data.lines)
        lines[line.lineId] = { creditDebit: line.creditDebit, amountCents: line.amountCents, allocatedCents: 0 };
      return { contentHash: event.data.contentHash, lines, paymentIds: {} };
    }
    case 'BankStatementLineAllocated': {
      const line = state.lines[event.data.lineId];
      invariant(line, `allocation of a known line ${event.data.lineId}`);
      const allocatedCents = line.allocatedCents + event.data.amountCents;
      invariant(allocatedCents <= line.amountCents, 'a line is never allocated beyond its amount');
      return {
        ...state,
        lines: { ...state.lines, [event.data.lineId]: { ...line, allocatedCents } },
        paymentIds: { ...state.paymentIds, [event.data.paymentId]: true },
      };
    }
  }
}

/** What is left of a line to allocate (0 for an unknown or debit line). */
export function unallocatedCents(state: BankStatementState, lineId: string): number {
  const line = state.lines[lineId];
  return line && line.creditDebit === 'credit' ? line.amountCents - line.allocatedCents : 0;
}

export function decideBankStatement(command: BankStatementCommand, state: BankStatementState): BankStatementEvent[] {
  switch (command.type) {
    case 'ImportBankStatement': {
      const s = command.statement;
      if (state.contentHash === s.contentHash) return [];
      if (state.contentHash !== null)
        throw new DomainError(
          'STATEMENT_CONFLICT',
          409,
          `Statement ${s.bankStatementId} of ${s.accountIban} was imported before with other content`,
        );
      if (s.lines.length > MAX_STATEMENT_ENTRIES)
        throw new DomainError('STATEMENT_TOO_LARGE', 422, `A statement holds at most ${MAX_STATEMENT_ENTRIES} entries`);
      return [{ type: 'BankStatementImported', data: s }];
    }
    case 'AllocateBankStatementLine': {
      const a = command.allocation;
      if (state.paymentIds[a.paymentId]) return [];
      const line = state.lines[a.lineId];
      if (!line) throw new DomainError('LINE_NOT_FOUND', 404, `No line ${a.lineId} on this statement`);
      if (line.creditDebit !== 'credit')
        throw new DomainError(
          'LINE_NOT_A_CREDIT',
          422,
          `Line ${a.lineId} is a debit: only money received is allocated`,
        );
      if (!Number.isSafeInteger(a.amountCents) || a.amountCents <= 0)
        throw new DomainError('INVALID_AMOUNT', 422, 'amountCents: an allocation is a positive whole number of cents');
      const leftCents = line.amountCents - line.allocatedCents;
      if (a.amountCents > leftCents)
        throw new DomainError(
          'ALLOCATION_EXCEEDS_LINE',
          422,
          `amountCents: line ${a.lineId} has ${leftCents} cents left to allocate, not ${a.amountCents}`,
        );
      return [{ type: 'BankStatementLineAllocated', data: a }];
    }
  }
}

export const bankStatementDecider: Decider<BankStatementCommand, BankStatementEvent, BankStatementState> = {
  streamIdOf: (command) =>
    bankStatementStreamId(
      command.type === 'ImportBankStatement' ? command.statement.statementId : command.allocation.statementId,
    ),
  initialState: initialBankStatementState,
  evolve: evolveBankStatement,
  decide: (command, state) => decideBankStatement(command, state),
};
