/**
 * An extra contribution for e-learning shared beyond the licence's standard offer: the participant's
 * rulebook decides whether and what it charges (its extra-contribution act); the aggregate checks
 * the licence it is for and invoices the charge on an invoice of its own.
 */
import { isNotCovered, toLocalDate } from '@ledger/regulations';
import { DomainError, type DecideContext } from '../shared/decider';
import type { ChargeExtraContribution } from './commands';
import { invoiceFor, licenceBookOn, participantFactsOf, requireLicence, requireParticipant } from './decide-support';
import type { ExtraContributionCharged, ParticipantEvent } from './events';
import { isActiveOn, type ParticipantState } from './state';

export function decideExtraContribution(
  command: ChargeExtraContribution,
  state: ParticipantState,
  ctx: DecideContext,
): ParticipantEvent[] {
  const participant = requireParticipant(state, command.participantId);
  const book = licenceBookOn(ctx, participant, command.chargedAt);
  const act = book.acts.extraContribution;
  if (isNotCovered(act)) throw new DomainError(act.error, 422, act.message, act.ruleId);
  const chargedOn = toLocalDate(command.chargedAt);
  if (command.licenceId !== null) {
    // The contribution gives a learner access through the licence, so the licence must run that day.
    const licence = requireLicence(participant, command.licenceId);
    if (!isActiveOn(licence, chargedOn))
      throw new DomainError('LICENCE_NOT_ACTIVE', 409, `Licence ${licence.licenceId} is not active on ${chargedOn}`);
  }
  const { decision, charge } = act.charge(participantFactsOf(participant), {
    licenceId: command.licenceId,
    courseId: command.courseId,
    courseProvider: command.courseProvider,
    contributionCents: command.contributionCents,
    chargedAt: command.chargedAt,
  });
  const invoice = invoiceFor(participant, participant.billing, book, {
    ...charge,
    reason: 'extra-contribution',
    kind: 'extra-contribution',
    issuedOn: chargedOn,
    decision,
  });
  const charged: ExtraContributionCharged = {
    type: 'ExtraContributionCharged',
    data: {
      participantId: participant.participantId,
      licenceId: command.licenceId,
      courseId: command.courseId,
      courseProvider: command.courseProvider,
      chargedAt: command.chargedAt,
      chargedOn,
      invoiceId: invoice.data.invoiceId,
      contributionCents: charge.netCents,
      decision,
    },
  };
  return [charged, invoice];
}
