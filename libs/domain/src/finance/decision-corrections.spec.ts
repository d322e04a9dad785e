import { compareDecisionMoney } from '@ledger/regulations';
import { chargeDifferenceCents } from './decision-corrections';

const ids = { ruleIds: ['R-1'], interpretationIds: [] };

describe('chargeDifferenceCents: the money a correction moves, VAT included', () => {
  it('a refund stated on both sides says it: a larger refund is a smaller charge', () => {
    const { money } = compareDecisionMoney(
      { ...ids, feeCents: 9_500, refundCents: 41_745 },
      { ...ids, feeCents: 0, feeVatCents: 0, feeGrossCents: 0, refundCents: 53_240 },
    );
    expect(chargeDifferenceCents(money)).toBe(-11_495);
  });

  it('without a refund on both sides, the gross fee says it, then a surcharge', () => {
    const gross = compareDecisionMoney({ ...ids, feeGrossCents: 10_000 }, { ...ids, feeGrossCents: 12_100 });
    expect(chargeDifferenceCents(gross.money)).toBe(2_100);
    const surcharge = compareDecisionMoney({ ...ids, surchargeCents: 150_000 }, { ...ids, surchargeCents: 0 });
    expect(chargeDifferenceCents(surcharge.money)).toBe(-150_000);
  });

  it('a decision stating no money on both sides moves none (null), and equal money moves 0', () => {
    expect(chargeDifferenceCents(compareDecisionMoney({ ...ids, feeCents: 100 }, ids).money)).toBeNull();
    const same = compareDecisionMoney({ ...ids, refundCents: 5 }, { ...ids, refundCents: 5, feeCents: 1 });
    expect(chargeDifferenceCents(same.money)).toBe(0);
  });
});
