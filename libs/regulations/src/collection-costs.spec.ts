import fc from 'fast-check';
import {
  CollectionCostsInputError,
  collectionCostsCents,
  collectionCostsDueFrom,
  LOI_COLLECTION_CAP_RULE_ID,
  WIK_SCALE_RULE_ID,
  wikScaleCents,
} from './collection-costs';

describe('§6 WIK scale (Besluit vergoeding voor buitengerechtelijke incassokosten art. 2)', () => {
  it('EXC-11 / §6 example: 3,000.00 owed gives 425.00 (15 % x 2,500 = 375 + 10 % x 500 = 50)', () => {
    expect(wikScaleCents(300_000)).toBe(42_500);
  });

  it('EXC-11 minimum: 100.00 owed gives 40.00 (15 % would be 15.00)', () => {
    expect(wikScaleCents(10_000)).toBe(4_000);
  });

  it('EXC-11 minimum boundary: 266.66 -> 39.999 -> 40.00; 266.67 -> 40.0005 -> 40.00; 300.00 -> 45.00', () => {
    expect(wikScaleCents(26_666)).toBe(4_000);
    expect(wikScaleCents(26_667)).toBe(4_000);
    expect(wikScaleCents(30_000)).toBe(4_500);
  });

  it('band boundary 2,500.00: 15 % x 2,500 = 375.00; 2,500.01 adds 10 % of a cent -> still 375.00', () => {
    expect(wikScaleCents(250_000)).toBe(37_500);
    expect(wikScaleCents(250_001)).toBe(37_500);
  });

  it('band boundary 5,000.00: 375 + 10 % x 2,500 = 250 -> 625.00', () => {
    expect(wikScaleCents(500_000)).toBe(62_500);
  });

  it('EXC-11 band boundary 10,000.00: 375 + 250 + 5 % x 5,000 = 250 -> 875.00; 7,000.00 -> 375 + 250 + 100 = 725.00', () => {
    expect(wikScaleCents(1_000_000)).toBe(87_500);
    expect(wikScaleCents(700_000)).toBe(72_500);
  });

  it('EXC-I2 above 10,000.00 the WIK continues at 1 %: 50,000.00 -> 875 + 1 % x 40,000 = 400 -> 1,275.00', () => {
    expect(wikScaleCents(5_000_000)).toBe(127_500);
  });

  it('EXC-I2 band boundary 200,000.00: 875 + 1 % x 190,000 = 1,900 -> 2,775.00', () => {
    expect(wikScaleCents(20_000_000)).toBe(277_500);
  });

  it('EXC-I2 above 200,000.00 at 0.5 %: 400,000.00 -> 2,775 + 0.5 % x 200,000 = 1,000 -> 3,775.00', () => {
    expect(wikScaleCents(40_000_000)).toBe(377_500);
  });

  it('EXC-I2 maximum 6,775.00, reached at exactly 1,000,000.00 (2,775 + 0.5 % x 800,000 = 4,000)', () => {
    expect(wikScaleCents(100_000_000)).toBe(677_500);
    // 999,999.99: 2,775 + 0.5 % x 799,999.99 = 6,774.99995 -> 6,775.00 (half-up)
    expect(wikScaleCents(99_999_999)).toBe(677_500);
    // 999,998.00: 2,775 + 3,999.99 = 6,774.99
    expect(wikScaleCents(99_999_800)).toBe(677_499);
  });

  it('EXC-I2 cap: a huge amount (50,000,000.00) still gives 6,775.00', () => {
    expect(wikScaleCents(5_000_000_000)).toBe(677_500);
  });

  it('WIK-I1 the bands are summed exactly and rounded once, half-up: 2,505.05 -> 375 + 0.505 = 375.505 -> 375.51', () => {
    expect(wikScaleCents(250_505)).toBe(37_551);
    // 2,505.04 -> 375.504 -> 375.50
    expect(wikScaleCents(250_504)).toBe(37_550);
  });

  it('WIK-I1 nothing owed, no costs; a negative or fractional principal is refused', () => {
    expect(wikScaleCents(0)).toBe(0);
    expect(() => wikScaleCents(-1)).toThrow(CollectionCostsInputError);
    expect(() => wikScaleCents(100.5)).toThrow(/whole number of cents/);
  });

  it('property: monotone - a larger principal never gives lower costs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        (principal, extra) => {
          expect(wikScaleCents(principal + extra)).toBeGreaterThanOrEqual(wikScaleCents(principal));
        },
      ),
    );
  });

  it('property: always within [40.00, 6,775.00] for any amount owed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (principal) => {
        const costs = wikScaleCents(principal);
        expect(costs).toBeGreaterThanOrEqual(4_000);
        expect(costs).toBeLessThanOrEqual(677_500);
      }),
    );
  });

  it('property: between the bounds the scale is never more than 15 % of the principal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 26_667, max: 200_000_000 }), (principal) => {
        // 15 % x principal, rounded half-up, is an upper bound because every band rate is <= 15 %.
        expect(wikScaleCents(principal)).toBeLessThanOrEqual(Math.floor((principal * 15 + 50) / 100));
      }),
    );
  });
});

describe('LOI-6.2-3 rulebook cap: collection costs at most 15 % of the amount owed', () => {
  it('LOI-6.2-3: 100.00 owed -> WIK 40.00, cap 15 % = 15.00, costs 15.00', () => {
    expect(collectionCostsCents(10_000, { capBasisPoints: 1_500 })).toEqual({
      costsCents: 1_500,
      wikCents: 4_000,
      capCents: 1_500,
      ruleIds: [WIK_SCALE_RULE_ID, LOI_COLLECTION_CAP_RULE_ID],
    });
  });

  it('LOI-6.2-3: 200.00 owed -> WIK minimum 40.00, cap 30.00, costs 30.00', () => {
    expect(collectionCostsCents(20_000, { capBasisPoints: 1_500 }).costsCents).toBe(3_000);
  });

  it('LOI-6.2-3: 3,000.00 owed -> WIK 425.00 is below the cap 450.00, so the WIK applies and only its rule is cited', () => {
    expect(collectionCostsCents(300_000, { capBasisPoints: 1_500 })).toEqual({
      costsCents: 42_500,
      wikCents: 42_500,
      capCents: 45_000,
      ruleIds: [WIK_SCALE_RULE_ID],
    });
  });

  it('EXC-11 without a cap the costs are the WIK scale', () => {
    expect(collectionCostsCents(300_000)).toEqual({
      costsCents: 42_500,
      wikCents: 42_500,
      ruleIds: [WIK_SCALE_RULE_ID],
    });
  });

  it('LOI-6.2-3 a cap must be whole non-negative basis points', () => {
    expect(() => collectionCostsCents(10_000, { capBasisPoints: 1_500.5 })).toThrow(CollectionCostsInputError);
    expect(() => collectionCostsCents(10_000, { capBasisPoints: -1 })).toThrow(CollectionCostsInputError);
  });

  it('property: LOI-6.2-3 capped costs are the lower of the WIK scale and 15 % (half-up) of the principal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000_000 }), (principal) => {
        const { costsCents, wikCents } = collectionCostsCents(principal, { capBasisPoints: 1_500 });
        const fifteenPercent = Math.floor((principal * 15 + 50) / 100);
        expect(costsCents).toBe(Math.min(wikCents, fifteenPercent));
        expect(costsCents).toBeLessThanOrEqual(wikCents);
      }),
    );
  });
});

describe('WIK-I2 consumer collection costs are owed only after a 14-day reminder term (art. 6:96 lid 6 BW)', () => {
  it('WIK-I2: received Mon 2026-03-02 -> term Tue 03-03 .. Mon 03-16 -> costs owed from Tue 2026-03-17', () => {
    expect(collectionCostsDueFrom('2026-03-02')).toBe('2026-03-17');
  });

  it('WIK-I2: a term ending on Good Friday is extended past Easter (Atw art. 1): received Fri 2026-03-20 -> owed from Wed 04-08', () => {
    // day 14 = Fri 04-03 (Good Friday); Sat 04, Sun 05, Mon 06 (Easter Monday) are not working days;
    // the term ends Tue 04-07, so the costs are owed from Wed 2026-04-08.
    expect(collectionCostsDueFrom('2026-03-20')).toBe('2026-04-08');
  });

  it('WIK-I2: a term ending on a Saturday runs past the weekend and Koningsdag: received Sat 2026-04-11 -> owed from Wed 04-29', () => {
    // day 14 = Sat 04-25; Sun 04-26; Mon 04-27 Koningsdag; term ends Tue 04-28.
    expect(collectionCostsDueFrom('2026-04-11')).toBe('2026-04-29');
  });

  it('WIK-I2: a longer term is allowed: 21 days from receipt Mon 2026-03-02 ends Mon 03-23, owed from Tue 03-24', () => {
    expect(collectionCostsDueFrom('2026-03-02', 21)).toBe('2026-03-24');
  });

  it('WIK-I2: fewer than 14 days, or a non-date, is refused', () => {
    expect(() => collectionCostsDueFrom('2026-03-02', 13)).toThrow(CollectionCostsInputError);
    expect(() => collectionCostsDueFrom('2026-02-30')).toThrow(CollectionCostsInputError);
  });
});
