/**
 * What the scheduler sends: every command a deadline can fire, by its domain command type, and
 * the command recording a deadline's outcome in the scheduler's own log. The scheduler builds a
 * LedgerCommand of the class named here and sends it through the CommandDispatcher like any other.
 */
import { CommandHandler } from '@nestjs/cqrs';
import { schedulerLogDecider, type RecordDeadline } from '../scheduler-log';
import { FlagComplaintDeadline } from './complaints';
import { EscalateDunningCommand, SendDueReminderCommand } from './dunning';
import { CheckDeliveryDeadline, CheckMboData, LapseCancellationEvidence, MarkRefundOverdue } from './enrolments';
import { DecidingHandler, LedgerCommand, type LedgerCommandClass } from './ledger-command';
import { EvaluateTier, RemindLicenceExpiry, RenewLicence } from './participants';
import { EraseLearnerPersonalDataCommand } from './people';

/** A fired deadline's domain command type -> the LedgerCommand class its payload is sent as. */
export type CommandClassesByType = Readonly<Record<string, LedgerCommandClass<object>>>;

export const scheduledCommandClasses: CommandClassesByType = Object.freeze({
  LapseCancellationEvidence: LapseCancellationEvidence.command,
  CheckMboData: CheckMboData.command,
  CheckDeliveryDeadline: CheckDeliveryDeadline.command,
  MarkRefundOverdue: MarkRefundOverdue.command,
  RenewLicence: RenewLicence.command,
  RemindLicenceExpiry: RemindLicenceExpiry.command,
  EvaluateTier: EvaluateTier.command,
  FlagComplaintDeadline: FlagComplaintDeadline.command,
  EraseLearnerPersonalData: EraseLearnerPersonalDataCommand,
  SendDueReminder: SendDueReminderCommand,
  EscalateDunning: EscalateDunningCommand,
});

/** A deadline the scheduler settles without a record in the target stream (moot, or applied by an older version). */
export class RecordDeadlineOutcomeCommand extends LedgerCommand<RecordDeadline> {}

@CommandHandler(RecordDeadlineOutcomeCommand)
export class RecordDeadlineOutcomeHandler extends DecidingHandler<
  RecordDeadlineOutcomeCommand,
  RecordDeadline,
  Parameters<typeof schedulerLogDecider.evolve>[1],
  ReturnType<typeof schedulerLogDecider.initialState>
> {
  protected readonly decider = schedulerLogDecider;
  protected toDomain({ payload }: RecordDeadlineOutcomeCommand): RecordDeadline {
    return payload;
  }
}
