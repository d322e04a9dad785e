/**
 * Replay benchmark: generates a realistic log (replay-data.ts: the demo's mix scaled up, written
 * through the real write path), then, round by round, in fresh processes:
 *  - the raw ceiling: one scan of the log with JSON.parse of data and metadata;
 *  - a rebuild of every projection (createAllProjections()) from zero into an empty read store,
 *    through the application's stack, until all of them reach the log's head.
 * Prints events/s and peak RSS (medians over the rounds) and the rebuild/ceiling ratio measured in
 * the same rounds; writes .bench-results/replay.json.
 *
 *   npx tsx scripts/bench/replay.ts [--replay-events=200000] [--replay-rounds=2] [--dir=/path]
 *   BENCH_REPLAY_EVENTS=1000000 npm run bench   # the 1M-event figures (about 5 minutes more)
 *   --replay-data=/path   replay an existing data directory (events.sqlite, keys.sqlite) instead of generating
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { generateLog, type GenerateResult } from './replay-data';
import type { StepResult } from './replay-step';
import { benchDirectory, formatNumber, intSetting, median, printTable, round, runStep, setting, writeResults } from './lib';

export interface ReplayConfig {
  events: number;
  rounds: number;
  directory: string;
  /** An existing data directory (events.sqlite + keys.sqlite) to replay instead of generating one; kept. */
  dataDir?: string;
}

export interface ReplayResult {
  config: ReplayConfig;
  generated: GenerateResult & { eventsPerSecond: number };
  scan: { eventsPerSecond: number; peakRssMiB: number; runs: StepResult[] };
  rebuild: { eventsPerSecond: number; peakRssMiB: number; projections: number; deadLetters: number; runs: StepResult[] };
  /** Median over rounds of rebuild events/s / scan events/s in the same round. */
  rebuildVsScan: number;
}

export async function runReplay(config: ReplayConfig): Promise<ReplayResult> {
  const dataDir = config.dataDir ?? mkdtempSync(join(config.directory, 'ledger-bench-replay-'));
  try {
    let generated: GenerateResult;
    if (config.dataDir === undefined) {
      console.log(`  replay: generating ${formatNumber(config.events)} events through the write path ...`);
      generated = await generateLog(dataDir, config.events, (events) => console.log(`    ${formatNumber(events)} events`));
    } else {
      const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
      const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      db.close();
      generated = { events, commands: 0, refused: 0, byType: {}, elapsedMs: Number.NaN };
    }
    console.log(`  replay: generated ${formatNumber(generated.events)} events (${generated.commands} commands, ${generated.refused} refused by the rulebooks) in ${(generated.elapsedMs / 1000).toFixed(1)} s`);
    const scans: StepResult[] = [];
    const rebuilds: StepResult[] = [];
    for (let roundIndex = 1; roundIndex <= config.rounds; roundIndex++) {
      const scan = await runStep<StepResult>('replay-step.ts', ['scan', dataDir], { quiet: true });
      scans.push(scan);
      const readStoreFile = join(dataDir, `read-models-${roundIndex}.sqlite`);
      const rebuild = await runStep<StepResult>('replay-step.ts', ['rebuild', dataDir, readStoreFile], { quiet: true });
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${readStoreFile}${suffix}`, { force: true });
      rebuilds.push(rebuild);
      console.log(
        `  replay round ${roundIndex}/${config.rounds}: scan+parse ${formatNumber(scan.eventsPerSecond)} events/s, ` +
          `rebuild of ${rebuild.projections} projections ${formatNumber(rebuild.eventsPerSecond)} events/s (${(rebuild.elapsedMs / 1000).toFixed(1)} s, peak RSS ${rebuild.peakRssMiB} MiB)`,
      );
    }
    return {
      config,
      generated: { ...generated, eventsPerSecond: Math.round((generated.events / generated.elapsedMs) * 1000) },
      scan: { eventsPerSecond: Math.round(median(scans.map((s) => s.eventsPerSecond))), peakRssMiB: median(scans.map((s) => s.peakRssMiB)), runs: scans },
      rebuild: {
        eventsPerSecond: Math.round(median(rebuilds.map((r) => r.eventsPerSecond))),
        peakRssMiB: median(rebuilds.map((r) => r.peakRssMiB)),
        projections: rebuilds[0]?.projections ?? 0,
        deadLetters: Math.max(...rebuilds.map((r) => r.deadLetters ?? 0)),
        runs: rebuilds,
      },
      rebuildVsScan: round(median(rebuilds.map((r, index) => r.eventsPerSecond / (scans[index]?.eventsPerSecond ?? Number.NaN))), 3),
    };
  } finally {
    if (config.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printReplay(result: ReplayResult): void {
  printTable(
    `Replay: ${formatNumber(result.generated.events)} events, rebuild of ${result.rebuild.projections} projections from zero (median of ${result.config.rounds} rounds, each step in a fresh process)`,
    ['step', 'events/s', 'wall s', 'peak RSS MiB'],
    [
      ['scan + JSON.parse (ceiling)', formatNumber(result.scan.eventsPerSecond), (result.generated.events / result.scan.eventsPerSecond).toFixed(1), result.scan.peakRssMiB.toFixed(0)],
      ['rebuild every projection', formatNumber(result.rebuild.eventsPerSecond), (result.generated.events / result.rebuild.eventsPerSecond).toFixed(1), result.rebuild.peakRssMiB.toFixed(0)],
      ...(Number.isNaN(result.generated.elapsedMs)
        ? []
        : [['(generation through the write path)', formatNumber(result.generated.eventsPerSecond), (result.generated.elapsedMs / 1000).toFixed(1), '-']]),
    ],
  );
  console.log(`rebuild vs scan ceiling (same rounds): ${(result.rebuildVsScan * 100).toFixed(1)} %; dead letters: ${result.rebuild.deadLetters}`);
}

export function replayConfig(): ReplayConfig {
  const dataDir = setting('replay-data', '');
  return {
    events: intSetting('replay-events', 200_000),
    rounds: intSetting('replay-rounds', 2),
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
