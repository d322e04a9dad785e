/**
 * `npm run reliability`: every robustness campaign at full size, one after the other, on the
 * compiled build (the script runs `npm run build` first). Each campaign prints its tables and
 * writes .bench-results/reliability-<campaign>.json; this runner adds reliability-summary.json.
 *
 *   RELIABILITY_ONLY=bad-input,concurrency,crash   which campaigns (default all)
 *   sizes and seeds: BAD_INPUT_REQUESTS (10000), BAD_INPUT_SEED, CONCURRENCY_ROUNDS (5),
 *   CONCURRENCY_SEED, CRASH_CYCLES (200), CRASH_SEED, CRASH_HTTP_CYCLES (200), CRASH_HTTP_SEED
 *
 * Exit code 0 when every campaign passed, 1 otherwise.
 */
import { badInputMain } from './bad-input';
import { concurrencyMain } from './concurrency';
import { crashMain } from './crash';
import { printTable, writeResult } from './lib/report';

interface Line {
  campaign: string;
  ok: boolean;
  figures: string;
  seconds: number;
}

async function main(): Promise<boolean> {
  const only = (process.env['RELIABILITY_ONLY'] ?? 'bad-input,concurrency,crash').split(',').map((s) => s.trim());
  const lines: Line[] = [];
  const timed = async (campaign: string, run: () => Promise<{ ok: boolean; figures: string }>) => {
    if (!only.includes(campaign)) return;
    process.stdout.write(`\n=== ${campaign} ===\n`);
    const started = Date.now();
    try {
      const { ok, figures } = await run();
      lines.push({ campaign, ok, figures, seconds: Math.round((Date.now() - started) / 1000) });
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      lines.push({
        campaign,
        ok: false,
        figures: `error: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`,
        seconds: Math.round((Date.now() - started) / 1000),
      });
    }
  };

  await timed('bad-input', async () => {
    const r = await badInputMain();
    return {
      ok: r.ok,
      figures: `${r.sent} requests, ${r.endpoints.hit}/${r.endpoints.total} endpoints, 5xx ${r.failures.byKind['server-error'] ?? 0}, failures ${r.failures.total}, appended ${r.log.headAfter - r.log.headBefore}, seed ${r.seed}`,
    };
  });
  await timed('concurrency', async () => {
    const r = await concurrencyMain();
    const figures = r.runs
      .map((run) => {
        const requests = run.scenarios.reduce((sum, s) => sum + s.requests, 0);
        const violations = run.scenarios.reduce((sum, s) => sum + s.violations.length, 0) + run.log.violations.length;
        const findings = run.scenarios.reduce((sum, s) => sum + s.findings.length, 0);
        return `${run.processes}p: ${requests} requests, ${violations} violations, ${findings} findings`;
      })
      .join('; ');
    return { ok: r.ok, figures: `${figures}, seed ${r.runs[0]?.seed}` };
  });
  await timed('crash', async () => {
    const r = await crashMain();
    const parts: string[] = [];
    if (r.store)
      parts.push(
        `store ${r.store.cycles} kills, ${r.store.acknowledgedEvents} acked events, lost ${r.store.lost}, duplicated ${r.store.duplicated}, ${r.store.violations.length} violations`,
      );
    if (r.server)
      parts.push(
        `server ${r.server.cycles} kills, ${r.server.totals.acknowledged} acked commands, lost ${r.server.totals.lost}, duplicated ${r.server.totals.duplicated}, ${r.server.violations.length} violations`,
      );
    return { ok: r.ok, figures: parts.join('; ') };
  });

  printTable(
    'reliability summary',
    ['campaign', 'result', 's', 'figures'],
    lines.map((l) => [l.campaign, l.ok ? 'PASS' : 'FAIL', l.seconds, l.figures]),
  );
  const ok = lines.length > 0 && lines.every((l) => l.ok);
  writeResult('summary', { ok, campaigns: lines });
  return ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
