import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite event store: the chain head anchored outside the log', () => {
  let dir: string;
  const logFile = () => join(dir, 'events.sqlite');
  const anchorFile = () => join(dir, 'chain-anchor.sqlite');
  const open = () => SqliteEventStore.open({ file: logFile(), anchorFile: anchorFile() });

  async function appendEvents(store: SqliteEventStore, count: number, stream = 's-1'): Promise<void> {
    for (let index = 0; index < count; index++)
      await store.append(stream, [{ type: 'Something', data: { index } }], { expectedRevision: 'any' });
  }

  /** What someone with the file does: the immutability triggers are no obstacle to them. */
  function cutTail(events: number): void {
    const db = new Database(logFile());
    try {
      db.exec('DROP TRIGGER events_are_immutable_delete');
      db.prepare('DELETE FROM events WHERE position > (SELECT max(position) FROM events) - ?').run(events);
    } finally {
      db.close();
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-anchor-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a log with its last 5 events cut off verifies without the anchor, and fails with it', async () => {
    const store = open();
    await appendEvents(store, 20);
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 20, anchor: { position: 19 } });
    await store.close();
    cutTail(5);

    const withoutAnchor = SqliteEventStore.open({ file: logFile() });
    expect(await withoutAnchor.verifyChain()).toEqual({ ok: true, checked: 15 });
    await withoutAnchor.close();

    const reopened = open();
    try {
      expect(await reopened.verifyChain()).toMatchObject({
        ok: false,
        reason: 'truncated',
        checked: 15,
        headPosition: 14,
        anchor: { position: 19 },
      });
      expect(reopened.checkAnchor()).toMatchObject({
        ok: false,
        reason: 'truncated',
        headPosition: 14,
        message: expect.stringContaining('records position 19'),
      });
    } finally {
      await reopened.close();
    }
  });

  it('an older copy of the log put back, then written on, is another history: replaced', async () => {
    const store = open();
    await appendEvents(store, 5);
    await store.close();
    copyFileSync(logFile(), join(dir, 'older.sqlite'));
    const again = open();
    await appendEvents(again, 5);
    await again.close();
    copyFileSync(join(dir, 'older.sqlite'), logFile());
    // Without the anchor check, this process would append five different events at positions 5-9.
    const bare = SqliteEventStore.open({ file: logFile() });
    await appendEvents(bare, 5, 's-other');
    await bare.close();

    const reopened = open();
    try {
      expect(reopened.checkAnchor()).toMatchObject({ ok: false, reason: 'replaced', headPosition: 9 });
      expect(await reopened.verifyChain()).toMatchObject({ ok: false, reason: 'replaced', anchor: { position: 9 } });
      const { before, after } = reopened.reanchor();
      expect(before?.position).toBe(9);
      expect(after.position).toBe(9);
      expect(reopened.checkAnchor().ok).toBe(true);
      expect(await reopened.verifyChain()).toMatchObject({ ok: true, checked: 10 });
    } finally {
      await reopened.close();
    }
  });

  it('moves only forwards: a process appending beside another never moves it back', async () => {
    const first = open();
    const second = open();
    try {
      await appendEvents(first, 3);
      await appendEvents(second, 2);
      expect(first.checkAnchor()).toMatchObject({ ok: true, anchor: { position: 4 } });
      await appendEvents(first, 1);
      expect(second.checkAnchor()).toMatchObject({ ok: true, anchor: { position: 5 }, headPosition: 5 });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('anchors a log that had none where it is, and an empty log at -1', async () => {
    const bare = SqliteEventStore.open({ file: logFile() });
    await appendEvents(bare, 4);
    await bare.close();
    const anchored = open();
    try {
      expect(anchored.checkAnchor()).toMatchObject({ ok: true, anchor: { position: 3 } });
    } finally {
      await anchored.close();
    }
    const emptyDir = mkdtempSync(join(tmpdir(), 'ledger-anchor-empty-'));
    const empty = SqliteEventStore.open({
      file: join(emptyDir, 'events.sqlite'),
      anchorFile: join(emptyDir, 'a.sqlite'),
    });
    expect(empty.checkAnchor()).toMatchObject({ ok: true, anchor: { position: -1 }, headPosition: -1 });
    await empty.close();
    rmSync(emptyDir, { recursive: true, force: true });
  });
});
