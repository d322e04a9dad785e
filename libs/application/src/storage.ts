/**
 * Picks the engines: the embedded SQLite files under the data directory by default, EventStoreDB
 * when EVENTSTORE_URL is set, MongoDB (read models and the key store) when MONGODB_URL is set.
 * The apps get every engine through this file, never by importing one. The EventStoreDB and MongoDB
 * adapters are imported only when configured, so the embedded default never loads their drivers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  LedgerEventStore,
  SqliteEventStore,
  SqliteKeyStore,
  type AnchorCheck,
  type AnchorSummary,
  type ChainVerification,
  type EventStore,
  type KeyStore,
  type PersonalDataPolicy,
  type Upcaster,
} from '@ledger/event-store';
import { SqliteReadStore, type ReadStore } from '@ledger/read-store';
import type { LedgerConfig } from './config';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';

/** Tamper evidence of the embedded log: the hash chain and its anchor outside the log file. */
export interface TamperEvidentLog {
  verifyChain(): Promise<ChainVerification>;
  checkAnchor(): AnchorCheck;
  reanchor(): { before: AnchorSummary | undefined; after: AnchorSummary };
}

export interface Storage {
  /** The store every component uses: encrypts personal data, upcasts on read. */
  eventStore: LedgerEventStore;
  /** The engine under it (reads without decryption, e.g. erasure events). */
  engine: EventStore;
  keyStore: KeyStore;
  readStore: ReadStore;
  engines: { events: 'sqlite' | 'eventstoredb'; readModels: 'sqlite' | 'mongodb' };
  /** The embedded log's hash chain and anchor; undefined on EventStoreDB, which keeps none. */
  chain: TamperEvidentLog | undefined;
  /** The embedded data directory (also holds the lock and the anchor). */
  dataDir: string;
  /** Held while open when the storage was opened with `lockAs`. */
  lock: DataDirLock | undefined;
  /** Another connection appended to the embedded log: its subscriptions read on at once (no-op on EventStoreDB, which pushes). */
  wakeSubscriptions(): void;
  close(): Promise<void>;
}

export interface StorageOptions {
  personalData: PersonalDataPolicy;
  upcasters?: Upcaster[];
  /**
   * Hold the data directory's lock while open, as this holder (`server`, `cli tick`, ...): the one
   * process that runs the read models and the scheduler over these files. Such a holder also
   * refuses a log that is shorter than its anchor (see TamperEvidentLog), since it would append
   * onto it and make the loss permanent.
   */
  lockAs?: string;
  /** Open a log shorter than its anchor even with `lockAs` (the tool that re-anchors it). */
  acceptShortenedLog?: boolean;
  /** Told about every committed write transaction of the embedded log (metrics). */
  onAppendCommit?: (commit: { appends: number; events: number }) => void;
  /** The embedded read store in another file than the data directory's (a rebuild's new file, D44). */
  readModelsFile?: string;
  /**
   * Checkpoint the embedded read store's WAL from a worker thread (default). Off where another
   * connection in this process does it: the server's main thread when its projections, which
   * write the read models, run in a thread of their own (D53).
   */
  checkpointReadModels?: boolean;
}

export const EMBEDDED_FILES = {
  events: 'events.sqlite',
  keys: 'keys.sqlite',
  readModels: 'read-models.sqlite',
  anchor: 'chain-anchor.sqlite',
} as const;

/** Start-up failures that name the file or directory and what to do: one clear line for the operator. */
export class StorageOpenError extends Error {
  readonly code = 'STORAGE_OPEN_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageOpenError';
  }
}

/** What opening the storage reads of the configuration (a projection thread gets no more). */
export type StorageConfig = Pick<LedgerConfig, 'dataDir' | 'eventStoreUrl' | 'mongoUrl' | 'masterKey'>;

export async function openStorage(config: StorageConfig, options: StorageOptions): Promise<Storage> {
  const embedded = !config.eventStoreUrl || !config.mongoUrl;
  if (embedded) ensureDataDir(config.dataDir);
  const inDataDir = (file: string) => path.join(config.dataDir, file);
  const lock = options.lockAs && embedded ? acquireDataDirLock(config.dataDir, options.lockAs) : undefined;
  const opened: Array<{ close(): unknown }> = [];
  try {
    const sqliteLog = config.eventStoreUrl
      ? undefined
      : openFile('the event log', inDataDir(EMBEDDED_FILES.events), (file) =>
          SqliteEventStore.open({
            file,
            anchorFile: inDataDir(EMBEDDED_FILES.anchor),
            ...(options.onAppendCommit ? { onCommit: options.onAppendCommit } : {}),
          }),
        );
    const engine: EventStore =
      sqliteLog ?? (await import('@ledger/event-store/esdb')).EsdbEventStore.connect(config.eventStoreUrl as string);
    opened.push(engine);
    if (sqliteLog && lock && !options.acceptShortenedLog) refuseShortenedLog(sqliteLog);
    const mongo = config.mongoUrl ? await import('@ledger/event-store/mongo') : undefined;
    const keyStore: KeyStore = mongo
      ? await mongo.MongoKeyStore.connect(config.mongoUrl as string, { masterKey: config.masterKey })
      : openFile('the key store', inDataDir(EMBEDDED_FILES.keys), (file) =>
          SqliteKeyStore.open(file, { masterKey: config.masterKey }),
        );
    opened.push(keyStore);
    const readStore: ReadStore = mongo
      ? // One database for read models and keys: the URL's, else the ledger's default (issue 18).
        await (
          await import('@ledger/read-store/mongo')
        ).MongoReadStore.connect(config.mongoUrl as string, {
          dbName: mongo.mongoDatabaseName(config.mongoUrl as string),
        })
      : openFile('the read models', options.readModelsFile ?? inDataDir(EMBEDDED_FILES.readModels), (file) =>
          SqliteReadStore.open(file, { checkpointInBackground: options.checkpointReadModels ?? true }),
        );
    opened.push(readStore);
    const eventStore = new LedgerEventStore(engine, {
      keyStore,
      personalData: options.personalData,
      upcasters: options.upcasters ?? [],
    });
    return {
      eventStore,
      engine,
      keyStore,
      readStore,
      engines: {
        events: config.eventStoreUrl ? 'eventstoredb' : 'sqlite',
        readModels: config.mongoUrl ? 'mongodb' : 'sqlite',
      },
      chain: sqliteLog,
      dataDir: config.dataDir,
      lock,
      wakeSubscriptions: () => sqliteLog?.wakeSubscriptions(),
      async close() {
        try {
          await eventStore.close();
          await keyStore.close();
          await readStore.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    for (const store of opened.reverse()) await Promise.resolve(store.close()).catch(() => undefined);
    lock?.release();
    throw error;
  }
}

/**
 * A read store for scratch work (verifying projections against a rebuild from zero): always an
 * embedded SQLite file, whatever the live engine, since the hashes compare across engines.
 *
 * The rebuild into it commits once per page of the log; before each commit it lets the event loop
 * run, so a server keeps taking commands while a verification runs (and a second whole-log check
 * meanwhile is refused at once rather than queued behind it).
 */
export function openScratchReadStore(file: string): ReadStore {
  return yieldingBeforeCommits(SqliteReadStore.open(file));
}

function yieldingBeforeCommits(store: ReadStore): ReadStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'commit')
        return async (...args: Parameters<ReadStore['commit']>) => {
          await yieldToEventLoop();
          return target.commit(...args);
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function ensureDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    throw new StorageOpenError(
      `The data directory ${dataDir} cannot be used (${errorText(error)}): set LEDGER_DATA_DIR to a writable directory`,
      { cause: error },
    );
  }
}

function openFile<T>(what: string, file: string, open: (file: string) => T): T {
  try {
    return open(file);
  } catch (error) {
    throw new StorageOpenError(`Cannot open ${what} at ${file}: ${errorText(error)}`, { cause: error });
  }
}

function refuseShortenedLog(log: SqliteEventStore): void {
  const check = log.checkAnchor();
  if (check.ok) return;
  throw new StorageOpenError(
    `${check.message}. Restore a backup (npm run cli -- restore <dir>), or, to carry on from this log as it is, accept it with npm run cli -- reanchor`,
  );
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
