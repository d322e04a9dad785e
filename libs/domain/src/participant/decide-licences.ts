/**
 * Licence fees and tiers: registration (SPOT-1.2, 3.1-3.4, 4.1), the tier crossing (SPOT-4.2,
 * SPOT-I2), renewal (SPOT-I1), the expiry reminder (SPOT-6.1) and the re-evaluation at each
 * invoice date (SPOT-4.2). The rulebook decides; this module gathers its inputs from the state.
 */
import {
  compareDates,
  spotBillingYearOf,
  spotExpiryReminder,
  spotInvoiceDateEvaluation,
  spotLicenceRenewal,
  spotRegisterLicence,
  toLocalDate,
  type Decision,
} from '@ledger/regulations';
import type { InvoiceIssued } from '../billing';
import { DomainError, type DecideContext } from '../shared/decider';
import type { EvaluateTier, RegisterLicence, RemindLicenceExpiry, RenewLicence } from './commands';
import {
  amountOf,
  invoiceFor,
  MAX_LICENCES_PER_PARTICIPANT,
  requireParticipant,
  spotBookOn,
  withInvoice,
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
import {
  countActiveAtStartOf,
  countActiveOn,
  isActiveOn,
  liveLicences,
  type ParticipantState,
  type RegisteredParticipant,
} from './state';
import { tierInputsOn } from './tier';

function assertMayRegister(participant: RegisteredParticipant, command: RegisterLicence, registeredOn: string): void {
  const { participantId, licenceId, learnerId } = command;
  if (participant.licences[licenceId])
    throw new DomainError('LICENCE_ALREADY_EXISTS', 409, `Licence ${licenceId} is already registered`);
  if (!command.learner) throw new DomainError('LEARNER_NOT_FOUND', 404, `No learner ${learnerId}`);
  if (participant.membershipEndedOn !== null) {
    throw new DomainError(
      'PARTICIPANT_LEFT_SPOT',
      422,
      `Participant ${participantId} left SPOT on ${participant.membershipEndedOn}: no new licences`,
      'SPOT-6.4',
    );
  }
  if (participant.lmsUseEndsOn !== null) {
    throw new DomainError(
      'LMS_USE_ENDING',
      422,
      `Participant ${participantId} ends LMS use on ${participant.lmsUseEndsOn}: no new licences`,
      'SPOT-6.1',
    );
  }
  // The crossing is "the registration that makes active licences 100" (SPOT-I2): that needs the
  // registrations in business-time order, so a back-dated one cannot rewrite who crossed.
  if (participant.lastRegistrationOn !== null && compareDates(registeredOn, participant.lastRegistrationOn) < 0) {
    throw new DomainError(
      'REGISTRATION_OUT_OF_ORDER',
      422,
      `Registration on ${registeredOn} lies before the latest registration (${participant.lastRegistrationOn}); the tier crossing depends on their order`,
      'SPOT-4.2',
    );
  }
  const current = liveLicences(participant).find((l) => l.learnerId === learnerId && isActiveOn(l, registeredOn));
  if (current)
    throw new DomainError(
      'LEARNER_ALREADY_LICENSED',
      409,
      `Learner ${learnerId} already holds licence ${current.licenceId}`,
    );
  if (Object.keys(participant.licences).length >= MAX_LICENCES_PER_PARTICIPANT) {
    throw new DomainError(
      'LICENCE_LIMIT_REACHED',
      409,
      `A participant holds at most ${MAX_LICENCES_PER_PARTICIPANT} licences in this ledger`,
    );
  }
}

/** SPOT-3.4 / 4.1 registration; SPOT-4.2 crossing with its surcharge on a separate invoice. */
export function decideRegisterLicence(
  command: RegisterLicence,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const registeredOn = toLocalDate(command.registeredAt);
  assertMayRegister(participant, command, registeredOn);
  const book = spotBookOn(ctx, command.registeredAt);
  const licences = Object.values(participant.licences);
  const { fee, crossing } = spotRegisterLicence(book, {
    participantId: participant.participantId,
    licenceId: command.licenceId,
    learnerId: command.learnerId,
    learnerEmployerId: command.learner!.employerId, // SPOT-1.2 is checked by the rulebook
    registeredAt: command.registeredAt,
    invoiceDate: participant.invoiceDate,
    firstRegistrationOn: participant.firstRegistrationOn,
    activeLicencesBefore: countActiveOn(licences, registeredOn),
    ...tierInputsOn(participant, licences, registeredOn),
  });

  const events: ParticipantEvent[] = [];
  if (participant.invoiceAnchor === null) {
    const anchored: InvoiceDateAnchored = {
      type: 'InvoiceDateAnchored',
      data: {
        participantId: participant.participantId,
        invoiceDate: registeredOn,
        licenceId: command.licenceId,
        ruleIds: ['SPOT-4.2'],
        interpretationIds: ['SPOT-I2'],
      },
    };
    events.push(anchored);
  }
  const startsOn = fee.deadlines!['licenceStartsOn']!;
  const expiresOn = fee.deadlines!['licenceExpiresOn']!;
  const feeInvoice = invoiceFor(participant, participant.billing, book, {
    reason: 'licence-fee',
    kind: 'licence-fee',
    description: `SPOT LMS licence ${command.licenceId}, ${startsOn} to ${expiresOn}`,
    netCents: amountOf(fee, 'feeCents'),
    issuedOn: registeredOn,
    decision: fee,
  });
  const registered: LicenceRegistered = {
    type: 'LicenceRegistered',
    data: {
      participantId: participant.participantId,
      licenceId: command.licenceId,
      learnerId: command.learnerId,
      registeredAt: command.registeredAt,
      startsOn,
      expiresOn,
      invoiceId: feeInvoice.data.invoiceId,
      feeCents: feeInvoice.data.totalCents,
      decision: fee,
    },
  };
  events.push(registered, feeInvoice);
  if (crossing && !crossedInBillingYearOf(participant, registeredOn)) {
    events.push(
      ...crossingEvents(participant, withInvoice(participant.billing, feeInvoice), book, command.licenceId, crossing),
    );
  }
  return events;
}

/** One crossing decision per billing year: a repeated late crossing (99 -> 100 again) adds nothing new. */
function crossedInBillingYearOf(participant: RegisteredParticipant, on: string): boolean {
  if (participant.invoiceAnchor === null) return false;
  const { start } = spotBillingYearOf(participant.invoiceAnchor, on);
  return participant.crossingDates.some((d) => compareDates(d, start) >= 0 && compareDates(d, on) <= 0);
}

function crossingEvents(
  participant: RegisteredParticipant,
  billing: RegisteredParticipant['billing'],
  book: ReturnType<typeof spotBookOn>,
  licenceId: string,
  crossing: Decision,
): ParticipantEvent[] {
  const surchargeCents = amountOf(crossing, 'surchargeCents');
  const crossedOn = String(crossing.inputs['registeredOn']);
  const activeLicences = Number(crossing.inputs['activeLicencesAfter']);
  const surchargeInvoice: InvoiceIssued | null =
    surchargeCents > 0
      ? invoiceFor(participant, billing, book, {
          reason: 'tier-surcharge',
          kind: 'tier-surcharge',
          description: `SPOT LMS tier surcharge: ${activeLicences} active licences from ${crossedOn}`,
          netCents: surchargeCents,
          issuedOn: crossedOn,
          decision: crossing,
        })
      : null;
  const crossed: TierThresholdCrossed = {
    type: 'TierThresholdCrossed',
    data: {
      participantId: participant.participantId,
      licenceId,
      crossedOn,
      activeLicences,
      surchargeCents,
      surchargeInvoiceId: surchargeInvoice?.data.invoiceId ?? null,
      highRateFrom: crossing.deadlines!['highRateFrom']!,
      decision: crossing,
    },
  };
  return surchargeInvoice ? [crossed, surchargeInvoice] : [crossed];
}

/** SPOT-I1 (scheduled): renew at the term's end at the rate in force then, or expire when not to renew. */
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
  const book = spotBookOn(ctx, command.renewalOn);
  const termStartsOn = licence.terms[licence.terms.length - 1]!.startsOn;
  const decision = spotLicenceRenewal(book, {
    participantId: state.participantId,
    licenceId: licence.licenceId,
    termStartsOn,
    notToRenew: licence.notToRenew,
    invoiceDate: state.invoiceAnchor ?? licence.startsOn,
    ...tierInputsOn(state, Object.values(state.licences), command.renewalOn),
  });
  if (decision.allowed === false) {
    const expired: LicenceExpired = {
      type: 'LicenceExpired',
      data: {
        participantId: state.participantId,
        licenceId: licence.licenceId,
        expiredOn: command.renewalOn,
        decision,
      },
    };
    return [expired];
  }
  const expiresOn = decision.deadlines!['licenceExpiresOn']!;
  const invoice = invoiceFor(state, state.billing, book, {
    reason: 'licence-renewal',
    kind: 'licence-fee',
    description: `SPOT LMS licence ${licence.licenceId} renewal, ${command.renewalOn} to ${expiresOn}`,
    netCents: amountOf(decision, 'feeCents'),
    issuedOn: command.renewalOn,
    decision,
  });
  const renewed: LicenceRenewed = {
    type: 'LicenceRenewed',
    data: {
      participantId: state.participantId,
      licenceId: licence.licenceId,
      renewalOn: command.renewalOn,
      expiresOn,
      invoiceId: invoice.data.invoiceId,
      feeCents: invoice.data.totalCents,
      decision,
    },
  };
  return [renewed, invoice];
}

/** SPOT-6.1 (scheduled): the reminder 30 days before a term ends, once per term. */
export function decideRemindLicenceExpiry(
  command: RemindLicenceExpiry,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  if (state.status !== 'registered') return [];
  const licence = state.licences[command.licenceId];
  if (!licence || licence.revokedOn !== null || licence.expiredOn !== null) return [];
  if (licence.expiresOn !== command.expiresOn || licence.remindedForExpiry === command.expiresOn) return [];
  const decision = spotExpiryReminder(spotBookOn(ctx, command.expiresOn), {
    licenceId: licence.licenceId,
    expiresOn: command.expiresOn,
  });
  const reminder: LicenceExpiryReminderDue = {
    type: 'LicenceExpiryReminderDue',
    data: {
      participantId: state.participantId,
      licenceId: licence.licenceId,
      expiresOn: command.expiresOn,
      reminderOn: decision.deadlines!['reminderOn']!,
      renews: !licence.notToRenew,
      decision,
    },
  };
  return [reminder];
}

/** SPOT-4.2 (scheduled): at each invoice date the active licences set the tier for the year. */
export function decideEvaluateTier(
  command: EvaluateTier,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  if (state.status !== 'registered' || state.invoiceAnchor === null) return [];
  const { evaluatedOn } = command;
  if (spotBillingYearOf(state.invoiceAnchor, evaluatedOn).start !== evaluatedOn) return [];
  if (state.evaluations[evaluatedOn] !== undefined) return [];
  const activeLicences = countActiveAtStartOf(Object.values(state.licences), evaluatedOn);
  // A participant that has left or ended LMS use and holds no licence any more: the yearly chain stops.
  if ((state.membershipEndedOn !== null || state.lmsUseEndsOn !== null) && activeLicences === 0) return [];
  const decision = spotInvoiceDateEvaluation(spotBookOn(ctx, evaluatedOn), {
    participantId: state.participantId,
    invoiceDate: state.invoiceAnchor,
    evaluatedOn,
    activeLicences,
  });
  const evaluated: TierEvaluated = {
    type: 'TierEvaluated',
    data: {
      participantId: state.participantId,
      evaluatedOn,
      activeLicences,
      tier: decision.inputs['tier'] === 'high' ? 'high' : 'low',
      rateCents: Number(decision.inputs['rateCents']),
      nextInvoiceDate: decision.deadlines!['nextInvoiceDate']!,
      decision,
    },
  };
  return [evaluated];
}
