import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { hashApiKey, type ApiKeyEntry, type LedgerConfig, type Role } from '@ledger/application';
import { LEDGER_CONFIG } from '../tokens';
import { PUBLIC_KEY, ROLES_KEY, type Principal } from './roles';

/** Compares against every key, without an early exit, so timing reveals nothing about which matched. */
export function findKey(entries: readonly ApiKeyEntry[], presented: string): ApiKeyEntry | undefined {
  const presentedHash = hashApiKey(presented);
  let match: ApiKeyEntry | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.keyHash, presentedHash) && !match) match = entry;
  }
  return match;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S{1,512})$/i.exec(header);
    if (!match)
      throw new UnauthorizedException({
        error: 'UNAUTHENTICATED',
        message: 'Authorization: Bearer <api key> required',
      });
    const entry = findKey(this.config.apiKeys, match[1]!);
    if (!entry) throw new UnauthorizedException({ error: 'UNAUTHENTICATED', message: 'Unknown API key' });
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    // A route without declared roles is a programming error: deny rather than expose it.
    if (!allowed || (entry.role !== 'admin' && !allowed.includes(entry.role))) {
      throw new ForbiddenException({ error: 'FORBIDDEN', message: `Role ${entry.role} may not call this endpoint` });
    }
    request.principal = { role: entry.role, fingerprint: entry.fingerprint };
    return true;
  }
}
