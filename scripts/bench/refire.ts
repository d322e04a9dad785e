/**
 * Applied deadlines fire once (issue 13): the demo data loaded over HTTP, then two scheduler runs
 * over the same long period (to 2199: yearly renewals, evaluations, refunds, retention); the second
 * run should fire nothing again. Prints the outcomes of both runs; writes .bench-results/refire.json.
 *
 *   npx tsx scripts/bench/refire.ts [--until=2199-12-31T00:00:00+01:00]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDemoInto } from '../demo';
import { BENCH_KEYS } from './http-server';
import { buildServers, startServer, stopServer } from './http';
import { runScheduler } from './scheduler';
import { benchDirectory, printTable, round, setting, writeResults } from './lib';

async function main(): Promise<void> {
  const until = setting('until', '2199-12-31T00:00:00+01:00');
  buildServers();
  const dataDir = mkdtempSync(join(benchDirectory(), 'ledger-bench-refire-'));
  const { child, url } = await startServer(['ledger', dataDir]);
  try {
    await loadDemoInto(url, BENCH_KEYS.admin);
    const runs = [];
    for (const name of ['first run', 'second run']) {
      const startedAt = performance.now();
      const { fired } = await runScheduler(url, until);
      const outcomes: Record<string, number> = {};
      for (const { outcome } of fired) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      runs.push({ name, seconds: round((performance.now() - startedAt) / 1000, 1), fired: fired.length, outcomes });
    }
    printTable(
      `Scheduler runs to ${until} over the demo data`,
      ['run', 's', 'fired', 'outcomes'],
      runs.map((run) => [run.name, String(run.seconds), String(run.fired), JSON.stringify(run.outcomes)]),
    );
    console.log(`results written to ${writeResults('refire', { until, runs })}`);
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
