/**
 * The OpenAPI description of a route, in one decorator (docs/operations.md "OpenAPI"): `@Doc`
 * gives summary, description, the success body and every error status with the ErrorBody schema
 * and an example; the role decorators (auth/roles.ts) add the security requirement, `x-roles`, 401,
 * 403 and 429. `npm run lint:openapi` fails while an operation lacks any of them.
 */
import { applyDecorators, RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import {
  ApiBody,
  ApiExtraModels,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  DECORATORS,
  getSchemaPath,
  type ApiResponseOptions,
  type OpenAPIObject,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ErrorBody } from './error.filter';

@ApiSchema({ name: 'FieldError' })
export class FieldErrorSchema {
  @ApiProperty({ example: 'requestedAt', description: 'The field, parameter or header, dotted for nested fields' })
  field!: string;

  @ApiProperty({ type: [String], example: ['requestedAt must be an ISO 8601 instant with an offset'] })
  messages!: string[];
}

@ApiSchema({
  name: 'ErrorBody',
  description: 'Every error answer (docs/api.md "Errors"). Nothing is appended when a request is answered with it.',
})
export class ErrorBodySchema implements ErrorBody {
  @ApiProperty({ description: 'Stable machine-readable code', example: 'CANCELLATION_NOT_ALLOWED' })
  error!: string;

  @ApiProperty({ description: 'One line of English naming the field or the rule' })
  message!: string;

  @ApiPropertyOptional({ description: 'The rule the request breaks (422)', example: 'EXC-4.4' })
  ruleId?: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Each invalid field with its messages (400)' })
  fields?: FieldErrorSchema[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Figures behind a rule violation' })
  details?: unknown;
}

@ApiSchema({
  name: 'Decision',
  description:
    'A recorded decision: the rule and interpretation ids it applied, the rulebook version, every input and the amounts in cents.',
})
export class DecisionSchema {
  @ApiPropertyOptional({ format: 'uuid' })
  decisionId?: string;
  @ApiProperty({ example: 'cancellation-fee' })
  kind!: string;
  @ApiProperty({ type: [String], example: ['PP-15.5-CLS'] })
  ruleIds!: string[];
  @ApiProperty({ type: [String], example: ['PP-I19'] })
  interpretationIds!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, example: { id: 'plusport', version: '2024-01-01' } })
  rulebook!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Every input the rule used' })
  inputs!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'integer', description: 'Fee excluding VAT, in cents' })
  feeCents?: number;
  @ApiPropertyOptional({ type: 'integer' })
  feeVatCents?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Fee including VAT: what the customer is charged' })
  feeGrossCents?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Money to pay back, VAT included' })
  refundCents?: number;
  @ApiPropertyOptional({ type: 'integer' })
  surchargeCents?: number;
  @ApiPropertyOptional()
  allowed?: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  deadlines?: Record<string, string>;
  @ApiPropertyOptional({ example: 'Classroom training cancelled 8 working days before start: 50% of the fee' })
  explanation?: string;
}

@ApiSchema({ name: 'EventView', description: 'An event the command appended' })
export class EventViewSchema {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;
  @ApiProperty({ example: 'EnrolmentCancelled' })
  type!: string;
  @ApiProperty({ type: 'integer', description: 'Revision in its stream' })
  revision!: number;
  @ApiProperty({ type: 'integer', description: 'Position in the whole log' })
  position!: number;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}

@ApiSchema({
  name: 'CommandResponse',
  description:
    'What a command appended. A retry with the same commandId and body answers the same response and appends nothing.',
})
export class CommandResponseSchema {
  @ApiProperty({ example: 'enrolment-e1' })
  streamId!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Log position of the last event; null if none' })
  position!: number | null;
  @ApiProperty({ type: [EventViewSchema] })
  events!: EventViewSchema[];
  @ApiPropertyOptional({ type: DecisionSchema })
  decision?: DecisionSchema;
  @ApiPropertyOptional({ type: [DecisionSchema], description: 'When the command recorded more than one decision' })
  decisions?: DecisionSchema[];
}

@ApiSchema({ name: 'InvoiceSummary', description: 'An invoice the command issued' })
export class InvoiceSummarySchema {
  @ApiProperty()
  invoiceId!: string;
  @ApiPropertyOptional({ type: 'integer' })
  netCents?: number;
  @ApiPropertyOptional({ type: 'integer' })
  vatCents?: number;
  @ApiProperty({ type: 'integer' })
  totalCents!: number;
  @ApiPropertyOptional({ format: 'date' })
  dueDate?: string;
}

@ApiSchema({
  name: 'EnrolmentCommandResponse',
  description: 'A command on an enrolment or offering, with what a client needs at once (each field when it applies).',
})
export class EnrolmentCommandResponseSchema extends CommandResponseSchema {
  @ApiPropertyOptional({ type: InvoiceSummarySchema })
  invoice?: InvoiceSummarySchema;
  @ApiPropertyOptional({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        refundId: { type: 'string' },
        invoiceId: { type: 'string' },
        amountCents: { type: 'integer' },
        dueDate: { type: 'string', format: 'date' },
        decisionId: { type: 'string' },
        ruleIds: { type: 'array', items: { type: 'string' } },
      },
    },
    description: 'Refund entitlements granted',
  })
  refunds?: unknown[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  creditNotes?: unknown[];
  @ApiPropertyOptional({ description: 'Cancellation: evidence may be sent until then' })
  pendingEvidenceUntil?: string;
  @ApiPropertyOptional({ description: 'Termination: start of the notice period' })
  noticeStart?: string;
  @ApiPropertyOptional({ description: 'Termination: when the enrolment ends' })
  effectiveEnd?: string;
  @ApiPropertyOptional({ description: 'Exam result' })
  passed?: boolean;
  @ApiPropertyOptional()
  resitAllowed?: boolean;
  @ApiPropertyOptional({ type: 'integer' })
  attempt?: number;
  @ApiPropertyOptional()
  resitRuleId?: string;
  @ApiPropertyOptional({ description: 'Attendance: admitted to the session' })
  admitted?: boolean;
  @ApiPropertyOptional()
  newDateRequired?: boolean;
  @ApiPropertyOptional({ description: 'Price change: the customer may dissolve the enrolment' })
  dissolutionRight?: boolean;
  @ApiPropertyOptional({ type: 'integer' })
  surchargeCents?: number;
  @ApiPropertyOptional({ enum: ['issued', 'withheld'] })
  certificate?: string;
}

@ApiSchema({ name: 'ParticipantCommandResponse', description: 'A licence command, with the invoices it issued' })
export class ParticipantCommandResponseSchema extends CommandResponseSchema {
  @ApiPropertyOptional({ type: InvoiceSummarySchema })
  invoice?: InvoiceSummarySchema;
  @ApiPropertyOptional({ type: [InvoiceSummarySchema] })
  invoices?: InvoiceSummarySchema[];
}

/** A page of a list: `nextCursor` is passed back as `cursor` for the next page, null on the last. */
export function pageOf(item: SchemaObject, itemsName = 'items'): SchemaObject {
  return {
    type: 'object',
    required: [itemsName, 'nextCursor'],
    properties: {
      [itemsName]: { type: 'array', items: item },
      nextCursor: { type: 'string', nullable: true },
    },
  };
}

/** A JSON object described in words, for reads whose documents are the projections' own. */
export const objectOf = (description: string, properties: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  description,
  additionalProperties: true,
  ...(Object.keys(properties).length > 0 ? { properties } : {}),
});

export const CSV: SchemaObject = { type: 'string', description: 'text/csv, one header row' };

/** What each status means on this API, and an example body for it. */
const ERROR_STATUS: Readonly<Record<number, { description: string; example: ErrorBody }>> = {
  400: {
    description: 'Bad input, naming the field, parameter or header; nothing is appended',
    example: {
      error: 'VALIDATION_FAILED',
      message: 'requestedAt: requestedAt must be an ISO 8601 instant with an offset',
      fields: [{ field: 'requestedAt', messages: ['requestedAt must be an ISO 8601 instant with an offset'] }],
    },
  },
  401: {
    description: 'No API key, or one this ledger does not know',
    example: { error: 'UNAUTHENTICATED', message: 'Authorization: Bearer <api key> required' },
  },
  403: {
    description: "The key's role may not call this operation",
    example: { error: 'FORBIDDEN', message: 'Role finance may not call this endpoint' },
  },
  404: {
    description: 'What the path names does not exist',
    example: { error: 'ENROLMENT_NOT_FOUND', message: 'No enrolment enrolment-e1' },
  },
  409: {
    description:
      'A conflict: the commandId was used with a different body (send a new commandId), a concurrent write won (retry), or another whole-log check is running',
    example: {
      error: 'COMMAND_ID_CONFLICT',
      message: 'commandId 7c9e6679-7425-40de-944b-e07fc1f90ae7 was used with a different body',
      fields: [{ field: 'commandId', messages: ['already used with a different body'] }],
    },
  },
  413: {
    description: 'The body is larger than LEDGER_BODY_LIMIT_BYTES, or the events exceed the append limit',
    example: {
      error: 'PAYLOAD_TOO_LARGE',
      message: 'body: Request body is too large (LEDGER_BODY_LIMIT_BYTES)',
      fields: [{ field: 'body', messages: ['Request body is too large'] }],
    },
  },
  415: {
    description: 'The body is not application/json',
    example: {
      error: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'content-type text/plain is not supported: send application/json',
      fields: [
        { field: 'content-type', messages: ['content-type text/plain is not supported: send application/json'] },
      ],
    },
  },
  422: {
    description: 'A rule refuses the request: `ruleId` names it, `details` gives the figures; nothing is appended',
    example: {
      error: 'CANCELLATION_NOT_ALLOWED',
      ruleId: 'EXC-4.4',
      message: 'E-learning cannot be cancelled once login details were issued',
    },
  },
  429: {
    description:
      'More requests for this API key than LEDGER_RATE_LIMIT_MAX per window, or a whole-log check is running',
    example: { error: 'RATE_LIMITED', message: 'More than 600 requests in 60 s for this API key; retry in 12 s' },
  },
  503: {
    description:
      'Storage did not answer in time or read models are not ready; retrying the same command (same commandId) is safe',
    example: { error: 'EVENT_STORE_DEADLINE', message: 'The event store did not answer within 5000 ms' },
  },
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
/** An error status, or a status with an example particular to the operation. */
export type ErrorSpec = ErrorStatus | ({ status: ErrorStatus } & ErrorBody);

/** What every command may answer besides its own 404 and 422s. */
export const COMMAND_ERRORS: readonly ErrorSpec[] = [400, 409, 413, 415, 503];

/** Whole-log checks (chain, projections, decisions) run one at a time. */
export const WHOLE_LOG_CHECK_RUNNING: ErrorSpec = {
  status: 409,
  error: 'WHOLE_LOG_CHECK_RUNNING',
  message:
    'POST /admin/chain/verify is running since 2026-03-02T09:00:00.000Z; whole-log checks run one at a time: retry when it has finished',
};

/** An error response per status, each with the ErrorBody schema and its examples. */
export function ErrorResponses(...specs: readonly ErrorSpec[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<ErrorStatus, ErrorBody[]>();
  for (const spec of specs) {
    const status = typeof spec === 'number' ? spec : spec.status;
    const known = ERROR_STATUS[status];
    if (!known) throw new Error(`ErrorResponses: no description for status ${status}`);
    const examples = byStatus.get(status) ?? [];
    if (typeof spec !== 'number') {
      const { status: _status, ...body } = spec;
      examples.push(body);
    }
    byStatus.set(status, examples);
  }
  const responses = [...byStatus].map(([status, particular]) => {
    const examples = particular.length > 0 ? particular : [ERROR_STATUS[status]!.example];
    // Errors are JSON whatever the route produces (CSV, metrics text): the content is given, not derived.
    return ApiResponse({
      status,
      description: ERROR_STATUS[status]!.description,
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(ErrorBodySchema) },
          examples: Object.fromEntries(examples.map((body) => [body.error, { summary: body.message, value: body }])),
        },
      },
    });
  });
  return applyDecorators(ApiExtraModels(ErrorBodySchema, FieldErrorSchema), ...responses);
}

export interface DocOptions {
  summary: string;
  /** What the operation does, the rule ids or acts it applies, and what it appends. */
  description: string;
  /** Error statuses besides the role decorators' 401, 403 and 429. */
  errors: readonly ErrorSpec[];
  /** The success body: a schema class, or a schema object. */
  response?: Type<unknown> | SchemaObject;
  responseDescription?: string;
  /** Request body examples for the main commands, by name. */
  examples?: Record<string, { summary: string; value: Record<string, unknown> }>;
}

const rolesSentence = (roles: readonly string[]): string =>
  `\n\n**Roles:** ${roles.map((role) => `\`${role}\``).join(', ')}.`;

/** The class of the route's `@Body()` parameter: examples sit beside its schema, not instead of it. */
function bodyType(target: object, key: string | symbol, where: string): Type<unknown> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<
    string,
    { index: number }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', target, key) ?? []) as Array<Type<unknown>>;
  const body = Object.entries(args).find(([name]) => name.startsWith(`${RouteParamtypes.BODY}:`));
  const type = body ? types[body[1].index] : undefined;
  if (!type) throw new Error(`@Doc on ${where}: examples need a typed @Body() parameter`);
  return type;
}

/**
 * The route's OpenAPI description. Put it above the route decorator (`@Get`, `@Post`) and the role
 * decorator: it reads the method, `@HttpCode` and `x-roles` they declare, so the success status and
 * the roles sentence cannot disagree with what the route does.
 */
export function Doc(options: DocOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const where = `${target.constructor.name}.${String(key)}`;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) throw new Error(`@Doc on ${where}: put it above @Get/@Post`);
    const extensions = (Reflect.getMetadata(DECORATORS.API_EXTENSION, handler) ?? {}) as Record<string, unknown>;
    const roles = extensions['x-roles'] as string[] | undefined;
    if (!roles && extensions['x-public'] !== true)
      throw new Error(`@Doc on ${where}: put it above the role decorator (Roles, CommandRoles, Public, ...)`);
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (method === RequestMethod.POST ? 201 : 200);
    const success: ApiResponseOptions = {
      status,
      description: options.responseDescription ?? (method === RequestMethod.POST ? 'Done' : 'Found'),
      ...(options.response === undefined
        ? {}
        : typeof options.response === 'function'
          ? { type: options.response }
          : { schema: options.response }),
    } as ApiResponseOptions;
    const decorators = [
      ApiOperation({
        summary: options.summary,
        description: options.description + (roles ? rolesSentence(roles) : '\n\n**Public:** no API key needed.'),
      }),
      ApiResponse(success),
      ErrorResponses(...options.errors),
    ];
    if (options.examples) decorators.push(ApiBody({ type: bodyType(target, key, where), examples: options.examples }));
    applyDecorators(...decorators)(target, key, descriptor);
  };
}

const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  enrolments: 'Registration and every act on a booking: cancellation, reschedule, withdrawal, exams, modules',
  licences: 'SPOT licences: participants, licences, coordinators, tier surcharges',
  finance: 'Payments, invoices, reminders, refunds, balances and complaints',
  'reference data': 'Customers, learners, offerings and rulebooks',
  'rule texts': 'The rules and interpretations decisions cite',
  audit: 'The decision log, event streams and their verification',
  operations: 'Health, metrics, projections, scheduler and whole-log checks',
};

/** The document's tag list: every tag an operation uses, in first-use order, with its description. */
export function declareTags(document: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const operations of Object.values(document.paths))
    for (const operation of Object.values(operations as Record<string, { tags?: string[] }>))
      for (const tag of operation?.tags ?? []) used.add(tag);
  document.tags = [...used].map((name) => ({
    name,
    ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}),
  }));
  return document;
}
