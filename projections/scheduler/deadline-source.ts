/**
 * The scheduler's DeadlineSource over the deadlines projection: pending deadlines in due order,
 * read after the projections have caught up with the log (read-your-writes).
 */
import type { DeadlinePage, DeadlineSource, ReadModels } from '@ledger/application';
import { DEADLINES, type DeadlineDocument } from './deadlines.projection';

export function deadlinesFromReadModels(readModels: ReadModels): DeadlineSource {
  return {
    ready: () => readModels.ready(),
    async pending(untilUtc, { limit, cursor }): Promise<DeadlinePage> {
      const page = await readModels.find<DeadlineDocument>(DEADLINES.name, DEADLINES.collection, {
        where: { status: 'pending' },
        orderBy: { field: 'dueAtUtc', direction: 'asc' },
        limit,
        ...(cursor ? { cursor } : {}),
      });
      const deadlines: DeadlineDocument[] = [];
      for (const { body } of page.items) {
        if (body.dueAtUtc > untilUtc) return { deadlines };
        deadlines.push(body);
      }
      return page.nextCursor ? { deadlines, nextCursor: page.nextCursor } : { deadlines };
    },
  };
}
