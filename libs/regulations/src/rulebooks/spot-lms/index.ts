/**
 * SPOT — LMS licences (`spot-lms`, docs/regulations.md §1, seed 000). Versioned data (one version per
 * price year, SPOT-3.3) plus decision functions; every kind takes JSON inputs so
 * `RulebookRegistry.recompute` reproduces a recorded decision.
 */
import { TERMIJNENWET_CALENDAR, type LocalDate, type WorkingDayCalendar } from '../../calendar';
import type { Decision, DecisionFunction } from '../../decision';
import type { RulebookVersion } from '../../rulebook';
import type { SpotBook } from './decisions/common';
import { SPOT_DATA_2020, type SpotData } from './data';
import { spotLmsFinanceActs } from './acts/finance';
import { spotLmsLicenceActs } from './acts/licences';
import { spotLmsPublishingAct } from './acts/publishing';
import {
  spotExtraContribution,
  spotPriceListPublication,
  type SpotExtraContributionInput,
  type SpotPriceListInput,
} from './decisions/prices';
import {
  spotExpiryReminder,
  spotInvoiceDateEvaluation,
  spotLicenceRegistration,
  spotLicenceRenewal,
  spotTierCrossing,
  type SpotExpiryReminderInput,
  type SpotInvoiceDateEvaluationInput,
  type SpotRegistrationInput,
  type SpotRenewalInput,
} from './decisions/licences';
import {
  spotCoordinatorAppointment,
  spotLicenceTransfer,
  spotMembershipEnd,
  spotParticipantTermination,
  spotRevocation,
  type SpotCoordinatorInput,
  type SpotMembershipEndInput,
  type SpotParticipantTerminationInput,
  type SpotRevocationInput,
  type SpotTransferInput,
} from './decisions/participant';

export type { SpotData, SpotRevocationReason } from './data';
export { SPOT_DATA_2020 } from './data';
export type { SpotBook } from './decisions/common';
export { SpotInputError } from './decisions/inputs';
export { billingYearOf as spotBillingYearOf, type BillingYear as SpotBillingYear } from './decisions/billing-year';
export * from './decisions/licences';
export * from './decisions/participant';
export * from './decisions/prices';
export * from './schemas';
export { spotLmsUpcasters } from './upcasters';

/** Decision kinds of the `spot-lms` rulebook. */
export const SPOT_DECISION_KINDS = [
  'licence-registration',
  'tier-crossing',
  'invoice-date-evaluation',
  'licence-renewal',
  'expiry-reminder',
  'participant-termination',
  'membership-end',
  'revocation',
  'coordinator-appointment',
  'licence-transfer',
  'price-list-publication',
  'extra-contribution',
] as const;
export type SpotDecisionKind = (typeof SPOT_DECISION_KINDS)[number];

/** JSON inputs -> typed input: the typed functions validate every field themselves. */
function kind<T>(book: SpotBook, fn: (book: SpotBook, input: T) => Decision): DecisionFunction {
  return (inputs) => fn(book, inputs as unknown as T);
}

export function createSpotLmsVersion(options: {
  version: string;
  effectiveFrom: LocalDate;
  data: SpotData;
  /** SPOT-3.2: 0 unless the association becomes VAT-liable. */
  vatRateBasisPoints?: number;
  calendar?: WorkingDayCalendar;
}): RulebookVersion<SpotData> {
  const book: SpotBook = {
    id: 'spot-lms',
    version: options.version,
    data: options.data,
    vatRateBasisPoints: options.vatRateBasisPoints ?? 0,
  };
  const decisions: Record<SpotDecisionKind, DecisionFunction> = {
    'licence-registration': kind<SpotRegistrationInput>(book, spotLicenceRegistration),
    'tier-crossing': kind<SpotRegistrationInput>(book, spotTierCrossing),
    'invoice-date-evaluation': kind<SpotInvoiceDateEvaluationInput>(book, spotInvoiceDateEvaluation),
    'licence-renewal': kind<SpotRenewalInput>(book, spotLicenceRenewal),
    'expiry-reminder': kind<SpotExpiryReminderInput>(book, spotExpiryReminder),
    'participant-termination': kind<SpotParticipantTerminationInput>(book, spotParticipantTermination),
    'membership-end': kind<SpotMembershipEndInput>(book, spotMembershipEnd),
    revocation: kind<SpotRevocationInput>(book, spotRevocation),
    'coordinator-appointment': kind<SpotCoordinatorInput>(book, spotCoordinatorAppointment),
    'licence-transfer': kind<SpotTransferInput>(book, spotLicenceTransfer),
    'price-list-publication': kind<SpotPriceListInput>(book, spotPriceListPublication),
    'extra-contribution': kind<SpotExtraContributionInput>(book, spotExtraContribution),
  };
  // SPOT-3.3: a published price list is a version with these rules and the new prices.
  const publishing = spotLmsPublishingAct(book, (published) =>
    createSpotLmsVersion({ ...published, vatRateBasisPoints: book.vatRateBasisPoints, calendar: options.calendar }),
  );
  return Object.freeze({
    ...book,
    effectiveFrom: options.effectiveFrom,
    calendar: options.calendar ?? TERMIJNENWET_CALENDAR,
    decisions: Object.freeze(decisions),
    acts: { finance: spotLmsFinanceActs, licences: spotLmsLicenceActs(book), publishing },
  });
}

/** SPOT-3.3: one version per price year. The seed publishes the 2020 price list only. */
export const spotLmsVersions: RulebookVersion[] = [
  createSpotLmsVersion({ version: '2020-01-01', effectiveFrom: '2020-01-01', data: SPOT_DATA_2020 }) as RulebookVersion,
];
