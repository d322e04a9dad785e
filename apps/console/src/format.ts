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
