/**
 * LOI-17: changed terms announced at least 10 calendar days ahead, published through the API as a
 * new version of the rulebook with the same rules and the figures the change sets.
 */
import { parseActDetails, type VersionPublishingAct } from '../../../contract';
import type { LocalDate } from '../../../calendar';
import type { RulebookVersion } from '../../../rulebook';
import type { LoiData } from '../data';
import type { LoiBook } from '../decisions/common';
import {
  LOI_CHANGEABLE_TERMS,
  loiDataAfterChange,
  loiTermsChangeNotice,
  type LoiChangeableTerm,
  type LoiTermChanges,
} from '../decisions/terms-change';
import { LoiTermsChangeDetails } from '../schemas';

function changesOf(details: LoiTermsChangeDetails): LoiTermChanges {
  const changes: LoiTermChanges = {};
  for (const key of Object.keys(LOI_CHANGEABLE_TERMS) as LoiChangeableTerm[])
    if (details[key] !== undefined) changes[key] = details[key];
  return changes;
}

export function loiPublishingAct(
  book: LoiBook,
  versionOf: (options: { version: string; effectiveFrom: LocalDate; data: LoiData }) => RulebookVersion,
): VersionPublishingAct {
  return {
    detailsSchema: LoiTermsChangeDetails,
    decide({ version, effectiveFrom, publishedAt, details }) {
      const d = parseActDetails(LoiTermsChangeDetails, details);
      return loiTermsChangeNotice(book, {
        version,
        effectiveFrom,
        publishedAt,
        noticeChannel: d.noticeChannel,
        summary: d.summary,
        changes: changesOf(d),
      });
    },
    build({ version, effectiveFrom, details }) {
      const d = parseActDetails(LoiTermsChangeDetails, details);
      return versionOf({ version, effectiveFrom, data: loiDataAfterChange(book.data, changesOf(d)) });
    },
  };
}
