/**
 * Fires due deadlines as ordinary commands. The command id is derived from the deadline id, so a
 * deadline fired twice (two runs, two processes, a crash in between) appends once. Business time
 * of the fired command is the deadline's due time, so `tick --until` reproduces the wall clock.
 *
 * A deadline is fired once (docs/decisions.md D26): the fired command's events carry the deadline
 * id in their metadata, which marks the deadline done in the deadline source atomically with the
 * command's own append; one that turned out moot (or was applied by a version that did not record
 * the id) is recorded in the scheduler's log. Each firing costs O(1) in history (the pipeline keeps
 * long aggregates folded), runs next to API traffic (a few at a time, yielding to the event loop
 * between batches), and a run is bounded (MAX_FIRED_PER_RUN).
 */
import { createHash } from 'node:crypto';
import {
  DomainError,
  type Deadline,
  type Decider,
  type DomainEvent,
  type ScheduledCommands,
  type SnapshotSpec,
} from '@ledger/domain';
import { parseInstant, toLocalDate, toUtcIso } from '@ledger/regulations';
import type { CommandPipeline, CommandResult } from './command-pipeline';

export const SCHEDULER_ACTOR = 'scheduler';
/** One run never fires more than this many deadlines; the rest wait for the next run. */
export const MAX_FIRED_PER_RUN = 10_000;
/** Deadlines fired side by side (different streams commit together; one stream's run in due order). */
export const FIRE_CONCURRENCY = 8;
const PAGE_SIZE = 200;
const MAX_PASSES = 50;

/** The scheduler's records in its own log, one stream per day of the deadlines' due date. */
export const DEADLINE_MOOTED = 'DeadlineMooted';
export const DEADLINE_APPLIED = 'DeadlineApplied';

/**
 * Where the scheduler finds deadlines (issue 12): the deadlines projection in the application, a
 * plain list in tests. A deadline stays pending until events settle it: its policy's settling
 * event, a fired command's events carrying its id (metadata `deadlineId`), or the scheduler's
 * DeadlineMooted / DeadlineApplied records.
 */
export interface DeadlineSource {
  /** Resolves once the source reflects the log as it is now (deadlines the last firings scheduled or settled). */
  ready(): Promise<void>;
  /** Pending deadlines due at or before `untilUtc` (ISO UTC), in due order, a page at a time. */
  pending(untilUtc: string, page: { limit: number; cursor?: string }): Promise<DeadlinePage>;
}

export interface DeadlinePage {
  deadlines: Deadline[];
  /** Where the next page starts; absent after the last due deadline. */
  nextCursor?: string;
}

export interface FiredDeadline {
  deadlineId: string;
  kind: string;
  streamId: string;
  dueAt: string;
  command: string;
  outcome: 'applied' | 'already-applied' | 'moot' | 'refused';
  events: string[];
  error?: string;
}

/** Deterministic UUID-shaped id from a deadline id (name-based, like UUID v5). */
export function deadlineCommandId(deadlineId: string): string {
  const hex = createHash('sha256').update(`ledger-deadline:${deadlineId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type SchedulerEvent = DomainEvent<
  typeof DEADLINE_MOOTED | typeof DEADLINE_APPLIED,
  { deadlineId: string; kind: string; dueAt: string }
>;
interface RecordDeadline {
  outcome: typeof DEADLINE_MOOTED | typeof DEADLINE_APPLIED;
  deadlineId: string;
  kind: string;
  dueAt: string;
}
/** Deadline ids recorded in one day's log (a day of renewals holds thousands: updated in place). */
type SchedulerLogState = { recorded: Record<string, true> };

const SCHEDULER_LOG_SNAPSHOT: SnapshotSpec = { name: 'scheduler-log', version: 1 };

/** Records, once, that a fired deadline is settled without a record of its own in the target stream. */
export const schedulerLogDecider: Decider<RecordDeadline, SchedulerEvent, SchedulerLogState> = {
  streamIdOf: (command) => `scheduler-${toLocalDate(command.dueAt)}`,
  initialState: () => ({ recorded: {} }),
  evolve: (state, event) => {
    state.recorded[event.data.deadlineId] = true;
    return state;
  },
  decide: ({ outcome, ...data }, state) =>
    state.recorded[data.deadlineId] ? [] : [{ type: outcome, data } as SchedulerEvent],
  snapshot: SCHEDULER_LOG_SNAPSHOT,
};

export class Scheduler {
  private running: Promise<FiredDeadline[]> | undefined;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly deadlines: DeadlineSource,
    private readonly commands: ScheduledCommands,
  ) {}

  /** Fires every pending deadline due at or before `until`. Runs never overlap in one process. */
  async runUntil(until: string): Promise<FiredDeadline[]> {
    const untilUtc = toUtcIso(until);
    parseInstant(until);
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.fireAllDue(untilUtc);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async fireAllDue(untilUtc: string): Promise<FiredDeadline[]> {
    const fired: FiredDeadline[] = [];
    const seen = new Set<string>();
    // Firing can schedule new deadlines that are due too (a renewal schedules the next one):
    // keep passing until a pass finds nothing new.
    for (let pass = 0; pass < MAX_PASSES && fired.length < MAX_FIRED_PER_RUN; pass++) {
      await this.deadlines.ready();
      const firedBefore = fired.length;
      let cursor: string | undefined;
      do {
        const page = await this.deadlines.pending(untilUtc, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        const due = page.deadlines.filter((deadline) => !seen.has(deadline.deadlineId));
        for (let first = 0; first < due.length && fired.length < MAX_FIRED_PER_RUN; first += FIRE_CONCURRENCY) {
          const batch = due.slice(first, Math.min(first + FIRE_CONCURRENCY, first + MAX_FIRED_PER_RUN - fired.length));
          for (const deadline of batch) seen.add(deadline.deadlineId);
          // Side by side: deadlines of different streams commit together; the pipeline runs those
          // of one stream one after another, in the order given (due order).
          fired.push(...(await Promise.all(batch.map((deadline) => this.fire(deadline)))));
          // Let API requests in between batches, whatever the engine's I/O does.
          await new Promise((resolve) => setImmediate(resolve));
        }
        cursor = page.nextCursor;
      } while (cursor && fired.length < MAX_FIRED_PER_RUN);
      if (fired.length === firedBefore) break;
    }
    return fired;
  }

  private async fire(deadline: Deadline): Promise<FiredDeadline> {
    const base = {
      deadlineId: deadline.deadlineId,
      kind: deadline.kind,
      streamId: deadline.streamId,
      dueAt: deadline.dueAt,
      command: deadline.command.name,
    };
    const route = this.commands[deadline.command.name];
    if (!route)
      return { ...base, outcome: 'refused', events: [], error: `No scheduled command named ${deadline.command.name}` };
    const { decider, command } = route(deadline.command.body, deadline);
    const envelope = {
      commandId: deadlineCommandId(deadline.deadlineId),
      commandName: deadline.command.name,
      body: { deadlineId: deadline.deadlineId, ...deadline.command.body },
      actor: SCHEDULER_ACTOR,
      occurredAt: deadline.dueAt,
      deadlineId: deadline.deadlineId,
    };
    try {
      const result: CommandResult = await this.pipeline.execute(decider, command, envelope);
      if (result.events.length === 0) {
        await this.record(deadline, DEADLINE_MOOTED);
        return { ...base, outcome: 'moot', events: [] };
      }
      // Applied by a version that did not record the deadline with the command's events.
      if (result.replayed && !result.events.some((event) => event.metadata['deadlineId'] === deadline.deadlineId))
        await this.record(deadline, DEADLINE_APPLIED);
      return {
        ...base,
        outcome: result.replayed ? 'already-applied' : 'applied',
        events: result.events.map((e) => e.type),
      };
    } catch (error) {
      // A deadline the rules now refuse (e.g. the enrolment was cancelled meanwhile) is moot, not a crash.
      if (error instanceof DomainError || (error as Error)?.name === 'RuleViolation') {
        await this.record(deadline, DEADLINE_MOOTED);
        return { ...base, outcome: 'refused', events: [], error: (error as Error).message };
      }
      throw error;
    }
  }

  private async record(deadline: Deadline, outcome: RecordDeadline['outcome']): Promise<void> {
    const command: RecordDeadline = {
      outcome,
      deadlineId: deadline.deadlineId,
      kind: deadline.kind,
      dueAt: deadline.dueAt,
    };
    const { outcome: _outcome, ...body } = command;
    await this.pipeline.execute(schedulerLogDecider, command, {
      // The moot record keeps the command id it always had, so logs written before stay recognised.
      commandId: deadlineCommandId(`${deadline.deadlineId}:${outcome === DEADLINE_MOOTED ? 'moot' : 'applied'}`),
      commandName: outcome === DEADLINE_MOOTED ? 'RecordMootDeadline' : 'RecordAppliedDeadline',
      body,
      actor: SCHEDULER_ACTOR,
      occurredAt: deadline.dueAt,
    });
  }
}
