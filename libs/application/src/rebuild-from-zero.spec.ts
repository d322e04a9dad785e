/** How `rebuild --all` deals the projections into shares (D44). */
import { dealProjections, MAX_REBUILD_SHARES, REBUILD_WEIGHTS } from './rebuild-from-zero';

const NAMES = [...Object.keys(REBUILD_WEIGHTS), 'unweighed_projection'];
const weight = (names: string[]) => names.reduce((sum, name) => sum + (REBUILD_WEIGHTS[name] ?? 1), 0);

describe('dealProjections', () => {
  it('deals every projection exactly once, whatever the number of shares', () => {
    for (let shares = 1; shares <= MAX_REBUILD_SHARES; shares++) {
      const dealt = dealProjections(NAMES, shares);
      expect(dealt.length).toBe(Math.min(shares, NAMES.length));
      expect(dealt.flat().sort()).toEqual([...NAMES].sort());
    }
  });

  it('keeps two shares within the heaviest projection of each other', () => {
    const [first, second] = dealProjections(NAMES, 2) as [string[], string[]];
    const heaviest = Math.max(...Object.values(REBUILD_WEIGHTS));
    expect(Math.abs(weight(first) - weight(second))).toBeLessThanOrEqual(heaviest);
  });

  it('makes no empty share when there are fewer projections than shares', () => {
    expect(dealProjections(['invoices', 'people'], 4)).toEqual([['invoices'], ['people']]);
  });

  it(`refuses 0 shares, more than ${MAX_REBUILD_SHARES}, or a fraction`, () => {
    for (const shares of [0, MAX_REBUILD_SHARES + 1, 1.5])
      expect(() => dealProjections(NAMES, shares)).toThrow(/shares/);
  });
});
