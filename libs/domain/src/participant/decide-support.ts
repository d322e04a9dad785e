/** What every participant decision needs: the participant, a licence, the SPOT rulebook version, invoices. */
import { addDays, type Decision, type LocalDate, type SpotBook } from '@ledger/regulations';
import {
  evolveBilling,
  issueInvoice,
  nextInvoiceId,
  type BillingParty,
  type BillingState,
  type InvoiceIssued,
  type InvoiceReason,
} from '../billing';
import { DomainError, type DecideContext } from '../shared/decider';
import { participantStreamId } from './events';
import type { LicenceRecord, ParticipantState, RegisteredParticipant } from './state';

/**
 * The seed sets no payment term for licence invoices; 30 days is the statutory term between
 * businesses when none is agreed (art. 6:119a lid 2 BW), and every participant is an organisation.
 */
export const LICENCE_INVOICE_PAYMENT_TERM_DAYS = 30;

/**
 * Upper bound on the licences one participant holds: the stream is folded for every command, so
 * it must stay small enough to read quickly. Far above any SPOT member's staff.
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

/** SPOT-3.3: the version of the spot-lms rulebook in force on the act's business date. */
export function spotBookOn(ctx: DecideContext, businessTime: string): SpotBook {
  const version = ctx.rulebooks.rulebookFor('spot-lms', businessTime);
  return version as unknown as SpotBook;
}

export function billingPartyOf(participant: RegisteredParticipant): BillingParty {
  return {
    customerId: participant.participantId,
    provider: 'spot-lms',
    ownerStreamId: participantStreamId(participant.participantId),
    participantId: participant.participantId,
  };
}

/** A one-line invoice for an amount a SPOT decision set, with the version's VAT (SPOT-3.2). */
export function invoiceFor(
  participant: RegisteredParticipant,
  billing: BillingState,
  book: SpotBook,
  charge: {
    reason: InvoiceReason;
    kind: string;
    description: string;
    netCents: number;
    issuedOn: LocalDate;
    decision: Decision;
  },
): InvoiceIssued {
  return issueInvoice(billingPartyOf(participant), {
    // Invoice ids are global (the invoice directory routes payments by them): prefix with the stream id.
    invoiceId: nextInvoiceId(participantStreamId(participant.participantId), billing),
    reason: charge.reason,
    issuedOn: charge.issuedOn,
    dueDate: addDays(charge.issuedOn, LICENCE_INVOICE_PAYMENT_TERM_DAYS),
    lines: [{ description: charge.description, kind: charge.kind, netCents: charge.netCents }],
    vatRateBasisPoints: book.vatRateBasisPoints,
    ruleIds: charge.decision.ruleIds,
  });
}

/** Billing state after an invoice of the same decision, so the next invoice gets the next id. */
export const withInvoice = (billing: BillingState, invoice: InvoiceIssued): BillingState =>
  evolveBilling(billing, invoice);

export function amountOf(decision: Decision, field: 'feeCents' | 'surchargeCents'): number {
  const value = decision[field];
  if (value === undefined) throw new Error(`SPOT ${decision.kind} decision without ${field}`);
  return value;
}
