import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { createValidationPipe } from './http/validation';
import { LedgerErrorFilter } from './http/error.filter';
import type { LedgerModuleOptions } from './ledger.module';

/** Builds the admin API (not yet listening); main.ts and the e2e tests share it. */
export async function createAdminApi(options: LedgerModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // Ids in paths are validated by the routes; this bounds what the router ever sees.
    routerOptions: { maxParamLength: 200 },
  });
  // A JSON-only API: Fastify's own JSON parser, and no other (form and text bodies get 415, not a
  // parse that validation refuses later). Nest's body parsers would add urlencoded.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new LedgerErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Enrolment ledger admin API')
      .setDescription(
        'Commands for back-office staff, finance reads, and audit endpoints. Money in integer euro cents; every fee, refund and surcharge cites its rule ids.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
