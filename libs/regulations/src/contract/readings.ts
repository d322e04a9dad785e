/**
 * Readings of the regulations that were corrected (catalogue revision 2): each correction is a
 * new version of the interpretation it touches. A decision records the versions it was made under
 * in `inputs.readings`; recorded decisions without it were made under version 1 of every reading,
 * so they keep recomputing exactly as recorded. New decisions use the current version.
 */
import type { JsonValue } from '../decision';

/** The current version of every versioned reading. */
export const CURRENT_READINGS: Readonly<Record<string, number>> = Object.freeze({
  'PP-I18': 2,
  'PP-I19': 2,
  'EXC-I3': 2,
  'EXC-I4': 2,
  'MONEY-I1': 2,
});

export type Readings = Readonly<Record<string, number>>;

/** The readings a decision records: the current version of each id it depends on. */
export function currentReadings(...ids: string[]): Readings {
  const out: Record<string, number> = {};
  for (const id of ids) {
    const version = CURRENT_READINGS[id];
    if (version === undefined) throw new Error(`No versioned reading ${id}`);
    out[id] = version;
  }
  return out;
}

/** The version of a reading recorded in a decision's inputs (1 when the decision predates it). */
export function readingIn(inputs: Readonly<Record<string, JsonValue>>, id: string): number {
  const readings = inputs['readings'];
  if (readings === null || typeof readings !== 'object' || Array.isArray(readings)) return 1;
  const version = readings[id];
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 ? version : 1;
}
