import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { physicalCollection, SqliteReadStore, type ProjectionKey } from '@ledger/read-store';
import { describeReadStoreContract } from './read-store.contract';

async function openTemporaryStore(): Promise<{ store: SqliteReadStore; file: string; cleanup: () => Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'read-store-'));
  const file = join(directory, 'read.sqlite');
  const store = SqliteReadStore.open(file);
  return {
    store,
    file,
    cleanup: async () => {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

describeReadStoreContract('sqlite', openTemporaryStore);

describe('SqliteReadStore specifics', () => {
  const projection: ProjectionKey = { name: 'sqlite_specifics', version: 1 };
  const things = physicalCollection(projection, 'things');
  let opened: Awaited<ReturnType<typeof openTemporaryStore>>;

  beforeEach(async () => {
    opened = await openTemporaryStore();
    await opened.store.ensureCollection({ name: things, indexes: ['status', 'rank'] });
  });

  afterEach(async () => {
    await opened.cleanup();
  });

  it('serves filters, sorts and every later page from the partial expression indexes, without a temporary sort', async () => {
    const changes = Array.from({ length: 40 }, (_, index) => ({
      kind: 'put' as const,
      collection: things,
      id: `t-${index}`,
      body: { status: index % 2 ? 'open' : 'closed', rank: index % 4 === 0 ? null : index % 3 },
    }));
    await opened.store.commit(projection, changes, 1);
    const rankIndex = new RegExp(`USING (COVERING )?INDEX ix_${things.length}_${things}_rank`);
    const plans = [opened.store.explainFind(things, { where: { status: 'open' } })];
    for (const direction of ['asc', 'desc'] as const) {
      let cursor: string | undefined;
      do {
        const query = { orderBy: { field: 'rank', direction }, limit: 3, ...(cursor === undefined ? {} : { cursor }) };
        const segments = opened.store.explainFind(things, query);
        for (const segment of segments) expect(segment).toMatch(rankIndex);
        plans.push(segments);
        cursor = (await opened.store.find(things, query)).nextCursor;
      } while (cursor !== undefined);
    }

    expect(plans[0]!.join()).toMatch(new RegExp(`USING INDEX ix_${things.length}_${things}_status`));
    expect(plans.flat().join('\n')).not.toMatch(/TEMP B-TREE/);
    // Pages after a non-null cursor seek on the sort value instead of scanning from the start.
    expect(plans.flat().join('\n')).toMatch(/<expr>[<>]\?/);
  });

  it('keeps documents, checkpoints and index declarations across a reopen', async () => {
    await opened.store.commit(projection, [{ kind: 'put', collection: things, id: 'a', body: { status: 'open' } }], 4);
    await opened.store.close();

    const reopened = SqliteReadStore.open(opened.file);
    try {
      expect(await reopened.getCheckpoint(projection)).toBe(4);
      expect((await reopened.find(things, { where: { status: 'open' } })).items.map((item) => item.id)).toEqual(['a']);
    } finally {
      await reopened.close();
    }
  });

  it('rolls back every change and the checkpoint when a write fails half-way through a commit', async () => {
    await opened.store.commit(projection, [{ kind: 'put', collection: things, id: 'a', body: { status: 'old' } }], 1);
    // A trigger installed over a second connection makes the second insert fail inside the transaction.
    const saboteur = new Database(opened.file);
    saboteur.exec(
      `CREATE TRIGGER poison BEFORE INSERT ON documents WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`,
    );
    saboteur.close();

    const changes = [
      { kind: 'put' as const, collection: things, id: 'a', body: { status: 'new' } },
      { kind: 'put' as const, collection: things, id: 'poison', body: {} },
    ];
    const failure: unknown = await opened.store.commit(projection, changes, 2).then(
      () => 'commit succeeded',
      (error: unknown) => error,
    );

    expect(String(failure)).toMatch(/poisoned/);

    expect((await opened.store.get(things, 'a'))?.body).toEqual({ status: 'old' });
    expect(await opened.store.getCheckpoint(projection)).toBe(1);
  });

  it('refuses a file written by a newer schema version', async () => {
    await opened.store.close();
    const newer = new Database(opened.file);
    newer.pragma('user_version = 99');
    newer.close();

    expect(() => SqliteReadStore.open(opened.file)).toThrow(/newer than this code/);
  });
});

describe('SqliteReadStore checkpoints in the background', () => {
  const projection: ProjectionKey = { name: 'background_checkpoints', version: 1 };
  const things = physicalCollection(projection, 'things');

  it('copies committed pages into the database file from a worker thread, not in the commits', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'read-store-checkpoints-'));
    const file = join(directory, 'read.sqlite');
    const store = SqliteReadStore.open(file, { checkpointInBackground: true, checkpointIntervalMs: 10 });
    try {
      await store.ensureCollection({ name: things, indexes: ['status'] });
      // The database file itself, not the logical database (a reader would see the WAL's pages too).
      const bytesInFile = () => statSync(file).size;
      const bytesBefore = bytesInFile();
      for (let batch = 0; batch < 20; batch++) {
        const changes = Array.from({ length: 50 }, (_, index) => ({
          kind: 'put' as const,
          collection: things,
          id: `thing-${batch}-${index}`,
          body: { status: index % 2 === 0 ? 'open' : 'paid', note: 'x'.repeat(200) },
        }));
        await store.commit(projection, changes, batch);
      }
      // 1,000 documents are far below the commits' own threshold (FALLBACK_AUTOCHECKPOINT_PAGES):
      // only the worker can have moved them out of the WAL.
      const deadline = Date.now() + 10_000;
      let report = store.checkpointReport();
      while ((report?.walPages === 0 || report?.checkpointedPages !== report?.walPages) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        report = store.checkpointReport();
      }
      expect(report?.checkpoints).toBeGreaterThan(0);
      expect(report?.walPages).toBeGreaterThan(0);
      expect(report?.checkpointedPages).toBe(report?.walPages);
      expect(bytesInFile()).toBeGreaterThan(bytesBefore + 200 * 1024);
      expect((await store.find(things, { where: { status: 'open' }, limit: 500 })).items).toHaveLength(500);
    } finally {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('runs no worker unless asked to', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'read-store-checkpoints-'));
    const store = SqliteReadStore.open(join(directory, 'read.sqlite'));
    try {
      expect(store.checkpointReport()).toBeUndefined();
    } finally {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('SqliteReadStore opened by several processes at once', () => {
  it('creates the schema of a new file once: every process opens it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'read-store-race-'));
    const file = join(directory, 'read.sqlite');
    // Each process waits for the same instant, then opens the new file: the first migration races.
    const startAtMs = Date.now() + 4_000;
    const script = [
      "const { SqliteReadStore } = require('./libs/read-store/src/sqlite/sqlite-read-store');",
      `const wait = ${startAtMs} - Date.now(); const until = Date.now() + Math.max(0, wait);`,
      'while (Date.now() < until) {}',
      `SqliteReadStore.open(${JSON.stringify(file)}).close().then(() => process.stdout.write('opened'));`,
    ].join('\n');
    try {
      const outcomes = await Promise.all(
        Array.from(
          { length: 4 },
          () =>
            new Promise<{ code: number | null; output: string }>((resolve) => {
              const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
                cwd: join(__dirname, '..', '..'),
                stdio: ['ignore', 'pipe', 'pipe'],
              });
              let output = '';
              child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
              child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
              child.on('exit', (code) => resolve({ code, output }));
            }),
        ),
      );
      expect(outcomes).toEqual(Array.from({ length: 4 }, () => ({ code: 0, output: 'opened' })));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 30_000);
});
