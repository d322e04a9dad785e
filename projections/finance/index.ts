import type { ProjectionDefinition } from '@ledger/read-store';
import { invoicesProjection } from './invoices.projection';
import { refundsProjection } from './refunds.projection';

export * from './invoices.projection';
export * from './refunds.projection';

export const financeProjections: readonly ProjectionDefinition[] = [invoicesProjection, refundsProjection];
