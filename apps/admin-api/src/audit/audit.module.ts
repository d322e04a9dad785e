import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ReadModels, Storage } from '@ledger/application';
import type { RulebookRegistry } from '@ledger/regulations';
import { READ_MODELS, RULEBOOKS, STORAGE } from '../tokens';
import { DecisionAudit } from './decision-audit';
import { DecisionsController } from './decisions.controller';
import { ErasureKeeper } from './erasure';
import { WholeLogChecks } from '../operations/whole-log-checks';
import { OperationsController } from './operations.controller';
import { DECISION_AUDIT, ERASURE_KEEPER } from './tokens';

/** Auditors' endpoints: decisions, verification, projection administration, tamper evidence (docs/api.md "Audit"). */
@Module({
  controllers: [DecisionsController, OperationsController],
  providers: [
    WholeLogChecks,
    {
      provide: DECISION_AUDIT,
      inject: [STORAGE, READ_MODELS, RULEBOOKS],
      useFactory: (storage: Storage, readModels: ReadModels, rulebooks: RulebookRegistry) =>
        new DecisionAudit(storage.eventStore, readModels, rulebooks),
    },
    {
      provide: ERASURE_KEEPER,
      inject: [STORAGE, READ_MODELS],
      useFactory: (storage: Storage, readModels: ReadModels) =>
        new ErasureKeeper(storage.eventStore, storage.keyStore, storage.engine, readModels),
    },
  ],
  exports: [DECISION_AUDIT, ERASURE_KEEPER],
})
export class AuditModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(ERASURE_KEEPER) private readonly keeper: ErasureKeeper) {}

  /** Recorded erasures (also the scheduler's, also from other processes) always reach the key store. */
  onApplicationBootstrap(): void {
    this.keeper.start();
  }

  /** Before LedgerModule closes the storage on shutdown. */
  async onModuleDestroy(): Promise<void> {
    await this.keeper.stop();
  }
}
