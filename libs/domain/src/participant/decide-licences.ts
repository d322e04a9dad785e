/**
 * Licence fees and tiers: registration with its fee, the tier crossing with its surcharge, renewal,
 * the expiry reminder and the tier evaluation at each invoice date. The participant's rulebook
 * decides (its licence acts); this module checks the aggregate's own invariants, gathers the facts
 * from the state and records what the act decided.
 */
import { compareDates, toLocalDate } from '@ledger/regulations';
import type { InvoiceIssued } from '../billing';
import { DomainError, type DecideContext } from '../shared/decider';
import type { EvaluateTier, RegisterLicence, RemindLicenceExpiry, RenewLicence } from './commands';
import {
  invoiceFor,
  licenceBookOn,
  MAX_LICENCES_PER_PARTICIPANT,
  participantFactsOf,
  refused,
  requireParticipant,
  withInvoice,
  type LicenceBook,
} from './decide-support';
import type {
  InvoiceDateAnchored,
  LicenceExpired,
  LicenceExpiryReminderDue,
  LicenceRegistered,
  LicenceRenewed,
  ParticipantEvent,
  TierEvaluated,
  TierThresholdCrossed,
} from './events';
import { activeLicenceOfLearner, type ParticipantState, type RegisteredParticipant } from './state';

function assertMayRegister(
  participant: RegisteredParticipant,
  book: LicenceBook,
  command: RegisterLicence,
  registeredOn: string,
): void {
  const { participantId, licenceId, learnerId } = command;
  const { refusals } = book.acts;
  if (participant.licences[licenceId])
    throw new DomainError('LICENCE_ALREADY_EXISTS', 409, `Licence ${licenceId} is already registered`);
  if (!command.learner) throw new DomainError('LEARNER_NOT_FOUND', 404, `No learner ${learnerId}`);
  if (participant.membershipEndedOn !== null)
    throw refused(refusals.membershipEnded(participantId, participant.membershipEndedOn, true), 422);
  if (participant.lmsUseEndsOn !== null)
    throw refused(refusals.useEnding(participantId, participant.lmsUseEndsOn, true), 422);
  if (participant.lastRegistrationOn !== null && compareDates(registeredOn, participant.lastRegistrationOn) < 0)
    throw refused(refusals.registrationOutOfOrder(registeredOn, participant.lastRegistrationOn), 422);
  const current = activeLicenceOfLearner(participant, learnerId, registeredOn);
  if (current)
    throw new DomainError(
      'LEARNER_ALREADY_LICENSED',
      409,
      `Learner ${learnerId} already holds licence ${current.licenceId}`,
    );
  if (participant.licenceCount >= MAX_LICENCES_PER_PARTICIPANT) {
    throw new DomainError(
      'LICENCE_LIMIT_REACHED',
      409,
      `A participant holds at most ${MAX_LICENCES_PER_PARTICIPANT} licences in this ledger`,
    );
  }
}

/** Registration: the licence and its fee invoice; a tier crossing with its surcharge on a separate invoice. */
export function decideRegisterLicence(
  command: RegisterLicence,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const registeredOn = toLocalDate(command.registeredAt);
  const book = licenceBookOn(ctx, participant, command.registeredAt);
  assertMayRegister(participant, book, command, registeredOn);
  const registration = book.acts.registerLicence(participantFactsOf(participant), {
    licenceId: command.licenceId,
    learnerId: command.learnerId,
    learnerEmployerId: command.learner!.employerId,
    registeredAt: command.registeredAt,
  });

  const events: ParticipantEvent[] = [];
  if (registration.invoiceDateSet) {
    const anchored: InvoiceDateAnchored = {
      type: 'InvoiceDateAnchored',
      data: {
        participantId: participant.participantId,
        invoiceDate: registration.invoiceDateSet.invoiceDate,
        nextInvoiceDate: registration.invoiceDateSet.nextInvoiceDate,
        licenceId: command.licenceId,
        ruleIds: registration.invoiceDateSet.ruleIds,
        interpretationIds: registration.invoiceDateSet.interpretationIds,
      },
    };
    events.push(anchored);
  }
  const feeInvoice = invoiceFor(participant, participant.billing, book, {
    ...registration.fee,
    reason: 'licence-fee',
    kind: 'licence-fee',
    issuedOn: registeredOn,
    decision: registration.decision,
  });
  const registered: LicenceRegistered = {
    type: 'LicenceRegistered',
    data: {
      participantId: participant.participantId,
      licenceId: command.licenceId,
      learnerId: command.learnerId,
      registeredAt: command.registeredAt,
      startsOn: registration.startsOn,
      expiresOn: registration.expiresOn,
      invoiceId: feeInvoice.data.invoiceId,
      feeCents: feeInvoice.data.totalCents,
      decision: registration.decision,
    },
  };
  events.push(registered, feeInvoice);
  const crossing = registration.tierCrossing;
  if (crossing) {
    const surchargeInvoice: InvoiceIssued | null =
      crossing.surcharge.netCents > 0
        ? invoiceFor(participant, withInvoice(participant.billing, feeInvoice), book, {
            ...crossing.surcharge,
            reason: 'tier-surcharge',
            kind: 'tier-surcharge',
            issuedOn: crossing.crossedOn,
            decision: crossing.decision,
          })
        : null;
    const crossed: TierThresholdCrossed = {
      type: 'TierThresholdCrossed',
      data: {
        participantId: participant.participantId,
        licenceId: command.licenceId,
        crossedOn: crossing.crossedOn,
        activeLicences: crossing.activeLicences,
        surchargeCents: crossing.surcharge.netCents,
        surchargeInvoiceId: surchargeInvoice?.data.invoiceId ?? null,
        highRateFrom: crossing.highRateFrom,
        decision: crossing.decision,
      },
    };
    events.push(crossed, ...(surchargeInvoice ? [surchargeInvoice] : []));
  }
  return events;
}

/** Scheduled: renew at the term's end at the rate in force then, or expire when not to renew. */
export function decideRenewLicence(
  command: RenewLicence,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  if (state.status !== 'registered') return [];
  const licence = state.licences[command.licenceId];
  // Moot when revoked, already expired, or already renewed past this date (firing twice changes nothing).
  if (!licence || licence.revokedOn !== null || licence.expiredOn !== null || licence.expiresOn !== command.renewalOn)
    return [];
  const book = licenceBookOn(ctx, state, command.renewalOn);
  const renewal = book.acts.renew(
    participantFactsOf(state),
    {
      licenceId: licence.licenceId,
      startsOn: licence.startsOn,
      termStartsOn: licence.terms[licence.terms.length - 1]!.startsOn,
      notToRenew: licence.notToRenew,
    },
    command.renewalOn,
  );
  if (!renewal.renews) {
    const expired: LicenceExpired = {
      type: 'LicenceExpired',
      data: {
        participantId: state.participantId,
        licenceId: licence.licenceId,
        expiredOn: command.renewalOn,
        decision: renewal.decision,
      },
    };
    return [expired];
  }
  const invoice = invoiceFor(state, state.billing, book, {
    ...renewal.fee,
    reason: 'licence-renewal',
    kind: 'licence-fee',
    issuedOn: command.renewalOn,
    decision: renewal.decision,
  });
  const renewed: LicenceRenewed = {
    type: 'LicenceRenewed',
    data: {
      participantId: state.participantId,
      licenceId: licence.licenceId,
      renewalOn: command.renewalOn,
      expiresOn: renewal.expiresOn,
      invoiceId: invoice.data.invoiceId,
      feeCents: invoice.data.totalCents,
      decision: renewal.decision,
    },
  };
  return [renewed, invoice];
}

/** Scheduled: the reminder before a term ends, once per term. */
export function decideRemindLicenceExpiry(
  command: RemindLicenceExpiry,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  if (state.status !== 'registered') return [];
  const licence = state.licences[command.licenceId];
  if (!licence || licence.revokedOn !== null || licence.expiredOn !== null) return [];
  if (licence.expiresOn !== command.expiresOn || licence.remindedForExpiry === command.expiresOn) return [];
  const { decision, reminderOn } = licenceBookOn(ctx, state, command.expiresOn).acts.expiryReminder({
    licenceId: licence.licenceId,
    expiresOn: command.expiresOn,
  });
  const reminder: LicenceExpiryReminderDue = {
    type: 'LicenceExpiryReminderDue',
    data: {
      participantId: state.participantId,
      licenceId: licence.licenceId,
      expiresOn: command.expiresOn,
      reminderOn,
      renews: !licence.notToRenew,
      decision,
    },
  };
  return [reminder];
}

/** Scheduled: at each invoice date the active licences set the tier for the coming period. */
export function decideEvaluateTier(
  command: EvaluateTier,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  if (state.status !== 'registered' || state.invoiceAnchor === null) return [];
  const { evaluatedOn } = command;
  if (state.evaluations[evaluatedOn] !== undefined) return [];
  const evaluation = licenceBookOn(ctx, state, evaluatedOn).acts.evaluateTier(participantFactsOf(state), evaluatedOn);
  if (evaluation === null) return [];
  // A participant that has left or ended its use and holds no licence any more: the chain of evaluations stops.
  if ((state.membershipEndedOn !== null || state.lmsUseEndsOn !== null) && evaluation.activeLicences === 0) return [];
  const evaluated: TierEvaluated = {
    type: 'TierEvaluated',
    data: {
      participantId: state.participantId,
      evaluatedOn,
      activeLicences: evaluation.activeLicences,
      tier: evaluation.tier,
      rateCents: evaluation.rateCents,
      nextInvoiceDate: evaluation.nextInvoiceDate,
      decision: evaluation.decision,
    },
  };
  return [evaluated];
}
