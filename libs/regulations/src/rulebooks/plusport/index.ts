/**
 * PlusPort rulebook (`plusport`, docs/regulations.md §2, seed 001). Typed decision functions
 * (`decidePlusport*`) and the same decisions registered by kind on each version for
 * `registry.recompute`. Every export is prefixed: rulebooks/index.ts re-exports all rulebooks.
 */
import type { RulebookVersion } from '../../rulebook';
import { PLUSPORT_2024 } from './version';

export * from './decisions/types';
export { PLUSPORT_DATA_2024 } from './data';
export { PlusportInputError } from './decisions/json';
export type { PlusportRulebook } from './decisions/common';
export {
  PLUSPORT_CANCELLATION_KIND,
  PLUSPORT_CANCELLATION_EVIDENCE_KIND,
  decidePlusportCancellation,
  decidePlusportCancellationEvidence,
} from './decisions/cancellation';
export {
  PLUSPORT_RESCHEDULE_KIND,
  PLUSPORT_COLLEAGUE_SWAP_KIND,
  decidePlusportReschedule,
  decidePlusportColleagueSwap,
} from './decisions/reschedule';
export {
  PLUSPORT_PROVIDER_CANCELLATION_KIND,
  PLUSPORT_FORCE_MAJEURE_KIND,
  PLUSPORT_PRICE_CHANGE_KIND,
  PLUSPORT_INVOICE_DUE_DATE_KIND,
  PLUSPORT_LATE_PAYMENT_KIND,
  PLUSPORT_SUSPENSION_KIND,
  decidePlusportProviderCancellation,
  decidePlusportForceMajeureRefund,
  decidePlusportPriceChange,
  decidePlusportInvoiceDueDate,
  decidePlusportLatePayment,
  decidePlusportSuspension,
} from './decisions/billing';
export {
  PLUSPORT_ATTENDANCE_KIND,
  PLUSPORT_EXAM_RESULT_KIND,
  PLUSPORT_CERTIFICATE_KIND,
  PLUSPORT_COMPLAINT_KIND,
  decidePlusportAttendance,
  decidePlusportExamResult,
  decidePlusportCertificate,
  decidePlusportComplaint,
} from './decisions/participation';
export {
  PLUSPORT_DELIVERABLES,
  PLUSPORT_DELIVERY_DEADLINE_KIND,
  PLUSPORT_DELIVERY_KIND,
  PLUSPORT_DELIVERY_MISSED_KIND,
  decidePlusportDelivery,
  decidePlusportDeliveryDeadline,
  decidePlusportDeliveryMissed,
} from './decisions/deliveries';
export {
  PLUSPORT_FORCE_MAJEURE_NEW_DATE_KIND,
  PLUSPORT_NON_PAYMENT_DISSOLUTION_KIND,
  decidePlusportForceMajeureNewDate,
  decidePlusportNonPaymentDissolution,
} from './decisions/agreement';
export { PLUSPORT_DECISION_KINDS, PLUSPORT_2024, createPlusportVersion } from './version';
export type { PlusportDecisionKind, PlusportVersionMeta } from './version';

/** Every PlusPort rulebook version, oldest first. */
export const plusportVersions: RulebookVersion[] = [PLUSPORT_2024];
