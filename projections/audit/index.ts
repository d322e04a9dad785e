import type { ProjectionDefinition } from '@ledger/read-store';

export const auditProjections: readonly ProjectionDefinition[] = [];
