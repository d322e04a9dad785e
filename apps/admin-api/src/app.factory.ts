import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { HttpLimits } from '@ledger/application';
import { AppModule } from './app.module';
import { createValidationPipe } from './http/validation';
import { LedgerErrorFilter } from './http/error.filter';
import { PinoNestLogger, createLedgerLogger, logRequests } from './http/logging';
import { useLightAsyncResourceBind } from './http/async-resource-bind';
import { declareTags } from './http/openapi';
import { DOCS_PATH, hardenHttp } from './http/hardening';
import { serveConsole } from './http/console';
import { RequestsInFlight } from './http/requests-in-flight';
import { loadFinanceFiles } from './finance/finance.module';
import { REQUESTS_IN_FLIGHT } from './tokens';
import type { LedgerModuleOptions } from './ledger.module';

/** Builds the admin API (not yet listening); main.ts and the e2e tests share it. */
export async function createAdminApi(options: LedgerModuleOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  useLightAsyncResourceBind();
  loadFinanceFiles(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // Ids in paths are validated by the routes; this bounds what the router ever sees.
    routerOptions: { maxParamLength: 200 },
    ...serverTimeouts(config.http),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    bodyParser: false,
    // A start-up failure is thrown to main(), which reports it in one line: not process.abort(),
    // and not Nest's own stack trace of it from the buffered bootstrap logs.
    abortOnError: false,
    autoFlushLogs: false,
  });
  const logger = createLedgerLogger(config.logLevel, options.logDestination);
  app.useLogger(new PinoNestLogger(logger));
  app.flushLogs();
  logRequests(app.getHttpAdapter().getInstance() as unknown as FastifyInstance, logger);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new LedgerErrorFilter());
  app.enableShutdownHooks();
  await hardenHttp(app, config);
  app.get<RequestsInFlight>(REQUESTS_IN_FLIGHT).track(app.getHttpAdapter().getInstance() as unknown as FastifyInstance);
  await serveConsole(app, config.consoleDir);
  if (config.docs) {
    const document = declareTags(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Enrolment ledger admin API')
          .setDescription(
            'Commands for back-office staff, finance reads, and audit endpoints. Money in integer euro cents; every fee, refund and surcharge cites its rule ids.',
          )
          .setVersion('1')
          .addBearerAuth({
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'API key or OIDC access token',
            description:
              'A personal API key (POST /admin/users, `cli users add`), a service account key of LEDGER_API_KEYS, or an OIDC access token of LEDGER_OIDC_ISSUER, always as `Authorization: Bearer <credential>` (never in a query string). The roles of its user (backoffice, finance, auditor, admin, metrics) decide what it may call.',
          })
          .addServer('/', 'This server')
          .build(),
      ),
    );
    SwaggerModule.setup(DOCS_PATH.slice(1), app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
}

/**
 * Node checks request and header deadlines on a timer (30 s by default): a short interval makes a
 * trickling client meet its timeout within about a second of it, not half a minute later.
 */
function serverTimeouts(limits: HttpLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(limits.requestTimeoutMs / 4))),
    },
  };
}
