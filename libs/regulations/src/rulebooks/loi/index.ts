/**
 * LOI — home study (`loi`, docs/regulations.md §5, seed 004). Versioned data plus decision functions;
 * every kind takes JSON inputs so `RulebookRegistry.recompute` reproduces a recorded decision.
 */
import { TERMIJNENWET_CALENDAR, type LocalDate, type WorkingDayCalendar } from '../../calendar';
import type { Decision, DecisionFunction } from '../../decision';
import type { RulebookVersion } from '../../rulebook';
import type { LoiBook } from './decisions/common';
import { LOI_DATA_2024, type LoiData } from './data';
import { loiFinanceActs } from './acts/finance';
import { loiPublishingAct } from './acts/publishing';
import { loiLatePayment, type LoiLatePaymentInput } from './decisions/late-payment';
import {
  loiAbroadSurcharge,
  loiExamFeeFromJson,
  loiExamResult,
  loiMboDataDeadline,
  loiModuleActivation,
  loiModulesAtStart,
  loiServiceDuration,
  loiVatRegime,
  type LoiAbroadSurchargeInput,
  type LoiExamResultInput,
  type LoiMboDataInput,
  type LoiModuleActivationInput,
  type LoiModulesAtStartInput,
  type LoiServiceDurationInput,
  type LoiVatRegimeInput,
} from './decisions/study';
import { loiEnrolmentActs } from './acts/enrolment';
import { loiEarlyTerminationFromJson } from './decisions/termination';
import {
  loiSuspension,
  loiSuspensionEnd,
  type LoiSuspensionEndInput,
  type LoiSuspensionInput,
} from './decisions/suspension';
import { loiTermsChangeNotice, type LoiTermsChangeInput } from './decisions/terms-change';
import { loiMaterialsReturnFromJson, loiWithdrawalFromJson } from './decisions/withdrawal';

export type { LoiData, LoiVatRegime } from './data';
export { LOI_DATA_2024 } from './data';
export type { LoiBook, LoiLevel, CustomerKind as LoiCustomerKind } from './decisions/common';
export { LoiInputError } from './decisions/inputs';
export * from './decisions/withdrawal';
export * from './decisions/study';
export * from './decisions/late-payment';
export * from './decisions/termination';
export * from './decisions/suspension';
export * from './decisions/terms-change';

/** Decision kinds of the `loi` rulebook. */
export const LOI_DECISION_KINDS = [
  'withdrawal',
  'withdrawal-materials-return',
  'service-duration',
  'modules-at-start',
  'module-activation',
  'mbo-data-deadline',
  'vat-regime',
  'late-payment',
  'exam-fee',
  'early-termination',
  'abroad-surcharge',
  'exam-result',
  'suspension',
  'suspension-end',
  'terms-change-notice',
] as const;
export type LoiDecisionKind = (typeof LOI_DECISION_KINDS)[number];

/** JSON inputs -> typed input: the typed functions validate every field themselves. */
function kind<T>(book: LoiBook, fn: (book: LoiBook, input: T) => Decision): DecisionFunction {
  return (inputs) => fn(book, inputs as unknown as T);
}

export function createLoiVersion(options: {
  version: string;
  effectiveFrom: LocalDate;
  data: LoiData;
  calendar?: WorkingDayCalendar;
}): RulebookVersion<LoiData> {
  const book: LoiBook = {
    id: 'loi',
    version: options.version,
    data: options.data,
    // Rate of non-recognised training; recognised training is exempt (LOI-5.3-4, kind vat-regime).
    vatRateBasisPoints: options.data.vat.notRecognised.vatRateBasisPoints,
  };
  const decisions: Record<LoiDecisionKind, DecisionFunction> = {
    // Kinds with versioned readings decide under the ones a recorded decision holds (version 1 when none).
    withdrawal: (inputs) => loiWithdrawalFromJson(book, inputs),
    'withdrawal-materials-return': (inputs) => loiMaterialsReturnFromJson(book, inputs),
    'service-duration': kind<LoiServiceDurationInput>(book, loiServiceDuration),
    'modules-at-start': kind<LoiModulesAtStartInput>(book, loiModulesAtStart),
    'module-activation': kind<LoiModuleActivationInput>(book, loiModuleActivation),
    'mbo-data-deadline': kind<LoiMboDataInput>(book, loiMboDataDeadline),
    'vat-regime': kind<LoiVatRegimeInput>(book, loiVatRegime),
    'late-payment': kind<LoiLatePaymentInput>(book, loiLatePayment),
    'exam-fee': (inputs) => loiExamFeeFromJson(book, inputs),
    'early-termination': (inputs) => loiEarlyTerminationFromJson(book, inputs),
    'abroad-surcharge': kind<LoiAbroadSurchargeInput>(book, loiAbroadSurcharge),
    'exam-result': kind<LoiExamResultInput>(book, loiExamResult),
    suspension: kind<LoiSuspensionInput>(book, loiSuspension),
    'suspension-end': kind<LoiSuspensionEndInput>(book, loiSuspensionEnd),
    'terms-change-notice': kind<LoiTermsChangeInput>(book, loiTermsChangeNotice),
  };
  // LOI-17: changed terms are a version with these rules and the figures the change sets.
  const publishing = loiPublishingAct(book, (published) =>
    createLoiVersion({ ...published, calendar: options.calendar }),
  );
  return Object.freeze({
    ...book,
    effectiveFrom: options.effectiveFrom,
    calendar: options.calendar ?? TERMIJNENWET_CALENDAR,
    decisions: Object.freeze(decisions),
    acts: { enrolment: loiEnrolmentActs(book), finance: loiFinanceActs(book), publishing },
  });
}

/**
 * The seed carries no date; its terms are encoded as in force from 2024-01-01 (the ledger's
 * earliest LOI business date), to be superseded by a new version when LOI publishes new terms.
 */
export const loiVersions: RulebookVersion[] = [
  createLoiVersion({ version: '2024-01-01', effectiveFrom: '2024-01-01', data: LOI_DATA_2024 }) as RulebookVersion,
];
