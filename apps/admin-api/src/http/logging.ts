/**
 * The server's structured log: one pino logger for the application's own lines (Nest's Logger)
 * and for a line per request (pino-http), written to stdout or to a destination the tests read.
 *
 * No request context is carried through AsyncLocalStorage (docs/decisions.md D52): on Node 20 an
 * entered AsyncLocalStorage turns on promise hooks for every promise in the process, which cost a
 * sixth of `POST /enrolments` throughput. A request's line carries its id; a request that fails
 * with a 500 carries the error on that same line.
 */
import type { LoggerService, LogLevel } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { redactedUrl } from './redaction';

/** Where the log goes instead of stdout (LedgerModuleOptions.logDestination: tests that read the log). */
export type LogDestination = { write(line: string): void };

export function createLedgerLogger(level: string, destination?: LogDestination): Logger {
  const options = {
    level,
    // Never bodies, credentials or personal data: the Authorization header and cookies are removed
    // (the request serializer below keeps neither; this holds for any line that logs headers).
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
  };
  return destination ? pino(options, destination as DestinationStream) : pino(options);
}

/** A line per request, with Fastify's request id; the error of a 500 is set by LedgerErrorFilter (`failedWith`). */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  const logRequest = pinoHttp({
    logger,
    // A fault is an error; a refused request (4xx) is the API working as it should.
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    // A request's line carries method, route, status and timing; key-like query parameters are blanked in the URL.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactedUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as { id?: unknown }).id = request.id;
    logRequest(request.raw, reply.raw);
    done();
  });
}

/** Puts an unexpected error on its request's log line (pino-http logs `res.err` with the 500). */
export function failedWith(response: object, error: unknown): void {
  (response as { err?: unknown }).err = error instanceof Error ? error : new Error(String(error));
}

const NEST_TO_PINO: Record<LogLevel, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Nest's Logger over pino: `new Logger('Context').warn(message)` becomes `{ context, msg }`. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('log', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('verbose', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  /** Nest appends the logger's context as the last parameter; `error` may pass a stack before it. */
  private write(level: LogLevel, message: unknown, optional: unknown[]): void {
    const level_ = NEST_TO_PINO[level];
    if (!this.logger.isLevelEnabled(level_)) return;
    const rest = [...optional];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const fields = { ...(context === undefined ? {} : { context }), ...(stack === undefined ? {} : { stack }) };
    if (message instanceof Error) this.logger[level_]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level_]({ ...fields, ...message });
    else this.logger[level_](fields, String(message));
  }
}
