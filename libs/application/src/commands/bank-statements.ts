/** Bank statements: importing a camt.053 statement and allocating its credit lines to invoices. */
import { CommandHandler } from '@nestjs/cqrs';
import {
  bankStatementDecider,
  type AllocateBankStatementLine,
  type BankStatementCommand,
  type BankStatementEvent,
  type BankStatementState,
  type ImportBankStatement,
} from '@ledger/domain';
import { DecidingHandler, LedgerCommand, type PayloadOf } from './ledger-command';

export class ImportBankStatementCommand extends LedgerCommand<PayloadOf<ImportBankStatement>> {}
export class AllocateBankStatementLineCommand extends LedgerCommand<PayloadOf<AllocateBankStatementLine>> {}

@CommandHandler(ImportBankStatementCommand)
export class ImportBankStatementHandler extends DecidingHandler<
  ImportBankStatementCommand,
  BankStatementCommand,
  BankStatementEvent,
  BankStatementState
> {
  protected readonly decider = bankStatementDecider;
  protected toDomain({ payload }: ImportBankStatementCommand): BankStatementCommand {
    return { type: 'ImportBankStatement', ...payload };
  }
}

@CommandHandler(AllocateBankStatementLineCommand)
export class AllocateBankStatementLineHandler extends DecidingHandler<
  AllocateBankStatementLineCommand,
  BankStatementCommand,
  BankStatementEvent,
  BankStatementState
> {
  protected readonly decider = bankStatementDecider;
  protected toDomain({ payload }: AllocateBankStatementLineCommand): BankStatementCommand {
    return { type: 'AllocateBankStatementLine', ...payload };
  }
}

export const bankStatementCommandHandlers = [ImportBankStatementHandler, AllocateBankStatementLineHandler];
