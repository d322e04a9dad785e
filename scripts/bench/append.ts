/**
 * Append benchmark: many concurrent writers, each appending single events to its own stream at the
 * exact expected revision, every commit fsynced (synchronous=FULL). Modes, interleaved round by
 * round so a noisy machine hits them alike:
 *  - ledger, group commit: SqliteEventStore as the application opens it;
 *  - ledger, one commit per append: SqliteEventStore with groupCommit false;
 *  - emmett-sqlite (from scripts/bench/node_modules, when installed): the same workload through
 *    its public appendToStream. Its connection is not safe for concurrent appends (two in flight
 *    close each other's handle or collide on BEGIN), so its appends run one at a time through a
 *    queue, which is how it can be used correctly from one process.
 * Prints events/s and append latency percentiles (medians over the rounds) and writes
 * .bench-results/append.json.
 *
 *   npx tsx scripts/bench/append.ts [--rounds=3] [--duration-ms=3000] [--writers=64] [--dir=/path]
 *   (or BENCH_ROUNDS, BENCH_DURATION_MS, BENCH_WRITERS, BENCH_DIR)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { newEventId } from '../../libs/event-store/src/sqlite/event-ids';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import {
  BENCH_MODULES,
  benchDirectory,
  benchRequire,
  formatNumber,
  intSetting,
  median,
  percentile,
  printTable,
  round,
  writeResults,
} from './lib';

/** Bounds the latency buffer (8 bytes an event). */
const MAX_EVENTS_PER_RUN = 1_000_000;

export interface AppendConfig {
  rounds: number;
  durationMs: number;
  writers: number;
  directory: string;
}

export interface AppendRun {
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  commits?: number;
}

export interface AppendModeResult {
  mode: string;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  eventsPerCommit?: number;
  runs: AppendRun[];
}

export interface AppendResult {
  config: AppendConfig;
  emmett: { available: boolean; version?: string; synchronous?: string; note: string; failedAttemptsRetried?: number };
  modes: AppendModeResult[];
  /** Median over rounds of (ledger group commit events/s) / (emmett events/s) in the same round. */
  groupCommitVsEmmett?: number;
  groupCommitVsNoGroupCommit: number;
  /** Median over rounds of (event ids from the command) / (time-ordered event ids), command ids in both. */
  commandIdsVsTimeOrderedIds: number;
}

type Appender = (writer: number, slot: number) => Promise<void>;

interface Mode {
  name: string;
  open(
    directory: string,
  ): Promise<{ append: Appender; commits(): number | undefined; close(): Promise<void>; keepFiles?: boolean }>;
}

const LEDGER_GROUP = 'ledger, group commit';
const LEDGER_COMMAND_V7 = 'ledger, group commit, command ids, time-ordered event ids';
const LEDGER_COMMAND_V5 = 'ledger, group commit, command ids, event ids from the command';
const LEDGER_SINGLE = 'ledger, one commit per append';
const EMMETT = 'emmett-sqlite';

function ledgerMode(name: string, groupCommit: boolean): Mode {
  return {
    name,
    async open(directory) {
      const store = SqliteEventStore.open({ file: join(directory, 'events.sqlite'), groupCommit });
      const revisions: Array<number | 'no_stream'> = [];
      return {
        async append(writer, slot) {
          const result = await store.append(
            `bench-writer-${writer}`,
            [{ type: 'BenchmarkEventAppended', data: { slot } }],
            {
              expectedRevision: revisions[writer] ?? 'no_stream',
            },
          );
          revisions[writer] = result.nextExpectedRevision;
        },
        commits: () => store.stats.commits,
        close: () => store.close(),
      };
    },
  };
}

/**
 * As the command pipeline appends: every event carries a client's (random) command id, indexed by
 * the log, and an event id that is either time-ordered (UUIDv7) or derived from the command (UUIDv5).
 */
function commandMode(name: string, eventId: (commandId: string, streamId: string) => string): Mode {
  return {
    name,
    async open(directory) {
      const store = SqliteEventStore.open({ file: join(directory, 'events.sqlite') });
      const revisions: Array<number | 'no_stream'> = [];
      return {
        async append(writer, slot) {
          const streamId = `bench-writer-${writer}`;
          const commandId = randomUUID();
          const result = await store.append(
            streamId,
            [
              {
                id: eventId(commandId, streamId),
                type: 'BenchmarkEventAppended',
                data: { slot },
                metadata: { commandId },
              },
            ],
            { expectedRevision: revisions[writer] ?? 'no_stream' },
          );
          revisions[writer] = result.nextExpectedRevision;
        },
        commits: () => store.stats.commits,
        close: () => store.close(),
      };
    },
  };
}

/**
 * The alternative measured for docs/decisions.md D25 (not used by the ledger): a name-based event
 * id (UUIDv5 layout) from the command id, the stream and the event's index in the append.
 */
function commandEventId(commandId: string, streamId: string, index: number): string {
  const digest = createHash('sha1').update(`ledger-event:${commandId}\u0000${streamId}\u0000${index}`).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

interface EmmettModule {
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(
      stream: string,
      events: Array<{ type: string; data: Record<string, unknown> }>,
      options?: { expectedStreamVersion?: bigint },
    ): Promise<{ nextExpectedStreamVersion: bigint }>;
  };
}

function emmettMode(): Mode {
  return {
    name: EMMETT,
    async open(directory) {
      const emmett = benchRequire<EmmettModule>('@event-driven-io/emmett-sqlite');
      const store = emmett.getSQLiteEventStore({ fileName: join(directory, 'emmett.sqlite') });
      const versions: bigint[] = [];
      let tail: Promise<unknown> = Promise.resolve();
      // It console.logs every failed transaction; the failures are counted instead (failedAttemptsRetried).
      const log = console.log;
      console.log = (...args: unknown[]) => {
        if (!(args[0] instanceof Error)) log(...args);
      };
      return {
        append(writer, slot) {
          const run = async (): Promise<void> => {
            // It occasionally fails on its own connection handling (SQLITE_BUSY "statements in
            // progress"); such an attempt is counted and retried, its time stays in the latency.
            for (let attempt = 1; ; attempt++) {
              try {
                const result = await store.appendToStream(
                  `bench-writer${writer}`,
                  [{ type: 'BenchmarkEventAppended', data: { slot } }],
                  {
                    expectedStreamVersion: versions[writer] ?? 0n,
                  },
                );
                versions[writer] = result.nextExpectedStreamVersion;
                return;
              } catch (error) {
                emmettErrors += 1;
                if (attempt >= 5) throw error;
              }
            }
          };
          const next = tail.then(run);
          tail = next.catch(() => undefined);
          return next;
        },
        commits: () => undefined,
        close: async () => {
          await tail;
          console.log = log;
        },
        // emmett closes its connections without waiting; its files go when the process exits.
        keepFiles: true,
      };
    },
  };
}

let emmettErrors = 0;

async function runMode(mode: Mode, config: AppendConfig): Promise<AppendRun> {
  const directory = mkdtempSync(join(config.directory, 'ledger-bench-append-'));
  const target = await mode.open(directory);
  try {
    const latencies = new Float64Array(MAX_EVENTS_PER_RUN);
    let recorded = 0;
    const startedAt = performance.now();
    const deadline = startedAt + config.durationMs;
    const claim = (): number | undefined =>
      recorded < MAX_EVENTS_PER_RUN && performance.now() < deadline ? recorded++ : undefined;
    await Promise.all(
      Array.from({ length: config.writers }, async (_, writer) => {
        for (let slot = claim(); slot !== undefined; slot = claim()) {
          const t0 = performance.now();
          await target.append(writer, slot);
          latencies[slot] = performance.now() - t0;
        }
      }),
    );
    const elapsedMs = performance.now() - startedAt;
    const sorted = Float64Array.from(latencies.subarray(0, recorded)).sort();
    const commits = target.commits();
    return {
      events: recorded,
      elapsedMs: round(elapsedMs),
      eventsPerSecond: Math.round((recorded / elapsedMs) * 1000),
      p50Ms: round(percentile(sorted, 0.5)),
      p99Ms: round(percentile(sorted, 0.99)),
      p999Ms: round(percentile(sorted, 0.999)),
      maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
      ...(commits === undefined ? {} : { commits }),
    };
  } finally {
    await target.close();
    if (target.keepFiles) process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
    else rmSync(directory, { recursive: true, force: true });
  }
}

export function emmettAvailable(): boolean {
  return (
    existsSync(join(BENCH_MODULES, '@event-driven-io', 'emmett-sqlite')) && existsSync(join(BENCH_MODULES, 'sqlite3'))
  );
}

async function emmettInfo(directory: string): Promise<AppendResult['emmett']> {
  if (!emmettAvailable()) return { available: false, note: 'not installed: npm install --prefix scripts/bench' };
  const version = (
    JSON.parse(readFileSync(join(BENCH_MODULES, '@event-driven-io', 'emmett-sqlite', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  // emmett opens its connections with sqlite3's defaults plus journal_mode=WAL; read what that means for fsync.
  const sqlite3 = benchRequire<{
    Database: new (file: string) => {
      get(sql: string, cb: (error: Error | null, row: Record<string, number>) => void): void;
      run(sql: string, cb?: () => void): void;
      close(cb: () => void): void;
    };
  }>('sqlite3');
  const dir = mkdtempSync(join(directory, 'ledger-bench-emmett-probe-'));
  const db = new sqlite3.Database(join(dir, 'probe.sqlite'));
  const synchronous = await new Promise<string>((resolve, reject) =>
    db.run('PRAGMA journal_mode = WAL', () =>
      db.get('PRAGMA synchronous', (error, row) =>
        error
          ? reject(error)
          : resolve(['OFF', 'NORMAL', 'FULL', 'EXTRA'][row['synchronous'] as number] ?? String(row['synchronous'])),
      ),
    ),
  );
  await new Promise<void>((resolve) => db.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
  return {
    available: true,
    version,
    synchronous,
    note: 'appends serialised through one queue (its connection handling is not safe for concurrent appends); it opens and closes its SQLite connection for every operation',
  };
}

export async function runAppend(config: AppendConfig): Promise<AppendResult> {
  const emmett = await emmettInfo(config.directory);
  const modes: Mode[] = [
    ledgerMode(LEDGER_GROUP, true),
    ...(emmett.available ? [emmettMode()] : []),
    ledgerMode(LEDGER_SINGLE, false),
    // docs/decisions.md D7/D25: which event ids the command pipeline gives its events.
    commandMode(LEDGER_COMMAND_V7, () => newEventId()),
    commandMode(LEDGER_COMMAND_V5, (commandId, streamId) => commandEventId(commandId, streamId, 0)),
  ];
  const runs = new Map<string, AppendRun[]>(modes.map((mode) => [mode.name, []]));
  for (let roundIndex = 1; roundIndex <= config.rounds; roundIndex++) {
    for (const mode of modes) {
      const run = await runMode(mode, config);
      runs.get(mode.name)!.push(run);
      console.log(
        `  append round ${roundIndex}/${config.rounds} ${mode.name}: ${formatNumber(run.eventsPerSecond)} events/s, p99 ${run.p99Ms} ms`,
      );
    }
  }
  const summary = (name: string): AppendModeResult => {
    const list = runs.get(name)!;
    const totalEvents = list.reduce((sum, run) => sum + run.events, 0);
    const totalCommits = list.reduce((sum, run) => sum + (run.commits ?? 0), 0);
    return {
      mode: name,
      eventsPerSecond: Math.round(median(list.map((run) => run.eventsPerSecond))),
      p50Ms: round(median(list.map((run) => run.p50Ms))),
      p99Ms: round(median(list.map((run) => run.p99Ms))),
      p999Ms: round(median(list.map((run) => run.p999Ms))),
      ...(totalCommits > 0 ? { eventsPerCommit: round(totalEvents / totalCommits, 1) } : {}),
      runs: list,
    };
  };
  const ratio = (a: string, b: string): number =>
    round(
      median(
        runs.get(a)!.map((run, index) => run.eventsPerSecond / (runs.get(b)![index]?.eventsPerSecond ?? Number.NaN)),
      ),
      1,
    );
  return {
    config,
    emmett: emmett.available ? { ...emmett, failedAttemptsRetried: emmettErrors } : emmett,
    modes: modes.map((mode) => summary(mode.name)),
    ...(emmett.available ? { groupCommitVsEmmett: ratio(LEDGER_GROUP, EMMETT) } : {}),
    groupCommitVsNoGroupCommit: ratio(LEDGER_GROUP, LEDGER_SINGLE),
    commandIdsVsTimeOrderedIds: round(
      median(
        runs
          .get(LEDGER_COMMAND_V5)!
          .map((run, index) => run.eventsPerSecond / (runs.get(LEDGER_COMMAND_V7)![index]?.eventsPerSecond ?? NaN)),
      ),
      3,
    ),
  };
}

export function printAppend(result: AppendResult): void {
  printTable(
    `Append: ${result.config.writers} writers, single-event appends at the exact expected revision, synchronous=FULL (median of ${result.config.rounds} rounds of ${result.config.durationMs} ms)`,
    ['mode', 'events/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'events/commit'],
    result.modes.map((mode) => [
      mode.mode,
      formatNumber(mode.eventsPerSecond),
      mode.p50Ms.toFixed(2),
      mode.p99Ms.toFixed(2),
      mode.p999Ms.toFixed(2),
      mode.eventsPerCommit === undefined ? '-' : mode.eventsPerCommit.toFixed(1),
    ]),
  );
  if (result.groupCommitVsEmmett !== undefined)
    console.log(`group commit vs emmett-sqlite (same rounds): ${result.groupCommitVsEmmett}x`);
  else console.log(`emmett-sqlite: ${result.emmett.note}`);
  console.log(`group commit vs one commit per append (same rounds): ${result.groupCommitVsNoGroupCommit}x`);
  console.log(
    `event ids from the command vs time-ordered event ids (same rounds): ${result.commandIdsVsTimeOrderedIds}x`,
  );
}

export function appendConfig(): AppendConfig {
  return {
    rounds: intSetting('rounds', 3),
    durationMs: intSetting('duration-ms', 3000),
    writers: intSetting('writers', 64),
    directory: benchDirectory(),
  };
}

if (require.main === module) {
  runAppend(appendConfig())
    .then((result) => {
      printAppend(result);
      console.log(`results written to ${writeResults('append', { result })}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
