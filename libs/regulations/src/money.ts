/**
 * Money in integer euro cents (docs/regulations.md §0). A percentage of an amount is rounded half-up
 * to the cent once, at the end of that one computation. Rates are given in basis points
 * (1 % = 100 bp) so that no fractional percentage ever passes through floating point.
 */

export type Cents = number;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`${what} must be a whole number of cents, got ${value}`);
  return value;
}

/** Integer division rounded half-up (away from zero for negatives, symmetric). */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** `basisPoints` / 10,000 of `amountCents`, rounded half-up once. 5,000 bp = 50 %. */
export function percentOf(amountCents: Cents, basisPoints: number): Cents {
  assertCents(amountCents);
  if (!Number.isSafeInteger(basisPoints)) throw new MoneyError(`basis points must be an integer, got ${basisPoints}`);
  return Number(divideHalfUp(BigInt(amountCents) * BigInt(basisPoints), 10_000n));
}

/** amount x numerator / denominator rounded half-up once (pro-rata shares). */
export function prorate(amountCents: Cents, numerator: number, denominator: number): Cents {
  assertCents(amountCents);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new MoneyError(`pro-rata needs integer numerator and non-zero denominator`);
  }
  return Number(divideHalfUp(BigInt(amountCents) * BigInt(numerator), BigInt(denominator)));
}

/**
 * Splits an amount into parts proportional to `weights` that sum exactly to the amount
 * (largest-remainder method; ties go to the earlier part).
 */
export function splitByWeights(amountCents: Cents, weights: readonly number[]): Cents[] {
  assertCents(amountCents);
  if (weights.length === 0) throw new MoneyError('cannot split into zero parts');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new MoneyError('weights must be non-negative integers');
  // bigint: a sum of safe-integer weights need not itself be a safe integer.
  const total = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (total === 0n) throw new MoneyError('weights must not all be zero');
  const sign = amountCents < 0 ? -1n : 1n;
  const amount = BigInt(Math.abs(amountCents));
  const exact = weights.map((w) => amount * BigInt(w));
  const parts = exact.map((e) => e / total);
  let rest = amount - parts.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((e, i) => ({ i, remainder: e % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of order) {
    if (rest === 0n) break;
    parts[i]! += 1n;
    rest -= 1n;
  }
  return parts.map((p) => Number(p * sign));
}

/** Splits an amount into `n` parts as equal as possible, summing exactly (e.g. instalments). */
export function splitEvenly(amountCents: Cents, n: number): Cents[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new MoneyError('number of parts must be a positive integer');
  return splitByWeights(amountCents, new Array<number>(n).fill(1));
}

export function sumCents(amounts: readonly Cents[]): Cents {
  return assertCents(
    amounts.reduce((a, b) => a + assertCents(b), 0),
    'sum',
  );
}

export interface VatBreakdown {
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
  vatRateBasisPoints: number;
}

/** Net -> net, VAT, gross; VAT rounded half-up once on the net total. */
export function addVat(netCents: Cents, vatRateBasisPoints: number): VatBreakdown {
  const vatCents = percentOf(netCents, vatRateBasisPoints);
  return { netCents, vatCents, grossCents: netCents + vatCents, vatRateBasisPoints };
}

/** 123456 -> "1,234.56" (the catalogue's notation, for explanations). */
export function formatEuro(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${euros}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 -> "€ 1.234,56": how Dutch invoices and spreadsheets write an amount. */
export function formatEuroNl(cents: Cents): string {
  return `€ ${formatDecimalNl(cents)}`;
}

/** 123456 -> "1.234,56" (thousands with dots, decimal comma), -5 -> "-0,05". */
export function formatDecimalNl(cents: Cents): string {
  return formatEuro(cents).replace(/[,.]/g, (mark) => (mark === ',' ? '.' : ','));
}
