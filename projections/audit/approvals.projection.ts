/**
 * Four-eyes approvals as finance and auditors list and read them (docs/api.md "Users and
 * approvals": GET /approvals, GET /approvals/{id}): every approval ever requested, with who asked,
 * who decided, when, and where the approved command's events went. The approvals aggregate keeps
 * only what deciding needs (open approvals, recent outcomes: docs/decisions.md D51), so the
 * history lives here. The held request's body is not copied: the log keeps it.
 */
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';
import type { ApprovalGranted, ApprovalRejected, ApprovalRequested, ApprovalStatus } from '@ledger/domain';

export const APPROVALS = { name: 'approvals', version: 1, collection: 'approvals' } as const;

export interface ApprovalDocument {
  [key: string]: unknown;
  approvalId: string;
  status: ApprovalStatus;
  amountCents: number;
  outgoing: ApprovalRequested['data']['outgoing'];
  request: { method: string; url: string; commandId: string; commandName: string };
  requestedBy: ApprovalRequested['data']['requestedBy'];
  requestedAt: string;
  decidedBy: ApprovalRequested['data']['requestedBy'] | null;
  decidedAt: string | null;
  executed: ApprovalGranted['data']['executed'] | null;
  reason: string | null;
}

/** What a decision changes in the approval's document. */
function outcomeOf(event: RecordedEvent): Partial<ApprovalDocument> {
  if (event.type === 'ApprovalGranted') {
    const { approvedBy, approvedAt, executed } = event.data as ApprovalGranted['data'];
    return { status: 'approved', decidedBy: approvedBy, decidedAt: approvedAt, executed };
  }
  const { rejectedBy, rejectedAt, reason } = event.data as ApprovalRejected['data'];
  return { status: 'rejected', decidedBy: rejectedBy, decidedAt: rejectedAt, reason };
}

async function decided(ctx: ProjectionContext, approvalId: string, change: Partial<ApprovalDocument>): Promise<void> {
  const existing = await ctx.get<ApprovalDocument>(APPROVALS.collection, approvalId);
  if (!existing) throw new Error(`approvals projection: a decision on unknown approval ${approvalId}`);
  ctx.put(APPROVALS.collection, approvalId, { ...existing.body, ...change });
}

export const approvalsProjection: ProjectionDefinition = {
  name: APPROVALS.name,
  version: APPROVALS.version,
  collections: [
    {
      name: APPROVALS.collection,
      indexes: ['status', 'requestedAt'],
      compoundIndexes: [['status', 'requestedAt']],
    },
  ],
  handles: ['ApprovalRequested', 'ApprovalGranted', 'ApprovalRejected'],
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    switch (event.type) {
      case 'ApprovalRequested': {
        const data = event.data as ApprovalRequested['data'];
        const { method, url, commandId, commandName } = data.request;
        const document: ApprovalDocument = {
          approvalId: data.approvalId,
          status: 'pending',
          amountCents: data.amountCents,
          outgoing: data.outgoing,
          request: { method, url, commandId, commandName },
          requestedBy: data.requestedBy,
          requestedAt: data.requestedAt,
          decidedBy: null,
          decidedAt: null,
          executed: null,
          reason: null,
        };
        ctx.put(APPROVALS.collection, data.approvalId, document);
        return;
      }
      case 'ApprovalGranted':
      case 'ApprovalRejected': {
        const { approvalId } = event.data as { approvalId: string };
        await decided(ctx, approvalId, outcomeOf(event));
        return;
      }
    }
  },
};
