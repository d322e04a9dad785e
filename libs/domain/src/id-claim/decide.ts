import { DomainError, invariant, type Decider } from '../shared/decider';
import { idClaimStreamId, type ClaimedIdKind, type IdClaimEvent } from './events';

export interface ClaimId {
  type: 'ClaimId';
  kind: ClaimedIdKind;
  id: string;
  ownerId: string;
}

export interface IdClaimState {
  ownerId: string | undefined;
}

/** The refusal each kind of id had when it was checked against a read model: clients see the same. */
const TAKEN: Record<ClaimedIdKind, { error: string; message: (id: string) => string }> = {
  licence: { error: 'LICENCE_ID_TAKEN', message: (id) => `Licence id ${id} belongs to another participant` },
  payment: { error: 'PAYMENT_ID_EXISTS', message: (id) => `Payment id ${id} is already recorded on another invoice` },
};

export function evolveIdClaim(state: IdClaimState, event: IdClaimEvent): IdClaimState {
  invariant(state.ownerId === undefined, `id ${event.data.kind} ${event.data.id} is claimed once`);
  return { ownerId: event.data.ownerId };
}

/** The claim for its owner; nothing when the owner holds it already (a resend); a 409 for anyone else. */
export function decideIdClaim(command: ClaimId, state: IdClaimState): IdClaimEvent[] {
  if (state.ownerId === command.ownerId) return [];
  if (state.ownerId !== undefined) {
    const taken = TAKEN[command.kind];
    throw new DomainError(taken.error, 409, taken.message(command.id));
  }
  return [{ type: 'IdClaimed', data: { kind: command.kind, id: command.id, ownerId: command.ownerId } }];
}

export const idClaimDecider: Decider<ClaimId, IdClaimEvent, IdClaimState> = {
  streamIdOf: (command) => idClaimStreamId(command.kind, command.id),
  initialState: () => ({ ownerId: undefined }),
  evolve: evolveIdClaim,
  decide: (command, state) => decideIdClaim(command, state),
};
