/**
 * The participant's organisation and its licences' lifecycle: coordinators (SPOT-1.4), transfer
 * (SPOT-3.5), not-to-renew (SPOT-I1), ending LMS use (SPOT-6.1), leaving SPOT (SPOT-6.4) and
 * revocation (SPOT-6.2, 6.3).
 */
import {
  compareDates,
  spotCoordinatorAppointment,
  spotLicenceTransfer,
  spotMembershipEnd,
  spotParticipantTermination,
  spotRevocation,
  toLocalDate,
} from '@ledger/regulations';
import { decidePayment, invoiceOutstandingCents } from '../billing';
import { DomainError, type DecideContext } from '../shared/decider';
import type {
  AppointCoordinator,
  EndMembership,
  MarkLicenceNotToRenew,
  RecordParticipantPayment,
  RevokeLicence,
  TerminateLmsUse,
  TransferLicence,
} from './commands';
import { billingPartyOf, requireLicence, requireParticipant, spotBookOn } from './decide-support';
import { participantStreamId, type ParticipantEvent } from './events';
import { isActiveOn, liveLicences, locationKeyOf, type ParticipantState } from './state';

/** SPOT-1.4: at most two coordinators per organisation/location; re-appointing one changes nothing. */
export function decideAppointCoordinator(
  command: AppointCoordinator,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const locationKey = locationKeyOf(command.location);
  const current = participant.coordinators[locationKey];
  const decision = spotCoordinatorAppointment(spotBookOn(ctx, command.appointedAt), {
    participantId: participant.participantId,
    location: current?.location ?? command.location.trim(),
    personId: command.personId,
    currentCoordinatorIds: current?.personIds ?? [],
  });
  if (decision.inputs['alreadyAppointed'] === true) return [];
  return [
    {
      type: 'CoordinatorAppointed',
      data: {
        participantId: participant.participantId,
        personId: command.personId,
        location: command.location.trim(),
        locationKey,
        appointedAt: command.appointedAt,
        decision,
      },
    },
  ];
}

/** SPOT-3.5: licences are personal; every transfer is refused by the rulebook (422). */
export function decideTransferLicence(
  command: TransferLicence,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const licence = requireLicence(requireParticipant(state, command.participantId), command.licenceId);
  spotLicenceTransfer(spotBookOn(ctx, command.requestedAt), {
    licenceId: licence.licenceId,
    fromLearnerId: licence.learnerId,
    toLearnerId: command.toLearnerId,
  });
  // spotLicenceTransfer always throws; reaching here would mean the rulebook changed its mind.
  throw new Error('SPOT-3.5: the rulebook allowed a licence transfer');
}

/** SPOT-I1: a licence marked not-to-renew expires at the end of its term instead of renewing. */
export function decideMarkNotToRenew(command: MarkLicenceNotToRenew, state: ParticipantState): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const licence = requireLicence(participant, command.licenceId);
  const requestedOn = toLocalDate(command.requestedAt);
  if (licence.revokedOn !== null || licence.expiredOn !== null) {
    throw new DomainError('LICENCE_NOT_ACTIVE', 409, `Licence ${licence.licenceId} has already ended`);
  }
  if (licence.notToRenew) return [];
  if (compareDates(requestedOn, licence.expiresOn) >= 0) {
    throw new DomainError(
      'RENEWAL_ALREADY_DUE',
      409,
      `Licence ${licence.licenceId} renewed on ${licence.expiresOn}; mark it before its next renewal`,
      'SPOT-4.1',
    );
  }
  return [
    {
      type: 'LicenceMarkedNotToRenew',
      data: {
        participantId: participant.participantId,
        licenceId: licence.licenceId,
        requestedAt: command.requestedAt,
        expiresOn: licence.expiresOn,
        ruleIds: ['SPOT-4.1'],
        interpretationIds: ['SPOT-I1'],
      },
    },
  ];
}

function assertStillMember(state: ParticipantState, participantId: string) {
  const participant = requireParticipant(state, participantId);
  if (participant.membershipEndedOn !== null) {
    throw new DomainError(
      'PARTICIPANT_LEFT_SPOT',
      409,
      `Participant ${participantId} left SPOT on ${participant.membershipEndedOn}`,
      'SPOT-6.4',
    );
  }
  if (participant.lmsUseEndsOn !== null) {
    throw new DomainError(
      'LMS_USE_ENDING',
      409,
      `Participant ${participantId} already ends LMS use on ${participant.lmsUseEndsOn}`,
      'SPOT-6.1',
    );
  }
  return participant;
}

/** SPOT-6.1: LMS use ends at the expiry of the longest-running licence; earlier ones are not renewed unless kept. */
export function decideTerminateLmsUse(
  command: TerminateLmsUse,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = assertStillMember(state, command.participantId);
  for (const licenceId of command.keepRenewingLicenceIds) requireLicence(participant, licenceId);
  const keep = new Set(command.keepRenewingLicenceIds);
  const decision = spotParticipantTermination(spotBookOn(ctx, command.requestedAt), {
    participantId: participant.participantId,
    requestedAt: command.requestedAt,
    licences: liveLicences(participant).map((l) => ({
      licenceId: l.licenceId,
      expiresOn: l.expiresOn,
      keepRenewing: keep.has(l.licenceId),
    })),
  });
  return [
    {
      type: 'LmsUseTerminated',
      data: {
        participantId: participant.participantId,
        requestedAt: command.requestedAt,
        effectiveEnd: decision.deadlines!['effectiveEnd']!,
        notRenewedLicenceIds: decision.inputs['notRenewedLicenceIds'] as string[],
        renewingLicenceIds: decision.inputs['renewingLicenceIds'] as string[],
        decision,
      },
    },
  ];
}

/** SPOT-6.4: leaving SPOT keeps licences valid until expiry, without renewal. */
export function decideEndMembership(
  command: EndMembership,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  if (participant.membershipEndedOn !== null) {
    throw new DomainError(
      'PARTICIPANT_LEFT_SPOT',
      409,
      `Participant ${participant.participantId} left SPOT on ${participant.membershipEndedOn}`,
      'SPOT-6.4',
    );
  }
  const decision = spotMembershipEnd(spotBookOn(ctx, command.endedAt), {
    participantId: participant.participantId,
    endedAt: command.endedAt,
    licences: liveLicences(participant).map((l) => ({ licenceId: l.licenceId, expiresOn: l.expiresOn })),
  });
  return [
    {
      type: 'MembershipEnded',
      data: {
        participantId: participant.participantId,
        endedAt: command.endedAt,
        endedOn: decision.deadlines!['membershipEndedOn']!,
        notRenewedLicenceIds: decision.inputs['notRenewedLicenceIds'] as string[],
        lastLicenceExpiresOn: decision.deadlines!['lastLicenceExpiresOn']!,
        decision,
      },
    },
  ];
}

/** SPOT-6.2: revoked at once on an enumerated ground; SPOT-6.3: no refund, unpaid fees stay due. */
export function decideRevokeLicence(
  command: RevokeLicence,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const licence = requireLicence(participant, command.licenceId);
  if (licence.revokedOn !== null)
    throw new DomainError(
      'LICENCE_ALREADY_REVOKED',
      409,
      `Licence ${licence.licenceId} was revoked on ${licence.revokedOn}`,
    );
  const revokedOn = toLocalDate(command.at);
  if (!isActiveOn(licence, revokedOn))
    throw new DomainError('LICENCE_NOT_ACTIVE', 409, `Licence ${licence.licenceId} is not active on ${revokedOn}`);
  const outstandingCents = licence.invoiceIds
    .map((id) => participant.billing.invoices[id])
    .reduce((sum, invoice) => sum + (invoice ? Math.max(0, invoiceOutstandingCents(invoice)) : 0), 0);
  const decision = spotRevocation(spotBookOn(ctx, command.at), {
    licenceId: licence.licenceId,
    at: command.at,
    reason: command.reason,
    outstandingCents,
  });
  return [
    {
      type: 'LicenceRevoked',
      data: {
        participantId: participant.participantId,
        licenceId: licence.licenceId,
        learnerId: licence.learnerId,
        at: command.at,
        revokedOn,
        reason: command.reason,
        expiresOn: licence.expiresOn,
        outstandingCents,
        decision,
      },
    },
  ];
}

/** A payment against one of the participant's invoices (POST /payments); overpayment becomes a refund entitlement. */
export function decideParticipantPayment(
  command: RecordParticipantPayment,
  state: ParticipantState,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  return decidePayment(
    participant.billing,
    billingPartyOf(participant),
    command,
    participantStreamId(participant.participantId),
  );
}
