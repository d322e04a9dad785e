/**
 * Browser tests drive Debian's chromium (/usr/bin/chromium; CHROMIUM_PATH elsewhere) with
 * playwright-core, against the console built from the sources as they are into a scratch
 * directory (served through LEDGER_CONSOLE_DIR), so a test never sees a stale dist/.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots of every run (gitignored); CONSOLE_DOCS_SCREENSHOTS=1 also refreshes docs/console/. */
export const ARTEFACTS_DIR = path.join(ROOT, 'test-artifacts', 'console');
export const DOCS_SCREENSHOTS_DIR = path.join(ROOT, 'docs', 'console');

export function buildConsole(): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-console-'));
  const build = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/console/vite.config.mts',
      '--logLevel',
      'error',
      // Vite 8 refuses a second build of the project while one runs; the two browser suites build
      // at once when jest runs them side by side, each into its own scratch directory.
      '--bypass-lock',
    ],
    { cwd: ROOT, env: { ...process.env, CONSOLE_OUT_DIR: outDir }, encoding: 'utf8', timeout: 120_000 },
  );
  if (build.status !== 0) throw new Error(`vite build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  return outDir;
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(
      `No chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`,
    );
  // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export function screenshotPaths(name: string): string[] {
  fs.mkdirSync(ARTEFACTS_DIR, { recursive: true });
  const paths = [path.join(ARTEFACTS_DIR, `${name}.png`)];
  if (process.env['CONSOLE_DOCS_SCREENSHOTS'] === '1') {
    fs.mkdirSync(DOCS_SCREENSHOTS_DIR, { recursive: true });
    paths.push(path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`));
  }
  return paths;
}
