/**
 * A scheduler run next to API traffic (issue 13): SPOT participants with licences registered over
 * HTTP, then one run of the scheduler over a year of their deadlines (renewals, expiry reminders,
 * tier evaluations) while a few clients keep sending commands; the latency of those commands
 * during the run is the figure (target: p99 <= 100 ms). A second run over the same period shows
 * whether applied deadlines fire again. Writes .bench-results/scheduler.json.
 *
 *   npx tsx scripts/bench/scheduler.ts [--participants=2] [--licences=500] [--api-clients=4]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_KEYS } from './http-server';
import { buildServers, call, settle, startServer, stopServer } from './http';
import { registerLearners, registerLicence, registerParticipant } from './licences';
import { benchDirectory, intSetting, median, percentile, printTable, round, writeResults } from './lib';

export interface SchedulerBenchConfig {
  participants: number;
  licences: number;
  apiClients: number;
  directory: string;
}

export interface ApiLatency {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface SchedulerBenchResult {
  config: SchedulerBenchConfig;
  setupS: number;
  idle: ApiLatency;
  run: { seconds: number; fired: number; outcomes: Record<string, number>; api: ApiLatency };
  secondRun: { seconds: number; fired: number; outcomes: Record<string, number> };
}

const UNTIL = '2027-03-01T00:00:00+01:00';
const IDLE_MS = 5_000;

/** POST /admin/scheduler/run without fetch's 300 s header timeout (a slow run must finish, not be cut off). */
/** Most runs one call makes; a run fires at most 10,000 deadlines (MAX_FIRED_PER_RUN). */
const MAX_RUNS = 1_000;

export interface FiredDeadlines {
  fired: Array<{ outcome: string; command?: string }>;
  /** Runs it took: a run that stops at its bound answers `complete: false`, and the next one goes on. */
  runs: number;
}

/** Runs the scheduler up to `until` as often as it takes to get to the end of what is due. */
export async function runScheduler(url: string, until: string): Promise<FiredDeadlines> {
  const fired: FiredDeadlines['fired'] = [];
  for (let runs = 1; runs <= MAX_RUNS; runs++) {
    const run = await runSchedulerOnce(url, until);
    fired.push(...run.fired);
    if (run.complete) return { fired, runs };
  }
  throw new Error(`the scheduler did not get to ${until} in ${MAX_RUNS} runs`);
}

function runSchedulerOnce(url: string, until: string): Promise<{ fired: FiredDeadlines['fired']; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ until });
    const req = request(
      `${url}/admin/scheduler/run`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${BENCH_KEYS.admin}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          if (response.statusCode !== 200) return reject(new Error(`scheduler run: ${response.statusCode} ${text}`));
          resolve(JSON.parse(text) as { fired: FiredDeadlines['fired']; complete: boolean });
        });
      },
    );
    req.setTimeout(0);
    req.on('error', reject);
    req.end(body);
  });
}

/** Closed-loop clients registering customers until `stop()`; returns every request's latency. */
export function apiLoad(url: string, clients: number): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const startedAt = performance.now();
      const response = await call(url, 'POST', '/customers', BENCH_KEYS.backoffice, {
        commandId: randomUUID(),
        customerId: `bench-sched-cust-${randomUUID()}`,
        kind: 'consumer',
        name: 'Klant',
        email: 'klant@example.nl',
      });
      if (response.status !== 201) throw new Error(`POST /customers: ${response.status}`);
      latencies.push(performance.now() - startedAt);
    }
  };
  const all = Promise.all(Array.from({ length: clients }, client));
  return {
    stop: async () => {
      running = false;
      await all;
      return latencies;
    },
  };
}

export function summariseLatencies(latencies: number[]): ApiLatency {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50Ms: round(median(sorted)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

function outcomes(fired: Array<{ outcome: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of fired) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

export async function runSchedulerBench(config: SchedulerBenchConfig): Promise<SchedulerBenchResult> {
  buildServers();
  const dataDir = mkdtempSync(join(config.directory, 'ledger-bench-scheduler-'));
  const { child, url } = await startServer(['ledger', dataDir]);
  try {
    const setupStartedAt = performance.now();
    await Promise.all(
      Array.from({ length: config.participants }, async (_, p) => {
        const participantId = `bench-sched-p${p}`;
        await registerParticipant(url, participantId);
        await registerLearners(url, participantId, 1, config.licences);
        for (let n = 1; n <= config.licences; n++) await registerLicence(url, participantId, n);
      }),
    );
    await settle(url, 600_000);
    const setupS = round((performance.now() - setupStartedAt) / 1000, 1);
    console.log(`  scheduler: ${config.participants} participants x ${config.licences} licences in ${setupS} s`);

    const idleLoad = apiLoad(url, config.apiClients);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idle = summariseLatencies(await idleLoad.stop());

    const load = apiLoad(url, config.apiClients);
    const runStartedAt = performance.now();
    const { fired } = await runScheduler(url, UNTIL);
    const runS = round((performance.now() - runStartedAt) / 1000, 1);
    const api = summariseLatencies(await load.stop());
    console.log(`  scheduler: run fired ${fired.length} in ${runS} s, API p99 ${api.p99Ms} ms during it`);
    await settle(url, 600_000);

    const secondStartedAt = performance.now();
    const { fired: again } = await runScheduler(url, UNTIL);
    const secondS = round((performance.now() - secondStartedAt) / 1000, 1);
    return {
      config,
      setupS,
      idle,
      run: { seconds: runS, fired: fired.length, outcomes: outcomes(fired), api },
      secondRun: { seconds: secondS, fired: again.length, outcomes: outcomes(again) },
    };
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printSchedulerBench(result: SchedulerBenchResult): void {
  const { run, secondRun, idle } = result;
  printTable(
    `Scheduler run to ${UNTIL} over ${result.config.participants} SPOT participants x ${result.config.licences} licences, ${result.config.apiClients} API clients`,
    ['measure', 'value'],
    [
      ['run (s)', String(run.seconds)],
      ['deadlines fired', `${run.fired} ${JSON.stringify(run.outcomes)}`],
      [
        'API p50 / p99 / max during the run (ms)',
        `${run.api.p50Ms} / ${run.api.p99Ms} / ${run.api.maxMs} (${run.api.requests} requests)`,
      ],
      [
        'API p50 / p99 / max without a run (ms)',
        `${idle.p50Ms} / ${idle.p99Ms} / ${idle.maxMs} (${idle.requests} requests)`,
      ],
      ['second run over the same period (s)', String(secondRun.seconds)],
      ['deadlines fired again', `${secondRun.fired} ${JSON.stringify(secondRun.outcomes)}`],
    ],
  );
}

export function schedulerBenchConfig(): SchedulerBenchConfig {
  return {
    participants: intSetting('participants', 2),
    licences: intSetting('licences', 500),
    apiClients: intSetting('api-clients', 4),
    directory: benchDirectory(),
  };
}

if (require.main === module) {
  runSchedulerBench(schedulerBenchConfig())
    .then((result) => {
      printSchedulerBench(result);
      console.log(`results written to ${writeResults('scheduler', { result })}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
