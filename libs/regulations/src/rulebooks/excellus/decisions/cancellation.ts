/**
 * Excellus cancellation (art. 4; docs/regulations.md §4): EXC-4.2 cooling-off, EXC-4.1 contact-course
 * bands with EXC-I1, EXC-4.1* group agreements, EXC-4.3 exam-only, EXC-4.4 e-learning, EXC-4.5
 * course material; EXC-4.2b substitution; EXC-4.9 cancellation by Excellus. The versioned readings
 * EXC-I3 (cooling-off for business customers), EXC-I4 ("used" e-learning) and MONEY-I1 (fee fields).
 */
import {
  addDays,
  addMonths,
  compareDates,
  compareInstants,
  daysBetween,
  isInstant,
  toLocalDate,
} from '../../../calendar';
import type { Instant, LocalDate } from '../../../calendar';
import { RuleViolation, feeOnNet } from '../../../decision';
import type { Decision, FeeMoney } from '../../../decision';
import {
  MONEY_READING,
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  vatRateFor,
  versionOf,
  type DecisionReadings,
  type Readings,
} from '../../../contract/readings';
import { percentOf } from '../../../money';
import type { Cents } from '../../../money';
import {
  DecisionInputError,
  citation,
  euro,
  formatPercent,
  jsonInputs,
  max,
  min,
  requireCents,
  requireInstantOrDate,
  requireLocalDate,
  requireOneOf,
} from '../../vli/decisions/decision-inputs';
import { EXCELLUS_DECISION_KINDS, excellusRef } from './common';
import type { ExcellusRulebook } from './common';
import { EXCELLUS_CUSTOMER_KINDS, EXCELLUS_OFFERING_KINDS } from '../data';
import type { ExcellusCustomerKind, ExcellusOfferingKind } from '../data';

export interface ExcellusCancellationInput {
  offeringKind: ExcellusOfferingKind;
  /** An in-company or group course agreement (EXC-4.1*): no cooling-off, the rates apply to the whole agreement. */
  group?: boolean;
  customerKind: ExcellusCustomerKind;
  /** Registration: the sending date of the e-mail or the post stamp (EXC-4.2). */
  registeredAt: Instant | LocalDate;
  /** Cancellation: the sending date of the e-mail or the post stamp (EXC-4.2, EXC-4.3). */
  requestedAt: Instant | LocalDate;
  /** Start of the course or exam; required for contact courses and exam-only. */
  startsAt?: Instant | LocalDate;
  /** The agreed price (for a group agreement: of the whole agreement). */
  priceCents: Cents;
  paidCents: Cents;
  /** EXC-4.3: administration costs the offering states (capped at the rulebook's 50.00; default the rulebook's amount). */
  adminCostsCents?: Cents;
  /** EXC-4.3: an e-learning environment was used with the exam. */
  eLearningUsed?: boolean;
  /** EXC-4.3: the cost of that e-learning environment (required when used). */
  eLearningCostCents?: Cents;
  /** EXC-4.4: when the e-learning login credentials were issued, if they were. */
  credentialsIssuedAt?: Instant | LocalDate;
  /** EXC-4.5: the day the course material was received (the first delivery for periodic deliveries), if it was. */
  materialReceivedOn?: LocalDate;
  /** MONEY-I1 version 2: the agreement's VAT rate (default the rulebook version's: exempt, 0). */
  vatRateBasisPoints?: number;
  /** Readings to pin (default the current version of each reading the decision depends on). */
  readings?: Readings;
}

/** Readings to pin on a new decision (default the current version of each it depends on). */
export interface ExcellusReadingsRequest {
  readings?: Readings;
}

/**
 * MONEY-I1 version 2: the fee with its VAT and gross beside it. Excellus is VAT-exempt (rate 0),
 * so this changes how a decision states its fee, not what is charged.
 */
export function excellusFee(
  rulebook: ExcellusRulebook,
  decidedUnder: DecisionReadings,
  feeCents: Cents,
  vatRateBasisPoints?: number,
): { fields: Partial<FeeMoney>; rate: number | undefined; grossCents: Cents } {
  if (versionOf(decidedUnder, MONEY_READING) < 2)
    return { fields: { feeCents }, rate: undefined, grossCents: feeCents };
  const rate = vatRateFor(vatRateBasisPoints, rulebook.vatRateBasisPoints);
  const fee = feeOnNet(feeCents, rate);
  return { fields: fee, rate, grossCents: fee.feeGrossCents };
}

/** The readings each touched Excellus decision kind depends on. */
export const EXCELLUS_READINGS = {
  cancellation: readingIdsOf('excellus', EXCELLUS_DECISION_KINDS.cancellation),
  substitution: readingIdsOf('excellus', EXCELLUS_DECISION_KINDS.substitution),
  providerCancellation: readingIdsOf('excellus', EXCELLUS_DECISION_KINDS.providerCancellation),
  attendance: readingIdsOf('excellus', EXCELLUS_DECISION_KINDS.attendance),
  examOnlyResit: readingIdsOf('excellus', EXCELLUS_DECISION_KINDS.examOnlyResit),
} as const;

export type ExcellusCoolingOffStatus =
  'applies' | 'expired' | 'waived' | 'not-applicable-group' | 'not-applicable-business';

interface CoolingOff {
  status: ExcellusCoolingOffStatus;
  endsOn: LocalDate;
}

/**
 * EXC-4.2: not in-company/group, waived when the course starts within 14 days of registration.
 * EXC-I3 version 1 gave it to consumers only; version 2 to business customers (instellingen) too.
 */
function coolingOff(
  rulebook: ExcellusRulebook,
  customerKind: ExcellusCustomerKind,
  group: boolean,
  registrationDate: LocalDate,
  requestDate: LocalDate,
  startDate: LocalDate | undefined,
  forBusinessToo: boolean,
): CoolingOff {
  const endsOn = addDays(registrationDate, rulebook.data.coolingOff.days);
  const status: ExcellusCoolingOffStatus = group
    ? 'not-applicable-group'
    : customerKind === 'business' && !forBusinessToo
      ? 'not-applicable-business'
      : startDate !== undefined && compareDates(startDate, endsOn) <= 0
        ? 'waived'
        : compareDates(requestDate, endsOn) <= 0
          ? 'applies'
          : 'expired';
  return { status, endsOn };
}

function coolingOffRuleIds(c: CoolingOff): string[] {
  return c.status === 'not-applicable-business' ? [] : ['EXC-4.2'];
}

function coolingOffNote(c: CoolingOff, days: number): string {
  switch (c.status) {
    case 'applies':
      return `within the ${days}-day cooling-off period (until ${c.endsOn})`;
    case 'expired':
      return `cooling-off ended ${c.endsOn}`;
    case 'waived':
      return `cooling-off waived: the course starts within ${days} days of registration`;
    case 'not-applicable-group':
      return 'no cooling-off for in-company/group courses';
    case 'not-applicable-business':
      return 'no cooling-off for a business customer';
  }
}

const OFFERING_LABEL: Record<ExcellusOfferingKind, string> = {
  'contact-course': 'Contact course',
  'exam-only': 'Exam-only booking',
  'e-learning': 'E-learning',
  material: 'Course material purchase',
};

/** Whether login details issued at `issuedAt` were issued by the time of the request. */
function issuedBy(issuedAt: Instant | LocalDate, requestedAt: Instant | LocalDate, requestDate: LocalDate): boolean {
  return isInstant(issuedAt) && isInstant(requestedAt)
    ? compareInstants(issuedAt, requestedAt) <= 0
    : compareDates(toLocalDate(issuedAt), requestDate) <= 0;
}

/**
 * A customer cancellation. New decisions are made under the current readings unless
 * `input.readings` pins some; the JSON path (`registry.recompute`) passes the readings a recorded
 * decision holds as `decidedUnder`.
 */
export function decideExcellusCancellation(
  rulebook: ExcellusRulebook,
  input: ExcellusCancellationInput,
  decidedUnder: DecisionReadings = readingsForNewDecision(EXCELLUS_READINGS.cancellation, input.readings),
): Decision {
  const offeringKind = requireOneOf(input.offeringKind, 'offeringKind', EXCELLUS_OFFERING_KINDS);
  const customerKind = requireOneOf(input.customerKind, 'customerKind', EXCELLUS_CUSTOMER_KINDS);
  const group = input.group === true;
  const registeredAt = requireInstantOrDate(input.registeredAt, 'registeredAt');
  const requestedAt = requireInstantOrDate(input.requestedAt, 'requestedAt');
  const startsAt = input.startsAt === undefined ? undefined : requireInstantOrDate(input.startsAt, 'startsAt');
  const priceCents = requireCents(input.priceCents, 'priceCents');
  const paidCents = requireCents(input.paidCents, 'paidCents');
  const registrationDate = toLocalDate(registeredAt);
  const requestDate = toLocalDate(requestedAt);
  if (compareDates(requestDate, registrationDate) < 0)
    throw new DecisionInputError('requestedAt', 'A cancellation cannot precede the registration');
  const startDate = startsAt === undefined ? undefined : toLocalDate(startsAt);
  const ref = excellusRef(rulebook);
  const d = rulebook.data;
  const businessCoolingOff = versionOf(decidedUnder, 'EXC-I3') >= 2;
  const co = coolingOff(rulebook, customerKind, group, registrationDate, requestDate, startDate, businessCoolingOff);
  // EXC-I3 (rev 2) decides wherever a business customer's cooling-off is weighed (not for EXC-4.5 material).
  const coolingOffInterpretationIds =
    businessCoolingOff && customerKind === 'business' && !group && offeringKind !== 'material' ? ['EXC-I3'] : [];
  const loginDetailsMeanUsed = versionOf(decidedUnder, 'EXC-I4') >= 2;

  const adminCostsCents =
    input.adminCostsCents === undefined ? undefined : requireCents(input.adminCostsCents, 'adminCostsCents');
  const eLearningCostCents =
    input.eLearningCostCents === undefined ? undefined : requireCents(input.eLearningCostCents, 'eLearningCostCents');
  const credentialsIssuedAt =
    input.credentialsIssuedAt === undefined
      ? undefined
      : requireInstantOrDate(input.credentialsIssuedAt, 'credentialsIssuedAt');
  const materialReceivedOn =
    input.materialReceivedOn === undefined
      ? undefined
      : requireLocalDate(input.materialReceivedOn, 'materialReceivedOn');
  const raw = {
    offeringKind,
    group: input.group,
    customerKind,
    registeredAt,
    requestedAt,
    startsAt,
    priceCents,
    paidCents,
    adminCostsCents,
    eLearningUsed: input.eLearningUsed,
    eLearningCostCents,
    credentialsIssuedAt,
    materialReceivedOn,
  };
  const dates = {
    registrationDate,
    requestDate,
    startDate,
    daysBeforeStart: startDate === undefined ? undefined : daysBetween(requestDate, startDate),
  };

  const finish = (
    feeCents: Cents,
    ruleIds: string[],
    interpretationIds: string[],
    derived: Record<string, string | number | boolean | Record<string, string> | undefined>,
    what: string,
  ): Decision => {
    const fee = excellusFee(rulebook, decidedUnder, feeCents, input.vatRateBasisPoints);
    const refundCents = max(0, paidCents - fee.grossCents);
    const deadlines: Record<string, LocalDate> = {};
    if (co.status === 'applies' || co.status === 'expired') deadlines['coolingOffUntil'] = co.endsOn;
    const allInterpretationIds = [...coolingOffInterpretationIds, ...interpretationIds];
    return {
      kind: EXCELLUS_DECISION_KINDS.cancellation,
      ruleIds,
      interpretationIds: allInterpretationIds,
      rulebook: ref,
      inputs: jsonInputs({
        ...raw,
        vatRateBasisPoints: fee.rate,
        ...dates,
        coolingOffStatus: co.status,
        coolingOffEndsOn: co.endsOn,
        ...derived,
        ...readingsJson(decidedUnder),
      }),
      ...fee.fields,
      refundCents,
      ...(Object.keys(deadlines).length > 0 ? { deadlines } : {}),
      explanation: `${OFFERING_LABEL[offeringKind]} cancelled ${requestDate}: ${what}; refund ${euro(refundCents)} of ${euro(paidCents)} paid; ${coolingOffNote(co, d.coolingOff.days)} ${citation(ruleIds, allInterpretationIds, ref)}`,
    };
  };

  const coolingOffDecision = (extraRuleIds: string[]) =>
    finish(
      0,
      [...extraRuleIds, 'EXC-4.2'],
      [],
      { feeBasisPoints: 0 },
      `cancelled free of charge within the cooling-off period`,
    );

  switch (offeringKind) {
    case 'contact-course': {
      if (startDate === undefined)
        throw new DecisionInputError('startsAt', 'A contact course cancellation needs the start date');
      if (co.status === 'applies') return coolingOffDecision([]);
      const bands = d.contactCourse.bands.map((band) => ({
        band,
        lastDay:
          'months' in band.beforeStart
            ? addMonths(startDate, -band.beforeStart.months)
            : addDays(startDate, -band.beforeStart.days),
      }));
      const hit = bands.find((b) => compareDates(requestDate, b.lastDay) <= 0);
      const feeBasisPoints = hit ? hit.band.feeBasisPoints : d.contactCourse.laterFeeBasisPoints;
      const feeCents = percentOf(priceCents, feeBasisPoints);
      const ruleIds = [...coolingOffRuleIds(co), 'EXC-4.1', ...(group ? ['EXC-4.1*'] : [])];
      const interpretationIds = hit?.band.interpretationId ? [hit.band.interpretationId] : [];
      const bandText = hit
        ? `on or before ${hit.lastDay} (start ${startDate} minus ${describeOffset(hit.band.beforeStart)})`
        : `after ${bands[bands.length - 1]!.lastDay} (less than ${describeOffset(bands[bands.length - 1]!.band.beforeStart)} before the start ${startDate})`;
      return finish(
        feeCents,
        ruleIds,
        interpretationIds,
        {
          bandLastDays: Object.fromEntries(bands.map((b) => [b.band.id, b.lastDay])),
          band: hit ? hit.band.id : 'later',
          feeBasisPoints,
        },
        `${bandText}: ${formatPercent(feeBasisPoints)} of ${euro(priceCents)}${group ? ' (whole group agreement)' : ''} = ${euro(feeCents)}`,
      );
    }

    case 'exam-only': {
      if (startDate === undefined)
        throw new DecisionInputError('startsAt', 'An exam-only cancellation needs the exam date');
      if (co.status === 'applies') return coolingOffDecision(['EXC-4.3']);
      const lastReducedDay = addDays(startDate, -d.examOnly.reducedFeeDaysBeforeStart);
      const ruleIds = [...coolingOffRuleIds(co), 'EXC-4.3'];
      if (compareDates(requestDate, lastReducedDay) > 0) {
        return finish(
          priceCents,
          ruleIds,
          [],
          { lastReducedFeeDay: lastReducedDay, band: 'later' },
          `after ${lastReducedDay} (less than ${d.examOnly.reducedFeeDaysBeforeStart} days before the exam on ${startDate}): the full price ${euro(priceCents)}`,
        );
      }
      const adminCostsAppliedCents = min(adminCostsCents ?? d.examOnly.adminCostsCents, d.examOnly.adminCostsCapCents);
      // EXC-I4: version 1 read "used" as started; version 2 as "its login details were issued".
      const eLearningUsed = loginDetailsMeanUsed
        ? credentialsIssuedAt !== undefined && issuedBy(credentialsIssuedAt, requestedAt, requestDate)
        : input.eLearningUsed === true;
      if (eLearningUsed && eLearningCostCents === undefined) {
        throw new DecisionInputError(
          'eLearningCostCents',
          'eLearningCostCents is required when an e-learning environment was used',
        );
      }
      const eLearningWeighed =
        loginDetailsMeanUsed && (eLearningCostCents !== undefined || credentialsIssuedAt !== undefined);
      const eLearningChargedCents = eLearningUsed ? eLearningCostCents! : 0;
      const feeCents = min(priceCents, adminCostsAppliedCents + eLearningChargedCents);
      const usedText =
        loginDetailsMeanUsed && eLearningUsed ? ` (login details issued ${toLocalDate(credentialsIssuedAt!)})` : '';
      return finish(
        feeCents,
        ruleIds,
        eLearningWeighed ? ['EXC-I4'] : [],
        {
          lastReducedFeeDay: lastReducedDay,
          band: 'up-to-6-weeks',
          adminCostsAppliedCents,
          adminCostsCapCents: d.examOnly.adminCostsCapCents,
          ...(eLearningWeighed ? { eLearningEnvironmentUsed: eLearningUsed } : {}),
          eLearningChargedCents,
        },
        `on or before ${lastReducedDay} (${d.examOnly.reducedFeeDaysBeforeStart} days before the exam on ${startDate}): administration costs ${euro(adminCostsAppliedCents)}` +
          (eLearningUsed ? ` + e-learning ${euro(eLearningChargedCents)}${usedText}` : '') +
          ` = ${euro(feeCents)}`,
      );
    }

    case 'e-learning': {
      if (credentialsIssuedAt !== undefined) {
        if (issuedBy(credentialsIssuedAt, requestedAt, requestDate)) {
          throw new RuleViolation(
            'CANCELLATION_NOT_ALLOWED',
            'EXC-4.4',
            'E-learning cannot be cancelled once the login credentials were issued',
            {
              credentialsIssuedAt,
              requestedAt,
            },
          );
        }
      }
      if (co.status !== 'applies') {
        throw new RuleViolation(
          'CANCELLATION_NOT_ALLOWED',
          'EXC-4.4',
          `E-learning without issued credentials can only be cancelled under the statutory ${d.coolingOff.days} days: ${coolingOffNote(co, d.coolingOff.days)}`,
          { coolingOffStatus: co.status, coolingOffEndsOn: co.endsOn, requestDate },
        );
      }
      return finish(
        0,
        ['EXC-4.4', 'EXC-4.2'],
        [],
        { feeBasisPoints: 0 },
        'no login credentials issued yet, cancelled free of charge within the statutory period',
      );
    }

    case 'material': {
      if (customerKind !== 'consumer') {
        throw new RuleViolation(
          'CANCELLATION_NOT_ALLOWED',
          'EXC-4.5',
          'The 14-day right to dissolve a distance purchase of course material is a consumer right',
        );
      }
      const windowEndsOn =
        materialReceivedOn === undefined ? undefined : addDays(materialReceivedOn, d.material.withdrawalDays);
      if (windowEndsOn !== undefined && compareDates(requestDate, windowEndsOn) > 0) {
        throw new RuleViolation(
          'CANCELLATION_NOT_ALLOWED',
          'EXC-4.5',
          `The ${d.material.withdrawalDays} days to dissolve the purchase ran from the day after receipt (${materialReceivedOn}) until ${windowEndsOn}`,
          { materialReceivedOn: materialReceivedOn!, windowEndsOn, requestDate },
        );
      }
      return finish(
        0,
        ['EXC-4.5'],
        [],
        { withdrawalWindowEndsOn: windowEndsOn, feeBasisPoints: 0 },
        windowEndsOn === undefined
          ? 'material not yet received, purchase dissolved free of charge'
          : `within ${d.material.withdrawalDays} days from the day after receipt on ${materialReceivedOn} (until ${windowEndsOn}), purchase dissolved free of charge`,
      );
    }
  }
}

function describeOffset(offset: { months: number } | { days: number }): string {
  if ('months' in offset) return `${offset.months} month${offset.months === 1 ? '' : 's'}`;
  return `${offset.days} days`;
}

// ---------------------------------------------------------------------------------------------
// EXC-4.2b substitution by a colleague
// ---------------------------------------------------------------------------------------------

export interface ExcellusSubstitutionInput extends ExcellusReadingsRequest {
  requestedAt: Instant | LocalDate;
  originalLearnerId: string;
  substituteLearnerId: string;
  /** The customer the enrolment is invoiced to; the invoice stays there. */
  invoiceCustomerId: string;
}

export interface ExcellusSubstitutionDecision extends Decision {
  /** EXC-4.2b: the invoice stays with the original registrant. */
  invoiceCustomerId: string;
}

export function decideExcellusSubstitution(
  rulebook: ExcellusRulebook,
  input: ExcellusSubstitutionInput,
  decidedUnder: DecisionReadings = readingsForNewDecision(EXCELLUS_READINGS.substitution, input.readings),
): ExcellusSubstitutionDecision {
  const requestedAt = requireInstantOrDate(input.requestedAt, 'requestedAt');
  for (const field of ['originalLearnerId', 'substituteLearnerId', 'invoiceCustomerId'] as const) {
    if (typeof input[field] !== 'string' || input[field].length === 0)
      throw new DecisionInputError(field, `${field} is required`);
  }
  if (input.originalLearnerId === input.substituteLearnerId) {
    throw new DecisionInputError('substituteLearnerId', 'The substitute must be another learner');
  }
  const ref = excellusRef(rulebook);
  const ruleIds = ['EXC-4.2b'];
  return {
    kind: EXCELLUS_DECISION_KINDS.substitution,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: {
      requestedAt,
      originalLearnerId: input.originalLearnerId,
      substituteLearnerId: input.substituteLearnerId,
      invoiceCustomerId: input.invoiceCustomerId,
      ...readingsJson(decidedUnder),
    },
    allowed: true,
    ...excellusFee(rulebook, decidedUnder, 0).fields,
    invoiceCustomerId: input.invoiceCustomerId,
    explanation: `A colleague takes the place at no charge; the invoice stays with the original registrant ${citation(ruleIds, [], ref)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// EXC-4.9 Excellus cancels
// ---------------------------------------------------------------------------------------------

export interface ExcellusProviderCancellationInput extends ExcellusReadingsRequest {
  cancelledAt: Instant | LocalDate;
  paidCents: Cents;
}

export function decideExcellusProviderCancellation(
  rulebook: ExcellusRulebook,
  input: ExcellusProviderCancellationInput,
  decidedUnder: DecisionReadings = readingsForNewDecision(EXCELLUS_READINGS.providerCancellation, input.readings),
): Decision {
  const cancelledAt = requireInstantOrDate(input.cancelledAt, 'cancelledAt');
  const paidCents = requireCents(input.paidCents, 'paidCents');
  const ref = excellusRef(rulebook);
  const ruleIds = ['EXC-4.9'];
  return {
    kind: EXCELLUS_DECISION_KINDS.providerCancellation,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: { cancelledAt, paidCents, ...readingsJson(decidedUnder) },
    ...excellusFee(rulebook, decidedUnder, 0).fields,
    refundCents: paidCents,
    explanation: `Excellus cancelled on ${toLocalDate(cancelledAt)}: everything paid (${euro(paidCents)}) is refunded ${citation(ruleIds, [], ref)}`,
  };
}
