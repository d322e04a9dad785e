/** Commands of the acts on a running agreement (agreement-events.ts). */
import type { ActDetails } from '@ledger/regulations';

interface Of<T extends string> {
  type: T;
  enrolmentId: string;
}

/** The provider delivered something it owed (a result, course material, ...). */
export interface RecordDelivery extends Of<'RecordDelivery'> {
  deliverable: string;
  deliveredAt: string;
}

/** Fired by the scheduler the day after a delivery's last day. */
export interface CheckDeliveryDeadline extends Of<'CheckDeliveryDeadline'> {
  deliverable: string;
  at: string;
  deadlineId: string;
}

/** The customer dissolves after a missed delivery that gave the right. */
export interface DissolveForLateDelivery extends Of<'DissolveForLateDelivery'> {
  requestedAt: string;
}

/** The provider dissolves for non-payment, charging what it already performed. */
export interface DissolveForNonPayment extends Of<'DissolveForNonPayment'> {
  requestedAt: string;
  performedComponents: string[];
}

export interface SuspendEnrolment extends Of<'SuspendEnrolment'> {
  suspendedAt: string;
  details?: ActDetails;
}

export interface ResumeEnrolment extends Of<'ResumeEnrolment'> {
  resumedAt: string;
}

/** Temporary force majeure: a new date (or none yet) for the dated part. */
export interface MoveDateForForceMajeure extends Of<'MoveDateForForceMajeure'> {
  declaredAt: string;
  newStartsAt?: string;
}

export interface ChangeParticipantCount extends Of<'ChangeParticipantCount'> {
  requestedAt: string;
  participants: number;
}

export type AgreementCommand =
  | RecordDelivery
  | CheckDeliveryDeadline
  | DissolveForLateDelivery
  | DissolveForNonPayment
  | SuspendEnrolment
  | ResumeEnrolment
  | MoveDateForForceMajeure
  | ChangeParticipantCount;
