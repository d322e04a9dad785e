/**
 * Replay benchmark: generates a realistic log (replay-data.ts: the demo's mix scaled up, written
 * through the real write path), then, round by round, in fresh processes:
 *  - the raw ceiling: one scan of the log with JSON.parse of data and metadata;
 *  - a rebuild of every projection (createAllProjections()) from zero into an empty read store,
 *    through the application's stack, until all of them reach the log's head;
 *  - in the first round, the write floor: the rebuild's final documents written again into an empty
 *    read store, as a rebuild writes them, with no log read and no handler (what storing the
 *    result costs at the least);
 *  - the same rebuild split over --replay-processes (default 2, one per core) processes started
 *    together, each rebuilding a share of the projections into the same read store.
 * Prints events/s and peak RSS (medians over the rounds) and the rebuild/ceiling ratio measured in
 * the same rounds; writes .bench-results/replay.json.
 *
 *   npx tsx scripts/bench/replay.ts [--replay-events=200000] [--replay-rounds=2] [--dir=/path]
 *   BENCH_REPLAY_EVENTS=1000000 npm run bench   # the 1M-event figures (about 5 minutes more)
 *   --replay-data=/path   replay an existing data directory (events.sqlite, keys.sqlite) instead of generating
 *   --replay-processes=1  skip the side-by-side rebuild
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { dealProjections } from '@ledger/application';
import { buildServers } from './http';
import { generateLog, type GenerateResult } from './replay-data';
import type { StepResult } from './replay-step';
import {
  benchDirectory,
  formatNumber,
  intSetting,
  median,
  printTable,
  round,
  runStep,
  setting,
  writeResults,
} from './lib';
import { createAllProjections } from '../../projections';

/** The issue-13 target: a rebuild at this share of the scan+parse ceiling. */
export const REBUILD_TARGET_SHARE = 0.25;

export interface ReplayConfig {
  events: number;
  rounds: number;
  directory: string;
  /** An existing data directory (events.sqlite + keys.sqlite) to replay instead of generating one; kept. */
  dataDir?: string;
  /** Processes of the side-by-side rebuild (each rebuilds a share of the projections into the same read store); 1 skips it. */
  processes: number;
}

export interface ReplayResult {
  config: ReplayConfig;
  generated: GenerateResult & { eventsPerSecond: number };
  scan: { eventsPerSecond: number; peakRssMiB: number; cpuMs: number; runs: StepResult[] };
  rebuild: {
    eventsPerSecond: number;
    peakRssMiB: number;
    /** CPU time of the measured part: a steadier measure than wall time on a busy machine. */
    cpuMs: number;
    projections: number;
    deadLetters: number;
    runs: StepResult[];
  };
  /** The same rebuild split over `processes` processes started together: events over the time until the last one finished. */
  sideBySide?: {
    processes: number;
    eventsPerSecond: number;
    peakRssMiB: number;
    deadLetters: number;
    vsScan: number;
    runs: StepResult[][];
  };
  /** Median over rounds of rebuild events/s / scan events/s in the same round. */
  rebuildVsScan: number;
  /** The first round's write floor (replay-step.ts write-floor). */
  writeFloor?: StepResult;
}

export async function runReplay(config: ReplayConfig): Promise<ReplayResult> {
  // The scan and rebuild steps run compiled, as the ledger does in production.
  buildServers();
  const dataDir = config.dataDir ?? mkdtempSync(join(config.directory, 'ledger-bench-replay-'));
  try {
    let generated: GenerateResult;
    if (config.dataDir === undefined) {
      console.log(`  replay: generating ${formatNumber(config.events)} events through the write path ...`);
      generated = await generateLog(dataDir, config.events, (events) =>
        console.log(`    ${formatNumber(events)} events`),
      );
    } else {
      const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
      const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      db.close();
      generated = { events, commands: 0, refused: 0, byType: {}, elapsedMs: Number.NaN };
      console.log(`  replay: ${formatNumber(events)} events in ${dataDir} (not generated in this run)`);
    }
    if (config.dataDir === undefined)
      console.log(
        `  replay: generated ${formatNumber(generated.events)} events (${generated.commands} commands, ${generated.refused} refused by the rulebooks) in ${(generated.elapsedMs / 1000).toFixed(1)} s`,
      );
    const scans: StepResult[] = [];
    const rebuilds: StepResult[] = [];
    const splits: StepResult[][] = [];
    let writeFloor: StepResult | undefined;
    for (let roundIndex = 1; roundIndex <= config.rounds; roundIndex++) {
      const scan = await runStep<StepResult>('replay-step.ts', ['scan', dataDir], { quiet: true, compiled: true });
      scans.push(scan);
      const readStoreFile = join(dataDir, `read-models-${roundIndex}.sqlite`);
      const rebuild = await runStep<StepResult>('replay-step.ts', ['rebuild', dataDir, readStoreFile], {
        quiet: true,
        compiled: true,
      });
      if (roundIndex === 1) {
        const floorFile = join(dataDir, 'read-models-write-floor.sqlite');
        writeFloor = await runStep<StepResult>('replay-step.ts', ['write-floor', readStoreFile, floorFile], {
          quiet: true,
          compiled: true,
        });
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${floorFile}${suffix}`, { force: true });
      }
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${readStoreFile}${suffix}`, { force: true });
      rebuilds.push(rebuild);
      if (config.processes > 1) {
        const split = await rebuildSideBySide(
          dataDir,
          join(dataDir, `read-models-split-${roundIndex}.sqlite`),
          config.processes,
        );
        splits.push(split);
        const eventsPerSecond = sideBySideRate(split);
        console.log(
          `  replay round ${roundIndex}/${config.rounds}: rebuild split over ${config.processes} processes ${formatNumber(eventsPerSecond)} events/s`,
        );
      }
      console.log(
        `  replay round ${roundIndex}/${config.rounds}: scan+parse ${formatNumber(scan.eventsPerSecond)} events/s, ` +
          `rebuild of ${rebuild.projections} projections ${formatNumber(rebuild.eventsPerSecond)} events/s (${(rebuild.elapsedMs / 1000).toFixed(1)} s, peak RSS ${rebuild.peakRssMiB} MiB)`,
      );
    }
    return {
      config,
      generated: { ...generated, eventsPerSecond: Math.round((generated.events / generated.elapsedMs) * 1000) },
      scan: {
        eventsPerSecond: Math.round(median(scans.map((s) => s.eventsPerSecond))),
        peakRssMiB: median(scans.map((s) => s.peakRssMiB)),
        cpuMs: median(scans.map((s) => s.cpuMs ?? Number.NaN)),
        runs: scans,
      },
      rebuild: {
        eventsPerSecond: Math.round(median(rebuilds.map((r) => r.eventsPerSecond))),
        peakRssMiB: median(rebuilds.map((r) => r.peakRssMiB)),
        cpuMs: median(rebuilds.map((r) => r.cpuMs ?? Number.NaN)),
        projections: rebuilds[0]?.projections ?? 0,
        deadLetters: Math.max(...rebuilds.map((r) => r.deadLetters ?? 0)),
        runs: rebuilds,
      },
      rebuildVsScan: round(
        median(rebuilds.map((r, index) => r.eventsPerSecond / (scans[index]?.eventsPerSecond ?? Number.NaN))),
        3,
      ),
      ...(writeFloor === undefined ? {} : { writeFloor }),
      ...(splits.length === 0
        ? {}
        : {
            sideBySide: {
              processes: config.processes,
              eventsPerSecond: Math.round(median(splits.map(sideBySideRate))),
              peakRssMiB: median(splits.map((runs) => runs.reduce((sum, run) => sum + run.peakRssMiB, 0))),
              deadLetters: Math.max(...splits.flat().map((run) => run.deadLetters ?? 0)),
              vsScan: round(
                median(
                  splits.map((runs, index) => sideBySideRate(runs) / (scans[index]?.eventsPerSecond ?? Number.NaN)),
                ),
                3,
              ),
              runs: splits,
            },
          }),
    };
  } finally {
    if (config.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function rebuildSideBySide(dataDir: string, readStoreFile: string, processes: number): Promise<StepResult[]> {
  const shares = dealProjections(
    createAllProjections().map((projection) => projection.name),
    processes,
  );
  // Time for every process to start and open its stores before the common start.
  const startAtMs = Date.now() + 5_000;
  try {
    return await Promise.all(
      shares.map((names) =>
        runStep<StepResult>('replay-step.ts', ['rebuild', dataDir, readStoreFile, names.join(','), String(startAtMs)], {
          quiet: true,
          compiled: true,
        }),
      ),
    );
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${readStoreFile}${suffix}`, { force: true });
  }
}

/** Events over the time from the common start until the last process finished. */
function sideBySideRate(runs: readonly StepResult[]): number {
  const startedAtMs = Math.min(...runs.map((run) => run.startedAtMs ?? Number.NaN));
  const finishedAtMs = Math.max(...runs.map((run) => run.finishedAtMs ?? Number.NaN));
  return Math.round(((runs[0]?.events ?? 0) / (finishedAtMs - startedAtMs)) * 1000);
}

export function printReplay(result: ReplayResult): void {
  printTable(
    `Replay: ${formatNumber(result.generated.events)} events, rebuild of ${result.rebuild.projections} projections from zero (median of ${result.config.rounds} rounds, each step in a fresh process)`,
    ['step', 'events/s', 'wall s', 'CPU s', 'peak RSS MiB'],
    [
      [
        'scan + JSON.parse (ceiling)',
        formatNumber(result.scan.eventsPerSecond),
        (result.generated.events / result.scan.eventsPerSecond).toFixed(1),
        (result.scan.cpuMs / 1000).toFixed(1),
        result.scan.peakRssMiB.toFixed(0),
      ],
      [
        'rebuild every projection',
        formatNumber(result.rebuild.eventsPerSecond),
        (result.generated.events / result.rebuild.eventsPerSecond).toFixed(1),
        (result.rebuild.cpuMs / 1000).toFixed(1),
        result.rebuild.peakRssMiB.toFixed(0),
      ],
      ...(result.sideBySide === undefined
        ? []
        : [
            [
              `rebuild every projection, ${result.sideBySide.processes} processes`,
              formatNumber(result.sideBySide.eventsPerSecond),
              (result.generated.events / result.sideBySide.eventsPerSecond).toFixed(1),
              `${(median(result.sideBySide.runs.map((runs) => runs.reduce((sum, run) => sum + (run.cpuMs ?? 0), 0))) / 1000).toFixed(1)} (sum)`,
              `${result.sideBySide.peakRssMiB.toFixed(0)} (sum)`,
            ],
          ]),
      ...(result.writeFloor === undefined
        ? []
        : [
            [
              `write floor: the ${formatNumber(result.writeFloor.documents ?? 0)} final documents alone (round 1)`,
              '-',
              (result.writeFloor.elapsedMs / 1000).toFixed(1),
              ((result.writeFloor.cpuMs ?? Number.NaN) / 1000).toFixed(1),
              result.writeFloor.peakRssMiB.toFixed(0),
            ],
          ]),
      ...(Number.isNaN(result.generated.elapsedMs)
        ? []
        : [
            [
              '(generation through the write path)',
              formatNumber(result.generated.eventsPerSecond),
              (result.generated.elapsedMs / 1000).toFixed(1),
              '-',
              '-',
            ],
          ]),
    ],
  );
  console.log(
    `rebuild vs scan ceiling (same rounds): ${(result.rebuildVsScan * 100).toFixed(1)} %; dead letters: ${result.rebuild.deadLetters}`,
  );
  if (result.writeFloor !== undefined) {
    const budgetS = result.generated.events / (result.scan.eventsPerSecond * REBUILD_TARGET_SHARE);
    console.log(
      `write floor: ${(result.writeFloor.elapsedMs / 1000).toFixed(1)} s (serialising ${((result.writeFloor.serialiseMs ?? 0) / 1000).toFixed(1)} s) ` +
        `against ${budgetS.toFixed(1)} s for the whole rebuild at ${REBUILD_TARGET_SHARE * 100} % of the ceiling`,
    );
  }
  if (result.sideBySide !== undefined) {
    console.log(
      `rebuild in ${result.sideBySide.processes} processes vs scan ceiling (same rounds): ${(result.sideBySide.vsScan * 100).toFixed(1)} %; dead letters: ${result.sideBySide.deadLetters}`,
    );
  }
}

export function replayConfig(): ReplayConfig {
  const dataDir = setting('replay-data', '');
  return {
    events: intSetting('replay-events', 200_000),
    rounds: intSetting('replay-rounds', 2),
    processes: intSetting('replay-processes', 2),
    directory: benchDirectory(),
    ...(dataDir === '' ? {} : { dataDir: resolve(dataDir) }),
  };
}

if (require.main === module) {
  runReplay(replayConfig())
    .then((result) => {
      printReplay(result);
      console.log(`results written to ${writeResults('replay', { result })}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
