/**
 * The auditors' CLI (apps/cli) run as a child process against the data directory of a real
 * server, as an operator would: `npm run cli -- <command>` is `tsx apps/cli/src/main.ts <command>`.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Storage } from '@ledger/application';
import { LedgerEventStore } from '@ledger/event-store';
import { personalDataPolicy } from '@ledger/domain';
import { CLI_MAIN as MAIN, runCli, TSX, type CliRun } from '../support/cli-runner';
import { commandId, newId, startHarness, TEST_KEYS, type Harness } from '../support/http-harness';
import { openSideStorage, recordDecisions, sampleDecisions, type RecordedFixtureDecision } from './audit.fixtures';

const ROOT = path.resolve(__dirname, '../..');

function cli(dataDir: string, ...args: string[]): Promise<CliRun> {
  return runCli(dataDir, args);
}

// Each test starts the CLI a few times (tsx compiles on start): give them room.
jest.setTimeout(120_000);

describe('audit CLI (child process)', () => {
  let api: Harness;
  let side: Storage;
  let decisions: RecordedFixtureDecision[];
  let oldLearnerId: string;
  let cancellationDecisionId: string;

  let dataDir: string;

  beforeAll(async () => {
    // Our own directory: the harness deletes only directories it made, and the last test restarts the server on it.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-'));
    api = await startHarness({ dataDir });
    side = await openSideStorage(api.dataDir);
    decisions = await recordDecisions(side, sampleDecisions());
    // A learner stored in the v1 shape by the code before v2.
    oldLearnerId = newId('learner');
    const oldCode = new LedgerEventStore(side.engine, { keyStore: side.keyStore, personalData: personalDataPolicy });
    await oldCode.append(
      `learner-${oldLearnerId}`,
      [
        {
          type: 'LearnerRegistered',
          data: {
            learnerId: oldLearnerId,
            name: 'Cornelia Oudvorm',
            email: 'c.oudvorm@example.nl',
            employerId: null,
            registeredAt: '2025-05-01T10:00:00+02:00',
          },
          metadata: { schemaVersion: 1, occurredAt: '2025-05-01T10:00:00+02:00' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    // And a real enrolment, cancelled through the API (a decision of the enrolment feature).
    const customerId = newId('cust');
    const offeringId = newId('off');
    const enrolmentId = newId('enr');
    await api.request('POST', '/customers', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        customerId,
        kind: 'consumer',
        name: 'Klaas Klant',
        email: 'klaas@example.nl',
        registeredAt: '2026-03-01T10:00:00+01:00',
      },
    });
    await api.request('POST', '/offerings', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        offeringId,
        rulebookId: 'plusport',
        kind: 'classroom',
        title: 'NEN 3140',
        startsAt: '2026-03-20T09:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 45_000 }],
      },
    });
    await api.request('POST', '/enrolments', {
      role: 'backoffice',
      body: {
        commandId: commandId(),
        enrolmentId,
        offeringId,
        learnerId: oldLearnerId,
        customerId,
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
    });
    const cancelled = await api.request('POST', `/enrolments/${enrolmentId}/cancellations`, {
      role: 'backoffice',
      body: { commandId: commandId(), requestedAt: '2026-03-10T10:00:00+01:00', reason: 'regular' },
    });
    expect(cancelled.status).toBe(201);
    cancellationDecisionId = cancelled.body.decision.decisionId;
  });
  afterAll(async () => {
    await side.close();
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('history <stream>: every event with its envelope, the v1 LearnerRegistered upcast to v2', async () => {
    const run = await cli(api.dataDir, 'history', `learner-${oldLearnerId}`);
    expect(run.code).toBe(0);
    expect(run.json.events).toEqual([
      expect.objectContaining({
        revision: 0,
        type: 'LearnerRegistered',
        schemaVersion: 2,
        occurredAt: '2025-05-01T10:00:00+02:00',
        data: {
          learnerId: oldLearnerId,
          displayName: 'Cornelia Oudvorm',
          givenName: null,
          familyName: null,
          email: 'c.oudvorm@example.nl',
          employerId: null,
          registeredAt: '2025-05-01T10:00:00+02:00',
        },
      }),
    ]);
    const missing = await cli(api.dataDir, 'history', 'no-such-stream');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no-such-stream');
  });

  it('explain <decisionId>: the decision, its event, its recomputation and its rule texts; unknown id exits 3', async () => {
    const run = await cli(api.dataDir, 'explain', cancellationDecisionId);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({
      decisionId: cancellationDecisionId,
      matches: true,
      recorded: { kind: 'cancellation-fee', rulebook: { id: 'plusport' } },
      event: { eventId: cancellationDecisionId, type: 'EnrolmentCancelled' },
      ruleTexts: [{ ruleId: 'PP-15.5-CLS', article: { seedFile: '001_f99e99e77f183328.txt' } }],
      missing: [],
    });
    expect(run.json.ruleTexts[0].article.quoteNl).toContain('5 werkdagen of korter voor de Klassikale Training* 100%');
    expect(run.json.interpretations.map((i: { id: string }) => i.id)).toEqual(run.json.recorded.interpretationIds);
    const text = await new Promise<string>((resolve) =>
      execFile(
        TSX,
        [MAIN, 'explain', decisions[0]!.decisionId],
        { cwd: ROOT, env: { PATH: process.env.PATH, LEDGER_DATA_DIR: api.dataDir } },
        (_e, stdout) => resolve(stdout),
      ),
    );
    expect(text).toContain('cancellation-fee under plusport@');
    expect(text).toContain('recomputed:   matches');
    // The rule texts: the project's words and the Dutch article of the seed.
    expect(text).toContain('PP-15.5-CLS  Cancelling a classroom training');
    expect(text).toContain(
      'art. 15.5, Annuleringsregeling Klassikale trainingen (docs/seeds/001_f99e99e77f183328.txt)',
    );
    expect(text).toContain('10 tot en met 6 werkdagen voor de Klassikale Training* 50%');
    expect((await cli(api.dataDir, 'explain', randomUUID())).code).toBe(3);
  });

  it('verify-decisions: every decision in the log recomputes the same (exit 0)', async () => {
    const run = await cli(api.dataDir, 'verify-decisions');
    expect(run.code).toBe(0);
    expect(run.json.checked).toBeGreaterThanOrEqual(decisions.length + 1);
    expect(run.json.matched).toBe(run.json.checked);
    expect(run.json.complete).toBe(true);
  });

  it('verify-projections: every live projection equals a rebuild from zero; rebuild --url asks the running server', async () => {
    const verify = await cli(api.dataDir, 'verify-projections');
    expect(verify.code).toBe(0);
    expect(verify.json.ok).toBe(true);
    expect(verify.json.projections.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['decision_log', 'erasures', 'deadlines']),
    );
    expect(
      verify.json.projections.find((p: { name: string }) => p.name === 'decision_log').live.documents,
    ).toBeGreaterThanOrEqual(decisions.length + 1);
    expect((await cli(api.dataDir, 'verify-projections', 'nope')).code).toBe(3);

    const rebuild = await cli(
      api.dataDir,
      'rebuild',
      'decision_log',
      '--url',
      api.baseUrl,
      '--api-key',
      TEST_KEYS.admin,
    );
    expect(rebuild.code).toBe(0);
    expect(rebuild.json).toMatchObject({ name: 'decision_log', slot: 'decision_log_g1' });
    expect((await api.request('GET', `/decisions/${decisions[1]!.decisionId}`, { role: 'auditor' })).status).toBe(200);
    const again = await cli(api.dataDir, 'verify-projections', 'decision_log');
    expect(again.json.projections[0]).toMatchObject({ slot: 'decision_log_g1', matches: true });
  });

  it('tick --until is refused beside the running server (exit 4, its pid named); through --url it fires due deadlines, and a second run changes nothing', async () => {
    const offline = await cli(api.dataDir, 'tick', '--until', '2026-04-30T00:00:00+02:00');
    expect(offline.code).toBe(4);
    expect(offline.stderr).toContain(`server (pid ${process.pid}`);
    expect(offline.stderr).toContain('--url');
    const viaServer = ['--url', api.baseUrl, '--api-key', TEST_KEYS.admin];
    const first = await cli(api.dataDir, 'tick', '--until', '2026-04-30T00:00:00+02:00', ...viaServer);
    expect(first.code).toBe(0);
    expect(first.json.until).toBe('2026-04-30T00:00:00+02:00');
    expect(first.json.complete).toBe(true);
    const second = await cli(api.dataDir, 'tick', '--until', '2026-04-30T00:00:00+02:00', ...viaServer);
    expect(second.code).toBe(0);
    expect(second.json.fired.filter((f: { outcome: string }) => f.outcome === 'applied')).toEqual([]);
    const bad = await cli(api.dataDir, 'tick', '--until', 'tomorrow');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--until');
  });

  it('after an erasure the CLI shows "[erased]" too', async () => {
    expect(
      (
        await api.request('POST', `/learners/${oldLearnerId}/erasure`, {
          role: 'admin',
          body: { commandId: commandId() },
        })
      ).status,
    ).toBe(200);
    const run = await cli(api.dataDir, 'history', `learner-${oldLearnerId}`);
    expect(run.json.events[0].data).toMatchObject({ displayName: '[erased]', email: '[erased]' });
    expect(run.json.events[1]).toMatchObject({ type: 'LearnerPersonalDataErased' });
    expect(run.stdout).not.toContain('Oudvorm');
    expect((await cli(api.dataDir, 'verify-decisions')).code).toBe(0);
  });

  it('demo without a server URL says what it needs (exit 2)', async () => {
    const run = await cli(api.dataDir, 'demo');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/scripts\/demo\.ts|--url/);
  });

  it('verify-chain: intact (exit 0); after one stored event is altered it names that event (exit 1); offline rebuild switches slots', async () => {
    const intact = await cli(api.dataDir, 'verify-chain');
    expect(intact.code).toBe(0);
    expect(intact.json).toMatchObject({ available: true, ok: true });

    const victim = decisions[3]!;
    await side.close();
    await api.close();
    const db = new Database(path.join(api.dataDir, 'events.sqlite'));
    try {
      db.exec('DROP TRIGGER events_are_immutable_update');
      const row = db.prepare('SELECT metadata FROM events WHERE event_id = ?').get(victim.decisionId) as {
        metadata: string;
      };
      const forged = row.metadata.replace('"userId":"svc-fixture"', '"userId":"svc-forged!"');
      expect(forged).not.toBe(row.metadata);
      db.prepare('UPDATE events SET metadata = ? WHERE event_id = ?').run(forged, victim.decisionId);
    } finally {
      db.close();
    }
    const tampered = await cli(api.dataDir, 'verify-chain');
    expect(tampered.code).toBe(1);
    expect(tampered.json).toMatchObject({
      ok: false,
      firstBadEvent: { position: victim.position, eventId: victim.decisionId, streamId: victim.streamId },
    });
    const text = await new Promise<string>((resolve) =>
      execFile(
        TSX,
        [MAIN, 'verify-chain'],
        { cwd: ROOT, env: { PATH: process.env.PATH, LEDGER_DATA_DIR: api.dataDir } },
        (_e, stdout) => resolve(stdout),
      ),
    );
    expect(text).toContain(
      `TAMPERED: The hash chain breaks at position ${victim.position} (event ${victim.decisionId}`,
    );

    // With the server stopped the CLI rebuilds by itself (blue/green, switch after catch-up).
    const offline = await cli(api.dataDir, 'rebuild', 'erasures');
    expect(offline.code).toBe(0);
    expect(offline.json).toMatchObject({ name: 'erasures', generation: 1, slot: 'erasures_g1' });
    expect((await cli(api.dataDir, 'rebuild', 'nope')).code).toBe(3);
    // Reopened for afterAll's close.
    api = await startHarness({ dataDir });
    side = await openSideStorage(api.dataDir);
  });
});
