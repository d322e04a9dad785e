import type { EventActor } from '@ledger/event-store';
import { DomainError, invariant, type Decider, type SnapshotSpec } from '../shared/decider';
import { APPROVALS_STREAM, type ApprovalEvent, type HeldRequest, type OutgoingMoney } from './events';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface Approval {
  approvalId: string;
  status: ApprovalStatus;
  request: HeldRequest;
  amountCents: number;
  outgoing: OutgoingMoney[];
  requestedBy: EventActor;
  requesterRoles: string[];
  requestedAt: string;
  decidedBy: EventActor | null;
  decidedAt: string | null;
  executed: { status: number; streamId: string | null; position: number | null } | null;
  reason: string | null;
}

export interface ApprovalsState {
  approvals: Record<string, Approval>;
  pending: number;
}

/** Open approvals at once: a bound on held work (someone has to look at each). */
export const MAX_PENDING_APPROVALS = 10_000;

export const APPROVALS_SNAPSHOT: SnapshotSpec = { name: 'approvals', version: 1 };

export type ApprovalCommand =
  | {
      type: 'RequestApproval';
      approvalId: string;
      request: HeldRequest;
      amountCents: number;
      outgoing: OutgoingMoney[];
      requestedBy: EventActor;
      requesterRoles: string[];
      requestedAt: string;
    }
  | {
      type: 'GrantApproval';
      approvalId: string;
      approvedBy: EventActor;
      approvedAt: string;
      executed: { status: number; streamId: string | null; position: number | null };
    }
  | { type: 'RejectApproval'; approvalId: string; rejectedBy: EventActor; rejectedAt: string; reason: string };

export function evolveApprovals(state: ApprovalsState, event: ApprovalEvent): ApprovalsState {
  const approvals = state.approvals;
  switch (event.type) {
    case 'ApprovalRequested': {
      const data = event.data;
      invariant(!approvals[data.approvalId], `approval ${data.approvalId} requested twice`);
      approvals[data.approvalId] = {
        ...data,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        executed: null,
        reason: null,
      };
      return { approvals, pending: state.pending + 1 };
    }
    case 'ApprovalGranted': {
      const approval = approvals[event.data.approvalId];
      invariant(approval?.status === 'pending', `approval ${event.data.approvalId} granted while not pending`);
      approvals[event.data.approvalId] = {
        ...approval,
        status: 'approved',
        decidedBy: event.data.approvedBy,
        decidedAt: event.data.approvedAt,
        executed: event.data.executed,
      };
      return { approvals, pending: state.pending - 1 };
    }
    case 'ApprovalRejected': {
      const approval = approvals[event.data.approvalId];
      invariant(approval?.status === 'pending', `approval ${event.data.approvalId} rejected while not pending`);
      approvals[event.data.approvalId] = {
        ...approval,
        status: 'rejected',
        decidedBy: event.data.rejectedBy,
        decidedAt: event.data.rejectedAt,
        reason: event.data.reason,
      };
      return { approvals, pending: state.pending - 1 };
    }
  }
}

function pendingApproval(state: ApprovalsState, approvalId: string, by: EventActor): Approval {
  const approval = state.approvals[approvalId];
  if (!approval) throw new DomainError('APPROVAL_NOT_FOUND', 404, `No approval ${approvalId}`);
  if (approval.status !== 'pending')
    throw new DomainError('APPROVAL_NOT_PENDING', 409, `Approval ${approvalId} is already ${approval.status}`);
  invariant(by.userId.length > 0, 'an approval is decided by someone');
  return approval;
}

export function decideApproval(command: ApprovalCommand, state: ApprovalsState): ApprovalEvent[] {
  switch (command.type) {
    case 'RequestApproval': {
      const { type: _type, ...data } = command;
      if (state.approvals[command.approvalId]) return [];
      if (state.pending >= MAX_PENDING_APPROVALS)
        throw new DomainError(
          'TOO_MANY_PENDING_APPROVALS',
          409,
          `${state.pending} approvals are pending (at most ${MAX_PENDING_APPROVALS}); decide some first`,
        );
      return [{ type: 'ApprovalRequested', data }];
    }
    case 'GrantApproval': {
      const approval = pendingApproval(state, command.approvalId, command.approvedBy);
      // Segregation of duties: the API answers 403 before it gets here; the log refuses it too.
      if (approval.requestedBy.userId === command.approvedBy.userId)
        throw new DomainError(
          'OWN_APPROVAL',
          409,
          `Approval ${command.approvalId} cannot be approved by its requester`,
        );
      const { type: _type, ...data } = command;
      return [{ type: 'ApprovalGranted', data }];
    }
    case 'RejectApproval': {
      pendingApproval(state, command.approvalId, command.rejectedBy);
      const { type: _type, ...data } = command;
      return [{ type: 'ApprovalRejected', data }];
    }
  }
}

export const approvalsDecider: Decider<ApprovalCommand, ApprovalEvent, ApprovalsState> = {
  streamIdOf: () => APPROVALS_STREAM,
  initialState: () => ({ approvals: {}, pending: 0 }),
  evolve: evolveApprovals,
  decide: (command, state) => decideApproval(command, state),
  snapshot: APPROVALS_SNAPSHOT,
};
