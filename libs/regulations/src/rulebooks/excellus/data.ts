/**
 * Excellus Academie algemene voorwaarden — rulebook data (seed 003, docs/regulations.md §4). Every
 * band, period and amount the decision functions use lives here.
 */
import type { Cents } from '../../money';

export const EXCELLUS_OFFERING_KINDS = ['contact-course', 'exam-only', 'e-learning', 'material'] as const;
export type ExcellusOfferingKind = (typeof EXCELLUS_OFFERING_KINDS)[number];

export const EXCELLUS_CUSTOMER_KINDS = ['consumer', 'business'] as const;
export type ExcellusCustomerKind = (typeof EXCELLUS_CUSTOMER_KINDS)[number];

/** A cancellation band of EXC-4.1: it applies when the cancellation date <= start minus `beforeStart`. */
export interface ExcellusContactCourseBand {
  id: string;
  beforeStart: { months: number } | { days: number };
  feeBasisPoints: number;
  /** The interpretation that creates or fixes this band (EXC-I1). */
  interpretationId?: string;
}

/** When statutory interest starts to run once the reminder term has passed (EXC-11; see index.ts). */
export type ExcellusInterestStart = 'after-reminder-term' | 'from-default';

export interface ExcellusData {
  coolingOff: {
    /** EXC-4.2: free cancellation up to 14 days after the registration date (the sending date counts). */
    days: number;
  };
  contactCourse: {
    /** EXC-4.1 bands, earliest first; the first whose last day is not before the cancellation date applies. */
    bands: readonly ExcellusContactCourseBand[];
    /** EXC-4.1: later than every band (less than 2 weeks before the start, or after it). */
    laterFeeBasisPoints: number;
  };
  group: {
    /** EXC-4.1*: the number of participants may change until 3 months before the start. */
    participantCountChangeMonthsBeforeStart: number;
  };
  examOnly: {
    /** EXC-4.3: up to 6 weeks (42 days) before the start only administration costs (+ e-learning). */
    reducedFeeDaysBeforeStart: number;
    /** Administration costs charged (the offering may state a lower amount). */
    adminCostsCents: Cents;
    /** EXC-4.3: administration costs are at most 50.00. */
    adminCostsCapCents: Cents;
  };
  material: {
    /** EXC-4.5: 14 days to dissolve, from the day after receipt. */
    withdrawalDays: number;
    /** EXC-8.1: standard material bought without education is delivered within 30 days. */
    deliveryDays: number;
    /** EXC-10.4: at most half of the price of material bought alone may be required in advance. */
    maxPrepaymentBasisPoints: number;
  };
  priceChange: {
    /** EXC-7.1-2: a change within 3 months after the agreement (before start) has no effect. */
    noEffectMonthsAfterAgreement: number;
  };
  payment: {
    /** EXC-10.3: the full amount may be required 10 days before the start. */
    dueDaysBeforeStart: number;
    /** EXC-11: a free reminder gives 14 more days. */
    reminderTermDays: number;
    interestStarts: ExcellusInterestStart;
  };
  collectionCosts: {
    /** EXC-11 states the scale up to 10,000.00; above it EXC-I2 continues the statutory (WIK) scale. */
    seedScaleCeilingCents: Cents;
    /** EXC-11: minimum 40.00. */
    minimumCents: Cents;
    /** A contractual cap below the WIK scale, in basis points of the principal (none for Excellus). */
    capBasisPoints: number | null;
  };
  attendance: {
    /** EXC-13: more than 15 minutes late: entry refused, no refund. */
    maxMinutesLate: number;
  };
  examOnlyResit: {
    /** EXC-8.2: one free resit. */
    freeResits: number;
    resitFeeCents: Cents;
    /** EXC-8.2: within 6 weeks if at all possible ... */
    targetDays: number;
    /** ... and in any case within 8 weeks. */
    limitDays: number;
  };
}

export const EXCELLUS_DATA_2024: ExcellusData = Object.freeze({
  coolingOff: Object.freeze({ days: 14 }),
  contactCourse: Object.freeze({
    bands: Object.freeze([
      Object.freeze({ id: 'up-to-2-months', beforeStart: Object.freeze({ months: 2 }), feeBasisPoints: 3_000 }),
      Object.freeze({ id: '2-months-to-1-month', beforeStart: Object.freeze({ months: 1 }), feeBasisPoints: 6_000 }),
      Object.freeze({
        id: '1-month-to-2-weeks',
        beforeStart: Object.freeze({ days: 14 }),
        feeBasisPoints: 6_000,
        interpretationId: 'EXC-I1',
      }),
    ]),
    laterFeeBasisPoints: 8_000,
  }),
  group: Object.freeze({ participantCountChangeMonthsBeforeStart: 3 }),
  examOnly: Object.freeze({ reducedFeeDaysBeforeStart: 42, adminCostsCents: 5_000, adminCostsCapCents: 5_000 }),
  material: Object.freeze({ withdrawalDays: 14, deliveryDays: 30, maxPrepaymentBasisPoints: 5_000 }),
  priceChange: Object.freeze({ noEffectMonthsAfterAgreement: 3 }),
  payment: Object.freeze({
    dueDaysBeforeStart: 10,
    reminderTermDays: 14,
    interestStarts: 'after-reminder-term' as const,
  }),
  collectionCosts: Object.freeze({ seedScaleCeilingCents: 1_000_000, minimumCents: 4_000, capBasisPoints: null }),
  attendance: Object.freeze({ maxMinutesLate: 15 }),
  examOnlyResit: Object.freeze({ freeResits: 1, resitFeeCents: 0, targetDays: 42, limitDays: 56 }),
});
