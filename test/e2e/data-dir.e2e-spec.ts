/**
 * The data directory as an operator handles it (issue 16): offline tools beside a running server,
 * a log cut short or put back from an older copy, and backup and restore under write load. The
 * server runs in this process (its lock names this pid); the CLI runs as a child process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/cli-runner';
import { commandId, newId, startHarness, TEST_KEYS, type Harness } from '../support/http-harness';

jest.setTimeout(240_000);

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ledger-${name}-`));
}

async function registerCustomer(api: Harness, name = 'Hendrika Backup-Proef'): Promise<string> {
  const customerId = newId('cust');
  const res = await api.request('POST', '/customers', {
    role: 'backoffice',
    body: { commandId: commandId(), customerId, kind: 'consumer', name, email: `${customerId}@example.nl` },
  });
  if (res.status !== 201) throw new Error(`customer not registered: ${res.status} ${JSON.stringify(res.body)}`);
  return customerId;
}

async function projectionSlots(api: Harness): Promise<Record<string, { position: number; slot?: string }>> {
  const res = await api.request('GET', '/admin/projections', { role: 'admin' });
  return Object.fromEntries(res.body.map((p: { name: string; position: number; slot?: string }) => [p.name, p]));
}

/** What someone with the file does: the immutability triggers are no obstacle to them. */
function cutLogTail(dataDir: string, events: number): void {
  const db = new Database(path.join(dataDir, 'events.sqlite'));
  try {
    db.exec('DROP TRIGGER events_are_immutable_delete');
    db.prepare('DELETE FROM events WHERE position > (SELECT max(position) FROM events) - ?').run(events);
  } finally {
    db.close();
  }
}

describe('offline tools beside a running server', () => {
  let dataDir: string;
  let api: Harness;
  beforeAll(async () => {
    dataDir = tempDir('lock');
    api = await startHarness({ dataDir });
    await registerCustomer(api);
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('rebuild is refused (exit 4, the server and its pid named), and the server keeps serving its slots', async () => {
    const before = await projectionSlots(api);
    const run = await runCli(dataDir, ['rebuild', 'invoices']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`is in use by server (pid ${process.pid}`);
    expect(run.stderr).toContain('--url');
    expect(await projectionSlots(api)).toEqual(before);
    expect(before['invoices']!.slot).toBeUndefined();
    // Through the server, the same rebuild is fine.
    const viaServer = await runCli(dataDir, [
      'rebuild',
      'invoices',
      '--url',
      api.baseUrl,
      '--api-key',
      TEST_KEYS.admin,
    ]);
    expect(viaServer.code).toBe(0);
    expect((await projectionSlots(api))['invoices']!.slot).toBe('invoices_g1');
  });

  it('restore of a directory that is no backup says so; a second server on the same directory does not start', async () => {
    const run = await runCli(dataDir, ['restore', dataDir]);
    // The manifest check comes first: this directory is no backup.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('manifest.json');
    await expect(startHarness({ dataDir })).rejects.toThrow(`is in use by server (pid ${process.pid}`);
    expect((await api.request('GET', '/health', { role: null })).status).toBe(200);
  });
});

describe('a log cut short, or put back from an older copy', () => {
  it('is found at start and by verify-chain; once accepted, read models ahead of it are rebuilt before serving', async () => {
    const dataDir = tempDir('truncated');
    try {
      const first = await startHarness({ dataDir });
      for (let index = 0; index < 8; index++) await registerCustomer(first);
      const headBefore = (await first.request('GET', '/audit/chain', { role: 'auditor' })).body.headPosition;
      await first.close();
      cutLogTail(dataDir, 5);

      await expect(startHarness({ dataDir })).rejects.toThrow(
        new RegExp(`ends at position ${headBefore - 5}, but its anchor .* records position ${headBefore}`),
      );
      const verify = await runCli(dataDir, ['verify-chain']);
      expect(verify.code).toBe(1);
      expect(verify.json).toMatchObject({ ok: false, reason: 'truncated', headPosition: headBefore - 5 });
      expect(verify.json.message).toContain('5 events were cut off the end');

      const accepted = await runCli(dataDir, ['reanchor']);
      expect(accepted.code).toBe(0);
      expect(accepted.json).toMatchObject({ before: { position: headBefore }, after: { position: headBefore - 5 } });

      const second = await startHarness({ dataDir });
      try {
        const slots = await projectionSlots(second);
        for (const projection of Object.values(slots)) expect(projection.position).toBeLessThanOrEqual(headBefore - 5);
        expect(slots['customer_balances']!.position).toBe(headBefore - 5);
        const health = await second.request('GET', '/health', { role: null });
        expect(health.status).toBe(200);
        // New events take the positions the old read models had seen: they are projected, not skipped.
        const customerId = await registerCustomer(second, 'Nieuwe Klant Na Herstel');
        const balance = await second.request('GET', `/customers/${customerId}/balance`, { role: 'finance' });
        expect(balance.status).toBe(200);
        expect((await second.request('POST', '/admin/projections/verify', { role: 'auditor', body: {} })).body.ok).toBe(
          true,
        );
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('backup and restore', () => {
  it('backs up under write load, restores into a new directory and over the old one; chain and projections verify', async () => {
    const dataDir = tempDir('live');
    const backupDir = path.join(tempDir('backups'), 'b1');
    const restoredDir = tempDir('restored');
    try {
      const api = await startHarness({ dataDir });
      const before: string[] = [];
      for (let index = 0; index < 20; index++) before.push(await registerCustomer(api, `Vooraf Klant ${index}`));
      // Four writers keep appending while the backup runs in another process.
      let writing = true;
      let written = 0;
      const writers = Array.from({ length: 4 }, async () => {
        while (writing) {
          await registerCustomer(api, 'Tijdens Backup');
          written += 1;
        }
      });
      const backup = await runCli(dataDir, ['backup', backupDir]);
      const writtenDuringBackup = written;
      writing = false;
      await Promise.all(writers);
      expect(backup.code).toBe(0);
      expect(writtenDuringBackup).toBeGreaterThan(0);
      const manifest = backup.json;
      expect(manifest.order).toEqual(['read-models.sqlite', 'events.sqlite', 'keys.sqlite']);
      expect(manifest.log.headPosition).toBeGreaterThanOrEqual(before.length - 1);
      for (const projection of manifest.readModels.projections)
        expect(projection.position).toBeLessThanOrEqual(manifest.log.headPosition);
      expect(Object.keys(manifest.files).sort()).toEqual(['events.sqlite', 'keys.sqlite', 'read-models.sqlite']);
      const liveHead = (await api.request('GET', '/audit/chain', { role: 'auditor' })).body.headPosition;
      expect(liveHead).toBeGreaterThan(manifest.log.headPosition);

      // Not over a directory a server holds.
      const refused = await runCli(dataDir, ['restore', backupDir]);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`(pid ${process.pid}`);

      const intoNew = await runCli(restoredDir, ['restore', backupDir]);
      expect(intoNew.code).toBe(0);
      expect(intoNew.json).toMatchObject({ headPosition: manifest.log.headPosition, previousFilesIn: null });
      const restored = await startHarness({ dataDir: restoredDir });
      try {
        const chain = await restored.request('GET', '/audit/chain', { role: 'auditor' });
        expect(chain.body).toMatchObject({
          ok: true,
          headPosition: manifest.log.headPosition,
          anchor: { position: manifest.log.headPosition, hash: manifest.log.headHash },
        });
        const verify = await restored.request('POST', '/admin/projections/verify', { role: 'auditor', body: {} });
        expect(verify.body.ok).toBe(true);
        // The keys came along: personal data written before the backup reads as written.
        const customer = await restored.request('GET', `/customers/${before[0]}`, { role: 'auditor' });
        expect(customer.body).toMatchObject({ name: 'Vooraf Klant 0', status: 'registered' });
        expect((await restored.request('GET', '/health', { role: null })).status).toBe(200);
      } finally {
        await restored.close();
      }

      // Over the newer data of the original directory, once its server has stopped: the older log
      // is accepted (restore anchors it), and what it replaced is kept aside.
      await api.close();
      const over = await runCli(dataDir, ['restore', backupDir]);
      expect(over.code).toBe(0);
      expect(over.json.previousFilesIn).toMatch(/pre-restore-/);
      expect(fs.readdirSync(over.json.previousFilesIn)).toEqual(expect.arrayContaining(['events.sqlite']));
      const back = await startHarness({ dataDir });
      try {
        expect((await back.request('GET', '/audit/chain', { role: 'auditor' })).body).toMatchObject({
          ok: true,
          headPosition: manifest.log.headPosition,
        });
      } finally {
        await back.close();
      }
    } finally {
      for (const dir of [dataDir, path.dirname(backupDir), restoredDir])
        fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rebuild --all: every projection from zero, split over processes (D44)', () => {
  it('is refused beside a server; offline it replaces the read store with one that verifies, in 2 processes', async () => {
    const dataDir = tempDir('rebuild-all');
    let api = await startHarness({ dataDir });
    try {
      const customers = [await registerCustomer(api), await registerCustomer(api, 'Jacoba Herbouw')];
      const before = await projectionSlots(api);
      const refused = await runCli(dataDir, ['rebuild', '--all']);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`is in use by server (pid ${process.pid}`);
      await api.close();

      expect((await runCli(dataDir, ['rebuild', '--all', '--processes', '0'])).code).toBe(2);
      expect((await runCli(dataDir, ['rebuild', 'invoices', '--all'])).code).toBe(2);

      const run = await runCli(dataDir, ['rebuild', '--all', '--processes', '2']);
      expect(run.code).toBe(0);
      expect(run.json.processes).toBe(2);
      const rebuiltNames = run.json.shares.flatMap((share: { projections: string[] }) => share.projections);
      expect([...rebuiltNames].sort()).toEqual(Object.keys(before).sort());
      const head = Math.max(...Object.values(before).map((projection) => projection.position));
      expect(run.json.position).toBe(head);
      expect(run.json.deadLetters).toBe(0);
      expect(fs.readdirSync(dataDir).filter((file) => file.includes('rebuilding'))).toEqual([]);

      const verified = await runCli(dataDir, ['verify-projections']);
      expect(verified.code).toBe(0);
      expect(verified.json.ok).toBe(true);

      api = await startHarness({ dataDir });
      const after = await projectionSlots(api);
      for (const name of Object.keys(before)) expect(after[name]!.position).toBe(before[name]!.position);
      const found = await api.request('GET', `/customers/${customers[1]}`, { role: 'backoffice' });
      expect(found.status).toBe(200);
    } finally {
      await api.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
