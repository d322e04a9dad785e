/**
 * Statutory interest rates published after the ledger's built-in table (art. 6:119 / 6:119a BW,
 * docs/operations.md "Statutory interest rates"). An admin records a newly published rate as an
 * event: no release is needed, and the balances cite the event as the rate's version.
 */
import type { LocalDate } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';
import type { CustomerKind } from '../customer/events';

export const STATUTORY_RATES_STREAM = 'statutory-interest-rates';

export type StatutoryInterestRateRecorded = DomainEvent<
  'StatutoryInterestRateRecorded',
  {
    /** consumer: art. 6:119 BW; business: art. 6:119a BW. */
    customerKind: CustomerKind;
    /** 1 January or 1 July. */
    effectiveFrom: LocalDate;
    /** The end of the half-year the rate is published for. */
    knownUntil: LocalDate;
    rateBasisPoints: number;
    /** The publication (e.g. "Staatscourant 2026, 12345"). */
    source: string;
    /** True when it replaces a rate recorded earlier for the same half-year. */
    correction: boolean;
  }
>;

export type StatutoryRatesEvent = StatutoryInterestRateRecorded;
