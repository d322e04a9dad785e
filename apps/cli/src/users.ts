/**
 * `cli users add`: registers a user with a first API key in the data directory itself, with no
 * server running: how the first admin is made (bootstrap). The key is printed once.
 */
import { randomUUID } from 'node:crypto';
import { CLI_ACTOR, generateApiKey, systemClock } from '@ledger/application';
import { USER_ID_PATTERN, USER_ROLES, userDecider, type UserKind, type UserRole } from '@ledger/domain';
import type { LedgerContext } from './context';

export interface AddUserOptions {
  name: string;
  roles: UserRole[];
  userId?: string;
  kind: UserKind;
  expiresAt?: string;
}

/** `Anna de Vries` -> `anna-de-vries`: the default user id. */
export function userIdFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

export class UserInputError extends Error {}

export async function addUser(ledger: LedgerContext, options: AddUserOptions) {
  const userId = options.userId ?? userIdFromName(options.name);
  if (!USER_ID_PATTERN.test(userId))
    throw new UserInputError(
      `user id "${userId}" must be 1-64 lower-case letters, digits, dots or hyphens; pass --id to choose one`,
    );
  if (options.name.trim().length === 0 || options.name.length > 200)
    throw new UserInputError('--name must be 1-200 characters');
  const unknown = options.roles.filter((role) => !USER_ROLES.includes(role));
  if (options.roles.length === 0 || unknown.length > 0)
    throw new UserInputError(`--role must be one or more of ${USER_ROLES.join(', ')}`);
  const now = systemClock.now().toISOString();
  const { apiKey, record } = await generateApiKey(userId, options.expiresAt ?? null);
  const command = {
    type: 'RegisterUser' as const,
    userId,
    displayName: options.name,
    roles: options.roles,
    kind: options.kind,
    origin: { kind: 'ledger' as const },
    registeredAt: now,
    firstKey: record,
  };
  const result = await ledger.pipeline.execute(userDecider, command, {
    commandId: randomUUID(),
    commandName: 'RegisterUser',
    body: { userId, displayName: options.name, roles: options.roles, kind: options.kind },
    actor: CLI_ACTOR,
    occurredAt: now,
  });
  return { userId, roles: options.roles, kind: options.kind, keyId: record.keyId, apiKey, position: result.position };
}
