import type { Decision } from '../../../decision';
import type { RulebookVersion } from '../../../rulebook';
import type { LoiData } from '../data';

/** What an LOI decision needs of its rulebook version: identity and data. */
export type LoiBook = Pick<RulebookVersion<LoiData>, 'id' | 'version' | 'data' | 'vatRateBasisPoints'>;

export type LoiDecisionBody = Omit<Decision, 'kind' | 'rulebook' | 'decisionId'>;

export function loiDecision(book: LoiBook, kind: string, body: LoiDecisionBody): Decision {
  return { kind, rulebook: { id: book.id, version: book.version }, ...body };
}

/** "loi@2024-01-01", for explanations. */
export function cite(book: LoiBook): string {
  return `rulebook ${book.id}@${book.version}`;
}

export type LoiLevel = 'hbo' | 'mbo' | 'other';
export const LOI_LEVELS: readonly LoiLevel[] = ['hbo', 'mbo', 'other'];
export type CustomerKind = 'consumer' | 'business';
export const CUSTOMER_KINDS: readonly CustomerKind[] = ['consumer', 'business'];

/** Upper bound on study months read from inputs (the longest LOI courses run a few years). */
export const MAX_STUDY_MONTHS = 240;
