/**
 * Who is calling, from a bearer credential: a configured key (a named service account), a
 * personal API key (`ledger_...`, checked against its scrypt hash in the user's stream) or a
 * single sign-on access token. And who a recorded actor was: display names as of an event.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  foldEvents,
  USER_ID_PATTERN,
  USER_ROLES,
  userDecider,
  userStreamId,
  usableKey,
  type UserEvent,
  type UserKind,
  type UserRole,
  type UserState,
} from '@ledger/domain';
import { ERASED, LruCache, type EventActor, type EventStore, type RecordedEvent } from '@ledger/event-store';
import type { Clock } from '../clock';
import { hashApiKey, type ApiKeyEntry, type LedgerConfig, type Role } from '../config';
import { readWholeStream } from '../command-pipeline';
import { parseApiKey, verifyApiKeySecret } from './api-keys';
import type { OidcClaims, OidcVerifier } from './oidc';

export interface AuthenticatedUser {
  userId: string;
  kind: UserKind;
  authMethod: EventActor['authMethod'];
  roles: Role[];
}

/** Registers a single sign-on user on first sight (a command: the caller runs it through the bus). */
export type RegisterSsoUser = (user: {
  userId: string;
  displayName: string;
  roles: UserRole[];
  issuer: string;
  subject: string;
}) => Promise<void>;

/** Verified personal keys, so scrypt runs once per key and process, not once per request. */
const VERIFIED_KEYS_CACHED = 10_000;

export class Identity {
  private readonly verified = new LruCache<string, string>(VERIFIED_KEYS_CACHED);

  constructor(
    private readonly store: EventStore,
    private readonly config: LedgerConfig,
    private readonly clock: Clock,
    private readonly oidc?: OidcVerifier,
  ) {}

  /** The caller, or undefined for any credential that does not check out (the API answers 401). */
  async authenticate(presented: string, registerSsoUser?: RegisterSsoUser): Promise<AuthenticatedUser | undefined> {
    const personal = parseApiKey(presented);
    if (personal) return this.personalKey(presented, personal);
    if (this.oidc && this.oidc.looksLikeToken(presented)) {
      const claims = await this.oidc.verify(presented);
      return claims ? this.ssoUser(claims, registerSsoUser) : undefined;
    }
    const entry = findConfiguredKey(this.config.apiKeys, presented);
    return entry ? configuredAccount(entry) : undefined;
  }

  /** The user's state (personal data withheld: authentication needs none). */
  async user(userId: string): Promise<UserState> {
    const events = await this.store.readStream(userStreamId(userId), { personalData: 'withheld', maxCount: 10_000 });
    return foldEvents<UserEvent, UserState>(userDecider, events as unknown as UserEvent[]);
  }

  /**
   * Display names as of each event, for one view: each user's stream is read once however many of
   * the view's events they recorded. Names are personal data, read with it open: `[erased]` once
   * erased; null for an actor the log has no user for.
   */
  displayNames(): (actor: unknown, position: number) => Promise<unknown> {
    const streams = new Map<string, Promise<RecordedEvent[]>>();
    return async (actor, position) => {
      if (!actor || typeof actor !== 'object') return actor ?? null;
      const userId = String((actor as EventActor).userId);
      let displayName: string | null = null;
      if (userId.startsWith('svc-')) displayName = userId.slice(4);
      else if (USER_ID_PATTERN.test(userId)) {
        if (!streams.has(userId)) streams.set(userId, readWholeStream(this.store, userStreamId(userId)));
        for (const event of await streams.get(userId)!) {
          if (event.position > position) break;
          if (event.type === 'UserRegistered') displayName = String(event.data['displayName'] ?? ERASED);
        }
      }
      return { ...actor, displayName };
    };
  }

  private async personalKey(
    presented: string,
    { userId, keyId, secret }: { userId: string; keyId: string; secret: string },
  ): Promise<AuthenticatedUser | undefined> {
    // The user's stream is read on every request, so a deactivation or revocation counts at once,
    // in every process; only the slow hash comparison is remembered.
    const state = await this.user(userId);
    const key = usableKey(state, keyId, this.clock.now().toISOString());
    if (!key) return undefined;
    const fingerprint = createHash('sha256').update(presented).digest('base64url');
    if (this.verified.get(`${userId}:${keyId}`) !== fingerprint) {
      if (!(await verifyApiKeySecret(secret, key))) return undefined;
      this.verified.set(`${userId}:${keyId}`, fingerprint);
    }
    return { userId, kind: state.kind, authMethod: 'api-key', roles: [...state.roles] };
  }

  private async ssoUser(claims: OidcClaims, register?: RegisterSsoUser): Promise<AuthenticatedUser | undefined> {
    let state = await this.user(claims.userId);
    if (state.status === 'unknown') {
      if (!register) return undefined;
      await register({
        userId: claims.userId,
        displayName: claims.displayName,
        roles: claims.roles ?? [],
        issuer: claims.issuer,
        subject: claims.subject,
      });
      state = await this.user(claims.userId);
    }
    if (state.status !== 'active') return undefined;
    // With a roles claim the token is the authority (the identity provider grants and withdraws);
    // without one, the roles an admin granted in the ledger.
    const roles = claims.roles ?? state.roles;
    return { userId: claims.userId, kind: 'person', authMethod: 'oidc', roles: [...roles] };
  }
}

/** Compares against every configured key, without an early exit, so timing reveals nothing about which matched. */
export function findConfiguredKey(entries: readonly ApiKeyEntry[], presented: string): ApiKeyEntry | undefined {
  const presentedHash = hashApiKey(presented);
  let match: ApiKeyEntry | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.keyHash, presentedHash) && !match) match = entry;
  }
  return match;
}

export const configuredAccount = (entry: ApiKeyEntry): AuthenticatedUser => ({
  userId: `svc-${entry.name}`,
  kind: 'service',
  authMethod: 'configured-key',
  roles: [entry.role],
});

export const isUserRole = (value: unknown): value is UserRole => USER_ROLES.includes(value as UserRole);
