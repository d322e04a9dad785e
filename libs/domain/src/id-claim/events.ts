/**
 * Ids that are unique across streams (D54): a licence id routes `POST /licences/{id}/...` to one
 * participant, a payment id routes a reversal to one invoice. The owning streams cannot see each
 * other, so the first owner claims the id in a stream of its own, `id-claim-<kind>-<id>`, appended
 * with "no stream yet": of two owners claiming one id at the same moment, exactly one wins.
 */
import type { DomainEvent } from '../shared/decider';

export type ClaimedIdKind = 'licence' | 'payment';

export const ID_CLAIM_STREAM_PREFIX = 'id-claim-';

export const idClaimStreamId = (kind: ClaimedIdKind, id: string): string => `${ID_CLAIM_STREAM_PREFIX}${kind}-${id}`;

export type IdClaimed = DomainEvent<
  'IdClaimed',
  {
    kind: ClaimedIdKind;
    id: string;
    /** The participant (licence ids) or the invoice (payment ids) the id belongs to. */
    ownerId: string;
  }
>;

export type IdClaimEvent = IdClaimed;
