/**
 * Blue/green rebuild under live writes (issue 7): while a projection is rebuilt beside the live
 * slot, queries keep answering from the live slot (never from a half-built one, never waiting for
 * the rebuild), and the slot that goes live equals a rebuild from zero. The switch survives a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReadModels } from '@ledger/application';
import { SqliteEventStore, type NewEvent } from '@ledger/event-store';
import { ProjectionRunner, SqliteReadStore, type ProjectionDefinition } from '@ledger/read-store';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Totals per stream; each event costs a turn of the timer queue, so a rebuild takes a while. */
const slowTotals: ProjectionDefinition = {
  name: 'slow_totals',
  version: 1,
  collections: [{ name: 'totals', indexes: [] }],
  handles: ['AmountAdded'],
  async apply(event, ctx) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const current = await ctx.get<{ count: number; amount: number }>('totals', event.streamId);
    ctx.put('totals', event.streamId, {
      count: (current?.body.count ?? 0) + 1,
      amount: (current?.body.amount ?? 0) + Number(event.data['amount']),
    });
  },
};

const added = (amount: number): NewEvent => ({ type: 'AmountAdded', data: { amount } });

describe('audit: blue/green projection rebuild during live writes', () => {
  let directory: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let runner: ProjectionRunner;
  let readModels: ReadModels;
  let appended = 0;

  const append = async (stream: string, amount: number) => {
    await eventStore.append(stream, [added(amount)], { expectedRevision: 'any' });
    appended += 1;
  };
  const totalCount = async () =>
    (await readModels.findAll<{ count: number }>('slow_totals', 'totals', {})).reduce(
      (sum, doc) => sum + doc.body.count,
      0,
    );

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'audit-rebuild-'));
    eventStore = SqliteEventStore.open({ file: join(directory, 'events.sqlite'), pollIntervalMs: 10 });
    readStore = SqliteReadStore.open(join(directory, 'read.sqlite'));
    runner = new ProjectionRunner({
      eventStore,
      readStore,
      projections: [slowTotals],
      logger: quiet,
      catchUpBatchSize: 50,
    });
    readModels = new ReadModels(eventStore, readStore, runner, [slowTotals]);
    runner.start();
    for (let index = 0; index < 400; index++) await append(`s-${index % 7}`, index);
    await readModels.ready(30_000);
  });
  afterAll(async () => {
    await runner.stop();
    await eventStore.close();
    await readStore.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('answers every query from the live slot while the new slot is built, then switches to a slot equal to a from-zero rebuild', async () => {
    expect(await totalCount()).toBe(400);
    let writing = true;
    const writer = (async () => {
      for (let index = 0; writing && index < 2_000; index++) {
        await append(`s-${index % 5}`, 1);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const rebuild = runner.rebuild('slow_totals');
    let finished = false;
    void rebuild.then(
      () => (finished = true),
      () => (finished = true),
    );
    let previous = 400;
    let queriesDuringRebuild = 0;
    let sawBuildingSlot = false;
    while (!finished) {
      const before = appended;
      // Read-your-writes does not wait for the rebuild: only the live slot counts.
      await readModels.ready(5_000);
      const total = await totalCount();
      // The live slot is complete up to what was appended before the query (a half-built slot would show less)...
      expect(total).toBeGreaterThanOrEqual(before);
      // ...and never goes backwards between queries.
      expect(total).toBeGreaterThanOrEqual(previous);
      previous = total;
      queriesDuringRebuild += 1;
      const status = (await runner.status())[0]!;
      if (status.rebuild) {
        sawBuildingSlot = true;
        expect(status.rebuild).toMatchObject({ generation: 1, slot: 'slow_totals_g1' });
        expect(status).not.toHaveProperty('slot');
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await rebuild;
    writing = false;
    await writer;

    expect(queriesDuringRebuild).toBeGreaterThan(3);
    expect(sawBuildingSlot).toBe(true);
    expect(result).toMatchObject({ name: 'slow_totals', fromGeneration: 0, generation: 1, slot: 'slow_totals_g1' });
    await readModels.ready(10_000);
    expect(await totalCount()).toBe(appended);
    expect((await runner.status())[0]).toMatchObject({ slot: 'slow_totals_g1', lag: 0 });
    // The old slot was dropped once no query held it.
    expect((await readStore.find('slow_totals_v1_totals', {})).items).toEqual([]);

    const scratchDirectory = await mkdtemp(join(tmpdir(), 'audit-rebuild-scratch-'));
    const scratch = SqliteReadStore.open(join(scratchDirectory, 'scratch.sqlite'));
    try {
      const [verification] = await runner.verify({ scratch });
      expect(verification).toMatchObject({
        name: 'slow_totals',
        slot: 'slow_totals_g1',
        matches: true,
        differingCollections: [],
      });
      expect(verification!.live.hash).toBe(verification!.rebuilt.hash);
      expect(verification!.live.documents).toBe(7);
    } finally {
      await scratch.close();
      await rm(scratchDirectory, { recursive: true, force: true });
    }
  });

  it('a restarted runner serves the switched slot at once, and a second rebuild moves to the next generation', async () => {
    const restarted = new ProjectionRunner({ eventStore, readStore, projections: [slowTotals], logger: quiet });
    const models = new ReadModels(eventStore, readStore, restarted, [slowTotals]);
    expect((await restarted.status())[0]).toMatchObject({
      slot: 'slow_totals_g1',
      position: await eventStore.headPosition(),
    });
    expect(
      (await models.findAll<{ count: number }>('slow_totals', 'totals', {})).reduce(
        (sum, doc) => sum + doc.body.count,
        0,
      ),
    ).toBe(appended);
    // A stopped runner (an offline tool) rebuilds and switches after its catch-up.
    await runner.stop();
    const second = await restarted.rebuild('slow_totals');
    expect(second).toMatchObject({ fromGeneration: 1, generation: 2, slot: 'slow_totals_g2' });
    expect(
      (await models.findAll<{ count: number }>('slow_totals', 'totals', {})).reduce(
        (sum, doc) => sum + doc.body.count,
        0,
      ),
    ).toBe(appended);
    await expect(restarted.rebuild('nope')).rejects.toThrow(/Unknown projection nope/);
    runner.start();
  });

  it('a corrupted live document makes verify report the projection and the collection that differ', async () => {
    const restarted = new ProjectionRunner({ eventStore, readStore, projections: [slowTotals], logger: quiet });
    const [live] = await restarted.status();
    const physical = `${live!.slot}_v1_totals`;
    const doc = (await readStore.find<{ count: number; amount: number }>(physical, {})).items[0]!;
    // Someone edits the read model's file directly: same position, so no checkpoint moves.
    const db = new Database(join(directory, 'read.sqlite'));
    try {
      // Each collection has a table of its own, named in the collections table.
      const { table_name: table } = db.prepare('SELECT table_name FROM collections WHERE name = ?').get(physical) as {
        table_name: string;
      };
      const changed = db
        .prepare(`UPDATE "${table}" SET body = ? WHERE id = ?`)
        .run(JSON.stringify({ ...doc.body, amount: doc.body.amount + 1 }), doc.id);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    const scratchDirectory = await mkdtemp(join(tmpdir(), 'audit-rebuild-scratch-'));
    const scratch = SqliteReadStore.open(join(scratchDirectory, 'scratch.sqlite'));
    try {
      const [verification] = await restarted.verify({ scratch });
      expect(verification).toMatchObject({ name: 'slow_totals', matches: false, differingCollections: ['totals'] });
    } finally {
      await scratch.close();
      await rm(scratchDirectory, { recursive: true, force: true });
    }
  });
});
