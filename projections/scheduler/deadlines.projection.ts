/**
 * Pending and settled deadlines, derived from events by every feature's DeadlinePolicy. The
 * scheduler reads the pending ones in due order and fires them as commands. A deadline is done
 * once a command fired for it is recorded (its events carry the deadline id in their metadata),
 * or once the scheduler's log records it moot or applied (docs/decisions.md D26).
 */
import { DEADLINE_APPLIED, DEADLINE_MOOTED } from '@ledger/application';
import { deadlinePolicies, type Deadline, type DeadlinePolicy } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { ALL_EVENT_TYPES, type ProjectionContext, type ProjectionDefinition } from '@ledger/read-store';
import { toUtcIso } from '@ledger/regulations';

// Version 2: the dunning steps' policy (FIN-I15) schedules a first letter for every invoice already issued.
export const DEADLINES = { name: 'deadlines', version: 2, collection: 'deadlines' } as const;

export type DeadlineStatus = 'pending' | 'settled' | 'moot' | 'done';

export interface DeadlineDocument extends Deadline {
  status: DeadlineStatus;
  /** dueAt normalised to UTC, so that ISO strings with different offsets sort in time order. */
  dueAtUtc: string;
  settledReason: string | null;
  [key: string]: unknown;
}

export { DEADLINE_APPLIED, DEADLINE_MOOTED };

export function createDeadlinesProjection(
  policies: readonly DeadlinePolicy[] = deadlinePolicies,
): ProjectionDefinition {
  const byType = new Map<string, DeadlinePolicy[]>();
  for (const policy of policies)
    for (const type of policy.eventTypes) byType.set(type, [...(byType.get(type) ?? []), policy]);
  return {
    name: DEADLINES.name,
    version: DEADLINES.version,
    collections: [
      {
        name: DEADLINES.collection,
        indexes: ['status', 'dueAtUtc', 'streamId'],
        // The scheduler pages through the pending ones by due time (D46).
        compoundIndexes: [['status', 'dueAtUtc']],
      },
    ],
    // Every type: any event may be one a fired deadline recorded (metadata `deadlineId`).
    handles: [ALL_EVENT_TYPES],
    async apply(event: RecordedEvent, ctx: ProjectionContext) {
      if (event.type === DEADLINE_MOOTED) {
        await settle(ctx, String(event.data['deadlineId']), 'moot', 'fired without effect');
        return;
      }
      if (event.type === DEADLINE_APPLIED) {
        await settle(ctx, String(event.data['deadlineId']), 'done', 'applied');
        return;
      }
      const firedFor = event.metadata['deadlineId'];
      if (typeof firedFor === 'string') await settle(ctx, firedFor, 'done', 'applied');
      if (!byType.has(event.type)) return;
      const source = {
        streamId: event.streamId,
        type: event.type,
        data: event.data,
        occurredAt: event.metadata.occurredAt,
      };
      for (const policy of byType.get(event.type) ?? []) {
        for (const change of policy.changesFor(source)) {
          if (change.op === 'schedule') {
            const document: DeadlineDocument = {
              ...change.deadline,
              status: 'pending',
              dueAtUtc: toUtcIso(change.deadline.dueAt),
              settledReason: null,
            };
            ctx.put(DEADLINES.collection, change.deadline.deadlineId, document);
          } else {
            await settle(ctx, change.deadlineId, 'settled', change.reason);
          }
        }
      }
    },
  };
}

async function settle(
  ctx: ProjectionContext,
  deadlineId: string,
  status: DeadlineStatus,
  reason: string,
): Promise<void> {
  const existing = await ctx.get<DeadlineDocument>(DEADLINES.collection, deadlineId);
  if (!existing || existing.body.status !== 'pending') return;
  ctx.put(DEADLINES.collection, deadlineId, { ...existing.body, status, settledReason: reason });
}
