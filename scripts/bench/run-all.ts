/**
 * `npm run bench`: every benchmark in one run, side by side, then the targets of issues 8 and 13
 * checked against figures measured in this run (medians of rounds; ratios from the same rounds).
 * Results: .bench-results/{ceiling,append,replay,http,licences,scheduler,summary}.json.
 *
 *   npm run bench
 *   BENCH_REPLAY_EVENTS=1000000 npm run bench          # replay at 1M events (about 5 minutes more)
 *   BENCH_ROUNDS=5 BENCH_DURATION_MS=5000 npm run bench  # longer, steadier runs
 * Settings (flag or BENCH_* variable): rounds, duration-ms, writers, replay-events, replay-rounds,
 * http-duration-s, connections, ceiling-rows, dir (the file system under test; not a tmpfs).
 */
import { performance } from 'node:perf_hooks';
import { appendConfig, emmettAvailable, printAppend, runAppend } from './append';
import { printCeiling, runCeiling } from './ceiling';
import { ENROL, cpuBound, httpConfig, printHttp, runHttp } from './http';
import { formatNumber, intSetting, printTable, benchDirectory, writeResults } from './lib';
import { REBUILD_TARGET_SHARE, printReplay, replayConfig, runReplay } from './replay';
import { licenceCurveConfig, printLicenceCurve, runLicenceCurve } from './licences';
import { printSchedulerBench, runSchedulerBench, schedulerBenchConfig } from './scheduler';

/** Issue 13: POST /enrolments at 64 connections. */
const ENROLMENTS_PER_SECOND_TARGET = 2_000;

interface Target {
  target: string;
  measured: string;
  met: boolean;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const rounds = intSetting('rounds', 3);
  console.log(
    `benchmarks: ${rounds} rounds, files under ${benchDirectory()}${emmettAvailable() ? '' : ' (emmett-sqlite not installed: npm install --prefix scripts/bench)'}`,
  );

  console.log('\n[1/6] ceiling probes');
  const ceiling = runCeiling({ rounds, rows: intSetting('ceiling-rows', 200_000), directory: benchDirectory() });
  writeResults('ceiling', { result: ceiling });
  printCeiling(ceiling);

  console.log('\n[2/6] append');
  const append = await runAppend(appendConfig());
  writeResults('append', { result: append });
  printAppend(append);

  console.log('\n[3/6] replay');
  const replay = await runReplay(replayConfig());
  writeResults('replay', { result: replay });
  printReplay(replay);

  console.log('\n[4/6] http');
  const http = await runHttp(httpConfig());
  writeResults('http', { result: http });
  printHttp(http);

  console.log('\n[5/6] licence registrations on one participant (issue 13)');
  const licences = await runLicenceCurve(licenceCurveConfig());
  writeResults('licences', { result: licences });
  printLicenceCurve(licences);

  console.log('\n[6/6] a scheduler run next to API traffic (issue 13)');
  const scheduler = await runSchedulerBench({
    ...schedulerBenchConfig(),
    licences: intSetting('scheduler-licences', 300),
  });
  writeResults('scheduler', { result: scheduler });
  printSchedulerBench(scheduler);

  const group = append.modes.find((mode) => mode.mode === 'ledger, group commit')!;
  const commands = http.scenarios.filter((scenario) => scenario.vsCeiling !== undefined && !scenario.floor);
  const enrolments = http.scenarios.filter((scenario) => scenario.scenario === ENROL);
  const targets: Target[] = [
    {
      target: 'durable append with group commit >= 50,000 events/s',
      measured: `${formatNumber(group.eventsPerSecond)} events/s`,
      met: group.eventsPerSecond >= 50_000,
    },
    {
      target: 'durable append >= 10x emmett-sqlite',
      measured:
        append.groupCommitVsEmmett === undefined ? 'emmett-sqlite not installed' : `${append.groupCommitVsEmmett}x`,
      met: (append.groupCommitVsEmmett ?? 0) >= 10,
    },
    {
      target: 'rebuild of all projections >= 25 % of the scan+parse ceiling (issue 13)',
      measured: `${(replay.rebuildVsScan * 100).toFixed(1)} %`,
      met: replay.rebuildVsScan >= REBUILD_TARGET_SHARE,
    },
    ...(replay.sideBySide === undefined
      ? []
      : [
          {
            target: `rebuild in ${replay.sideBySide.processes} processes >= 25 % of the ceiling (issue 13)`,
            measured: `${(replay.sideBySide.vsScan * 100).toFixed(1)} %`,
            met: replay.sideBySide.vsScan >= REBUILD_TARGET_SHARE,
          },
        ]),
    ...(replay.generated.events < 1_000_000
      ? []
      : [
          {
            target: 'rebuild peak RSS <= 512 MiB at 1M events (issue 13)',
            measured: `${replay.rebuild.peakRssMiB.toFixed(0)} MiB`,
            met: replay.rebuild.peakRssMiB <= 512,
          },
        ]),
    ...enrolments.map((scenario) => ({
      target: `${scenario.scenario} >= ${formatNumber(ENROLMENTS_PER_SECOND_TARGET)} req/s at ${http.config.connections} connections (issue 13)`,
      measured:
        `${formatNumber(scenario.requestsPerSecond)} req/s` +
        (scenario.cpu === undefined
          ? ''
          : ` (its CPU per request allows at most ${formatNumber(cpuBound(scenario.cpu).machine)} on ${cpuBound(scenario.cpu).cores} cores)`),
      met: scenario.requestsPerSecond >= ENROLMENTS_PER_SECOND_TARGET,
    })),
    ...commands.flatMap((scenario) => [
      {
        target: `${scenario.scenario} >= 40 % of hello world`,
        measured: `${((scenario.vsCeiling ?? 0) * 100).toFixed(1)} %`,
        met: (scenario.vsCeiling ?? 0) >= 0.4,
      },
      {
        target: `${scenario.scenario} p99 <= 50 ms at ${http.config.connections} connections`,
        measured: `${scenario.p99Ms} ms (${scenario.serverP99Ms ?? '-'} ms inside the server, ${scenario.p99AfterFirstMs ?? '-'} ms without connections' first requests)`,
        met: scenario.p99Ms <= 50,
      },
    ]),
  ];
  targets.push(
    {
      target: `licence ${licences.config.licences} costs at most 2x licence 100 (median over HTTP)`,
      measured: `${licences.lastVsHundred}x`,
      met: licences.lastVsHundred <= 2,
    },
    {
      target: 'API p99 <= 100 ms during a scheduler run',
      measured: `${scheduler.run.api.p99Ms} ms (${scheduler.idle.p99Ms} ms without a run)`,
      met: scheduler.run.api.p99Ms <= 100,
    },
    {
      target: 'applied deadlines do not fire again',
      measured: `${scheduler.secondRun.fired} fired by a second run`,
      met: scheduler.secondRun.fired === 0,
    },
  );
  printTable(
    'Targets (issues 8 and 13), from the figures above',
    ['target', 'measured', 'met'],
    targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'NO']),
  );
  const elapsedS = Math.round((performance.now() - startedAt) / 1000);
  const file = writeResults('summary', {
    elapsedS,
    targets,
    figures: {
      ceiling: {
        insertBare: ceiling.insertBareRowsPerSecond,
        insertLogShaped: ceiling.insertLogShapedRowsPerSecond,
        scanParse: ceiling.scanParseRowsPerSecond,
      },
      append: append.modes.map(({ runs: _runs, ...mode }) => mode),
      groupCommitVsEmmett: append.groupCommitVsEmmett,
      replay: {
        events: replay.generated.events,
        rebuild: replay.rebuild.eventsPerSecond,
        rebuildPeakRssMiB: replay.rebuild.peakRssMiB,
        scan: replay.scan.eventsPerSecond,
        rebuildVsScan: replay.rebuildVsScan,
        sideBySide: replay.sideBySide && {
          processes: replay.sideBySide.processes,
          eventsPerSecond: replay.sideBySide.eventsPerSecond,
          vsScan: replay.sideBySide.vsScan,
        },
      },
      http: http.scenarios.map(({ runs: _runs, ...scenario }) => scenario),
      licences: { points: licences.points, lastVsHundred: licences.lastVsHundred },
      scheduler: { run: scheduler.run, idle: scheduler.idle, secondRun: scheduler.secondRun },
    },
  });
  console.log(`\nall benchmarks in ${elapsedS} s; results in ${file.replace(/summary\.json$/, '')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
