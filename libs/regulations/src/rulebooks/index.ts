import { RulebookRegistry } from '../rulebook';
import { spotLmsVersions } from './spot-lms';
import { plusportVersions } from './plusport';
import { vliVersions } from './vli';
import { excellusVersions } from './excellus';
import { loiVersions } from './loi';

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
