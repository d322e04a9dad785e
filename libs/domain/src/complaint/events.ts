/**
 * Complaints and disputes about an enrolment (PP-16.5, VLI-6.2, EXC-12). One stream per complaint
 * (`complaint-<id>`). Filing records the rulebook's complaint decision: the deadlines the provider
 * must meet (PP-16.5 answer, VLI-6.2 acknowledgement and investigation) and, for Excellus, the
 * suspension of statutory interest and collection costs (EXC-12) that closing ends. Complaints
 * carry no personal data: the complaint text stays in the provider's mailbox.
 */
import type { Decision, LocalDate, RulebookId } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';

export const COMPLAINT_STREAM_PREFIX = 'complaint-';
export const complaintStreamId = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;

export const COMPLAINT_SUBJECTS = ['course', 'exam', 'invoice', 'conduct', 'other'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];
export const COMPLAINT_OUTCOMES = ['upheld', 'partly-upheld', 'rejected', 'withdrawn', 'settled'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Deadlines the provider must meet; the first two are met by answering, the last by closing. */
export const COMPLAINT_DEADLINES = ['answerDueBy', 'acknowledgementDue', 'investigationDue'] as const;
export type ComplaintDeadline = (typeof COMPLAINT_DEADLINES)[number];

export type ComplaintFiled = DomainEvent<
  'ComplaintFiled',
  {
    complaintId: string;
    enrolmentId: string;
    /** The enrolment's stream: EXC-12 suspends the charges on its invoices (FIN-I6). */
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
    /** EXC-12: interest and collection costs suspended from `suspendedFrom` while the complaint runs. */
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

/** VLI-6.2: declared well-founded; the investigation is due within 2 weeks. */
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
    /** EXC-12: first day charging resumes (the day after closing); null when nothing was suspended. */
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
