/**
 * Fires due deadlines as ordinary commands. The command id is derived from the deadline id, so a
 * deadline fired twice (two runs, two processes, a crash in between) appends once. Business time
 * of the fired command is the deadline's due time, so `tick --until` reproduces the wall clock.
 */
import { createHash } from 'node:crypto';
import { DomainError, type Decider, type Deadline, type DomainEvent, type ScheduledCommands } from '@ledger/domain';
import { DEADLINE_MOOTED, DEADLINES, type DeadlineDocument } from '@ledger/projections';
import { parseInstant, toLocalDate, toUtcIso } from '@ledger/regulations';
import type { CommandPipeline, CommandResult } from './command-pipeline';
import type { ReadModels } from './read-models';

export const SCHEDULER_ACTOR = 'scheduler';
/** One run never fires more than this many deadlines; the rest wait for the next run. */
export const MAX_FIRED_PER_RUN = 10_000;
const PAGE_SIZE = 200;
const MAX_PASSES = 50;

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

type SchedulerEvent = DomainEvent<'DeadlineMooted', { deadlineId: string; kind: string; dueAt: string }>;
interface MootDeadline {
  deadlineId: string;
  kind: string;
  dueAt: string;
}

/** Records, once, that a fired deadline had no effect, so the scheduler stops considering it. */
export const schedulerLogDecider: Decider<MootDeadline, SchedulerEvent, ReadonlySet<string>> = {
  streamIdOf: (command) => `scheduler-${toLocalDate(command.dueAt)}`,
  initialState: () => new Set<string>(),
  evolve: (state, event) => new Set([...state, event.data.deadlineId]),
  decide: (command, state) =>
    state.has(command.deadlineId) ? [] : [{ type: DEADLINE_MOOTED, data: { ...command } } as SchedulerEvent],
};

export class Scheduler {
  private running: Promise<FiredDeadline[]> | undefined;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly readModels: ReadModels,
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
      await this.readModels.ready();
      const due = await this.dueDeadlines(untilUtc, seen);
      if (due.length === 0) break;
      for (const deadline of due) {
        if (fired.length >= MAX_FIRED_PER_RUN) break;
        seen.add(deadline.deadlineId);
        fired.push(await this.fire(deadline));
      }
    }
    return fired;
  }

  private async dueDeadlines(untilUtc: string, seen: ReadonlySet<string>): Promise<DeadlineDocument[]> {
    const due: DeadlineDocument[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.readModels.find<DeadlineDocument>(DEADLINES.name, DEADLINES.collection, {
        where: { status: 'pending' },
        orderBy: { field: 'dueAtUtc', direction: 'asc' },
        limit: PAGE_SIZE,
        cursor,
      });
      for (const { body } of page.items) {
        if (body.dueAtUtc > untilUtc) return due;
        if (!seen.has(body.deadlineId)) due.push(body);
      }
      cursor = page.nextCursor;
    } while (cursor && due.length < MAX_FIRED_PER_RUN);
    return due;
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
    };
    try {
      const result: CommandResult = await this.pipeline.execute(decider, command, envelope);
      if (result.events.length > 0)
        return {
          ...base,
          outcome: result.replayed ? 'already-applied' : 'applied',
          events: result.events.map((e) => e.type),
        };
      await this.recordMoot(deadline);
      return { ...base, outcome: 'moot', events: [] };
    } catch (error) {
      // A deadline the rules now refuse (e.g. the enrolment was cancelled meanwhile) is moot, not a crash.
      if (error instanceof DomainError || (error as Error)?.name === 'RuleViolation') {
        await this.recordMoot(deadline);
        return { ...base, outcome: 'refused', events: [], error: (error as Error).message };
      }
      throw error;
    }
  }

  private async recordMoot(deadline: Deadline): Promise<void> {
    const command: MootDeadline = { deadlineId: deadline.deadlineId, kind: deadline.kind, dueAt: deadline.dueAt };
    await this.pipeline.execute(schedulerLogDecider, command, {
      commandId: deadlineCommandId(`${deadline.deadlineId}:moot`),
      commandName: 'RecordMootDeadline',
      body: command,
      actor: SCHEDULER_ACTOR,
      occurredAt: deadline.dueAt,
    });
  }
}
