import { UpcasterChain, UpcasterRegistrationError } from './upcaster-chain';

const renameFullName = {
  eventType: 'LearnerRegistered',
  fromSchemaVersion: 1,
  upcast: ({ fullName, ...rest }: Record<string, unknown>) => ({ ...rest, name: fullName }),
};
const addCountry = {
  eventType: 'LearnerRegistered',
  fromSchemaVersion: 2,
  upcast: (data: Record<string, unknown>) => ({ ...data, country: 'NL' }),
};

function stored(schemaVersion: number | undefined, data: Record<string, unknown>) {
  return { type: 'LearnerRegistered', data, metadata: schemaVersion === undefined ? {} : { schemaVersion } };
}

describe('UpcasterChain', () => {
  const chain = new UpcasterChain([addCountry, renameFullName]);

  it('lifts an event through every step to the current version', () => {
    const upcast = chain.upcast(stored(1, { learnerId: 'l-1', fullName: 'Anna' }));
    expect(upcast.data).toEqual({ learnerId: 'l-1', name: 'Anna', country: 'NL' });
    expect(upcast.metadata.schemaVersion).toBe(3);
  });

  it('reads a missing schema version as version 1', () => {
    expect(chain.upcast(stored(undefined, { fullName: 'Anna' })).data).toEqual({ name: 'Anna', country: 'NL' });
  });

  it('starts from the stored version and leaves current events alone', () => {
    expect(chain.upcast(stored(2, { name: 'Anna' })).data).toEqual({ name: 'Anna', country: 'NL' });
    expect(chain.upcast(stored(3, { name: 'Anna', country: 'BE' })).data).toEqual({ name: 'Anna', country: 'BE' });
  });

  it('stamps the version also on events of types without upcasters', () => {
    const other = chain.upcast({ type: 'Other', data: { a: 1 }, metadata: {} });
    expect(other).toEqual({ type: 'Other', data: { a: 1 }, metadata: { schemaVersion: 1 } });
  });

  it('knows the version each type is written in today', () => {
    expect(chain.currentVersion('LearnerRegistered')).toBe(3);
    expect(chain.currentVersion('Other')).toBe(1);
  });

  it('rejects two upcasters for the same type and version', () => {
    expect(() => new UpcasterChain([renameFullName, { ...renameFullName }])).toThrow(UpcasterRegistrationError);
    expect(() => new UpcasterChain([renameFullName, { ...renameFullName }])).toThrow(
      /LearnerRegistered from schema version 1/,
    );
  });

  it('rejects a gap in the versions of one type', () => {
    expect(() => new UpcasterChain([renameFullName, { ...addCountry, fromSchemaVersion: 3 }])).toThrow(
      /skip from version 2 to 3/,
    );
  });

  it('rejects an invalid start version', () => {
    expect(() => new UpcasterChain([{ ...renameFullName, fromSchemaVersion: 0 }])).toThrow(/versions start at 1/);
  });

  it('fails when an upcaster returns something other than an object', () => {
    const broken = new UpcasterChain([{ ...renameFullName, upcast: () => null as unknown as Record<string, unknown> }]);
    expect(() => broken.upcast(stored(1, {}))).toThrow(/did not return an object/);
  });
});
