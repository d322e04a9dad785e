import type { ActDetails, LocalDate } from '@ledger/regulations';

export interface PublishRulebookVersion {
  type: 'PublishRulebookVersion';
  rulebookId: string;
  version: string;
  effectiveFrom: LocalDate;
  /** Business time of the publication (the announcement). */
  publishedAt: string;
  details: ActDetails;
}

export type RulebookVersionCommand = PublishRulebookVersion;
