/**
 * Acts on a running agreement that the seeds' later articles add to the enrolment acts
 * (docs/architecture.md, "Rulebooks as plug-ins"): the provider's own deliveries and their
 * deadlines, dissolution for non-payment, suspension for non-performance, a new date after
 * temporary force majeure and a changed number of participants. Like every act, a rulebook
 * implements each or declares it not covered; nothing here names a provider.
 */
import type { Instant, LocalDate } from '../calendar';
import type { Decision } from '../decision';
import { notCovered, type ActDetails, type ActOf } from './acts';
import type { DecidedAct, EnrolmentFacts, TakesDetails } from './enrolment';

// ---- deliveries the provider owes by a date ------------------------------------------------------

/**
 * Something the provider owes the customer by a date: a result, a certificate, course material.
 * `deliverable` is a label the rulebook chooses; an enrolment has at most one deadline per label.
 */
export interface DeliveryDeadline {
  deliverable: string;
  /** The last day the delivery is in time (inclusive). */
  dueBy: LocalDate;
  /** The decision that set the deadline (which rule, counted from what). */
  decision: Decision;
}

/** Where one deliverable stands, as the enrolment's state holds it. */
export interface DeliveryFacts {
  dueBy: LocalDate;
  deliveredAt: Instant | null;
  /** The deadline passed undelivered and that was recorded. */
  missed: boolean;
  /** The missed deadline gave the customer the right to dissolve. */
  dissolutionRight: boolean;
}

export interface DeliveryAct {
  /**
   * The labels recorded as delivered through RecordDelivery (another label is a 400). A deadline may
   * carry another label that its own act meets (e.g. `certificate`, met by issuing the certificate).
   */
  deliverables: readonly string[];
  /**
   * A delivery recorded: in time or late, what it charges (e.g. the rest of the price due on
   * delivery) and the deadline that follows it (e.g. a certificate after the written result).
   */
  deliver(
    facts: EnrolmentFacts,
    input: { deliverable: string; deliveredAt: Instant },
  ): DecidedAct & { next?: DeliveryDeadline };
  /** The deadline passed undelivered (or delivered late): recorded, with any right it gives. */
  missed(
    facts: EnrolmentFacts,
    input: { deliverable: string; checkedAt: Instant },
  ): { decision: Decision; dissolutionRight: boolean };
  /** The customer dissolves after a missed delivery that gave the right (refused when it did not). */
  dissolve(facts: EnrolmentFacts, input: { requestedAt: Instant }): DecidedAct;
}

// ---- dissolution for non-payment -----------------------------------------------------------------

export interface NonPaymentDissolutionAct {
  /**
   * The provider dissolves because the fee was not paid in time, charging for what it already
   * performed (`performedComponents`). Throws RuleViolation when nothing is overdue.
   */
  dissolve(facts: EnrolmentFacts, input: { requestedAt: Instant; performedComponents: readonly string[] }): DecidedAct;
}

// ---- suspension for non-performance --------------------------------------------------------------

export interface SuspensionAct extends TakesDetails {
  /**
   * The provider suspends its obligations because the customer does not perform (study, exams and
   * further activity are blocked meanwhile). Throws RuleViolation when there is no ground.
   */
  suspend(facts: EnrolmentFacts, input: { suspendedAt: Instant; details?: ActDetails }): DecidedAct;
  /** The suspension ends. */
  resume(facts: EnrolmentFacts, input: { resumedAt: Instant }): Decision;
}

// ---- a new date after temporary force majeure ----------------------------------------------------

export interface ForceMajeureNewDateAct {
  /**
   * Temporary force majeure prevents the dated part: it moves to `newStartsAt` at no cost (it is
   * not the learner's reschedule), or, without a new date yet, waits for one.
   */
  move(facts: EnrolmentFacts, input: { declaredAt: Instant; newStartsAt: Instant | null }): Decision;
}

// ---- number of participants of a group agreement -------------------------------------------------

export interface ParticipantCountChangeAct {
  /** The number of participants of the agreement changes; the price follows. */
  change(
    facts: EnrolmentFacts,
    input: { requestedAt: Instant; participants: number },
  ): DecidedAct & { fromParticipants: number };
}

/** The acts of this file, every one of which a rulebook implements or declares not covered. */
export interface AgreementActs {
  delivery: ActOf<DeliveryAct>;
  nonPaymentDissolution: ActOf<NonPaymentDissolutionAct>;
  suspension: ActOf<SuspensionAct>;
  forceMajeureNewDate: ActOf<ForceMajeureNewDateAct>;
  participantCountChange: ActOf<ParticipantCountChangeAct>;
}

/** A rulebook whose seed has none of these acts (or that models them later) declares so in one line. */
export function agreementActsNotCovered(rulebookName: string): AgreementActs {
  const none = (error: string, act: string) =>
    notCovered(error, undefined, `The ${rulebookName} rulebook has no rule for ${act}`);
  return {
    delivery: none('DELIVERY_NOT_COVERED', 'deliveries owed by a date'),
    nonPaymentDissolution: none('NON_PAYMENT_DISSOLUTION_NOT_COVERED', 'dissolution for non-payment'),
    suspension: none('SUSPENSION_NOT_COVERED', 'suspension for non-performance'),
    forceMajeureNewDate: none('FORCE_MAJEURE_NEW_DATE_NOT_COVERED', 'a new date after force majeure'),
    participantCountChange: none('PARTICIPANT_COUNT_CHANGE_NOT_COVERED', 'a changed number of participants'),
  };
}
