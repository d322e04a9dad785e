import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { physicalCollection, SqliteReadStore, type ProjectionKey } from '@ledger/read-store';
import { READ_STORE_VERSION_1_DDL } from '../../libs/read-store/src/sqlite/read-store-schema';
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

  it("serves filters, sorts and every later page from the collection's column indexes, without a temporary sort", async () => {
    const changes = Array.from({ length: 40 }, (_, index) => ({
      kind: 'put' as const,
      collection: things,
      id: `t-${index}`,
      body: { status: index % 2 ? 'open' : 'closed', rank: index % 4 === 0 ? null : index % 3 },
    }));
    await opened.store.commit(projection, changes, 1);
    const rankIndex = new RegExp(`USING (COVERING )?INDEX c_${things}__f_rank`);
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

    expect(plans[0]!.join()).toMatch(new RegExp(`USING INDEX c_${things}__f_status`));
    expect(plans.flat().join('\n')).not.toMatch(/TEMP B-TREE/);
    // Pages after a non-null cursor seek on the sort value instead of scanning from the start.
    expect(plans.flat().join('\n')).toMatch(/f_rank[<>]\?/);
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
      `CREATE TRIGGER poison BEFORE INSERT ON c_${things} WHEN NEW.id = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`,
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

  it('serves a filter sorted by another field from a compound index, page after page, without a temporary sort (D46)', async () => {
    const sorted = physicalCollection(projection, 'sorted');
    const spec = { name: sorted, indexes: ['status', 'dueAt'], compoundIndexes: [['status', 'dueAt']] };
    await opened.store.ensureCollection(spec);
    const changes = Array.from({ length: 30 }, (_, index) => ({
      kind: 'put' as const,
      collection: sorted,
      id: `s-${index}`,
      body: {
        status: index % 3 === 0 ? 'pending' : 'settled',
        dueAt: `2026-01-${String(30 - index).padStart(2, '0')}`,
      },
    }));
    await opened.store.commit(projection, changes, 1);
    const compound = new RegExp(`USING (COVERING )?INDEX c_${sorted}__sorted__f_status__f_dueAt`);
    const query = { where: { status: 'pending' }, orderBy: { field: 'dueAt', direction: 'asc' as const }, limit: 4 };
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = { ...query, ...(cursor === undefined ? {} : { cursor }) };
      for (const plan of opened.store.explainFind(sorted, page)) {
        expect(plan).toMatch(compound);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
      const found = await opened.store.find<{ dueAt: string }>(sorted, page);
      seen.push(...found.items.map((item) => item.body.dueAt));
      cursor = found.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toHaveLength(10);

    // Declared no more, it is dropped; a field it held can then be dropped too.
    await opened.store.ensureCollection({ name: sorted, indexes: ['status'] });
    expect(opened.store.explainFind(sorted, { where: { status: 'pending' } }).join()).not.toMatch(compound);
    expect((await opened.store.find(sorted, { where: { status: 'pending' } })).items).toHaveLength(10);
  });

  it('refuses a compound index of fewer than two fields, a repeated field, or a field it does not index', async () => {
    const bad = physicalCollection(projection, 'bad');
    for (const compoundIndexes of [[['status']], [['status', 'status']], [['status', 'nope']]])
      await expect(
        opened.store.ensureCollection({ name: bad, indexes: ['status', 'rank'], compoundIndexes }),
      ).rejects.toThrow(/compound index/);
  });

  it('builds deferred indexes in one pass when the collection is ensured again', async () => {
    const loaded = physicalCollection(projection, 'loaded');
    await opened.store.ensureCollection({ name: loaded, indexes: ['status'] }, { deferIndexes: true });
    const changes = Array.from({ length: 30 }, (_, index) => ({
      kind: 'put' as const,
      collection: loaded,
      id: `l-${index}`,
      body: { status: index % 3 === 0 ? 'open' : 'paid' },
    }));
    await opened.store.commit(projection, changes, 1);
    const statusIndex = new RegExp(`USING (COVERING )?INDEX c_${loaded}__f_status`);

    expect(opened.store.explainFind(loaded, { where: { status: 'open' } }).join()).not.toMatch(statusIndex);
    await opened.store.ensureCollection({ name: loaded, indexes: ['status'] });
    expect(opened.store.explainFind(loaded, { where: { status: 'open' } }).join()).toMatch(statusIndex);
    expect((await opened.store.find(loaded, { where: { status: 'open' } })).items).toHaveLength(10);
  });

  it('refuses a file written by a newer schema version', async () => {
    await opened.store.close();
    const newer = new Database(opened.file);
    newer.pragma('user_version = 99');
    newer.close();

    expect(() => SqliteReadStore.open(opened.file)).toThrow(/newer than this code/);
  });
});

describe('SqliteReadStore opening a version 1 file (one documents table)', () => {
  it('moves every collection into a table of its own, keeping documents, typed index values, checkpoints and dead letters', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'read-store-v1-'));
    const file = join(directory, 'read.sqlite');
    const projection: ProjectionKey = { name: 'legacy', version: 1 };
    const things = physicalCollection(projection, 'things');
    const undeclared = physicalCollection(projection, 'undeclared');
    const legacy = new Database(file);
    legacy.pragma('journal_mode = WAL');
    legacy.exec(READ_STORE_VERSION_1_DDL);
    legacy.exec(
      `CREATE INDEX "ix_${things.length}_${things}_status" ON documents (collection, json_extract(body, '$.status'), id) WHERE collection = '${things}'`,
    );
    const insert = legacy.prepare('INSERT INTO documents (collection, id, body, position) VALUES (?, ?, ?, ?)');
    insert.run(things, 'a', JSON.stringify({ status: 'open', rank: 2, flag: true }), 3);
    insert.run(things, 'b', JSON.stringify({ status: 1, rank: null, flag: false }), 4);
    insert.run(things, 'c', JSON.stringify({ status: '1', rank: 1, flag: 1 }), 5);
    insert.run(things, 'd', JSON.stringify({ status: ['open'], rank: 3 }), 6);
    insert.run(undeclared, 'x', JSON.stringify({ any: 'thing' }), 2);
    legacy
      .prepare('INSERT INTO collections (name, indexes) VALUES (?, ?)')
      .run(things, JSON.stringify(['status', 'rank', 'flag']));
    legacy
      .prepare('INSERT INTO checkpoints (projection, version, position, updated_at) VALUES (?, ?, ?, ?)')
      .run('legacy', 1, 6, '2026-01-01T00:00:00.000Z');
    legacy
      .prepare(
        'INSERT INTO dead_letters (projection, version, position, event_id, event_type, error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run('legacy', 1, 1, 'e-1', 'Broken', 'boom', '2026-01-01T00:00:00.000Z');
    legacy.pragma('user_version = 1');
    legacy.close();

    const store = SqliteReadStore.open(file);
    try {
      const ids = async (where: Record<string, string | number | boolean | null>) =>
        (await store.find(things, { where })).items.map((item) => item.id);
      expect(await store.get(things, 'a')).toEqual({
        id: 'a',
        body: { status: 'open', rank: 2, flag: true },
        position: 3,
      });
      expect(await ids({ status: 'open' })).toEqual(['a']);
      expect(await ids({ status: 1 })).toEqual(['b']);
      expect(await ids({ status: '1' })).toEqual(['c']);
      expect(await ids({ flag: true })).toEqual(['a']);
      expect(await ids({ flag: false })).toEqual(['b']);
      expect(await ids({ flag: 1 })).toEqual(['c']);
      // A non-scalar value is indexed as null.
      expect(await ids({ status: null })).toEqual(['d']);
      expect((await store.find(things, { orderBy: { field: 'rank' } })).items.map((item) => item.id)).toEqual([
        'b',
        'c',
        'a',
        'd',
      ]);
      expect(store.explainFind(things, { where: { status: 'open' } }).join()).toMatch(
        new RegExp(`USING INDEX c_${things}__f_status`),
      );
      expect((await store.get(undeclared, 'x'))?.body).toEqual({ any: 'thing' });
      expect(await store.getCheckpoint(projection)).toBe(6);
      expect(await store.countDeadLetters(projection)).toBe(1);
    } finally {
      await store.close();
    }
    const migrated = new Database(file, { readonly: true });
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(2);
      expect(migrated.prepare("SELECT name FROM sqlite_schema WHERE name = 'documents'").get()).toBeUndefined();
    } finally {
      migrated.close();
      await rm(directory, { recursive: true, force: true });
    }
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
