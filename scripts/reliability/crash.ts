/**
 * Crash campaigns.
 *
 * 1. store: the SQLite event store under SIGKILL, with the machinery of
 *    test/reliability/crash.spec.ts (its crash-writer.ts child with 48 concurrent writers, a live
 *    projection through a second connection) and its checks made incremental
 *    (crash/store-crash.ts), CRASH_CYCLES cycles (default 200) on one growing file.
 * 2. server: the whole admin API process (compiled build) killed under concurrent HTTP load, then
 *    restarted on the same data directory (crash/http-crash.ts), CRASH_HTTP_CYCLES cycles (default 200).
 *
 *   npm run build && npx tsx scripts/reliability/crash.ts
 *   CRASH_CYCLES=200 CRASH_SEED=<seed> CRASH_HTTP_CYCLES=200 CRASH_HTTP_SEED=<seed> CRASH_HTTP_CLIENTS=8
 *   CRASH_PARTS=store,server (default both)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHttpCrashCampaign, type HttpCrashResult } from './crash/http-crash';
import { runStoreCrashCampaign, type StoreCrashResult } from './crash/store-crash';
import { seedFrom } from './lib/random';
import { envInt, printTable, writeResult } from './lib/report';

export async function crashMain(): Promise<{ ok: boolean; store?: StoreCrashResult; server?: HttpCrashResult }> {
  const parts = (process.env['CRASH_PARTS'] ?? 'store,server').split(',');
  const result: { ok: boolean; store?: StoreCrashResult; server?: HttpCrashResult } = { ok: true };
  if (parts.includes('store')) {
    const cycles = envInt('CRASH_CYCLES', 200);
    const seed = seedFrom(process.env['CRASH_SEED']);
    process.stdout.write(
      `crash campaign, store: ${cycles} SIGKILLs of crash-writer.ts (48 concurrent writers), seed ${seed} (replay: CRASH_SEED=${seed})\n`,
    );
    const directory = mkdtempSync(join(tmpdir(), 'ledger-crash-store-'));
    try {
      result.store = await runStoreCrashCampaign({
        directory,
        cycles,
        seed,
        log: (line) => process.stdout.write(`  ${line}\n`),
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    result.ok &&= result.store.ok;
  }
  if (parts.includes('server')) {
    const cycles = envInt('CRASH_HTTP_CYCLES', 200);
    const seed = seedFrom(process.env['CRASH_HTTP_SEED']);
    const clients = envInt('CRASH_HTTP_CLIENTS', 8, 1, 64);
    process.stdout.write(
      `crash campaign, server: ${cycles} SIGKILLs of the admin API under ${clients} clients, seed ${seed} (replay: CRASH_HTTP_SEED=${seed})\n`,
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-http-'));
    try {
      const rotateParticipantsEvery = envInt('CRASH_HTTP_ROTATE_EVERY', 10, 0, 100_000);
      result.server = await runHttpCrashCampaign({
        dataDir,
        cycles,
        seed,
        clients,
        rotateParticipantsEvery,
        log: (line) => process.stdout.write(`  ${line}\n`),
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    result.ok &&= result.server.ok;
  }
  report(result);
  writeResult('crash', {
    ok: result.ok,
    store: result.store ?? null,
    server: result.server ? { ...result.server, perCycle: result.server.perCycle } : null,
  });
  return result;
}

function report(result: { ok: boolean; store?: StoreCrashResult; server?: HttpCrashResult }): void {
  const rows: Array<Array<string | number>> = [];
  if (result.store) {
    const s = result.store;
    rows.push([
      'store (crash-writer, 48 writers)',
      s.cycles,
      s.seed,
      `${s.acknowledgedEvents} ev`,
      '-',
      s.lost,
      s.duplicated,
      '-',
      '-',
      (s.durationMs / 1000).toFixed(0),
      s.ok ? 'PASS' : 'FAIL',
    ]);
  }
  if (result.server) {
    const s = result.server;
    rows.push([
      `server (admin API, ${s.clients} clients)`,
      s.cycles,
      s.seed,
      `${s.totals.acknowledged} cmds / ${s.totals.acknowledgedEvents} ev`,
      `${s.totals.inDoubt} (${s.totals.inDoubtFoundCommitted} committed)`,
      s.totals.lost,
      s.totals.duplicated,
      s.totals.resent,
      `${s.restartMs.p50}/${s.restartMs.max}`,
      (s.durationMs / 1000).toFixed(0),
      s.ok ? 'PASS' : 'FAIL',
    ]);
  }
  printTable(
    'crash campaigns',
    [
      'campaign',
      'kills',
      'seed',
      'acknowledged',
      'in doubt',
      'lost',
      'duplicated',
      'resent',
      'restart p50/max ms',
      's',
      '',
    ],
    rows,
  );
  for (const v of result.store?.violations.slice(0, 20) ?? []) process.stdout.write(`  VIOLATION store ${v}\n`);
  if (result.server) {
    printTable(
      'server campaign: answer times per command kind (ms)',
      ['kind', 'answered', 'p50 first tenth', 'p50 last tenth', 'p95'],
      result.server.latencyByKind.map((k) => [k.kind, k.count, k.firstTenthP50Ms, k.lastTenthP50Ms, k.p95Ms]),
    );
  }
  for (const v of result.server?.violations.slice(0, 20) ?? []) process.stdout.write(`  VIOLATION ${v}\n`);
  process.stdout.write(`${result.ok ? 'PASS' : 'FAIL'} crash\n`);
}

if (require.main === module) {
  crashMain().then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    },
  );
}
