/**
 * SPOT-3.3: the board sets the licence prices each year. A price list published through the API
 * becomes a new version of the rulebook with the same rules and the new prices.
 */
import { parseActDetails, type VersionPublishingAct } from '../../../contract';
import type { LocalDate } from '../../../calendar';
import type { RulebookVersion } from '../../../rulebook';
import type { SpotData } from '../data';
import type { SpotBook } from '../decisions/common';
import { spotPriceListPublication } from '../decisions/prices';
import { SpotPriceListDetails } from '../schemas';

export function spotLmsPublishingAct(
  book: SpotBook,
  versionOf: (options: { version: string; effectiveFrom: LocalDate; data: SpotData }) => RulebookVersion,
): VersionPublishingAct {
  return {
    detailsSchema: SpotPriceListDetails,
    decide({ version, effectiveFrom, publishedAt, details }) {
      const d = parseActDetails(SpotPriceListDetails, details);
      return spotPriceListPublication(book, {
        version,
        effectiveFrom,
        publishedAt,
        priceLevel: d.priceLevel ?? null,
        lowRateCents: d.lowRateCents,
        highRateCents: d.highRateCents,
      });
    },
    build({ version, effectiveFrom, details }) {
      const d = parseActDetails(SpotPriceListDetails, details);
      return versionOf({
        version,
        effectiveFrom,
        data: {
          ...book.data,
          priceLevel: d.priceLevel ?? effectiveFrom.slice(0, 4),
          prices: { lowRateCents: d.lowRateCents, highRateCents: d.highRateCents },
        },
      });
    },
  };
}
