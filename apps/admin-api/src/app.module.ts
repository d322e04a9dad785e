import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  bankStatementCommandHandlers,
  enrolmentCommandHandlers,
  peopleCommandHandlers,
  statutoryRatesCommandHandlers,
} from '@ledger/application';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AdminController } from './admin/admin.controller';
import { CustomersController } from './customers/customers.controller';
import { AuditModule } from './audit/audit.module';
import { FinanceModule } from './finance/finance.module';
import { EnrolmentsModule } from './enrolments/enrolments.module';
import { LicencesModule } from './licences/licences.module';
import { HealthController } from './health/health.controller';
import { ExecuteDeciderHandler } from './http/commands';
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
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.config.logLevel,
            // Structured logs carry method, route, status and timing; never bodies or keys (personal data).
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
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
      ],
      providers: [
        ExecuteDeciderHandler,
        ...enrolmentCommandHandlers,
        ...peopleCommandHandlers,
        ...statutoryRatesCommandHandlers,
        ...bankStatementCommandHandlers,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: LedgerErrorFilter },
      ],
    };
  }
}
