/** Field validators shared by every DTO, so ids, instants and dates are checked one way. */
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isInstant, isLocalDate } from '@ledger/regulations';

/** Ids become part of stream names: a conservative alphabet and length. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const ID_MESSAGE =
  '$property must be 1-100 characters of letters, digits, _ . : - (starting with a letter or digit)';

/**
 * Business times and dates the API takes. Wider than any real act, narrow enough that what the
 * rules derive from them (retention +10 years, renewals, working-day counts) stays inside the
 * calendar: a registration in the year 9999 would otherwise be recorded and then fail in every
 * projection that computes a deadline from it (found by the bad-input campaign).
 */
export const FIRST_BUSINESS_YEAR = 2000;
export const LAST_BUSINESS_YEAR = 2199;

/**
 * The one instant form the API takes (docs/decisions.md D12): `YYYY-MM-DDTHH:MM:SS[.fraction]`
 * with `Z` or an offset `+HH:MM` of at most 14 hours (the widest in use), hours 00-23. Anything
 * else is refused with the field named, never normalised: `T24:00`, `+0100` and an instant without
 * seconds are valid ISO 8601, but they would be stored as sent and compared as text by whoever
 * reads the log. Luxon alone also takes week and ordinal dates and offsets such as +99:00.
 */
const INSTANT_FORM = /^(\d{4})-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const LOCAL_DATE_FORM = /^(\d{4})-\d{2}-\d{2}$/;

const inBusinessYears = (year: string): boolean =>
  Number(year) >= FIRST_BUSINESS_YEAR && Number(year) <= LAST_BUSINESS_YEAR;

export function isApiInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const match = INSTANT_FORM.exec(value);
  if (!match) return false;
  const [, year, , , hours, minutes] = match;
  if (hours !== undefined && (Number(hours) * 60 + Number(minutes) > 14 * 60 || Number(minutes) > 59)) return false;
  return inBusinessYears(year!) && isInstant(value);
}

export function isApiLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE_FORM.exec(value);
  return match !== null && inBusinessYears(match[1]!) && isLocalDate(value);
}

export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: {
        message: `$property must be an instant YYYY-MM-DDTHH:MM:SS with an offset Z or +HH:MM, e.g. 2026-03-12T10:00:00+01:00, hours 00-23, in the years ${FIRST_BUSINESS_YEAR}-${LAST_BUSINESS_YEAR}`,
        ...options,
      },
      validator: { validate: (value: unknown) => isApiInstant(value) },
    });
}

export function IsLocalDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isLocalDate',
      target: object.constructor,
      propertyName,
      options: {
        message: `$property must be a calendar date YYYY-MM-DD in the years ${FIRST_BUSINESS_YEAR}-${LAST_BUSINESS_YEAR}`,
        ...options,
      },
      validator: { validate: (value: unknown) => isApiLocalDate(value) },
    });
}

/** A calendar date or an instant with offset, in the business years (as-of queries accept both). */
export function IsDateOrInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOrInstant',
      target: object.constructor,
      propertyName,
      options: {
        message: `$property must be a calendar date YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM:SS with an offset Z or +HH:MM, in the years ${FIRST_BUSINESS_YEAR}-${LAST_BUSINESS_YEAR}`,
        ...options,
      },
      validator: { validate: (value: unknown) => isApiLocalDate(value) || isApiInstant(value) },
    });
}

/**
 * A whole number in a query string: decimal digits only. `@Type(() => Number)` also turned
 * `0x10`, ` 1`, `1e2` and the empty string into numbers (found by the bad-input campaign); here
 * anything but digits stays a string, so the field's @IsInt() names it.
 */
export function QueryInt() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
  );
}
