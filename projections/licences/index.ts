import type { ProjectionDefinition } from '@ledger/read-store';
import { licenceStateProjection } from './licence-state.projection';
import { tierSurchargesProjection } from './tier-surcharges.projection';

export * from './licence-state.projection';
export * from './tier-surcharges.projection';

/** SPOT licences: per-participant licence state (also the licence directory) and tier crossings/surcharges. */
export const licenceProjections: readonly ProjectionDefinition[] = [licenceStateProjection, tierSurchargesProjection];
