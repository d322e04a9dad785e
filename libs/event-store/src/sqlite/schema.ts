import type Database from 'better-sqlite3';

/**
 * The embedded log's schema. It is the production format of the embedded engine, so it only ever
 * moves forward through numbered migrations; PRAGMA user_version records which one a file has.
 *
 * events:  the log itself. `position` is the rowid (gapless from 0, assigned inside the write
 *          transaction), so `$all` reads walk the primary key. STRICT tables reject values of the
 *          wrong type instead of coercing them. Triggers make rows immutable: corrections are new
 *          events, and the hash chain exposes anyone who bypasses the triggers.
 * streams: one row per stream: its current revision (NULL while only metadata was set) and its
 *          metadata, so an expected-revision check is one primary-key look-up.
 */

export const SCHEMA_VERSION = 1;
/** Marks the file as an enrolment-ledger event log ("LEDG") for tools such as `file(1)`. */
export const APPLICATION_ID = 0x4c454447;

const MIGRATIONS: ReadonlyArray<string> = [
  `
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY CHECK (position >= 0),
    event_id    TEXT    NOT NULL UNIQUE,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 0),
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL CHECK (json_valid(data)),
    metadata    TEXT    NOT NULL CHECK (json_valid(metadata)),
    recorded_at TEXT    NOT NULL,
    command_id  TEXT,
    hash        BLOB    NOT NULL CHECK (length(hash) = 32),
    UNIQUE (stream_id, revision)
  ) STRICT;

  CREATE INDEX events_by_command_id ON events (command_id) WHERE command_id IS NOT NULL;

  CREATE TRIGGER events_are_immutable_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: append a correcting event instead'); END;

  CREATE TRIGGER events_are_immutable_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: append a correcting event instead'); END;

  CREATE TABLE streams (
    stream_id TEXT PRIMARY KEY,
    revision  INTEGER CHECK (revision IS NULL OR revision >= 0),
    metadata  TEXT    CHECK (metadata IS NULL OR json_valid(metadata))
  ) STRICT, WITHOUT ROWID;
  `,
];

/** Brings the file to SCHEMA_VERSION; safe when several processes open a new file at once. */
export function migrate(db: Database.Database): void {
  if (MIGRATIONS.length !== SCHEMA_VERSION) throw new Error('Every schema version needs exactly one migration');
  db.transaction(() => {
    const applicationId = Number(db.pragma('application_id', { simple: true }));
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version === 0 && applicationId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    else if (applicationId !== APPLICATION_ID) {
      throw new Error(`Not an enrolment-ledger event log (application_id ${applicationId})`);
    }
    if (version > SCHEMA_VERSION) {
      throw new Error(`Event log schema version ${version} is newer than this code supports (${SCHEMA_VERSION})`);
    }
    for (let next = version; next < SCHEMA_VERSION; next += 1) {
      db.exec(MIGRATIONS[next] as string);
    }
    if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
