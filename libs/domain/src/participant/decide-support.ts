/** What every participant decision needs: the participant, a licence, its rulebook's licence acts, invoices. */
import {
  addDays,
  type Decision,
  type LicenceActs,
  type LicenceCharge,
  type LocalDate,
  type ParticipantFacts,
  type Refusal,
  type RulebookId,
  type RulebookRegistry,
} from '@ledger/regulations';
import {
  evolveBilling,
  issueInvoice,
  nextInvoiceId,
  type BillingParty,
  type BillingState,
  type InvoiceIssued,
  type InvoiceReason,
} from '../billing';
import { DomainError, type DecideContext, type DomainErrorStatus } from '../shared/decider';
import { participantStreamId } from './events';
import {
  countActiveAtStartOf,
  countActiveOn,
  type LicenceRecord,
  type ParticipantState,
  type RegisteredParticipant,
} from './state';

/**
 * Upper bound on the licences one participant holds: the stream is folded for every command, so
 * it must stay small enough to read quickly. Far above any member organisation's staff.
 */
export const MAX_LICENCES_PER_PARTICIPANT = 5_000;

export function requireParticipant(state: ParticipantState, participantId: string): RegisteredParticipant {
  if (state.status !== 'registered')
    throw new DomainError('PARTICIPANT_NOT_FOUND', 404, `No participant ${participantId}`);
  return state;
}

export function requireLicence(participant: RegisteredParticipant, licenceId: string): LicenceRecord {
  const licence = participant.licences[licenceId];
  if (!licence)
    throw new DomainError(
      'LICENCE_NOT_FOUND',
      404,
      `Participant ${participant.participantId} has no licence ${licenceId}`,
    );
  return licence;
}

/** The licence acts of a rulebook version and the VAT rate its invoices carry. */
export interface LicenceBook {
  acts: LicenceActs;
  vatRateBasisPoints: number;
}

/** The version of the rulebook in force on the act's business date, with its licence acts (422 without). */
export function licenceBookOf(rulebooks: RulebookRegistry, rulebookId: RulebookId, businessTime: string): LicenceBook {
  const version = rulebooks.rulebookFor(rulebookId, businessTime);
  const acts = version.acts.licences;
  if (!acts)
    throw new DomainError(
      'RULEBOOK_WITHOUT_LICENCES',
      422,
      `Rulebook ${rulebookId}@${version.version} decides no licences (in force on ${businessTime})`,
    );
  return { acts, vatRateBasisPoints: version.vatRateBasisPoints };
}

export const licenceBookOn = (ctx: DecideContext, participant: RegisteredParticipant, businessTime: string) =>
  licenceBookOf(ctx.rulebooks, participant.rulebookId, businessTime);

/** A refusal worded by the rulebook, with the status the aggregate's context calls for. */
export const refused = (refusal: Refusal, status: DomainErrorStatus): DomainError =>
  new DomainError(refusal.error, status, refusal.message, refusal.ruleId);

/** The participant's history as the licence acts read it. */
export function participantFactsOf(participant: RegisteredParticipant): ParticipantFacts {
  return {
    participantId: participant.participantId,
    invoiceDate: participant.invoiceDate,
    invoiceAnchor: participant.invoiceAnchor,
    firstRegistrationOn: participant.firstRegistrationOn,
    evaluations: participant.evaluations,
    crossingDates: participant.crossingDates,
    surchargeDates: participant.surchargeDates,
    activeLicencesOn: (day) => countActiveOn(participant, day),
    activeLicencesAtStartOf: (day) => countActiveAtStartOf(participant, day),
  };
}

export function billingPartyOf(participant: RegisteredParticipant): BillingParty {
  return {
    customerId: participant.participantId,
    provider: participant.rulebookId,
    ownerStreamId: participantStreamId(participant.participantId),
    participantId: participant.participantId,
  };
}

/** A one-line invoice for a charge a licence act named, due after the rulebook's term, with the version's VAT. */
export function invoiceFor(
  participant: RegisteredParticipant,
  billing: BillingState,
  book: LicenceBook,
  charge: LicenceCharge & { reason: InvoiceReason; kind: string; issuedOn: LocalDate; decision: Decision },
): InvoiceIssued {
  return issueInvoice(billingPartyOf(participant), {
    // Invoice ids are global (the invoice directory routes payments by them): prefix with the stream id.
    invoiceId: nextInvoiceId(participantStreamId(participant.participantId), billing),
    reason: charge.reason,
    issuedOn: charge.issuedOn,
    dueDate: addDays(charge.issuedOn, book.acts.invoicePaymentTermDays),
    lines: [{ description: charge.description, kind: charge.kind, netCents: charge.netCents }],
    vatRateBasisPoints: book.vatRateBasisPoints,
    ruleIds: charge.decision.ruleIds,
  });
}

/** Billing state after an invoice of the same decision, so the next invoice gets the next id. */
export const withInvoice = (billing: BillingState, invoice: InvoiceIssued): BillingState =>
  evolveBilling(billing, invoice);
