/**
 * Append benchmark of the embedded event store: many concurrent writers, each appending single
 * events to its own stream at the exact expected revision, with synchronous=FULL (every commit is
 * fsynced), once with group commit and once without. Prints events/s and append latency
 * percentiles and writes them to .bench-results/append.json.
 *
 *   npx tsx scripts/bench/append.ts [--duration-ms=8000] [--max-events=200000] [--writers=64] [--dir=/path]
 *   (or the same as BENCH_DURATION_MS, BENCH_MAX_EVENTS, BENCH_WRITERS, BENCH_DIR)
 *
 * Each mode stops at whichever comes first, the duration or the event count. --dir picks the file
 * system under test (default: the OS temp dir); a tmpfs there would make fsync free and the figures
 * meaningless.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SqliteEventStore, SqliteEventStoreStats } from '../../libs/event-store/src/sqlite/sqlite-event-store';

interface BenchConfig {
  writers: number;
  durationMs: number;
  maxEvents: number;
  directory: string;
}

interface ModeResult {
  mode: string;
  groupCommit: boolean;
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyP999Ms: number;
  latencyMaxMs: number;
  commits: number;
  eventsPerCommit: number;
}

const MODES = [
  { mode: 'group commit ON', groupCommit: true },
  { mode: 'group commit OFF', groupCommit: false },
] as const;
const RESULTS_FILE = join(process.cwd(), '.bench-results', 'append.json');

async function main(): Promise<void> {
  const config = readConfig();
  console.log(
    `append benchmark: ${config.writers} writers, single-event appends, synchronous=FULL, ` +
      `up to ${config.durationMs} ms or ${config.maxEvents} events per mode, in ${config.directory}`,
  );
  const results: ModeResult[] = [];
  for (const { mode, groupCommit } of MODES) results.push(await runMode(mode, groupCommit, config));
  printTable(results);
  writeResults(config, results);
}

async function runMode(mode: string, groupCommit: boolean, config: BenchConfig): Promise<ModeResult> {
  const directory = mkdtempSync(join(config.directory, 'ledger-bench-append-'));
  const store = SqliteEventStore.open({ file: join(directory, 'events.sqlite'), groupCommit });
  try {
    const latenciesMs = new Float64Array(config.maxEvents);
    let recorded = 0;
    const startedAt = performance.now();
    const deadline = startedAt + config.durationMs;
    const claimSlot = (): number | undefined =>
      recorded < config.maxEvents && performance.now() < deadline ? recorded++ : undefined;

    await Promise.all(
      Array.from({ length: config.writers }, (_, writer) => runWriter(store, `bench-writer-${writer}`, claimSlot, latenciesMs)),
    );
    const elapsedMs = performance.now() - startedAt;
    const stats: SqliteEventStoreStats = store.stats;
    if (stats.events !== recorded) throw new Error(`Store committed ${stats.events} events, benchmark counted ${recorded}`);
    return summarise(mode, groupCommit, latenciesMs.subarray(0, recorded), elapsedMs, stats);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Appends until the benchmark hands out no more slots; each latency lands in its own slot. */
async function runWriter(
  store: SqliteEventStore,
  streamId: string,
  claimSlot: () => number | undefined,
  latenciesMs: Float64Array,
): Promise<void> {
  let expectedRevision: number | 'no_stream' = 'no_stream';
  for (let slot = claimSlot(); slot !== undefined; slot = claimSlot()) {
    const startedAt = performance.now();
    const result = await store.append(streamId, [{ type: 'BenchmarkEventAppended', data: { slot } }], { expectedRevision });
    latenciesMs[slot] = performance.now() - startedAt;
    expectedRevision = result.nextExpectedRevision;
  }
}

function summarise(
  mode: string,
  groupCommit: boolean,
  latenciesMs: Float64Array,
  elapsedMs: number,
  stats: SqliteEventStoreStats,
): ModeResult {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    mode,
    groupCommit,
    events: sorted.length,
    elapsedMs: round(elapsedMs),
    eventsPerSecond: Math.round((sorted.length / elapsedMs) * 1000),
    latencyP50Ms: round(percentile(sorted, 0.5)),
    latencyP99Ms: round(percentile(sorted, 0.99)),
    latencyP999Ms: round(percentile(sorted, 0.999)),
    latencyMaxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    commits: stats.commits,
    eventsPerCommit: round(stats.events / stats.commits),
  };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sortedAscending: Float64Array, fraction: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sortedAscending.length) - 1;
  return sortedAscending[Math.min(Math.max(rank, 0), sortedAscending.length - 1)] as number;
}

function printTable(results: ModeResult[]): void {
  const header = ['mode', 'events', 'events/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'commits', 'events/commit'];
  const rows = results.map((r) => [
    r.mode,
    String(r.events),
    String(r.eventsPerSecond),
    r.latencyP50Ms.toFixed(2),
    r.latencyP99Ms.toFixed(2),
    r.latencyP999Ms.toFixed(2),
    r.latencyMaxMs.toFixed(2),
    String(r.commits),
    r.eventsPerCommit.toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column] as number)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function writeResults(config: BenchConfig, results: ModeResult[]): void {
  mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
  const report = {
    benchmark: 'append',
    at: new Date().toISOString(),
    node: process.version,
    sqlite: sqliteVersion(),
    cpus: cpus().length,
    synchronous: 'FULL',
    config,
    results,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results written to ${RESULTS_FILE}`);
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    db.close();
  }
}

function readConfig(): BenchConfig {
  const args = new Map(
    process.argv.slice(2).map((arg) => {
      const [key, value] = arg.replace(/^--/, '').split('=', 2);
      return [key as string, value ?? ''];
    }),
  );
  const setting = (arg: string, env: string): string | undefined => args.get(arg) ?? process.env[env];
  return {
    writers: positiveInteger('writers', setting('writers', 'BENCH_WRITERS') ?? '64'),
    durationMs: positiveInteger('duration-ms', setting('duration-ms', 'BENCH_DURATION_MS') ?? '8000'),
    // Bounds the latency buffer (8 bytes an event) as well as the run.
    maxEvents: positiveInteger('max-events', setting('max-events', 'BENCH_MAX_EVENTS') ?? '200000'),
    directory: resolve(setting('dir', 'BENCH_DIR') ?? tmpdir()),
  };
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
