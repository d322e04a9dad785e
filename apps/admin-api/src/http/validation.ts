import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { JsonValue } from '@ledger/regulations';

const ACT_DETAILS = Symbol('ledger:act-details');

/**
 * Marks a command body whose fields beyond the declared ones are the act's book-specific details:
 * they are collected into `details` (not refused here) and validated by the rulebook's own schema
 * for the enrolment's rulebook, which answers 400 naming the field (docs/architecture.md).
 */
export function WithActDetails(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(ACT_DETAILS, true, target);
  };
}

/** A command body with book-specific details (see WithActDetails). */
export interface ActDetailsBody {
  details?: Record<string, JsonValue>;
}

type DtoClass = new () => object;

/** By DTO class: its decorators ran when the class was defined, so its declared properties never change. */
const declaredPropertiesByClass = new WeakMap<DtoClass, ReadonlySet<string>>();

function declaredProperties(target: DtoClass): ReadonlySet<string> {
  let declared = declaredPropertiesByClass.get(target);
  if (declared === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
    declared = new Set(metadata.map((m) => m.propertyName));
    declaredPropertiesByClass.set(target, declared);
  }
  return declared;
}

function splitDetails(value: Record<string, unknown>, target: DtoClass) {
  const declared = declaredProperties(target);
  const known: Record<string, unknown> = {};
  const details: Record<string, JsonValue> = {};
  for (const [key, field] of Object.entries(value)) {
    if (declared.has(key)) known[key] = field;
    else details[key] = field as JsonValue;
  }
  return { known, details };
}

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** No request body or query of this API nests deeper than a few levels; JSON of any depth parses, though. */
export const MAX_INPUT_DEPTH = 16;

/**
 * Keys that name members of Object.prototype (`toString`, `hasOwnProperty`, `constructor`,
 * `__proto__`, ...). class-validator's whitelist does not see them as unknown properties, so
 * without this check `{ ..., "valueOf": 1 }` passed `forbidNonWhitelisted` and the command ran
 * (found by the bad-input campaign).
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export interface FieldProblem {
  field: string;
  message: string;
}

/** A UTF-16 surrogate without its partner: not a Unicode character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Walks a parsed body or query without recursion and names the first field that is
 * - nested too deep (a body nested 40,000 deep overflowed the stack of class-transformer and of
 *   ValidationPipe's own proto-key stripping: a 500),
 * - named like a member of Object.prototype (see PROTOTYPE_KEYS), or
 * - a string (or key) with a lone surrogate (class-validator's isEmail threw URIError on one: a 500;
 *   elsewhere it would be stored as U+FFFD, not as sent).
 */
export function findShapeProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): FieldProblem | undefined {
  if (typeof value === 'string')
    return LONE_SURROGATE.test(value) ? { field: 'body', message: 'body must be well-formed Unicode' } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Array<{ node: object; path: string[]; depth: number }> = [{ node: value, path: [], depth: 1 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    const field = path.length === 0 ? 'body' : path.slice(0, 4).join('.');
    if (depth > maxDepth) return { field, message: `${field} is nested more than ${maxDepth} levels deep` };
    for (const key of Object.keys(node)) {
      const named = [...path, key].slice(0, 5).join('.');
      if (!Array.isArray(node) && PROTOTYPE_KEYS.has(key))
        return { field: named, message: `property ${named} should not exist` };
      if (LONE_SURROGATE.test(key))
        return {
          field: path.length === 0 ? 'body' : field,
          message: `${path.length === 0 ? 'body' : field} has a property name that is not well-formed Unicode`,
        };
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'string' && LONE_SURROGATE.test(child))
        return { field: named, message: `${named} must be well-formed Unicode (it holds a lone surrogate)` };
      if (child !== null && typeof child === 'object')
        stack.push({ node: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return undefined;
}

const PLAIN_TYPES: ReadonlySet<unknown> = new Set([Object, Array, String, Number, Boolean]);

export function validationFailed(fields: Array<{ field: string; messages: string[] }>): BadRequestException {
  return new BadRequestException({
    error: 'VALIDATION_FAILED',
    message: fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ') || 'Invalid request body',
    fields,
  });
}

/** Checks the shape of bodies and queries (depth, prototype keys) before class-transformer sees them. */
class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      // A DTO body is a JSON object; `[1,2]`, `"text"` or `null` would otherwise be reported as
      // odd properties ("property 0 should not exist") or as every field missing.
      const dto = typeof metadata.metatype === 'function' && !PLAIN_TYPES.has(metadata.metatype);
      if (
        metadata.type === 'body' &&
        dto &&
        value !== undefined &&
        (value === null || typeof value !== 'object' || Array.isArray(value))
      ) {
        const given = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
        throw validationFailed([{ field: 'body', messages: [`body must be a JSON object, not ${given}`] }]);
      }
      const problem = findShapeProblem(value);
      if (problem) throw validationFailed([{ field: problem.field, messages: [problem.message] }]);
      if (
        metadata.type === 'body' &&
        dto &&
        value !== null &&
        typeof value === 'object' &&
        Reflect.getMetadata(ACT_DETAILS, metadata.metatype as object)
      ) {
        const { known, details } = splitDetails(value as Record<string, unknown>, metadata.metatype as DtoClass);
        const body = (await super.transform(known, metadata)) as ActDetailsBody;
        body.details = details;
        return body;
      }
    }
    return super.transform(value, metadata);
  }
}

/** Whitelist, forbid unknown fields, transform; 400 with one entry per offending field. */
export function createValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
