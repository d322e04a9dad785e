/**
 * LOI rulebook data (docs/regulations.md §5, seed 004): every period, count, rate and party name the
 * decisions use. A later version of the terms is a new `LoiData` in a new version, not a code change.
 */
export interface LoiVatRegime {
  /** Invoicing entity (seed art. 1 "LOI", art. 5.3-4). */
  entity: string;
  vatRateBasisPoints: number;
}

export interface LoiData {
  /** LOI-7.1 / 7.3: calendar days. */
  withdrawal: { periodDays: number; materialsReturnDays: number; refundDays: number };
  /** LOI-9.1: service duration = factor x study duration, clamped to [minMonths, maxMonths]. */
  serviceDuration: { factor: number; minMonths: number; maxMonths: number };
  /** LOI-10. */
  modules: { activatedAtStart: number; maxActive: number };
  /** LOI-4: calendar days after the registration date (aanmelddatum). */
  mboData: { deadlineDays: number; items: readonly string[] };
  /** LOI-5.3-4. */
  vat: { recognised: LoiVatRegime; notRecognised: LoiVatRegime };
  /** LOI-6.2-3 (with §6: a consumer reminder gives at least 14 days from the day after receipt). */
  latePayment: { consumerReminderMinDays: number; collectionCostsCapBasisPoints: number };
  /** LOI-12. */
  termination: {
    /** LOI-12.2: courses of this many months or shorter cannot be terminated early. */
    maxNonTerminableStudyMonths: number;
    /** LOI-12.3-HO: at least this many months to be terminable. */
    hoMinTerminableStudyMonths: number;
    /** LOI-12.3-MBO: more than this many months to be terminable. */
    mboMaxNonTerminableStudyMonths: number;
    /** LOI-12.3-HO/MBO: study years of this many months from the start date. */
    studyYearMonths: number;
    /** LOI-12.3-HO/MBO: notice at the latest this many months before the end of the study year. */
    noticeBeforeStudyYearEndMonths: number;
    /** LOI-12.3-OV: notice period in months. */
    otherNoticeMonths: number;
  };
  /**
   * LOI-14: monthly surcharge for students abroad. The seed names the surcharge but not its
   * amount (art. 5.1: prices are in the course information), so it is null until LOI's published
   * figure is entered in a version; an offering may carry its own figure.
   */
  abroad: { monthlySurchargeCents: number | null };
  /** LOI-17: changed terms are announced at least this many calendar days before they take effect. */
  termsChange: { minimumNoticeDays: number };
}

export const LOI_DATA_2024: LoiData = {
  withdrawal: { periodDays: 14, materialsReturnDays: 14, refundDays: 14 },
  serviceDuration: { factor: 2, minMonths: 12, maxMonths: 72 },
  modules: { activatedAtStart: 2, maxActive: 5 },
  mboData: { deadlineDays: 30, items: ['diplomas', 'personalNumber', 'signedAgreement'] },
  vat: {
    recognised: { entity: 'Leidse Onderwijsinstellingen B.V.', vatRateBasisPoints: 0 },
    notRecognised: { entity: 'LOI Zakelijk B.V.', vatRateBasisPoints: 2100 },
  },
  latePayment: { consumerReminderMinDays: 14, collectionCostsCapBasisPoints: 1500 },
  termination: {
    maxNonTerminableStudyMonths: 6,
    hoMinTerminableStudyMonths: 12,
    mboMaxNonTerminableStudyMonths: 12,
    studyYearMonths: 12,
    noticeBeforeStudyYearEndMonths: 2,
    otherNoticeMonths: 3,
  },
  abroad: { monthlySurchargeCents: null },
  termsChange: { minimumNoticeDays: 10 },
};
