import type { RulebookRef } from '../../../decision';
import type { RulebookVersion } from '../../../rulebook';
import type { ExcellusData } from '../data';

/** What an Excellus decision function needs of its rulebook version. */
export type ExcellusRulebook = Pick<
  RulebookVersion<ExcellusData>,
  'id' | 'version' | 'calendar' | 'data' | 'vatRateBasisPoints'
>;

export const EXCELLUS_DECISION_KINDS = {
  cancellation: 'cancellation-fee',
  participantCountChange: 'participant-count-change',
  substitution: 'substitution',
  providerCancellation: 'provider-cancellation',
  priceChange: 'price-change',
  paymentDueDate: 'payment-due-date',
  collectionCosts: 'collection-costs',
  complaintSuspension: 'complaint-suspension',
  attendance: 'attendance-exclusion',
  examOnlyResit: 'resit',
  examResult: 'exam-result',
  materialDeliveryDeadline: 'material-delivery-deadline',
  materialDelivery: 'material-delivery',
  materialDeliveryMissed: 'material-delivery-missed',
  lateDeliveryDissolution: 'late-delivery-dissolution',
  instalmentPlan: 'instalment-plan',
  materialPayment: 'material-payment',
  materialsReturn: 'materials-return',
} as const;

export function excellusRef(rulebook: ExcellusRulebook): RulebookRef {
  return { id: rulebook.id, version: rulebook.version };
}
