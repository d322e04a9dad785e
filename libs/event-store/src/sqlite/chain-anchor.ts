import Database from 'better-sqlite3';
import { HASH_BYTES } from './hash-chain';

/**
 * The hash chain proves that no stored event was altered, removed or reordered, but not that
 * events were cut off the end: a log without its last events is a shorter, valid chain. The anchor
 * is the chain head (position and hash) kept in a small SQLite file of its own beside the log,
 * written after every commit. A log whose head is behind the anchor, or whose event at the anchor's
 * position has another hash, lost events or was swapped for another copy (docs/operations.md).
 *
 * It is written after the log's commit, never before: a crash in between leaves the anchor behind
 * the log, which is safe (it only sees less). It is only ever moved forwards, so processes
 * appending side by side cannot move it back. synchronous=NORMAL: losing the newest anchor writes
 * in a power cut leaves it behind too, and saves an fsync per commit.
 */
export interface AnchoredHead {
  position: number;
  hash: Buffer;
  anchoredAt: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS chain_anchor (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    position    INTEGER NOT NULL CHECK (position >= -1),
    hash        BLOB    NOT NULL CHECK (length(hash) = ${HASH_BYTES}),
    anchored_at TEXT    NOT NULL
  ) STRICT;
`;

export class ChainAnchor {
  private readonly advanceStatement: Database.Statement;
  private readonly readStatement: Database.Statement;
  private readonly replaceStatement: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {
    this.advanceStatement = db.prepare(
      `INSERT INTO chain_anchor (id, position, hash, anchored_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, hash = excluded.hash, anchored_at = excluded.anchored_at
       WHERE excluded.position > chain_anchor.position`,
    );
    this.readStatement = db.prepare('SELECT position, hash, anchored_at FROM chain_anchor WHERE id = 1');
    this.replaceStatement = db.prepare(
      `INSERT INTO chain_anchor (id, position, hash, anchored_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, hash = excluded.hash, anchored_at = excluded.anchored_at`,
    );
  }

  static open(file: string, options: { busyTimeoutMs?: number } = {}): ChainAnchor {
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
    } catch (error) {
      db.close();
      throw error;
    }
    return new ChainAnchor(db, file);
  }

  read(): AnchoredHead | undefined {
    const row = this.readStatement.get() as { position: number; hash: Buffer; anchored_at: string } | undefined;
    return row ? { position: row.position, hash: row.hash, anchoredAt: row.anchored_at } : undefined;
  }

  /** Moves the anchor to a newer head; a head at or behind the anchor changes nothing. */
  advance(position: number, hash: Buffer): void {
    this.advanceStatement.run(position, hash, new Date().toISOString());
  }

  /** Sets the anchor to this head even when it is behind: a restore, or an operator accepting a log. */
  replace(position: number, hash: Buffer): void {
    this.replaceStatement.run(position, hash, new Date().toISOString());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
