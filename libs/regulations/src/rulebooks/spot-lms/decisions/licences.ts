/**
 * SPOT licence fees and tiers: registration (SPOT-1.2, 3.1-3.4, 4.1), the tier crossing
 * (SPOT-4.2 with INTERP SPOT-I2), re-evaluation at each invoice date, renewal (SPOT-I1) and the
 * expiry reminder (SPOT-6.1).
 *
 * Tier model (SPOT-I2): the rate of a billing year is fixed at its invoice date by the active
 * licences then (>= threshold: high). Within the year it changes only by a crossing at least
 * 3 months before the next invoice date, which is surcharged at once and makes every later
 * registration high; a later crossing leaves the low rate until the next invoice date, where the
 * tier is evaluated again. The price list is the version's (the one in force on the act's date).
 */
import { addDays, addMonths, compareDates, toLocalDate, type Instant, type LocalDate } from '../../../calendar';
import { RuleViolation, type Decision, type JsonValue } from '../../../decision';
import { addVat, formatEuro, type Cents } from '../../../money';
import { billingYearOf, type BillingYear } from './billing-year';
import { cite, MAX_LICENCES, spotDecision, type SpotBook } from './common';
import {
  asJson,
  readBoolean,
  readDate,
  readInteger,
  readOptionalDate,
  readOptionalString,
  readString,
  readTime,
  SpotInputError,
  type JsonInputs,
} from './inputs';

export type SpotTier = 'low' | 'high';

export interface SpotTierState {
  invoiceAnchor: LocalDate;
  billingYear: BillingYear;
  /** The last day a crossing is still surcharged: next invoice date - 3 months. */
  surchargeCutoff: LocalDate;
  /** Tier fixed at the billing year's invoice date. */
  billingYearTier: SpotTier;
  /** A tier surcharge was charged in this billing year on or before the date. */
  surchargedThisBillingYear: boolean;
  /** The tier whose rate applies on the date. */
  tier: SpotTier;
}

/** SPOT-4.2 / SPOT-I2: the tier in force on `on` for a participant. */
export function spotTierState(
  book: SpotBook,
  invoiceAnchor: LocalDate,
  on: LocalDate,
  activeLicencesAtBillingYearStart: number,
  lastSurchargeOn: LocalDate | null,
): SpotTierState {
  const { tierThreshold, surchargeWindowMonths } = book.data;
  const billingYear = billingYearOf(invoiceAnchor, on);
  const billingYearTier: SpotTier = activeLicencesAtBillingYearStart >= tierThreshold ? 'high' : 'low';
  const surchargedThisBillingYear =
    lastSurchargeOn !== null &&
    compareDates(lastSurchargeOn, billingYear.start) >= 0 &&
    compareDates(lastSurchargeOn, on) <= 0;
  return {
    invoiceAnchor,
    billingYear,
    surchargeCutoff: addMonths(billingYear.next, -surchargeWindowMonths),
    billingYearTier,
    surchargedThisBillingYear,
    tier: billingYearTier === 'high' || surchargedThisBillingYear ? 'high' : 'low',
  };
}

function rateOf(book: SpotBook, tier: SpotTier): Cents {
  return tier === 'high' ? book.data.prices.highRateCents : book.data.prices.lowRateCents;
}

function tierFigures(state: SpotTierState): Record<string, JsonValue> {
  return {
    invoiceAnchor: state.invoiceAnchor,
    billingYearStart: state.billingYear.start,
    nextInvoiceDate: state.billingYear.next,
    surchargeCutoff: state.surchargeCutoff,
    billingYearTier: state.billingYearTier,
    surchargedThisBillingYear: state.surchargedThisBillingYear,
    tier: state.tier,
  };
}

function priceFigures(book: SpotBook, feeCents: Cents): Record<string, JsonValue> {
  const vat = addVat(feeCents, book.vatRateBasisPoints);
  return {
    priceLevel: book.data.priceLevel,
    lowRateCents: book.data.prices.lowRateCents,
    highRateCents: book.data.prices.highRateCents,
    tierThreshold: book.data.tierThreshold,
    vatRateBasisPoints: vat.vatRateBasisPoints,
    vatCents: vat.vatCents,
    grossCents: vat.grossCents,
  };
}

function readCount(inputs: JsonInputs, key: string): number {
  return readInteger(inputs, key, 0, MAX_LICENCES);
}

// ---------------------------------------------------------------- registration and crossing

export interface SpotRegistrationInput {
  participantId: string;
  licenceId: string;
  learnerId: string;
  /** SPOT-1.2: the learner's employer as registered (must be the participant). */
  learnerEmployerId: string | null;
  /** Business time of the registration. */
  registeredAt: Instant | LocalDate;
  /** The participant's invoice date; absent/null: the date of its first registration (SPOT-I2). */
  invoiceDate?: LocalDate | null;
  /** The participant's first registration; absent/null when this registration is the first. */
  firstRegistrationOn?: LocalDate | null;
  /** Active licences of the participant just before this registration. */
  activeLicencesBefore: number;
  /** Active licences at the invoice date that opened the billing year of the registration. */
  activeLicencesAtBillingYearStart: number;
  /** The last tier surcharge charged to the participant, if any. */
  lastSurchargeOn?: LocalDate | null;
}

interface RegistrationAnalysis {
  raw: {
    participantId: string;
    licenceId: string;
    learnerId: string;
    learnerEmployerId: string | null;
    registeredAt: Instant | LocalDate;
    invoiceDate: LocalDate | null;
    firstRegistrationOn: LocalDate | null;
    activeLicencesBefore: number;
    activeLicencesAtBillingYearStart: number;
    lastSurchargeOn: LocalDate | null;
  };
  registeredOn: LocalDate;
  state: SpotTierState;
  activeLicencesAfter: number;
  crossing: boolean;
  surchargeApplies: boolean;
  rateCents: Cents;
  surchargeCents: Cents;
  expiresOn: LocalDate;
  reminderOn: LocalDate;
}

/** SPOT-1.2: a learner must be employed by the participant. */
export function spotAssertLearnerEmployed(
  participantId: string,
  learnerEmployerId: string | null,
  learnerId: string,
): void {
  if (learnerEmployerId !== participantId) {
    throw new RuleViolation(
      'LEARNER_NOT_EMPLOYED_BY_PARTICIPANT',
      'SPOT-1.2',
      `Learner ${learnerId} must work for participant ${participantId}` +
        (learnerEmployerId ? ` (employer: ${learnerEmployerId})` : ' (no employer named)'),
      { participantId, learnerId, learnerEmployerId },
    );
  }
}

function analyseRegistration(book: SpotBook, inputs: JsonInputs): RegistrationAnalysis {
  const raw = {
    participantId: readString(inputs, 'participantId'),
    licenceId: readString(inputs, 'licenceId'),
    learnerId: readString(inputs, 'learnerId'),
    learnerEmployerId: readOptionalString(inputs, 'learnerEmployerId'),
    registeredAt: readTime(inputs, 'registeredAt'),
    invoiceDate: readOptionalDate(inputs, 'invoiceDate'),
    firstRegistrationOn: readOptionalDate(inputs, 'firstRegistrationOn'),
    activeLicencesBefore: readCount(inputs, 'activeLicencesBefore'),
    activeLicencesAtBillingYearStart: readCount(inputs, 'activeLicencesAtBillingYearStart'),
    lastSurchargeOn: readOptionalDate(inputs, 'lastSurchargeOn'),
  };
  spotAssertLearnerEmployed(raw.participantId, raw.learnerEmployerId, raw.learnerId);
  const registeredOn = toLocalDate(raw.registeredAt);
  if (raw.firstRegistrationOn && compareDates(raw.firstRegistrationOn, registeredOn) > 0) {
    throw new SpotInputError(
      `first registration ${raw.firstRegistrationOn} lies after this registration ${registeredOn}`,
    );
  }
  if (raw.lastSurchargeOn && compareDates(raw.lastSurchargeOn, registeredOn) > 0) {
    throw new SpotInputError(`last surcharge ${raw.lastSurchargeOn} lies after this registration ${registeredOn}`);
  }
  const anchor = raw.invoiceDate ?? raw.firstRegistrationOn ?? registeredOn;
  const state = spotTierState(book, anchor, registeredOn, raw.activeLicencesAtBillingYearStart, raw.lastSurchargeOn);
  const activeLicencesAfter = raw.activeLicencesBefore + 1;
  // SPOT-I2: the crossing is the registration that makes active licences 100 while the low rate applies.
  const crossing = activeLicencesAfter === book.data.tierThreshold && state.tier === 'low';
  const surchargeApplies = crossing && compareDates(registeredOn, state.surchargeCutoff) <= 0;
  const { lowRateCents, highRateCents } = book.data.prices;
  const expiresOn = addMonths(registeredOn, book.data.licenceTermMonths);
  return {
    raw,
    registeredOn,
    state,
    activeLicencesAfter,
    crossing,
    surchargeApplies,
    rateCents: rateOf(book, state.tier),
    surchargeCents: surchargeApplies ? (highRateCents - lowRateCents) * activeLicencesAfter : 0,
    expiresOn,
    reminderOn: addDays(expiresOn, -book.data.reminderLeadDays),
  };
}

function registrationInputs(book: SpotBook, a: RegistrationAnalysis): Record<string, JsonValue> {
  return {
    ...a.raw,
    registeredOn: a.registeredOn,
    ...tierFigures(a.state),
    activeLicencesAfter: a.activeLicencesAfter,
    crossing: a.crossing,
    surchargeApplies: a.surchargeApplies,
    rateCents: a.rateCents,
    surchargeCents: a.surchargeCents,
    ...priceFigures(book, a.rateCents),
  };
}

/**
 * SPOT-3.4 / 4.1: a registration issues the licence and one invoice for one annual fee at the
 * participant's current rate (SPOT-3.1, VAT per SPOT-3.2, price list of the version in force,
 * SPOT-3.3). The crossing registration itself is invoiced at the low rate (SPOT-I2).
 */
export function spotLicenceRegistration(book: SpotBook, input: SpotRegistrationInput): Decision {
  const a = analyseRegistration(book, asJson(input));
  const ordinal = `active licence ${a.activeLicencesAfter}`;
  const note = a.crossing
    ? a.surchargeApplies
      ? `; crosses the threshold at least ${book.data.surchargeWindowMonths} months before ${a.state.billingYear.next}: tier surcharge charged separately`
      : `; crosses the threshold less than ${book.data.surchargeWindowMonths} months before ${a.state.billingYear.next}: high rate from then`
    : '';
  return spotDecision(book, 'licence-registration', {
    ruleIds: ['SPOT-1.2', 'SPOT-3.1', 'SPOT-3.2', 'SPOT-3.3', 'SPOT-3.4', 'SPOT-4.1', 'SPOT-4.2'],
    interpretationIds: ['SPOT-I1', 'SPOT-I2'],
    inputs: registrationInputs(book, a),
    allowed: true,
    feeCents: a.rateCents,
    deadlines: {
      licenceStartsOn: a.registeredOn,
      licenceExpiresOn: a.expiresOn,
      renewalOn: a.expiresOn,
      expiryReminderOn: a.reminderOn,
      nextInvoiceDate: a.state.billingYear.next,
    },
    explanation:
      `Licence ${a.raw.licenceId} for learner ${a.raw.learnerId} registered ${a.registeredOn} (${ordinal}): one annual fee at the ` +
      `${a.state.tier} rate ${formatEuro(a.rateCents)} until ${a.expiresOn}${note} ` +
      `(SPOT-3.4, SPOT-4.1, SPOT-3.1, SPOT-4.2, ${cite(book)})`,
  });
}

/**
 * SPOT-4.2 with SPOT-I2: the tier-crossing decision of a registration that makes active licences
 * reach the threshold while the low rate applies. Surcharge (high - low) x active licences at the
 * crossing when `registeredOn <= nextInvoiceDate - 3 months`; otherwise none and the high rate
 * from the next invoice date (subject to the re-evaluation there).
 */
export function spotTierCrossing(book: SpotBook, input: SpotRegistrationInput): Decision {
  const a = analyseRegistration(book, asJson(input));
  if (!a.crossing) {
    throw new SpotInputError(
      `registration ${a.raw.licenceId} is not a tier crossing (active licences after: ${a.activeLicencesAfter}, tier: ${a.state.tier})`,
    );
  }
  const { lowRateCents, highRateCents } = book.data.prices;
  const next = a.state.billingYear.next;
  const deadlines: Record<string, LocalDate> = a.surchargeApplies
    ? {
        chargedOn: a.registeredOn,
        highRateFrom: a.registeredOn,
        nextInvoiceDate: next,
        surchargeCutoff: a.state.surchargeCutoff,
      }
    : { highRateFrom: next, nextInvoiceDate: next, surchargeCutoff: a.state.surchargeCutoff };
  const explanation = a.surchargeApplies
    ? `Active licences reach ${a.activeLicencesAfter} on ${a.registeredOn}, on or before ${a.state.surchargeCutoff} ` +
      `(${book.data.surchargeWindowMonths} months before the next invoice date ${next}): surcharge ` +
      `(${formatEuro(highRateCents)} - ${formatEuro(lowRateCents)}) x ${a.activeLicencesAfter} = ${formatEuro(a.surchargeCents)} ` +
      `charged ${a.registeredOn}; high rate for every later registration`
    : `Active licences reach ${a.activeLicencesAfter} on ${a.registeredOn}, after ${a.state.surchargeCutoff} ` +
      `(less than ${book.data.surchargeWindowMonths} months before the next invoice date ${next}): no surcharge; high rate from ${next}`;
  return spotDecision(book, 'tier-crossing', {
    ruleIds: ['SPOT-4.2'],
    interpretationIds: ['SPOT-I2'],
    inputs: registrationInputs(book, a),
    allowed: true,
    surchargeCents: a.surchargeCents,
    deadlines,
    explanation: `${explanation} (SPOT-4.2, SPOT-I2, ${cite(book)})`,
  });
}

/** The registration's decisions: the licence fee and, when it crosses the threshold, the tier-crossing decision. */
export function spotRegisterLicence(
  book: SpotBook,
  input: SpotRegistrationInput,
): { fee: Decision; crossing: Decision | null } {
  const fee = spotLicenceRegistration(book, input);
  return { fee, crossing: fee.inputs.crossing === true ? spotTierCrossing(book, input) : null };
}

// ---------------------------------------------------------------- invoice-date re-evaluation

export interface SpotInvoiceDateEvaluationInput {
  participantId: string;
  /** The participant's invoice date (resolved: explicit or its first registration). */
  invoiceDate: LocalDate;
  /** The anniversary being evaluated. */
  evaluatedOn: LocalDate;
  /** Active licences on that invoice date. */
  activeLicences: number;
}

/** SPOT-4.2 / SPOT-I2: at each invoice date the tier is set by the active licences (below 100: low again). */
export function spotInvoiceDateEvaluation(book: SpotBook, input: SpotInvoiceDateEvaluationInput): Decision {
  const raw = asJson(input);
  const participantId = readString(raw, 'participantId');
  const invoiceDate = readDate(raw, 'invoiceDate');
  const evaluatedOn = readDate(raw, 'evaluatedOn');
  const activeLicences = readCount(raw, 'activeLicences');
  const year = billingYearOf(invoiceDate, evaluatedOn);
  if (year.start !== evaluatedOn) {
    throw new SpotInputError(
      `${evaluatedOn} is not an invoice date of a participant invoiced on ${invoiceDate} (billing year starts ${year.start})`,
    );
  }
  const tier: SpotTier = activeLicences >= book.data.tierThreshold ? 'high' : 'low';
  const rateCents = rateOf(book, tier);
  return spotDecision(book, 'invoice-date-evaluation', {
    ruleIds: ['SPOT-4.2', 'SPOT-3.1', 'SPOT-3.3'],
    interpretationIds: ['SPOT-I2'],
    inputs: {
      participantId,
      invoiceDate,
      evaluatedOn,
      activeLicences,
      tier,
      rateCents,
      ...priceFigures(book, rateCents),
    },
    allowed: true,
    deadlines: { billingYearStart: year.start, nextInvoiceDate: year.next },
    explanation:
      `Invoice date ${evaluatedOn}: ${activeLicences} active licences, ${activeLicences >= book.data.tierThreshold ? 'at least' : 'fewer than'} ` +
      `${book.data.tierThreshold}: ${tier} rate ${formatEuro(rateCents)} until ${year.next} (SPOT-4.2, SPOT-3.1, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- renewal (SPOT-I1)

export interface SpotRenewalInput {
  participantId: string;
  licenceId: string;
  /** Start of the term that is ending (registration date or previous renewal date). */
  termStartsOn: LocalDate;
  /** Marked not-to-renew (SPOT-6.1 participant termination, SPOT-6.4 membership ended, or on request). */
  notToRenew: boolean;
  /** The participant's invoice date (resolved). */
  invoiceDate: LocalDate;
  /** Active licences at the invoice date that opened the billing year of the renewal date. */
  activeLicencesAtBillingYearStart: number;
  lastSurchargeOn?: LocalDate | null;
}

/**
 * SPOT-4.1 / SPOT-I1: a licence runs 12 months from its start and renews for 12 months at its
 * expiry, invoiced on the renewal date at the rate in force then, unless marked not-to-renew.
 */
export function spotLicenceRenewal(book: SpotBook, input: SpotRenewalInput): Decision {
  const raw = asJson(input);
  const participantId = readString(raw, 'participantId');
  const licenceId = readString(raw, 'licenceId');
  const termStartsOn = readDate(raw, 'termStartsOn');
  const notToRenew = readBoolean(raw, 'notToRenew');
  const invoiceDate = readDate(raw, 'invoiceDate');
  const activeAtStart = readCount(raw, 'activeLicencesAtBillingYearStart');
  const lastSurchargeOn = readOptionalDate(raw, 'lastSurchargeOn');
  const { licenceTermMonths, reminderLeadDays } = book.data;
  const renewalOn = addMonths(termStartsOn, licenceTermMonths);
  const base = {
    participantId,
    licenceId,
    termStartsOn,
    notToRenew,
    invoiceDate,
    activeLicencesAtBillingYearStart: activeAtStart,
    lastSurchargeOn,
  };
  if (notToRenew) {
    return spotDecision(book, 'licence-renewal', {
      ruleIds: ['SPOT-4.1'],
      interpretationIds: ['SPOT-I1'],
      inputs: { ...base, expiresOn: renewalOn },
      allowed: false,
      feeCents: 0,
      deadlines: { expiresOn: renewalOn },
      explanation: `Licence ${licenceId} marked not-to-renew: it expires ${renewalOn} without renewal (SPOT-4.1, SPOT-I1, ${cite(book)})`,
    });
  }
  const state = spotTierState(book, invoiceDate, renewalOn, activeAtStart, lastSurchargeOn);
  const rateCents = rateOf(book, state.tier);
  const newExpiry = addMonths(renewalOn, licenceTermMonths);
  return spotDecision(book, 'licence-renewal', {
    ruleIds: ['SPOT-4.1', 'SPOT-3.1', 'SPOT-3.2', 'SPOT-3.3', 'SPOT-4.2'],
    interpretationIds: ['SPOT-I1', 'SPOT-I2'],
    inputs: { ...base, renewalOn, ...tierFigures(state), rateCents, ...priceFigures(book, rateCents) },
    allowed: true,
    feeCents: rateCents,
    deadlines: {
      renewalOn,
      licenceExpiresOn: newExpiry,
      nextRenewalOn: newExpiry,
      expiryReminderOn: addDays(newExpiry, -reminderLeadDays),
    },
    explanation:
      `Licence ${licenceId} renews ${renewalOn} for ${licenceTermMonths} months until ${newExpiry} at the ${state.tier} rate ` +
      `${formatEuro(rateCents)} (SPOT-4.1, SPOT-I1, ${cite(book)})`,
  });
}

// ---------------------------------------------------------------- expiry reminder (SPOT-6.1)

export interface SpotExpiryReminderInput {
  licenceId: string;
  expiresOn: LocalDate;
}

/** SPOT-6.1: the participant is reminded shortly before a licence expires: 30 days before (parameter). */
export function spotExpiryReminder(book: SpotBook, input: SpotExpiryReminderInput): Decision {
  const raw = asJson(input);
  const licenceId = readString(raw, 'licenceId');
  const expiresOn = readDate(raw, 'expiresOn');
  const { reminderLeadDays } = book.data;
  const reminderOn = addDays(expiresOn, -reminderLeadDays);
  return spotDecision(book, 'expiry-reminder', {
    ruleIds: ['SPOT-6.1'],
    interpretationIds: [],
    inputs: { licenceId, expiresOn, reminderLeadDays },
    allowed: true,
    deadlines: { reminderOn, expiresOn },
    explanation: `Licence ${licenceId} expires ${expiresOn}: reminder due ${reminderOn}, ${reminderLeadDays} days before (SPOT-6.1, ${cite(book)})`,
  });
}
