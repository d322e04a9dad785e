import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/application';
import { LEDGER_CONFIG } from '../tokens';
import { BalanceReader } from './balance-reader';
import { DunningController } from './dunning/dunning.controller';
import { ReminderLetters } from './dunning/reminder-letter';
import { BankStatementsController } from './bank-statements/bank-statements.controller';
import { BankStatements } from './bank-statements/bank-statements.service';
import { ComplaintsController } from './complaints.controller';
import { FinanceController } from './finance.controllers';
import { JournalExportController } from './exports/journal.controller';
import { loadLedgerAccounts } from './exports/ledger-accounts';
import { InvoiceNumberingProcess } from './invoice-numbering.process';
import { CreditNotesController } from './invoicing/credit-notes.controller';
import { InvoiceDocuments } from './invoicing/invoice-documents';
import { InvoiceListController } from './invoicing/invoice-list.controller';
import { loadProviderBilling } from './invoicing/provider-billing';
import { StatutoryRatesController } from './statutory-rates.controller';

/**
 * Finance reads and money commands (docs/api.md "Finance"): payments, reversals, reminders, refunds,
 * balances, complaints, invoice numbers; invoice documents and lists, statutory rates, bank
 * statements, dunning (letters, pauses, the dunning list), credit-note documents and the journal export
 * (docs/operations.md "The finance day").
 */
@Module({
  controllers: [
    InvoiceListController,
    FinanceController,
    ComplaintsController,
    StatutoryRatesController,
    BankStatementsController,
    DunningController,
    CreditNotesController,
    JournalExportController,
  ],
  providers: [BalanceReader, InvoiceNumberingProcess, InvoiceDocuments, BankStatements, ReminderLetters],
})
export class FinanceModule implements OnModuleInit {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  onModuleInit(): void {
    if (!this.config.providerBillingFile && this.config.production)
      new Logger('Finance').warn(
        'Invoices show the shipped PLACEHOLDER provider details: set LEDGER_PROVIDER_BILLING_FILE (docs/operations.md "The finance day")',
      );
  }
}

/**
 * The API refuses to start on invalid billing details or ledger accounts, naming the field. Read
 * before the application is created (createAdminApi): a start refused for a bad file then leaves
 * nothing open (the data directory's stores, its lock, the checkpoint thread).
 */
export function loadFinanceFiles(config: LedgerConfig): void {
  loadProviderBilling(config.providerBillingFile);
  loadLedgerAccounts(config.ledgerAccountsFile);
}
