/** Every read model of the ledger. A projection's name+version identifies its collections and checkpoint. */
import type { ProjectionDefinition } from '@ledger/read-store';
import { auditProjections } from './audit';
import { enrolmentProjections } from './enrolments';
import { financeProjections } from './finance';
import { licenceProjections } from './licences';
import { createDeadlinesProjection } from './scheduler/deadlines.projection';

export * from './audit';
export * from './finance';
export * from './scheduler/deadlines.projection';
export * from './scheduler/deadline-source';

export function createAllProjections(): ProjectionDefinition[] {
  const projections = [
    createDeadlinesProjection(),
    ...financeProjections,
    ...enrolmentProjections,
    ...licenceProjections,
    ...auditProjections,
  ];
  const names = new Set<string>();
  for (const p of projections) {
    if (names.has(p.name)) throw new Error(`Projection ${p.name} is registered twice`);
    names.add(p.name);
  }
  return projections;
}
