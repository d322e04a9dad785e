import { deciderSpec } from '../shared/decider-spec';
import { offeringDecider } from './decide';
import type { OfferingDefined } from './events';
import type { OfferingTerms } from './terms';

const spec = deciderSpec(offeringDecider);
const vca: OfferingTerms = {
  offeringId: 'o1',
  rulebookId: 'plusport',
  kind: 'classroom',
  title: 'VCA basis',
  startsAt: '2026-03-20T09:00:00+01:00',
  components: [{ kind: 'classroom', priceCents: 45_000 }],
  options: { rescheduleAsCancellation: true },
};
const defined: OfferingDefined = {
  type: 'OfferingDefined',
  data: {
    ...vca,
    options: { rescheduleAsCancellation: true, requiresProofOfParticipation: false },
    definedAt: '2026-01-10T10:00:00+01:00',
  },
};

describe('offering decider', () => {
  it('PP-14.6: given no history, when a VCA classroom offering is defined, then OfferingDefined keeps rescheduleAsCancellation with the defaults filled in', () => {
    spec.given([]).when({ type: 'DefineOffering', terms: vca, definedAt: '2026-01-10T10:00:00+01:00' }).then([defined]);
  });

  it('VLI-2.1: an option of another rulebook is refused as input naming the field', () => {
    spec
      .given([])
      .when({
        type: 'DefineOffering',
        terms: { ...vca, rulebookId: 'vli', kind: 'training', options: { level: 'mbo' } },
        definedAt: '2026-01-10T10:00:00+01:00',
      })
      .thenThrows({ name: 'ActInputError', field: 'level' } as never);
  });

  it('LOI-9.1: an LOI offering needs its study duration and a monthly tuition component', () => {
    const loi: OfferingTerms = {
      ...vca,
      rulebookId: 'loi',
      kind: 'home-study',
      components: [{ kind: 'tuition', priceCents: 5_000 }],
      options: { level: 'other' },
    };
    spec
      .given([])
      .when({ type: 'DefineOffering', terms: loi, definedAt: '2026-01-10T10:00:00+01:00' })
      .thenThrows({ field: 'studyMonths' } as never);
    spec
      .given([])
      .when({
        type: 'DefineOffering',
        terms: {
          ...loi,
          components: [{ kind: 'material', priceCents: 1 }],
          options: { level: 'other', studyMonths: 12 },
        },
        definedAt: '2026-01-10T10:00:00+01:00',
      })
      .thenThrows({ field: 'components' } as never);
  });

  it('PP-15.5-CLS: a dated kind without startsAt is refused (the tables count from the start)', () => {
    spec
      .given([])
      .when({ type: 'DefineOffering', terms: { ...vca, startsAt: null }, definedAt: '2026-01-10T10:00:00+01:00' })
      .thenThrows({ field: 'startsAt' } as never);
  });

  it('PP-5.2: given a defined offering, when its price changes, then the change records old and new totals and replaces the component price', () => {
    spec
      .given([defined])
      .when({
        type: 'ChangeOfferingPrice',
        offeringId: 'o1',
        changeId: 'pc1',
        changedAt: '2026-02-01T00:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 50_000 }],
        requiredByLaw: false,
      })
      .then((events) => {
        expect(events).toEqual([
          expect.objectContaining({
            type: 'OfferingPriceChanged',
            data: expect.objectContaining({
              previousTotalNetCents: 45_000,
              newTotalNetCents: 50_000,
              components: [{ kind: 'classroom', priceCents: 50_000 }],
            }),
          }),
        ]);
      });
  });

  it('PP-5.2: the same change id twice is 409; an offering defined twice is 409', () => {
    const changed = offeringDecider.decide(
      {
        type: 'ChangeOfferingPrice',
        offeringId: 'o1',
        changeId: 'pc1',
        changedAt: '2026-02-01T00:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 50_000 }],
        requiredByLaw: false,
      },
      offeringDecider.evolve(offeringDecider.initialState(), defined),
      {} as never,
    );
    spec
      .given([defined, ...changed])
      .when({
        type: 'ChangeOfferingPrice',
        offeringId: 'o1',
        changeId: 'pc1',
        changedAt: '2026-02-02T00:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 1 }],
        requiredByLaw: false,
      })
      .thenThrows({ error: 'PRICE_CHANGE_EXISTS', status: 409 });
    spec
      .given([defined])
      .when({ type: 'DefineOffering', terms: vca, definedAt: '2026-01-10T10:00:00+01:00' })
      .thenThrows({ error: 'OFFERING_ALREADY_EXISTS', status: 409 });
  });
});
