/** Tables on stdout and JSON results in .bench-results/reliability-<campaign>.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './server';

export type Cell = string | number | boolean | null | undefined;

export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const text = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...text.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

export function printTable(title: string, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): void {
  process.stdout.write(`\n${title}\n${formatTable(header, rows)}\n`);
}

export const RESULTS_DIR = join(REPO_ROOT, '.bench-results');

/** Writes `.bench-results/reliability-<name>.json` with the machine facts every result needs. */
export function writeResult(name: string, result: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `reliability-${name}.json`);
  const report = {
    campaign: name,
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    ...result,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`results written to ${file}\n`);
  return file;
}

/** Reads a positive integer option from the environment. */
export function envInt(name: string, fallback: number, min = 1, max = 10_000_000): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer ${min}..${max}, got ${raw}`);
  return value;
}

export const elapsed = (startedMs: number): number => Math.round(Date.now() - startedMs);
