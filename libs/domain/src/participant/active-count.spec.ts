import { addDays, type LocalDate } from '@ledger/regulations';
import fc from 'fast-check';
import {
  activeCountAtOpeningOf,
  activeCountIndexOf,
  activeCountOn,
  emptyActiveCountIndex,
  indexLicence,
  type ActivityFacts,
} from './active-count';
import { isActiveAtStartOf, isActiveOn, type LicenceRecord } from './state';

const FIRST_DAY: LocalDate = '2026-01-01';
const dayOf = (offset: number): LocalDate => addDays(FIRST_DAY, offset);

const recordOf = (facts: ActivityFacts, n: number): LicenceRecord => ({
  ...facts,
  licenceId: `licence-${n}`,
  learnerId: `learner-${n}`,
  terms: [{ startsOn: facts.startsOn, expiresOn: facts.expiresOn }],
  invoiceIds: [],
  remindedForExpiry: null,
});

/** Licences over a 60-day window, each revoked, expired or marked not to renew (or not) on any day of it. */
const factsArbitrary: fc.Arbitrary<ActivityFacts> = fc
  .record({
    start: fc.integer({ min: 0, max: 40 }),
    termDays: fc.integer({ min: 1, max: 20 }),
    notToRenew: fc.boolean(),
    revoked: fc.option(fc.integer({ min: 0, max: 60 })),
    expired: fc.option(fc.integer({ min: 0, max: 60 })),
  })
  .map(({ start, termDays, notToRenew, revoked, expired }) => ({
    startsOn: dayOf(start),
    expiresOn: dayOf(start + termDays),
    notToRenew,
    revokedOn: revoked === null ? null : dayOf(revoked),
    expiredOn: expired === null ? null : dayOf(expired),
  }));

/** The definition the index must agree with: every licence asked one by one. */
function scanCounts(licences: readonly LicenceRecord[], day: LocalDate) {
  return {
    on: licences.filter((l) => isActiveOn(l, day)).length,
    atOpening: licences.filter((l) => isActiveAtStartOf(l, day)).length,
  };
}

const WINDOW_DAYS = Array.from({ length: 64 }, (_, i) => dayOf(i - 1));

describe('active-licence count index (the tier rule counts active licences on every registration)', () => {
  it('counts what isActiveOn and isActiveAtStartOf count, built at once or licence by licence', () => {
    fc.assert(
      fc.property(fc.array(factsArbitrary, { maxLength: 25 }), (facts) => {
        const records = facts.map(recordOf);
        const built = activeCountIndexOf(records);
        const incremental = emptyActiveCountIndex();
        for (const record of records) indexLicence(incremental, null, record);
        for (const day of WINDOW_DAYS) {
          const expected = scanCounts(records, day);
          expect({ on: activeCountOn(built, day), atOpening: activeCountAtOpeningOf(built, day) }).toEqual(expected);
          expect({ on: activeCountOn(incremental, day), atOpening: activeCountAtOpeningOf(incremental, day) }).toEqual(
            expected,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('follows a licence through changes (revocation, expiry, renewal, not-to-renew) as a fresh index would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(factsArbitrary, factsArbitrary), { minLength: 1, maxLength: 15 }), (pairs) => {
        const index = emptyActiveCountIndex();
        pairs.forEach(([before], n) => indexLicence(index, null, recordOf(before, n)));
        const after = pairs.map(([, changed], n) => recordOf(changed, n));
        pairs.forEach(([before], n) => indexLicence(index, recordOf(before, n), after[n]!));
        for (const day of WINDOW_DAYS)
          expect({ on: activeCountOn(index, day), atOpening: activeCountAtOpeningOf(index, day) }).toEqual(
            scanCounts(after, day),
          );
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to remove a date it does not hold (a change to a licence it never indexed)', () => {
    const facts: ActivityFacts = {
      startsOn: '2026-02-01',
      expiresOn: '2027-02-01',
      notToRenew: false,
      revokedOn: null,
      expiredOn: null,
    };
    expect(() => indexLicence(emptyActiveCountIndex(), facts, { ...facts, revokedOn: '2026-03-01' })).toThrow(
      /active-count index holds 2026-02-01/,
    );
  });
});
