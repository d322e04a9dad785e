/**
 * A rebuild of projections from zero, as `cli rebuild --all` runs it (docs/decisions.md D44): the
 * projections are dealt into shares of about equal cost, and each share is rebuilt by a process of
 * its own into one new read store file, which replaces the live file once every share has reached
 * the log's head. On two cores two shares rebuild about 1.4 times as fast as one process
 * (docs/benchmarks.md); the log is read once per share.
 */
import { performance } from 'node:perf_hooks';
import type { EventStore } from '@ledger/event-store';
import { ProjectionRunner, type ProjectionDefinition, type ReadStore } from '@ledger/read-store';

/** Most shares a rebuild is split into: each is a process with the whole application loaded. */
export const MAX_REBUILD_SHARES = 8;
/** Slice of the event loop for a rebuild in a process of its own: a turn now and then, for timers and IPC. */
const OFFLINE_SLICE_MS = 200;
/** How long one wait for the head lasts before the share reports that it is still going. */
const HEAD_WAIT_MS = 60_000;

/**
 * Relative CPU cost of rebuilding each projection from zero beyond reading the log (measured:
 * `replay-step.ts rebuild <log> <file> <name>`, 60,000 events, docs/benchmarks.md). A projection
 * not listed counts 1.
 */
export const REBUILD_WEIGHTS: Readonly<Record<string, number>> = {
  customer_balances: 2.2,
  deadlines: 1.6,
  invoices: 1.5,
  journal: 1.4,
  dunning: 1.1,
  decision_log: 0.9,
  licence_state: 0.7,
  enrolments: 0.6,
  people: 0.5,
  refunds: 0.2,
  bank_statements: 0.1,
  tier_surcharges: 0.1,
  erasures: 0.1,
  approvals: 0.1,
};

/** Deals projection names into at most `shares` groups of about equal weight, heaviest first. */
export function dealProjections(names: readonly string[], shares: number): string[][] {
  if (!Number.isInteger(shares) || shares < 1 || shares > MAX_REBUILD_SHARES)
    throw new RangeError(`A rebuild is split into 1 to ${MAX_REBUILD_SHARES} shares, not ${String(shares)}`);
  const groups = Array.from({ length: shares }, () => ({ weight: 0, names: [] as string[] }));
  const weightOf = (name: string) => REBUILD_WEIGHTS[name] ?? 1;
  const heaviestFirst = [...names].sort((a, b) => weightOf(b) - weightOf(a) || a.localeCompare(b));
  for (const name of heaviestFirst) {
    const lightest = groups.reduce((best, group) => (group.weight < best.weight ? group : best));
    lightest.names.push(name);
    lightest.weight += weightOf(name);
  }
  return groups.map((group) => group.names).filter((group) => group.length > 0);
}

export interface ShareRebuilt {
  projections: string[];
  /** The log position every projection of the share reached. */
  position: number;
  elapsedMs: number;
  /** User + system CPU time of the process during the rebuild. */
  cpuMs: number;
  deadLetters: number;
}

/**
 * Runs the projections from their checkpoints (none, in a new read store) until each has reached
 * the log's head as it was when the rebuild started, then stops them.
 */
export async function rebuildShare(options: {
  eventStore: EventStore;
  readStore: ReadStore;
  projections: ProjectionDefinition[];
  logger?: { log(message: string): void; warn(message: string): void; error(message: string): void };
  onWaiting?: (position: number) => void;
}): Promise<ShareRebuilt> {
  const runner = new ProjectionRunner({
    eventStore: options.eventStore,
    readStore: options.readStore,
    projections: options.projections,
    // A share's process answers no requests: the loop need not turn every 5 ms (D47).
    sliceMs: OFFLINE_SLICE_MS,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const head = await options.eventStore.headPosition();
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  runner.start();
  try {
    while (!(await runner.waitForPosition(head, HEAD_WAIT_MS))) options.onWaiting?.(head);
  } finally {
    await runner.stop();
  }
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    projections: options.projections.map((projection) => projection.name),
    position: head,
    elapsedMs: Math.round(performance.now() - startedAt),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    deadLetters: await options.readStore.countDeadLetters(),
  };
}
