/**
 * Maps every error to the docs/api.md error body. Bad input is always a 4xx naming the field or the
 * rule; only a genuine fault is a 500, and it is logged without the request body.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@ledger/domain';
import { CalendarInputError, MoneyError, RuleViolation, UnknownRulebookError } from '@ledger/regulations';
import {
  CommandFieldError,
  CommandIdConflictError,
  ConcurrencyConflictError,
  ReadModelsNotReadyError,
} from '@ledger/application';
import { DuplicateEventIdError, SubjectErasedError, WrongExpectedVersionError } from '@ledger/event-store';
import { failedWith } from './logging';

export interface ErrorBody {
  error: string;
  message: string;
  ruleId?: string;
  fields?: Array<{ field: string; messages: string[] }>;
  details?: unknown;
}

/**
 * Errors Fastify raises before a route runs (body parsing, body limit, media type) reach the filter
 * as an HttpException built from a bare message. They get the docs/api.md body, naming what is wrong:
 * the body or the content-type header.
 */
function framingError(
  exception: HttpException,
  request?: { headers?: Record<string, unknown> },
): { status: number; body: ErrorBody } | undefined {
  if (typeof exception.getResponse() !== 'string') return undefined;
  const status = exception.getStatus();
  const message = exception.message;
  if (status === 400 && /JSON|prototype property/i.test(message)) {
    return {
      status,
      body: { error: 'MALFORMED_JSON', message: `body: ${message}`, fields: [{ field: 'body', messages: [message] }] },
    };
  }
  if (status === 413) {
    return {
      status,
      body: {
        error: 'PAYLOAD_TOO_LARGE',
        message: `body: ${message} (LEDGER_BODY_LIMIT_BYTES)`,
        fields: [{ field: 'body', messages: [message] }],
      },
    };
  }
  if (status === 415) {
    const header = request?.headers?.['content-type'];
    const given = typeof header === 'string' && header.length > 0 ? header.slice(0, 100) : 'none';
    const detail = `content-type ${given} is not supported: send application/json`;
    return {
      status,
      body: {
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: detail,
        fields: [{ field: 'content-type', messages: [detail] }],
      },
    };
  }
  if (status === 400 && /content-length/i.test(message)) {
    return {
      status,
      body: {
        error: 'BAD_REQUEST',
        message: `content-length: ${message}`,
        fields: [{ field: 'content-length', messages: [message] }],
      },
    };
  }
  return undefined;
}

export function toErrorResponse(
  exception: unknown,
  request?: { headers?: Record<string, unknown> },
): { status: number; body: ErrorBody } {
  if (exception instanceof RuleViolation) {
    return {
      status: 422,
      body: {
        error: exception.error,
        ruleId: exception.ruleId,
        message: exception.message,
        details: exception.details,
      },
    };
  }
  if (exception instanceof DomainError) {
    const body: ErrorBody = { error: exception.error, message: exception.message };
    if (exception.ruleId) body.ruleId = exception.ruleId;
    return { status: exception.status, body };
  }
  if (exception instanceof CommandIdConflictError) {
    return {
      status: 409,
      body: {
        error: exception.error,
        message: exception.message,
        fields: [{ field: 'commandId', messages: ['already used with a different body'] }],
      },
    };
  }
  if (exception instanceof ConcurrencyConflictError) {
    return { status: 409, body: { error: exception.error, message: exception.message } };
  }
  if (exception instanceof WrongExpectedVersionError || exception instanceof DuplicateEventIdError) {
    return { status: 409, body: { error: exception.code, message: exception.message } };
  }
  if (exception instanceof SubjectErasedError)
    return { status: 409, body: { error: exception.code, message: exception.message } };
  // Storage errors of the write path (issue 18; added by the write-path change, kept in one place).
  const storage = storageErrorStatus(exception);
  if (storage)
    return {
      status: storage,
      body: { error: (exception as { code: string }).code, message: (exception as Error).message },
    };
  if (exception instanceof CalendarInputError || exception instanceof MoneyError) {
    return { status: 400, body: { error: 'INVALID_INPUT', message: exception.message } };
  }
  if (exception instanceof CommandFieldError) {
    return {
      status: 400,
      body: {
        error: exception.error,
        message: exception.message,
        fields: [{ field: exception.field, messages: [exception.reason] }],
      },
    };
  }
  if (isInputError(exception)) {
    const { message, field } = exception as Error & { field?: unknown };
    return {
      status: 400,
      body: {
        error: 'INVALID_INPUT',
        message,
        ...(typeof field === 'string' ? { fields: [{ field, messages: [message] }] } : {}),
      },
    };
  }
  if (exception instanceof ReadModelsNotReadyError)
    return { status: 503, body: { error: exception.code, message: exception.message } };
  if (exception instanceof UnknownRulebookError)
    return { status: 422, body: { error: 'UNKNOWN_RULEBOOK', message: exception.message } };
  if (exception instanceof HttpException) {
    const framing = framingError(exception, request);
    if (framing) return framing;
    const response = exception.getResponse();
    const body: ErrorBody =
      typeof response === 'object' &&
      response !== null &&
      'error' in response &&
      typeof (response as ErrorBody).message === 'string'
        ? (response as ErrorBody)
        : { error: httpErrorCode(exception.getStatus()), message: exception.message };
    return { status: exception.getStatus(), body };
  }
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Fastify's own parse errors: malformed JSON, body too large, unsupported media type.
    return {
      status: fastifyError.statusCode,
      body: {
        error: fastifyError.code ?? httpErrorCode(fastifyError.statusCode),
        message: fastifyError.message ?? 'Bad request',
      },
    };
  }
  return { status: 500, body: { error: 'INTERNAL_ERROR', message: 'Internal error; it was logged' } };
}

/**
 * Rulebooks and the read store throw their own input errors (PlusportInputError,
 * DecisionInputError, InvalidReadQueryError, ...): bad input, never a fault of the ledger.
 */
function isInputError(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  return (
    /InputError$/.test(exception.name) ||
    exception.name === 'InvalidReadQueryError' ||
    (exception as { code?: string }).code === 'INVALID_READ_QUERY'
  );
}

/**
 * An append over the byte limit is 413 (the request asked for more than one append may hold); an
 * engine that did not answer in time, could not confirm a write or is overloaded is 503: retrying
 * the same command (same commandId) is safe, the pipeline recognises what was recorded.
 */
const STORAGE_ERROR_STATUS: Readonly<Record<string, number>> = {
  APPEND_TOO_LARGE: 413,
  APPEND_OUTCOME_UNKNOWN: 503,
  EVENT_STORE_DEADLINE: 503,
  EVENT_STORE_OVERLOADED: 503,
  KEY_STORE_UNAVAILABLE: 503,
  // Not storage, but the same answer: too many commands already wait for this stream in this process.
  KEY_QUEUE_FULL: 503,
};

export function storageErrorStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const code = (exception as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(STORAGE_ERROR_STATUS, code) ? STORAGE_ERROR_STATUS[code] : undefined;
}

function httpErrorCode(status: number): string {
  const names: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    422: 'UNPROCESSABLE',
  };
  return names[status] ?? `HTTP_${status}`;
}

@Catch()
export class LedgerErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<{ headers?: Record<string, unknown> } | undefined>();
    const { status, body } = toErrorResponse(exception, request);
    // The request's log line (logging.ts) carries the error and its stack, with the request's id.
    if (status >= 500) failedWith(reply.raw, exception);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
