/**
 * What the HTTP layer does to every request before a route sees it (docs/operations.md "HTTP"):
 * the JSON-only body parser, canonical command ids, rate limits per API key, security headers and
 * no caching of answers.
 */
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findConfiguredKey, type LedgerConfig } from '@ledger/application';
import { parseJsonBody } from './json-body';

export const DOCS_PATH = '/docs';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function hardenHttp(app: NestFastifyApplication, config: LedgerConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  useJsonBodyParser(fastify, config.bodyLimitBytes);
  fastify.addHook('preValidation', async (request) => canonicaliseCommandId(request));
  // Built once: @fastify/helmet built this middleware again for every request (parsing the policy
  // each time, about 20 us of every answer); the headers are the same.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // Swagger UI (/docs) runs its own scripts only and styles itself inline; the API answers JSON.
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'frame-ancestors': ["'none'"],
        // Served over plain HTTP on loopback in development: never rewrite its requests to https.
        'upgrade-insecure-requests': null,
        // The console's single sign-on reads the issuer's discovery document and redeems its code there.
        'connect-src': ["'self'", ...(config.oidc?.console ? [new URL(config.oidc.issuer).origin] : [])],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  if (config.http.rateLimitMax > 0)
    await app.register(rateLimit as never, {
      max: config.http.rateLimitMax,
      timeWindow: config.http.rateLimitWindowMs,
      keyGenerator: (request: FastifyRequest) => rateLimitKey(request, config),
      errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string }) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `More than ${context.max} requests in ${config.http.rateLimitWindowMs / 1000} s for this API key (LEDGER_RATE_LIMIT_MAX); retry in ${context.after}`,
      }),
    });
  fastify.addHook('onSend', async (request, reply) => {
    // Answers carry personal data (learners, customers, event streams): no cache may keep them.
    if (!request.url.startsWith(DOCS_PATH) && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}

/** A camt.053 bank statement file: a busy account's month is a few MB. */
export const MAX_XML_BODY_BYTES = 20 * 1024 * 1024;

/**
 * JSON is the body of every command; XML only that of a bank statement import (POST /bank-statements,
 * kept as text for its parser). Form and text bodies get 415 naming content-type.
 */
function useJsonBodyParser(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: MAX_XML_BODY_BYTES },
    (request, body, done) => {
      if (request.url.split('?')[0] !== '/bank-statements')
        done(Object.assign(new Error('XML is taken by POST /bank-statements only'), { statusCode: 415 }), undefined);
      else done(null, body);
    },
  );
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: bodyLimitBytes },
    (_, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}

/**
 * A command id is a UUID, and UUIDs are case-insensitive: `7C9E...` and `7c9e...` are one command.
 * The id is written in lower case before anything hashes or looks it up, so a retry in another case
 * answers with the first result instead of running the command again.
 */
export function canonicaliseCommandId(request: { body?: unknown }): void {
  const body = request.body as { commandId?: unknown } | undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  if (typeof body.commandId === 'string' && UUID.test(body.commandId)) body.commandId = body.commandId.toLowerCase();
}

/** Per API key (its fingerprint, never the key); requests without a known key share their address's budget. */
function rateLimitKey(request: FastifyRequest, config: LedgerConfig): string {
  const header = request.headers['authorization'];
  const presented = typeof header === 'string' ? /^Bearer\s+(\S{1,512})$/i.exec(header)?.[1] : undefined;
  const entry = presented === undefined ? undefined : findConfiguredKey(config.apiKeys, presented);
  return entry ? `key:${entry.fingerprint}` : `ip:${request.ip}`;
}
