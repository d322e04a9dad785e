/**
 * CSV for finance (RFC 4180: comma separated, CRLF, quotes doubled). A text cell that a spreadsheet
 * would read as a formula (=, +, -, @, tab, CR first) is prefixed with a quote (OWASP CSV injection);
 * numbers are written as they are.
 */
import { Readable } from 'node:stream';
import { formatDecimalNl } from '@ledger/regulations';

/**
 * An amount for accounting software: euros with two decimals and no thousands separators, a decimal
 * point in `rfc` and a decimal comma in `nl` ("-1234,56"), whatever the column's name.
 */
export class EuroAmount {
  constructor(readonly cents: number) {
    if (!Number.isSafeInteger(cents)) throw new Error(`EuroAmount: ${cents} is not a whole number of cents`);
  }

  format(format: CsvFormat): string {
    const abs = Math.abs(this.cents);
    const text = `${this.cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
    return format === 'nl' ? text.replace('.', ',') : text;
  }
}

export type CsvCell = string | number | boolean | EuroAmount | null | undefined;

/**
 * `rfc`: comma separated, amounts in cents (for programs). `nl`: what Dutch Excel opens in columns:
 * `;` separated, a UTF-8 byte order mark, and every `...Cents` column written in euros with a
 * decimal comma (its header `...Eur`).
 */
export type CsvFormat = 'rfc' | 'nl';

function cell(value: CsvCell, separator = ','): string {
  if (value === null || value === undefined) return '';
  if (value instanceof EuroAmount) return value.format(separator === ';' ? 'nl' : 'rfc');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return guarded.includes(separator) || /[",\r\n']/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** An amount in euros with a decimal comma ("-42,50" is a number to the spreadsheet, not a formula). */
const euroCell = (cents: number): string => formatDecimalNl(cents);

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return (
    [header.map((c) => cell(c)).join(','), ...rows.map((row) => row.map((c) => cell(c)).join(','))].join('\r\n') +
    '\r\n'
  );
}

/** CSV text streamed row by row (every row, however many), in the format asked for. */
export function csvStream(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvCell[]>,
  format: CsvFormat,
): Readable {
  const separator = format === 'nl' ? ';' : ',';
  const euros = header.map((name) => format === 'nl' && name.endsWith('Cents'));
  const names = header.map((name, i) => (euros[i] ? `${name.slice(0, -'Cents'.length)}Eur` : name));
  const line = (row: readonly CsvCell[]) =>
    row
      .map((value, i) => (euros[i] && typeof value === 'number' ? euroCell(value) : cell(value, separator)))
      .join(separator);
  async function* lines(): AsyncGenerator<string> {
    yield (format === 'nl' ? '\uFEFF' : '') + names.map((name) => cell(name, separator)).join(separator) + '\r\n';
    for await (const row of rows) yield line(row) + '\r\n';
  }
  return Readable.from(lines());
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** True when the client asks for CSV (Accept: text/csv) rather than JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  return typeof accept === 'string' && /(^|,)\s*text\/csv\b/i.test(accept);
}
