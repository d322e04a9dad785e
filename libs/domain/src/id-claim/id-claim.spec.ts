/** D54: ids unique across streams are claimed in a stream of their own. */
import { deciderSpec } from '../shared/decider-spec';
import { idClaimDecider, type ClaimId } from './decide';
import type { IdClaimed } from './events';

const spec = deciderSpec(idClaimDecider);
const claim = (kind: ClaimId['kind'], ownerId: string): ClaimId => ({ type: 'ClaimId', kind, id: 'ref-7', ownerId });
const claimed = (kind: ClaimId['kind'], ownerId: string): IdClaimed => ({
  type: 'IdClaimed',
  data: { kind, id: 'ref-7', ownerId },
});

describe('id claims', () => {
  it('given no claim, when a participant claims a licence id, then it is claimed in id-claim-licence-<id>', () => {
    spec
      .given([])
      .when(claim('licence', 'spot-a'))
      .then([claimed('licence', 'spot-a')]);
    expect(idClaimDecider.streamIdOf(claim('licence', 'spot-a'))).toBe('id-claim-licence-ref-7');
  });

  it('given the claim of the same owner, when it claims again (a resend, or its next payment), then nothing is appended', () => {
    spec
      .given([claimed('payment', 'inv-1')])
      .when(claim('payment', 'inv-1'))
      .then([]);
  });

  it('given a licence id claimed by one participant, when another claims it, then 409 LICENCE_ID_TAKEN', () => {
    spec
      .given([claimed('licence', 'spot-a')])
      .when(claim('licence', 'spot-b'))
      .thenThrows({ error: 'LICENCE_ID_TAKEN', status: 409 });
  });

  it('given a payment id claimed for one invoice, when another invoice claims it, then 409 PAYMENT_ID_EXISTS', () => {
    spec
      .given([claimed('payment', 'inv-1')])
      .when(claim('payment', 'inv-2'))
      .thenThrows({ error: 'PAYMENT_ID_EXISTS', status: 409 });
  });

  it('payment and licence ids live in separate streams: one string may be both', () => {
    expect(idClaimDecider.streamIdOf(claim('payment', 'x'))).not.toBe(idClaimDecider.streamIdOf(claim('licence', 'x')));
  });
});
