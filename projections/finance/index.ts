import type { ProjectionDefinition } from '@ledger/read-store';
import { balancesProjection } from './balances.projection';
import { invoicesProjection } from './invoices.projection';
import { refundsProjection } from './refunds.projection';

export * from './invoices.projection';
export * from './refunds.projection';
export * from './balances.projection';

export const financeProjections: readonly ProjectionDefinition[] = [
  invoicesProjection,
  refundsProjection,
  balancesProjection,
];
