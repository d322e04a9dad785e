import { invariant } from '../shared/decider';
import type { ApiKeyRecord, UserEvent, UserKind, UserOrigin, UserRole } from './events';

export interface UserKeyState extends ApiKeyRecord {
  issuedAt: string;
  revokedAt: string | null;
}

export interface UserState {
  status: 'unknown' | 'active' | 'deactivated';
  userId: string | null;
  /** Personal data: `[withheld]` when the stream was read without it. */
  displayName: string | null;
  roles: UserRole[];
  kind: UserKind;
  origin: UserOrigin;
  keys: UserKeyState[];
}

/** A user keeps at most this many keys that are neither revoked nor expired (rotation needs two). */
export const MAX_ACTIVE_KEYS_PER_USER = 10;

export const initialUserState = (): UserState => ({
  status: 'unknown',
  userId: null,
  displayName: null,
  roles: [],
  kind: 'person',
  origin: { kind: 'ledger' },
  keys: [],
});

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered': {
      invariant(state.status === 'unknown', `user ${event.data.userId} registered twice`);
      const { userId, displayName, roles, kind, origin } = event.data;
      return { ...state, status: 'active', userId, displayName, roles: [...roles], kind, origin };
    }
    case 'UserRolesChanged':
      return { ...state, roles: [...event.data.roles] };
    case 'ApiKeyIssued': {
      const { userId: _userId, issuedAt, ...key } = event.data;
      return { ...state, keys: [...state.keys, { ...key, issuedAt, revokedAt: null }] };
    }
    case 'ApiKeyRevoked':
      return {
        ...state,
        keys: state.keys.map((key) =>
          key.keyId === event.data.keyId ? { ...key, revokedAt: event.data.revokedAt } : key,
        ),
      };
    case 'UserDeactivated':
      return { ...state, status: 'deactivated' };
  }
}

/** A key that may still authenticate at `now`: not revoked, not expired, its user active. */
export function usableKey(state: UserState, keyId: string, now: string): UserKeyState | undefined {
  if (state.status !== 'active') return undefined;
  const key = state.keys.find((candidate) => candidate.keyId === keyId);
  if (!key || key.revokedAt !== null) return undefined;
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.parse(now)) return undefined;
  return key;
}
