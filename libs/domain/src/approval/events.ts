import type { EventActor } from '@ledger/event-store';
import type { DomainEvent } from '../shared/decider';

/** The request held for approval, as it arrived: executed as it was when a second person approves it. */
export type HeldRequest = {
  method: string;
  /** Path and query of the request. */
  url: string;
  body: unknown;
  /** The original command id: executing the approval runs the command under it, exactly once. */
  commandId: string;
  commandName: string;
};

/** Money the held command would pay or credit out, by the event that would have recorded it. */
export type OutgoingMoney = {
  eventType: string;
  amountCents: number;
};

export type ApprovalRequested = DomainEvent<
  'ApprovalRequested',
  {
    approvalId: string;
    request: HeldRequest;
    amountCents: number;
    outgoing: OutgoingMoney[];
    requestedBy: EventActor;
    /** The requester's roles when asking: the approved command runs with them. */
    requesterRoles: string[];
    requestedAt: string;
  }
>;
export type ApprovalGranted = DomainEvent<
  'ApprovalGranted',
  {
    approvalId: string;
    approvedBy: EventActor;
    approvedAt: string;
    /** Where the approved command's events went. */
    executed: { status: number; streamId: string | null; position: number | null };
  }
>;
export type ApprovalRejected = DomainEvent<
  'ApprovalRejected',
  { approvalId: string; rejectedBy: EventActor; rejectedAt: string; reason: string }
>;

export type ApprovalEvent = ApprovalRequested | ApprovalGranted | ApprovalRejected;

/** Every approval is in one stream: short-lived work, whose state keeps only the open ones and recent outcomes (docs/decisions.md D51). */
export const APPROVALS_STREAM = 'approvals';
