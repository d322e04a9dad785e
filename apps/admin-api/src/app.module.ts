import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  bankStatementCommandHandlers,
  identityCommandHandlers,
  ledgerCommandHandlers,
  statutoryRatesCommandHandlers,
} from '@ledger/application';
import { TerminusModule } from '@nestjs/terminus';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AdminController } from './admin/admin.controller';
import { ApprovalsController } from './approvals/approvals.controller';
import { FourEyesInterceptor } from './approvals/four-eyes.interceptor';
import { UsersController } from './users/users.controller';
import { MeController } from './auth/me.controller';
import { SearchController } from './search/search.controller';
import { CustomersController } from './customers/customers.controller';
import { AuditModule } from './audit/audit.module';
import { FinanceModule } from './finance/finance.module';
import { EnrolmentsModule } from './enrolments/enrolments.module';
import { LicencesModule } from './licences/licences.module';
import { HealthController } from './health/health.controller';
import { LedgerErrorFilter } from './http/error.filter';
import { LearnersController } from './learners/learners.controller';
import { MetricsController } from './metrics/metrics.controller';
import { LedgerModule, type LedgerModuleOptions } from './ledger.module';
import { RulebooksController } from './rulebooks/rulebooks.controller';
import { RuleTextsController } from './rulebooks/rule-texts.controller';
import { StreamsController } from './streams/streams.controller';

@Module({})
export class AppModule {
  static forRoot(options: LedgerModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LedgerModule.forRoot(options),
        EnrolmentsModule,
        LicencesModule,
        FinanceModule,
        AuditModule,
        // Its own error log is off: /health answers 503 with the failing checks, polled often.
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [
        HealthController,
        RulebooksController,
        RuleTextsController,
        CustomersController,
        LearnersController,
        StreamsController,
        AdminController,
        MetricsController,
        UsersController,
        MeController,
        SearchController,
        ApprovalsController,
      ],
      providers: [
        ...ledgerCommandHandlers,
        ...identityCommandHandlers,
        ...statutoryRatesCommandHandlers,
        ...bankStatementCommandHandlers,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: LedgerErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: FourEyesInterceptor },
      ],
    };
  }
}
