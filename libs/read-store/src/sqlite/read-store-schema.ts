/**
 * The SQLite read store's layout (schema version 2, decision D27): one table per collection, with
 * the document's id, position and JSON body, and one real column per indexed field, each with an
 * index on (column, id). Meta tables hold the collections and their fields, the projections'
 * checkpoints, dead letters and writer leases.
 *
 * An indexed field's column holds the field's value with its JSON type kept apart, so that 1, "1"
 * and true never compare equal: strings as TEXT, numbers as numbers, booleans as a one-byte BLOB,
 * and null, a missing field or a non-scalar value (object, array) as NULL. SQLite orders NULL <
 * numbers < TEXT < BLOB, which is MongoDB's order of null, numbers, strings and booleans.
 *
 * Names end up in SQL text, so they are only ever built from names read-query.ts validated.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { IndexValue } from '../read-store.port';

export const SCHEMA_VERSION = 2;

const COLLECTIONS_TABLE = `
  CREATE TABLE collections (
    name       TEXT PRIMARY KEY,
    table_name TEXT NOT NULL UNIQUE,
    indexes    TEXT NOT NULL CHECK (json_valid(indexes))
  ) STRICT, WITHOUT ROWID;
`;

const CHECKPOINTS_TABLE = `
  CREATE TABLE checkpoints (
    projection TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (projection, version)
  ) STRICT, WITHOUT ROWID;
`;

const DEAD_LETTERS_TABLE = `
  CREATE TABLE dead_letters (
    projection TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    event_id   TEXT    NOT NULL,
    event_type TEXT    NOT NULL,
    error      TEXT    NOT NULL,
    failed_at  TEXT    NOT NULL,
    PRIMARY KEY (projection, version, position)
  ) STRICT, WITHOUT ROWID;
`;

/** One writer per projection slot across processes (see SqliteReadStore.acquireWriterLease). */
const WRITER_LEASES_TABLE = `
  CREATE TABLE writer_leases (
    projection    TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    owner         TEXT    NOT NULL,
    token         INTEGER NOT NULL,
    ttl_ms        INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (projection, version)
  ) STRICT, WITHOUT ROWID;
`;

/**
 * Version 1 (kept for the migration's tests): every collection in one `documents` table, each
 * indexed field a partial expression index on (collection, json_extract(body, '$.field'), id).
 */
export const READ_STORE_VERSION_1_DDL = `
  CREATE TABLE documents (
    collection TEXT    NOT NULL,
    id         TEXT    NOT NULL,
    body       TEXT    NOT NULL CHECK (json_valid(body)),
    position   INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (collection, id)
  ) STRICT;

  CREATE TABLE collections (
    name    TEXT PRIMARY KEY,
    indexes TEXT NOT NULL CHECK (json_valid(indexes))
  ) STRICT, WITHOUT ROWID;
  ${CHECKPOINTS_TABLE}
  ${DEAD_LETTERS_TABLE}
`;

/** Brings a file to SCHEMA_VERSION; run inside an immediate transaction (two processes may open a new file). */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`Read store schema version ${current} is newer than this code (${SCHEMA_VERSION})`);
  }
  if (current === SCHEMA_VERSION) return;
  if (current === 0) db.exec(COLLECTIONS_TABLE + CHECKPOINTS_TABLE + DEAD_LETTERS_TABLE + WRITER_LEASES_TABLE);
  else migrateVersion1ToVersion2(db);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/**
 * Version 1 files are migrated in place (decision D27): each collection's documents move into its
 * own table, indexed fields are computed from the bodies, checkpoints and dead letters stay, so no
 * projection replays the log after the upgrade.
 */
function migrateVersion1ToVersion2(db: Database.Database): void {
  const declared = db.prepare('SELECT name, indexes FROM collections').all() as Array<{
    name: string;
    indexes: string;
  }>;
  const undeclared = db
    .prepare('SELECT DISTINCT collection AS name FROM documents WHERE collection NOT IN (SELECT name FROM collections)')
    .all() as Array<{ name: string }>;
  db.exec('ALTER TABLE collections RENAME TO collections_v1');
  db.exec(COLLECTIONS_TABLE + WRITER_LEASES_TABLE);
  const collections = [
    ...declared.map((row) => ({ name: row.name, fields: JSON.parse(row.indexes) as string[] })),
    ...undeclared.map((row) => ({ name: row.name, fields: [] as string[] })),
  ];
  for (const { name, fields } of collections) {
    createCollectionTable(db, name, fields, { buildIndexes: false });
    const table = quoted(tableName(name));
    const columns = fields.map((field) => quoted(columnName(field)));
    db.prepare(
      `INSERT INTO ${table} (id, position, body${columns.map((column) => `, ${column}`).join('')})
       SELECT id, position, body${fields.map((field) => `, ${columnFromJson('body', field)}`).join('')}
       FROM documents WHERE collection = ? ORDER BY rowid`,
    ).run(name);
    buildIndexes(db, name, fields);
  }
  // Dropping the table drops its partial indexes with it.
  db.exec('DROP TABLE documents; DROP TABLE collections_v1;');
}

/**
 * Table of a collection. SQLite names are case-insensitive while collection names are not: a
 * name with capitals gets a digest of its exact spelling, so `Things` and `things` never share a table.
 */
export function tableName(collection: string): string {
  const lower = collection.toLowerCase();
  if (collection === lower) return `c_${collection}`;
  return `cx_${lower}_${createHash('sha256').update(collection).digest('hex').slice(0, 12)}`;
}

export function columnName(field: string): string {
  return `f_${field}`;
}

export function indexName(collection: string, field: string): string {
  return `${tableName(collection)}__${columnName(field)}`;
}

export function quoted(name: string): string {
  return `"${name}"`;
}

/**
 * Creates the collection's table with one column per field (and, unless deferred, their indexes)
 * and records the collection. A bulk load into an empty table runs faster with the indexes built
 * once afterwards (decision D27).
 */
export function createCollectionTable(
  db: Database.Database,
  collection: string,
  fields: readonly string[],
  options: { buildIndexes: boolean },
): void {
  const table = quoted(tableName(collection));
  const columns = fields.map((field) => `, ${quoted(columnName(field))} ANY`).join('');
  db.exec(`CREATE TABLE ${table} (
    id       TEXT    NOT NULL PRIMARY KEY,
    position INTEGER NOT NULL CHECK (position >= 0),
    body     TEXT    NOT NULL${columns}
  ) STRICT`);
  db.prepare('INSERT INTO collections (name, table_name, indexes) VALUES (?, ?, ?)').run(
    collection,
    tableName(collection),
    JSON.stringify(fields),
  );
  if (options.buildIndexes) buildIndexes(db, collection, fields);
}

/** Creates the missing indexes of the fields (an index is built from the rows already there). */
export function buildIndexes(db: Database.Database, collection: string, fields: readonly string[]): void {
  const table = quoted(tableName(collection));
  for (const field of fields) {
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${quoted(indexName(collection, field))} ON ${table} (${quoted(columnName(field))}, id)`,
    );
  }
}

/** The name of a compound index: its table, a marker no field index has, and its columns in order. */
export function compoundIndexName(collection: string, fields: readonly string[]): string {
  return `${tableName(collection)}__sorted__${fields.map(columnName).join('__')}`;
}

/**
 * Makes the collection's compound indexes the declared ones: drops the others (before a field of
 * theirs can be dropped) and creates the missing ones, each ending in id like the field indexes.
 */
export function buildCompoundIndexes(
  db: Database.Database,
  collection: string,
  compound: readonly (readonly string[])[],
  options: { build: boolean },
): void {
  const declared = new Set(options.build ? compound.map((fields) => compoundIndexName(collection, fields)) : []);
  for (const name of compoundIndexesOf(db, collection))
    if (!declared.has(name)) db.exec(`DROP INDEX IF EXISTS ${quoted(name)}`);
  if (!options.build) return;
  const table = quoted(tableName(collection));
  for (const fields of compound) {
    const columns = fields.map((field) => quoted(columnName(field))).join(', ');
    db.exec(`CREATE INDEX IF NOT EXISTS ${quoted(compoundIndexName(collection, fields))} ON ${table} (${columns}, id)`);
  }
}

function compoundIndexesOf(db: Database.Database, collection: string): string[] {
  const prefix = `${tableName(collection)}__sorted__`;
  return (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?")
      .all(tableName(collection)) as Array<{ name: string }>
  )
    .map((row) => row.name)
    .filter((name) => name.startsWith(prefix));
}

/** Fields whose index exists, of the given ones. */
export function builtIndexes(db: Database.Database, collection: string, fields: readonly string[]): string[] {
  const existing = new Set(
    (
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?")
        .all(tableName(collection)) as Array<{ name: string }>
    ).map((row) => row.name),
  );
  return fields.filter((field) => existing.has(indexName(collection, field)));
}

/**
 * Changes a collection's fields to `fields`: new ones get a column filled from the bodies already
 * stored, dropped ones lose their index and column.
 */
export function redeclareFields(
  db: Database.Database,
  collection: string,
  before: readonly string[],
  fields: readonly string[],
): void {
  const table = quoted(tableName(collection));
  for (const field of before) {
    if (fields.includes(field)) continue;
    db.exec(`DROP INDEX IF EXISTS ${quoted(indexName(collection, field))}`);
    db.exec(`ALTER TABLE ${table} DROP COLUMN ${quoted(columnName(field))}`);
  }
  for (const field of fields) {
    if (before.includes(field)) continue;
    const column = quoted(columnName(field));
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ANY`);
    db.exec(`UPDATE ${table} SET ${column} = ${columnFromJson('body', field)}`);
  }
  db.prepare('UPDATE collections SET indexes = ? WHERE name = ?').run(JSON.stringify(fields), collection);
}

const TRUE_VALUE = Buffer.from([1]);
const FALSE_VALUE = Buffer.from([0]);

/** An indexed field's column value (see the header): what `find` filters and sorts on. */
export function columnValue(value: unknown): string | number | Buffer | null {
  switch (typeof value) {
    case 'string':
    case 'number':
      return value;
    case 'boolean':
      return value ? TRUE_VALUE : FALSE_VALUE;
    default:
      return null;
  }
}

/** A column value read back (a sort value for the next page's cursor). */
export function fromColumn(value: unknown): IndexValue {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.length === 1 && value[0] === 1;
  return value as string | number;
}

/** The same as columnValue, computed by SQLite from a stored body (migration, a field added later). */
function columnFromJson(bodyColumn: string, field: string): string {
  const path = `'$.${field}'`;
  return (
    `CASE json_type(${bodyColumn}, ${path}) WHEN 'true' THEN x'01' WHEN 'false' THEN x'00' ` +
    `WHEN 'object' THEN NULL WHEN 'array' THEN NULL ELSE json_extract(${bodyColumn}, ${path}) END`
  );
}
