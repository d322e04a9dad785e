/**
 * Concurrency campaign against the compiled server (see concurrency/campaign.ts for what it checks).
 * Runs it twice: against one server process, then against two server processes sharing one log
 * (each with its own read models), so that racing commands meet at the store's expected-revision
 * check and the pipeline's bounded retries, not only at the in-process per-stream queue.
 *
 *   npm run build && npx tsx scripts/reliability/concurrency.ts
 *   CONCURRENCY_ROUNDS=5 CONCURRENCY_SEED=<seed> CONCURRENCY_PROCESSES=1|2|both
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConcurrencyCampaign, type ConcurrencyResult } from './concurrency/campaign';
import { seedFrom } from './lib/random';
import { envInt, printTable, writeResult } from './lib/report';
import { ServerProcess } from './lib/server';

async function runWith(processes: 1 | 2, seed: number, rounds: number): Promise<ConcurrencyResult> {
  const root = mkdtempSync(join(tmpdir(), 'ledger-concurrency-'));
  const servers: ServerProcess[] = [];
  try {
    const shared = join(root, 'a');
    mkdirSync(shared);
    servers.push(await ServerProcess.create({ dataDir: shared }));
    if (processes === 2) {
      // Process b: the same log and key store (symlinks; SQLite resolves them, so both share one
      // WAL), its own read models.
      const second = join(root, 'b');
      mkdirSync(second);
      for (const file of ['events.sqlite', 'keys.sqlite']) symlinkSync(join(shared, file), join(second, file));
      servers.push(await ServerProcess.create({ dataDir: second }));
    }
    await servers[0]!.start();
    if (servers[1]) await servers[1].start();
    process.stdout.write(
      `  ${processes} server process(es): ${servers.map((s) => `${s.target.baseUrl} (pid ${s.pid})`).join(', ')}\n`,
    );
    return await runConcurrencyCampaign({
      targets: servers.map((s) => s.target),
      seed,
      rounds,
      participantsPerRound: 2,
      racers: 20,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
  } finally {
    for (const server of servers) await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

export async function concurrencyMain(): Promise<{ ok: boolean; runs: ConcurrencyResult[] }> {
  const seed = seedFrom(process.env['CONCURRENCY_SEED']);
  const rounds = envInt('CONCURRENCY_ROUNDS', 5, 1, 100);
  const mode = process.env['CONCURRENCY_PROCESSES'] ?? 'both';
  const counts: Array<1 | 2> = mode === '1' ? [1] : mode === '2' ? [2] : [1, 2];
  process.stdout.write(
    `concurrency campaign: ${rounds} rounds per scenario, seed ${seed} (replay: CONCURRENCY_SEED=${seed})\n`,
  );
  const runs: ConcurrencyResult[] = [];
  for (const processes of counts) runs.push(await runWith(processes, seed, rounds));
  for (const run of runs) report(run);
  const ok = runs.every((r) => r.ok);
  writeResult('concurrency', { seed, rounds, ok, runs });
  return { ok, runs };
}

export function report(result: ConcurrencyResult): void {
  printTable(
    `concurrency, ${result.processes} server process(es), seed ${result.seed}`,
    ['scenario', 'rounds', 'requests', 'dup sends', '2xx', '409', '422', '5xx', 'other', 'violations', 'findings', 's'],
    result.scenarios.map((s) => {
      const count = (predicate: (status: number) => boolean) =>
        Object.entries(s.statuses)
          .filter(([k]) => predicate(Number(k)))
          .reduce((sum, [, n]) => sum + n, 0);
      return [
        s.scenario,
        s.rounds,
        s.requests,
        s.duplicates,
        count((x) => x >= 200 && x < 300),
        s.statuses['409'] ?? 0,
        s.statuses['422'] ?? 0,
        count((x) => x >= 500),
        count((x) => Number.isNaN(x) || (x >= 300 && x < 500 && x !== 409 && x !== 422)),
        s.violations.length,
        s.findings.length,
        (s.durationMs / 1000).toFixed(1),
      ];
    }),
  );
  process.stdout.write(
    `log: ${result.log.events} events, ${result.log.streams} streams, ${result.log.commands} commands; structure violations ${result.log.violations.length}\n`,
  );
  for (const s of result.scenarios) {
    for (const v of s.violations.slice(0, 8)) process.stdout.write(`  VIOLATION ${s.scenario}: ${v}\n`);
    for (const f of s.findings.slice(0, 3)) process.stdout.write(`  finding ${s.scenario}: ${f}\n`);
  }
  for (const v of result.log.violations.slice(0, 8)) process.stdout.write(`  LOG VIOLATION: ${v}\n`);
  process.stdout.write(
    `${result.ok ? 'PASS' : 'FAIL'} concurrency (${result.processes} process(es), seed ${result.seed})\n`,
  );
}

if (require.main === module) {
  concurrencyMain().then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    },
  );
}
