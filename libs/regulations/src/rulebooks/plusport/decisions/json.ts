/**
 * Reading JSON decision inputs (a recorded decision's `inputs`) into typed inputs, and writing
 * typed inputs back as canonical JSON. Derived figures that a recorded decision carries next to
 * the raw facts are ignored on reading and recomputed, so a tampered figure shows up as a
 * difference between the recorded and the recomputed decision.
 */
import { isInstant, isLocalDate } from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';
import type { JsonValue } from '../../../decision';
import { formatEuro } from '../../../money';
import type { Cents } from '../../../money';

/** Malformed or impossible decision input (HTTP 400, not 422). */
export class PlusportInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PlusportInputError';
  }
}

export type JsonObject = Record<string, JsonValue>;

export function asObject(value: JsonValue | undefined, field: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new PlusportInputError(`${field} must be an object`, field);
  }
  return value;
}

export function asArray(value: JsonValue | undefined, field: string): JsonValue[] {
  if (!Array.isArray(value)) throw new PlusportInputError(`${field} must be an array`, field);
  return value;
}

function present(o: JsonObject, key: string): boolean {
  return o[key] !== undefined && o[key] !== null;
}

export function readString(o: JsonObject, key: string, path = key): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) throw new PlusportInputError(`${path} must be a non-empty string`, path);
  return v;
}

export function readOptionalString(o: JsonObject, key: string, path = key): string | undefined {
  return present(o, key) ? readString(o, key, path) : undefined;
}

export function readBoolean(o: JsonObject, key: string, path = key): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new PlusportInputError(`${path} must be true or false`, path);
  return v;
}

export function readOptionalBoolean(o: JsonObject, key: string, path = key): boolean | undefined {
  return present(o, key) ? readBoolean(o, key, path) : undefined;
}

export function readInteger(o: JsonObject, key: string, path = key, min = 0): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw new PlusportInputError(`${path} must be an integer >= ${min}`, path);
  }
  return v;
}

export function readOptionalInteger(o: JsonObject, key: string, path = key, min = 0): number | undefined {
  return present(o, key) ? readInteger(o, key, path, min) : undefined;
}

/** Non-negative whole cents. */
export function readCents(o: JsonObject, key: string, path = key): Cents {
  return readInteger(o, key, path, 0);
}

export function readOptionalCents(o: JsonObject, key: string, path = key): Cents | undefined {
  return present(o, key) ? readCents(o, key, path) : undefined;
}

export function readOneOf<T extends string>(o: JsonObject, key: string, allowed: readonly T[], path = key): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new PlusportInputError(`${path} must be one of ${allowed.join(', ')}`, path);
  }
  return v as T;
}

export function readOptionalOneOf<T extends string>(
  o: JsonObject,
  key: string,
  allowed: readonly T[],
  path = key,
): T | undefined {
  return present(o, key) ? readOneOf(o, key, allowed, path) : undefined;
}

export function readInstant(o: JsonObject, key: string, path = key): Instant {
  const v = readString(o, key, path);
  requireInstant(v, path);
  return v;
}

export function readOptionalInstant(o: JsonObject, key: string, path = key): Instant | undefined {
  return present(o, key) ? readInstant(o, key, path) : undefined;
}

export function readLocalDate(o: JsonObject, key: string, path = key): LocalDate {
  const v = readString(o, key, path);
  requireLocalDate(v, path);
  return v;
}

/** An instant with offset, or a bare calendar date (meaning that Amsterdam day). */
export function readInstantOrDate(o: JsonObject, key: string, path = key): Instant | LocalDate {
  const v = readString(o, key, path);
  requireInstantOrDate(v, path);
  return v;
}

export function requireInstant(value: string, field: string): Instant {
  if (!isInstant(value)) throw new PlusportInputError(`${field} must be an ISO 8601 instant with offset`, field);
  return value;
}

export function requireLocalDate(value: string, field: string): LocalDate {
  if (!isLocalDate(value)) throw new PlusportInputError(`${field} must be a calendar date YYYY-MM-DD`, field);
  return value;
}

export function requireInstantOrDate(value: string, field: string): Instant | LocalDate {
  if (!isInstant(value) && !isLocalDate(value)) {
    throw new PlusportInputError(`${field} must be an ISO 8601 instant with offset or a date YYYY-MM-DD`, field);
  }
  return value;
}

export function requireCents(value: number, field: string): Cents {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new PlusportInputError(`${field} must be whole non-negative cents`, field);
  return value;
}

/** Drops undefined values so the object is JSON (and deep-equals its own round trip). */
export function json(values: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------

/** 5000 -> "50", 1250 -> "12.5", 10000 -> "100". */
export function formatPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = Math.abs(basisPoints % 100);
  if (rest === 0) return `${whole}`;
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

export const euro = formatEuro;

/** "(PP-15.5-CLS, rulebook plusport@2024-01-01)" — the catalogue's citation style. */
export function citation(ruleIds: readonly string[], rulebook: { id: string; version: string }): string {
  return `(${[...ruleIds, `rulebook ${rulebook.id}@${rulebook.version}`].join(', ')})`;
}

export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
