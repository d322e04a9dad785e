import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { AuthenticatedUser, Role } from '@ledger/application';
import type { EventActor } from '@ledger/event-store';
import { ErrorResponses } from '../http/openapi';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';

/**
 * Roles allowed on a route; `admin` is always allowed. The OpenAPI document gets the same list as
 * `x-roles` (admin included), the bearer requirement and the 401, 403 and 429 answers.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', [...new Set<Role>([...roles, 'admin'])]),
    ErrorResponses(401, 403, 429),
  );
/** No API key needed (health); marked `x-public` so the OpenAPI lint tells it from a route without roles. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/** docs/api.md: commands need backoffice; finance reads finance/auditor; audit endpoints auditor. */
export const CommandRoles = () => Roles('backoffice');
export const FinanceReadRoles = () => Roles('finance', 'auditor');
export const AuditRoles = () => Roles('auditor');
export const AdminOnly = () => Roles('admin');

/** The caller of a request: a user (person or service account) with the roles it holds now. */
export type Principal = AuthenticatedUser;

export const actorOf = (principal: Principal): EventActor => ({
  userId: principal.userId,
  kind: principal.kind,
  authMethod: principal.authMethod,
  origin: 'api',
});

export const hasRole = (principal: Principal, role: Role): boolean => principal.roles.includes(role);

/** Who may read the display names of the ledger's users (in event and decision views). */
export const mayReadUserNames = (principal: Principal | undefined): boolean =>
  principal !== undefined && principal.roles.some((role) => role !== 'metrics');

/**
 * What a caller may do, by area, from the same role lists the routes declare: the console shows
 * only what the API would allow (the API still decides every request).
 */
export const CAPABILITY_ROLES = {
  /** Commands on enrolments, people and licences (CommandRoles). */
  commands: ['backoffice'],
  /** Customers' names and e-mail (GET /customers/{id}) and searching customers by name. */
  customerNames: ['backoffice', 'finance', 'auditor'],
  /** Learners' names (GET /learners/{id}) and searching learners by name. */
  learnerNames: ['backoffice', 'auditor'],
  /** Enrolments, their timelines and decisions as the enrolment screen shows them. */
  enrolments: ['backoffice', 'finance', 'auditor'],
  /** SPOT participants' licences, tiers and surcharges. */
  licences: ['backoffice', 'finance', 'auditor'],
  /** Invoices, balances, refunds (FinanceReadRoles). */
  financeRead: ['finance', 'auditor'],
  /** Importing bank statements and allocating their lines. */
  bankStatements: ['backoffice', 'finance'],
  /** Decision explorer, chain verification, projection status (AuditRoles). */
  audit: ['auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITY_ROLES;

export const may = (principal: Principal | undefined, capability: Capability): boolean =>
  principal !== undefined &&
  principal.roles.some((role) => role === 'admin' || (CAPABILITY_ROLES[capability] as readonly Role[]).includes(role));

export const capabilitiesOf = (principal: Principal): Record<Capability, boolean> =>
  Object.fromEntries(
    (Object.keys(CAPABILITY_ROLES) as Capability[]).map((capability) => [capability, may(principal, capability)]),
  ) as Record<Capability, boolean>;
