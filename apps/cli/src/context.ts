/**
 * The CLI opens the same storage the server uses (LEDGER_DATA_DIR, EVENTSTORE_URL, MONGODB_URL,
 * LEDGER_MASTER_KEY), with the same personal-data policy, upcasters, projections and rulebooks,
 * so what it prints is what the API would answer.
 */
import {
  CommandPipeline,
  loadConfig,
  openStorage,
  ReadModels,
  rebuildProjectionsAheadOfLog,
  Scheduler,
  systemClock,
  type LedgerConfig,
  type Storage,
} from '@ledger/application';
import { learnerScheduledCommands, learnerUpcasters, personalDataPolicy, scheduledCommands } from '@ledger/domain';
import { createAllProjections, deadlinesFromReadModels } from '@ledger/projections';
import { ProjectionRunner } from '@ledger/read-store';
import { createRulebookRegistry, type RulebookRegistry, rulebookUpcasters } from '@ledger/regulations';

export interface LedgerContext {
  config: LedgerConfig;
  storage: Storage;
  rulebooks: RulebookRegistry;
  runner: ProjectionRunner;
  readModels: ReadModels;
  pipeline: CommandPipeline;
  scheduler: Scheduler;
  close(): Promise<void>;
}

const quiet = {
  log: () => undefined,
  warn: (line: string) => process.stderr.write(`${line}\n`),
  error: (line: string) => process.stderr.write(`${line}\n`),
};

export interface OpenLedgerOptions {
  dataDir?: string;
  startProjections?: boolean;
  /**
   * An offline tool that changes the data directory (`cli rebuild`, `cli tick`, ...): it holds the
   * directory's lock meanwhile, so it refuses to run beside a server, and a server refuses to
   * start beside it.
   */
  lockAs?: string;
  /** The embedded files of `dataDir` whatever EVENTSTORE_URL and MONGODB_URL say (backups). */
  embeddedOnly?: boolean;
  /** With `lockAs`: open a log shorter than its anchor (only `reanchor` does). */
  acceptShortenedLog?: boolean;
}

export async function openLedger(options: OpenLedgerOptions = {}): Promise<LedgerContext> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(options.dataDir ? { LEDGER_DATA_DIR: options.dataDir } : {}) };
  if (options.embeddedOnly) {
    delete env.EVENTSTORE_URL;
    delete env.MONGODB_URL;
  }
  // The CLI authenticates nobody: it needs no API keys, so none are generated or printed.
  const config = loadConfig({ ...env, LEDGER_API_KEYS: env.LEDGER_API_KEYS || 'admin:cli-process-has-no-api-0000' });
  const storage = await openStorage(config, {
    personalData: personalDataPolicy,
    upcasters: [...learnerUpcasters, ...rulebookUpcasters],
    ...(options.lockAs ? { lockAs: options.lockAs } : {}),
    ...(options.acceptShortenedLog ? { acceptShortenedLog: true } : {}),
  });
  const rulebooks = createRulebookRegistry();
  const projections = createAllProjections();
  const runner = new ProjectionRunner({
    eventStore: storage.eventStore,
    readStore: storage.readStore,
    projections,
    logger: quiet,
  });
  const readModels = new ReadModels(storage.eventStore, storage.readStore, runner, projections);
  const pipeline = new CommandPipeline(storage.eventStore, rulebooks, systemClock);
  // The learner's retention command is listed here too until libs/domain/src/deadlines.ts registers it.
  const scheduler = new Scheduler(pipeline, deadlinesFromReadModels(readModels), {
    ...learnerScheduledCommands,
    ...scheduledCommands,
  });
  try {
    // The owner of the directory brings read models of another copy of the log back in line first.
    if (options.lockAs && options.startProjections !== false)
      await rebuildProjectionsAheadOfLog(runner, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    await storage.close();
    throw error;
  }
  if (options.startProjections !== false) runner.start();
  return {
    config,
    storage,
    rulebooks,
    runner,
    readModels,
    pipeline,
    scheduler,
    async close() {
      await runner.stop();
      await storage.close();
    },
  };
}
