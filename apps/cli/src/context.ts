/**
 * The CLI opens the same storage the server uses (LEDGER_DATA_DIR, EVENTSTORE_URL, MONGODB_URL,
 * LEDGER_MASTER_KEY), with the same personal-data policy, upcasters, projections and rulebooks,
 * so what it prints is what the API would answer.
 */
import {
  CommandPipeline,
  loadConfig,
  openStorage,
  openScratchReadStore,
  ReadModels,
  openCommandBus,
  rebuildProjectionsAheadOfLog,
  scheduledCommandClasses,
  registerPublishedVersions,
  Scheduler,
  systemClock,
  type LedgerConfig,
  type LocalCommandBus,
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
  /** The CommandBus with the ledger's handlers: every command the CLI sends goes through it. */
  commandBus: LocalCommandBus;
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

/** The server's configuration as the CLI reads it from `env`. */
export function loadCliConfig(env: NodeJS.ProcessEnv): LedgerConfig {
  // The CLI authenticates nobody: it needs no API keys, so none are generated or printed.
  return loadConfig({ ...env, LEDGER_API_KEYS: env.LEDGER_API_KEYS || 'admin:cli-process-has-no-api-0000' });
}

export async function openLedger(options: OpenLedgerOptions = {}): Promise<LedgerContext> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(options.dataDir ? { LEDGER_DATA_DIR: options.dataDir } : {}) };
  if (options.embeddedOnly) {
    delete env.EVENTSTORE_URL;
    delete env.MONGODB_URL;
  }
  const config = loadCliConfig(env);
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
    openScratch: openScratchReadStore,
  });
  const readModels = new ReadModels(storage.eventStore, storage.readStore, runner, projections);
  const pipeline = new CommandPipeline(storage.eventStore, rulebooks, systemClock);
  // The learner's retention command is listed here too until libs/domain/src/deadlines.ts registers it.
  const commandBus = await openCommandBus({ pipeline, readModels, storage });
  const scheduler = new Scheduler(
    commandBus,
    deadlinesFromReadModels(readModels),
    { ...learnerScheduledCommands, ...scheduledCommands },
    scheduledCommandClasses,
  );
  try {
    // Versions published through the API: decisions made under them verify and recompute here too.
    await registerPublishedVersions(storage.eventStore, rulebooks);
    // The owner of the directory brings read models of another copy of the log back in line first.
    if (options.lockAs && options.startProjections !== false)
      await rebuildProjectionsAheadOfLog(runner, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    await commandBus.close();
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
    commandBus,
    scheduler,
    async close() {
      await commandBus.close();
      await runner.stop();
      await storage.close();
    },
  };
}
