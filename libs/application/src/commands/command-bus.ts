/**
 * The CommandBus outside the API (the CLI, tests, tools): the same @nestjs/cqrs bus and handlers
 * the API registers, in a Nest context of their own, so a command sent from there takes the one
 * path a command sent over HTTP takes.
 */
import { Module, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import type { CommandPipeline } from '../command-pipeline';
import type { ReadModels } from '../read-models';
import type { Storage } from '../storage';
import { COMMAND_OBSERVER, COMMAND_PIPELINE, READ_MODELS, STORAGE } from '../tokens';
import { complaintCommandHandlers } from './complaints';
import { correctionCommandHandlers } from './corrections';
import { enrolmentCommandHandlers } from './enrolments';
import { dunningCommandHandlers } from './dunning';
import { financeCommandHandlers } from './finance';
import type { CommandDispatcher, CommandObserver } from './ledger-command';
import { participantCommandHandlers } from './participants';
import { peopleCommandHandlers } from './people';
import { rulebookCommandHandlers } from './rulebooks';
import { RecordDeadlineOutcomeHandler } from './scheduled';

/** Every command handler of the ledger: the API and openCommandBus register these. */
export const ledgerCommandHandlers: Type<unknown>[] = [
  ...enrolmentCommandHandlers,
  ...peopleCommandHandlers,
  ...participantCommandHandlers,
  ...financeCommandHandlers,
  ...dunningCommandHandlers,
  ...complaintCommandHandlers,
  ...correctionCommandHandlers,
  ...rulebookCommandHandlers,
  RecordDeadlineOutcomeHandler,
];

export interface CommandBusDependencies {
  pipeline: CommandPipeline;
  /** Absent: only handlers that consult no directory work (e.g. a tool that only numbers invoices). */
  readModels?: ReadModels;
  /** Absent: only handlers that erase no personal data work. */
  storage?: Pick<Storage, 'eventStore'>;
  observer?: CommandObserver;
}

export interface LocalCommandBus extends CommandDispatcher {
  close(): Promise<void>;
}

/** A CommandBus with the ledger's handlers (and any extra ones, e.g. a test aggregate's). */
export async function openCommandBus(
  dependencies: CommandBusDependencies,
  extraHandlers: Type<unknown>[] = [],
): Promise<LocalCommandBus> {
  @Module({})
  class LocalCommandBusModule {}
  const providers: Provider[] = [
    ...ledgerCommandHandlers,
    ...extraHandlers,
    { provide: COMMAND_PIPELINE, useValue: dependencies.pipeline },
    { provide: READ_MODELS, useValue: dependencies.readModels ?? null },
    { provide: STORAGE, useValue: dependencies.storage ?? null },
    ...(dependencies.observer ? [{ provide: COMMAND_OBSERVER, useValue: dependencies.observer }] : []),
  ];
  const context = await NestFactory.createApplicationContext(
    { module: LocalCommandBusModule, imports: [CqrsModule.forRoot()], providers },
    { logger: false, abortOnError: false },
  );
  const bus = context.get(CommandBus);
  return {
    execute: (command) => bus.execute(command),
    close: () => context.close(),
  };
}
