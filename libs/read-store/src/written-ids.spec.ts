import { WrittenIds } from './written-ids';

describe('WrittenIds', () => {
  it('never answers "not written" for a key it was given, and rarely "maybe" for one it was not', () => {
    const ids = new WrittenIds(20);
    const written = Array.from({ length: 50_000 }, (_, index) => `invoices_v3_invoices\u0000inv-${index * 7919}`);
    for (const key of written) ids.add(key);

    expect(written.every((key) => ids.mayHold(key))).toBe(true);
    const others = Array.from({ length: 50_000 }, (_, index) => `invoices_v3_invoices\u0000other-${index}`);
    const falseMaybes = others.filter((key) => ids.mayHold(key)).length;
    // 2^20 bits, 4 probes, 50,000 keys: about 0.3 % in theory.
    expect(falseMaybes).toBeLessThan(others.length * 0.01);
  });

  it('knows nothing when new, and refuses a size outside its bounds', () => {
    expect(new WrittenIds(10).mayHold('anything')).toBe(false);
    expect(() => new WrittenIds(9)).toThrow(RangeError);
    expect(() => new WrittenIds(31)).toThrow(RangeError);
  });
});
