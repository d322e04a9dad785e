/**
 * Commands on customers and learners: registration, and erasure of their personal data. An erasure
 * is recorded first (no personal data in it) and the subject's data key destroyed after; should
 * the process stop in between, the erasure keeper finds the recorded erasure and destroys the key.
 */
import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataSubjectKey } from '@ledger/event-store';
import {
  customerDecider,
  learnerDecider,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
  type LearnerCommand,
  type LearnerEvent,
  type LearnerState,
} from '@ledger/domain';
import type { CommandPipeline, CommandResult } from '../command-pipeline';
import type { Storage } from '../storage';
import { COMMAND_OBSERVER, COMMAND_PIPELINE, STORAGE } from '../tokens';
import { DecidingHandler, LedgerCommand, observed, type CommandObserver, type PayloadOf } from './ledger-command';

type CustomerPayload<T extends CustomerCommand['type']> = PayloadOf<Extract<CustomerCommand, { type: T }>>;
type LearnerPayload<T extends LearnerCommand['type']> = PayloadOf<Extract<LearnerCommand, { type: T }>>;

export class RegisterCustomerCommand extends LedgerCommand<CustomerPayload<'RegisterCustomer'>> {}
export class RegisterLearnerCommand extends LedgerCommand<LearnerPayload<'RegisterLearner'>> {}
export class EraseCustomerPersonalDataCommand extends LedgerCommand<CustomerPayload<'EraseCustomerPersonalData'>> {}
export class RecordCustomerBillingDetailsCommand extends LedgerCommand<
  CustomerPayload<'RecordCustomerBillingDetails'>
> {}
export class EraseLearnerPersonalDataCommand extends LedgerCommand<LearnerPayload<'EraseLearnerPersonalData'>> {}

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler extends DecidingHandler<
  RegisterCustomerCommand,
  CustomerCommand,
  CustomerEvent,
  CustomerState
> {
  protected readonly decider = customerDecider;
  protected toDomain({ payload }: RegisterCustomerCommand): CustomerCommand {
    return { type: 'RegisterCustomer', ...payload };
  }
}

@CommandHandler(RecordCustomerBillingDetailsCommand)
export class RecordCustomerBillingDetailsHandler extends DecidingHandler<
  RecordCustomerBillingDetailsCommand,
  CustomerCommand,
  CustomerEvent,
  CustomerState
> {
  protected readonly decider = customerDecider;
  protected toDomain({ payload }: RecordCustomerBillingDetailsCommand): CustomerCommand {
    return { type: 'RecordCustomerBillingDetails', ...payload };
  }
}

@CommandHandler(RegisterLearnerCommand)
export class RegisterLearnerHandler extends DecidingHandler<
  RegisterLearnerCommand,
  LearnerCommand,
  LearnerEvent,
  LearnerState
> {
  protected readonly decider = learnerDecider;
  protected toDomain({ payload }: RegisterLearnerCommand): LearnerCommand {
    return { type: 'RegisterLearner', ...payload };
  }
}

@CommandHandler(EraseCustomerPersonalDataCommand)
export class EraseCustomerPersonalDataHandler implements ICommandHandler<EraseCustomerPersonalDataCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(STORAGE) private readonly storage: Storage,
    @Optional() @Inject(COMMAND_OBSERVER) private readonly observer?: CommandObserver,
  ) {}

  execute({ payload, envelope }: EraseCustomerPersonalDataCommand): Promise<CommandResult> {
    return observed(this.observer, envelope.commandName, async () => {
      const result = await this.pipeline.execute(
        customerDecider,
        { type: 'EraseCustomerPersonalData', ...payload },
        envelope,
      );
      // Also on a resend or a repeated request: the key may not have been destroyed the first time.
      await this.storage.eventStore.forgetSubject(dataSubjectKey('customer', payload.customerId));
      return result;
    });
  }
}

@CommandHandler(EraseLearnerPersonalDataCommand)
export class EraseLearnerPersonalDataHandler implements ICommandHandler<EraseLearnerPersonalDataCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(STORAGE) private readonly storage: Storage,
  ) {}

  async execute({ payload, envelope }: EraseLearnerPersonalDataCommand): Promise<CommandResult> {
    const result = await this.pipeline.execute(
      learnerDecider,
      { type: 'EraseLearnerPersonalData', ...payload },
      envelope,
    );
    await this.storage.eventStore.forgetSubject(dataSubjectKey('learner', payload.learnerId));
    return result;
  }
}

export const peopleCommandHandlers = [
  RegisterCustomerHandler,
  RecordCustomerBillingDetailsHandler,
  RegisterLearnerHandler,
  EraseCustomerPersonalDataHandler,
  EraseLearnerPersonalDataHandler,
];
