/**
 * Every read model of the ledger, and the one place that lists them: code outside this folder
 * imports projections (their definitions, collection names and document types) from here.
 * A projection's name+version identifies its collections and checkpoint.
 */
import type { ProjectionDefinition } from '@ledger/read-store';
import { approvalsProjection } from './audit/approvals.projection';
import { decisionLogProjection } from './audit/decision-log.projection';
import { erasuresProjection } from './audit/erasures.projection';
import { enrolmentsProjection } from './enrolments/enrolments.projection';
import { balancesProjection } from './finance/balances.projection';
import { bankStatementsProjection } from './finance/bank-statements.projection';
import { dunningProjection } from './finance/dunning.projection';
import { invoicesProjection } from './finance/invoices.projection';
import { journalProjection } from './finance/journal.projection';
import { refundsProjection } from './finance/refunds.projection';
import { licenceStateProjection } from './licences/licence-state.projection';
import { tierSurchargesProjection } from './licences/tier-surcharges.projection';
import { peopleProjection } from './people/people.projection';
import { createDeadlinesProjection } from './scheduler/deadlines.projection';

export * from './audit/approvals.projection';
export * from './audit/decision-log.projection';
export * from './audit/decision-verification';
export * from './audit/erasures.projection';
export * from './enrolments/enrolments.projection';
export * from './finance/balances.projection';
export * from './finance/bank-statements.projection';
export * from './finance/dunning.projection';
export * from './finance/invoices.projection';
export * from './finance/journal.projection';
export * from './finance/refunds.projection';
export * from './licences/licence-state.projection';
export * from './licences/tier-surcharges.projection';
export * from './people/people.projection';
export * from './scheduler/deadlines.projection';
export * from './scheduler/deadline-source';

export const auditProjections: readonly ProjectionDefinition[] = [
  decisionLogProjection,
  erasuresProjection,
  approvalsProjection,
];
export const enrolmentProjections: readonly ProjectionDefinition[] = [enrolmentsProjection];
export const financeProjections: readonly ProjectionDefinition[] = [
  invoicesProjection,
  refundsProjection,
  balancesProjection,
  journalProjection,
  bankStatementsProjection,
  dunningProjection,
];
/** Customers and learners: the directory a search by name goes through (no names in it). */
export const peopleProjections: readonly ProjectionDefinition[] = [peopleProjection];
/** SPOT licences: per-participant licence state (also the licence directory) and tier crossings/surcharges. */
export const licenceProjections: readonly ProjectionDefinition[] = [licenceStateProjection, tierSurchargesProjection];

export function createAllProjections(): ProjectionDefinition[] {
  const projections = [
    createDeadlinesProjection(),
    ...financeProjections,
    ...enrolmentProjections,
    ...licenceProjections,
    ...auditProjections,
    ...peopleProjections,
  ];
  const names = new Set<string>();
  for (const p of projections) {
    if (names.has(p.name)) throw new Error(`Projection ${p.name} is registered twice`);
    names.add(p.name);
  }
  return projections;
}
