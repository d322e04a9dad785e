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

/**
 * What deciding needs, and no more (docs/decisions.md D51): the open approvals with their held
 * requests, and the outcome of the latest decided ones (a resent request or decision is answered
 * from it). Everything an approval ever was is in the `approvals` read model, so the state does
 * not grow with the history of approvals: at most MAX_PENDING_APPROVALS open ones and
 * DECIDED_APPROVALS_REMEMBERED outcomes.
 */
export interface ApprovalsState {
  pending: Record<string, Approval>;
  pendingCount: number;
  /** Outcomes by approval id, oldest first (insertion order, kept by snapshots' JSON). */
  decided: Record<string, DecidedStatus>;
  decidedCount: number;
}

export type DecidedStatus = Exclude<ApprovalStatus, 'pending'>;

/** Open approvals at once: a bound on held work (someone has to look at each). */
export const MAX_PENDING_APPROVALS = 10_000;
/** Decided approvals whose outcome the state keeps; older ones are answered from the read model. */
export const DECIDED_APPROVALS_REMEMBERED = 10_000;

/** Version 2: the state keeps open approvals and recent outcomes only (D51). */
export const APPROVALS_SNAPSHOT: SnapshotSpec = { name: 'approvals', version: 2 };

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
  switch (event.type) {
    case 'ApprovalRequested': {
      const data = event.data;
      invariant(!state.pending[data.approvalId], `approval ${data.approvalId} requested twice`);
      state.pending[data.approvalId] = {
        ...data,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        executed: null,
        reason: null,
      };
      return { ...state, pendingCount: state.pendingCount + 1 };
    }
    case 'ApprovalGranted': {
      const { approvalId } = event.data;
      invariant(state.pending[approvalId] !== undefined, `approval ${approvalId} granted while not pending`);
      delete state.pending[approvalId];
      return { ...state, pendingCount: state.pendingCount - 1, ...remember(state, approvalId, 'approved') };
    }
    case 'ApprovalRejected': {
      const { approvalId } = event.data;
      invariant(state.pending[approvalId] !== undefined, `approval ${approvalId} rejected while not pending`);
      delete state.pending[approvalId];
      return { ...state, pendingCount: state.pendingCount - 1, ...remember(state, approvalId, 'rejected') };
    }
  }
}

/** Notes an outcome as the newest, dropping the oldest past DECIDED_APPROVALS_REMEMBERED (amortised O(1)). */
function remember(
  state: ApprovalsState,
  approvalId: string,
  status: DecidedStatus,
): Pick<ApprovalsState, 'decided' | 'decidedCount'> {
  const { decided } = state;
  let decidedCount = state.decidedCount;
  if (decided[approvalId] === undefined) decidedCount++;
  else delete decided[approvalId];
  decided[approvalId] = status;
  if (decidedCount > DECIDED_APPROVALS_REMEMBERED) {
    for (const oldest in decided) {
      delete decided[oldest];
      decidedCount--;
      break;
    }
  }
  return { decided, decidedCount };
}

function pendingApproval(state: ApprovalsState, approvalId: string, by: EventActor): Approval {
  const approval = state.pending[approvalId];
  if (!approval) {
    const outcome = state.decided[approvalId];
    // The API answers 404 for an approval never requested before it asks; here an id without an
    // open approval may also be one decided longer ago than the outcomes the state keeps.
    throw new DomainError(
      'APPROVAL_NOT_PENDING',
      409,
      outcome ? `Approval ${approvalId} is already ${outcome}` : `Approval ${approvalId} is not pending`,
    );
  }
  invariant(by.userId.length > 0, 'an approval is decided by someone');
  return approval;
}

export function decideApproval(command: ApprovalCommand, state: ApprovalsState): ApprovalEvent[] {
  switch (command.type) {
    case 'RequestApproval': {
      const { type: _type, ...data } = command;
      // Asked again: while open, or decided recently enough for the state to know, nothing new.
      if (state.pending[command.approvalId] || state.decided[command.approvalId]) return [];
      if (state.pendingCount >= MAX_PENDING_APPROVALS)
        throw new DomainError(
          'TOO_MANY_PENDING_APPROVALS',
          409,
          `${state.pendingCount} approvals are pending (at most ${MAX_PENDING_APPROVALS}); decide some first`,
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
  initialState: () => ({ pending: {}, pendingCount: 0, decided: {}, decidedCount: 0 }),
  evolve: evolveApprovals,
  decide: (command, state) => decideApproval(command, state),
  snapshot: APPROVALS_SNAPSHOT,
};
