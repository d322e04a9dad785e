/**
 * SPOT's licence acts: registration (SPOT-1.2, 3.1-3.4, 4.1) with the tier crossing (SPOT-4.2,
 * SPOT-I2), renewal (SPOT-I1), the expiry reminder (SPOT-6.1), the evaluation at each invoice date
 * (SPOT-4.2), coordinators (SPOT-1.4), transfer (SPOT-3.5), revocation (SPOT-6.2, 6.3), ending LMS
 * use (SPOT-6.1) and leaving SPOT (SPOT-6.4). The decision functions decide; this adapter reads the
 * participant's history the way they need it (billing years of SPOT-I2).
 */
import { compareDates, toLocalDate, type LocalDate } from '../../../calendar';
import type { LicenceActs, TierFacts } from '../../../contract/licences';
import type { Decision } from '../../../decision';
import type { SpotRevocationReason } from '../data';
import { billingYearOf } from '../decisions/billing-year';
import type { SpotBook } from '../decisions/common';
import {
  spotExpiryReminder,
  spotInvoiceDateEvaluation,
  spotLicenceRenewal,
  spotRegisterLicence,
  spotTierState,
} from '../decisions/licences';
import {
  spotCoordinatorAppointment,
  spotLicenceTransfer,
  spotMembershipEnd,
  spotParticipantTermination,
  spotRevocation,
} from '../decisions/participant';
import { spotExtraContribution } from '../decisions/prices';

function latestOnOrBefore(dates: readonly LocalDate[], on: LocalDate): LocalDate | null {
  let latest: LocalDate | null = null;
  for (const date of dates)
    if (compareDates(date, on) <= 0 && (latest === null || compareDates(latest, date) < 0)) latest = date;
  return latest;
}

/**
 * SPOT-I2: the active licences at the invoice date that opened the billing year containing `on` —
 * the recorded evaluation when the scheduler has run, else the same count from the licences'
 * history (the scheduler may lag; the answer is the same) — and the last surcharge.
 */
function tierInputsOn(participant: TierFacts, on: LocalDate) {
  const lastSurchargeOn = latestOnOrBefore(participant.surchargeDates, on);
  if (participant.invoiceAnchor === null) return { activeLicencesAtBillingYearStart: 0, lastSurchargeOn };
  const { start } = billingYearOf(participant.invoiceAnchor, on);
  const recorded = participant.evaluations[start];
  return {
    activeLicencesAtBillingYearStart: recorded ?? participant.activeLicencesAtStartOf(start),
    lastSurchargeOn,
  };
}

function amountOf(decision: Decision, field: 'feeCents' | 'surchargeCents'): number {
  const value = decision[field];
  if (value === undefined) throw new Error(`SPOT ${decision.kind} decision without ${field}`);
  return value;
}

const dateIn = (decision: Decision, name: string): LocalDate => String(decision.deadlines![name]);

export function spotLmsLicenceActs(book: SpotBook): LicenceActs {
  return {
    invoicePaymentTermDays: book.data.invoicePaymentTermDays,
    revocationReasons: book.data.revocationReasons,
    notToRenew: { ruleIds: ['SPOT-4.1'], interpretationIds: ['SPOT-I1'] },
    refusals: {
      membershipEnded: (participantId, endedOn, forNewLicence) => ({
        error: 'PARTICIPANT_LEFT_SPOT',
        ruleId: 'SPOT-6.4',
        message: `Participant ${participantId} left SPOT on ${endedOn}${forNewLicence ? ': no new licences' : ''}`,
      }),
      useEnding: (participantId, endsOn, forNewLicence) => ({
        error: 'LMS_USE_ENDING',
        ruleId: 'SPOT-6.1',
        message: forNewLicence
          ? `Participant ${participantId} ends LMS use on ${endsOn}: no new licences`
          : `Participant ${participantId} already ends LMS use on ${endsOn}`,
      }),
      // The crossing is "the registration that makes active licences 100" (SPOT-I2): that needs the
      // registrations in business-time order, so a back-dated one cannot rewrite who crossed.
      registrationOutOfOrder: (registeredOn, lastRegistrationOn) => ({
        error: 'REGISTRATION_OUT_OF_ORDER',
        ruleId: 'SPOT-4.2',
        message: `Registration on ${registeredOn} lies before the latest registration (${lastRegistrationOn}); the tier crossing depends on their order`,
      }),
      renewalAlreadyDue: (licenceId, renewedOn) => ({
        error: 'RENEWAL_ALREADY_DUE',
        ruleId: 'SPOT-4.1',
        message: `Licence ${licenceId} renewed on ${renewedOn}; mark it before its next renewal`,
      }),
    },

    // SPOT-I2: without an agreed invoice date the first registration sets it.
    join: ({ invoiceDate, registeredAt }) => ({
      nextInvoiceDate: invoiceDate === null ? null : billingYearOf(invoiceDate, toLocalDate(registeredAt)).next,
    }),

    registerLicence: (participant, input) => {
      const registeredOn = toLocalDate(input.registeredAt);
      const { fee, crossing } = spotRegisterLicence(book, {
        participantId: participant.participantId,
        licenceId: input.licenceId,
        learnerId: input.learnerId,
        learnerEmployerId: input.learnerEmployerId, // SPOT-1.2 is checked by the decision
        registeredAt: input.registeredAt,
        invoiceDate: participant.invoiceDate,
        firstRegistrationOn: participant.firstRegistrationOn,
        activeLicencesBefore: participant.activeLicencesOn(registeredOn),
        ...tierInputsOn(participant, registeredOn),
      });
      const startsOn = dateIn(fee, 'licenceStartsOn');
      const expiresOn = dateIn(fee, 'licenceExpiresOn');
      // One crossing decision per billing year: a repeated late crossing (99 -> 100 again) adds nothing new.
      const crossedThisYear =
        participant.invoiceAnchor !== null &&
        participant.crossingDates.some(
          (d) =>
            compareDates(d, billingYearOf(participant.invoiceAnchor!, registeredOn).start) >= 0 &&
            compareDates(d, registeredOn) <= 0,
        );
      const crossedOn = crossing ? String(crossing.inputs['registeredOn']) : registeredOn;
      const activeLicences = crossing ? Number(crossing.inputs['activeLicencesAfter']) : 0;
      return {
        decision: fee,
        startsOn,
        expiresOn,
        fee: {
          netCents: amountOf(fee, 'feeCents'),
          description: `SPOT LMS licence ${input.licenceId}, ${startsOn} to ${expiresOn}`,
        },
        invoiceDateSet:
          participant.invoiceAnchor === null
            ? {
                invoiceDate: registeredOn,
                nextInvoiceDate: billingYearOf(registeredOn, registeredOn).next,
                ruleIds: ['SPOT-4.2'],
                interpretationIds: ['SPOT-I2'],
              }
            : null,
        tierCrossing:
          crossing && !crossedThisYear
            ? {
                decision: crossing,
                crossedOn,
                activeLicences,
                surcharge: {
                  netCents: amountOf(crossing, 'surchargeCents'),
                  description: `SPOT LMS tier surcharge: ${activeLicences} active licences from ${crossedOn}`,
                },
                highRateFrom: dateIn(crossing, 'highRateFrom'),
              }
            : null,
      };
    },

    renew: (participant, licence, renewalOn) => {
      const decision = spotLicenceRenewal(book, {
        participantId: participant.participantId,
        licenceId: licence.licenceId,
        termStartsOn: licence.termStartsOn,
        notToRenew: licence.notToRenew,
        invoiceDate: participant.invoiceAnchor ?? licence.startsOn,
        ...tierInputsOn(participant, renewalOn),
      });
      if (decision.allowed === false) return { renews: false, decision };
      const expiresOn = dateIn(decision, 'licenceExpiresOn');
      return {
        renews: true,
        decision,
        expiresOn,
        fee: {
          netCents: amountOf(decision, 'feeCents'),
          description: `SPOT LMS licence ${licence.licenceId} renewal, ${renewalOn} to ${expiresOn}`,
        },
      };
    },

    expiryReminder: (input) => {
      const decision = spotExpiryReminder(book, input);
      return { decision, reminderOn: dateIn(decision, 'reminderOn') };
    },

    evaluateTier: (participant, on) => {
      const anchor = participant.invoiceAnchor;
      if (anchor === null || billingYearOf(anchor, on).start !== on) return null;
      const activeLicences = participant.activeLicencesAtStartOf(on);
      const decision = spotInvoiceDateEvaluation(book, {
        participantId: participant.participantId,
        invoiceDate: anchor,
        evaluatedOn: on,
        activeLicences,
      });
      return {
        decision,
        activeLicences,
        tier: decision.inputs['tier'] === 'high' ? 'high' : 'low',
        rateCents: Number(decision.inputs['rateCents']),
        nextInvoiceDate: dateIn(decision, 'nextInvoiceDate'),
      };
    },

    tierOn: (participant, on) => {
      const { lowRateCents, highRateCents } = book.data.prices;
      const anchor = participant.invoiceAnchor;
      if (anchor === null) return { tier: 'low', rateCents: lowRateCents, invoiceDate: null, nextInvoiceDate: null };
      const inputs = tierInputsOn(participant, on);
      const state = spotTierState(book, anchor, on, inputs.activeLicencesAtBillingYearStart, inputs.lastSurchargeOn);
      return {
        tier: state.tier,
        rateCents: state.tier === 'high' ? highRateCents : lowRateCents,
        invoiceDate: anchor,
        nextInvoiceDate: state.billingYear.next,
      };
    },

    appointCoordinator: (input) => {
      const decision = spotCoordinatorAppointment(book, input);
      return { decision, alreadyAppointed: decision.inputs['alreadyAppointed'] === true };
    },

    // SPOT-3.5: licences are personal; the decision refuses every transfer (422).
    transfer: (input) => spotLicenceTransfer(book, input),

    revoke: (input) => spotRevocation(book, { ...input, reason: input.reason as SpotRevocationReason }),

    endUse: (input) => {
      const decision = spotParticipantTermination(book, input);
      return {
        decision,
        effectiveEnd: dateIn(decision, 'effectiveEnd'),
        notRenewedLicenceIds: decision.inputs['notRenewedLicenceIds'] as string[],
        renewingLicenceIds: decision.inputs['renewingLicenceIds'] as string[],
      };
    },

    // SPOT-2.2: e-learning beyond the standard offer, possibly for an extra contribution.
    extraContribution: {
      charge: (participant, input) => {
        const decision = spotExtraContribution(book, { participantId: participant.participantId, ...input });
        return {
          decision,
          charge: {
            netCents: amountOf(decision, 'feeCents'),
            description: `SPOT LMS extra contribution: ${input.courseProvider} e-learning ${input.courseId}${
              input.licenceId ? ` (licence ${input.licenceId})` : ''
            }`,
          },
        };
      },
    },

    endMembership: (input) => {
      const decision = spotMembershipEnd(book, input);
      return {
        decision,
        endedOn: dateIn(decision, 'membershipEndedOn'),
        notRenewedLicenceIds: decision.inputs['notRenewedLicenceIds'] as string[],
        lastLicenceExpiresOn: dateIn(decision, 'lastLicenceExpiresOn'),
      };
    },
  };
}
