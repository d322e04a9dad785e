/** INT-I4: statutory rates recorded after the built-in table (which runs to 2026-06-30), half-year by half-year. */
import { deciderSpec } from '../shared/decider-spec';
import { statutoryRatesDecider, type RecordStatutoryInterestRate } from './decide';
import type { StatutoryInterestRateRecorded } from './events';

const spec = deciderSpec(statutoryRatesDecider);
const record = (effectiveFrom: string, rateBasisPoints = 1_015): RecordStatutoryInterestRate => ({
  type: 'RecordStatutoryInterestRate',
  customerKind: 'business',
  effectiveFrom,
  rateBasisPoints,
  source: 'Staatscourant (test)',
});
const recorded = (effectiveFrom: string, knownUntil: string, rateBasisPoints = 1_015, correction = false) =>
  ({
    type: 'StatutoryInterestRateRecorded',
    data: {
      customerKind: 'business',
      effectiveFrom,
      knownUntil,
      rateBasisPoints,
      source: 'Staatscourant (test)',
      correction,
    },
  }) satisfies StatutoryInterestRateRecorded;

describe('statutory rates decider (INT-I4)', () => {
  it('INT-I4 given the built-in table, when the rate from 2026-07-01 is recorded, then it runs to 2026-12-31', () => {
    spec
      .given([])
      .when(record('2026-07-01'))
      .then([recorded('2026-07-01', '2026-12-31')]);
  });

  it('INT-I4 a rate inside the built-in table, after a gap or on no half-year start is refused', () => {
    spec.given([]).when(record('2026-01-01')).thenThrows({ error: 'RATE_IN_BUILT_IN_TABLE', status: 422 });
    spec.given([]).when(record('2027-01-01')).thenThrows({ error: 'RATE_LEAVES_GAP', status: 422 });
    spec.given([]).when(record('2026-08-01')).thenThrows({ error: 'RATE_NOT_ON_HALF_YEAR', status: 422 });
  });

  it('INT-I4 the same rate again changes nothing; another rate for a recorded half-year is a correction', () => {
    spec
      .given([recorded('2026-07-01', '2026-12-31')])
      .when(record('2026-07-01'))
      .then([]);
    spec
      .given([recorded('2026-07-01', '2026-12-31')])
      .when(record('2026-07-01', 1_000))
      .then([recorded('2026-07-01', '2026-12-31', 1_000, true)]);
    spec
      .given([recorded('2026-07-01', '2026-12-31')])
      .when(record('2027-01-01'))
      .then([recorded('2027-01-01', '2027-06-30')]);
  });
});
