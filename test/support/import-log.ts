/**
 * Imports a log recorded by an earlier build of the ledger (test/fixtures) into a fresh embedded
 * store, event by event with the ids and metadata it was recorded with: the data directory then
 * looks as it would after an upgrade, and the current build must read, verify and act on it.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import { loadConfig, openStorage } from '@ledger/application';
import { learnerUpcasters, personalDataPolicy } from '@ledger/domain';
import { rulebookUpcasters, type JsonValue } from '@ledger/regulations';

export interface RecordedLog {
  recordedBy: string;
  events: Array<{
    id: string;
    streamId: string;
    revision: number;
    type: string;
    data: Record<string, JsonValue>;
    metadata: Record<string, JsonValue>;
  }>;
}

export function readRecordedLog(file: string): RecordedLog {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedLog;
}

export async function importRecordedLog(dataDir: string, log: RecordedLog): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LEDGER_DATA_DIR: dataDir,
    LEDGER_API_KEYS: 'admin:import-process-has-no-api-0',
    LOG_LEVEL: 'silent',
  });
  const storage = await openStorage(config, {
    personalData: personalDataPolicy,
    upcasters: [...learnerUpcasters, ...rulebookUpcasters],
  });
  try {
    for (const event of log.events) {
      await storage.eventStore.append(
        event.streamId,
        [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata as never }],
        { expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1 },
      );
    }
  } finally {
    await storage.close();
  }
}
