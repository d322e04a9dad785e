/**
 * PP-13.4-5: the written result within 2 working days after the exam or practical session, and,
 * when passed, the certificate of a course with a classroom training or practical session within
 * 2 working days after the written result. Both are deadlines the ledger tracks: set when the
 * sitting is attended (the result) or the result delivered (the certificate), and recorded as
 * missed the day after the last day when nothing was delivered by then.
 */
import { addWorkingDays, compareDates, toLocalDate } from '../../../calendar';
import type { Decision } from '../../../decision';
import type { PlusportRulebook } from './common';
import { citation, json, readBoolean, readInstant, readLocalDate, readOneOf, readOptionalInstant } from './json';
import type { JsonObject } from './json';

export const PLUSPORT_DELIVERY_DEADLINE_KIND = 'delivery-deadline';
export const PLUSPORT_DELIVERY_KIND = 'delivery';
export const PLUSPORT_DELIVERY_MISSED_KIND = 'delivery-missed';

/** What PlusPort owes by a date (labels of the enrolment's delivery deadlines). */
export const PLUSPORT_DELIVERABLES = ['result', 'certificate'] as const;
export type PlusportDeliverable = (typeof PLUSPORT_DELIVERABLES)[number];

const RULE_IDS = ['PP-13.4-5'];
/** The components after which a result is written (PP-13.4: "na de Praktijksessie c.g. Examen"). */
export const PLUSPORT_RESULT_COMPONENTS = ['exam', 'practical-session'] as const;
/** PP-13.5: "een Cursus met een Klassikale Training en/of Praktijksessie en/of Workshop". */
export const PLUSPORT_CERTIFICATE_COMPONENTS = ['classroom', 'practical-session'] as const;

const ref = (rb: PlusportRulebook) => ({ id: rb.id, version: rb.version });
const LABEL: Record<PlusportDeliverable, string> = { result: 'written result', certificate: 'certificate' };

// ---- a deadline: the result after the sitting, the certificate after a passed result -------------

export interface PlusportDeliveryDeadlineInput {
  deliverable: PlusportDeliverable;
  /** The attended exam or practical session (result), or the delivery of the written result (certificate). */
  countedFrom: string;
  /** What the days count from, for the explanation: the sitting's component, or "result". */
  after: (typeof PLUSPORT_RESULT_COMPONENTS)[number] | 'result';
}

function deliveryDeadline(rb: PlusportRulebook, inputs: JsonObject): Decision {
  const deliverable = readOneOf(inputs, 'deliverable', PLUSPORT_DELIVERABLES);
  const countedFrom = readInstant(inputs, 'countedFrom');
  const after = readOneOf(inputs, 'after', [...PLUSPORT_RESULT_COMPONENTS, 'result'] as const);
  const days =
    deliverable === 'result' ? rb.data.deliveries.resultWorkingDays : rb.data.deliveries.certificateWorkingDays;
  const dueBy = addWorkingDays(toLocalDate(countedFrom), days, rb.calendar);
  const event =
    after === 'result'
      ? `The passed result was delivered ${toLocalDate(countedFrom)}`
      : `The ${after} of ${toLocalDate(countedFrom)} was attended`;
  return {
    kind: PLUSPORT_DELIVERY_DEADLINE_KIND,
    ruleIds: RULE_IDS,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({ deliverable, countedFrom, after, workingDays: days, dueBy }),
    allowed: true,
    deadlines: { [`${deliverable}DueBy`]: dueBy },
    explanation: `${event}: the ${LABEL[deliverable]} is due by ${dueBy} (${days} working days) ${citation(RULE_IDS, rb)}`,
  };
}

export const decidePlusportDeliveryDeadline = (rb: PlusportRulebook, input: PlusportDeliveryDeadlineInput): Decision =>
  deliveryDeadline(rb, json({ ...input }));
export const plusportDeliveryDeadlineFromJson = deliveryDeadline;

// ---- a delivery, in time or late ----------------------------------------------------------------

export interface PlusportDeliveryInput {
  deliverable: PlusportDeliverable;
  deliveredAt: string;
  /** The last day of the deadline the delivery meets; null when none was set. */
  dueBy: string | null;
  /** The last exam attempt was passed (a certificate deadline follows the result only then). */
  passed: boolean;
  /** The course has a classroom training or practical session (PP-13.5). */
  certificateCourse: boolean;
}

function delivery(rb: PlusportRulebook, inputs: JsonObject): Decision {
  const deliverable = readOneOf(inputs, 'deliverable', PLUSPORT_DELIVERABLES);
  const deliveredAt = readInstant(inputs, 'deliveredAt');
  const dueBy = inputs['dueBy'] === null ? null : readLocalDate(inputs, 'dueBy');
  const passed = readBoolean(inputs, 'passed');
  const certificateCourse = readBoolean(inputs, 'certificateCourse');
  const deliveredOn = toLocalDate(deliveredAt);
  const inTime = dueBy === null || compareDates(deliveredOn, dueBy) <= 0;
  const certificateFollows = deliverable === 'result' && passed && certificateCourse;
  const timing =
    dueBy === null ? 'no deadline was set' : inTime ? `in time (due by ${dueBy})` : `late (due by ${dueBy})`;
  const next =
    deliverable !== 'result'
      ? ''
      : certificateFollows
        ? '; passed: the certificate follows within 2 working days'
        : passed
          ? '; the course has no classroom training or practical session: no certificate deadline'
          : '; not passed: no certificate';
  return {
    kind: PLUSPORT_DELIVERY_KIND,
    ruleIds: RULE_IDS,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({ deliverable, deliveredAt, dueBy, passed, certificateCourse, inTime, certificateFollows }),
    allowed: true,
    explanation: `The ${LABEL[deliverable]} was delivered ${deliveredOn}, ${timing}${next} ${citation(RULE_IDS, rb)}`,
  };
}

export const decidePlusportDelivery = (rb: PlusportRulebook, input: PlusportDeliveryInput): Decision =>
  delivery(rb, json({ ...input }));
export const plusportDeliveryFromJson = delivery;

// ---- a deadline passed undelivered --------------------------------------------------------------

export interface PlusportDeliveryMissedInput {
  deliverable: PlusportDeliverable;
  dueBy: string;
  checkedAt: string;
  deliveredAt: string | null;
  /** The invoices are paid in full (PP-13.6: the certificate waits for payment). */
  paidInFull: boolean;
}

function deliveryMissed(rb: PlusportRulebook, inputs: JsonObject): Decision {
  const deliverable = readOneOf(inputs, 'deliverable', PLUSPORT_DELIVERABLES);
  const dueBy = readLocalDate(inputs, 'dueBy');
  const checkedAt = readInstant(inputs, 'checkedAt');
  const deliveredAt = readOptionalInstant(inputs, 'deliveredAt') ?? null;
  const paidInFull = readBoolean(inputs, 'paidInFull');
  // PP-13.6: an unpaid invoice holds the certificate back; the deadline then passes through no fault of PlusPort.
  const waitingForPayment = deliverable === 'certificate' && !paidInFull;
  const ruleIds = waitingForPayment ? [...RULE_IDS, 'PP-13.6'] : RULE_IDS;
  const what = deliveredAt === null ? 'not delivered' : `delivered late, on ${toLocalDate(deliveredAt)}`;
  return {
    kind: PLUSPORT_DELIVERY_MISSED_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({ deliverable, dueBy, checkedAt, deliveredAt, paidInFull, waitingForPayment }),
    // The terms say "over het algemeen" (as a rule): a late result gives the customer no right of its own.
    allowed: true,
    explanation:
      `The ${LABEL[deliverable]} due by ${dueBy} was ${what}` +
      (waitingForPayment ? ': the invoice is not paid in full, and the certificate waits for payment' : '') +
      `; the terms give no right for it ("over het algemeen") ${citation(ruleIds, rb)}`,
  };
}

export const decidePlusportDeliveryMissed = (rb: PlusportRulebook, input: PlusportDeliveryMissedInput): Decision =>
  deliveryMissed(rb, json({ ...input }));
export const plusportDeliveryMissedFromJson = deliveryMissed;
