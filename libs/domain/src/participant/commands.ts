import type { LocalDate, RulebookId } from '@ledger/regulations';

export interface RegisterParticipant {
  type: 'RegisterParticipant';
  participantId: string;
  /** The rulebook the participant becomes a member under; it must offer licence acts. */
  rulebookId: RulebookId;
  name: string;
  invoiceDate: LocalDate | null;
  registeredAt: string;
}

export interface AppointCoordinator {
  type: 'AppointCoordinator';
  participantId: string;
  personId: string;
  location: string;
  appointedAt: string;
}

export interface RegisterLicence {
  type: 'RegisterLicence';
  participantId: string;
  licenceId: string;
  learnerId: string;
  /** The learner as registered (the rulebook may need its employer), loaded by the caller; null when unknown. */
  learner: { employerId: string | null } | null;
  registeredAt: string;
}

/** The rulebook decides; the ledger records no transfer, so the command exists for the refusal naming the rule. */
export interface TransferLicence {
  type: 'TransferLicence';
  participantId: string;
  licenceId: string;
  toLearnerId: string;
  requestedAt: string;
}

export interface MarkLicenceNotToRenew {
  type: 'MarkLicenceNotToRenew';
  participantId: string;
  licenceId: string;
  requestedAt: string;
}

export interface TerminateLmsUse {
  type: 'TerminateLmsUse';
  participantId: string;
  requestedAt: string;
  /** Licences the participant asks to keep renewing until the end (where the rulebook allows it). */
  keepRenewingLicenceIds: string[];
}

export interface EndMembership {
  type: 'EndMembership';
  participantId: string;
  endedAt: string;
}

export interface RevokeLicence {
  type: 'RevokeLicence';
  participantId: string;
  licenceId: string;
  at: string;
  /** One of the rulebook's revocation grounds. */
  reason: string;
}

/** Scheduled: renew on the term's end date, or let a not-to-renew licence expire. */
export interface RenewLicence {
  type: 'RenewLicence';
  participantId: string;
  licenceId: string;
  renewalOn: LocalDate;
}

/** Scheduled: the reminder before a licence term ends. */
export interface RemindLicenceExpiry {
  type: 'RemindLicenceExpiry';
  participantId: string;
  licenceId: string;
  expiresOn: LocalDate;
}

/** Scheduled: the tier re-evaluated at an invoice date. */
export interface EvaluateTier {
  type: 'EvaluateTier';
  participantId: string;
  evaluatedOn: LocalDate;
}

/** A charge for e-learning shared beyond the licence's standard offer (the rulebook's extra-contribution act). */
export interface ChargeExtraContribution {
  type: 'ChargeExtraContribution';
  participantId: string;
  /** The licence the contribution gives access for; null: for the participant as a whole. */
  licenceId: string | null;
  courseId: string;
  /** Who made the e-learning. */
  courseProvider: string;
  /** Net; the rulebook version's VAT rate applies. */
  contributionCents: number;
  chargedAt: string;
}

/** POST /payments routes a payment against one of the participant's invoices here. */
export interface RecordParticipantPayment {
  type: 'RecordPayment';
  participantId: string;
  paymentId: string;
  invoiceId: string;
  amountCents: number;
  receivedAt: string;
}

export type ParticipantCommand =
  | RegisterParticipant
  | AppointCoordinator
  | RegisterLicence
  | TransferLicence
  | MarkLicenceNotToRenew
  | TerminateLmsUse
  | EndMembership
  | RevokeLicence
  | RenewLicence
  | RemindLicenceExpiry
  | EvaluateTier
  | ChargeExtraContribution
  | RecordParticipantPayment;
