/**
 * Shared plumbing of the benchmarks: settings from --flags or BENCH_* variables, percentiles and
 * medians, plain-text tables, and the JSON results under .bench-results/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const RESULTS_DIR = join(process.cwd(), '.bench-results');
export const BENCH_DIR = __dirname;
/** Where the benchmark-only dependencies live (scripts/bench/package.json). */
export const BENCH_MODULES = join(__dirname, 'node_modules');

/** `--name=value` on the command line wins over BENCH_NAME in the environment, which wins over the default. */
export function setting(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  const arg = process.argv.slice(2).find((candidate) => candidate.startsWith(prefix));
  if (arg !== undefined) return arg.slice(prefix.length);
  const env = process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  return env ?? fallback;
}

export function intSetting(name: string, fallback: number, min = 1): number {
  const text = setting(name, String(fallback));
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`--${name} must be an integer of at least ${min}, got "${text}"`);
  return value;
}

/** Linux reports thread times in /proc in USER_HZ ticks, 100 per second on every architecture Node supports. */
const PROC_TICKS_PER_S = 100;

/**
 * CPU time (user + system, ms) a process has used so far: every thread, those that ended included
 * (`/proc/<pid>/stat`), and its main thread alone (`/proc/<pid>/task/<pid>/stat`), where the event
 * loop runs. Undefined where there is no /proc. Resolution 10 ms: compare over runs of seconds.
 */
export function processCpuMs(pid: number): { totalMs: number; mainThreadMs: number } | undefined {
  try {
    return {
      totalMs: procStatCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8')),
      mainThreadMs: procStatCpuMs(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')),
    };
  } catch {
    return undefined;
  }
}

/** utime and stime are fields 14 and 15 of a stat line; the name (field 2) may hold spaces, so count from its ')'. */
function procStatCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / PROC_TICKS_PER_S;
}

/** The file system under test: a tmpfs there would make fsync free and the figures meaningless. */
export function benchDirectory(): string {
  return resolve(setting('dir', tmpdir()));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sortedAscending: ArrayLike<number>, fraction: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sortedAscending.length) - 1;
  return sortedAscending[Math.min(Math.max(rank, 0), sortedAscending.length - 1)] as number;
}

export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1
    ? (finite[middle] as number)
    : ((finite[middle - 1] as number) + (finite[middle] as number)) / 2;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

export function machine() {
  return {
    node: process.version,
    sqlite: sqliteVersion(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    platform: `${process.platform} ${process.arch}`,
  };
}

export function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    db.close();
  }
}

export function writeResults(name: string, report: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine: machine(), ...report }, null, 2)}\n`,
  );
  return file;
}

/** Loads a benchmark-only dependency from scripts/bench/node_modules (never from the root). */
export function benchRequire<T>(name: string): T {
  const path = require.resolve(name, { paths: [BENCH_DIR] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

/**
 * Runs a TypeScript benchmark step in a fresh Node process (its own heap, so peak RSS is its own)
 * and returns the JSON it prints on its last stdout line.
 */
export function runStep<T>(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; quiet?: boolean; compiled?: boolean } = {},
): Promise<T> {
  // Compiled: the step runs from dist/ as the ledger runs in production (npm start, the CLI), not
  // under tsx, whose on-the-fly compilation of every module would count in its CPU time and RSS.
  const entry = options.compiled
    ? [join(REPO_ROOT, 'dist', 'scripts', 'bench', script.replace(/\.ts$/, '.js'))]
    : ['--import', 'tsx', join(BENCH_DIR, script)];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet)
        process.stdout.write(
          chunk
            .toString()
            .split('\n')
            .filter((line) => !line.startsWith('{'))
            .join('\n'),
        );
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      const last = output
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .pop();
      if (last === undefined) return reject(new Error(`${script} printed no result`));
      resolvePromise(JSON.parse(last) as T);
    });
  });
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
