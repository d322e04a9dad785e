/**
 * Ceiling probes: what the machine does without any of the ledger's code in the way.
 *  - raw better-sqlite3 inserts in large transactions (synchronous=FULL, WAL), into a bare rowid
 *    table and into a table shaped and indexed like the event log (event id and stream/revision
 *    unique), with nothing but `statement.run` in JavaScript;
 *  - iterate + JSON.parse: a full scan of a log-shaped table, parsing data and metadata.
 *
 *   npx tsx scripts/bench/ceiling.ts [--rounds=3] [--ceiling-rows=200000] [--dir=/path]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { benchDirectory, formatNumber, intSetting, median, printTable, round, writeResults } from './lib';

export interface CeilingResult {
  rounds: number;
  rows: number;
  transactionRows: number;
  insertBareRowsPerSecond: number;
  insertLogShapedRowsPerSecond: number;
  scanParseRowsPerSecond: number;
  perRound: Array<{ insertBare: number; insertLogShaped: number; scanParse: number }>;
}

const TRANSACTION_ROWS = 10_000;
const DATA = JSON.stringify({
  enrolmentId: 'enr-000000',
  offeringId: 'off-plusport-classroom',
  learnerId: 'lrn-000000',
  customerId: 'cust-000000',
  registeredAt: '2026-03-02T10:00:00+01:00',
  decision: {
    kind: 'cancellation-fee',
    ruleIds: ['PP-14.2', 'PP-14.3'],
    amounts: { netCents: 14750, vatCents: 3098, totalCents: 17848 },
    rulebook: { id: 'plusport', version: '2026-01' },
  },
});
const METADATA = JSON.stringify({
  actor: { userId: 'anna-de-vries', kind: 'person', authMethod: 'api-key', origin: 'api' },
  causationId: randomUUID(),
  commandHash: 'a'.repeat(64),
  commandId: randomUUID(),
  correlationId: randomUUID(),
  occurredAt: '2026-03-02T10:00:00+01:00',
  schemaVersion: 1,
});

export function runCeiling(options: { rounds: number; rows: number; directory: string }): CeilingResult {
  const perRound: CeilingResult['perRound'] = [];
  for (let round = 0; round < options.rounds; round++) {
    perRound.push({
      insertBare: insertProbe(options, false),
      insertLogShaped: insertProbe(options, true),
      scanParse: scanProbe(options),
    });
  }
  return {
    rounds: options.rounds,
    rows: options.rows,
    transactionRows: TRANSACTION_ROWS,
    insertBareRowsPerSecond: Math.round(median(perRound.map((r) => r.insertBare))),
    insertLogShapedRowsPerSecond: Math.round(median(perRound.map((r) => r.insertLogShaped))),
    scanParseRowsPerSecond: Math.round(median(perRound.map((r) => r.scanParse))),
    perRound,
  };
}

function openScratch(directory: string): { db: Database.Database; dispose(): void } {
  const dir = mkdtempSync(join(directory, 'ledger-bench-ceiling-'));
  const db = new Database(join(dir, 'ceiling.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return {
    db,
    dispose: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function insertProbe(options: { rows: number; directory: string }, logShaped: boolean): number {
  const { db, dispose } = openScratch(options.directory);
  try {
    db.exec(
      logShaped
        ? `CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
             revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL,
             UNIQUE (stream_id, revision)) STRICT`
        : 'CREATE TABLE events (position INTEGER PRIMARY KEY, data TEXT NOT NULL, metadata TEXT NOT NULL) STRICT',
    );
    const insert = logShaped
      ? db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      : db.prepare('INSERT INTO events VALUES (?, ?, ?)');
    const ids = Array.from({ length: options.rows }, () => randomUUID());
    const recordedAt = new Date().toISOString();
    let position = 0;
    const transaction = db.transaction((count: number) => {
      for (let i = 0; i < count; i++, position++) {
        if (logShaped)
          insert.run(
            position,
            ids[position],
            `enrolment-${position >> 2}`,
            position & 3,
            'EnrolmentRegistered',
            DATA,
            METADATA,
            recordedAt,
          );
        else insert.run(position, DATA, METADATA);
      }
    });
    const startedAt = performance.now();
    while (position < options.rows) transaction.immediate(Math.min(TRANSACTION_ROWS, options.rows - position));
    return (options.rows / (performance.now() - startedAt)) * 1000;
  } finally {
    dispose();
  }
}

function scanProbe(options: { rows: number; directory: string }): number {
  const { db, dispose } = openScratch(options.directory);
  try {
    db.pragma('synchronous = OFF');
    db.exec(
      'CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT, stream_id TEXT, revision INTEGER, type TEXT, data TEXT, metadata TEXT, recorded_at TEXT) STRICT',
    );
    const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < options.rows; i++)
        insert.run(
          i,
          randomUUID(),
          `enrolment-${i >> 2}`,
          i & 3,
          'EnrolmentRegistered',
          DATA,
          METADATA,
          '2026-03-02T09:00:00.000Z',
        );
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return scanAndParse(
      db,
      'SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
    );
  } finally {
    dispose();
  }
}

/** Rows per second of a full scan that parses data and metadata (the replay ceiling). */
export function scanAndParse(db: Database.Database, sql: string): number {
  const statement = db.prepare(sql).raw(true);
  let rows = 0;
  let checksum = 0;
  const startedAt = performance.now();
  for (const row of statement.iterate() as IterableIterator<unknown[]>) {
    const data = JSON.parse(row[5] as string) as Record<string, unknown>;
    const metadata = JSON.parse(row[6] as string) as Record<string, unknown>;
    if (data !== null && metadata !== null) checksum += 1;
    rows += 1;
  }
  const elapsed = performance.now() - startedAt;
  if (checksum !== rows) throw new Error('scan lost rows');
  return (rows / elapsed) * 1000;
}

export function printCeiling(result: CeilingResult): void {
  printTable(
    `Ceiling probes (raw better-sqlite3, synchronous=FULL, ${formatNumber(result.transactionRows)} rows per transaction; median of ${result.rounds} rounds)`,
    ['probe', 'rows/s'],
    [
      ['insert, bare rowid table', formatNumber(result.insertBareRowsPerSecond)],
      ['insert, log-shaped table (id + stream/revision unique)', formatNumber(result.insertLogShapedRowsPerSecond)],
      ['iterate + JSON.parse (data, metadata)', formatNumber(result.scanParseRowsPerSecond)],
    ],
  );
}

if (require.main === module) {
  const result = runCeiling({
    rounds: intSetting('rounds', 3),
    rows: intSetting('ceiling-rows', 200_000),
    directory: benchDirectory(),
  });
  printCeiling(result);
  console.log(
    `results written to ${writeResults('ceiling', { result: { ...result, perRound: result.perRound.map((r) => ({ insertBare: round(r.insertBare, 0), insertLogShaped: round(r.insertLogShaped, 0), scanParse: round(r.scanParse, 0) })) } })}`,
  );
}
