import { DomainError, type Decider, type DecideContext } from '../shared/decider';
import { licenceBookOf } from './decide-support';
import type { ParticipantCommand, RegisterParticipant } from './commands';
import {
  decideEvaluateTier,
  decideRegisterLicence,
  decideRemindLicenceExpiry,
  decideRenewLicence,
} from './decide-licences';
import {
  decideAppointCoordinator,
  decideEndMembership,
  decideMarkNotToRenew,
  decideParticipantPayment,
  decideRevokeLicence,
  decideTerminateLmsUse,
  decideTransferLicence,
} from './decide-lifecycle';
import { decideExtraContribution } from './decide-contribution';
import { participantStreamId, type ParticipantEvent } from './events';
import { evolveParticipant, initialParticipantState, PARTICIPANT_SNAPSHOT, type ParticipantState } from './state';

/** Joins under a rulebook that offers licence acts; it says when the tier is first evaluated. */
function decideRegisterParticipant(
  command: RegisterParticipant,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  if (state.status !== 'unknown')
    throw new DomainError(
      'PARTICIPANT_ALREADY_EXISTS',
      409,
      `Participant ${command.participantId} is already registered`,
    );
  const { participantId, rulebookId, name, invoiceDate, registeredAt } = command;
  const { acts } = licenceBookOf(ctx.rulebooks, rulebookId, registeredAt);
  const { nextInvoiceDate } = acts.join({ participantId, invoiceDate, registeredAt });
  return [
    {
      type: 'ParticipantRegistered',
      data: { participantId, rulebookId, name, invoiceDate, nextInvoiceDate, registeredAt },
    },
  ];
}

export function decideParticipant(
  command: ParticipantCommand,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  switch (command.type) {
    case 'RegisterParticipant':
      return decideRegisterParticipant(command, state, ctx);
    case 'AppointCoordinator':
      return decideAppointCoordinator(command, state, ctx);
    case 'RegisterLicence':
      return decideRegisterLicence(command, state, ctx);
    case 'TransferLicence':
      return decideTransferLicence(command, state, ctx);
    case 'MarkLicenceNotToRenew':
      return decideMarkNotToRenew(command, state, ctx);
    case 'TerminateLmsUse':
      return decideTerminateLmsUse(command, state, ctx);
    case 'EndMembership':
      return decideEndMembership(command, state, ctx);
    case 'RevokeLicence':
      return decideRevokeLicence(command, state, ctx);
    case 'RenewLicence':
      return decideRenewLicence(command, state, ctx);
    case 'RemindLicenceExpiry':
      return decideRemindLicenceExpiry(command, state, ctx);
    case 'EvaluateTier':
      return decideEvaluateTier(command, state, ctx);
    case 'ChargeExtraContribution':
      return decideExtraContribution(command, state, ctx);
    case 'RecordPayment':
      return decideParticipantPayment(command, state);
  }
}

export const participantDecider: Decider<ParticipantCommand, ParticipantEvent, ParticipantState> = {
  streamIdOf: (command) => participantStreamId(command.participantId),
  initialState: initialParticipantState,
  evolve: evolveParticipant,
  decide: decideParticipant,
  snapshot: PARTICIPANT_SNAPSHOT,
};
