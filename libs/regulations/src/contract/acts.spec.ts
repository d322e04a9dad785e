/**
 * parseActDetails: an act's book-specific details against the book's schema. Details sent are
 * validated every time; no details are validated once per schema (the answer cannot change), and
 * a schema that requires a field still refuses a command without it, every time.
 */
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import { ActInputError, parseActDetails } from './acts';

class OptionalDetails {
  @IsOptional()
  @IsBoolean()
  vogValid?: boolean;
}

class RequiredDetails {
  @IsInt()
  @Min(0)
  returnCostsCents!: number;
}

describe('parseActDetails', () => {
  it('given no details and a schema of optional fields, then an instance of the schema, each call its own', () => {
    const first = parseActDetails(OptionalDetails, undefined);
    const second = parseActDetails(OptionalDetails, {});
    expect(first).toBeInstanceOf(OptionalDetails);
    expect(second).toBeInstanceOf(OptionalDetails);
    expect(second).not.toBe(first);
  });

  it('given no details and a schema that requires a field, then 400 naming it, on every call', () => {
    for (const details of [undefined, {}, undefined]) {
      expect(() => parseActDetails(RequiredDetails, details)).toThrow(ActInputError);
      expect(() => parseActDetails(RequiredDetails, details)).toThrow(/^returnCostsCents/);
    }
  });

  it('given details, then they are validated each time: a valid value passes, a wrong one and an unknown field are refused', () => {
    expect(parseActDetails(RequiredDetails, { returnCostsCents: 1_250 })).toMatchObject({ returnCostsCents: 1_250 });
    expect(() => parseActDetails(RequiredDetails, { returnCostsCents: -1 })).toThrow(/^returnCostsCents/);
    expect(() => parseActDetails(OptionalDetails, { vogValid: 'yes' })).toThrow(/^vogValid/);
    expect(() => parseActDetails(OptionalDetails, { colour: 'red' })).toThrow(
      'colour: field colour does not apply to this rulebook',
    );
  });
});
