/** Field validators shared by every DTO, so ids, instants and dates are checked one way. */
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isInstant, isLocalDate } from '@ledger/regulations';

/** Ids become part of stream names: a conservative alphabet and length. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const ID_MESSAGE = '$property must be 1-100 characters of letters, digits, _ . : - (starting with a letter or digit)';

export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be an ISO 8601 instant with offset, e.g. 2026-03-12T10:00:00+01:00', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 40 && isInstant(value) },
    });
}

export function IsLocalDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isLocalDate',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isLocalDate(value) },
    });
}
