/**
 * The participant's time-driven steps (all fired by the scheduler as ordinary commands):
 * - each licence's renewal on its term's end date, or its expiry when not to renew;
 * - the expiry reminder on the day the registration or renewal decision set;
 * - the tier re-evaluation at each invoice date (the next one recorded by joining, by the first
 *   registration when it sets the invoice date, and by each evaluation).
 * Deadline ids name the stream, the licence and the date, so each fires once per term or year;
 * every fired command is a no-op when it became moot (renewed, revoked, already evaluated).
 */
import { startOfDay, type JsonValue, type LocalDate } from '@ledger/regulations';
import type {
  Deadline,
  DeadlineChange,
  DeadlinePolicy,
  DeadlineSourceEvent,
  ScheduledCommands,
} from '../shared/deadlines';
import type { EvaluateTier, RemindLicenceExpiry, RenewLicence } from './commands';
import { participantDecider } from './decide';
import type {
  InvoiceDateAnchored,
  LicenceExpired,
  LicenceExpiryReminderDue,
  LicenceRegistered,
  LicenceRenewed,
  LicenceRevoked,
  ParticipantRegistered,
  TierEvaluated,
} from './events';

export const PARTICIPANT_SCHEDULED = {
  renew: 'RenewLicence',
  remind: 'RemindLicenceExpiry',
  evaluate: 'EvaluateParticipantTier',
} as const;

export const renewalDeadlineId = (streamId: string, licenceId: string, on: LocalDate): string =>
  `${streamId}:licence:${licenceId}:renewal:${on}`;
export const reminderDeadlineId = (streamId: string, licenceId: string, expiresOn: LocalDate): string =>
  `${streamId}:licence:${licenceId}:reminder:${expiresOn}`;
export const evaluationDeadlineId = (streamId: string, on: LocalDate): string => `${streamId}:tier-evaluation:${on}`;

const schedule = (deadline: Deadline): DeadlineChange => ({ op: 'schedule', deadline });
const settle = (deadlineId: string, reason: string): DeadlineChange => ({ op: 'settle', deadlineId, reason });
const dataOf = <T extends { data: object }>(event: DeadlineSourceEvent): T['data'] =>
  event.data as unknown as T['data'];

function renewal(streamId: string, participantId: string, licenceId: string, on: LocalDate): DeadlineChange {
  return schedule({
    deadlineId: renewalDeadlineId(streamId, licenceId, on),
    dueAt: startOfDay(on),
    kind: 'licence-renewal',
    streamId,
    command: { name: PARTICIPANT_SCHEDULED.renew, body: { participantId, licenceId, renewalOn: on } },
  });
}

function reminder(
  streamId: string,
  participantId: string,
  licenceId: string,
  expiresOn: LocalDate,
  remindOn: LocalDate,
): DeadlineChange {
  return schedule({
    deadlineId: reminderDeadlineId(streamId, licenceId, expiresOn),
    dueAt: startOfDay(remindOn),
    kind: 'licence-expiry-reminder',
    streamId,
    command: { name: PARTICIPANT_SCHEDULED.remind, body: { participantId, licenceId, expiresOn } },
  });
}

function evaluation(streamId: string, participantId: string, on: LocalDate): DeadlineChange {
  return schedule({
    deadlineId: evaluationDeadlineId(streamId, on),
    dueAt: startOfDay(on),
    kind: 'tier-evaluation',
    streamId,
    command: { name: PARTICIPANT_SCHEDULED.evaluate, body: { participantId, evaluatedOn: on } },
  });
}

/** Each term's renewal (or expiry) and its reminder. */
export const licenceTermPolicy: DeadlinePolicy = {
  name: 'licence-terms',
  eventTypes: ['LicenceRegistered', 'LicenceRenewed', 'LicenceExpired', 'LicenceRevoked', 'LicenceExpiryReminderDue'],
  changesFor(event) {
    const s = event.streamId;
    switch (event.type) {
      case 'LicenceRegistered': {
        const d = dataOf<LicenceRegistered>(event);
        const remindOn = String(d.decision.deadlines?.['expiryReminderOn']);
        return [
          renewal(s, d.participantId, d.licenceId, d.expiresOn),
          reminder(s, d.participantId, d.licenceId, d.expiresOn, remindOn),
        ];
      }
      case 'LicenceRenewed': {
        const d = dataOf<LicenceRenewed>(event);
        const remindOn = String(d.decision.deadlines?.['expiryReminderOn']);
        return [
          settle(renewalDeadlineId(s, d.licenceId, d.renewalOn), 'renewed'),
          settle(reminderDeadlineId(s, d.licenceId, d.renewalOn), 'renewed'),
          renewal(s, d.participantId, d.licenceId, d.expiresOn),
          reminder(s, d.participantId, d.licenceId, d.expiresOn, remindOn),
        ];
      }
      case 'LicenceExpired': {
        const d = dataOf<LicenceExpired>(event);
        return [
          settle(renewalDeadlineId(s, d.licenceId, d.expiredOn), 'expired'),
          settle(reminderDeadlineId(s, d.licenceId, d.expiredOn), 'expired'),
        ];
      }
      case 'LicenceRevoked': {
        const d = dataOf<LicenceRevoked>(event);
        return [
          settle(renewalDeadlineId(s, d.licenceId, d.expiresOn), 'revoked'),
          settle(reminderDeadlineId(s, d.licenceId, d.expiresOn), 'revoked'),
        ];
      }
      case 'LicenceExpiryReminderDue': {
        const d = dataOf<LicenceExpiryReminderDue>(event);
        return [settle(reminderDeadlineId(s, d.licenceId, d.expiresOn), 'reminded')];
      }
      default:
        return [];
    }
  },
};

/** The tier is evaluated at every invoice date, each evaluation scheduling the next. */
export const tierEvaluationPolicy: DeadlinePolicy = {
  name: 'tier-evaluation',
  eventTypes: ['ParticipantRegistered', 'InvoiceDateAnchored', 'TierEvaluated'],
  changesFor(event) {
    const s = event.streamId;
    switch (event.type) {
      case 'ParticipantRegistered': {
        const d = dataOf<ParticipantRegistered>(event);
        if (!d.nextInvoiceDate) return []; // the first registration sets the invoice date (InvoiceDateAnchored)
        return [evaluation(s, d.participantId, d.nextInvoiceDate)];
      }
      case 'InvoiceDateAnchored': {
        const d = dataOf<InvoiceDateAnchored>(event);
        return [evaluation(s, d.participantId, d.nextInvoiceDate)];
      }
      case 'TierEvaluated': {
        const d = dataOf<TierEvaluated>(event);
        return [
          settle(evaluationDeadlineId(s, d.evaluatedOn), 'evaluated'),
          evaluation(s, d.participantId, d.nextInvoiceDate),
        ];
      }
      default:
        return [];
    }
  },
};

export const participantDeadlinePolicies: readonly DeadlinePolicy[] = [licenceTermPolicy, tierEvaluationPolicy];

function text(body: Record<string, JsonValue>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length === 0) throw new Error(`scheduled participant command: ${key} missing`);
  return value;
}

export const participantScheduledCommands: ScheduledCommands = {
  [PARTICIPANT_SCHEDULED.renew]: (body) => {
    const command: RenewLicence = {
      type: 'RenewLicence',
      participantId: text(body, 'participantId'),
      licenceId: text(body, 'licenceId'),
      renewalOn: text(body, 'renewalOn'),
    };
    return { decider: participantDecider, command };
  },
  [PARTICIPANT_SCHEDULED.remind]: (body) => {
    const command: RemindLicenceExpiry = {
      type: 'RemindLicenceExpiry',
      participantId: text(body, 'participantId'),
      licenceId: text(body, 'licenceId'),
      expiresOn: text(body, 'expiresOn'),
    };
    return { decider: participantDecider, command };
  },
  [PARTICIPANT_SCHEDULED.evaluate]: (body) => {
    const command: EvaluateTier = {
      type: 'EvaluateTier',
      participantId: text(body, 'participantId'),
      evaluatedOn: text(body, 'evaluatedOn'),
    };
    return { decider: participantDecider, command };
  },
};
