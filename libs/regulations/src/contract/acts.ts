/**
 * The rulebook plug-in contract (docs/architecture.md, "Rulebooks as plug-ins"). The domain knows
 * acts (register, cancel, reschedule, ...) and asks the rulebook version in force what each act
 * means; a rulebook implements an act or declares it not covered. Nothing here names a provider.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { JsonValue } from '../decision';

/** The rulebook has no rule for this act: the domain refuses with 422 naming the closest rule. */
export interface NotCovered {
  readonly notCovered: true;
  readonly error: string;
  readonly ruleId?: string;
  readonly message: string;
}

export function notCovered(error: string, ruleId: string | undefined, message: string): NotCovered {
  return Object.freeze({ notCovered: true as const, error, ...(ruleId ? { ruleId } : {}), message });
}

export function isNotCovered(act: unknown): act is NotCovered {
  return typeof act === 'object' && act !== null && (act as NotCovered).notCovered === true;
}

/** An act a rulebook implements, or declares not covered. */
export type ActOf<T> = T | NotCovered;

/**
 * Malformed input to an act (HTTP 400 naming the field): a book-specific fact the book's own
 * schema refuses, or an input only the rulebook can judge (e.g. an option of another rulebook).
 */
export class ActInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message.startsWith(field) ? message : `${field}: ${message}`);
    this.name = 'ActInputError';
  }
}

/** Book-specific facts of an act, as sent (JSON); the book's schema validates them. */
export type ActDetails = Readonly<Record<string, JsonValue>>;

function firstProblem(errors: readonly ValidationError[], parent = ''): { field: string; message: string } | undefined {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { field, message };
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

export type SchemaClass<T> = new () => T;

/**
 * Validates an act's book-specific details against the book's schema (a class-validator class:
 * the same class documents the fields in OpenAPI). Unknown fields are refused, so a field another
 * rulebook knows is a clear 400 rather than silently ignored.
 */
export function parseActDetails<T extends object>(schema: SchemaClass<T>, details: ActDetails | undefined): T {
  const instance = plainToInstance(schema, details ?? {}, { enableImplicitConversion: false });
  const empty = details === undefined || Object.keys(details).length === 0;
  const problem = empty ? problemWithoutDetails(schema, instance) : problemOf(instance);
  if (problem) {
    const message = problem.message.replace(
      /^property (\S+) should not exist$/,
      'field $1 does not apply to this rulebook',
    );
    throw new ActInputError(problem.field, message);
  }
  return instance;
}

function problemOf(instance: object): { field: string; message: string } | undefined {
  // The instance is always of the schema's class, so an empty schema (no details) is not an unknown value.
  return firstProblem(
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false }),
  );
}

/**
 * What validating no details against a schema gives never changes (its decorators ran when the
 * class was defined), and most acts are sent without details: validated once per schema.
 */
const problemsWithoutDetails = new WeakMap<SchemaClass<object>, { field: string; message: string } | null>();

function problemWithoutDetails(
  schema: SchemaClass<object>,
  instance: object,
): { field: string; message: string } | undefined {
  let known = problemsWithoutDetails.get(schema);
  if (known === undefined) {
    known = problemOf(instance) ?? null;
    problemsWithoutDetails.set(schema, known);
  }
  return known ?? undefined;
}

/** Fields a schema class declares (for OpenAPI and for telling which details apply). */
export const NO_DETAILS = class NoDetails {};
