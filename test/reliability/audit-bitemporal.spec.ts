/** The shared asOf/knownAt helper (libs/application/src/bitemporal.ts): business time and record time cut independently. */
import { BitemporalInputError, eventsAt, parseBitemporal, visibleAt } from '@ledger/application';

const event = (occurredAt: string | undefined, recordedAt: string) => ({
  metadata: occurredAt ? { occurredAt } : {},
  recordedAt,
});

describe('bitemporal cut', () => {
  const registered = event('2026-03-02T10:00:00+01:00', '2026-03-02T09:00:01.000Z');
  // Recorded late: happened on 5 March, the ledger learned it on 12 March.
  const lateCancellation = event('2026-03-05T10:00:00+01:00', '2026-03-12T08:00:00.000Z');

  it('asOf filters on business time, knownAt on record time, both together on both', () => {
    expect(eventsAt([registered, lateCancellation], { asOf: '2026-03-04T00:00:00+01:00' })).toEqual([registered]);
    expect(eventsAt([registered, lateCancellation], { asOf: '2026-03-06T00:00:00+01:00' })).toEqual([
      registered,
      lateCancellation,
    ]);
    // What did we know on 10 March about 6 March? Not the cancellation yet.
    expect(
      eventsAt([registered, lateCancellation], { asOf: '2026-03-06T00:00:00+01:00', knownAt: '2026-03-10T00:00:00Z' }),
    ).toEqual([registered]);
    expect(eventsAt([registered, lateCancellation], {})).toEqual([registered, lateCancellation]);
  });

  it('compares instants, not strings, and a date means through the end of that day in Amsterdam', () => {
    expect(visibleAt(lateCancellation, parseBitemporal({ asOf: '2026-03-05T09:00:00Z' }))).toBe(true);
    expect(visibleAt(lateCancellation, parseBitemporal({ asOf: '2026-03-05T08:59:59Z' }))).toBe(false);
    expect(visibleAt(lateCancellation, parseBitemporal({ asOf: '2026-03-05' }))).toBe(true);
    expect(
      visibleAt(event('2026-03-05T23:30:00+01:00', '2026-03-06T00:00:00Z'), parseBitemporal({ asOf: '2026-03-05' })),
    ).toBe(true);
    expect(
      visibleAt(event('2026-03-06T00:00:00+01:00', '2026-03-06T00:00:00Z'), parseBitemporal({ asOf: '2026-03-05' })),
    ).toBe(false);
    // No business time recorded: the record time stands in.
    expect(visibleAt(event(undefined, '2026-03-07T00:00:00Z'), parseBitemporal({ asOf: '2026-03-06' }))).toBe(false);
  });

  it('refuses malformed input naming the field (mapped to 400 by the error filter)', () => {
    expect(() => parseBitemporal({ asOf: 'yesterday' })).toThrow(BitemporalInputError);
    expect(() => parseBitemporal({ knownAt: '2026-13-01' })).toThrow(/knownAt/);
    try {
      parseBitemporal({ knownAt: 'x' });
    } catch (error) {
      expect(error).toMatchObject({ field: 'knownAt', name: 'BitemporalInputError' });
    }
  });
});
