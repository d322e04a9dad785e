/**
 * Readers of the priced agreement a money decision of Excellus records in its inputs: the
 * components of the offering with their net prices, as JSON, and back.
 */
import type { JsonValue } from '../../../decision';
import type { Cents } from '../../../money';
import { DecisionInputError, requireCents, type JsonInputs } from '../../vli/decisions/decision-inputs';

/** No offering has more components than this (the catalogue's kinds name at most five). */
const MAX_PRICED_COMPONENTS = 10;

export interface PricedComponent {
  kind: string;
  /** Net price, excluding VAT. */
  priceCents: Cents;
}

export function componentsJson(components: readonly PricedComponent[]): JsonValue {
  return components.map((c) => ({ kind: c.kind, priceCents: c.priceCents }));
}

/** The components recorded under `field`: 1 to 10 of `{ kind, priceCents }`. */
export function readComponents(inputs: JsonInputs, field: string): PricedComponent[] {
  const value = inputs[field];
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PRICED_COMPONENTS)
    throw new DecisionInputError(field, `${field} must list 1 to ${MAX_PRICED_COMPONENTS} priced components`);
  return value.map((item, i) => {
    const where = `${field}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new DecisionInputError(where, `${where} must be { kind, priceCents }`);
    const { kind, priceCents } = item;
    if (typeof kind !== 'string' || kind.length === 0)
      throw new DecisionInputError(`${where}.kind`, `${where}.kind must be a component kind`);
    if (typeof priceCents !== 'number') throw new DecisionInputError(`${where}.priceCents`, 'priceCents is required');
    return { kind, priceCents: requireCents(priceCents, `${where}.priceCents`) };
  });
}

export const totalPriceCents = (components: readonly PricedComponent[]): Cents =>
  components.reduce((sum, c) => sum + c.priceCents, 0);
