/**
 * Single sign-on: OIDC access tokens (JWT) of one configured issuer, verified with `jose`
 * (signature against the issuer's JWKS, `exp`/`nbf` with a small leeway, `iss`, `aud`). The JWKS
 * URL is configured or read once from the issuer's discovery document; jose caches the key set
 * and refetches it when a token names a key it does not know (key rotation).
 */
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig, Role } from '../config';
import { USER_ROLES, type UserRole } from '@ledger/domain';

export interface OidcClaims {
  issuer: string;
  subject: string;
  /** `sso-` + 20 hex digits of sha256(issuer, subject): stable, and free of the provider's own ids. */
  userId: string;
  displayName: string;
  /** Ledger roles from the configured claim; undefined when no roles claim is configured. */
  roles?: UserRole[];
}

const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const DISCOVERY_TIMEOUT_MS = 5_000;

export const ssoUserId = (issuer: string, subject: string): string =>
  `sso-${createHash('sha256').update(issuer).update('\0').update(subject).digest('hex').slice(0, 20)}`;

export class OidcVerifier {
  private jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  constructor(
    private readonly config: OidcConfig,
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {}

  looksLikeToken(presented: string): boolean {
    return JWT_SHAPE.test(presented);
  }

  /** The token's claims when it verifies, else undefined (never throws for a bad token). */
  async verify(token: string): Promise<OidcClaims | undefined> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      // An issuer that cannot be reached is the operator's problem: say so once per failure.
      if (error instanceof OidcDiscoveryError) this.onWarning(error.message);
      return undefined;
    }
    const subject = String(payload.sub);
    const name = [payload['name'], payload['preferred_username'], payload['email'], subject].find(
      (value): value is string => typeof value === 'string' && value.length > 0,
    )!;
    return {
      issuer: this.config.issuer,
      subject,
      userId: ssoUserId(this.config.issuer, subject),
      displayName: name.slice(0, 200),
      roles: this.config.rolesClaim ? this.rolesOf(claimAt(payload, this.config.rolesClaim)) : undefined,
    };
  }

  private rolesOf(value: unknown): UserRole[] {
    const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
    const roles = new Set<UserRole>();
    for (const item of values.slice(0, 200)) {
      if (typeof item !== 'string') continue;
      const role: Role | undefined =
        this.config.roleMap[item] ?? (USER_ROLES.includes(item as UserRole) ? (item as Role) : undefined);
      if (role && USER_ROLES.includes(role as UserRole)) roles.add(role as UserRole);
    }
    return [...roles];
  }

  private keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.jwks ??= this.jwksUrl().then((url) => createRemoteJWKSet(new URL(url)));
    // A failed discovery is tried again on the next token rather than remembered.
    this.jwks.catch(() => (this.jwks = undefined));
    return this.jwks;
  }

  private async jwksUrl(): Promise<string> {
    if (this.config.jwksUrl) return this.config.jwksUrl;
    const discovery = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    try {
      const response = await fetch(discovery, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const document = (await response.json()) as { jwks_uri?: unknown; issuer?: unknown };
      if (typeof document.jwks_uri !== 'string') throw new Error('no jwks_uri');
      return document.jwks_uri;
    } catch (error) {
      throw new OidcDiscoveryError(`OIDC discovery at ${discovery} failed: ${(error as Error).message}`);
    }
  }
}

class OidcDiscoveryError extends Error {}

/** The value at a dotted claim path (`realm_access.roles`), or undefined. */
function claimAt(payload: JWTPayload, claimPath: string): unknown {
  let value: unknown = payload;
  for (const part of claimPath.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
