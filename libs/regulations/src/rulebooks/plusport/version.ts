/**
 * PlusPort rulebook versions. A version is data plus the decision functions bound to it; a later
 * version is `createPlusportVersion({...}, newData)` and the same code decides under its data.
 */
import { TERMIJNENWET_CALENDAR } from '../../calendar';
import type { WorkingDayCalendar, LocalDate } from '../../calendar';
import type { DecisionFunction } from '../../decision';
import type { RulebookVersion } from '../../rulebook';
import type { PlusportRulebook } from './decisions/common';
import { plusportEnrolmentActs } from './acts/enrolment';
import { PLUSPORT_DATA_2024 } from './data';
import { plusportFinanceActs } from './acts/finance';
import type { PlusportData } from './decisions/types';
import {
  PLUSPORT_CANCELLATION_EVIDENCE_KIND,
  PLUSPORT_CANCELLATION_KIND,
  plusportCancellationEvidenceFromJson,
  plusportCancellationFromJson,
} from './decisions/cancellation';
import {
  PLUSPORT_COLLEAGUE_SWAP_KIND,
  PLUSPORT_RESCHEDULE_KIND,
  plusportColleagueSwapFromJson,
  plusportRescheduleFromJson,
} from './decisions/reschedule';
import {
  PLUSPORT_FORCE_MAJEURE_KIND,
  PLUSPORT_INVOICE_DUE_DATE_KIND,
  PLUSPORT_LATE_PAYMENT_KIND,
  PLUSPORT_PRICE_CHANGE_KIND,
  PLUSPORT_PROVIDER_CANCELLATION_KIND,
  PLUSPORT_SUSPENSION_KIND,
  plusportForceMajeureFromJson,
  plusportInvoiceDueDateFromJson,
  plusportLatePaymentFromJson,
  plusportPriceChangeFromJson,
  plusportProviderCancellationFromJson,
  plusportSuspensionFromJson,
} from './decisions/billing';
import {
  PLUSPORT_ATTENDANCE_KIND,
  PLUSPORT_CERTIFICATE_KIND,
  PLUSPORT_COMPLAINT_KIND,
  PLUSPORT_EXAM_RESULT_KIND,
  plusportAttendanceFromJson,
  plusportCertificateFromJson,
  plusportComplaintFromJson,
  plusportExamResultFromJson,
} from './decisions/participation';
import {
  PLUSPORT_DELIVERY_DEADLINE_KIND,
  PLUSPORT_DELIVERY_KIND,
  PLUSPORT_DELIVERY_MISSED_KIND,
  plusportDeliveryFromJson,
  plusportDeliveryMissedFromJson,
  plusportDeliveryDeadlineFromJson,
} from './decisions/deliveries';
import {
  PLUSPORT_FORCE_MAJEURE_NEW_DATE_KIND,
  PLUSPORT_NON_PAYMENT_DISSOLUTION_KIND,
  plusportForceMajeureNewDateFromJson,
  plusportNonPaymentDissolutionFromJson,
} from './decisions/agreement';

/** Every decision kind a PlusPort version registers. */
export const PLUSPORT_DECISION_KINDS = [
  PLUSPORT_CANCELLATION_KIND,
  PLUSPORT_CANCELLATION_EVIDENCE_KIND,
  PLUSPORT_RESCHEDULE_KIND,
  PLUSPORT_COLLEAGUE_SWAP_KIND,
  PLUSPORT_PROVIDER_CANCELLATION_KIND,
  PLUSPORT_FORCE_MAJEURE_KIND,
  PLUSPORT_PRICE_CHANGE_KIND,
  PLUSPORT_INVOICE_DUE_DATE_KIND,
  PLUSPORT_LATE_PAYMENT_KIND,
  PLUSPORT_SUSPENSION_KIND,
  PLUSPORT_ATTENDANCE_KIND,
  PLUSPORT_EXAM_RESULT_KIND,
  PLUSPORT_CERTIFICATE_KIND,
  PLUSPORT_COMPLAINT_KIND,
  PLUSPORT_DELIVERY_DEADLINE_KIND,
  PLUSPORT_DELIVERY_KIND,
  PLUSPORT_DELIVERY_MISSED_KIND,
  PLUSPORT_NON_PAYMENT_DISSOLUTION_KIND,
  PLUSPORT_FORCE_MAJEURE_NEW_DATE_KIND,
] as const;
export type PlusportDecisionKind = (typeof PLUSPORT_DECISION_KINDS)[number];

export interface PlusportVersionMeta {
  version: string;
  effectiveFrom: LocalDate;
  vatRateBasisPoints: number;
  calendar: WorkingDayCalendar;
}

export function createPlusportVersion(meta: PlusportVersionMeta, data: PlusportData): RulebookVersion<PlusportData> {
  const rb: Omit<RulebookVersion<PlusportData>, 'decisions' | 'acts'> & PlusportRulebook = Object.freeze({
    id: 'plusport' as const,
    ...meta,
    data,
  });
  const decisions: Record<PlusportDecisionKind, DecisionFunction> = {
    [PLUSPORT_CANCELLATION_KIND]: (inputs) => plusportCancellationFromJson(rb, inputs),
    [PLUSPORT_CANCELLATION_EVIDENCE_KIND]: (inputs) => plusportCancellationEvidenceFromJson(rb, inputs),
    [PLUSPORT_RESCHEDULE_KIND]: (inputs) => plusportRescheduleFromJson(rb, inputs),
    [PLUSPORT_COLLEAGUE_SWAP_KIND]: (inputs) => plusportColleagueSwapFromJson(rb, inputs),
    [PLUSPORT_PROVIDER_CANCELLATION_KIND]: (inputs) => plusportProviderCancellationFromJson(rb, inputs),
    [PLUSPORT_FORCE_MAJEURE_KIND]: (inputs) => plusportForceMajeureFromJson(rb, inputs),
    [PLUSPORT_PRICE_CHANGE_KIND]: (inputs) => plusportPriceChangeFromJson(rb, inputs),
    [PLUSPORT_INVOICE_DUE_DATE_KIND]: (inputs) => plusportInvoiceDueDateFromJson(rb, inputs),
    [PLUSPORT_LATE_PAYMENT_KIND]: (inputs) => plusportLatePaymentFromJson(rb, inputs),
    [PLUSPORT_SUSPENSION_KIND]: (inputs) => plusportSuspensionFromJson(rb, inputs),
    [PLUSPORT_ATTENDANCE_KIND]: (inputs) => plusportAttendanceFromJson(rb, inputs),
    [PLUSPORT_EXAM_RESULT_KIND]: (inputs) => plusportExamResultFromJson(rb, inputs),
    [PLUSPORT_CERTIFICATE_KIND]: (inputs) => plusportCertificateFromJson(rb, inputs),
    [PLUSPORT_COMPLAINT_KIND]: (inputs) => plusportComplaintFromJson(rb, inputs),
    [PLUSPORT_DELIVERY_DEADLINE_KIND]: (inputs) => plusportDeliveryDeadlineFromJson(rb, inputs),
    [PLUSPORT_DELIVERY_KIND]: (inputs) => plusportDeliveryFromJson(rb, inputs),
    [PLUSPORT_DELIVERY_MISSED_KIND]: (inputs) => plusportDeliveryMissedFromJson(rb, inputs),
    [PLUSPORT_NON_PAYMENT_DISSOLUTION_KIND]: (inputs) => plusportNonPaymentDissolutionFromJson(rb, inputs),
    [PLUSPORT_FORCE_MAJEURE_NEW_DATE_KIND]: (inputs) => plusportForceMajeureNewDateFromJson(rb, inputs),
  };
  return Object.freeze({
    ...rb,
    decisions: Object.freeze(decisions),
    acts: { enrolment: plusportEnrolmentActs(rb), finance: plusportFinanceActs(rb) },
  });
}

/** plusport@2024-01-01: docs/regulations.md §2, prices excl. 21 % VAT, Algemene termijnenwet calendar. */
export const PLUSPORT_2024: RulebookVersion<PlusportData> = createPlusportVersion(
  { version: '2024-01-01', effectiveFrom: '2024-01-01', vatRateBasisPoints: 2100, calendar: TERMIJNENWET_CALENDAR },
  PLUSPORT_DATA_2024,
);
