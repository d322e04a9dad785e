/**
 * SPOT rulebook data (docs/regulations.md §1, seed 000): the price list of the year (SPOT-3.1, 3.3) and
 * the parameters of tiers, licence terms and reminders. A new year's prices are a new version.
 */
export type SpotRevocationReason = 'unpaid' | 'conduct' | 'not-employed' | 'participant-expelled';

export interface SpotData {
  /** The price level the list was set at (seed: "prijspeil 2020"). */
  priceLevel: string;
  /** SPOT-3.1: annual licence fee per learner, net (SPOT-3.2: VAT is the version's rate). */
  prices: { lowRateCents: number; highRateCents: number };
  /** SPOT-3.1 / 4.2: from this many active licences the high rate applies (the "threshold of 99" is exceeded). */
  tierThreshold: number;
  /** SPOT-4.2: a crossing at least this many months before the next invoice date is surcharged at once. */
  surchargeWindowMonths: number;
  /** SPOT-6.1: the expiry reminder goes out this many days before a licence expires. */
  reminderLeadDays: number;
  /** SPOT-I1: a licence runs this many months and renews for as many. */
  licenceTermMonths: number;
  /** SPOT-1.4: coordinators per organisation/location. */
  maxCoordinatorsPerLocation: number;
  /** SPOT-6.2: the grounds on which SPOT may revoke a learner's access. */
  revocationReasons: readonly SpotRevocationReason[];
  /**
   * Days to pay a licence invoice. The seed sets no term; 30 days is the statutory term between
   * businesses when none is agreed (art. 6:119a lid 2 BW), and every participant is an organisation.
   */
  invoicePaymentTermDays: number;
  /**
   * SPOT art. 2.1: providers whose e-learning is a standard part of the licence (the complete e-Xpert VVT
   * of ExpertCollege); SPOT-2.2 allows an extra contribution only for other e-learning.
   */
  standardContentProviders: readonly string[];
}

export const SPOT_DATA_2020: SpotData = {
  priceLevel: '2020',
  prices: { lowRateCents: 3_000, highRateCents: 4_500 },
  tierThreshold: 100,
  surchargeWindowMonths: 3,
  reminderLeadDays: 30,
  licenceTermMonths: 12,
  maxCoordinatorsPerLocation: 2,
  revocationReasons: ['unpaid', 'conduct', 'not-employed', 'participant-expelled'],
  invoicePaymentTermDays: 30,
  standardContentProviders: ['ExpertCollege'],
};
