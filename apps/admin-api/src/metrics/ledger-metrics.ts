/**
 * Prometheus metrics of one ledger process (GET /metrics, docs/operations.md "Metrics"). Each
 * application has its own registry, so several in one process (the tests) do not collide.
 * Labels are bounded: command types and projection names come from the code, never from input.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SchedulerRun } from '@ledger/application';
import type { ProjectionStatus } from '@ledger/read-store';
import { toErrorResponse } from '../http/error.filter';

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export class LedgerMetrics {
  readonly registry = new Registry();
  private readonly commandSeconds = new Histogram({
    name: 'ledger_command_duration_seconds',
    help: 'Time to decide and append a command, by command type and outcome (ok, rejected, failed)',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly appendBatchEvents = new Histogram({
    name: 'ledger_append_batch_events',
    help: 'Events per write transaction of the embedded log (group commit batch size)',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000],
    registers: [this.registry],
  });
  private readonly appendBatchAppends = new Histogram({
    name: 'ledger_append_batch_appends',
    help: 'Appends (commands) per write transaction of the embedded log',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [this.registry],
  });
  private readonly projectionLag = new Gauge({
    name: 'ledger_projection_lag',
    help: 'Log positions a projection is behind the head of the log',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  private readonly projectionPosition = new Gauge({
    name: 'ledger_projection_position',
    help: 'Last log position a projection has committed (-1 before the first)',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  private readonly deadLetters = new Gauge({
    name: 'ledger_dead_letters',
    help: 'Events a projection parked after its handler kept failing',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  private readonly logHead = new Gauge({
    name: 'ledger_log_head_position',
    help: 'Position of the newest event in the log (-1 when empty)',
    registers: [this.registry],
  });
  private readonly schedulerRuns = new Counter({
    name: 'ledger_scheduler_runs_total',
    help: 'Scheduler runs, by trigger (interval, api) and outcome (ok, bounded: stopped at its bound with deadlines left, failed; skipped: a tick while a run was under way)',
    labelNames: ['trigger', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly deadlinesFired = new Counter({
    name: 'ledger_scheduler_deadlines_fired_total',
    help: 'Deadlines the scheduler fired, by outcome (applied, mooted, failed, ...)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_' });
  }

  async timeCommand<T>(command: string, work: () => Promise<T>): Promise<T> {
    const stop = this.commandSeconds.startTimer({ command });
    try {
      const result = await work();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: isRefusal(error) ? 'rejected' : 'failed' });
      throw error;
    }
  }

  appendCommitted(commit: { appends: number; events: number }): void {
    if (commit.events === 0) return;
    this.appendBatchEvents.observe(commit.events);
    this.appendBatchAppends.observe(commit.appends);
  }

  async timeSchedulerRun(trigger: 'interval' | 'api', run: () => Promise<SchedulerRun>): Promise<SchedulerRun> {
    try {
      const result = await run();
      this.schedulerRuns.inc({ trigger, outcome: result.complete ? 'ok' : 'bounded' });
      for (const deadline of result.fired) this.deadlinesFired.inc({ outcome: deadline.outcome });
      return result;
    } catch (error) {
      this.schedulerRuns.inc({ trigger, outcome: 'failed' });
      throw error;
    }
  }

  /** A timer's tick that found a run under way and left it to that run. */
  skippedSchedulerTick(): void {
    this.schedulerRuns.inc({ trigger: 'interval', outcome: 'skipped' });
  }

  /** Called at each scrape: the projections' positions as the read store has them now. */
  recordProjections(statuses: readonly ProjectionStatus[]): void {
    for (const status of statuses) {
      this.projectionLag.set({ projection: status.name }, status.lag);
      this.projectionPosition.set({ projection: status.name }, status.position);
      this.deadLetters.set({ projection: status.name }, status.deadLetters);
    }
    if (statuses[0]) this.logHead.set(statuses[0].headPosition);
  }
}

/** The rules or the input said no (a 4xx), apart from faults (a 5xx), as the error filter maps them. */
function isRefusal(error: unknown): boolean {
  return toErrorResponse(error).status < 500;
}
