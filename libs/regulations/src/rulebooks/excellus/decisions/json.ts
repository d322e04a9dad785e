/**
 * JSON entry points of the Excellus decision functions (registry.recompute): each reads only the
 * raw facts from a decision's recorded inputs and derives every figure afresh.
 */
import type { DecisionFunction, JsonValue } from '../../../decision';
import { excellusDeliveryDecisionFunctions } from './delivery';
import { excellusGroupDecisionFunctions } from './group';
import { excellusPaymentPlanDecisionFunctions } from './payment-plan';
import { excellusMaterialsReturnDecisionFunctions } from './materials-return';
import {
  omitUndefined,
  readBoolean,
  readInstant,
  readInstantOrDate,
  readInteger,
  readLocalDate,
  readOneOf,
  readOptionalBoolean,
  readOptionalInstant,
  readOptionalInstantOrDate,
  readOptionalInteger,
  readOptionalLocalDate,
  readOptionalString,
  readString,
} from '../../vli/decisions/decision-inputs';
import type { JsonInputs } from '../../vli/decisions/decision-inputs';
import {
  EXCELLUS_ATTENDANCE_REASONS,
  decideExcellusAttendance,
  decideExcellusExamResult,
  decideExcellusResit,
} from './attendance';
import type { ExcellusAttendanceInput, ExcellusExamResultInput, ExcellusResitInput } from './attendance';
import { readingsOfRecordedInputs } from '../../../contract/readings';
import {
  EXCELLUS_READINGS,
  decideExcellusCancellation,
  decideExcellusProviderCancellation,
  decideExcellusSubstitution,
} from './cancellation';
import type {
  ExcellusCancellationInput,
  ExcellusProviderCancellationInput,
  ExcellusSubstitutionInput,
} from './cancellation';
import { EXCELLUS_DECISION_KINDS } from './common';
import type { ExcellusRulebook } from './common';
import { EXCELLUS_CUSTOMER_KINDS, EXCELLUS_OFFERING_KINDS } from '../data';
import {
  decideExcellusCollectionCosts,
  decideExcellusComplaintSuspension,
  decideExcellusPaymentDueDate,
  decideExcellusPriceChange,
} from './payment';
import type {
  ExcellusCollectionCostsInput,
  ExcellusComplaintSuspensionInput,
  ExcellusPaymentDueDateInput,
  ExcellusPriceChangeInput,
} from './payment';

export function parseExcellusCancellationInput(inputs: JsonInputs): ExcellusCancellationInput {
  return {
    offeringKind: readOneOf(inputs, 'offeringKind', EXCELLUS_OFFERING_KINDS),
    customerKind: readOneOf(inputs, 'customerKind', EXCELLUS_CUSTOMER_KINDS),
    registeredAt: readInstantOrDate(inputs, 'registeredAt'),
    requestedAt: readInstantOrDate(inputs, 'requestedAt'),
    priceCents: readInteger(inputs, 'priceCents'),
    paidCents: readInteger(inputs, 'paidCents'),
    ...omitUndefined({
      group: readOptionalBoolean(inputs, 'group'),
      startsAt: readOptionalInstantOrDate(inputs, 'startsAt'),
      adminCostsCents: readOptionalInteger(inputs, 'adminCostsCents'),
      eLearningUsed: readOptionalBoolean(inputs, 'eLearningUsed'),
      eLearningCostCents: readOptionalInteger(inputs, 'eLearningCostCents'),
      credentialsIssuedAt: readOptionalInstantOrDate(inputs, 'credentialsIssuedAt'),
      materialReceivedOn: readOptionalLocalDate(inputs, 'materialReceivedOn'),
      vatRateBasisPoints: readOptionalInteger(inputs, 'vatRateBasisPoints'),
    }),
  };
}

export function parseExcellusSubstitutionInput(inputs: JsonInputs): ExcellusSubstitutionInput {
  return {
    requestedAt: readInstantOrDate(inputs, 'requestedAt'),
    originalLearnerId: readString(inputs, 'originalLearnerId'),
    substituteLearnerId: readString(inputs, 'substituteLearnerId'),
    invoiceCustomerId: readString(inputs, 'invoiceCustomerId'),
  };
}

export function parseExcellusProviderCancellationInput(inputs: JsonInputs): ExcellusProviderCancellationInput {
  return { cancelledAt: readInstantOrDate(inputs, 'cancelledAt'), paidCents: readInteger(inputs, 'paidCents') };
}

export function parseExcellusPriceChangeInput(inputs: JsonInputs): ExcellusPriceChangeInput {
  return {
    agreedAt: readInstantOrDate(inputs, 'agreedAt'),
    changedAt: readInstantOrDate(inputs, 'changedAt'),
    startsAt: readInstantOrDate(inputs, 'startsAt'),
    agreedPriceCents: readInteger(inputs, 'agreedPriceCents'),
    newPriceCents: readInteger(inputs, 'newPriceCents'),
    ...omitUndefined({ requiredByLaw: readOptionalBoolean(inputs, 'requiredByLaw') }),
  };
}

export function parseExcellusPaymentDueDateInput(inputs: JsonInputs): ExcellusPaymentDueDateInput {
  return {
    startsAt: readInstantOrDate(inputs, 'startsAt'),
    ...omitUndefined({
      registeredAt: readOptionalInstantOrDate(inputs, 'registeredAt'),
      invoiceDueDate: readOptionalLocalDate(inputs, 'invoiceDueDate'),
    }),
  };
}

export function parseExcellusCollectionCostsInput(inputs: JsonInputs): ExcellusCollectionCostsInput {
  return {
    customerKind: readOneOf(inputs, 'customerKind', EXCELLUS_CUSTOMER_KINDS),
    dueDate: readLocalDate(inputs, 'dueDate'),
    reminderReceivedOn: readLocalDate(inputs, 'reminderReceivedOn'),
    outstandingCents: readInteger(inputs, 'outstandingCents'),
  };
}

export function parseExcellusComplaintSuspensionInput(inputs: JsonInputs): ExcellusComplaintSuspensionInput {
  return {
    complaintFiledAt: readInstantOrDate(inputs, 'complaintFiledAt'),
    ...omitUndefined({ complaintResolvedAt: readOptionalInstantOrDate(inputs, 'complaintResolvedAt') }),
  };
}

export function parseExcellusAttendanceInput(inputs: JsonInputs): ExcellusAttendanceInput {
  return {
    reason: readOneOf(inputs, 'reason', EXCELLUS_ATTENDANCE_REASONS),
    startsAt: readInstant(inputs, 'startsAt'),
    priceCents: readInteger(inputs, 'priceCents'),
    paidCents: readInteger(inputs, 'paidCents'),
    ...omitUndefined({
      arrivedAt: readOptionalInstant(inputs, 'arrivedAt'),
      removedAt: readOptionalInstant(inputs, 'removedAt'),
      vatRateBasisPoints: readOptionalInteger(inputs, 'vatRateBasisPoints'),
    }),
  };
}

export function parseExcellusResitInput(inputs: JsonInputs): ExcellusResitInput {
  return {
    offeringKind: readOneOf(inputs, 'offeringKind', EXCELLUS_OFFERING_KINDS),
    examSatOn: readLocalDate(inputs, 'examSatOn'),
    lastAttemptPassed: readBoolean(inputs, 'lastAttemptPassed'),
    resitsTaken: readInteger(inputs, 'resitsTaken'),
    ...omitUndefined({
      originalExaminerId: readOptionalString(inputs, 'originalExaminerId'),
      resitExaminerId: readOptionalString(inputs, 'resitExaminerId'),
      resitOn: readOptionalLocalDate(inputs, 'resitOn'),
    }),
  };
}

export function parseExcellusExamResultInput(inputs: JsonInputs): ExcellusExamResultInput {
  return {
    offeringKind: readOneOf(inputs, 'offeringKind', EXCELLUS_OFFERING_KINDS),
    sittingAt: readInstant(inputs, 'sittingAt'),
    attempt: readInteger(inputs, 'attempt'),
    identified: readBoolean(inputs, 'identified'),
    score: readInteger(inputs, 'score'),
    maxScore: readInteger(inputs, 'maxScore'),
    passMark: readInteger(inputs, 'passMark'),
    ...omitUndefined({ fraud: readOptionalBoolean(inputs, 'fraud') }),
  };
}

/**
 * The decision functions of one Excellus rulebook version, by kind, taking JSON inputs. Kinds that
 * depend on versioned readings decide under the ones the inputs record (version 1 when none).
 */
export function excellusDecisionFunctions(rulebook: ExcellusRulebook): Readonly<Record<string, DecisionFunction>> {
  const k = EXCELLUS_DECISION_KINDS;
  return Object.freeze({
    ...excellusDeliveryDecisionFunctions(rulebook),
    ...excellusGroupDecisionFunctions(rulebook),
    ...excellusPaymentPlanDecisionFunctions(rulebook),
    ...excellusMaterialsReturnDecisionFunctions(rulebook),
    [k.cancellation]: (i: Record<string, JsonValue>) =>
      decideExcellusCancellation(
        rulebook,
        parseExcellusCancellationInput(i),
        readingsOfRecordedInputs(i, EXCELLUS_READINGS.cancellation),
      ),
    [k.substitution]: (i: Record<string, JsonValue>) =>
      decideExcellusSubstitution(
        rulebook,
        parseExcellusSubstitutionInput(i),
        readingsOfRecordedInputs(i, EXCELLUS_READINGS.substitution),
      ),
    [k.providerCancellation]: (i: Record<string, JsonValue>) =>
      decideExcellusProviderCancellation(
        rulebook,
        parseExcellusProviderCancellationInput(i),
        readingsOfRecordedInputs(i, EXCELLUS_READINGS.providerCancellation),
      ),
    [k.priceChange]: (i: Record<string, JsonValue>) =>
      decideExcellusPriceChange(rulebook, parseExcellusPriceChangeInput(i)),
    [k.paymentDueDate]: (i: Record<string, JsonValue>) =>
      decideExcellusPaymentDueDate(rulebook, parseExcellusPaymentDueDateInput(i)),
    [k.collectionCosts]: (i: Record<string, JsonValue>) =>
      decideExcellusCollectionCosts(rulebook, parseExcellusCollectionCostsInput(i)),
    [k.complaintSuspension]: (i: Record<string, JsonValue>) =>
      decideExcellusComplaintSuspension(rulebook, parseExcellusComplaintSuspensionInput(i)),
    [k.attendance]: (i: Record<string, JsonValue>) =>
      decideExcellusAttendance(
        rulebook,
        parseExcellusAttendanceInput(i),
        readingsOfRecordedInputs(i, EXCELLUS_READINGS.attendance),
      ),
    [k.examOnlyResit]: (i: Record<string, JsonValue>) =>
      decideExcellusResit(
        rulebook,
        parseExcellusResitInput(i),
        readingsOfRecordedInputs(i, EXCELLUS_READINGS.examOnlyResit),
      ),
    [k.examResult]: (i: Record<string, JsonValue>) =>
      decideExcellusExamResult(rulebook, parseExcellusExamResultInput(i)),
  });
}
