/**
 * SPOT prices beyond the licence fee: the yearly price list published as a new rulebook version
 * (SPOT-3.3) and the extra contribution for e-learning shared through the LMS beyond the standard
 * offer of the licence (art. 2.1, SPOT-2.2).
 */
import { compareDates, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { feeMoneyText, feeOnNet, RuleViolation, type Decision } from '../../../decision';
import { formatEuro, type Cents } from '../../../money';
import { cite, spotDecision, type SpotBook } from './common';
import { asJson, readCents, readDate, readOptionalString, readString, readTime, SpotInputError } from './inputs';

// ---------------------------------------------------------------- SPOT-3.3 the yearly price list

export interface SpotPriceListInput {
  /** The new version's name. */
  version: string;
  effectiveFrom: LocalDate;
  /** Business time of the publication. */
  publishedAt: Instant | LocalDate;
  /** The price level the list is set at (default: the year it takes effect). */
  priceLevel?: string | null;
  lowRateCents: Cents;
  highRateCents: Cents;
}

/**
 * SPOT-3.3: the board sets the licence prices each year. A new price list is a new version of the
 * rulebook, in force from `effectiveFrom`; it cannot take effect before it is published, because
 * decisions already recorded were priced by the list then in force.
 */
export function spotPriceListPublication(book: SpotBook, input: SpotPriceListInput): Decision {
  const raw = asJson(input);
  const version = readString(raw, 'version');
  const effectiveFrom = readDate(raw, 'effectiveFrom');
  const publishedAt = readTime(raw, 'publishedAt');
  const lowRateCents = readCents(raw, 'lowRateCents');
  const highRateCents = readCents(raw, 'highRateCents');
  const priceLevel = readOptionalString(raw, 'priceLevel') ?? effectiveFrom.slice(0, 4);
  const publishedOn = toLocalDate(publishedAt);
  if (compareDates(effectiveFrom, publishedOn) < 0)
    throw new RuleViolation(
      'PRICE_LIST_BACKDATED',
      'SPOT-3.3',
      `A price list published on ${publishedOn} cannot take effect before it, on ${effectiveFrom}: licences already invoiced were priced by the list then in force`,
      { publishedOn, effectiveFrom },
    );
  if (highRateCents < lowRateCents)
    throw new SpotInputError(
      `input highRateCents: the rate from the tier threshold (${highRateCents}) is below the low rate (${lowRateCents})`,
    );
  const previous = book.data.prices;
  return spotDecision(book, 'price-list-publication', {
    ruleIds: ['SPOT-3.3'],
    interpretationIds: [],
    inputs: {
      version,
      effectiveFrom,
      publishedAt,
      publishedOn,
      priceLevel,
      lowRateCents,
      highRateCents,
      previousPriceLevel: book.data.priceLevel,
      previousLowRateCents: previous.lowRateCents,
      previousHighRateCents: previous.highRateCents,
    },
    allowed: true,
    deadlines: { effectiveFrom },
    explanation:
      `Price list ${priceLevel} published ${publishedOn} as version ${version}, in force from ${effectiveFrom}: ` +
      `${formatEuro(previous.lowRateCents)} / ${formatEuro(previous.highRateCents)} per licence become ` +
      `${formatEuro(lowRateCents)} / ${formatEuro(highRateCents)} (SPOT-3.3, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- SPOT-2.2 extra contribution

export interface SpotExtraContributionInput {
  participantId: string;
  /** The learner's licence the contribution gives access for; absent: for the participant as a whole. */
  licenceId?: string | null;
  courseId: string;
  /** Who made the e-learning (SPOT itself, the participant, or another provider). */
  courseProvider: string;
  /** The contribution SPOT asks (net; SPOT-3.2: the version's VAT rate applies). */
  contributionCents: Cents;
  chargedAt: Instant | LocalDate;
}

const normalised = (provider: string): string => provider.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * SPOT-2.2: e-learning of SPOT's own or of a provider other than ExpertCollege may be shared through
 * the LMS, possibly for an extra contribution. The standard offer (art. 2.1) is part of the licence:
 * a contribution for it is refused.
 */
export function spotExtraContribution(book: SpotBook, input: SpotExtraContributionInput): Decision {
  const raw = asJson(input);
  const participantId = readString(raw, 'participantId');
  const licenceId = readOptionalString(raw, 'licenceId');
  const courseId = readString(raw, 'courseId');
  const courseProvider = readString(raw, 'courseProvider');
  const contributionCents = readCents(raw, 'contributionCents');
  const chargedAt = readTime(raw, 'chargedAt');
  if (contributionCents === 0) throw new SpotInputError('input contributionCents: a contribution is at least 0.01');
  const standard = book.data.standardContentProviders.find((p) => normalised(p) === normalised(courseProvider));
  if (standard !== undefined)
    throw new RuleViolation(
      'CONTRIBUTION_FOR_STANDARD_OFFER',
      'SPOT-2.2',
      `The e-learning of ${standard} is a standard part of the licence: no extra contribution (art. 2.1; SPOT-2.2 concerns other e-learning)`,
      { courseId, courseProvider },
    );
  const fee = feeOnNet(contributionCents, book.vatRateBasisPoints);
  return spotDecision(book, 'extra-contribution', {
    ruleIds: ['SPOT-2.2'],
    interpretationIds: [],
    inputs: {
      participantId,
      licenceId,
      courseId,
      courseProvider,
      contributionCents,
      chargedAt,
      standardContentProviders: [...book.data.standardContentProviders],
      vatRateBasisPoints: book.vatRateBasisPoints,
    },
    ...fee,
    allowed: true,
    explanation:
      `Extra contribution for ${courseProvider} e-learning ${courseId} shared through the LMS` +
      `${licenceId ? ` (licence ${licenceId})` : ''}, charged ${toLocalDate(chargedAt)}: ${feeMoneyText(fee)} ` +
      `(SPOT-2.2, ${cite(book)})`,
  });
}
