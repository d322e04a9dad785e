/**
 * The projection of the writer-lease tests (projection-writer-lease.spec.ts and its child process,
 * lease-runner.ts): per stream, how many `AmountAdded` events were applied and their sum. Counting
 * events makes both a lost change and a change applied twice show.
 */
import type { RecordedEvent } from '../../libs/event-store/src/event-store.port';
import {
  physicalCollection,
  type ProjectionContext,
  type ProjectionDefinition,
} from '../../libs/read-store/src/projection';

export interface LeaseTotals {
  events: number;
  amount: number;
}

const TOTALS = 'totals';

export function leaseTotalsProjection(onApply: (event: RecordedEvent) => void): ProjectionDefinition {
  return {
    name: 'lease_totals',
    version: 1,
    collections: [{ name: TOTALS, indexes: [] }],
    handles: ['AmountAdded'],
    async apply(event: RecordedEvent, ctx: ProjectionContext) {
      onApply(event);
      const current = await ctx.get<LeaseTotals>(TOTALS, event.streamId);
      ctx.put(TOTALS, event.streamId, {
        events: (current?.body.events ?? 0) + 1,
        amount: (current?.body.amount ?? 0) + Number(event.data['amount']),
      });
    },
  };
}

export const LEASE_TOTALS_COLLECTION = physicalCollection({ name: 'lease_totals', version: 1 }, TOTALS);
