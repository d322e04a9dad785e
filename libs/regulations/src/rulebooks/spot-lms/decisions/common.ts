import type { Decision } from '../../../decision';
import type { RulebookVersion } from '../../../rulebook';
import type { SpotData } from '../data';

/** What a SPOT decision needs of its rulebook version: identity, data and VAT rate (SPOT-3.2). */
export type SpotBook = Pick<RulebookVersion<SpotData>, 'id' | 'version' | 'data' | 'vatRateBasisPoints'>;

export type SpotDecisionBody = Omit<Decision, 'kind' | 'rulebook' | 'decisionId'>;

export function spotDecision(book: SpotBook, kind: string, body: SpotDecisionBody): Decision {
  return { kind, rulebook: { id: book.id, version: book.version }, ...body };
}

export function cite(book: SpotBook): string {
  return `rulebook ${book.id}@${book.version}`;
}

/** Upper bound on licence counts read from inputs. */
export const MAX_LICENCES = 1_000_000;
/** Upper bound on licence lists passed in one decision. */
export const MAX_LICENCE_LIST = 100_000;
