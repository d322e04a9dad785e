/**
 * class-validator decorators for the calendar's forms, shared by the API's request bodies and the
 * rulebooks' detail schemas, so an instant or a date is checked one way everywhere.
 */
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isInstant, isLocalDate } from '../calendar';

/**
 * Business times and dates the API takes. Wider than any real act, narrow enough that what the
 * rules derive from them (retention +10 years, renewals, working-day counts) stays inside the
 * calendar: a registration in the year 9999 would otherwise be recorded and then fail in every
 * projection that computes a deadline from it (found by the bad-input campaign).
 */
export const FIRST_BUSINESS_YEAR = 2000;
export const LAST_BUSINESS_YEAR = 2199;

/**
 * The one instant form the API takes (docs/decisions.md D16): `YYYY-MM-DDTHH:MM:SS[.fraction]`
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
