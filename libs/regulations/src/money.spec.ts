import fc from 'fast-check';
import {
  addVat,
  formatEuro,
  formatEuroNl,
  MoneyError,
  percentOf,
  prorate,
  splitByWeights,
  splitEvenly,
  sumCents,
} from './money';

describe('§0 money: a percentage is rounded half-up to the cent once', () => {
  it('50 % of 1 cent is 0.5 cent, rounded half-up to 1 cent', () => {
    expect(percentOf(1, 5_000)).toBe(1);
  });

  it('49.99 % of 1 cent is 0.4999 cent, rounded to 0', () => {
    expect(percentOf(1, 4_999)).toBe(0);
  });

  it('half-up, not half-even: 10 % of 25 cents = 2.5 -> 3, of 35 cents = 3.5 -> 4', () => {
    expect(percentOf(25, 1_000)).toBe(3);
    expect(percentOf(35, 1_000)).toBe(4);
  });

  it('33.33 % (3,333 bp): of 1,000.00 = 333.30; of 1 cent = 0.3333 -> 0; of 2 cents = 0.6666 -> 1', () => {
    expect(percentOf(100_000, 3_333)).toBe(33_330);
    expect(percentOf(1, 3_333)).toBe(0);
    expect(percentOf(2, 3_333)).toBe(1);
  });

  it('PP-15.5-CLS example figure: 50 % of 450.00 = 225.00', () => {
    expect(percentOf(45_000, 5_000)).toBe(22_500);
  });

  it('rounding once on the total differs from rounding each part: 10 % of 15 cents = 1.5 -> 2, but 3 x (10 % of 5) = 3 x 1 = 3', () => {
    expect(percentOf(15, 1_000)).toBe(2);
    expect(percentOf(5, 1_000) * 3).toBe(3);
  });

  it('negative amounts round symmetrically: 10 % of -25 cents = -2.5 -> -3', () => {
    expect(percentOf(-25, 1_000)).toBe(-3);
  });

  it('rejects fractional cents and fractional basis points', () => {
    expect(() => percentOf(1.5, 1_000)).toThrow(MoneyError);
    expect(() => percentOf(100, 12.5)).toThrow(MoneyError);
  });

  it('prorate rounds half-up once: 1/3 of 10.00 = 3.333 -> 3.33; 2/3 of 10.00 = 6.667 -> 6.67', () => {
    expect(prorate(1_000, 1, 3)).toBe(333);
    expect(prorate(1_000, 2, 3)).toBe(667);
  });

  it('property: percentOf is within half a cent of the exact value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bp) => {
          const cents = percentOf(amount, bp);
          // |cents - amount*bp/10,000| <= 1/2  <=>  |cents*20,000 - amount*bp*2| <= 10,000
          const error = BigInt(cents) * 20_000n - BigInt(amount) * BigInt(bp) * 2n;
          expect(error <= 10_000n && error >= -10_000n).toBe(true);
        },
      ),
    );
  });
});

describe('§0 money: splits sum exactly', () => {
  it('10.00 in three equal parts: 3.34 + 3.33 + 3.33 (the extra cent goes to the earlier part)', () => {
    expect(splitEvenly(1_000, 3)).toEqual([334, 333, 333]);
  });

  it('10.00 by weights 1:2 is 3.33 + 6.67 (the larger remainder, 2/3, gets the cent)', () => {
    expect(splitByWeights(1_000, [1, 2])).toEqual([333, 667]);
  });

  it('a negative amount splits with the same shape: -1.00 by 1:1:1 = -0.34, -0.33, -0.33', () => {
    expect(splitByWeights(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('a zero weight gets nothing', () => {
    expect(splitByWeights(100, [0, 1, 1])).toEqual([0, 50, 50]);
  });

  it('rejects no parts, negative weights and all-zero weights', () => {
    expect(() => splitByWeights(100, [])).toThrow(MoneyError);
    expect(() => splitByWeights(100, [1, -1])).toThrow(MoneyError);
    expect(() => splitByWeights(100, [0, 0])).toThrow(MoneyError);
  });

  it('weights whose sum exceeds 2^53 still split exactly', () => {
    const big = Number.MAX_SAFE_INTEGER;
    // Equal huge weights: 3 cents -> 2 + 1.
    expect(splitByWeights(3, [big, big])).toEqual([2, 1]);
  });

  it('property: parts sum exactly to the amount and each is within one cent of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const parts = splitByWeights(amount, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = BigInt(weights.reduce((a, b) => a + b, 0));
          parts.forEach((part, i) => {
            // |part - amount*w/total| < 1  <=>  |part*total - amount*w| < total
            const diff = BigInt(part) * total - BigInt(amount) * BigInt(weights[i]!);
            expect(diff < total && diff > -total).toBe(true);
          });
        },
      ),
    );
  });

  it('sumCents adds whole cents and rejects fractions', () => {
    expect(sumCents([100, 250, -50])).toBe(300);
    expect(() => sumCents([100, 0.5])).toThrow(MoneyError);
  });
});

describe('§0 money: invoices show net, VAT and gross', () => {
  it('PlusPort 21 % VAT on 450.00 net: VAT 94.50, gross 544.50', () => {
    // 45,000 x 2,100 / 10,000 = 9,450 exactly
    expect(addVat(45_000, 2_100)).toEqual({
      netCents: 45_000,
      vatCents: 9_450,
      grossCents: 54_450,
      vatRateBasisPoints: 2_100,
    });
  });

  it('VAT is rounded half-up once on the net total: 21 % of 1.50 = 0.315 -> 0.32, gross 1.82', () => {
    expect(addVat(150, 2_100)).toMatchObject({ vatCents: 32, grossCents: 182 });
  });

  it('SPOT-3.2 / LOI-5.3-4: a VAT-exempt rulebook (0 bp) has VAT 0 and gross = net', () => {
    expect(addVat(3_000, 0)).toEqual({ netCents: 3_000, vatCents: 0, grossCents: 3_000, vatRateBasisPoints: 0 });
  });

  it('property: gross = net + VAT', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (net, bp) => {
        const { netCents, vatCents, grossCents } = addVat(net, bp);
        expect(grossCents).toBe(netCents + vatCents);
        expect(netCents).toBe(net);
      }),
    );
  });
});

describe('formatEuro (the catalogue notation)', () => {
  it.each([
    [123_456, '1,234.56'],
    [42_500, '425.00'],
    [0, '0.00'],
    [5, '0.05'],
    [-4_250, '-42.50'],
    [100_000_000, '1,000,000.00'],
    [677_500, '6,775.00'],
  ])('%i cents is "%s"', (cents, text) => {
    expect(formatEuro(cents)).toBe(text);
  });

  it('rejects fractional cents', () => {
    expect(() => formatEuro(1.5)).toThrow(MoneyError);
  });
});

describe('formatEuroNl (Dutch invoices: € 1.234,56)', () => {
  it.each([
    [123_456, '€ 1.234,56'],
    [42_500, '€ 425,00'],
    [5, '€ 0,05'],
    [-4_250, '€ -42,50'],
    [100_000_000, '€ 1.000.000,00'],
  ])('%i cents is "%s"', (cents, text) => {
    expect(formatEuroNl(cents)).toBe(text);
  });
});
