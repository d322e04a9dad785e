import type { ProjectionDefinition } from '@ledger/read-store';
import { enrolmentsProjection } from './enrolments.projection';

export * from './enrolments.projection';

export const enrolmentProjections: readonly ProjectionDefinition[] = [enrolmentsProjection];
