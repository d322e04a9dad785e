/**
 * Builds the admin API over a throw-away embedded store, takes the OpenAPI document it serves at
 * /docs-json (the same document clients see) and lints it with Spectral against .spectral.yaml
 * (docs/operations.md "OpenAPI"). `npm run lint:openapi` runs it; `npm test` runs that.
 * It runs under @swc-node/register, not tsx: Nest's injection needs decorator metadata, which
 * esbuild does not emit.
 *   node -r @swc-node/register scripts/openapi/export.ts                   lint; exit code is Spectral's
 *   node -r @swc-node/register scripts/openapi/export.ts --out file.json   also keep a copy
 *   node -r @swc-node/register scripts/openapi/export.ts --no-lint --out file.json   only write it
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../libs/application/src';
import { createAdminApi } from '../../apps/admin-api/src/app.factory';

const ROOT = path.resolve(__dirname, '../..');

/** The served document, from an app that never listens on a port. */
export async function exportOpenApi(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-openapi-'));
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LEDGER_DATA_DIR: dataDir,
      LEDGER_API_KEYS: `admin:openapi-export-${randomBytes(16).toString('hex')}`,
      LEDGER_DOCS: 'true',
      LOG_LEVEL: 'silent',
    });
    const app = await createAdminApi({ config });
    try {
      await app.init();
      const fastify = app.getHttpAdapter().getInstance();
      await fastify.ready();
      const response = await fastify.inject({ method: 'GET', url: '/docs-json' });
      if (response.statusCode !== 200) throw new Error(`GET /docs-json answered ${response.statusCode}`);
      return response.json();
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function lint(file: string): number {
  const spectral = path.join(ROOT, 'node_modules', '.bin', 'spectral');
  const run = spawnSync(
    spectral,
    ['lint', '--ruleset', path.join(ROOT, '.spectral.yaml'), '--fail-severity=warn', '--display-only-failures', file],
    { stdio: 'inherit' },
  );
  if (run.error) throw run.error;
  return run.status ?? 1;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  if (outIndex >= 0 && !out) throw new Error('--out needs a file name');
  const document = await exportOpenApi();
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (out) {
    fs.writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
  if (args.includes('--no-lint')) return;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-openapi-doc-'));
  try {
    const file = path.join(scratch, 'openapi.json');
    fs.writeFileSync(file, text);
    process.exitCode = lint(file);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(`lint:openapi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
