/**
 * Generates bad requests from a seed. Each request starts from a well-formed request to a real
 * endpoint (real ids from the fixtures, a valid body built from the OpenAPI schema) and gets one
 * defect of a category; it carries what the error must name (a field, a parameter, the header or
 * the rule) and which 4xx statuses fit. No generated request is valid, so none may append.
 */
import type { Fixtures } from '../fixtures';
import type { Role } from '../lib/http';
import { pick, randomInt, seededUuid, type Random } from '../lib/random';
import { endpointName, type Endpoint, type FieldSpec } from './endpoints';
import {
  BAD_NUMBER_TOKENS,
  BAD_TEXT,
  badStringsFor,
  INJECTION_STRINGS,
  refusedBy,
  UNICODE_STRINGS,
  wrongTypeValues,
  type FieldKind,
} from './values';

export const CATEGORIES = [
  'malformed-json',
  'not-an-object',
  'missing-field',
  'null-field',
  'wrong-type',
  'bad-value',
  'negative-cents',
  'fractional-cents',
  'out-of-range',
  'impossible-date',
  'unicode',
  'injection',
  'unknown-field',
  'duplicate-keys',
  'deep-nesting',
  'huge-body',
  'huge-field',
  'wrong-content-type',
  'no-key',
  'bad-key',
  'wrong-role',
  'bad-path-id',
  'bad-query',
  'command-id-reuse',
  'domain',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Relative frequency of each category (huge bodies are few: each is > 256 KiB). */
const WEIGHTS: Record<Category, number> = {
  'malformed-json': 4,
  'not-an-object': 2,
  'missing-field': 5,
  'null-field': 3,
  'wrong-type': 6,
  'bad-value': 6,
  'negative-cents': 3,
  'fractional-cents': 3,
  'out-of-range': 3,
  'impossible-date': 4,
  unicode: 4,
  injection: 4,
  'unknown-field': 4,
  'duplicate-keys': 3,
  'deep-nesting': 1,
  'huge-body': 0.3,
  'huge-field': 1,
  'wrong-content-type': 3,
  'no-key': 2,
  'bad-key': 2,
  'wrong-role': 3,
  'bad-path-id': 5,
  'bad-query': 5,
  'command-id-reuse': 0.5,
  domain: 1,
};

export interface BadRequest {
  id: number;
  category: Category;
  endpoint: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The error must name one of these (a field path, a parameter, a header, a rule id). */
  names: string[];
  /** 4xx statuses that fit the defect. */
  statuses: number[];
  /** What is wrong, in a few words (for reports). */
  defect: string;
  commandId?: string;
}

export interface GeneratorContext {
  random: Random;
  fixtures: Fixtures;
  keys: Readonly<Record<Role, string>>;
  /** Body limit of the server (LEDGER_BODY_LIMIT_BYTES). */
  bodyLimitBytes: number;
  /** Endpoints whose handler may run on an unparsed or ignored body (no body DTO): only auth and framing defects apply. */
  domainProbes: DomainProbe[];
}

export interface DomainProbe {
  /** Valid shape, refused by the rules or by a missing resource. */
  route: string;
  method: string;
  path: string;
  body: Record<string, unknown>;
  names: string[];
  statuses: number[];
  defect: string;
}

/** Placeholders replaced by raw JSON text after JSON.stringify (numbers JSON.stringify cannot write, lone surrogates). */
class Raw {
  constructor(readonly text: string) {}
}

function serialise(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, index: string) => raws[Number(index)] as string);
}

const PARAM_RESOURCE: Record<string, string> = {
  enrolmentId: 'enrolment',
  offeringId: 'offering',
  customerId: 'customer',
  learnerId: 'learner',
  participantId: 'participant',
  licenceId: 'licence',
  paymentId: 'payment',
  invoiceId: 'invoice',
  refundId: 'refund',
  complaintId: 'complaint',
  decisionId: 'decision',
  streamId: 'stream',
  name: 'projection',
  rulebookId: 'rulebook',
  ruleId: 'rule',
  approvalId: 'approval',
  userId: 'user',
  keyId: 'key',
  interpretationId: 'interpretation',
  // A path beyond the router's 200 characters is a 414 whose message quotes the path (its resource).
  creditNoteId: 'credit-note',
  reminderNumber: 'reminder',
  lineId: 'bank-statement-line',
  statementId: 'bank-statement',
};

export function realId(param: string, f: Fixtures): string {
  const ids: Record<string, string> = {
    enrolmentId: f.enrolmentId,
    offeringId: f.offeringId,
    customerId: f.customerId,
    learnerId: f.learnerId,
    participantId: f.participantId,
    licenceId: f.licenceId,
    paymentId: f.paymentId,
    invoiceId: f.invoiceId,
    refundId: f.refundId,
    complaintId: f.complaintId,
    decisionId: f.decisionId,
    streamId: f.streamId,
    name: f.projectionName,
    changeId: f.changeId,
    substituteLearnerId: f.learnerId,
    toLearnerId: f.learnerId,
    personId: 'reliability-person',
    moduleId: 'module-1',
    rulebookId: 'plusport',
    ruleId: 'PP-15.5-CLS',
    interpretationId: 'PP-I19',
    // Well-formed ids of nothing: a request with one defect elsewhere is refused for that defect.
    userId: 'reliability-user',
    keyId: '0000000000000000',
    approvalId: '00000000-0000-4000-8000-000000000000',
    reminderNumber: '1',
  };
  return ids[param] ?? `reliability-${param}`;
}

export function pathOf(endpoint: Endpoint, values: Record<string, string>): string {
  return endpoint.template.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? `reliability-${name}`),
  );
}

export function realPath(endpoint: Endpoint, f: Fixtures): string {
  return pathOf(endpoint, Object.fromEntries(endpoint.pathParams.map((p) => [p, realId(p, f)])));
}

export function unknownPath(endpoint: Endpoint): string {
  return pathOf(
    endpoint,
    Object.fromEntries(
      endpoint.pathParams.map((p) => [
        p,
        p === 'decisionId' ? '00000000-0000-4000-8000-000000000000' : `reliability-unknown-${p}`,
      ]),
    ),
  );
}

function validValue(field: FieldSpec, ctx: GeneratorContext): unknown {
  switch (field.kind) {
    case 'uuid':
      return seededUuid(ctx.random);
    case 'id':
      return realId(field.name, ctx.fixtures);
    case 'instant':
      return '2026-03-10T10:00:00+01:00';
    case 'date':
    case 'date-or-instant':
      return '2026-03-10';
    case 'email':
      return 'reliability@example.nl';
    case 'enum':
      return field.enumValues[0];
    case 'int': {
      const min = typeof field.schema.minimum === 'number' ? field.schema.minimum : 1;
      return Math.max(min, 1);
    }
    case 'bool':
      return false;
    case 'text':
      return typeof field.schema.example === 'string' ? field.schema.example : 'Reliability check';
    case 'object':
      return validBody(field.nested ?? [], ctx);
    case 'object-array':
      return [validBody(field.nested ?? [], ctx)];
    case 'enum-array':
      return [field.enumValues[0]];
    case 'string-array':
      return field.name === 'names' ? [ctx.fixtures.projectionName] : ['module-1'];
  }
}

function validBody(fields: FieldSpec[], ctx: GeneratorContext): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) if (field.required) body[field.name] = validValue(field, ctx);
  return body;
}

/** A field of the body, possibly nested in an object array (path `components.0.priceCents`). */
interface FieldTarget {
  field: FieldSpec;
  path: string[];
}

function allFields(fields: FieldSpec[], prefix: string[] = []): FieldTarget[] {
  return fields.flatMap((field) => {
    const here: FieldTarget = { field, path: [...prefix, field.name] };
    if (field.kind === 'object-array' && field.nested)
      return [here, ...allFields(field.nested, [...prefix, field.name, '0'])];
    if (field.kind === 'object' && field.nested) return [here, ...allFields(field.nested, [...prefix, field.name])];
    return [here];
  });
}

/** Sets a value at a path, creating the parents the valid way (an object array gets one valid element). */
function setAt(
  body: Record<string, unknown>,
  target: FieldTarget,
  value: unknown,
  ctx: GeneratorContext,
  all: FieldTarget[],
): void {
  let node: Record<string, unknown> | unknown[] = body;
  for (let i = 0; i < target.path.length - 1; i += 1) {
    const key = target.path[i] as string;
    let next = (node as Record<string, unknown>)[key];
    if (next === undefined) {
      const parent = all.find((t) => t.path.join('.') === target.path.slice(0, i + 1).join('.'));
      next = parent ? validValue(parent.field, ctx) : {};
      (node as Record<string, unknown>)[key] = next;
    }
    node = next as Record<string, unknown>;
  }
  (node as Record<string, unknown>)[target.path[target.path.length - 1] as string] = value;
}

function deleteAt(body: Record<string, unknown>, path: string[]): void {
  let node: unknown = body;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown>)?.[key];
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[path[path.length - 1] as string];
}

const fieldNames = (target: FieldTarget): string[] => [...new Set([target.path.join('.'), target.path[0] as string])];

const CONSTRAINED: readonly FieldKind[] = ['uuid', 'id', 'instant', 'date', 'date-or-instant', 'email', 'enum'];
const IMPOSSIBLE_DATES = {
  instant: [
    '2026-02-30T10:00:00+01:00',
    '2026-02-29T10:00:00+01:00',
    '2025-02-29T10:00:00+01:00',
    '2026-04-31T10:00:00+02:00',
    '2026-06-31T10:00:00+02:00',
    '2026-13-01T10:00:00+01:00',
    '2026-00-10T10:00:00+01:00',
    '2026-03-00T10:00:00+01:00',
    '2026-03-02T24:30:00+01:00',
    '2026-03-02T10:60:00+01:00',
    '2026-03-02T10:00:60+01:00',
    '2026-03-32T10:00:00+01:00',
    '0000-00-00T00:00:00Z',
    '2026-03-02T10:00:00+99:00',
  ],
  date: [
    '2026-02-30',
    '2026-02-29',
    '2025-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-06-31',
    '2026-13-01',
    '2026-00-10',
    '2026-03-00',
    '2026-03-32',
    '0000-00-00',
    '2026-99-99',
  ],
};

const UNKNOWN_KEYS = [
  'discountCents',
  'isAdmin',
  'role',
  'position',
  'revision',
  'expectedRevision',
  'actor',
  'recordedAt',
  'hash',
  'eventId',
  'commandid',
  'CommandId',
  'metadata',
  'a.b',
  '$where',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'feeCents',
  'refundCents',
  'decision',
  'x'.repeat(300),
];

const NOT_OBJECT_BODIES = ['[]', '[{}]', '[1,2,3]', '"text"', '123', '-1.5', 'true', 'false', 'null', '""', '[null]'];

/** Request-level defects that keep a valid request otherwise. */
function validRequest(
  endpoint: Endpoint,
  ctx: GeneratorContext,
): { path: string; body?: Record<string, unknown>; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const role = endpoint.roles.includes('backoffice') ? 'backoffice' : (endpoint.roles[0] ?? 'admin');
  headers['authorization'] = `Bearer ${ctx.keys[role]}`;
  const body = endpoint.body ? validBody(endpoint.body, ctx) : undefined;
  if (body) headers['content-type'] = 'application/json';
  return { path: realPath(endpoint, ctx.fixtures), ...(body ? { body } : {}), headers };
}

type Built = Omit<BadRequest, 'id' | 'category' | 'endpoint' | 'method'> | undefined;

function malformedJson(base: ReturnType<typeof validRequest>, ctx: GeneratorContext): Built {
  const good = JSON.stringify(base.body ?? { commandId: seededUuid(ctx.random) });
  const variants = [
    good.slice(0, Math.max(1, Math.floor(good.length * ctx.random()))),
    `${good.slice(0, -1)},}`,
    good.replace(/"/g, "'"),
    good.replace(/"(\w+)":/, '$1:'),
    `${good}}`,
    `${good}garbage`,
    `{"commandId": NaN}`,
    `{"commandId": undefined}`,
    `{"a": 1 /* comment */}`,
    `\uFEFF${good.slice(0, -2)}`,
    '{',
    '}',
    '{"a":}',
    '{"a" 1}',
    `{"a": "${'\\u12'}"}`,
    '{"a": "\u0001"}',
    '\u0000',
    ' ',
  ];
  const body = pick(ctx.random, variants);
  try {
    JSON.parse(body.replace(/^\uFEFF/, ''));
    return undefined; // this variant left the JSON valid (e.g. quotes swapped in "{}")
  } catch {
    /* malformed indeed */
  }
  return {
    path: base.path,
    headers: { ...base.headers, 'content-type': 'application/json' },
    body,
    names: ['body', 'JSON'],
    statuses: [400],
    defect: 'malformed JSON',
  };
}

export function generate(
  endpoints: Endpoint[],
  count: number,
  ctx: GeneratorContext,
): { requests: BadRequest[]; droppedValues: string[] } {
  const requests: BadRequest[] = [];
  const dropped = new Set<string>();
  const weighted = endpoints.flatMap((e) => Array<Endpoint>(e.command ? 3 : 1).fill(e));
  // Every endpoint first (whatever the size, each one gets a request of a category that fits it)...
  for (const endpoint of endpoints) {
    // Random categories first (the mix), then every category in turn, so an endpoint that only a
    // few categories fit (a GET without parameters) is never left out by chance.
    const randomTries = Array.from({ length: 20 }, () => pickCategory(ctx.random));
    for (const category of [...randomTries, ...CATEGORIES]) {
      if (requests.length >= count) break;
      if (category === 'command-id-reuse' || category === 'domain') continue;
      const built = build(endpoint, category, ctx, dropped);
      if (!built) continue;
      requests.push({
        id: requests.length,
        category,
        endpoint: endpointName(endpoint),
        method: endpoint.method,
        ...built,
      });
      break;
    }
  }
  // ...then the mix that follows WEIGHTS.
  let attempts = 0;
  while (requests.length < count && attempts < count * 50) {
    attempts += 1;
    const category = pickCategory(ctx.random);
    if (category === 'command-id-reuse' || category === 'domain') {
      const special = category === 'domain' ? domainProbe(ctx) : commandIdReuse(ctx);
      if (special) requests.push({ id: requests.length, category, ...special });
      continue;
    }
    // The category first (so the mix follows WEIGHTS), then an endpoint it applies to.
    for (let tries = 0; tries < 40; tries += 1) {
      const endpoint = pick(ctx.random, weighted);
      const built = build(endpoint, category, ctx, dropped);
      if (!built) continue;
      requests.push({
        id: requests.length,
        category,
        endpoint: endpointName(endpoint),
        method: endpoint.method,
        ...built,
      });
      break;
    }
  }
  return { requests, droppedValues: [...dropped] };
}

function pickCategory(random: Random): Category {
  const total = CATEGORIES.reduce((sum, c) => sum + WEIGHTS[c], 0);
  let roll = random() * total;
  for (const category of CATEGORIES) {
    roll -= WEIGHTS[category];
    if (roll < 0) return category;
  }
  return 'wrong-type';
}

function build(endpoint: Endpoint, category: Category, ctx: GeneratorContext, dropped: Set<string>): Built {
  const { random } = ctx;
  const base = validRequest(endpoint, ctx);
  const withBody = (
    body: unknown,
    extra: Partial<NonNullable<Built>> & { names: string[]; defect: string },
  ): Built => ({
    path: base.path,
    headers: base.headers,
    body: typeof body === 'string' ? body : serialise(body),
    statuses: [400],
    ...extra,
    ...(base.body && typeof base.body['commandId'] === 'string' ? { commandId: base.body['commandId'] } : {}),
  });
  const fields = endpoint.body ? allFields(endpoint.body) : [];
  const forbiddenRoles = (['backoffice', 'finance', 'auditor'] as Role[]).filter((r) => !endpoint.roles.includes(r));
  const hasBody = endpoint.body !== undefined;

  switch (category) {
    case 'malformed-json':
      if (endpoint.method === 'GET') return undefined;
      return malformedJson(base, ctx);
    case 'not-an-object': {
      if (!hasBody) return undefined;
      const required = endpoint.body!.filter((f) => f.required).map((f) => f.name);
      return withBody(pick(random, NOT_OBJECT_BODIES), {
        names: ['body', ...required],
        defect: 'body is not a JSON object',
      });
    }
    case 'missing-field': {
      const required = fields.filter((t) => t.field.required && t.path.length === 1);
      if (required.length === 0) return undefined;
      const target = pick(random, required);
      const body = structuredClone(base.body!);
      deleteAt(body, target.path);
      return withBody(body, { names: fieldNames(target), defect: `missing ${target.path.join('.')}` });
    }
    case 'null-field': {
      const required = fields.filter((t) => t.field.required);
      if (required.length === 0) return undefined;
      const target = pick(random, required);
      const body = structuredClone(base.body!);
      setAt(body, target, null, ctx, fields);
      return withBody(body, { names: fieldNames(target), defect: `${target.path.join('.')} is null` });
    }
    case 'wrong-type': {
      if (fields.length === 0) return undefined;
      const target = pick(random, fields);
      const value = pick(random, wrongTypeValues(target.field.kind));
      if (target.field.kind === 'text' && typeof value === 'string') return undefined;
      const body = structuredClone(base.body!);
      setAt(body, target, value, ctx, fields);
      return withBody(body, {
        names: fieldNames(target),
        defect: `${target.path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)} (${typeof value})`,
      });
    }
    case 'bad-value': {
      const candidates = fields.filter((t) =>
        [...CONSTRAINED, 'text', 'enum-array', 'string-array', 'object-array'].includes(t.field.kind),
      );
      if (candidates.length === 0) return undefined;
      const target = pick(random, candidates);
      let value: unknown;
      const kind = target.field.kind;
      if (kind === 'text') value = pick(random, BAD_TEXT);
      else if (kind === 'enum-array')
        value = pick(random, [['bogus'], [target.field.enumValues[0], 'bogus'], [1], [null], [['nested']]]);
      else if (kind === 'string-array')
        value = pick(random, [['bad id'], ['-x'], [1], [null], [{}], ['x'.repeat(101)]]);
      else if (kind === 'object-array')
        value = pick(random, [
          [null],
          ['x'],
          [1],
          [[]],
          Array.from({ length: 500 }, () => validValue({ ...target.field, kind: 'object' }, ctx)),
        ]);
      else {
        const { values, dropped: d } = badStringsFor(kind, target.field.enumValues);
        d.forEach((v) => dropped.add(`${kind}: ${JSON.stringify(v)}`));
        if (values.length === 0) return undefined;
        value = pick(random, values);
      }
      const body = structuredClone(base.body!);
      setAt(body, target, value, ctx, fields);
      return withBody(body, {
        names: fieldNames(target),
        defect: `${target.path.join('.')} = ${JSON.stringify(value)?.slice(0, 60)}`,
      });
    }
    case 'negative-cents':
    case 'fractional-cents':
    case 'out-of-range': {
      const ints = fields.filter((t) => t.field.kind === 'int');
      if (ints.length === 0) return undefined;
      const cents = ints.filter((t) => /Cents$/.test(t.field.name));
      const target = pick(random, cents.length > 0 && random() < 0.7 ? cents : ints);
      const minimum = typeof target.field.schema.minimum === 'number' ? target.field.schema.minimum : 0;
      const tokens =
        category === 'negative-cents'
          ? BAD_NUMBER_TOKENS.negative.filter((t) => Number(t) < minimum)
          : category === 'fractional-cents'
            ? BAD_NUMBER_TOKENS.fractional
            : BAD_NUMBER_TOKENS.outOfRange;
      if (tokens.length === 0) return undefined;
      const token = pick(random, tokens);
      const body = structuredClone(base.body!);
      setAt(body, target, new Raw(token), ctx, fields);
      return withBody(body, { names: fieldNames(target), defect: `${target.path.join('.')} = ${token}` });
    }
    case 'impossible-date': {
      const dates = fields.filter((t) => ['instant', 'date', 'date-or-instant'].includes(t.field.kind));
      if (dates.length === 0) return undefined;
      const target = pick(random, dates);
      const pool = target.field.kind === 'instant' ? IMPOSSIBLE_DATES.instant : IMPOSSIBLE_DATES.date;
      const value = pick(random, pool);
      if (!refusedBy(target.field.kind, value)) {
        dropped.add(`${target.field.kind}: ${value}`);
        return undefined;
      }
      const body = structuredClone(base.body!);
      setAt(body, target, value, ctx, fields);
      return withBody(body, { names: fieldNames(target), defect: `${target.path.join('.')} = ${value}` });
    }
    case 'unicode':
    case 'injection': {
      const constrained = fields.filter((t) => CONSTRAINED.includes(t.field.kind));
      if (constrained.length === 0) return undefined;
      const target = pick(random, constrained);
      const pool = category === 'unicode' ? UNICODE_STRINGS : INJECTION_STRINGS;
      const seed = pick(random, pool);
      // Alone, or glued to a valid value (a valid prefix must not make it pass).
      const valid = String(validValue(target.field, ctx));
      const value = pick(random, [seed, `${valid}${seed}`, `${seed}${valid}`]);
      if (!refusedBy(target.field.kind, value, target.field.enumValues)) {
        dropped.add(`${target.field.kind}: ${JSON.stringify(value)}`);
        return undefined;
      }
      const body = structuredClone(base.body!);
      // A lone surrogate cannot be made by JSON.stringify: write its escape raw.
      setAt(
        body,
        target,
        value.includes('\ud800') ? new Raw(JSON.stringify(value).replace(/\ud800/g, '\\ud800')) : value,
        ctx,
        fields,
      );
      return withBody(body, {
        names: fieldNames(target),
        defect: `${target.path.join('.')} = ${JSON.stringify(value).slice(0, 60)}`,
      });
    }
    case 'unknown-field': {
      if (!hasBody) return undefined;
      const known = new Set(endpoint.body!.map((f) => f.name));
      const keys = UNKNOWN_KEYS.filter((k) => !known.has(k));
      const nested = fields.filter((t) => t.field.kind === 'object-array');
      if (nested.length > 0 && random() < 0.2) {
        const target = pick(random, nested);
        const body = structuredClone(base.body!);
        const element = { ...(validValue({ ...target.field, kind: 'object' }, ctx) as object), isAdmin: true };
        setAt(body, target, [element], ctx, fields);
        return withBody(body, {
          names: [`${target.path.join('.')}.0.isAdmin`, 'isAdmin', target.path.join('.')],
          defect: `unknown field ${target.path.join('.')}.0.isAdmin`,
        });
      }
      if (random() < 0.1) {
        // Prototype keys: refused by the JSON parser (secure-json-parse) or named by the validation.
        const key = pick(random, ['__proto__', 'constructor']);
        const text = serialise(base.body).replace(/^\{/, `{"${key}":{"prototype":{"isAdmin":true},"isAdmin":true},`);
        return withBody(text, { names: [key, 'body', 'prototype'], defect: `prototype key ${key}` });
      }
      const key = pick(random, keys);
      const body = { ...base.body!, [key]: pick(random, [100, true, 'x', { nested: true }, [1]]) };
      return withBody(body, { names: [key], defect: `unknown field ${key.slice(0, 40)}` });
    }
    case 'duplicate-keys': {
      const top = fields.filter(
        (t) => t.path.length === 1 && t.field.kind !== 'object' && t.field.kind !== 'object-array',
      );
      if (top.length === 0) return undefined;
      const target = pick(random, top);
      let bad: unknown = pick(random, wrongTypeValues(target.field.kind));
      if (target.field.kind === 'text' && typeof bad === 'string') bad = 12345;
      const body = structuredClone(base.body!);
      body[target.field.name] = validValue(target.field, ctx);
      // The valid value first, the bad one last (JSON.parse keeps the last).
      const text = serialise(body).replace(/\}$/, `,${JSON.stringify(target.field.name)}:${JSON.stringify(bad)}}`);
      return withBody(text, {
        names: fieldNames(target),
        defect: `duplicate key ${target.field.name}, last value ${JSON.stringify(bad)?.slice(0, 30)}`,
      });
    }
    case 'deep-nesting': {
      if (!hasBody) return undefined;
      const depth = pick(random, [64, 512, 2_000, 10_000, 40_000]);
      const opener = random() < 0.5 ? '[' : '{"a":';
      const closer = opener === '[' ? ']' : '}';
      const deep = `${opener.repeat(depth)}1${closer.repeat(depth)}`;
      if (deep.length > ctx.bodyLimitBytes - 1_000) return undefined;
      const target =
        fields.length > 0 && random() < 0.5
          ? pick(
              random,
              fields.filter((t) => t.path.length === 1),
            )
          : undefined;
      const key = target?.field.name ?? 'nested';
      const body = { ...base.body!, [key]: new Raw(deep) };
      return withBody(body, { names: [key, 'body', 'depth', 'nested'], defect: `${key} nested ${depth} deep` });
    }
    case 'huge-body': {
      if (endpoint.method === 'GET') return undefined;
      const size = ctx.bodyLimitBytes + randomInt(random, 1, 200_000);
      const body = { ...(base.body ?? {}), padding: 'x'.repeat(size) };
      const built = withBody(body, {
        names: ['body', 'large', 'limit'],
        statuses: [413],
        defect: `body of ${size} bytes`,
      });
      return built && { ...built, headers: { ...built.headers, 'content-type': 'application/json' } };
    }
    case 'huge-field': {
      const strings = fields.filter((t) => CONSTRAINED.includes(t.field.kind) || t.field.kind === 'text');
      if (strings.length === 0) return undefined;
      const target = pick(random, strings);
      const body = structuredClone(base.body!);
      setAt(body, target, 'a'.repeat(randomInt(random, 5_000, Math.floor(ctx.bodyLimitBytes * 0.8))), ctx, fields);
      return withBody(body, { names: fieldNames(target), defect: `${target.path.join('.')} of many kilobytes` });
    }
    case 'wrong-content-type': {
      if (!hasBody) return undefined;
      const type = pick(random, [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'text/xml',
        'multipart/form-data; boundary=xyz',
        'application/octet-stream',
        'text/html',
        'application/jsonx',
        'image/png',
        'NONE',
      ]);
      const headers = { ...base.headers };
      if (type === 'NONE') delete headers['content-type'];
      else headers['content-type'] = type;
      const required = endpoint.body!.filter((f) => f.required).map((f) => f.name);
      // A form body is parsed as form fields: the JSON text becomes one unknown field name.
      const formNames = type === 'application/x-www-form-urlencoded' ? ['should not exist'] : [];
      return {
        path: base.path,
        headers,
        body: serialise(base.body),
        names: ['content-type', 'media type', 'body', ...required, ...formNames],
        statuses: [400, 415],
        defect: `content-type ${type}`,
      };
    }
    case 'no-key':
    case 'bad-key': {
      if (endpoint.public) return undefined;
      const headers = { ...base.headers };
      if (category === 'no-key') delete headers['authorization'];
      else {
        const key = ctx.keys.admin;
        headers['authorization'] = pick(random, [
          `Bearer ${key}x`,
          `Bearer ${key.slice(0, -1)}`,
          `Bearer ${seededUuid(random)}`,
          'Bearer',
          'Bearer ',
          `Basic ${Buffer.from(`admin:${key}`).toString('base64')}`,
          key,
          `Bearer ${key} extra`,
          `Bearer ${'k'.repeat(600)}`,
          `Token ${key}`,
          `Bearer\t`,
          `Bearer ${key.toUpperCase()}`,
        ]);
      }
      const built = withBody(base.body ?? '', {
        names: ['authorization', 'api key'],
        statuses: [401],
        defect:
          category === 'no-key'
            ? 'no Authorization header'
            : `Authorization: ${headers['authorization']!.slice(0, 30)}`,
      });
      return built && { ...built, headers, ...(base.body ? {} : { body: undefined }) };
    }
    case 'wrong-role': {
      if (endpoint.public || forbiddenRoles.length === 0) return undefined;
      const role = pick(random, forbiddenRoles);
      const headers = { ...base.headers, authorization: `Bearer ${ctx.keys[role]}` };
      const built = withBody(base.body ?? '', { names: ['role'], statuses: [403], defect: `role ${role}` });
      return built && { ...built, headers, ...(base.body ? {} : { body: undefined }) };
    }
    case 'bad-path-id': {
      if (endpoint.pathParams.length === 0) return undefined;
      const param = pick(random, endpoint.pathParams);
      const bad = pick(random, [
        ...badStringsFor('id').values.filter((v) => v.length > 0 && !v.includes('/')),
        `no-such-${param}-${randomInt(random, 1, 1e6)}`,
        'x'.repeat(randomInt(random, 101, 190)),
        'x'.repeat(250),
        '%',
        '%zz',
      ]);
      const values = Object.fromEntries(endpoint.pathParams.map((p) => [p, realId(p, ctx.fixtures)]));
      const encoded = bad === '%' || bad === '%zz' ? bad : encodeURIComponent(bad);
      const path = endpoint.template.replace(/\{(\w+)\}/g, (_m, name: string) =>
        name === param ? encoded : encodeURIComponent(values[name] as string),
      );
      const built = withBody(base.body ?? '', {
        names: [param, PARAM_RESOURCE[param] ?? param, 'path', 'url'],
        statuses: [400, 404, 409, 414],
        defect: `${param} = ${JSON.stringify(bad).slice(0, 50)}`,
      });
      return built && { ...built, path, ...(base.body ? {} : { body: undefined }) };
    }
    case 'bad-query': {
      if (endpoint.method !== 'GET' || endpoint.query.length === 0) return undefined;
      const roll = random();
      let query: string;
      let names: string[];
      if (roll < 0.25) {
        const key = pick(random, ['unknown', 'admin', 'where', '$where', 'limit[$gt]', '__proto__[x]', 'constructor']);
        query = `${encodeURIComponent(key)}=1`;
        names = [key, key.replace(/\[.*$/, '')];
      } else {
        const param = pick(random, endpoint.query);
        const values: string[] =
          param.kind === 'int' || param.name === 'limit'
            ? [
                String((typeof param.schema.minimum === 'number' ? param.schema.minimum : 1) - 1),
                '-1',
                '1.5',
                'abc',
                '1e300',
                '99999999999999999999',
                '',
                '0x10',
                ' 1',
              ]
            : param.kind === 'enum' || param.enumValues.length > 0
              ? ['bogus', '', 'OWED', "owed' OR '1'='1"]
              : ['instant', 'date', 'date-or-instant'].includes(param.kind)
                ? ['2026-02-30', '2026-13-01', 'yesterday', '2026-03-02T10:00:00', '']
                : param.kind === 'id'
                  ? ['bad id', '-x', "x' OR 1=1", 'x'.repeat(101), '']
                  : ['', 'x'.repeat(5_000)];
        const value = pick(random, values);
        const repeat = random() < 0.15;
        query = repeat
          ? `${param.name}=${encodeURIComponent(value)}&${param.name}=${encodeURIComponent(value)}`
          : `${param.name}=${encodeURIComponent(value)}`;
        if (value === '' && !repeat) return undefined; // an empty optional parameter may mean "not given"
        names = [param.name];
      }
      return {
        path: `${base.path}?${query}`,
        headers: base.headers,
        names,
        statuses: [400],
        defect: `query ${decodeURIComponent(query).slice(0, 60)}`,
      };
    }
    default:
      return undefined;
  }
}

type Special = Omit<BadRequest, 'id' | 'category'> | undefined;

/** A recorded command id sent again with another body: 409 naming commandId. */
function commandIdReuse(ctx: GeneratorContext): Special {
  const recorded = ctx.fixtures.recordedCommands.filter((c) => c.path === '/customers' || c.path === '/learners');
  if (recorded.length === 0) return undefined;
  const original = pick(ctx.random, recorded);
  const body = {
    ...original.body,
    name: `${String(original.body['name'])} (changed ${randomInt(ctx.random, 1, 1e6)})`,
  };
  return {
    endpoint: `POST ${original.path}`,
    method: 'POST',
    path: original.path,
    headers: { authorization: `Bearer ${ctx.keys.backoffice}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    names: ['commandId'],
    statuses: [409],
    defect: 'command id reused with another body',
    commandId: String(original.body['commandId']),
  };
}

/** A well-formed command the rules or the missing resources refuse. */
function domainProbe(ctx: GeneratorContext): Special {
  if (ctx.domainProbes.length === 0) return undefined;
  const probe = pick(ctx.random, ctx.domainProbes);
  const body = { commandId: seededUuid(ctx.random), ...probe.body };
  return {
    endpoint: `${probe.method} ${probe.route}`,
    method: probe.method,
    path: probe.path,
    headers: {
      authorization: `Bearer ${ctx.keys[probe.method === 'POST' && /erasure$/.test(probe.route) ? 'admin' : 'backoffice']}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
    names: probe.names,
    statuses: probe.statuses,
    defect: probe.defect,
    commandId: body.commandId,
  };
}
