/**
 * Licence registrations on one SPOT participant over HTTP (issue 13): the latency of one
 * registration as the participant grows. Learners are registered first (each its own stream);
 * then licences are registered one at a time, as a client would, and each request is timed. The
 * table gives the median of the `window` registrations up to each checkpoint, and the ratio of the
 * last checkpoint to licence 100 (target: licence 2,000 costs at most 2x licence 100).
 * Writes .bench-results/licences.json.
 *
 * `--in-process=1` drives the same registrations through the command pipeline without HTTP and
 * measures each one's CPU time: on a machine shared with other work, CPU time shows what the
 * command costs as the participant grows where wall-clock latency mostly shows the neighbours.
 *
 *   npx tsx scripts/bench/licences.ts [--licences=2000] [--window=50] [--in-process=1]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_KEYS } from './http-server';
import { buildServers, call, startServer, stopServer } from './http';
import { benchDirectory, formatNumber, intSetting, median, printTable, round, setting, writeResults } from './lib';
import { openLogWriter } from './replay-data';

export interface LicenceCurveConfig {
  licences: number;
  window: number;
  directory: string;
  /** Through the command pipeline in this process, CPU time per registration (no HTTP). */
  inProcess: boolean;
}

export interface LicenceCurvePoint {
  licences: number;
  medianMs: number;
  p90Ms: number;
}

export interface LicenceCurveResult {
  config: LicenceCurveConfig;
  points: LicenceCurvePoint[];
  /** Median at the last checkpoint / median at licence 100. */
  lastVsHundred: number;
  elapsedS: number;
}

const CHECKPOINTS = [100, 250, 500, 750, 1_000, 1_500, 2_000, 3_000, 4_000, 5_000];
const PARTICIPANT = 'bench-spot-large';
const REGISTERED_AT = '2026-02-02T10:00:00+01:00';
const LEARNER_BATCH = 16;

async function post(url: string, path: string, body: Record<string, unknown>): Promise<number> {
  const startedAt = performance.now();
  const response = await call(url, 'POST', path, BENCH_KEYS.backoffice, { commandId: randomUUID(), ...body });
  const elapsedMs = performance.now() - startedAt;
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return elapsedMs;
}

/** Registers `count` learners employed by the participant, a batch of requests at a time. */
export async function registerLearners(url: string, participantId: string, from: number, count: number) {
  for (let first = from; first < from + count; first += LEARNER_BATCH) {
    const batch = Array.from({ length: Math.min(LEARNER_BATCH, from + count - first) }, (_, i) => first + i);
    await Promise.all(
      batch.map((n) =>
        post(url, '/learners', {
          learnerId: `${participantId}-learner-${n}`,
          name: `Cursist ${n}`,
          email: `cursist.${n}@example.nl`,
          employerId: participantId,
        }),
      ),
    );
  }
}

export async function registerParticipant(url: string, participantId: string): Promise<void> {
  await post(url, '/participants', {
    participantId,
    name: `Zorggroep ${participantId}`,
    invoiceDate: '2026-01-10',
    registeredAt: '2026-01-05T09:00:00+01:00',
  });
}

export function registerLicence(url: string, participantId: string, n: number): Promise<number> {
  return post(url, `/participants/${participantId}/licences`, {
    licenceId: `${participantId}-lic-${n}`,
    learnerId: `${participantId}-learner-${n}`,
    registeredAt: REGISTERED_AT,
  });
}

/** Registration CPU times in ms through the pipeline in this process (what the command itself costs). */
async function inProcessCpuTimes(config: LicenceCurveConfig, dataDir: string): Promise<number[]> {
  const cpuTimes: number[] = [];
  const writer = await openLogWriter(dataDir);
  try {
    await writer.spotParticipant(1, config.licences, (n, _elapsedMs, cpuMs) => {
      cpuTimes.push(cpuMs);
      if (n % 250 === 0)
        console.log(
          `  licences: ${n} registered, last ${config.window} median ${round(windowMedian(cpuTimes, n, config.window))} ms CPU`,
        );
    });
  } finally {
    await writer.close();
  }
  return cpuTimes;
}

async function httpLatencies(config: LicenceCurveConfig, dataDir: string): Promise<number[]> {
  buildServers();
  const { child, url } = await startServer(['ledger', dataDir]);
  const latencies: number[] = [];
  try {
    await registerParticipant(url, PARTICIPANT);
    await registerLearners(url, PARTICIPANT, 1, config.licences);
    for (let n = 1; n <= config.licences; n++) {
      latencies.push(await registerLicence(url, PARTICIPANT, n));
      if (n % 250 === 0)
        console.log(
          `  licences: ${n} registered, last ${config.window} median ${round(windowMedian(latencies, n, config.window))} ms`,
        );
    }
  } finally {
    await stopServer(child);
  }
  return latencies;
}

export async function runLicenceCurve(config: LicenceCurveConfig): Promise<LicenceCurveResult> {
  const dataDir = mkdtempSync(join(config.directory, 'ledger-bench-licences-'));
  const startedAt = performance.now();
  let latencies: number[];
  try {
    latencies = config.inProcess ? await inProcessCpuTimes(config, dataDir) : await httpLatencies(config, dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const points = CHECKPOINTS.filter((checkpoint) => checkpoint <= config.licences).map((checkpoint) => {
    const window = latencies.slice(Math.max(0, checkpoint - config.window), checkpoint).sort((a, b) => a - b);
    return {
      licences: checkpoint,
      medianMs: round(median(window)),
      p90Ms: round(window[Math.ceil(window.length * 0.9) - 1] ?? Number.NaN),
    };
  });
  const hundred = points.find((point) => point.licences === 100)?.medianMs ?? Number.NaN;
  const last = points[points.length - 1]?.medianMs ?? Number.NaN;
  return {
    config,
    points,
    lastVsHundred: round(last / hundred, 2),
    elapsedS: round((performance.now() - startedAt) / 1000, 1),
  };
}

function windowMedian(latencies: number[], upTo: number, window: number): number {
  return median(latencies.slice(Math.max(0, upTo - window), upTo));
}

export function printLicenceCurve(result: LicenceCurveResult): void {
  const how = result.config.inProcess ? 'in process, CPU time' : 'over HTTP';
  printTable(
    `Licence registration on one SPOT participant ${how} (median of the ${result.config.window} registrations up to each point)`,
    ['licences registered', result.config.inProcess ? 'median ms CPU' : 'median ms', 'p90 ms'],
    result.points.map((point) => [formatNumber(point.licences), point.medianMs.toFixed(1), point.p90Ms.toFixed(1)]),
  );
  console.log(
    `last point vs licence 100: ${result.lastVsHundred}x (target <= 2x at 2,000); ${result.elapsedS} s in all`,
  );
}

export function licenceCurveConfig(): LicenceCurveConfig {
  return {
    licences: intSetting('licences', 2_000),
    window: intSetting('window', 50),
    directory: benchDirectory(),
    inProcess: setting('in-process', '0') === '1',
  };
}

if (require.main === module) {
  runLicenceCurve(licenceCurveConfig())
    .then((result) => {
      printLicenceCurve(result);
      console.log(`results written to ${writeResults('licences', { result })}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
