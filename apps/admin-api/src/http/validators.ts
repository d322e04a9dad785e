/**
 * Field validators shared by every DTO, so ids, instants and dates are checked one way (the
 * instant and date forms are the contract's, so the rulebooks' detail schemas check them alike).
 */
import { Transform } from 'class-transformer';

/** Ids become part of stream names: a conservative alphabet and length. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const ID_MESSAGE =
  '$property must be 1-100 characters of letters, digits, _ . : - (starting with a letter or digit)';

export {
  FIRST_BUSINESS_YEAR,
  IsDateOrInstant,
  isApiInstant,
  isApiLocalDate,
  IsInstant,
  IsLocalDate,
  LAST_BUSINESS_YEAR,
} from '@ledger/regulations';

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
