/**
 * The participant's organisation and its licences' lifecycle: coordinators, transfer, not-to-renew,
 * ending the use of the licences, leaving, and revocation, each as the participant's rulebook's
 * licence acts decide.
 */
import { compareDates, toLocalDate } from '@ledger/regulations';
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
import { billingPartyOf, licenceBookOn, refused, requireLicence, requireParticipant } from './decide-support';
import { participantStreamId, type ParticipantEvent } from './events';
import { isActiveOn, liveLicences, locationKeyOf, type ParticipantState } from './state';

/** A coordinator for an organisation/location, within the rulebook's limit; re-appointing one changes nothing. */
export function decideAppointCoordinator(
  command: AppointCoordinator,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const locationKey = locationKeyOf(command.location);
  const current = participant.coordinators[locationKey];
  const { decision, alreadyAppointed } = licenceBookOn(ctx, participant, command.appointedAt).acts.appointCoordinator({
    participantId: participant.participantId,
    location: current?.location ?? command.location.trim(),
    personId: command.personId,
    currentCoordinatorIds: current?.personIds ?? [],
  });
  if (alreadyAppointed) return [];
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

/** The rulebook decides a transfer; the ledger records none, so one the rulebook allows is refused (422). */
export function decideTransferLicence(
  command: TransferLicence,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const licence = requireLicence(participant, command.licenceId);
  const decision = licenceBookOn(ctx, participant, command.requestedAt).acts.transfer({
    licenceId: licence.licenceId,
    fromLearnerId: licence.learnerId,
    toLearnerId: command.toLearnerId,
  });
  throw new DomainError(
    'LICENCE_TRANSFER_NOT_RECORDED',
    422,
    `The ledger records no licence transfers (the rulebook allowed it under ${decision.ruleIds.join(', ')})`,
  );
}

/** A licence marked not-to-renew expires at the end of its term instead of renewing. */
export function decideMarkNotToRenew(
  command: MarkLicenceNotToRenew,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const { acts } = licenceBookOn(ctx, participant, command.requestedAt);
  const licence = requireLicence(participant, command.licenceId);
  const requestedOn = toLocalDate(command.requestedAt);
  if (licence.revokedOn !== null || licence.expiredOn !== null) {
    throw new DomainError('LICENCE_NOT_ACTIVE', 409, `Licence ${licence.licenceId} has already ended`);
  }
  if (licence.notToRenew) return [];
  if (compareDates(requestedOn, licence.expiresOn) >= 0)
    throw refused(acts.refusals.renewalAlreadyDue(licence.licenceId, licence.expiresOn), 409);
  return [
    {
      type: 'LicenceMarkedNotToRenew',
      data: {
        participantId: participant.participantId,
        licenceId: licence.licenceId,
        requestedAt: command.requestedAt,
        expiresOn: licence.expiresOn,
        ruleIds: [...acts.notToRenew.ruleIds],
        interpretationIds: [...acts.notToRenew.interpretationIds],
      },
    },
  ];
}

/** The participant ends its use of the licences: from when, and which stop renewing, the rulebook says. */
export function decideTerminateLmsUse(
  command: TerminateLmsUse,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const { acts } = licenceBookOn(ctx, participant, command.requestedAt);
  if (participant.membershipEndedOn !== null)
    throw refused(acts.refusals.membershipEnded(participant.participantId, participant.membershipEndedOn, false), 409);
  if (participant.lmsUseEndsOn !== null)
    throw refused(acts.refusals.useEnding(participant.participantId, participant.lmsUseEndsOn, false), 409);
  for (const licenceId of command.keepRenewingLicenceIds) requireLicence(participant, licenceId);
  const keep = new Set(command.keepRenewingLicenceIds);
  const ended = acts.endUse({
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
        effectiveEnd: ended.effectiveEnd,
        notRenewedLicenceIds: ended.notRenewedLicenceIds,
        renewingLicenceIds: ended.renewingLicenceIds,
        decision: ended.decision,
      },
    },
  ];
}

/** Leaving keeps licences valid until expiry, without renewal. */
export function decideEndMembership(
  command: EndMembership,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const { acts } = licenceBookOn(ctx, participant, command.endedAt);
  if (participant.membershipEndedOn !== null)
    throw refused(acts.refusals.membershipEnded(participant.participantId, participant.membershipEndedOn, false), 409);
  const ended = acts.endMembership({
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
        endedOn: ended.endedOn,
        notRenewedLicenceIds: ended.notRenewedLicenceIds,
        lastLicenceExpiresOn: ended.lastLicenceExpiresOn,
        decision: ended.decision,
      },
    },
  ];
}

/** Revoked at once on one of the rulebook's grounds; what stays due, the rulebook says. */
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
  const decision = licenceBookOn(ctx, participant, command.at).acts.revoke({
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
