/**
 * Deadlines an enrolment's events set, and the commands the scheduler fires when they fall due
 * (business time = the deadline's `dueAt`). Each fired command is a no-op once the deadline is
 * moot, and the scheduler derives the command id from the deadline id, so firing twice changes
 * nothing.
 *   - the evidence window of a fee exemption: charge the fee when no evidence came by the last day;
 *   - documents due by a date: block study and exams when documents are missing after it;
 *   - refund due dates: record a refund still unpaid after its due date;
 *   - what the provider owes by a date (a result, a certificate, course material): record it as
 *     missed when it was not delivered in time.
 */
import { addDays, startOfDay } from '@ledger/regulations';
import type {
  Deadline,
  DeadlineChange,
  DeadlinePolicy,
  DeadlineSourceEvent,
  ScheduledCommands,
} from '../shared/deadlines';
import { evidenceDeadlineId } from './cancel';
import type { CheckDeliveryDeadline, CheckMboData, LapseCancellationEvidence, MarkRefundOverdue } from './commands';
import { deliveryDeadlineId } from './agreement';
import { enrolmentDecider } from './decide';
import { ENROLMENT_STREAM_PREFIX } from './events';
import { mboDeadlineId } from './participation';

export const refundDueDeadlineId = (refundId: string): string => `${refundId}:refund-due`;

/** A date's deadline falls due when that (Amsterdam) day is over: at the start of the next day. */
const dueAfter = (lastDay: string): string => startOfDay(addDays(lastDay, 1));
const enrolmentIdOf = (event: DeadlineSourceEvent): string => String(event.data['enrolmentId']);

function schedule(deadline: Deadline): DeadlineChange[] {
  return [{ op: 'schedule', deadline }];
}

const evidenceWindow: DeadlinePolicy = {
  name: 'enrolment-evidence-window',
  eventTypes: ['EnrolmentCancelled', 'CancellationEvidenceDecided'],
  changesFor(event) {
    const deadlineId = evidenceDeadlineId(event.streamId);
    if (event.type === 'CancellationEvidenceDecided')
      return [{ op: 'settle', deadlineId, reason: `evidence ${String(event.data['outcome'])}` }];
    const until = event.data['pendingEvidenceUntil'];
    if (typeof until !== 'string') return [];
    return schedule({
      deadlineId,
      dueAt: dueAfter(until),
      kind: 'cancellation evidence window',
      streamId: event.streamId,
      command: { name: 'LapseCancellationEvidence', body: { enrolmentId: enrolmentIdOf(event) } },
    });
  },
};

const mboData: DeadlinePolicy = {
  name: 'enrolment-mbo-data',
  eventTypes: ['MboDataDeadlineSet', 'MboDataCompleted', 'MboDataOverdue'],
  changesFor(event) {
    const deadlineId = mboDeadlineId(event.streamId);
    if (event.type !== 'MboDataDeadlineSet')
      return [
        { op: 'settle', deadlineId, reason: event.type === 'MboDataCompleted' ? 'data complete' : 'overdue recorded' },
      ];
    return schedule({
      deadlineId,
      dueAt: dueAfter(String(event.data['dataDueDate'])),
      kind: 'documents due',
      streamId: event.streamId,
      command: { name: 'CheckMboData', body: { enrolmentId: enrolmentIdOf(event) } },
    });
  },
};

const refundDue: DeadlinePolicy = {
  name: 'enrolment-refund-due',
  eventTypes: ['RefundEntitlementGranted', 'RefundPaid'],
  changesFor(event) {
    const refundId = String(event.data['refundId']);
    if (event.type === 'RefundPaid')
      return [{ op: 'settle', deadlineId: refundDueDeadlineId(refundId), reason: 'refund paid' }];
    if (!event.streamId.startsWith(ENROLMENT_STREAM_PREFIX)) return [];
    return schedule({
      deadlineId: refundDueDeadlineId(refundId),
      dueAt: dueAfter(String(event.data['dueDate'])),
      kind: 'refund due',
      streamId: event.streamId,
      command: { name: 'MarkRefundOverdue', body: { enrolmentId: enrolmentIdOf(event), refundId } },
    });
  },
};

/**
 * The check falls due the day after the last day. A delivery in time settles it; a late one, or
 * none, is recorded by the check (the kind names the deliverable, a label the rulebook chose).
 */
const deliveryDue: DeadlinePolicy = {
  name: 'enrolment-delivery-due',
  eventTypes: ['DeliveryDeadlineSet', 'DeliveryRecorded', 'DeliveryDeadlineMissed'],
  changesFor(event) {
    const deliverable = String(event.data['deliverable']);
    const deadlineId = deliveryDeadlineId(event.streamId, deliverable);
    if (event.type === 'DeliveryDeadlineMissed')
      return [{ op: 'settle', deadlineId, reason: 'missed deadline recorded' }];
    if (event.type === 'DeliveryRecorded')
      return event.data['inTime'] === true && event.data['dueBy'] !== null
        ? [{ op: 'settle', deadlineId, reason: 'delivered in time' }]
        : [];
    return schedule({
      deadlineId,
      dueAt: dueAfter(String(event.data['dueBy'])),
      kind: `${deliverable} due`,
      streamId: event.streamId,
      command: { name: 'CheckDeliveryDeadline', body: { enrolmentId: enrolmentIdOf(event), deliverable } },
    });
  },
};

export const enrolmentDeadlinePolicies: readonly DeadlinePolicy[] = [evidenceWindow, mboData, refundDue, deliveryDue];

export const enrolmentScheduledCommands: ScheduledCommands = Object.freeze({
  LapseCancellationEvidence: (body, deadline) => {
    const command: LapseCancellationEvidence = {
      type: 'LapseCancellationEvidence',
      enrolmentId: String(body['enrolmentId']),
      at: deadline.dueAt,
      deadlineId: deadline.deadlineId,
    };
    return { decider: enrolmentDecider, command };
  },
  CheckMboData: (body, deadline) => {
    const command: CheckMboData = {
      type: 'CheckMboData',
      enrolmentId: String(body['enrolmentId']),
      at: deadline.dueAt,
      deadlineId: deadline.deadlineId,
    };
    return { decider: enrolmentDecider, command };
  },
  CheckDeliveryDeadline: (body, deadline) => {
    const command: CheckDeliveryDeadline = {
      type: 'CheckDeliveryDeadline',
      enrolmentId: String(body['enrolmentId']),
      deliverable: String(body['deliverable']),
      at: deadline.dueAt,
      deadlineId: deadline.deadlineId,
    };
    return { decider: enrolmentDecider, command };
  },
  MarkRefundOverdue: (body, deadline) => {
    const command: MarkRefundOverdue = {
      type: 'MarkRefundOverdue',
      enrolmentId: String(body['enrolmentId']),
      refundId: String(body['refundId']),
      at: deadline.dueAt,
    };
    return { decider: enrolmentDecider, command };
  },
});
