/**
 * New versions of a rulebook published through the API (docs/architecture.md, "Published rulebook
 * versions"): one stream per rulebook holds its publications; every process that opens the log
 * registers them in its registry, so decisions under a published version verify after a restart.
 */
import type { ActDetails, Decision, LocalDate } from '@ledger/regulations';
import type { DomainEvent } from '../shared/decider';

export const RULEBOOK_VERSION_STREAM_PREFIX = 'rulebook-versions-';
export const rulebookVersionStreamId = (rulebookId: string): string => `${RULEBOOK_VERSION_STREAM_PREFIX}${rulebookId}`;

export type RulebookVersionPublished = DomainEvent<
  'RulebookVersionPublished',
  {
    rulebookId: string;
    version: string;
    effectiveFrom: LocalDate;
    /** The version the published one was made from (the one that took effect last). */
    basedOn: string;
    publishedAt: string;
    /** The published data, as the book's schema validated it. */
    details: ActDetails;
    /** The rulebook's decision that the version may be published so. */
    decision: Decision;
  }
>;

export type RulebookVersionEvent = RulebookVersionPublished;
