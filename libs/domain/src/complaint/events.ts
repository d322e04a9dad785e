/**
 * Complaints and disputes about an enrolment. One stream per complaint (`complaint-<id>`). Filing
 * records the rulebook's complaint decision: the deadlines the provider must meet (an answer, an
 * acknowledgement, an investigation) and, where the rulebook says so, the suspension of statutory
 * interest and collection costs that closing ends. Complaints carry no personal data: the complaint
 * text stays in the provider's mailbox.
 */
import {
  COMPLAINT_DEADLINES,
  type ComplaintDeadline,
  type Decision,
  type LocalDate,
  type RulebookId,
} from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';

export const COMPLAINT_STREAM_PREFIX = 'complaint-';
export const complaintStreamId = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;

export const COMPLAINT_SUBJECTS = ['course', 'exam', 'invoice', 'conduct', 'other'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];
export const COMPLAINT_OUTCOMES = ['upheld', 'partly-upheld', 'rejected', 'withdrawn', 'settled'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Deadlines the provider must meet; the first two are met by answering, the last by closing. */
export { COMPLAINT_DEADLINES, type ComplaintDeadline };

export type ComplaintFiled = DomainEvent<
  'ComplaintFiled',
  {
    complaintId: string;
    enrolmentId: string;
    /** The enrolment's stream: a suspension of charges covers its invoices (`FIN.complaintScope`). */
    ownerStreamId: string;
    customerId: string;
    provider: RulebookId;
    subject: ComplaintSubject;
    filedAt: string;
    filedOn: LocalDate;
    incidentOn: LocalDate | null;
    courseEndedOn: LocalDate | null;
    /** Deadlines set by the decision (answerDueBy, acknowledgementDue, complaintWindowEndsOn, filingDeadline). */
    deadlines: Record<string, LocalDate>;
    /** Interest and collection costs suspended from `suspendedFrom` while the complaint runs. */
    suspendsCharges: boolean;
    suspendedFrom: LocalDate | null;
    ruleIds: string[];
    interpretationIds: string[];
    decision: Decision | null;
  }
>;

export type ComplaintAnswered = DomainEvent<
  'ComplaintAnswered',
  {
    complaintId: string;
    answeredAt: string;
    answeredOn: LocalDate;
    deadline: ComplaintDeadline | null;
    dueOn: LocalDate | null;
    inTime: boolean | null;
    ruleIds: string[];
  }
>;

/** Declared well-founded: the rulebook sets the investigation deadline. */
export type ComplaintDeclaredWellFounded = DomainEvent<
  'ComplaintDeclaredWellFounded',
  { complaintId: string; declaredAt: string; declaredOn: LocalDate; investigationDue: LocalDate; decision: Decision }
>;

export type ComplaintClosed = DomainEvent<
  'ComplaintClosed',
  {
    complaintId: string;
    closedAt: string;
    closedOn: LocalDate;
    outcome: ComplaintOutcome;
    /** First day charging resumes (the day after closing); null when nothing was suspended. */
    suspendedUntil: LocalDate | null;
    ruleIds: string[];
    decision: Decision | null;
  }
>;

/** A deadline passed without the provider meeting it (fired by the scheduler). */
export type ComplaintDeadlineMissed = DomainEvent<
  'ComplaintDeadlineMissed',
  { complaintId: string; deadline: ComplaintDeadline; dueOn: LocalDate; ruleIds: string[] }
>;

export type ComplaintEvent =
  ComplaintFiled | ComplaintAnswered | ComplaintDeclaredWellFounded | ComplaintClosed | ComplaintDeadlineMissed;
