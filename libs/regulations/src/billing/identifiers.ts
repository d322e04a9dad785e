/**
 * Identifiers on Dutch invoices: the betalingskenmerk a payer copies into a transfer (Betaalvereniging
 * Nederland, "Specificaties betalingskenmerk": 16 digits, the first a weighted modulus-11 check digit),
 * the KvK number (8 digits) and the VAT id (btw-identificatienummer, art. 35a Wet OB 1968). Pure.
 */

/** Weights of the modulus-11 check, from the rightmost digit leftwards, repeating. */
const KENMERK_WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1] as const;

function kenmerkCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += Number(digits[digits.length - 1 - i]) * KENMERK_WEIGHTS[i % KENMERK_WEIGHTS.length]!;
  }
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? 1 : check;
}

/** The 16-digit betalingskenmerk for a 15-digit payment code: its check digit, then the code. */
export function betalingskenmerk(code: string): string {
  if (!/^\d{15}$/.test(code)) throw new RangeError(`a betalingskenmerk code has 15 digits, not "${code}"`);
  return `${kenmerkCheckDigit(code)}${code}`;
}

/** True for a 16-digit betalingskenmerk whose check digit holds (spaces, as payers type them, ignored). */
export function isBetalingskenmerk(value: string): boolean {
  const digits = value.replace(/\s+/g, '');
  return /^\d{16}$/.test(digits) && Number(digits[0]) === kenmerkCheckDigit(digits.slice(1));
}

/**
 * An invoice's payment reference: the invoice year and its sequence in the provider's series
 * (unique per provider, and so per bank account the provider is paid on).
 */
export function paymentReferenceFor(issuedOn: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999_999_999)
    throw new RangeError(`invoice sequence out of range: ${sequence}`);
  return betalingskenmerk(`${issuedOn.slice(0, 4)}${String(sequence).padStart(11, '0')}`);
}

/** KvK (Handelsregister) number: 8 digits. */
export const isKvkNumber = (value: string): boolean => /^\d{8}$/.test(value);

const lettersAsDigits = (value: string): string =>
  value.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));

function mod97(digits: string): number {
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest;
}

/**
 * A Dutch VAT id NL + 9 digits + B + 2 digits passes either the eleven-test of its 9 digits
 * (ids derived from the RSIN) or, since 2020, the ISO 7064 mod 97-10 test over the whole id
 * (sole proprietors' ids). Other EU VAT ids (two-letter country code + 2 to 12 characters) are
 * checked by form only: their check digits differ per member state (VIES verifies them).
 */
export function isVatId(value: string): boolean {
  if (/^NL\d{9}B\d{2}$/.test(value)) {
    const digits = value.slice(2, 11);
    const elevenTest =
      [...digits.slice(0, 8)].reduce((sum, digit, i) => sum + Number(digit) * (9 - i), 0) - Number(digits[8]);
    return elevenTest % 11 === 0 || mod97(lettersAsDigits(value)) === 1;
  }
  return /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z]{2,12}$/.test(
    value,
  );
}

/** True for an IBAN whose ISO 13616 check digits hold (spaces ignored). */
export function isIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  return mod97(lettersAsDigits(iban.slice(4) + iban.slice(0, 4))) === 1;
}
