/**
 * Publishing rulebook versions (docs/architecture.md, "Published rulebook versions"), given/when/then
 * with SPOT's yearly price list (SPOT-3.3) as the book that publishes them.
 */
import { createRulebookRegistry, registerPublication } from '@ledger/regulations';
import { deciderSpec } from '../shared/decider-spec';
import type { DecideContext } from '../shared/decider';
import type { PublishRulebookVersion } from './commands';
import { publicationOf, rulebookVersionDecider } from './decide';
import type { RulebookVersionPublished } from './events';

const spec = deciderSpec(rulebookVersionDecider);
const ctx = (): DecideContext => ({ rulebooks: createRulebookRegistry(), recordedAt: '2026-11-20T09:00:00.000Z' });

const publish2027 = (overrides: Partial<PublishRulebookVersion> = {}): PublishRulebookVersion => ({
  type: 'PublishRulebookVersion',
  rulebookId: 'spot-lms',
  version: '2027-01-01',
  effectiveFrom: '2027-01-01',
  publishedAt: '2026-11-20T10:00:00+01:00',
  details: { lowRateCents: 3_200, highRateCents: 4_800 },
  ...overrides,
});

describe('SPOT-3.3 the yearly price list as a rulebook version', () => {
  it('SPOT-3.3: given no publication, when the 2027 list is published, then it is recorded with its decision, based on the latest version', () => {
    spec
      .given([])
      .when(publish2027(), ctx())
      .then(([event]) => {
        expect(event).toMatchObject({
          type: 'RulebookVersionPublished',
          data: { rulebookId: 'spot-lms', version: '2027-01-01', basedOn: '2020-01-01', effectiveFrom: '2027-01-01' },
        });
        expect(event!.data.decision).toMatchObject({
          kind: 'price-list-publication',
          ruleIds: ['SPOT-3.3'],
          inputs: { priceLevel: '2027', lowRateCents: 3_200, highRateCents: 4_800, previousLowRateCents: 3_000 },
        });
      });
  });

  it('SPOT-3.3: the recorded publication builds a version in force from its date, with the new prices, whose decision recomputes', () => {
    const registry = createRulebookRegistry();
    const [event] = rulebookVersionDecider.decide(
      publish2027(),
      { publishedVersions: [] },
      { ...ctx(), rulebooks: registry },
    );
    expect(registerPublication(registry, publicationOf(event as RulebookVersionPublished))).toBe(true);
    expect(registerPublication(registry, publicationOf(event as RulebookVersionPublished))).toBe(false);
    expect(registry.rulebookFor('spot-lms', '2026-12-31').version).toBe('2020-01-01');
    const in2027 = registry.rulebookFor('spot-lms', '2027-01-01');
    expect(in2027.version).toBe('2027-01-01');
    expect(in2027.data).toMatchObject({ prices: { lowRateCents: 3_200, highRateCents: 4_800 }, priceLevel: '2027' });
    expect(registry.recompute(event!.data.decision)).toEqual(event!.data.decision);
  });

  it('SPOT-3.3: a list cannot take effect before its publication', () => {
    spec
      .given([])
      .when(publish2027({ publishedAt: '2027-01-02T09:00:00+01:00' }), ctx())
      .thenThrows({ error: 'PRICE_LIST_BACKDATED', ruleId: 'SPOT-3.3' });
  });

  it('SPOT-3.3: the rate from the tier threshold is not below the low rate', () => {
    spec
      .given([])
      .when(publish2027({ details: { lowRateCents: 4_800, highRateCents: 3_200 } }), ctx())
      .thenThrows({ name: 'DecisionInputError', message: expect.stringContaining('highRateCents') } as never);
  });

  it('SPOT-3.3: details the price list does not know are refused, naming the field', () => {
    spec
      .given([])
      .when(publish2027({ details: { lowRateCents: 3_200, highRateCents: 4_800, tier: 2 } }), ctx())
      .thenThrows({ field: 'tier' } as never);
  });

  it('given 2027 published, when 2027 is published again or an earlier version, then 409', () => {
    const registry = createRulebookRegistry();
    const published = rulebookVersionDecider.decide(
      publish2027(),
      { publishedVersions: [] },
      { ...ctx(), rulebooks: registry },
    );
    registerPublication(registry, publicationOf(published[0] as RulebookVersionPublished));
    const after = { ...ctx(), rulebooks: registry };
    spec
      .given(published)
      .when(publish2027({ effectiveFrom: '2028-01-01' }), after)
      .thenThrows({ error: 'RULEBOOK_VERSION_EXISTS', status: 409 });
    spec
      .given(published)
      .when(
        publish2027({ version: '2026-12', effectiveFrom: '2026-12-01', publishedAt: '2026-11-01T10:00:00+01:00' }),
        after,
      )
      .thenThrows({ error: 'VERSION_NOT_AFTER_LATEST', status: 409 });
  });

  it('a rulebook without a publishing act refuses with 422', () => {
    spec
      .given([])
      .when(publish2027({ rulebookId: 'plusport', details: {} }), ctx())
      .thenThrows({ error: 'VERSION_PUBLISHING_NOT_COVERED', status: 422 });
    spec
      .given([])
      .when(publish2027({ rulebookId: 'plusport' }), ctx())
      .thenThrows({ field: 'lowRateCents' } as never);
  });
});
