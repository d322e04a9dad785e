import type { ProjectionDefinition } from '@ledger/read-store';

export const enrolmentProjections: readonly ProjectionDefinition[] = [];
