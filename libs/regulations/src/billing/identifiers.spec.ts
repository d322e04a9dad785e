import { betalingskenmerk, isBetalingskenmerk, isIban, isKvkNumber, isVatId, paymentReferenceFor } from './identifiers';

describe('betalingskenmerk (Betaalvereniging: 16 digits, weighted modulus 11)', () => {
  it("the Betaalvereniging's example: code 000056789012345 has check digit 5", () => {
    // 5x2 + 4x4 + 3x8 + 2x5 + 1x10 + 0x9 + 9x7 + 8x3 + 7x6 + 6x1 + 5x2 = 215; 215 mod 11 = 6; 11 - 6 = 5
    expect(betalingskenmerk('000056789012345')).toBe('5000056789012345');
    expect(isBetalingskenmerk('5000 0567 8901 2345')).toBe(true);
    expect(isBetalingskenmerk('4000056789012345')).toBe(false);
  });

  it('an invoice of 2026 with sequence 42 gets the year and the sequence, and a valid check digit', () => {
    const reference = paymentReferenceFor('2026-03-02', 42);
    expect(reference.slice(1)).toBe('202600000000042');
    expect(isBetalingskenmerk(reference)).toBe(true);
    expect(() => paymentReferenceFor('2026-03-02', 0)).toThrow(RangeError);
  });
});

describe('KvK number, VAT id, IBAN', () => {
  it('KvK: 8 digits', () => {
    expect(isKvkNumber('12345678')).toBe(true);
    expect(isKvkNumber('1234567')).toBe(false);
  });

  it('NL VAT id: eleven-test of the 9 digits (12345678 -> check 2) or mod 97 over the whole id', () => {
    // 1x9 + 2x8 + 3x7 + 4x6 + 5x5 + 6x4 + 7x3 + 8x2 = 156; 156 - 2 = 154 = 14 x 11
    expect(isVatId('NL123456782B01')).toBe(true);
    expect(isVatId('NL123456783B01')).toBe(false);
    // The Belastingdienst's sole-proprietor example passes mod 97: "NL000099998B57"
    expect(isVatId('NL000099998B57')).toBe(true);
    expect(isVatId('NL12345678B01')).toBe(false);
    expect(isVatId('DE123456789')).toBe(true);
    expect(isVatId('US123456789')).toBe(false);
  });

  it('IBAN: ISO 13616 check digits', () => {
    expect(isIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(isIban('NL92ABNA0417164300')).toBe(false);
  });
});
