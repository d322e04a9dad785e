/** Money is integer cents in the API; people read Dutch euros: € 1.234,56 (in either language). */
const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });

export function euros(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  // Intl puts a no-break space after the sign; a plain space reads and copies the same everywhere.
  return EURO.format(cents / 100).replace(/\u00a0/g, ' ');
}

const DATE_TIME = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** An instant in Amsterdam time; a plain date (YYYY-MM-DD) as it is. */
export function when(value: unknown, locale: string): string {
  if (typeof value !== 'string' || value === '') return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : DATE_TIME(locale).format(date);
}

/** A field's value for a table cell: cents as euros, instants as Amsterdam time, the rest as text. */
export function cell(key: string, value: unknown, locale: string): string {
  if (value === null || value === undefined) return '—';
  if (key.endsWith('Cents') && typeof value === 'number') return euros(value);
  if (/(At|On|Date|Until)$/.test(key) && typeof value === 'string') return when(value, locale);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A local date-time input's value (Amsterdam wall time as the browser sees it) as an ISO instant. */
export function instantOf(localDateTime: string): string {
  const date = new Date(localDateTime);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date and time: ${localDateTime}`);
  return date.toISOString();
}

export function localNow(): string {
  const now = new Date();
  const offsetMs = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offsetMs).toISOString().slice(0, 16);
}

/**
 * Euros as a person types them (`310`, `310,50`, `1.210,00`, `310.5`) in cents, or null when it
 * is not an amount. A lone dot or comma followed by one or two digits is the decimal separator.
 */
export function centsOf(typed: string): number | null {
  const text = typed.replace(/[€\s]/g, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]!.replace(/\./g, '')) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents as a person would type them back: 31000 -> "310,00". */
export const typedEuros = (cents: number): string =>
  `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
