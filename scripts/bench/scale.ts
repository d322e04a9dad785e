/**
 * `npm run bench:scale`: a large provider (issue 13), generated through the domain (the write path's
 * CommandPipeline with the real deciders and rulebooks, personal data encrypted, no raw SQL):
 * 20 SPOT participants, one of them with 5,000 licences; 50,000 learners; 100,000 enrolments across
 * the four course rulebooks with their payments and acts (about a million events). Then, on that
 * data directory:
 *   - the latency of the first and the last 100 licence registrations on the largest participant
 *     (in-process while loading, and over HTTP: licences 1-100 of a new participant against
 *     4,901-5,000 of the largest, the ledger's limit per participant, same server, same minute);
 *   - a rebuild of every projection from zero (events/s, peak RSS) against the scan+parse ceiling;
 *   - the scheduler over a year of deadlines (as many runs as its bound of 10,000 a run takes) while
 *     API clients send commands (their p99);
 *   - p99 of the balance read of the largest customer;
 *   - the data directory's size and each process's peak RSS.
 * Writes .bench-results/scale.json.
 *
 *   npm run bench:scale
 *   npm run bench:scale -- --scale=0.1     a tenth of every count (a quick look)
 *   npm run bench:scale -- --keep=1        keep the data directory (its path is printed)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_KEYS } from './http-server';
import { buildServers, call, settle, startServer, stopServer } from './http';
import { registerLearners, registerLicence, registerParticipant } from './licences';
import {
  benchDirectory,
  formatNumber,
  intSetting,
  median,
  peakRssMiB,
  printTable,
  round,
  runStep,
  setting,
  writeResults,
} from './lib';
import { openLogWriter, type Booker } from './replay-data';
import type { StepResult } from './replay-step';
import { apiLoad, runScheduler, summariseLatencies, type ApiLatency } from './scheduler';

export interface ScaleConfig {
  participants: number;
  largestLicences: number;
  otherLicences: number;
  learners: number;
  enrolments: number;
  /** Every n-th enrolment is booked by one business customer: the largest balance. */
  largestCustomerEvery: number;
  apiClients: number;
  directory: string;
  keep: boolean;
}

export interface ScaleResult {
  config: ScaleConfig;
  load: { seconds: number; events: number; commands: number; refused: number; eventsPerSecond: number };
  largestAggregate: {
    inProcess: { first100MedianMs: number; last100MedianMs: number; ratio: number };
    http: { newParticipantMedianMs: number; largestMedianMs: number; ratio: number };
  };
  rebuild: { seconds: number; eventsPerSecond: number; ceilingEventsPerSecond: number; vsCeiling: number };
  /** Every deadline of the year: as many runs as it took (each fires at most 10,000). */
  scheduler: { seconds: number; fired: number; runs: number; api: ApiLatency };
  balanceRead: ApiLatency;
  peakRssMiB: { load: number; scan: number; rebuild: number; server: number };
  diskMiB: number;
  elapsedS: number;
}

const LARGEST_PARTICIPANT = 0;
const LARGEST_CUSTOMER = 'cust-largest';
const CONCURRENCY = 256;
const SCHEDULER_UNTIL = '2027-03-01T00:00:00+01:00';
const BALANCE_READS = 300;
const HTTP_LICENCES = 100;

export function scaleConfig(): ScaleConfig {
  const scale = Number(setting('scale', '1'));
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got ${scale}`);
  const scaled = (count: number, min: number) => Math.max(min, Math.round(count * scale));
  return {
    participants: intSetting('participants', 20),
    largestLicences: scaled(intSetting('largest-licences', 5_000), 200),
    otherLicences: scaled(intSetting('other-licences', 100), 10),
    learners: scaled(intSetting('learners', 50_000), 500),
    enrolments: scaled(intSetting('enrolments', 100_000), 1_000),
    largestCustomerEvery: intSetting('largest-customer-every', 50),
    apiClients: intSetting('api-clients', 4),
    directory: benchDirectory(),
    keep: setting('keep', '0') === '1',
  };
}

function bookerOf(n: number, config: ScaleConfig): Booker {
  const learner = n % config.learners;
  const ownCustomer = n % config.largestCustomerEvery !== 0;
  return {
    customerId: ownCustomer ? `cust-${learner}` : LARGEST_CUSTOMER,
    learnerId: `lrn-${learner}`,
    kind: ownCustomer ? (learner % 10 < 7 ? 'consumer' : 'business') : 'business',
    registerCustomer: ownCustomer ? n < config.learners : n === 0,
    registerLearner: n < config.learners,
  };
}

const medianOf = (values: readonly number[]) => round(median([...values].sort((a, b) => a - b)));

async function load(dataDir: string, config: ScaleConfig) {
  const writer = await openLogWriter(dataDir);
  const startedAt = performance.now();
  await writer.defineOfferings();
  // The largest participant alone first: its latencies are not mixed with the enrolments' load.
  const licenceMs: number[] = [];
  // Its last HTTP_LICENCES licences are registered over HTTP later, up to the ledger's limit per participant.
  await writer.spotParticipant(LARGEST_PARTICIPANT, config.largestLicences - HTTP_LICENCES, (_, ms) =>
    licenceMs.push(ms),
  );
  await Promise.all(
    Array.from({ length: config.participants - 1 }, (_, p) => writer.spotParticipant(p + 1, config.otherLicences)),
  );
  // The largest customer exists before any worker books for it.
  await writer.enrolment(0, bookerOf(0, config));
  let next = 1;
  let reported = 0;
  const worker = async () => {
    while (next < config.enrolments) {
      const n = next++;
      await writer.enrolment(n, bookerOf(n, config));
      if (writer.counts.events - reported >= 100_000) {
        reported = writer.counts.events;
        console.log(`  load: ${formatNumber(reported)} events, ${round((performance.now() - startedAt) / 1000, 1)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await writer.close();
  const seconds = round((performance.now() - startedAt) / 1000, 1);
  const { events, commands, refused } = writer.counts;
  const first = medianOf(licenceMs.slice(0, 100));
  const last = medianOf(licenceMs.slice(-100));
  return {
    load: { seconds, events, commands, refused, eventsPerSecond: Math.round(events / seconds) },
    inProcess: { first100MedianMs: first, last100MedianMs: last, ratio: round(last / first, 2) },
  };
}

function diskMiB(dir: string): number {
  const bytes = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
  return round(bytes / 1024 / 1024, 1);
}

/** VmHWM of a child process: its peak resident set, read before it stops. */
function childPeakRssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return line ? round(Number(line.replace(/\D+/g, '')) / 1024, 1) : Number.NaN;
}

/** Licences 1-100 of a new participant against the largest's last 100, over HTTP, in turns. */
async function licencesOverHttp(url: string, config: ScaleConfig) {
  const largest = `spot-${LARGEST_PARTICIPANT}`;
  const fresh = 'spot-bench-new';
  await registerParticipant(url, fresh);
  await registerLearners(url, fresh, 1, HTTP_LICENCES);
  const firstOfLargest = config.largestLicences - HTTP_LICENCES + 1;
  await registerLearners(url, largest, firstOfLargest, HTTP_LICENCES);
  const freshMs: number[] = [];
  const largestMs: number[] = [];
  for (let i = 1; i <= HTTP_LICENCES; i++) {
    freshMs.push(await registerLicence(url, fresh, i));
    largestMs.push(await registerLicence(url, largest, firstOfLargest + i - 1));
  }
  const newParticipantMedianMs = medianOf(freshMs);
  const largestMedianMs = medianOf(largestMs);
  return { newParticipantMedianMs, largestMedianMs, ratio: round(largestMedianMs / newParticipantMedianMs, 2) };
}

async function balanceReads(url: string): Promise<ApiLatency> {
  const latencies: number[] = [];
  for (let i = 0; i < BALANCE_READS; i++) {
    const startedAt = performance.now();
    const response = await call(url, 'GET', `/customers/${LARGEST_CUSTOMER}/balance`, BENCH_KEYS.admin);
    if (response.status !== 200) throw new Error(`balance: ${response.status} ${JSON.stringify(response.body)}`);
    latencies.push(performance.now() - startedAt);
  }
  return summariseLatencies(latencies);
}

export async function runScale(config: ScaleConfig): Promise<ScaleResult> {
  const startedAt = performance.now();
  buildServers();
  const dataDir = mkdtempSync(join(config.directory, 'ledger-bench-scale-'));
  console.log(`  data directory ${dataDir}`);
  try {
    const loaded = await load(dataDir, config);
    const loadRss = peakRssMiB();
    console.log(
      `  load: ${formatNumber(loaded.load.events)} events (${formatNumber(loaded.load.commands)} commands, ${loaded.load.refused} refused) in ${loaded.load.seconds} s`,
    );
    const disk = diskMiB(dataDir);

    const scan = await runStep<StepResult>('replay-step.ts', ['scan', dataDir], { quiet: true, compiled: true });
    const rebuilt = await runStep<StepResult>(
      'replay-step.ts',
      ['rebuild', dataDir, join(dataDir, 'read-models.sqlite')],
      { quiet: true, compiled: true },
    );
    console.log(`  rebuild: ${formatNumber(rebuilt.eventsPerSecond)} events/s in ${rebuilt.elapsedMs / 1000} s`);

    // The server opens the rebuilt read store: it starts caught up.
    const { child, url } = await startServer(['ledger', dataDir]);
    try {
      await settle(url, 1_800_000);
      const http = await licencesOverHttp(url, config);
      const balanceRead = await balanceReads(url);
      await settle(url, 600_000);
      const apiDuringRun = apiLoad(url, config.apiClients);
      const schedulerStartedAt = performance.now();
      const { fired, runs } = await runScheduler(url, SCHEDULER_UNTIL);
      const schedulerS = round((performance.now() - schedulerStartedAt) / 1000, 1);
      const api = summariseLatencies(await apiDuringRun.stop());
      const serverRss = childPeakRssMiB(child.pid);
      return {
        config,
        load: loaded.load,
        largestAggregate: { inProcess: loaded.inProcess, http },
        rebuild: {
          seconds: round(rebuilt.elapsedMs / 1000, 1),
          eventsPerSecond: rebuilt.eventsPerSecond,
          ceilingEventsPerSecond: scan.eventsPerSecond,
          vsCeiling: round((100 * rebuilt.eventsPerSecond) / scan.eventsPerSecond, 1),
        },
        scheduler: { seconds: schedulerS, fired: fired.length, runs, api },
        balanceRead,
        peakRssMiB: { load: loadRss, scan: scan.peakRssMiB, rebuild: rebuilt.peakRssMiB, server: serverRss },
        diskMiB: disk,
        elapsedS: round((performance.now() - startedAt) / 1000, 1),
      };
    } finally {
      await stopServer(child);
    }
  } finally {
    if (config.keep) console.log(`  kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printScale(result: ScaleResult): void {
  const { config, load, largestAggregate, rebuild, scheduler, balanceRead, peakRssMiB: rss } = result;
  const { inProcess, http } = largestAggregate;
  printTable(
    `Large provider: ${config.participants} SPOT participants (largest ${formatNumber(config.largestLicences)} licences), ${formatNumber(config.learners)} learners, ${formatNumber(config.enrolments)} enrolments`,
    ['measure', 'value'],
    [
      [
        'load through the domain',
        `${formatNumber(load.events)} events, ${formatNumber(load.commands)} commands in ${load.seconds} s (${formatNumber(load.eventsPerSecond)} events/s; ${load.refused} refused by a rulebook)`,
      ],
      [
        `largest aggregate, in process: licences 1-100 / ${formatNumber(config.largestLicences - 2 * HTTP_LICENCES + 1)}-${formatNumber(config.largestLicences - HTTP_LICENCES)} (median ms)`,
        `${inProcess.first100MedianMs} / ${inProcess.last100MedianMs} (${inProcess.ratio}x; target <= 2x)`,
      ],
      [
        `over HTTP: a new participant's licences 1-100 / the largest's ${formatNumber(config.largestLicences - HTTP_LICENCES + 1)}-${formatNumber(config.largestLicences)} (median ms)`,
        `${http.newParticipantMedianMs} / ${http.largestMedianMs} (${http.ratio}x; target <= 2x)`,
      ],
      [
        'rebuild of every projection from zero',
        `${rebuild.seconds} s, ${formatNumber(rebuild.eventsPerSecond)} events/s = ${rebuild.vsCeiling} % of the ${formatNumber(rebuild.ceilingEventsPerSecond)} events/s scan+parse ceiling (target >= 25 %)`,
      ],
      [
        `scheduler run to ${SCHEDULER_UNTIL}`,
        `${scheduler.seconds} s, ${formatNumber(scheduler.fired)} deadlines fired in ${scheduler.runs} run(s); API p50 / p99 during it ${scheduler.api.p50Ms} / ${scheduler.api.p99Ms} ms (${scheduler.api.requests} requests; target p99 <= 100 ms)`,
      ],
      [
        `balance read of ${LARGEST_CUSTOMER} (${BALANCE_READS} reads)`,
        `p50 ${balanceRead.p50Ms} ms, p99 ${balanceRead.p99Ms} ms`,
      ],
      [
        'peak RSS (MiB): load / scan / rebuild / server',
        `${rss.load} / ${rss.scan} / ${rss.rebuild} / ${rss.server} (rebuild target <= 512)`,
      ],
      ['data directory after load (MiB)', String(result.diskMiB)],
      ['whole benchmark (s)', String(result.elapsedS)],
    ],
  );
}

if (require.main === module) {
  runScale(scaleConfig())
    .then((result) => {
      printScale(result);
      console.log(`results written to ${writeResults('scale', { result })}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
