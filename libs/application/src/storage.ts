/**
 * Picks the engines: the embedded SQLite files under the data directory by default, EventStoreDB
 * when EVENTSTORE_URL is set, MongoDB (read models and the key store) when MONGODB_URL is set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  EsdbEventStore,
  LedgerEventStore,
  MongoKeyStore,
  mongoDatabaseName,
  SqliteEventStore,
  SqliteKeyStore,
  type EventStore,
  type KeyStore,
  type PersonalDataPolicy,
  type Upcaster,
} from '@ledger/event-store';
import { MongoReadStore, SqliteReadStore, type ReadStore } from '@ledger/read-store';
import type { LedgerConfig } from './config';

export interface Storage {
  /** The store every component uses: encrypts personal data, upcasts on read. */
  eventStore: LedgerEventStore;
  /** The engine under it (for engine-specific operations such as verifying the hash chain). */
  engine: EventStore;
  keyStore: KeyStore;
  readStore: ReadStore;
  engines: { events: 'sqlite' | 'eventstoredb'; readModels: 'sqlite' | 'mongodb' };
  close(): Promise<void>;
}

export interface StorageOptions {
  personalData: PersonalDataPolicy;
  upcasters?: Upcaster[];
}

export const EMBEDDED_FILES = {
  events: 'events.sqlite',
  keys: 'keys.sqlite',
  readModels: 'read-models.sqlite',
} as const;

export async function openStorage(config: LedgerConfig, options: StorageOptions): Promise<Storage> {
  if (!config.eventStoreUrl || !config.mongoUrl) fs.mkdirSync(config.dataDir, { recursive: true });
  const inDataDir = (file: string) => path.join(config.dataDir, file);

  const engine: EventStore = config.eventStoreUrl
    ? EsdbEventStore.connect(config.eventStoreUrl)
    : SqliteEventStore.open({ file: inDataDir(EMBEDDED_FILES.events) });
  const keyStore: KeyStore = config.mongoUrl
    ? await MongoKeyStore.connect(config.mongoUrl, { masterKey: config.masterKey })
    : SqliteKeyStore.open(inDataDir(EMBEDDED_FILES.keys), { masterKey: config.masterKey });
  const readStore: ReadStore = config.mongoUrl
    ? // One database for read models and keys: the URL's, else the ledger's default (issue 18).
      await MongoReadStore.connect(config.mongoUrl, { dbName: mongoDatabaseName(config.mongoUrl) })
    : SqliteReadStore.open(inDataDir(EMBEDDED_FILES.readModels), { checkpointInBackground: true });
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
    async close() {
      await eventStore.close();
      await keyStore.close();
      await readStore.close();
    },
  };
}
