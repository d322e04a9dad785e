/**
 * Commands on licence participants (docs/api.md "Licences"), one class and one handler per command
 * type. The participant's stream holds its licences, so a command naming only a licence id is
 * routed through the licence directory to the participant, which then decides from its own stream.
 */
import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  learnerDecider,
  learnerStreamId,
  participantDecider,
  type MarkLicenceNotToRenew as MarkNotToRenew,
  type ParticipantCommand,
  type ParticipantEvent,
  type ParticipantState,
  type RegisterLicence,
  type RevokeLicence as Revoke,
  type TransferLicence as Transfer,
} from '@ledger/domain';
import type { ReadModels } from '../read-models';
import { READ_MODELS } from '../tokens';
import { claimGlobalId, licenceHolder, participantOfLicence } from './directories';
import {
  DecidingHandler,
  LedgerCommand,
  plainCommand,
  type LedgerCommandClass,
  type PayloadOf,
} from './ledger-command';

abstract class ParticipantHandler<C extends LedgerCommand> extends DecidingHandler<
  C,
  ParticipantCommand,
  ParticipantEvent,
  ParticipantState
> {
  protected readonly decider = participantDecider;
  @Inject(READ_MODELS) protected readonly readModels!: ReadModels;
}

/** Commands that need nothing beyond the participant's own stream (the scheduled ones included). */
const plainParticipantCommand = <T extends ParticipantCommand['type']>(type: T) =>
  plainCommand(participantDecider, type);

export const RegisterParticipant = plainParticipantCommand('RegisterParticipant');
export const AppointCoordinator = plainParticipantCommand('AppointCoordinator');
export const TerminateLmsUse = plainParticipantCommand('TerminateLmsUse');
export const EndMembership = plainParticipantCommand('EndMembership');
export const RenewLicence = plainParticipantCommand('RenewLicence');
export const RemindLicenceExpiry = plainParticipantCommand('RemindLicenceExpiry');
export const EvaluateTier = plainParticipantCommand('EvaluateTier');
export const ChargeExtraContribution = plainParticipantCommand('ChargeExtraContribution');

/** Registration needs the learner's employer (SPOT-1.2), which the learner's own stream holds. */
export class RegisterLicenceCommand extends LedgerCommand<Omit<PayloadOf<RegisterLicence>, 'learner'>> {}

@CommandHandler(RegisterLicenceCommand)
export class RegisterLicenceHandler extends ParticipantHandler<RegisterLicenceCommand> {
  protected async toDomain({ payload }: RegisterLicenceCommand): Promise<ParticipantCommand> {
    // Licence ids are global (they route revocations): one held by another participant is a conflict.
    const holder = await licenceHolder(this.readModels, payload.licenceId);
    if (holder !== undefined && holder !== payload.participantId)
      throw new DomainError('LICENCE_ID_TAKEN', 409, `Licence id ${payload.licenceId} belongs to another participant`);
    const { state: learner } = await this.pipeline.loadState(learnerDecider, learnerStreamId(payload.learnerId));
    return {
      type: 'RegisterLicence',
      ...payload,
      learner: learner.status === 'registered' ? { employerId: learner.employerId } : null,
    };
  }

  /** The directory above may not show a registration made at the same moment; the claim decides. */
  protected override claimIds({ payload, envelope }: RegisterLicenceCommand): Promise<void> {
    return claimGlobalId(
      this.pipeline,
      { kind: 'licence', id: payload.licenceId, ownerId: payload.participantId },
      envelope,
    );
  }
}

type LicenceAddressed = Revoke | Transfer | MarkNotToRenew;
type LicencePayload<T extends LicenceAddressed['type']> = Omit<
  PayloadOf<Extract<LicenceAddressed, { type: T }>>,
  'participantId'
>;

/** A command addressed to a licence by its id alone: the directory names the participant that holds it. */
function licenceCommand<T extends LicenceAddressed['type']>(type: T) {
  const commandClass = { [`${type}Command`]: class extends LedgerCommand<LicencePayload<T>> {} }[`${type}Command`]!;
  const handlerClass = {
    [`${type}Handler`]: class extends ParticipantHandler<LedgerCommand<LicencePayload<T>>> {
      protected async toDomain({ payload }: LedgerCommand<LicencePayload<T>>): Promise<ParticipantCommand> {
        const participantId = await participantOfLicence(this.readModels, payload.licenceId);
        return { type, participantId, ...payload } as unknown as ParticipantCommand;
      }
    },
  }[`${type}Handler`]!;
  CommandHandler(commandClass)(handlerClass);
  return { command: commandClass as LedgerCommandClass<LicencePayload<T>>, handler: handlerClass };
}

export const RevokeLicence = licenceCommand('RevokeLicence');
export const TransferLicence = licenceCommand('TransferLicence');
export const MarkLicenceNotToRenew = licenceCommand('MarkLicenceNotToRenew');

export const participantCommandHandlers = [
  RegisterLicenceHandler,
  ...[
    RegisterParticipant,
    AppointCoordinator,
    TerminateLmsUse,
    EndMembership,
    RenewLicence,
    RemindLicenceExpiry,
    EvaluateTier,
    ChargeExtraContribution,
    RevokeLicence,
    TransferLicence,
    MarkLicenceNotToRenew,
  ].map((c) => c.handler),
];
