/**
 * Reading a decision's JSON inputs. A typed decision function passes its input through these
 * readers too, so the typed call and `registry.recompute` validate and normalise alike. Keys other
 * than the ones read (the derived figures a decision records) are ignored.
 * Shared by the rulebooks (LOI, SPOT); the API answers a DecisionInputError with 400.
 */
import { isInstant, isLocalDate, type Instant, type LocalDate } from './calendar';
import type { Cents } from './money';
import type { JsonValue } from './decision';

/** Malformed decision inputs (a programming or data error, not a rule refusing the act). */
export class DecisionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionInputError';
  }
}

export type JsonInputs = Record<string, JsonValue>;

/** The typed input objects are plain data; this views one as the JSON record it records. */
export function asJson(input: object): JsonInputs {
  return input as unknown as JsonInputs;
}

function present(inputs: JsonInputs, key: string): boolean {
  return inputs[key] !== undefined && inputs[key] !== null;
}

function fail(key: string, expected: string, value: unknown): never {
  throw new DecisionInputError(`input ${key}: expected ${expected}, got ${JSON.stringify(value) ?? 'undefined'}`);
}

export function readString(inputs: JsonInputs, key: string): string {
  const value = inputs[key];
  if (typeof value !== 'string' || value.length === 0) fail(key, 'a non-empty string', value);
  return value;
}

export function readOneOf<T extends string>(inputs: JsonInputs, key: string, values: readonly T[]): T {
  const value = inputs[key];
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) fail(key, values.join('|'), value);
  return value as T;
}

export function readBoolean(inputs: JsonInputs, key: string): boolean {
  const value = inputs[key];
  if (typeof value !== 'boolean') fail(key, 'a boolean', value);
  return value;
}

export function readOptionalBoolean(inputs: JsonInputs, key: string, fallback: boolean): boolean {
  return present(inputs, key) ? readBoolean(inputs, key) : fallback;
}

export function readInteger(inputs: JsonInputs, key: string, min: number, max: number): number {
  const value = inputs[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(key, `an integer in ${min}..${max}`, value);
  }
  return value;
}

/** Non-negative whole cents. */
export function readCents(inputs: JsonInputs, key: string): Cents {
  return readInteger(inputs, key, 0, Number.MAX_SAFE_INTEGER);
}

export function readOptionalCents(inputs: JsonInputs, key: string, fallback: Cents): Cents {
  return present(inputs, key) ? readCents(inputs, key) : fallback;
}

export function readOptionalCentsOrNull(inputs: JsonInputs, key: string): Cents | null {
  return present(inputs, key) ? readCents(inputs, key) : null;
}

export function readDate(inputs: JsonInputs, key: string): LocalDate {
  const value = inputs[key];
  if (typeof value !== 'string' || !isLocalDate(value)) fail(key, 'a calendar date YYYY-MM-DD', value);
  return value;
}

export function readOptionalDate(inputs: JsonInputs, key: string): LocalDate | null {
  return present(inputs, key) ? readDate(inputs, key) : null;
}

/** A business time: an instant with offset, or a calendar date. */
export function readTime(inputs: JsonInputs, key: string): Instant | LocalDate {
  const value = inputs[key];
  if (typeof value !== 'string' || !(isLocalDate(value) || isInstant(value))) {
    fail(key, 'an ISO 8601 instant with offset or a date YYYY-MM-DD', value);
  }
  return value;
}

export function readStringArray(inputs: JsonInputs, key: string, maxLength: number): string[] {
  const value = inputs[key];
  if (!Array.isArray(value) || value.length > maxLength || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    fail(key, `an array of at most ${maxLength} non-empty strings`, value);
  }
  return value as string[];
}

export function readOptionalString(inputs: JsonInputs, key: string): string | null {
  return present(inputs, key) ? readString(inputs, key) : null;
}

/** An array of JSON objects (e.g. a participant's licences), at most `maxLength`. */
export function readObjectArray(inputs: JsonInputs, key: string, maxLength: number): JsonInputs[] {
  const value = inputs[key];
  if (
    !Array.isArray(value) ||
    value.length > maxLength ||
    value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))
  ) {
    fail(key, `an array of at most ${maxLength} objects`, value);
  }
  return value as JsonInputs[];
}
