import type { ProjectionDefinition } from '@ledger/read-store';

export const licenceProjections: readonly ProjectionDefinition[] = [];
