import { Module } from '@nestjs/common';
import { BalanceReader } from './balance-reader';
import { DunningController } from './dunning/dunning.controller';
import { ReminderLetters } from './dunning/reminder-letter';
import { BankStatementsController } from './bank-statements/bank-statements.controller';
import { BankStatements } from './bank-statements/bank-statements.service';
import { ComplaintsController } from './complaints.controller';
import { FinanceController } from './finance.controllers';
import { InvoiceNumberingProcess } from './invoice-numbering.process';
import { InvoiceDocuments } from './invoicing/invoice-documents';
import { InvoiceListController } from './invoicing/invoice-list.controller';
import { StatutoryRatesController } from './statutory-rates.controller';

/**
 * Finance reads and money commands (docs/api.md "Finance"): payments, reversals, reminders, refunds,
 * balances, complaints, invoice numbers; invoice documents and lists, statutory rates, bank
 * statements and dunning (letters, pauses, the dunning list) (docs/operations.md "The finance day").
 */
@Module({
  controllers: [
    InvoiceListController,
    FinanceController,
    ComplaintsController,
    StatutoryRatesController,
    BankStatementsController,
    DunningController,
  ],
  providers: [BalanceReader, InvoiceNumberingProcess, InvoiceDocuments, BankStatements, ReminderLetters],
})
export class FinanceModule {}
