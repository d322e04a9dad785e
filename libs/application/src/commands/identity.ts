/** Commands on users (accounts, keys, roles, deactivation) and on four-eyes approvals. */
import { CommandHandler } from '@nestjs/cqrs';
import {
  approvalsDecider,
  userDecider,
  type ApprovalCommand,
  type ApprovalEvent,
  type ApprovalsState,
  type UserCommand,
  type UserEvent,
  type UserState,
} from '@ledger/domain';
import { DecidingHandler, LedgerCommand, type PayloadOf } from './ledger-command';

type UserPayload<T extends UserCommand['type']> = PayloadOf<Extract<UserCommand, { type: T }>>;
type ApprovalPayload<T extends ApprovalCommand['type']> = PayloadOf<Extract<ApprovalCommand, { type: T }>>;

export class RegisterUserCommand extends LedgerCommand<UserPayload<'RegisterUser'>> {}
export class IssueApiKeyCommand extends LedgerCommand<UserPayload<'IssueApiKey'>> {}
export class RevokeApiKeyCommand extends LedgerCommand<UserPayload<'RevokeApiKey'>> {}
export class ChangeUserRolesCommand extends LedgerCommand<UserPayload<'ChangeUserRoles'>> {}
export class DeactivateUserCommand extends LedgerCommand<UserPayload<'DeactivateUser'>> {}
export class RequestApprovalCommand extends LedgerCommand<ApprovalPayload<'RequestApproval'>> {}
export class GrantApprovalCommand extends LedgerCommand<ApprovalPayload<'GrantApproval'>> {}
export class RejectApprovalCommand extends LedgerCommand<ApprovalPayload<'RejectApproval'>> {}

abstract class UserHandler<C extends LedgerCommand> extends DecidingHandler<C, UserCommand, UserEvent, UserState> {
  protected readonly decider = userDecider;
}
abstract class ApprovalHandler<C extends LedgerCommand> extends DecidingHandler<
  C,
  ApprovalCommand,
  ApprovalEvent,
  ApprovalsState
> {
  protected readonly decider = approvalsDecider;
}

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler extends UserHandler<RegisterUserCommand> {
  protected toDomain({ payload }: RegisterUserCommand): UserCommand {
    return { type: 'RegisterUser', ...payload };
  }
}
@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler extends UserHandler<IssueApiKeyCommand> {
  protected toDomain({ payload }: IssueApiKeyCommand): UserCommand {
    return { type: 'IssueApiKey', ...payload };
  }
}
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler extends UserHandler<RevokeApiKeyCommand> {
  protected toDomain({ payload }: RevokeApiKeyCommand): UserCommand {
    return { type: 'RevokeApiKey', ...payload };
  }
}
@CommandHandler(ChangeUserRolesCommand)
export class ChangeUserRolesHandler extends UserHandler<ChangeUserRolesCommand> {
  protected toDomain({ payload }: ChangeUserRolesCommand): UserCommand {
    return { type: 'ChangeUserRoles', ...payload };
  }
}
@CommandHandler(DeactivateUserCommand)
export class DeactivateUserHandler extends UserHandler<DeactivateUserCommand> {
  protected toDomain({ payload }: DeactivateUserCommand): UserCommand {
    return { type: 'DeactivateUser', ...payload };
  }
}
@CommandHandler(RequestApprovalCommand)
export class RequestApprovalHandler extends ApprovalHandler<RequestApprovalCommand> {
  protected toDomain({ payload }: RequestApprovalCommand): ApprovalCommand {
    return { type: 'RequestApproval', ...payload };
  }
}
@CommandHandler(GrantApprovalCommand)
export class GrantApprovalHandler extends ApprovalHandler<GrantApprovalCommand> {
  protected toDomain({ payload }: GrantApprovalCommand): ApprovalCommand {
    return { type: 'GrantApproval', ...payload };
  }
}
@CommandHandler(RejectApprovalCommand)
export class RejectApprovalHandler extends ApprovalHandler<RejectApprovalCommand> {
  protected toDomain({ payload }: RejectApprovalCommand): ApprovalCommand {
    return { type: 'RejectApproval', ...payload };
  }
}

export const identityCommandHandlers = [
  RegisterUserHandler,
  IssueApiKeyHandler,
  RevokeApiKeyHandler,
  ChangeUserRolesHandler,
  DeactivateUserHandler,
  RequestApprovalHandler,
  GrantApprovalHandler,
  RejectApprovalHandler,
];
