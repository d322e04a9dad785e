/**
 * Extrajudicial collection costs (docs/regulations.md §6; EXC-11 / EXC-I2; LOI-6.2-3): the statutory
 * WIK scale of the Besluit vergoeding voor buitengerechtelijke incassokosten art. 2, optionally
 * lowered by a rulebook cap, and the day from which a consumer owes them (art. 6:96 lid 6 BW).
 *
 * Interpretations taken here (proposed ids; the catalogue records them as INTERP entries):
 * - WIK-I1 rounding: the bands are summed exactly and the sum is rounded half-up to the cent once
 *   (§0 "rounded once, at the end of that one computation"), before the 40.00 / 6,775.00 bounds.
 *   Nothing owed (0.00) means no collection costs at all, not the 40.00 minimum.
 * - WIK-I2 due date: the 14-day term starts on the day after the reminder is received (HR 25
 *   November 2016, ECLI:NL:HR:2016:2704) and ends at the close of its 14th day; being a statutory
 *   term, an end on a Saturday, Sunday or Algemene termijnenwet holiday moves to the next working
 *   day (Atw art. 1 lid 1). The costs are owed from the day after that last day.
 */
import { addDays, isLocalDate, isWorkingDay, TERMIJNENWET_CALENDAR, type LocalDate } from './calendar';
import { assertCents, percentOf, type Cents } from './money';

export class CollectionCostsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CollectionCostsInputError';
  }
}

/** Rule id of the statutory scale (Besluit vergoeding voor buitengerechtelijke incassokosten art. 2). */
export const WIK_SCALE_RULE_ID = 'WIK-2';
/** The catalogue's only rulebook cap on collection costs ("at most 15 %"). */
export const LOI_COLLECTION_CAP_RULE_ID = 'LOI-6.2-3';

export const WIK_MINIMUM_CENTS: Cents = 4_000;
export const WIK_MAXIMUM_CENTS: Cents = 677_500;

/** Consecutive slices of the principal and their rate; the last slice is unbounded. */
const WIK_BANDS: ReadonlyArray<{ widthCents: number; rateBasisPoints: number }> = [
  { widthCents: 250_000, rateBasisPoints: 1_500 },
  { widthCents: 250_000, rateBasisPoints: 1_000 },
  { widthCents: 500_000, rateBasisPoints: 500 },
  { widthCents: 19_000_000, rateBasisPoints: 100 },
  { widthCents: Number.POSITIVE_INFINITY, rateBasisPoints: 50 },
];

function assertPrincipal(principalCents: Cents): void {
  assertCents(principalCents, 'principal');
  if (principalCents < 0) throw new CollectionCostsInputError(`Principal must not be negative, got ${principalCents}`);
}

/** The WIK scale amount for a principal, within [40.00, 6,775.00]; 0 when nothing is owed. */
export function wikScaleCents(principalCents: Cents): Cents {
  assertPrincipal(principalCents);
  if (principalCents === 0) return 0;
  let rest = BigInt(principalCents);
  // Sum in cent-basis-points (cents x 10,000) so the half-up rounding happens once (WIK-I1).
  let scaledCents = 0n;
  for (const band of WIK_BANDS) {
    if (rest === 0n) break;
    const slice = Number.isFinite(band.widthCents) && rest > BigInt(band.widthCents) ? BigInt(band.widthCents) : rest;
    scaledCents += slice * BigInt(band.rateBasisPoints);
    rest -= slice;
  }
  const rounded = Number((2n * scaledCents + 10_000n) / 20_000n);
  return Math.min(WIK_MAXIMUM_CENTS, Math.max(WIK_MINIMUM_CENTS, rounded));
}

/**
 * Collection costs: the WIK scale, lowered to `capBasisPoints` of the principal when a rulebook
 * sets such a cap and it is lower (LOI-6.2-3: 1,500 bp). A lower cap wins even below 40.00.
 */
export function collectionCostsCents(
  principalCents: Cents,
  options?: { capBasisPoints?: number },
): { costsCents: Cents; wikCents: Cents; capCents?: Cents; ruleIds: string[] } {
  const wikCents = wikScaleCents(principalCents);
  const capBasisPoints = options?.capBasisPoints;
  if (capBasisPoints === undefined) return { costsCents: wikCents, wikCents, ruleIds: [WIK_SCALE_RULE_ID] };
  if (!Number.isSafeInteger(capBasisPoints) || capBasisPoints < 0) {
    throw new CollectionCostsInputError(`Cap must be whole non-negative basis points, got ${capBasisPoints}`);
  }
  const capCents = percentOf(principalCents, capBasisPoints);
  if (capCents < wikCents) {
    return { costsCents: capCents, wikCents, capCents, ruleIds: [WIK_SCALE_RULE_ID, LOI_COLLECTION_CAP_RULE_ID] };
  }
  return { costsCents: wikCents, wikCents, capCents, ruleIds: [WIK_SCALE_RULE_ID] };
}

/**
 * First day a consumer owes collection costs after a reminder received on `reminderReceivedOn`
 * giving `paymentTermDays` (at least 14, art. 6:96 lid 6 BW) to pay (WIK-I2). Example: received
 * Mon 2026-03-02, term 03-03..03-16, costs owed from Tue 2026-03-17.
 */
export function collectionCostsDueFrom(reminderReceivedOn: LocalDate, paymentTermDays = 14): LocalDate {
  if (!isLocalDate(reminderReceivedOn))
    throw new CollectionCostsInputError(`Not a calendar date: ${reminderReceivedOn}`);
  if (!Number.isSafeInteger(paymentTermDays) || paymentTermDays < 14) {
    throw new CollectionCostsInputError(`A consumer must get at least 14 days to pay, got ${paymentTermDays}`);
  }
  let lastDayOfTerm = addDays(reminderReceivedOn, paymentTermDays);
  while (!isWorkingDay(lastDayOfTerm, TERMIJNENWET_CALENDAR)) lastDayOfTerm = addDays(lastDayOfTerm, 1);
  return addDays(lastDayOfTerm, 1);
}
