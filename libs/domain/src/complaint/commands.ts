import type { LocalDate, RulebookId } from '@ledger/regulations';
import type { ComplaintDeadline, ComplaintOutcome, ComplaintSubject } from './events';

/** Filed about an enrolment; the caller adds the enrolment's stream, customer and rulebook. */
export interface FileComplaint {
  type: 'FileComplaint';
  complaintId: string;
  enrolmentId: string;
  ownerStreamId: string;
  customerId: string;
  provider: RulebookId;
  subject: ComplaintSubject;
  filedAt: string;
  /** The incident complained about (a rulebook may count its window from it). */
  incidentOn: LocalDate | null;
  /** The (last) day of the course (a rulebook may count its window from it). */
  courseEndedOn: LocalDate | null;
}

export interface AnswerComplaint {
  type: 'AnswerComplaint';
  complaintId: string;
  answeredAt: string;
}

export interface DeclareComplaintWellFounded {
  type: 'DeclareComplaintWellFounded';
  complaintId: string;
  declaredAt: string;
}

export interface CloseComplaint {
  type: 'CloseComplaint';
  complaintId: string;
  closedAt: string;
  outcome: ComplaintOutcome;
}

/** Fired by the scheduler when a deadline's day is over; a no-op once the deadline was met. */
export interface FlagComplaintDeadline {
  type: 'FlagComplaintDeadline';
  complaintId: string;
  deadline: ComplaintDeadline;
}

export type ComplaintCommand =
  FileComplaint | AnswerComplaint | DeclareComplaintWellFounded | CloseComplaint | FlagComplaintDeadline;
