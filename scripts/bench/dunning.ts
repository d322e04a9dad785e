/**
 * Automated dunning costs O(1) per letter in the invoice's history (FIN-I15, docs/benchmarks.md
 * "Dunning"): for a SPOT participant with few and with many licence invoices (one long stream), a
 * scheduler run that fires every first letter at once; the time per letter should not grow with the
 * stream. For contrast, one reminder sent by hand on the last invoice, which folds the owner's
 * stream (as of its sending time). Writes .bench-results/dunning.json.
 *
 *   npx tsx scripts/bench/dunning.ts [--sizes=100,800]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_KEYS } from './http-server';
import { buildServers, call, settle, startServer, stopServer } from './http';
import { registerLearners, registerLicence, registerParticipant } from './licences';
import { benchDirectory, printTable, round, setting, writeResults } from './lib';
import { runScheduler } from './scheduler';

interface DunningPoint {
  invoices: number;
  letters: number;
  runS: number;
  msPerLetter: number;
  manualReminderMs: number;
}

async function dueSteps(url: string, participantId: string): Promise<Array<{ invoiceId: string; dueAt: string }>> {
  const steps: Array<{ invoiceId: string; dueAt: string }> = [];
  let cursor: string | null = null;
  do {
    const query = `status=due&asOf=2030-01-01&customerId=${participantId}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call(url, 'GET', `/dunning?${query}`, BENCH_KEYS.admin);
    if (page.status !== 200) throw new Error(`GET /dunning: ${page.status} ${JSON.stringify(page.body)}`);
    for (const item of page.body.items) steps.push({ invoiceId: item.invoiceId, dueAt: item.next.dueAt });
    cursor = page.body.nextCursor;
  } while (cursor);
  return steps;
}

async function measure(size: number, directory: string): Promise<DunningPoint> {
  const dataDir = mkdtempSync(join(directory, 'ledger-bench-dunning-'));
  const { child, url } = await startServer(['ledger', dataDir]);
  const participantId = `bench-dunning-p${size}`;
  try {
    await registerParticipant(url, participantId);
    await registerLearners(url, participantId, 1, size);
    for (let n = 1; n <= size; n++) await registerLicence(url, participantId, n);
    await settle(url, 600_000);
    const steps = await dueSteps(url, participantId);
    const dueTimes = steps.map((s) => Date.parse(s.dueAt)).sort((a, b) => a - b);
    // Everything else due before the first letter fires first, so the measured run fires letters only.
    await runScheduler(url, new Date(dueTimes[0]! - 1_000).toISOString());
    const startedAt = performance.now();
    const { fired } = await runScheduler(url, new Date(dueTimes[dueTimes.length - 1]!).toISOString());
    const runS = (performance.now() - startedAt) / 1000;
    const letters = fired.filter((f) => f.command === 'SendDueReminder' && f.outcome === 'applied').length;
    const last = steps[steps.length - 1]!;
    const manualStartedAt = performance.now();
    const manual = await call(url, 'POST', `/invoices/${last.invoiceId}/reminders`, BENCH_KEYS.backoffice, {
      commandId: randomUUID(),
      sentAt: new Date(dueTimes[dueTimes.length - 1]! + 86_400_000).toISOString(),
    });
    const manualReminderMs = performance.now() - manualStartedAt;
    if (manual.status !== 201) throw new Error(`manual reminder: ${manual.status} ${JSON.stringify(manual.body)}`);
    return {
      invoices: steps.length,
      letters,
      runS: round(runS, 2),
      msPerLetter: round((runS * 1000) / Math.max(1, letters)),
      manualReminderMs: round(manualReminderMs),
    };
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const sizes = setting('sizes', '100,800')
    .split(',')
    .map((s) => Number(s))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  buildServers();
  const directory = benchDirectory();
  const points: DunningPoint[] = [];
  for (const size of sizes) {
    console.log(`  dunning: a participant with ${size} licences`);
    points.push(await measure(size, directory));
  }
  printTable(
    'First letters fired by one scheduler run, per participant size',
    ['invoices', 'letters', 'run s', 'ms / letter', 'manual reminder ms'],
    points.map((p) => [p.invoices, p.letters, p.runS, p.msPerLetter, p.manualReminderMs].map(String)),
  );
  console.log(`results: ${writeResults('dunning', { points })}`);
}

void main();
