import { addDays, halfYearEnd, interestTableFor, type LocalDate } from '@ledger/regulations';
import { DomainError, invariant, type Decider } from '../shared/decider';
import type { CustomerKind } from '../customer/events';
import { STATUTORY_RATES_STREAM, type StatutoryRatesEvent } from './events';

export interface RecordStatutoryInterestRate {
  type: 'RecordStatutoryInterestRate';
  customerKind: CustomerKind;
  effectiveFrom: LocalDate;
  rateBasisPoints: number;
  source: string;
}

/** Per table: the rate recorded for each half-year (the latest recording of it). */
export interface StatutoryRatesState {
  recorded: Readonly<Record<CustomerKind, Readonly<Record<LocalDate, { rateBasisPoints: number; source: string }>>>>;
}

/** A bound on what one table can grow by: two rates a year for a century. */
export const MAX_RECORDED_RATES_PER_TABLE = 200;

export const initialStatutoryRatesState = (): StatutoryRatesState => ({ recorded: { consumer: {}, business: {} } });

export function evolveStatutoryRates(state: StatutoryRatesState, event: StatutoryRatesEvent): StatutoryRatesState {
  const d = event.data;
  invariant(halfYearEnd(d.effectiveFrom) === d.knownUntil, 'a statutory rate runs for one half-year');
  const table = {
    ...state.recorded[d.customerKind],
    [d.effectiveFrom]: { rateBasisPoints: d.rateBasisPoints, source: d.source },
  };
  return { recorded: { ...state.recorded, [d.customerKind]: table } };
}

/** The last day a table knows a rate for: the built-in table, then every recorded half-year that follows on. */
export function knownUntilOf(state: StatutoryRatesState, kind: CustomerKind): LocalDate {
  let knownUntil = interestTableFor(kind).knownUntil;
  for (;;) {
    const next = addDays(knownUntil, 1);
    if (!state.recorded[kind][next]) return knownUntil;
    knownUntil = halfYearEnd(next)!;
  }
}

/**
 * A rate is recorded for the half-year right after what the ledger knows (built-in rates are data
 * and change only with a release), or again for a recorded half-year as a correction. Recording
 * the same rate and source again changes nothing.
 */
export function decideStatutoryRate(
  command: RecordStatutoryInterestRate,
  state: StatutoryRatesState,
): StatutoryRatesEvent[] {
  const { customerKind, effectiveFrom, rateBasisPoints, source } = command;
  const knownUntil = halfYearEnd(effectiveFrom);
  if (knownUntil === null)
    throw new DomainError(
      'RATE_NOT_ON_HALF_YEAR',
      422,
      `A statutory rate takes effect on 1 January or 1 July, not ${effectiveFrom}`,
    );
  const builtIn = interestTableFor(customerKind);
  if (effectiveFrom <= builtIn.knownUntil)
    throw new DomainError(
      'RATE_IN_BUILT_IN_TABLE',
      422,
      `The built-in ${builtIn.id} table already holds the rates until ${builtIn.knownUntil}; record rates after it`,
    );
  const earlier = state.recorded[customerKind][effectiveFrom];
  if (earlier && earlier.rateBasisPoints === rateBasisPoints && earlier.source === source) return [];
  const tableKnownUntil = knownUntilOf(state, customerKind);
  if (!earlier && effectiveFrom !== addDays(tableKnownUntil, 1))
    throw new DomainError(
      'RATE_LEAVES_GAP',
      422,
      `The ${customerKind} table knows rates until ${tableKnownUntil}: record the rate from ${addDays(tableKnownUntil, 1)} first`,
    );
  if (Object.keys(state.recorded[customerKind]).length >= MAX_RECORDED_RATES_PER_TABLE && !earlier)
    throw new DomainError('RATE_TABLE_FULL', 422, `At most ${MAX_RECORDED_RATES_PER_TABLE} recorded rates per table`);
  return [
    {
      type: 'StatutoryInterestRateRecorded',
      data: { customerKind, effectiveFrom, knownUntil, rateBasisPoints, source, correction: earlier !== undefined },
    },
  ];
}

export const statutoryRatesDecider: Decider<RecordStatutoryInterestRate, StatutoryRatesEvent, StatutoryRatesState> = {
  streamIdOf: () => STATUTORY_RATES_STREAM,
  initialState: initialStatutoryRatesState,
  evolve: evolveStatutoryRates,
  decide: (command, state) => decideStatutoryRate(command, state),
};
