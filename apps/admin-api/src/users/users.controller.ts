/**
 * Users (docs/api.md "Users and keys"): people and service accounts with roles, their personal
 * API keys (shown once, stored as scrypt hashes) and their deactivation. Every change is an event
 * in the user's stream (`user-<userId>`); the display name is personal data, encrypted per user.
 */
import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  ChangeUserRolesCommand,
  DeactivateUserCommand,
  generateApiKey,
  IssueApiKeyCommand,
  RegisterUserCommand,
  RevokeApiKeyCommand,
  type Clock,
  type CommandResult,
} from '@ledger/application';
import { USER_ID_PATTERN, USER_ROLES, type UserKind, type UserRole, type UserState } from '@ledger/domain';
import { AdminOnly } from '../auth/roles';
import { IdentityService } from '../auth/identity.service';
import { envelopeOf, withPathIds, type LedgerRequest } from '../http/commands';
import { validationFailed } from '../http/validation';
import { IsInstant } from '../http/validators';
import { COMMAND_ERRORS, CommandResponseSchema, Doc, objectOf } from '../http/openapi';
import { CLOCK } from '../tokens';

const USER_ID_MESSAGE =
  'userId must be 1-64 lower-case letters, digits, dots or hyphens, starting with a letter or digit';

export class UserParams {
  @ApiProperty({ example: 'anna.de.vries' })
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  userId!: string;
}

export class KeyParams extends UserParams {
  @ApiProperty({ example: '3f2a9c1d5e6b7a80' })
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hexadecimal digits' })
  keyId!: string;
}

class CommandDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;
}

export class RolesDto extends CommandDto {
  @ApiProperty({ enum: USER_ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(USER_ROLES.length)
  @IsIn(USER_ROLES, { each: true })
  roles!: UserRole[];
}

export class IssueKeyDto extends CommandDto {
  @ApiPropertyOptional({ description: 'Instant after which the key answers 401; default: no expiry' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;
}

export class RegisterUserDto extends RolesDto {
  @ApiProperty({ example: 'anna.de.vries' })
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  userId!: string;

  @ApiProperty({ description: 'Personal data: stored encrypted per user', example: 'Anna de Vries' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiPropertyOptional({ enum: ['person', 'service'], default: 'person' })
  @IsOptional()
  @IsIn(['person', 'service'])
  kind?: UserKind;

  @ApiPropertyOptional({ description: 'Expiry of the first key; default: no expiry' })
  @IsOptional()
  @IsInstant()
  keyExpiresAt?: string;
}

export class DeactivateUserDto extends CommandDto {}

/** The answer to a key being issued: the key itself only the first time (a resend cannot show it again). */
function issuedKey(result: CommandResult, userId: string, apiKey: string) {
  const issued = result.events.find((event) => event.type === 'ApiKeyIssued');
  return {
    userId,
    keyId: issued ? (issued.data['keyId'] as string) : null,
    expiresAt: issued ? (issued.data['expiresAt'] as string | null) : null,
    apiKey: result.replayed ? null : apiKey,
    ...(result.replayed ? { message: 'This command was recorded before; a key is shown only once' } : {}),
    streamId: result.streamId,
    position: result.position,
  };
}

@ApiTags('users')
@Controller('admin/users')
export class UsersController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Registers a person or a service account with roles and a first API key, shown once. */
  @Doc({
    summary: 'Register a user',
    description:
      "Registers a person or service account with roles (backoffice, finance, auditor, admin): UserRegistered, the display name encrypted per user like learners' data, and ApiKeyIssued. Answers { userId, keyId, apiKey, expiresAt }; the key is shown once (a resend of the same commandId answers apiKey null). Admin only. 409 when the user id is taken.",
    errors: [...COMMAND_ERRORS, 422],
    response: objectOf('userId, keyId, apiKey (shown once; null on a resend), expiresAt'),
    examples: {
      person: {
        summary: 'A finance employee',
        value: {
          commandId: '3f1c2b9a-6d4e-4a8b-9c7d-1e2f3a4b5c6d',
          userId: 'marieke-jansen',
          displayName: 'Marieke Jansen',
          roles: ['finance'],
        },
      },
    },
  })
  @Post()
  @HttpCode(201)
  @AdminOnly()
  async register(@Body() body: RegisterUserDto, @Req() request: LedgerRequest) {
    const now = this.clock.now().toISOString();
    this.checkExpiry('keyExpiresAt', body.keyExpiresAt, now);
    const { apiKey, record } = await generateApiKey(body.userId, body.keyExpiresAt ?? null);
    const result = await this.commandBus.execute<RegisterUserCommand, CommandResult>(
      new RegisterUserCommand(
        {
          userId: body.userId,
          displayName: body.displayName,
          roles: body.roles,
          kind: body.kind ?? 'person',
          origin: { kind: 'ledger' },
          registeredAt: now,
          firstKey: record,
        },
        envelopeOf(request, 'RegisterUser', body, now),
      ),
    );
    return issuedKey(result, body.userId, apiKey);
  }

  /** The user with roles, status and keys (ids, issue and expiry times; never hashes). */
  @Doc({
    summary: 'Show a user',
    description:
      "A user's id, kind, roles, status and keys (ids, issue and expiry dates, revoked or not; never a key or its hash). Appends nothing. 404 USER_NOT_FOUND.",
    errors: [400, 404],
    response: objectOf('userId, kind, displayName, roles, status, keys [{ keyId, issuedAt, expiresAt, revokedAt }]'),
  })
  @Get(':userId')
  @AdminOnly()
  async get(@Param() params: UserParams) {
    return userView(await this.existing(params.userId));
  }

  /** Another key for the user (rotation: issue, switch, revoke the old one). */
  @Doc({
    summary: 'Issue another API key',
    description:
      'Issues another personal API key for the user (rotation: issue, switch, revoke the old one): ApiKeyIssued with its scrypt hash. Answers { keyId, apiKey, expiresAt }; the key is shown once. 404 USER_NOT_FOUND; 409 when the user is deactivated.',
    errors: [...COMMAND_ERRORS, 404],
    response: objectOf('userId, keyId, apiKey (shown once), expiresAt'),
  })
  @Post(':userId/keys')
  @HttpCode(201)
  @AdminOnly()
  async issueKey(@Param() params: UserParams, @Body() body: IssueKeyDto, @Req() request: LedgerRequest) {
    const now = this.clock.now().toISOString();
    this.checkExpiry('expiresAt', body.expiresAt, now);
    const { apiKey, record } = await generateApiKey(params.userId, body.expiresAt ?? null);
    const result = await this.commandBus.execute<IssueApiKeyCommand, CommandResult>(
      new IssueApiKeyCommand(
        { userId: params.userId, key: record, issuedAt: now },
        envelopeOf(request, 'IssueApiKey', withPathIds(body, { userId: params.userId }), now),
      ),
    );
    return issuedKey(result, params.userId, apiKey);
  }

  @Doc({
    summary: 'Revoke an API key',
    description:
      'Revokes one key of the user: ApiKeyRevoked; the key answers 401 from then on. 404 when the user or key is unknown.',
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
  })
  @Post(':userId/keys/:keyId/revocation')
  @HttpCode(200)
  @AdminOnly()
  async revokeKey(@Param() params: KeyParams, @Body() body: DeactivateUserDto, @Req() request: LedgerRequest) {
    const now = this.clock.now().toISOString();
    await this.commandBus.execute(
      new RevokeApiKeyCommand(
        { userId: params.userId, keyId: params.keyId, revokedAt: now },
        envelopeOf(request, 'RevokeApiKey', withPathIds(body, { ...params }), now),
      ),
    );
    return userView(await this.existing(params.userId));
  }

  /** Replaces the user's roles (single sign-on users without a roles claim get theirs here). */
  @Doc({
    summary: "Change a user's roles",
    description:
      "Sets the user's roles (e.g. for a single sign-on user recorded without a roles claim): UserRolesChanged. 404 USER_NOT_FOUND.",
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
  })
  @Post(':userId/roles')
  @HttpCode(200)
  @AdminOnly()
  async changeRoles(@Param() params: UserParams, @Body() body: RolesDto, @Req() request: LedgerRequest) {
    const now = this.clock.now().toISOString();
    await this.commandBus.execute(
      new ChangeUserRolesCommand(
        { userId: params.userId, roles: body.roles, changedAt: now },
        envelopeOf(request, 'ChangeUserRoles', withPathIds(body, { userId: params.userId }), now),
      ),
    );
    return userView(await this.existing(params.userId));
  }

  /** Every key of the user answers 401 from now on, and single sign-on is refused. Permanent. */
  @Doc({
    summary: 'Deactivate a user',
    description:
      'Deactivates the user: UserDeactivated; every key of the user and its single sign-on answer 401 from then on. 404 USER_NOT_FOUND.',
    errors: [...COMMAND_ERRORS, 404],
    response: CommandResponseSchema,
  })
  @Post(':userId/deactivation')
  @HttpCode(200)
  @AdminOnly()
  async deactivate(@Param() params: UserParams, @Body() body: DeactivateUserDto, @Req() request: LedgerRequest) {
    const now = this.clock.now().toISOString();
    await this.commandBus.execute(
      new DeactivateUserCommand(
        { userId: params.userId, deactivatedAt: now },
        envelopeOf(request, 'DeactivateUser', withPathIds(body, { userId: params.userId }), now),
      ),
    );
    return userView(await this.existing(params.userId));
  }

  private checkExpiry(field: string, expiresAt: string | undefined, now: string): void {
    if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.parse(now))
      throw validationFailed([{ field, messages: [`must be in the future (now is ${now})`] }]);
  }

  private async existing(userId: string): Promise<UserState> {
    const state = await this.identity.user(userId);
    if (state.status === 'unknown')
      throw new NotFoundException({ error: 'USER_NOT_FOUND', message: `User ${userId} is not registered` });
    return state;
  }
}

function userView(state: UserState) {
  return {
    userId: state.userId,
    kind: state.kind,
    roles: state.roles,
    status: state.status,
    signsInWith: state.origin.kind === 'oidc' ? 'oidc' : 'api-key',
    keys: state.keys.map((key) => ({
      keyId: key.keyId,
      issuedAt: key.issuedAt,
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
    })),
  };
}
