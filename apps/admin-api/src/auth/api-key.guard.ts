import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ledger/application';
import { ApprovalExecutions, type HeldExecution } from './approval-executions';
import { IdentityService } from './identity.service';
import { PUBLIC_KEY, ROLES_KEY, type Principal } from './roles';

const BEARER = /^Bearer\s+(\S{1,4096})$/i;

/**
 * Credentials come only in the Authorization header (never a query string: URLs end up in logs):
 * an API key (personal, or one of LEDGER_API_KEYS) or a single sign-on access token.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(ApprovalExecutions) private readonly executions: ApprovalExecutions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      principal?: Principal;
      approval?: HeldExecution['approval'];
    }>();
    const match = BEARER.exec(request.headers['authorization'] ?? '');
    if (!match)
      throw new UnauthorizedException({
        error: 'UNAUTHENTICATED',
        message: 'Authorization: Bearer <api key or access token> required',
      });
    const held = this.executions.take(match[1]!);
    const principal = held ? held.principal : await this.identity.authenticate(match[1]!);
    if (!principal)
      throw new UnauthorizedException({
        error: 'UNAUTHENTICATED',
        message: 'Unknown, expired or revoked API key or access token',
      });
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    // A route without declared roles is a programming error: deny rather than expose it.
    if (!allowed || !principal.roles.some((role) => role === 'admin' || allowed.includes(role))) {
      throw new ForbiddenException({
        error: 'FORBIDDEN',
        message: `Roles ${principal.roles.join(', ') || '(none)'} may not call this endpoint`,
      });
    }
    request.principal = principal;
    if (held) request.approval = held.approval;
    return true;
  }
}
