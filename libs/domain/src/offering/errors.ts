/**
 * Malformed offering or enrolment input that only the domain can judge (it needs the rulebook or
 * the offering): HTTP 400 naming the field. The name ends in `InputError`, like the rulebooks'
 * input errors, so the API maps all of them the same way.
 */
export class OfferingInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'OfferingInputError';
  }
}
