/**
 * HTTP benchmark: autocannon (this process) against servers in child processes, 64 connections.
 *  - ceiling: NestJS hello world on the same Fastify adapter (GET /hello);
 *  - POST /enrolments: a new enrolment per request (unique enrolment and command ids), durable
 *    append (synchronous=FULL, group commit), projections following in the same process;
 *  - the cancellation flow: POST /enrolments/{id}/cancellations, each request cancelling another
 *    enrolment registered in the round before (unique command ids);
 *  - the HTTP stack's floor: POST /enrolments refused by validation (a malformed date), so
 *    routing, the key check, the JSON parse, validation and the error answer run, and no command:
 *    what every command pays before it starts (no target; 400 is its expected answer).
 * Rounds interleave the three, so each ratio compares figures of the same round; medians are
 * reported. Writes .bench-results/http.json.
 *
 *   npx tsx scripts/bench/http.ts [--rounds=3] [--http-duration-s=5] [--connections=64]
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_KEYS, type ServerLatency } from './http-server';
import {
  REPO_ROOT,
  benchDirectory,
  benchRequire,
  formatNumber,
  intSetting,
  median,
  percentile,
  printTable,
  processCpuMs,
  round,
  writeResults,
} from './lib';

export interface HttpConfig {
  rounds: number;
  durationS: number;
  /** Length of each run of the unmeasured warm-up round (JIT, lazily loaded code, caches); 0 skips it. */
  warmUpS: number;
  connections: number;
  directory: string;
}

export interface HttpRun {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /**
   * How long after the run every projection had caught up. Projections give requests the event
   * loop (loop-slices.ts), so part of a burst's work is done after it: this shows how much.
   */
  catchUpMs?: number;
  /** The same requests as the server measured them (request received to response sent). */
  server?: ServerLatency;
  /**
   * p99 of the client's latencies without each connection's first request. libuv (since 1.45, so
   * Node 20) accepts one connection per turn of the event loop: a run's new connections queue
   * behind a busy server's turns, and their first requests carry that wait (a startup transient).
   */
  p99AfterFirstMs?: number;
  /** The slowest first request of a connection. */
  firstRequestMaxMs?: number;
  /** CPU per request over the run and the projections' catch-up after it (Linux). */
  cpu?: RequestCpu;
}

/**
 * CPU time per request, in microseconds: the ledger server's (every thread), its main thread's
 * alone (the event loop: HTTP, commands, appends) and this load generator's. n cores can serve at
 * most n * 1,000,000 / (server + client) requests per second, the main thread 1,000,000 / mainThread.
 */
export interface RequestCpu {
  serverUs: number;
  mainThreadUs: number;
  clientUs: number;
}

export interface HttpScenarioResult {
  scenario: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  catchUpMs?: number;
  /** Median over rounds of the p99 the server measured itself. */
  serverP99Ms?: number;
  /** Median over rounds of the client's p99 without each connection's first request. */
  p99AfterFirstMs?: number;
  /** Median over rounds of this scenario's req/s / hello world's req/s in the same round. */
  vsCeiling?: number;
  /** The HTTP stack's floor (a refused request, no command): shown for comparison, no target. */
  floor?: true;
  /** Median over rounds of the CPU per request. */
  cpu?: RequestCpu;
  runs: HttpRun[];
}

export interface HttpResult {
  config: HttpConfig;
  scenarios: HttpScenarioResult[];
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest | undefined;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
type Autocannon = (
  options: Record<string, unknown>,
  callback: (error: Error | null, result: AutocannonResult) => void,
) => {
  on(event: 'response', listener: (client: object, status: number, bytes: number, latencyMs: number) => void): void;
};

const HELLO = 'hello world (ceiling)';
export const ENROL = 'POST /enrolments';
const CANCEL = 'POST /enrolments/{id}/cancellations';
const REFUSED = 'POST /enrolments refused by validation (400)';
const CUSTOMERS = 64;

const day = 86_400_000;
/** Business times around now, so every rulebook accepts the acts (registered yesterday, starts in 4 months). */
const REGISTERED_AT = new Date(Date.now() - day).toISOString();
const STARTS_AT = new Date(Date.now() + 120 * day).toISOString();
const OFFERINGS = [
  {
    offeringId: 'bench-pp-vca',
    rulebookId: 'plusport',
    kind: 'classroom',
    title: 'VCA Basis',
    startsAt: STARTS_AT,
    components: [{ kind: 'classroom', priceCents: 29_500 }],
  },
  {
    offeringId: 'bench-vli-adr',
    rulebookId: 'vli',
    kind: 'training',
    title: 'ADR basis',
    startsAt: STARTS_AT,
    components: [{ kind: 'classroom', priceCents: 64_500 }],
    examType: 'standard',
  },
  {
    offeringId: 'bench-exc-bhv',
    rulebookId: 'excellus',
    kind: 'contact-course',
    title: 'BHV basis',
    startsAt: STARTS_AT,
    components: [{ kind: 'classroom', priceCents: 85_000 }],
  },
  {
    offeringId: 'bench-pp-nen3140',
    rulebookId: 'plusport',
    kind: 'package-exam',
    title: 'NEN 3140',
    startsAt: STARTS_AT,
    components: [
      { kind: 'e-learning', priceCents: 12_500 },
      { kind: 'exam', priceCents: 17_500 },
    ],
  },
];

const JSON_HEADERS = { authorization: `Bearer ${BENCH_KEYS.backoffice}`, 'content-type': 'application/json' };

/** A registration of learner and customer n (of CUSTOMERS) on one of the first three offerings. */
function enrolmentBody(enrolmentId: string, n: number): Record<string, unknown> {
  return {
    commandId: randomUUID(),
    enrolmentId,
    offeringId: OFFERINGS[n % 3]!.offeringId,
    customerId: `bench-cust-${n % CUSTOMERS}`,
    learnerId: `bench-lrn-${n % CUSTOMERS}`,
    registeredAt: REGISTERED_AT,
  };
}

/**
 * Nest's dependency injection needs decorator metadata, which tsx does not emit: the servers run
 * from the compiled build (`npm run build`, incremental), as `npm start` runs the ledger.
 */
export function buildServers(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(REPO_ROOT, 'dist', 'scripts', 'bench', 'http-server.js'), args, {
      // e.g. BENCH_SERVER_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof-http" to profile the servers
      execArgv: (process.env['BENCH_SERVER_EXEC_ARGV'] ?? '').split(' ').filter((arg) => arg !== ''),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env },
    });
    child.once('message', (message: unknown) =>
      resolve({ child, url: `http://127.0.0.1:${(message as { port: number }).port}` }),
    );
    child.once('exit', (code) => reject(new Error(`server ${args[0]} exited with ${code}`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}

export async function call(
  url: string,
  method: string,
  path: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function seed(url: string): Promise<void> {
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await call(url, 'POST', path, BENCH_KEYS.backoffice, { commandId: randomUUID(), ...body });
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`seed POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  for (const offering of OFFERINGS) await post('/offerings', { ...offering, definedAt: REGISTERED_AT });
  for (let n = 0; n < CUSTOMERS; n++) {
    await post('/customers', {
      customerId: `bench-cust-${n}`,
      kind: 'consumer',
      name: `Klant ${n}`,
      email: `klant.${n}@example.nl`,
      registeredAt: REGISTERED_AT,
    });
    await post('/learners', {
      learnerId: `bench-lrn-${n}`,
      name: `Cursist ${n}`,
      email: `cursist.${n}@example.nl`,
      registeredAt: REGISTERED_AT,
    });
  }
}

/** True when every projection has reached the log's head. */
export async function projectionsCaughtUp(url: string): Promise<boolean> {
  const response = await call(url, 'GET', '/admin/projections', BENCH_KEYS.admin);
  return response.status === 200 && (response.body as Array<{ lag: number }>).every((p) => p.lag === 0);
}

/** Waits until every projection has caught up, so the next run starts from a quiet server. */
export async function settle(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await projectionsCaughtUp(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`projections did not catch up within ${timeoutMs / 1000} s`);
}

/** The POST latencies the ledger server measured since it was last asked (http-server.ts). */
function serverLatency(child: ChildProcess): Promise<ServerLatency> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (typeof message !== 'object' || message === null || !('latency' in message)) return;
      child.off('message', onMessage);
      clearTimeout(timer);
      resolve((message as { latency: ServerLatency }).latency);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('the ledger server did not report its latency'));
    }, 10_000);
    child.on('message', onMessage);
    child.send('latency');
  });
}

/** Milliseconds until every projection has caught up (polled every 50 ms). */
async function timedSettle(url: string): Promise<number> {
  const startedAt = performance.now();
  await settle(url);
  return Math.round(performance.now() - startedAt);
}

type LoadResult = AutocannonResult & { elapsedS: number; p99AfterFirstMs: number; firstRequestMaxMs: number };

/** Most latencies kept per run for the split below (a 5 s run at 64 connections makes a few thousand). */
const MAX_SPLIT_LATENCIES = 1_000_000;

/**
 * Runs autocannon; `elapsedS` is measured here (a run bounded by `amount` ends before its duration).
 * Each connection's first request is told apart from the rest (p99AfterFirstMs, firstRequestMaxMs).
 */
function load(options: Record<string, unknown>): Promise<LoadResult> {
  const autocannon = benchRequire<Autocannon>('autocannon');
  const startedAt = performance.now();
  const answered = new WeakSet<object>();
  const afterFirstMs: number[] = [];
  let firstRequestMaxMs = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error
        ? reject(error)
        : resolve({
            ...result,
            elapsedS: (performance.now() - startedAt) / 1000,
            p99AfterFirstMs: round(
              percentile(
                afterFirstMs.sort((a, b) => a - b),
                0.99,
              ),
              1,
            ),
            firstRequestMaxMs: round(firstRequestMaxMs, 1),
          }),
    );
    instance.on('response', (client, _status, _bytes, latencyMs) => {
      if (!answered.has(client)) {
        answered.add(client);
        firstRequestMaxMs = Math.max(firstRequestMaxMs, latencyMs);
      } else if (afterFirstMs.length < MAX_SPLIT_LATENCIES) afterFirstMs.push(latencyMs);
    });
  });
}

/**
 * Runs `work` (a run, and whatever follows it that the run caused, such as the projections'
 * catch-up) and adds the CPU the ledger server and this process spent on it per request.
 */
async function withCpu(server: ChildProcess, work: () => Promise<HttpRun>): Promise<HttpRun> {
  const pid = server.pid;
  const serverBefore = pid === undefined ? undefined : processCpuMs(pid);
  const clientBefore = process.cpuUsage();
  const run = await work();
  const serverAfter = pid === undefined ? undefined : processCpuMs(pid);
  const client = process.cpuUsage(clientBefore);
  if (serverBefore !== undefined && serverAfter !== undefined && run.requests > 0) {
    const perRequestUs = (ms: number) => Math.round((ms * 1000) / run.requests);
    run.cpu = {
      serverUs: perRequestUs(serverAfter.totalMs - serverBefore.totalMs),
      mainThreadUs: perRequestUs(serverAfter.mainThreadMs - serverBefore.mainThreadMs),
      clientUs: perRequestUs((client.user + client.system) / 1000),
    };
  }
  return run;
}

/** The most requests per second a CPU cost per request allows: on every core of this machine, and on one main thread. */
export function cpuBound(cpu: RequestCpu): { cores: number; machine: number; mainThread: number } {
  const cores = availableParallelism();
  return {
    cores,
    machine: Math.round((cores * 1_000_000) / (cpu.serverUs + cpu.clientUs)),
    mainThread: Math.round(1_000_000 / cpu.mainThreadUs),
  };
}

function toRun(result: LoadResult): HttpRun {
  return {
    requests: result.requests.total,
    // Not requests.average: that divides by the configured duration even when `amount` ended the run early.
    requestsPerSecond: Math.round(result.requests.total / result.elapsedS),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    p99AfterFirstMs: result.p99AfterFirstMs,
    firstRequestMaxMs: result.firstRequestMaxMs,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export async function runHttp(config: HttpConfig): Promise<HttpResult> {
  buildServers();
  const dataDir = mkdtempSync(join(config.directory, 'ledger-bench-http-'));
  const servers: ChildProcess[] = [];
  const runs = new Map<string, HttpRun[]>([
    [HELLO, []],
    [ENROL, []],
    [CANCEL, []],
    [REFUSED, []],
  ]);
  try {
    const hello = await startServer(['hello']);
    servers.push(hello.child);
    const ledger = await startServer(['ledger', dataDir]);
    servers.push(ledger.child);
    await seed(ledger.url);
    await settle(ledger.url);
    await serverLatency(ledger.child); // the seeding's requests are not a run's
    const common = { connections: config.connections, pipelining: 1, timeout: 30 };
    // Round 0 warms both servers up with the same workload and is not counted.
    for (let roundIndex = config.warmUpS > 0 ? 0 : 1; roundIndex <= config.rounds; roundIndex++) {
      const measured = roundIndex > 0;
      const durationS = measured ? config.durationS : config.warmUpS;
      const helloRun = toRun(await load({ ...common, url: `${hello.url}/hello`, duration: durationS }));
      if (measured) runs.get(HELLO)!.push(helloRun);

      /** One run of JSON POSTs against the ledger, each request made by `setupRequest`. */
      const postRun = async (request: Omit<AutocannonRequest, 'method' | 'headers'>, amount?: number) =>
        toRun(
          await load({
            ...common,
            url: ledger.url,
            duration: durationS,
            ...(amount === undefined ? {} : { amount }),
            requests: [{ method: 'POST', headers: JSON_HEADERS, ...request }],
          }),
        );

      const registered: string[] = [];
      let next = 0;
      const enrolRun = await withCpu(ledger.child, async () => {
        const run = await postRun({
          path: '/enrolments',
          setupRequest: (request: AutocannonRequest, context: Record<string, unknown>) => {
            const n = next++;
            const enrolmentId = `bench-r${roundIndex}-enr-${n}`;
            context['enrolmentId'] = enrolmentId;
            return { ...request, body: JSON.stringify(enrolmentBody(enrolmentId, n)) };
          },
          onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
            if (status === 201) registered.push(context['enrolmentId'] as string);
          },
        });
        run.server = await serverLatency(ledger.child);
        run.catchUpMs = await timedSettle(ledger.url);
        return run;
      });
      if (measured) runs.get(ENROL)!.push(enrolRun);

      let cancelled = 0;
      const cancelRun = await withCpu(ledger.child, async () => {
        const run = await postRun(
          {
            path: '/',
            setupRequest: (request: AutocannonRequest) => {
              const enrolmentId = registered[cancelled++ % registered.length];
              const body = { commandId: randomUUID(), requestedAt: new Date().toISOString(), reason: 'regular' };
              return { ...request, path: `/enrolments/${enrolmentId}/cancellations`, body: JSON.stringify(body) };
            },
          },
          registered.length,
        );
        run.server = await serverLatency(ledger.child);
        run.catchUpMs = await timedSettle(ledger.url);
        return run;
      });
      if (measured) runs.get(CANCEL)!.push(cancelRun);

      const refusedRun = await withCpu(ledger.child, async () => {
        const run = await postRun({
          path: '/enrolments',
          setupRequest: (request: AutocannonRequest) => {
            const n = next++;
            const body = { ...enrolmentBody(`bench-r${roundIndex}-refused-${n}`, n), registeredAt: 'not-a-date' };
            return { ...request, body: JSON.stringify(body) };
          },
        });
        run.server = await serverLatency(ledger.child);
        return run;
      });
      if (measured) runs.get(REFUSED)!.push(refusedRun);
      console.log(
        `  http ${measured ? `round ${roundIndex}/${config.rounds}` : 'warm-up (not counted)'}: hello ${formatNumber(helloRun.requestsPerSecond)} req/s, ` +
          `enrolments ${formatNumber(enrolRun.requestsPerSecond)} req/s (p99 ${enrolRun.p99Ms} ms, in the server ${enrolRun.server?.p99Ms} ms, ` +
          `without connections' first ${enrolRun.p99AfterFirstMs} ms, slowest first ${enrolRun.firstRequestMaxMs} ms, non-2xx ${enrolRun.non2xx}, ` +
          `projections caught up ${enrolRun.catchUpMs} ms after), ` +
          `cancellations ${formatNumber(cancelRun.requestsPerSecond)} req/s (p99 ${cancelRun.p99Ms} ms, non-2xx ${cancelRun.non2xx}, ` +
          `caught up ${cancelRun.catchUpMs} ms after), ` +
          `refused by validation ${formatNumber(refusedRun.requestsPerSecond)} req/s (p99 ${refusedRun.p99Ms} ms, non-2xx ${refusedRun.non2xx} of ${refusedRun.requests})`,
      );
    }
  } finally {
    for (const child of servers) await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const helloRuns = runs.get(HELLO)!;
  const scenario = (name: string): HttpScenarioResult => {
    const list = runs.get(name)!;
    return {
      scenario: name,
      requestsPerSecond: Math.round(median(list.map((run) => run.requestsPerSecond))),
      p50Ms: round(median(list.map((run) => run.p50Ms))),
      p99Ms: round(median(list.map((run) => run.p99Ms))),
      non2xx: list.reduce((sum, run) => sum + run.non2xx, 0),
      errors: list.reduce((sum, run) => sum + run.errors, 0),
      ...(name === HELLO
        ? {}
        : {
            ...(name === REFUSED
              ? {}
              : { catchUpMs: Math.round(median(list.map((run) => run.catchUpMs ?? Number.NaN))) }),
            serverP99Ms: round(median(list.map((run) => run.server?.p99Ms ?? Number.NaN))),
            p99AfterFirstMs: round(median(list.map((run) => run.p99AfterFirstMs ?? Number.NaN))),
          }),
      ...(name === HELLO
        ? {}
        : {
            vsCeiling: round(
              median(
                list.map((run, index) => run.requestsPerSecond / (helloRuns[index]?.requestsPerSecond ?? Number.NaN)),
              ),
              3,
            ),
          }),
      ...(name === REFUSED ? { floor: true as const } : {}),
      ...(list.every((run) => run.cpu !== undefined)
        ? {
            cpu: {
              serverUs: Math.round(median(list.map((run) => run.cpu!.serverUs))),
              mainThreadUs: Math.round(median(list.map((run) => run.cpu!.mainThreadUs))),
              clientUs: Math.round(median(list.map((run) => run.cpu!.clientUs))),
            },
          }
        : {}),
      runs: list,
    };
  };
  return { config, scenarios: [scenario(HELLO), scenario(REFUSED), scenario(ENROL), scenario(CANCEL)] };
}

export function printHttp(result: HttpResult): void {
  printTable(
    `HTTP: autocannon, ${result.config.connections} connections, ${result.config.durationS} s per run (median of ${result.config.rounds} rounds)`,
    [
      'scenario',
      'req/s',
      'p50 ms',
      'p99 ms',
      'p99 in the server ms',
      "p99 without connections' first ms",
      'vs hello world',
      'caught up after ms',
      'non-2xx',
      'errors',
    ],
    result.scenarios.map((s) => [
      s.scenario,
      formatNumber(s.requestsPerSecond),
      s.p50Ms.toFixed(1),
      s.p99Ms.toFixed(1),
      s.serverP99Ms === undefined ? '-' : s.serverP99Ms.toFixed(1),
      s.p99AfterFirstMs === undefined ? '-' : s.p99AfterFirstMs.toFixed(1),
      s.vsCeiling === undefined ? '-' : `${(s.vsCeiling * 100).toFixed(1)} %`,
      s.catchUpMs === undefined ? '-' : formatNumber(s.catchUpMs),
      String(s.non2xx),
      String(s.errors),
    ]),
  );
  for (const s of result.scenarios) {
    if (s.cpu === undefined) continue;
    const { serverUs, mainThreadUs, clientUs } = s.cpu;
    const bound = cpuBound(s.cpu);
    console.log(
      `${s.scenario}: CPU per request ${formatNumber(serverUs)} us in the server (${formatNumber(mainThreadUs)} us on its main thread) + ${formatNumber(clientUs)} us in the load generator; ` +
        `at most ${formatNumber(bound.machine)} req/s on ${bound.cores} cores, ${formatNumber(bound.mainThread)} req/s on one main thread`,
    );
  }
}

export function httpConfig(): HttpConfig {
  return {
    rounds: intSetting('rounds', 3),
    durationS: intSetting('http-duration-s', 5),
    warmUpS: intSetting('http-warm-up-s', 2, 0),
    connections: intSetting('connections', 64),
    directory: benchDirectory(),
  };
}

if (require.main === module) {
  runHttp(httpConfig())
    .then((result) => {
      printHttp(result);
      console.log(`results written to ${writeResults('http', { result })}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
