/**
 * CSV for finance (RFC 4180: comma separated, CRLF, quotes doubled). A text cell that a spreadsheet
 * would read as a formula (=, +, -, @, tab, CR first) is prefixed with a quote (OWASP CSV injection);
 * numbers are written as they are.
 */
export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header.map(cell).join(','), ...rows.map((row) => row.map(cell).join(','))].join('\r\n') + '\r\n';
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** True when the client asks for CSV (Accept: text/csv) rather than JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  return typeof accept === 'string' && /(^|,)\s*text\/csv\b/i.test(accept);
}
