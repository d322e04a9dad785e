/**
 * Runs the operators' CLI as a child process, as an operator would: `npm run cli -- <command>` is
 * `tsx apps/cli/src/main.ts <command>`. Only what the CLI needs is passed in its environment.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
export const CLI_MAIN = path.join(ROOT, 'apps', 'cli', 'src', 'main.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

/** `--json` output parsed when there is any; `env` adds to the minimal environment. */
export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      TSX,
      [CLI_MAIN, '--json', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LEDGER_DATA_DIR: dataDir, ...env },
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let json: unknown;
        try {
          json = stdout ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        if (process.env.CLI_DEBUG)
          console.log(`${args.join(' ')} -> ${Date.now() - started} ms`, stderr.slice(0, 2000));
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr, json });
      },
    );
  });
}
