/**
 * The API while its projections catch up (decision D47): a log generated through the write path
 * (replay-data.ts), then the ledger started on it with no read models, as after an upgrade that
 * bumps projection versions. One client sends POST /customers (10 ms apart) from the moment the
 * server listens until every projection has reached the head. Figures: how long the server took
 * to listen, how long the catch-up took after that, and the latency of those commands.
 * Writes .bench-results/catch-up.json.
 *
 *   npx tsx scripts/bench/catch-up.ts [--catch-up-events=30000] [--data=<data dir with a log>]
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_KEYS } from './http-server';
import { buildServers, call, projectionsCaughtUp, startServer, stopServer } from './http';
import { benchDirectory, formatNumber, intSetting, percentile, printTable, setting, writeResults } from './lib';
import { generateLog } from './replay-data';

export interface CatchUpResult {
  events: number;
  listenMs: number;
  caughtUpMsAfterListen: number;
  commands: { requests: number; p50Ms: number; p99Ms: number; maxMs: number };
}

const LOG_FILES = ['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm', 'keys.sqlite', 'events.snapshots.sqlite'];
const PAUSE_MS = 10;

export async function runCatchUp(events: number, logDir: string | undefined): Promise<CatchUpResult> {
  buildServers();
  const dataDir = mkdtempSync(join(benchDirectory(), 'ledger-bench-catch-up-'));
  try {
    if (logDir === undefined) {
      console.log(`  catch-up: generating ${formatNumber(events)} events through the write path ...`);
      await generateLog(dataDir, events);
    } else {
      for (const file of LOG_FILES) if (existsSync(join(logDir, file))) cpSync(join(logDir, file), join(dataDir, file));
    }
    const spawnedAt = performance.now();
    const server = await startServer(['ledger', dataDir]);
    const listeningAt = performance.now();
    const latenciesMs: number[] = [];
    try {
      for (let n = 0; ; n++) {
        const sentAt = performance.now();
        const response = await call(server.url, 'POST', '/customers', BENCH_KEYS.backoffice, {
          commandId: randomUUID(),
          customerId: `catch-up-probe-${n}`,
          kind: 'consumer',
          name: 'Proef Klant',
          email: `proef.${n}@example.nl`,
          registeredAt: new Date(Date.now() - 86_400_000).toISOString(),
        });
        latenciesMs.push(performance.now() - sentAt);
        if (response.status !== 201) throw new Error(`POST /customers: ${response.status}`);
        if (n % 10 === 9 && (await projectionsCaughtUp(server.url))) break;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    } finally {
      await stopServer(server.child);
    }
    const caughtUpAt = performance.now();
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    return {
      events: logDir === undefined ? events : Number.NaN,
      listenMs: Math.round(listeningAt - spawnedAt),
      caughtUpMsAfterListen: Math.round(caughtUpAt - listeningAt),
      commands: {
        requests: sorted.length,
        p50Ms: Math.round(percentile(sorted, 0.5)),
        p99Ms: Math.round(percentile(sorted, 0.99)),
        maxMs: Math.round(sorted.at(-1) ?? Number.NaN),
      },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const logDir = setting('data', '');
  runCatchUp(intSetting('catch-up-events', 30_000), logDir === '' ? undefined : logDir)
    .then((result) => {
      printTable(
        'The API while every projection catches up from zero',
        ['server listening after', 'caught up after that', 'POST /customers meanwhile', 'p50', 'p99', 'max'],
        [
          [
            `${formatNumber(result.listenMs)} ms`,
            `${formatNumber(result.caughtUpMsAfterListen)} ms`,
            String(result.commands.requests),
            `${result.commands.p50Ms} ms`,
            `${result.commands.p99Ms} ms`,
            `${result.commands.maxMs} ms`,
          ],
        ],
      );
      console.log(`results written to ${writeResults('catch-up', { result })}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
