/**
 * Field kinds of the OpenAPI request schemas, a valid value of each, and values that each kind's
 * validator must refuse. Every "bad" value is checked against the real validator functions
 * (isInstant, isLocalDate, ID_PATTERN, isUUID, isEmail) when the campaign starts, so a value the
 * server would in fact accept never counts as bad input.
 */
import { isEmail, isUUID } from 'class-validator';
import { isInstant, isLocalDate } from '../../../libs/regulations/src/calendar';
import { ID_PATTERN } from '../../../apps/admin-api/src/http/validators';

export type FieldKind =
  | 'uuid'
  | 'id'
  | 'instant'
  | 'date'
  | 'date-or-instant'
  | 'email'
  | 'enum'
  | 'int'
  | 'bool'
  | 'text'
  | 'object'
  | 'object-array'
  | 'enum-array'
  | 'string-array';

export interface Schema {
  type?: string;
  format?: string;
  /** The DTO's example: a valid value for a text field whose form the name does not tell. */
  example?: unknown;
  enum?: unknown[];
  items?: Schema;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  allOf?: Schema[];
}

export function kindOf(name: string, schema: Schema): FieldKind {
  if (schema.$ref || schema.allOf) return 'object';
  if (schema.type === 'array') {
    if (schema.items?.$ref) return 'object-array';
    if (schema.items?.enum) return 'enum-array';
    return 'string-array';
  }
  if (schema.enum) return 'enum';
  if (schema.format === 'uuid') return 'uuid';
  if (schema.type === 'number' || schema.type === 'integer') return 'int';
  if (schema.type === 'boolean') return 'bool';
  if (name === 'email' || schema.format === 'email') return 'email';
  if (name === 'asOf') return 'date-or-instant';
  if (/Id$/.test(name) && name !== 'streamId') return 'id';
  if (/At$/.test(name) || name === 'at' || name === 'until' || name === 'knownAt') return 'instant';
  if (/On$/.test(name) || /Date$/.test(name) || name === 'effectiveFrom') return 'date';
  return 'text';
}

/** Every value here must be refused by the validator of its kind (checked by assertBadValues). */
export const BAD_STRINGS: Record<'uuid' | 'id' | 'instant' | 'date' | 'date-or-instant' | 'email' | 'enum', string[]> =
  {
    uuid: [
      '',
      'not-a-uuid',
      '123',
      '7c9e6679-7425-40de-944b-e07fc1f90ae',
      '7c9e6679-7425-40de-944b-e07fc1f90ae7x',
      '{7c9e6679-7425-40de-944b-e07fc1f90ae7}',
      'zc9e6679-7425-40de-944b-e07fc1f90ae7',
      "7c9e6679' OR '1'='1",
    ],
    id: [
      '',
      ' ',
      'a b',
      '-leading-dash',
      '_underscore',
      '.hidden',
      'x'.repeat(101),
      'a/b',
      '../../etc/passwd',
      'a\u0000b',
      'cust\n1',
      'klant-é',
      '客户',
      'a\u200bb',
      '\u202ecust',
      '😀',
      "x'; DROP TABLE events;--",
      '" OR 1=1 --',
      '<script>alert(1)</script>',
      '${7*7}',
      '{{7*7}}',
      '%2e%2e%2f',
      'a?b',
      'a#b',
      'a,b',
      'a*b',
    ],
    instant: [
      '',
      'now',
      'yesterday',
      '2026-02-30T10:00:00+01:00',
      '2026-02-29T10:00:00+01:00',
      '2026-04-31T10:00:00+02:00',
      '2026-13-01T10:00:00+01:00',
      '2026-00-10T10:00:00+01:00',
      '2026-03-02T25:00:00+01:00',
      '2026-03-02T10:60:00+01:00',
      '2026-03-02T10:00:61+01:00',
      '2026-03-02T10:00:00',
      '2026-03-02 10:00:00',
      '2026-03-02',
      '02-03-2026T10:00:00+01:00',
      '2026-03-02T10:00:00+25:00',
      '2026-03-02T10:00:00 +01:00',
      '1767225600000',
      'Mon, 02 Mar 2026 10:00:00 GMT',
      '2026-03-02T10:00:00+01:00' + 'x'.repeat(20),
      "2026-03-02T10:00:00+01:00' OR '1'='1",
      '２０２６-03-02T10:00:00+01:00',
    ],
    date: [
      '',
      'today',
      '2026-02-30',
      '2026-02-29',
      '2023-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-3-2',
      '20260302',
      '02-03-2026',
      '2026-03-02T10:00:00+01:00',
      '2026/03/02',
      "2026-03-02' OR '1'='1",
      '２０２６-03-02',
      ' 2026-03-02',
    ],
    'date-or-instant': [
      '',
      'today',
      '2026-02-30',
      '2026-13-01',
      '2026-03-02T25:00:00+01:00',
      '2026-03-02T10:00:00',
      '2026/03/02',
      "2026-03-02' OR '1'='1",
    ],
    email: [
      '',
      'not-an-email',
      'a@',
      '@example.nl',
      'a b@example.nl',
      'a@@example.nl',
      `${'x'.repeat(300)}@example.nl`,
      '<script>@example.nl',
      "x'--@example.nl",
    ],
    enum: [
      '',
      'UNKNOWN',
      'regulär',
      'regulаr' /* Cyrillic a */,
      ' consumer',
      'consumer ',
      'CONSUMER',
      "consumer' OR '1'='1",
      '{"$ne":null}',
      '😀',
    ],
  };

/** Values of another JSON type than the kind expects (never null or absent: optional fields take those). */
export function wrongTypeValues(kind: FieldKind): unknown[] {
  const stringy: unknown[] = [123, -1, 1.5, true, false, [], ['x'], {}, { $gt: '' }, { toString: 'x' }];
  switch (kind) {
    case 'int':
      return ['100', '1e3', '', 'NaN', true, false, [], [1], {}, { $gt: 0 }];
    case 'bool':
      return ['true', 'false', 'yes', 1, 0, [], [true], {}, 'TRUE'];
    case 'object-array':
    case 'enum-array':
    case 'string-array':
      return ['x', 1, true, {}, { 0: 'x' }, 'classroom'];
    case 'object':
      return ['x', 1, true, []];
    default:
      return stringy;
  }
}

/** Numbers no integer-cents (or count) field accepts. Written raw into the JSON text. */
export const BAD_NUMBER_TOKENS = {
  negative: ['-1', '-100', '-1000000', '-0.01', '-9007199254740991'],
  fractional: ['0.5', '1.5', '10.01', '99.999', '1e-7', '45000.5'],
  outOfRange: [
    '1e300',
    '-1e300',
    '1e999',
    '-1e999',
    '9007199254740993',
    '18446744073709551616',
    '1e16',
    '123456789012345678901234567890',
  ],
};

/** Text fields: an empty string and one far above any Length() bound (all bounds are <= 4096). */
export const BAD_TEXT = ['', 'x'.repeat(5_000)];

export const INJECTION_STRINGS = [
  "' OR '1'='1",
  "x'); DROP TABLE events; --",
  '"; DELETE FROM events WHERE 1=1; --',
  '{"$gt": ""}',
  '$where: function() { return true }',
  '__proto__',
  'constructor.prototype',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '<img src=x onerror=alert(1)>',
  'a\r\nX-Injected: 1',
  '%0d%0aSet-Cookie: x=1',
  '\u0000',
  "'; SELECT pg_sleep(10); --",
  'AAAA%n%n%n%s%s',
];

export const UNICODE_STRINGS = [
  'klant-é',
  'ｃｕｓｔ-1',
  'a\u200bb',
  '\u202ecust',
  '😀😀',
  'İstanbul',
  'Ω≈ç√',
  '\ud800',
  'x\u0301',
  'مرحبا',
  '\uFEFFid',
  'a\u00a0b',
];

/** Checks one string against the validator of its kind: true when the server must refuse it. */
export function refusedBy(kind: FieldKind, value: string, enumValues: readonly unknown[] = []): boolean {
  try {
    return refusedByValidator(kind, value, enumValues);
  } catch {
    // The validator itself throws (isEmail on a lone surrogate): it cannot accept the value.
    return true;
  }
}

function refusedByValidator(kind: FieldKind, value: string, enumValues: readonly unknown[]): boolean {
  switch (kind) {
    case 'uuid':
      return !isUUID(value);
    case 'id':
      return !ID_PATTERN.test(value);
    case 'instant':
      return !(value.length <= 40 && isInstant(value));
    case 'date':
      return !isLocalDate(value);
    case 'date-or-instant':
      return !(value.length <= 40 && (isLocalDate(value) || isInstant(value)));
    case 'email':
      return !(isEmail(value) && value.length >= 3 && value.length <= 254);
    case 'enum':
      return !enumValues.includes(value);
    default:
      return false;
  }
}

/** The bad strings of a kind, those the validator really refuses (the rest are dropped, with a note). */
export function badStringsFor(
  kind: FieldKind,
  enumValues: readonly unknown[] = [],
  extra: readonly string[] = [],
): { values: string[]; dropped: string[] } {
  const base = kind in BAD_STRINGS ? BAD_STRINGS[kind as keyof typeof BAD_STRINGS] : [];
  const candidates = [...base, ...extra];
  const values = candidates.filter((v) => refusedBy(kind, v, enumValues));
  return { values, dropped: candidates.filter((v) => !values.includes(v)) };
}
