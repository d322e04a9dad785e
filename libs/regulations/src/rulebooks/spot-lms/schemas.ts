/**
 * Input schemas of SPOT's book-specific facts: the published price list (SPOT-3.3). The same
 * classes validate the details (parseActDetails) and document them in OpenAPI.
 */
import { IsDefined, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Far above any licence fee; bounds typos. */
const MAX_RATE_CENTS = 1_000_000;

/** SPOT-3.3: a new yearly price list (the two rates of SPOT-3.1, net). */
export class SpotPriceListDetails {
  /** SPOT-3.1: the annual fee per licence below the tier threshold (net). */
  @IsDefined({ message: 'lowRateCents is required (SPOT-3.3: the new annual fee below the tier threshold)' })
  @IsInt()
  @Min(0)
  @Max(MAX_RATE_CENTS)
  lowRateCents!: number;

  /** SPOT-3.1: the annual fee per licence from the tier threshold (net). */
  @IsDefined({ message: 'highRateCents is required (SPOT-3.3: the new annual fee from the tier threshold)' })
  @IsInt()
  @Min(0)
  @Max(MAX_RATE_CENTS)
  highRateCents!: number;

  /** The price level the list is set at, e.g. "2027" (default: the year it takes effect). */
  @IsOptional()
  @IsString()
  @Length(1, 20)
  @Matches(/^[0-9A-Za-z .-]+$/, { message: 'priceLevel must be letters, digits, spaces, dots or dashes' })
  priceLevel?: string;
}
