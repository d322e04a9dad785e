/**
 * Statutory interest rates published after the built-in table, recorded by an admin as events
 * (POST /admin/statutory-rates); balances read them with `recordedInterestRates`.
 */
import { CommandHandler } from '@nestjs/cqrs';
import {
  STATUTORY_RATES_STREAM,
  statutoryRatesDecider,
  type RecordStatutoryInterestRate,
  type StatutoryInterestRateRecorded,
  type StatutoryRatesEvent,
  type StatutoryRatesState,
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import type { RecordedInterestRate } from '@ledger/regulations';
import { readWholeStream } from '../command-pipeline';
import { DecidingHandler, LedgerCommand, type PayloadOf } from './ledger-command';

export class RecordStatutoryInterestRateCommand extends LedgerCommand<PayloadOf<RecordStatutoryInterestRate>> {}

@CommandHandler(RecordStatutoryInterestRateCommand)
export class RecordStatutoryInterestRateHandler extends DecidingHandler<
  RecordStatutoryInterestRateCommand,
  RecordStatutoryInterestRate,
  StatutoryRatesEvent,
  StatutoryRatesState
> {
  protected readonly decider = statutoryRatesDecider;
  protected toDomain({ payload }: RecordStatutoryInterestRateCommand): RecordStatutoryInterestRate {
    return { type: 'RecordStatutoryInterestRate', ...payload };
  }
}

/** Every rate recorded so far, with the event that recorded it (its version) and its record time. */
export async function recordedInterestRates(store: EventStore): Promise<RecordedInterestRate[]> {
  const events = await readWholeStream(store, STATUTORY_RATES_STREAM);
  return events
    .filter((event) => event.type === 'StatutoryInterestRateRecorded')
    .map((event) => {
      const d = event.data as StatutoryInterestRateRecorded['data'];
      return {
        customerKind: d.customerKind,
        effectiveFrom: d.effectiveFrom,
        knownUntil: d.knownUntil,
        rateBasisPoints: d.rateBasisPoints,
        source: d.source,
        eventId: event.id,
        recordedAt: event.recordedAt,
      };
    });
}

export const statutoryRatesCommandHandlers = [RecordStatutoryInterestRateHandler];
