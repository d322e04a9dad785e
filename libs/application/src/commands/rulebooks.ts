/**
 * Publishing a rulebook version (e.g. a yearly price list). The handler registers the recorded
 * version in the registry right away, also on a resend, so the next command decides under it.
 */
import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { rulebookVersionDecider, type PublishRulebookVersion } from '@ledger/domain';
import type { CommandPipeline, CommandResult } from '../command-pipeline';
import { registerPublishedIn } from '../rulebook-versions';
import { COMMAND_OBSERVER, COMMAND_PIPELINE } from '../tokens';
import { LedgerCommand, observed, type CommandObserver, type PayloadOf } from './ledger-command';

export class PublishRulebookVersionCommand extends LedgerCommand<PayloadOf<PublishRulebookVersion>> {}

@CommandHandler(PublishRulebookVersionCommand)
export class PublishRulebookVersionHandler implements ICommandHandler<PublishRulebookVersionCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Optional() @Inject(COMMAND_OBSERVER) private readonly observer?: CommandObserver,
  ) {}

  execute({ payload, envelope }: PublishRulebookVersionCommand): Promise<CommandResult> {
    return observed(this.observer, envelope.commandName, async () => {
      const result = await this.pipeline.execute(
        rulebookVersionDecider,
        { type: 'PublishRulebookVersion', ...payload },
        envelope,
      );
      registerPublishedIn(result.events, this.pipeline.rulebooks);
      return result;
    });
  }
}

export const rulebookCommandHandlers = [PublishRulebookVersionHandler];
