/**
 * VLI (Vertex Learning Institute) huishoudelijk reglement — rulebook data (seed 002,
 * docs/regulations.md §3). Every threshold the decision functions use lives here, so a later version
 * of the reglement is a new data object, not new code.
 */
import type { Cents } from '../../money';

export const VLI_EXAM_TYPES = ['standard', 'ilt-dangerous-goods'] as const;
export type VliExamType = (typeof VLI_EXAM_TYPES)[number];

/** Cancellation reasons as the API sends them (POST /enrolments/{id}/cancellations). */
export const VLI_CANCELLATION_REASONS = ['regular', 'illness', 'death', 'hospitalisation'] as const;
export type VliCancellationReason = (typeof VLI_CANCELLATION_REASONS)[number];

export interface VliData {
  cancellation: {
    /** VLI-2.3: a regular cancellation at least this many hours before the start is free. */
    regularMinHoursBeforeStart: number;
    /** VLI-2.3: sickness notice must be given before this local time on the training day (and before the start). */
    sicknessNoticeBefore: { hour: number; minute: number };
    /** Reasons that count as sickness ("ziekte") for the 09:00 rule. */
    sicknessReasons: readonly VliCancellationReason[];
    onTimeFeeBasisPoints: number;
    lateFeeBasisPoints: number;
  };
  admission: {
    /** VLI-2.1: security courses need a valid VOG as well as ID. */
    securityCourseRequiresVog: boolean;
  };
  exam: {
    /** VLI-4.3a pass marks in basis points (8000 = 80 %); a score passes when score/max >= mark. */
    passMarkBasisPoints: {
      standard: number;
      iltDangerousGoods: number;
      iltDangerousGoodsERecognitionHolder: number;
    };
  };
  resit: {
    /** VLI-4.3b: resits allowed without redoing the training. */
    maxResits: number;
    /** VLI-4.3b: "depending on the exam, extra costs may be charged" — per exam type, default 0. */
    feeCentsByExamType: Readonly<Record<VliExamType, Cents>>;
  };
  complaints: {
    /** VLI-6.2: complaint filed within 3 weeks of the incident. */
    filingWindowDays: number;
    /** VLI-6.2: acknowledgement by e-mail within 5 working days. */
    acknowledgementWorkingDays: number;
    /** VLI-6.2: investigation completed within 2 weeks of being declared well-founded. */
    investigationDays: number;
  };
  retention: {
    /** VLI-5.2: former learners' name and e-mail kept 10 years. */
    formerLearnerContactYears: number;
  };
}

export const VLI_DATA_2024: VliData = Object.freeze({
  cancellation: Object.freeze({
    regularMinHoursBeforeStart: 48,
    sicknessNoticeBefore: Object.freeze({ hour: 9, minute: 0 }),
    sicknessReasons: Object.freeze(['illness', 'hospitalisation'] as const),
    onTimeFeeBasisPoints: 0,
    lateFeeBasisPoints: 10_000,
  }),
  admission: Object.freeze({ securityCourseRequiresVog: true }),
  exam: Object.freeze({
    passMarkBasisPoints: Object.freeze({
      standard: 8_000,
      iltDangerousGoods: 7_000,
      iltDangerousGoodsERecognitionHolder: 9_000,
    }),
  }),
  resit: Object.freeze({
    maxResits: 1,
    feeCentsByExamType: Object.freeze({ standard: 0, 'ilt-dangerous-goods': 0 }),
  }),
  complaints: Object.freeze({ filingWindowDays: 21, acknowledgementWorkingDays: 5, investigationDays: 14 }),
  retention: Object.freeze({ formerLearnerContactYears: 10 }),
});
