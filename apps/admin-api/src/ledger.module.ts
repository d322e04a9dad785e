import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  CommandPipeline,
  openScratchReadStore,
  openStorage,
  ReadModels,
  rebuildProjectionsAheadOfLog,
  Scheduler,
  scheduledCommandClasses,
  systemClock,
  type Clock,
  type LedgerConfig,
  type Storage,
  COMMAND_OBSERVER,
  registerPublishedVersions,
  fourEyesGate,
} from '@ledger/application';
import { CommandBus } from '@nestjs/cqrs';
import { learnerUpcasters, personalDataPolicy, scheduledCommands } from '@ledger/domain';
import { createAllProjections, deadlinesFromReadModels } from '@ledger/projections';
import { ProjectionRunner, type ProjectionDefinition, type ProjectionHost } from '@ledger/read-store';
import { createRulebookRegistry, type RulebookRegistry, rulebookUpcasters } from '@ledger/regulations';
import { ApprovalExecutions } from './auth/approval-executions';
import { IdentityService } from './auth/identity.service';
import { LedgerMetrics } from './metrics/ledger-metrics';
import {
  CLOCK,
  COMMAND_PIPELINE,
  LEDGER_CONFIG,
  METRICS,
  PROJECTION_RUNNER,
  READ_MODELS,
  RULEBOOKS,
  REQUESTS_IN_FLIGHT,
  SCHEDULER,
  STORAGE,
} from './tokens';
import type { LogDestination } from './http/logging';
import { startProjectionThread } from './projections/projection-thread';
import { RequestsInFlight } from './http/requests-in-flight';

export interface LedgerModuleOptions {
  config: LedgerConfig;
  clock?: Clock;
  /** The rulebooks the ledger decides under; default every rulebook of this build. */
  rulebooks?: RulebookRegistry;
  /** Where the structured log goes; default stdout. */
  logDestination?: LogDestination;
}

const PROJECTIONS = Symbol('PROJECTIONS');
/** Told after every commit of the embedded log (a projection thread reads on at once). */
const APPEND_LISTENERS = Symbol('APPEND_LISTENERS');

/** The ledger's infrastructure as Nest providers: config, clock, storage, rulebooks, write path, read side, scheduler. */
@Global()
@Module({})
export class LedgerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private schedulerTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionHost,
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS) private readonly metrics: LedgerMetrics,
  ) {}

  static forRoot(options: LedgerModuleOptions): DynamicModule {
    return {
      module: LedgerModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RULEBOOKS, useFactory: () => options.rulebooks ?? createRulebookRegistry() },
        { provide: METRICS, useFactory: () => new LedgerMetrics() },
        { provide: COMMAND_OBSERVER, useExisting: METRICS },
        { provide: APPEND_LISTENERS, useFactory: () => new Set<() => void>() },
        {
          provide: STORAGE,
          inject: [METRICS, APPEND_LISTENERS],
          // The server owns the data directory while it runs: offline tools refuse meanwhile.
          useFactory: (metrics: LedgerMetrics, appendListeners: Set<() => void>) =>
            openStorage(options.config, {
              personalData: personalDataPolicy,
              upcasters: [...learnerUpcasters, ...rulebookUpcasters],
              lockAs: 'server',
              // The projection thread writes the read models and checkpoints their WAL (D53).
              checkpointReadModels: !options.config.projectionsInThread,
              onAppendCommit: (commit) => {
                metrics.appendCommitted(commit);
                for (const listener of appendListeners) listener();
              },
            }),
        },
        { provide: PROJECTIONS, useFactory: () => createAllProjections() },
        {
          provide: COMMAND_PIPELINE,
          inject: [STORAGE, RULEBOOKS, CLOCK],
          // Versions published through the API are registered before any command decides.
          useFactory: async (storage: Storage, rulebooks: RulebookRegistry, clock: Clock) => {
            await registerPublishedVersions(storage.eventStore, rulebooks);
            return new CommandPipeline(storage.eventStore, rulebooks, clock, {
              gate: fourEyesGate(options.config.fourEyesCents),
            });
          },
        },
        {
          provide: PROJECTION_RUNNER,
          inject: [STORAGE, PROJECTIONS, APPEND_LISTENERS],
          useFactory: (storage: Storage, projections: ProjectionDefinition[], appendListeners: Set<() => void>) =>
            openProjectionHost(options.config, storage, projections, appendListeners),
        },
        {
          provide: READ_MODELS,
          inject: [STORAGE, PROJECTION_RUNNER, PROJECTIONS],
          useFactory: (storage: Storage, projections: ProjectionHost, definitions: ProjectionDefinition[]) =>
            new ReadModels(storage.eventStore, storage.readStore, projections, definitions),
        },
        { provide: REQUESTS_IN_FLIGHT, useFactory: () => new RequestsInFlight() },
        {
          provide: SCHEDULER,
          // Fired deadlines enter through the CommandBus, like the API's commands; a run gives way
          // to the API's requests in flight (D42).
          inject: [CommandBus, READ_MODELS, REQUESTS_IN_FLIGHT],
          useFactory: (commandBus: CommandBus, readModels: ReadModels, requests: RequestsInFlight) =>
            new Scheduler(
              commandBus,
              deadlinesFromReadModels(readModels),
              scheduledCommands,
              scheduledCommandClasses,
              requests,
            ),
        },
        IdentityService,
        ApprovalExecutions,
      ],
      exports: [
        IdentityService,
        ApprovalExecutions,
        LEDGER_CONFIG,
        CLOCK,
        RULEBOOKS,
        METRICS,
        COMMAND_OBSERVER,
        STORAGE,
        COMMAND_PIPELINE,
        PROJECTION_RUNNER,
        READ_MODELS,
        REQUESTS_IN_FLIGHT,
        SCHEDULER,
      ],
    };
  }

  /** Before the server listens: read models of another copy of the log are rebuilt before anyone reads them. */
  async onApplicationBootstrap(): Promise<void> {
    await rebuildProjectionsAheadOfLog(this.runner, (line) => this.logger.warn(line));
    this.runner.start();
    const intervalMs = this.config.schedulerIntervalMs;
    if (intervalMs > 0) {
      this.schedulerTimer = setInterval(() => {
        // The run under way fires what is due; ticks queued behind a long run would only pile up.
        if (this.scheduler.isRunning) {
          this.metrics.skippedSchedulerTick();
          return;
        }
        this.metrics
          .timeSchedulerRun('interval', () => this.scheduler.runUntil(this.clock.now().toISOString()))
          .catch((error: unknown) => this.logger.error(`Scheduler run failed: ${String(error)}`));
      }, intervalMs);
      this.schedulerTimer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.schedulerTimer) clearInterval(this.schedulerTimer);
    await this.runner.close();
    await this.storage.close();
  }
}

/**
 * The projections in a worker thread (D53, the default outside tests), or in this thread: the
 * same ProjectionHost either way. The thread is told of every append so it reads on at once.
 */
async function openProjectionHost(
  config: LedgerConfig,
  storage: Storage,
  projections: ProjectionDefinition[],
  appendListeners: Set<() => void>,
): Promise<ProjectionHost> {
  if (!config.projectionsInThread) {
    return new ProjectionRunner({
      eventStore: storage.eventStore,
      readStore: storage.readStore,
      projections,
      openScratch: openScratchReadStore,
    });
  }
  const thread = startProjectionThread(config, projections);
  appendListeners.add(() => thread.appended());
  try {
    await thread.ready();
  } catch (error) {
    await thread.close();
    throw error;
  }
  return thread;
}
