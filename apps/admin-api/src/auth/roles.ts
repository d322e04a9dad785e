import { SetMetadata } from '@nestjs/common';
import type { Role } from '@ledger/application';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';

/** Roles allowed on a route; `admin` is always allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** docs/api.md: commands need backoffice; finance reads finance/auditor; audit endpoints auditor. */
export const CommandRoles = () => Roles('backoffice');
export const FinanceReadRoles = () => Roles('finance', 'auditor');
export const AuditRoles = () => Roles('auditor');
export const AdminOnly = () => Roles('admin');

export interface Principal {
  role: Role;
  fingerprint: string;
}

export const actorOf = (principal: Principal): string => `${principal.role}:${principal.fingerprint}`;
