/**
 * Canonical JSON is what the log stores and the hash chain covers: the same logical value must
 * always give the same text, and what JSON cannot carry is refused, naming where it is.
 */
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys at every level, whatever order they were built in, without whitespace', () => {
    const built = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    const reordered = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(built)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(reordered)).toBe(canonicalJson(built));
  });

  it('agrees with JSON.parse: the text reads back as the value', () => {
    const value = { feeCents: 12_500, ruleIds: ['PP-15.5-EL'], note: 'Cursus "Excel" – € 1.234,56\n', ok: false };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('writes strings and keys exactly as JSON.stringify does, escapes and all', () => {
    const samples = [
      '',
      'plain text',
      'quote " and backslash \\',
      'tab\tnewline\ncarriage\r bell\u0007 unit\u001f del\u007f',
      'Cursus – € 1.234,56 ✓ 😀',
      'lone \ud800 high and \udc00 low surrogate',
      'line \u2028 and paragraph \u2029 separators',
      '$key-with_dashes',
    ];
    for (const text of samples) {
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
      expect(canonicalJson({ [text]: text })).toBe(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
    }
    expect(canonicalJson([true, false])).toBe('[true,false]');
  });

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('writes what toJSON returns (a Date as its ISO text)', () => {
    expect(canonicalJson({ at: new Date('2026-03-02T09:00:00Z') })).toBe('{"at":"2026-03-02T09:00:00.000Z"}');
  });

  it.each([
    ['a non-finite number', { fee: { cents: Number.NaN } }, 'Non-finite number at $.fee.cents'],
    ['an infinite number in an array', { lines: [1, Number.POSITIVE_INFINITY] }, 'Non-finite number at $.lines[1]'],
    ['a bigint', { id: 1n }, 'A bigint at $.id cannot be stored as JSON'],
    ['a function', { f: () => 1 }, 'A function at $.f cannot be stored as JSON'],
  ])('refuses %s, naming where it is', (_what, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('refuses a value nested more than 64 levels deep (a cycle ends there too)', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let level = 0; level < 70; level++) deep = deep['n'] = {};
    expect(() => canonicalJson(root)).toThrow('nested deeper than 64 levels');
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => canonicalJson(cycle)).toThrow('nested deeper than 64 levels');
  });
});
