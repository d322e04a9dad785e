/**
 * Bad-input campaign against the compiled server (see bad-input/campaign.ts for what it checks).
 *
 *   npm run build && npx tsx scripts/reliability/bad-input.ts
 *   BAD_INPUT_REQUESTS=10000 BAD_INPUT_SEED=<seed> BAD_INPUT_CONCURRENCY=16
 *
 * Prints a table per category and writes .bench-results/reliability-bad-input.json.
 * Exit code 1 when any check failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBadInputCampaign, type BadInputResult } from './bad-input/campaign';
import { seedFrom } from './lib/random';
import { envInt, printTable, writeResult } from './lib/report';
import { ServerProcess } from './lib/server';

export async function badInputMain(): Promise<BadInputResult> {
  const requests = envInt('BAD_INPUT_REQUESTS', 10_000);
  const seed = seedFrom(process.env['BAD_INPUT_SEED']);
  const concurrency = envInt('BAD_INPUT_CONCURRENCY', 16, 1, 256);
  process.stdout.write(
    `bad-input campaign: ${requests} requests, seed ${seed} (replay: BAD_INPUT_SEED=${seed}), concurrency ${concurrency}\n`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bad-input-'));
  const server = await ServerProcess.create({ dataDir });
  try {
    const startMs = await server.start();
    process.stdout.write(
      `server from the build on ${server.target.baseUrl} (pid ${server.pid}, up in ${startMs} ms)\n`,
    );
    const result = await runBadInputCampaign({
      target: server.target,
      requests,
      seed,
      concurrency,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    report(result);
    writeResult('bad-input', result);
    return result;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function report(result: BadInputResult): void {
  const columns = ['400', '401', '403', '404', '409', '413', '414', '415', '422'];
  printTable(
    `bad input by category (seed ${result.seed})`,
    ['category', 'sent', ...columns, 'other', '5xx', '2xx', 'unnamed', 'other fail', 'max ms'],
    result.byCategory.map((c) => [
      c.category,
      c.sent,
      ...columns.map((s) => c.statuses[s] ?? 0),
      Object.entries(c.statuses)
        .filter(([s]) => !columns.includes(s) && !(Number(s) >= 500) && !(Number(s) < 400))
        .reduce((sum, [, n]) => sum + n, 0),
      c.serverErrors,
      c.accepted,
      c.unnamed,
      c.otherFailures,
      c.maxMs,
    ]),
  );
  process.stdout.write(
    `\n${result.sent} requests to ${result.endpoints.hit}/${result.endpoints.total} endpoints (${result.endpoints.commands} commands) in ${(result.durationMs / 1000).toFixed(1)} s; ` +
      `failures ${result.failures.total} ${JSON.stringify(result.failures.byKind)}; log head ${result.log.headBefore} -> ${result.log.headAfter} (${result.log.appended.length} appended); health after ${result.healthAfter}\n`,
  );
  for (const failure of result.failures.first.slice(0, 15)) {
    process.stdout.write(
      `  ${failure.kind} [${failure.category}] ${failure.endpoint}: ${failure.defect}\n    -> ${failure.status} ${failure.response.slice(0, 200)}\n`,
    );
  }
  process.stdout.write(`${result.ok ? 'PASS' : 'FAIL'} bad-input (seed ${result.seed})\n`);
}

if (require.main === module) {
  badInputMain().then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    },
  );
}
