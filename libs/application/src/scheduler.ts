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
 * between batches, and giving way to requests in flight: docs/decisions.md D42), and a run is
 * bounded (MAX_FIRED_PER_RUN).
 */
import { createHash } from 'node:crypto';
import { DomainError, type Deadline, type ScheduledCommands } from '@ledger/domain';
import { parseInstant, toUtcIso } from '@ledger/regulations';
import type { CommandEnvelope, CommandResult } from './command-pipeline';
import type { CommandDispatcher } from './commands/ledger-command';
import { RecordDeadlineOutcomeCommand, type CommandClassesByType } from './commands/scheduled';
import { DEADLINE_APPLIED, DEADLINE_MOOTED, type RecordDeadline } from './scheduler-log';
import { SCHEDULER_ACTOR } from './identity/actors';

/** One run never fires more than this many deadlines; the rest wait for the next run. */
export const MAX_FIRED_PER_RUN = 10_000;
/** Deadlines fired side by side (different streams commit together; one stream's run in due order). */
export const FIRE_CONCURRENCY = 8;
/** Deadlines fired side by side while requests are in flight: the API waits behind at most these. */
export const FIRE_CONCURRENCY_NEXT_TO_REQUESTS = 1;
/** How long a batch waits for the requests in flight before it goes anyway (the run must progress). */
export const MAX_GIVE_WAY_MS = 20;
const PAGE_SIZE = 200;
/** Passes over deadlines that the firings themselves scheduled (a renewal schedules the next): a bound on a run. */
export const MAX_PASSES = 50;

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

/**
 * Interactive work in the same process that a run gives way to (D42): the API's requests in flight.
 * The scheduler shares the event loop with them, so each deadline it fires is time a request waits.
 */
export interface ForegroundActivity {
  /** True while foreground work is in flight. */
  busy(): boolean;
  /** Resolves when nothing is in flight, or after `maxWaitMs` at the latest. */
  idle(maxWaitMs: number): Promise<void>;
}

export interface DeadlinePage {
  deadlines: Deadline[];
  /** Where the next page starts; absent after the last due deadline. */
  nextCursor?: string;
}

/** What one run did, and whether it got to the end of what was due. */
export interface SchedulerRun {
  fired: FiredDeadline[];
  /**
   * False when the run stopped at one of its bounds (MAX_FIRED_PER_RUN deadlines, or MAX_PASSES
   * passes over deadlines that firings kept scheduling): deadlines due by then may be left, for
   * the next run. True when a pass found nothing more to fire.
   */
  complete: boolean;
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

export class Scheduler {
  private running: Promise<SchedulerRun> | undefined;

  constructor(
    /** Where fired commands go: the CommandBus, the same door as the API's commands. */
    private readonly dispatcher: CommandDispatcher,
    private readonly deadlines: DeadlineSource,
    private readonly commands: ScheduledCommands,
    /** The LedgerCommand class of each domain command type a deadline fires. */
    private readonly commandClasses: CommandClassesByType,
    /** What a run gives way to; none in a process without an API (the CLI's `tick`). */
    private readonly foreground?: ForegroundActivity,
  ) {}

  /** True from the start of a run to its end: a timer's tick meanwhile is skipped, not queued behind it. */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Fires every pending deadline due at or before `until`. Runs never overlap in one process. */
  async runUntil(until: string): Promise<SchedulerRun> {
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

  private async fireAllDue(untilUtc: string): Promise<SchedulerRun> {
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
        for (let first = 0; first < due.length && fired.length < MAX_FIRED_PER_RUN;) {
          const size = Math.min(await this.batchSize(), MAX_FIRED_PER_RUN - fired.length);
          const batch = due.slice(first, first + size);
          first += batch.length;
          for (const deadline of batch) seen.add(deadline.deadlineId);
          // Side by side: deadlines of different streams commit together; the pipeline runs those
          // of one stream one after another, in the order given (due order).
          fired.push(...(await Promise.all(batch.map((deadline) => this.fire(deadline)))));
          // Let API requests in between batches, whatever the engine's I/O does.
          await new Promise((resolve) => setImmediate(resolve));
        }
        cursor = page.nextCursor;
      } while (cursor && fired.length < MAX_FIRED_PER_RUN);
      if (fired.length === firedBefore) return { fired, complete: true };
    }
    return { fired, complete: false };
  }

  /**
   * A full batch when no request is in flight; otherwise the run waits a moment for the requests
   * and, if they are still there, fires one deadline, so a request waits behind one firing at most.
   */
  private async batchSize(): Promise<number> {
    if (!this.foreground?.busy()) return FIRE_CONCURRENCY;
    await this.foreground.idle(MAX_GIVE_WAY_MS);
    return this.foreground.busy() ? FIRE_CONCURRENCY_NEXT_TO_REQUESTS : FIRE_CONCURRENCY;
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
    const { command } = route(deadline.command.body, deadline);
    const { type, ...payload } = command as { type: string };
    const commandClass = this.commandClasses[type];
    if (!commandClass) return { ...base, outcome: 'refused', events: [], error: `No command class for ${type}` };
    const envelope: CommandEnvelope = {
      commandId: deadlineCommandId(deadline.deadlineId),
      commandName: deadline.command.name,
      body: { deadlineId: deadline.deadlineId, ...deadline.command.body },
      actor: SCHEDULER_ACTOR,
      occurredAt: deadline.dueAt,
      deadlineId: deadline.deadlineId,
    };
    try {
      const result: CommandResult = await this.dispatcher.execute(new commandClass(payload, envelope));
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
    const envelope: CommandEnvelope = {
      // The moot record keeps the command id it always had, so logs written before stay recognised.
      commandId: deadlineCommandId(`${deadline.deadlineId}:${outcome === DEADLINE_MOOTED ? 'moot' : 'applied'}`),
      commandName: outcome === DEADLINE_MOOTED ? 'RecordMootDeadline' : 'RecordAppliedDeadline',
      body,
      actor: SCHEDULER_ACTOR,
      occurredAt: deadline.dueAt,
    };
    await this.dispatcher.execute(new RecordDeadlineOutcomeCommand(command, envelope));
  }
}
