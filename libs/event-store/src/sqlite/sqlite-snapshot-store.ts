/**
 * Aggregate snapshots of the embedded engine, in a SQLite file of their own beside the log
 * (docs/decisions.md D24). Separate from `events.sqlite` so the log's schema, immutability and
 * hash chain stay as they are and a snapshot write never waits for the log's write lock. The
 * snapshots are disposable (always checked against the log, rebuilt from it), so the file commits
 * with synchronous=NORMAL: a power cut may take the last snapshots back, never the log's events.
 * One row per stream: a newer snapshot replaces the older one, whatever its version.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { AggregateSnapshot, SnapshotStore } from '../event-store.port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS snapshots (
    stream_id  TEXT    PRIMARY KEY,
    version    TEXT    NOT NULL,
    revision   INTEGER NOT NULL CHECK (revision >= 0),
    event_id   TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    written_at TEXT    NOT NULL
  ) STRICT, WITHOUT ROWID;
`;

/** `events.sqlite` -> `events.snapshots.sqlite`, in the same directory. */
export function defaultSnapshotFile(logFile: string): string {
  return join(dirname(logFile), `${basename(logFile).replace(/\.sqlite$/, '')}.snapshots.sqlite`);
}

interface SnapshotRow {
  version: string;
  revision: number;
  event_id: string;
  body: string;
}

export class SqliteSnapshotStore implements SnapshotStore {
  private readonly select: Database.Statement<[string], SnapshotRow>;
  private readonly upsert: Database.Statement<[string, string, number, string, string, string]>;

  private constructor(private readonly db: Database.Database) {
    this.select = db.prepare('SELECT version, revision, event_id, body FROM snapshots WHERE stream_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO snapshots (stream_id, version, revision, event_id, body, written_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, revision = excluded.revision,
         event_id = excluded.event_id, body = excluded.body, written_at = excluded.written_at`,
    );
  }

  static open(file: string): SqliteSnapshotStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      return new SqliteSnapshotStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async readSnapshot(streamId: string, version: string): Promise<AggregateSnapshot | undefined> {
    if (!this.db.open) return undefined;
    const row = this.select.get(streamId);
    if (!row || row.version !== version) return undefined;
    return { streamId, version, revision: row.revision, eventId: row.event_id, body: row.body };
  }

  async writeSnapshot(snapshot: AggregateSnapshot): Promise<void> {
    if (!this.db.open) return;
    this.upsert.run(
      snapshot.streamId,
      snapshot.version,
      snapshot.revision,
      snapshot.eventId,
      snapshot.body,
      new Date().toISOString(),
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
