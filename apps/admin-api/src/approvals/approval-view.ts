/** An approval as the API shows it, read from the approvals read model (D51). */
import type { ReadModels } from '@ledger/application';
import { APPROVALS, type ApprovalDocument } from '@ledger/projections';

/** The approval as the approvals read model holds it once this request's writes are in it. */
export async function recordedApproval(
  readModels: ReadModels,
  approvalId: string,
): Promise<ApprovalDocument | undefined> {
  await readModels.ready();
  return (await readModels.get<ApprovalDocument>(APPROVALS.name, APPROVALS.collection, approvalId))?.body;
}

export function approvalView(approval: ApprovalDocument) {
  return {
    approvalId: approval.approvalId,
    status: approval.status,
    amountCents: approval.amountCents,
    outgoing: approval.outgoing,
    request: { method: approval.request.method, url: approval.request.url, commandId: approval.request.commandId },
    requestedBy: approval.requestedBy,
    requestedAt: approval.requestedAt,
    decidedBy: approval.decidedBy,
    decidedAt: approval.decidedAt,
    executed: approval.executed,
    reason: approval.reason,
  };
}
