import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CommandPipeline, openStorage, systemClock, type Clock, type LedgerConfig, type Storage } from '@ledger/application';
import { personalDataPolicy } from '@ledger/domain';
import { createRulebookRegistry, type RulebookRegistry } from '@ledger/regulations';
import { CLOCK, COMMAND_PIPELINE, LEDGER_CONFIG, RULEBOOKS, STORAGE } from './tokens';

export interface LedgerModuleOptions {
  config: LedgerConfig;
  clock?: Clock;
}

/** The ledger's infrastructure as Nest providers: config, clock, storage, rulebooks, write path. */
@Global()
@Module({})
export class LedgerModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  static forRoot(options: LedgerModuleOptions): DynamicModule {
    return {
      module: LedgerModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RULEBOOKS, useFactory: () => createRulebookRegistry() },
        { provide: STORAGE, useFactory: () => openStorage(options.config, { personalData: personalDataPolicy }) },
        {
          provide: COMMAND_PIPELINE,
          inject: [STORAGE, RULEBOOKS, CLOCK],
          useFactory: (storage: Storage, rulebooks: RulebookRegistry, clock: Clock) => new CommandPipeline(storage.eventStore, rulebooks, clock),
        },
      ],
      exports: [LEDGER_CONFIG, CLOCK, RULEBOOKS, STORAGE, COMMAND_PIPELINE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
