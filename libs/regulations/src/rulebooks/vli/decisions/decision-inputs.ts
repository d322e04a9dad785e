/**
 * Reading a decision's JSON inputs (as recorded in a decision event) back into typed inputs, and
 * small formatting helpers for explanations. Shared by the vli and excellus rulebooks.
 *
 * A recorded decision's `inputs` hold raw facts and derived figures; the readers below take only
 * the raw facts, so recomputing a decision derives every figure afresh.
 */
import { isInstant, isLocalDate } from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';
import type { JsonValue, RulebookRef } from '../../../decision';
import { formatEuro } from '../../../money';
import type { Cents } from '../../../money';

/** A decision input is missing or malformed (a bad request, HTTP 400 — not a rule refusal). */
export class DecisionInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionInputError';
  }
}

export type JsonInputs = Record<string, JsonValue>;

function present(inputs: JsonInputs, field: string): boolean {
  return inputs[field] !== undefined && inputs[field] !== null;
}

function required(inputs: JsonInputs, field: string): JsonValue {
  if (!present(inputs, field)) throw new DecisionInputError(field, `${field} is required`);
  return inputs[field]!;
}

export function readString(inputs: JsonInputs, field: string): string {
  const value = required(inputs, field);
  if (typeof value !== 'string' || value.length === 0)
    throw new DecisionInputError(field, `${field} must be a non-empty string`);
  return value;
}

export function readOptionalString(inputs: JsonInputs, field: string): string | undefined {
  return present(inputs, field) ? readString(inputs, field) : undefined;
}

export function readBoolean(inputs: JsonInputs, field: string): boolean {
  const value = required(inputs, field);
  if (typeof value !== 'boolean') throw new DecisionInputError(field, `${field} must be true or false`);
  return value;
}

export function readOptionalBoolean(inputs: JsonInputs, field: string): boolean | undefined {
  return present(inputs, field) ? readBoolean(inputs, field) : undefined;
}

export function readInteger(inputs: JsonInputs, field: string): number {
  const value = required(inputs, field);
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new DecisionInputError(field, `${field} must be an integer`);
  return value;
}

export function readOptionalInteger(inputs: JsonInputs, field: string): number | undefined {
  return present(inputs, field) ? readInteger(inputs, field) : undefined;
}

export function readOneOf<T extends string>(inputs: JsonInputs, field: string, allowed: readonly T[]): T {
  const value = readString(inputs, field);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new DecisionInputError(field, `${field} must be one of ${allowed.join(', ')}; got ${value}`);
  }
  return value as T;
}

/** An ISO 8601 instant with offset. */
export function readInstant(inputs: JsonInputs, field: string): Instant {
  const value = readString(inputs, field);
  if (!isInstant(value)) throw new DecisionInputError(field, `${field} must be an ISO 8601 instant with offset`);
  return value;
}

export function readOptionalInstant(inputs: JsonInputs, field: string): Instant | undefined {
  return present(inputs, field) ? readInstant(inputs, field) : undefined;
}

/** A calendar date `YYYY-MM-DD`. */
export function readLocalDate(inputs: JsonInputs, field: string): LocalDate {
  const value = readString(inputs, field);
  if (!isLocalDate(value)) throw new DecisionInputError(field, `${field} must be a calendar date YYYY-MM-DD`);
  return value;
}

export function readOptionalLocalDate(inputs: JsonInputs, field: string): LocalDate | undefined {
  return present(inputs, field) ? readLocalDate(inputs, field) : undefined;
}

/** Either an instant or a calendar date (date-based rules accept both). */
export function readInstantOrDate(inputs: JsonInputs, field: string): Instant | LocalDate {
  const value = readString(inputs, field);
  if (!isInstant(value) && !isLocalDate(value)) {
    throw new DecisionInputError(field, `${field} must be an ISO 8601 instant with offset or a date YYYY-MM-DD`);
  }
  return value;
}

export function readOptionalInstantOrDate(inputs: JsonInputs, field: string): Instant | LocalDate | undefined {
  return present(inputs, field) ? readInstantOrDate(inputs, field) : undefined;
}

// ---- validation of typed inputs (callers may bypass the JSON readers) ----

export function requireCents(value: number, field: string, { allowNegative = false } = {}): Cents {
  if (!Number.isSafeInteger(value))
    throw new DecisionInputError(field, `${field} must be a whole number of cents, got ${value}`);
  if (!allowNegative && value < 0) throw new DecisionInputError(field, `${field} must not be negative, got ${value}`);
  return value;
}

export function requireInstant(value: string, field: string): Instant {
  if (typeof value !== 'string' || !isInstant(value))
    throw new DecisionInputError(field, `${field} must be an ISO 8601 instant with offset`);
  return value;
}

export function requireLocalDate(value: string, field: string): LocalDate {
  if (typeof value !== 'string' || !isLocalDate(value))
    throw new DecisionInputError(field, `${field} must be a calendar date YYYY-MM-DD`);
  return value;
}

export function requireInstantOrDate(value: string, field: string): Instant | LocalDate {
  if (typeof value !== 'string' || (!isInstant(value) && !isLocalDate(value))) {
    throw new DecisionInputError(field, `${field} must be an ISO 8601 instant with offset or a date YYYY-MM-DD`);
  }
  return value;
}

export function requireOneOf<T extends string>(value: string, field: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new DecisionInputError(field, `${field} must be one of ${allowed.join(', ')}; got ${value}`);
  return value as T;
}

/** Drops undefined members so a decision's inputs are plain JSON and survive a JSON round trip unchanged. */
export function jsonInputs(values: Record<string, JsonValue | undefined>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}

/** A copy of `value` without its undefined members (for optional typed inputs read from JSON). */
export function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---- explanation helpers ----

/** 3000 -> "30 %", 1250 -> "12.5 %". */
export function formatPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = Math.abs(basisPoints % 100);
  return rest === 0 ? `${whole} %` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')} %`;
}

export function euro(cents: Cents): string {
  return formatEuro(cents);
}

/** "(VLI-2.3; EXC-I1, rulebook vli@2024-01-01)". */
export function citation(
  ruleIds: readonly string[],
  interpretationIds: readonly string[],
  rulebook: RulebookRef,
): string {
  return `(${[...ruleIds, ...interpretationIds].join(', ')}, rulebook ${rulebook.id}@${rulebook.version})`;
}

export function max(a: Cents, b: Cents): Cents {
  return a > b ? a : b;
}

export function min(a: Cents, b: Cents): Cents {
  return a < b ? a : b;
}
