/**
 * Refund entitlements, owed and paid: what finance must pay back, to whom, by when, and why. Every
 * refund decision of every stream (overpayment, cancellation, withdrawal, provider cancellation...)
 * arrives as RefundEntitlementGranted; payouts arrive as RefundPaid in the same stream (FIN-I10).
 */
import type { RefundEntitlementGranted, RefundPaid } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ProjectionContext, ProjectionDefinition } from '@ledger/read-store';

export const REFUNDS = { name: 'refunds', version: 2, collection: 'refunds' } as const;

export interface RefundDocument {
  [key: string]: unknown;
  refundId: string;
  ownerStreamId: string;
  customerId: string;
  provider: string;
  enrolmentId: string | null;
  participantId: string | null;
  invoiceId: string | null;
  amountCents: number;
  paidCents: number;
  outstandingCents: number;
  dueDate: string;
  decisionId: string | null;
  reason: string;
  ruleIds: string[];
  status: 'owed' | 'paid';
  grantedAt: string | null;
  lastPaidAt: string | null;
  payouts: Array<{ amountCents: number; paidAt: string; reference: string }>;
}

export const refundsProjection: ProjectionDefinition = {
  name: REFUNDS.name,
  version: REFUNDS.version,
  collections: [{ name: REFUNDS.collection, indexes: ['status', 'customerId', 'dueDate', 'ownerStreamId'] }],
  handles: ['RefundEntitlementGranted', 'RefundPaid'],
  async apply(recorded: RecordedEvent, ctx: ProjectionContext) {
    if (recorded.type === 'RefundEntitlementGranted') {
      const d = recorded.data as RefundEntitlementGranted['data'];
      const document: RefundDocument = {
        ...d,
        ownerStreamId: recorded.streamId,
        paidCents: 0,
        outstandingCents: d.amountCents,
        status: 'owed',
        grantedAt: recorded.metadata.occurredAt ?? null,
        lastPaidAt: null,
        payouts: [],
      };
      ctx.put(REFUNDS.collection, d.refundId, document);
      return;
    }
    const d = recorded.data as RefundPaid['data'];
    const existing = await ctx.get<RefundDocument>(REFUNDS.collection, d.refundId);
    if (!existing) throw new Error(`refunds projection: payout of unknown refund ${d.refundId}`);
    const paidCents = existing.body.paidCents + d.amountCents;
    ctx.put(REFUNDS.collection, d.refundId, {
      ...existing.body,
      paidCents,
      outstandingCents: existing.body.amountCents - paidCents,
      status: paidCents >= existing.body.amountCents ? 'paid' : 'owed',
      lastPaidAt: d.paidAt,
      payouts: [...existing.body.payouts, { amountCents: d.amountCents, paidAt: d.paidAt, reference: d.reference }],
    });
  },
};
