/**
 * Events of acts on a running agreement (libs/regulations/src/contract/agreement-acts.ts): an
 * agreed payment schedule, what the provider owes by a date and its delivery, dissolution for
 * late delivery or non-payment, suspension, a new date after temporary force majeure and a changed
 * number of participants. Each carries exactly one decision of the rulebook.
 */
import type { Decision } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';

type WithDecision<T> = T & { enrolmentId: string; decision: Decision };

/** Instalments agreed: the invoices of the later instalments follow, citing this decision. */
export type PaymentScheduleDecided = DomainEvent<'PaymentScheduleDecided', WithDecision<{ instalments: number }>>;
/** The provider owes something (a result, a certificate, course material) by a date. */
export type DeliveryDeadlineSet = DomainEvent<
  'DeliveryDeadlineSet',
  WithDecision<{ deliverable: string; dueBy: string }>
>;
/** The provider delivered; in time or late. */
export type DeliveryRecorded = DomainEvent<
  'DeliveryRecorded',
  WithDecision<{ deliverable: string; deliveredAt: string; dueBy: string | null; inTime: boolean }>
>;
/** The deadline passed undelivered (or the delivery came late): fired by the scheduler. */
export type DeliveryDeadlineMissed = DomainEvent<
  'DeliveryDeadlineMissed',
  WithDecision<{
    deliverable: string;
    dueBy: string;
    deliveredAt: string | null;
    deadlineId: string;
    /** The customer may now dissolve the agreement. */
    dissolutionRight: boolean;
  }>
>;
/** The customer dissolved after a missed delivery that gave the right. */
export type EnrolmentDissolvedForLateDelivery = DomainEvent<
  'EnrolmentDissolvedForLateDelivery',
  WithDecision<{ requestedAt: string; deliverable: string }>
>;
/** The provider dissolved because the fee was not paid in time; what was performed stays charged. */
export type EnrolmentDissolvedForNonPayment = DomainEvent<
  'EnrolmentDissolvedForNonPayment',
  WithDecision<{ requestedAt: string; performedComponents: string[] }>
>;
/** The provider suspended its obligations (the customer does not perform). */
export type EnrolmentSuspended = DomainEvent<'EnrolmentSuspended', WithDecision<{ suspendedAt: string }>>;
export type EnrolmentResumed = DomainEvent<'EnrolmentResumed', WithDecision<{ resumedAt: string }>>;
/** Temporary force majeure: the dated part moves at no cost, or waits for a new date. */
export type DateMovedForForceMajeure = DomainEvent<
  'DateMovedForForceMajeure',
  WithDecision<{
    declaredAt: string;
    fromStartsAt: string | null;
    /** null: no new date yet (one must be set before the booking goes on). */
    toStartsAt: string | null;
  }>
>;
/** The number of participants of a group agreement changed; the price follows. */
export type ParticipantCountChanged = DomainEvent<
  'ParticipantCountChanged',
  WithDecision<{ requestedAt: string; fromParticipants: number; toParticipants: number }>
>;

export type AgreementEvent =
  | PaymentScheduleDecided
  | DeliveryDeadlineSet
  | DeliveryRecorded
  | DeliveryDeadlineMissed
  | EnrolmentDissolvedForLateDelivery
  | EnrolmentDissolvedForNonPayment
  | EnrolmentSuspended
  | EnrolmentResumed
  | DateMovedForForceMajeure
  | ParticipantCountChanged;
