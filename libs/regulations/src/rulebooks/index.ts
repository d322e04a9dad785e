import type { RulebookUpcaster } from '../contract/licences';
import { RulebookRegistry } from '../rulebook';
import { spotLmsVersions } from './spot-lms';
import { plusportVersions } from './plusport';
import { vliVersions } from './vli';
import { excellusVersions } from './excellus';
import { loiVersions } from './loi';
import { spotLmsUpcasters } from './spot-lms/upcasters';

export * from './spot-lms';
export * from './plusport';
export * from './vli';
export * from './excellus';
export * from './loi';

/** The registry of every rulebook version the ledger knows. */
export function createRulebookRegistry(): RulebookRegistry {
  const registry = new RulebookRegistry();
  for (const version of [
    ...spotLmsVersions,
    ...plusportVersions,
    ...vliVersions,
    ...excellusVersions,
    ...loiVersions,
  ]) {
    registry.register(version);
  }
  return registry;
}

/**
 * Upcasters the rulebooks contribute for events recorded before a field they rely on existed; open
 * the store with them next to the domain's own (openStorage({ upcasters })).
 */
export const rulebookUpcasters: readonly RulebookUpcaster[] = [...spotLmsUpcasters];
