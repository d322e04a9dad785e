import type { PersonalDataPolicy } from '@ledger/event-store';
import type { DomainEvent } from '../shared/decider';

/** What a user may do (docs/api.md "Conventions"); `admin` may do everything. */
export type UserRole = 'backoffice' | 'finance' | 'auditor' | 'admin';
export const USER_ROLES: readonly UserRole[] = ['backoffice', 'finance', 'auditor', 'admin'];

/** A person, or a service account (the scheduler, an integration). */
export type UserKind = 'person' | 'service';

/** A personal API key: only its scrypt hash and salt are recorded, never the key. */
export type ApiKeyRecord = {
  keyId: string;
  /** scrypt(key, salt) as hex; N, r, p and the length are in `scrypt`. */
  keyHash: string;
  salt: string;
  scrypt: { N: number; r: number; p: number; keyLength: number };
  /** Instant after which the key answers 401; null for no expiry. */
  expiresAt: string | null;
};

/** Where a user signs in from: the ledger's own keys, or a single sign-on issuer (subject of `iss`). */
export type UserOrigin = { kind: 'ledger' } | { kind: 'oidc'; issuer: string; subject: string };

export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    userId: string;
    /** Personal data: encrypted with the user's own key, like a learner's name. */
    displayName: string;
    roles: UserRole[];
    kind: UserKind;
    origin: UserOrigin;
    registeredAt: string;
  }
>;
export type UserRolesChanged = DomainEvent<
  'UserRolesChanged',
  { userId: string; roles: UserRole[]; changedAt: string }
>;
export type ApiKeyIssued = DomainEvent<'ApiKeyIssued', { userId: string; issuedAt: string } & ApiKeyRecord>;
export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { userId: string; keyId: string; revokedAt: string }>;
/** Every key of the user answers 401 from this event on, and single sign-on is refused. */
export type UserDeactivated = DomainEvent<'UserDeactivated', { userId: string; deactivatedAt: string }>;

export type UserEvent = UserRegistered | UserRolesChanged | ApiKeyIssued | ApiKeyRevoked | UserDeactivated;

export const userPersonalData: PersonalDataPolicy = {
  UserRegistered: { subjectField: 'userId', subjectNamespace: 'user', personalFields: ['displayName'] },
};

export const userStreamId = (userId: string): string => `user-${userId}`;

/** Lower-case letters, digits, dots and hyphens: user ids appear inside API keys, split on `_`. */
export const USER_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,63}$/;
