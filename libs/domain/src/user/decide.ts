import { DomainError, type Decider } from '../shared/decider';
import {
  userStreamId,
  type ApiKeyRecord,
  type UserEvent,
  type UserKind,
  type UserOrigin,
  type UserRole,
} from './events';
import { evolveUser, initialUserState, MAX_ACTIVE_KEYS_PER_USER, usableKey, type UserState } from './state';

export type UserCommand =
  | {
      type: 'RegisterUser';
      userId: string;
      displayName: string;
      roles: UserRole[];
      kind: UserKind;
      origin: UserOrigin;
      registeredAt: string;
      /** The first key, hashed by the caller (hashing is slow and salted: not the decider's work). */
      firstKey: ApiKeyRecord | null;
    }
  | { type: 'IssueApiKey'; userId: string; key: ApiKeyRecord; issuedAt: string }
  | { type: 'RevokeApiKey'; userId: string; keyId: string; revokedAt: string }
  | { type: 'ChangeUserRoles'; userId: string; roles: UserRole[]; changedAt: string }
  | { type: 'DeactivateUser'; userId: string; deactivatedAt: string };

function requireActive(state: UserState, userId: string): void {
  if (state.status === 'unknown') throw new DomainError('USER_NOT_FOUND', 404, `User ${userId} is not registered`);
  if (state.status === 'deactivated')
    throw new DomainError('USER_DEACTIVATED', 409, `User ${userId} is deactivated; register a new user instead`);
}

export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'RegisterUser': {
      if (state.status !== 'unknown')
        throw new DomainError('USER_ALREADY_EXISTS', 409, `User ${command.userId} is already registered`);
      const { userId, displayName, roles, kind, origin, registeredAt, firstKey } = command;
      const events: UserEvent[] = [
        {
          type: 'UserRegistered',
          data: { userId, displayName, roles: [...new Set(roles)], kind, origin, registeredAt },
        },
      ];
      if (firstKey) events.push({ type: 'ApiKeyIssued', data: { userId, issuedAt: registeredAt, ...firstKey } });
      return events;
    }
    case 'IssueApiKey': {
      requireActive(state, command.userId);
      const active = state.keys.filter((key) => usableKey(state, key.keyId, command.issuedAt)).length;
      if (active >= MAX_ACTIVE_KEYS_PER_USER)
        throw new DomainError(
          'TOO_MANY_KEYS',
          409,
          `User ${command.userId} has ${active} usable keys (at most ${MAX_ACTIVE_KEYS_PER_USER}); revoke one first`,
        );
      return [{ type: 'ApiKeyIssued', data: { userId: command.userId, issuedAt: command.issuedAt, ...command.key } }];
    }
    case 'RevokeApiKey': {
      if (state.status === 'unknown')
        throw new DomainError('USER_NOT_FOUND', 404, `User ${command.userId} is not registered`);
      const key = state.keys.find((candidate) => candidate.keyId === command.keyId);
      if (!key) throw new DomainError('KEY_NOT_FOUND', 404, `User ${command.userId} has no key ${command.keyId}`);
      if (key.revokedAt !== null) return [];
      return [
        { type: 'ApiKeyRevoked', data: { userId: command.userId, keyId: command.keyId, revokedAt: command.revokedAt } },
      ];
    }
    case 'ChangeUserRoles': {
      requireActive(state, command.userId);
      const roles = [...new Set(command.roles)];
      if (roles.length === state.roles.length && roles.every((role) => state.roles.includes(role))) return [];
      return [{ type: 'UserRolesChanged', data: { userId: command.userId, roles, changedAt: command.changedAt } }];
    }
    case 'DeactivateUser': {
      if (state.status === 'unknown')
        throw new DomainError('USER_NOT_FOUND', 404, `User ${command.userId} is not registered`);
      if (state.status === 'deactivated') return [];
      return [{ type: 'UserDeactivated', data: { userId: command.userId, deactivatedAt: command.deactivatedAt } }];
    }
  }
}

/** No snapshot: the state holds the display name (personal data), and a user's stream stays short. */
export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  streamIdOf: (command) => userStreamId(command.userId),
  initialState: initialUserState,
  evolve: evolveUser,
  decide: (command, state) => decideUser(command, state),
};
