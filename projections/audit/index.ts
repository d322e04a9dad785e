import type { ProjectionDefinition } from '@ledger/read-store';
import { decisionLogProjection } from './decision-log.projection';
import { erasuresProjection } from './erasures.projection';

export * from './decision-log.projection';
export * from './erasures.projection';
export * from './decision-verification';

export const auditProjections: readonly ProjectionDefinition[] = [decisionLogProjection, erasuresProjection];
