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
import { LoggerModule } from 'nestjs-pino';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AdminController } from './admin/admin.controller';
import { ApprovalsController } from './approvals/approvals.controller';
import { FourEyesInterceptor } from './approvals/four-eyes.interceptor';
import { redactedUrl } from './http/redaction';
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

/** Logs go to stdout unless the options name another destination (tests that read the log). */
type LogDestination = NonNullable<LedgerModuleOptions['logDestination']>;
function withDestination<T>(destination: LogDestination | undefined, options: T): T | [T, LogDestination] {
  return destination ? [options, destination] : options;
}

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
        LoggerModule.forRoot({
          pinoHttp: withDestination(options.logDestination, {
            level: options.config.logLevel,
            // Structured logs carry method, route, status and timing; never bodies, credentials or personal data:
            // the Authorization header is removed, and key-like query parameters are blanked in the URL.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: redactedUrl(req.url),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          }),
        }),
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
