import { Presets, SingleBar } from 'cli-progress';

export interface Output {
  json: boolean;
}

/** JSON for machines (--json), text for people; always on stdout. */
export function print(out: Output, value: unknown, text: () => string): void {
  process.stdout.write(out.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export interface Progress {
  update(value: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

/** A progress bar on stderr for long work; silent with --json or when stderr is not a terminal. */
export function bar(out: Output, label: string, total: number): Progress {
  if (out.json || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const progress = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} log positions`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  progress.start(total, 0);
  return { update: (value, payload) => progress.update(Math.min(value, total), payload), stop: () => progress.stop() };
}
