/**
 * Deadlines derived from events (evidence windows, refund due dates, renewals, expiries,
 * reminders, MBO data). A policy turns recorded events into schedule/settle changes; the
 * scheduler fires a due deadline as an ordinary command with a deterministic command id.
 */
import type { JsonValue } from '@ledger/regulations';
import type { Decider, DomainEvent } from './decider';

/** A recorded event as deadline policies see it. */
export interface DeadlineSourceEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  /** Business time of the event. */
  occurredAt: string | undefined;
}

export interface Deadline {
  /** Unique and deterministic, e.g. `enrolment-e1:evidence`; also seeds the fired command's id. */
  deadlineId: string;
  /** Instant (ISO 8601 with offset) from which the deadline is due. */
  dueAt: string;
  kind: string;
  streamId: string;
  /** Command fired when due: its name in ScheduledCommands and its JSON body. */
  command: { name: string; body: Record<string, JsonValue> };
}

export type DeadlineChange =
  { op: 'schedule'; deadline: Deadline } | { op: 'settle'; deadlineId: string; reason: string };

export interface DeadlinePolicy {
  name: string;
  eventTypes: readonly string[];
  changesFor(event: DeadlineSourceEvent): DeadlineChange[];
}

/** How a fired deadline becomes a command: name -> decider + command (business time = dueAt). */
export type ScheduledCommands = Readonly<
  Record<
    string,
    (
      body: Record<string, JsonValue>,
      deadline: Deadline,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a schedule spans deciders of every command type
    ) => { decider: Decider<any, DomainEvent<string, any>, any>; command: unknown }
  >
>;
