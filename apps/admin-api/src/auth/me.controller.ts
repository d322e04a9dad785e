/**
 * Who is signed in (GET /me) and how one signs in (GET /sign-in-options): what the console needs
 * to greet the person, show only what their roles allow, and offer single sign-on when the
 * ledger is configured for it (docs/operations.md "Console").
 */
import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { LedgerConfig } from '@ledger/application';
import type { LedgerRequest } from '../http/commands';
import { Doc, objectOf } from '../http/openapi';
import { LEDGER_CONFIG } from '../tokens';
import { IdentityService } from './identity.service';
import { capabilitiesOf, Public, Roles } from './roles';

@ApiTags('users')
@Controller()
export class MeController {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Doc({
    summary: 'Who am I',
    description:
      'The caller as the ledger knows them: user id, display name (the one recorded for a personal user, the account name for a configured key), kind, roles held now, how this request authenticated (`api-key`, `configured-key`, `oidc`) and what those roles may do by area (`may`), so a client can leave out what the API would refuse. Appends nothing.',
    errors: [],
    response: objectOf('userId, displayName, kind, roles, authMethod, may { commands, customerNames, ... }'),
  })
  @Get('me')
  @Roles('backoffice', 'finance', 'auditor', 'metrics')
  async me(@Req() request: LedgerRequest) {
    const principal = request.principal!;
    return {
      userId: principal.userId,
      displayName: await this.identity.displayName(principal.userId),
      kind: principal.kind,
      roles: principal.roles,
      authMethod: principal.authMethod,
      may: capabilitiesOf(principal),
    };
  }

  @Doc({
    summary: 'How to sign in',
    description:
      'The sign-in methods this ledger accepts, for the console: a personal API key always; single sign-on (OpenID Connect authorization code with PKCE) when an issuer and a console client id are configured, with the issuer, client id and scopes the browser needs. No secrets: the console is a public client. Appends nothing.',
    errors: [429],
    response: objectOf('{ apiKey: true, sso: { issuer, clientId, scope } | null }'),
  })
  @Get('sign-in-options')
  @Public()
  signInOptions() {
    const sso = this.config.oidc?.console;
    return {
      apiKey: true,
      sso: sso ? { issuer: this.config.oidc!.issuer, clientId: sso.clientId, scope: sso.scope } : null,
    };
  }
}
