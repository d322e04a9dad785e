/** class-validator decorators for the calendar's formats, shared by the books' input schemas. */
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isInstant, isLocalDate } from '../calendar';

export function IsInstantString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantString',
      validator: {
        validate: (value) => typeof value === 'string' && isInstant(value),
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 instant with offset`,
      },
    },
    options,
  );
}

export function IsLocalDateString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDateString',
      validator: {
        validate: (value) => typeof value === 'string' && isLocalDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}
