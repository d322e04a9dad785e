/**
 * Money rules: PP-15.1 provider cancellation, PP-7.3 permanent force majeure, PP-5.2 price change,
 * PP-5.3 due date, PP-5.4 late-payment interest, PP-5.7 suspension; INTERP PP-I11..I13, PP-I17.
 */
import { addDays, addMonths, compareDates, compareInstants, toLocalDate } from '../../../calendar';
import type { LocalDate } from '../../../calendar';
import { RuleViolation, feeMoneyText, feeOfGross } from '../../../decision';
import type { Decision } from '../../../decision';
import { percentOf, prorate } from '../../../money';
import {
  MONEY_READING,
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  readingsOfRecordedInputs,
  type DecisionReadings,
} from '../../../contract/readings';
import type { PlusportRulebook } from './common';
import { COMPONENT_LABEL, moneyRuleV2, plusportFee, plusportFeeFields } from './common';
import {
  PlusportInputError,
  asArray,
  asObject,
  citation,
  euro,
  formatPercent,
  json,
  readBoolean,
  readCents,
  readInstant,
  readInstantOrDate,
  readLocalDate,
  readOneOf,
  readOptionalCents,
  readOptionalInstant,
} from './json';
import type { JsonObject } from './json';
import {
  PLUSPORT_COMPONENT_KINDS,
  PLUSPORT_CUSTOMER_KINDS,
  type PlusportForceMajeureInput,
  type PlusportInvoiceDueDateInput,
  type PlusportLatePaymentInput,
  type PlusportPriceChangeInput,
  type PlusportProviderCancellationInput,
  type PlusportSuspensionInput,
} from './types';

export const PLUSPORT_PROVIDER_CANCELLATION_KIND = 'provider-cancellation';
export const PLUSPORT_FORCE_MAJEURE_KIND = 'force-majeure-refund';
export const PLUSPORT_PRICE_CHANGE_KIND = 'price-change';
export const PLUSPORT_INVOICE_DUE_DATE_KIND = 'invoice-due-date';
export const PLUSPORT_LATE_PAYMENT_KIND = 'late-payment';
export const PLUSPORT_SUSPENSION_KIND = 'delivery-suspension';

const ref = (rb: PlusportRulebook) => ({ id: rb.id, version: rb.version });

// ---- PP-15.1 --------------------------------------------------------------------------------

const PROVIDER_CANCELLATION_READINGS = readingIdsOf('plusport', PLUSPORT_PROVIDER_CANCELLATION_KIND);
const FORCE_MAJEURE_READINGS = readingIdsOf('plusport', PLUSPORT_FORCE_MAJEURE_KIND);

type NormalizedProviderCancellation = Required<Omit<PlusportProviderCancellationInput, 'readings'>> & {
  decidedUnder: DecisionReadings;
};

export function parsePlusportProviderCancellationInput(
  inputs: JsonObject,
  decidedUnder: DecisionReadings = readingsOfRecordedInputs(inputs, PROVIDER_CANCELLATION_READINGS),
): NormalizedProviderCancellation {
  return { cancelledAt: readInstant(inputs, 'cancelledAt'), paidCents: readCents(inputs, 'paidCents'), decidedUnder };
}

function providerCancellation(rb: PlusportRulebook, n: NormalizedProviderCancellation): Decision {
  const ruleIds = ['PP-15.1'];
  const stated = plusportFeeFields(rb, n.decidedUnder, plusportFee(rb, 0));
  return {
    kind: PLUSPORT_PROVIDER_CANCELLATION_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({
      cancelledAt: n.cancelledAt,
      paidCents: n.paidCents,
      ...stated.inputs,
      ...readingsJson(n.decidedUnder),
    }),
    ...stated.fields,
    refundCents: n.paidCents,
    explanation: `Course cancelled by PlusPort (too few registrations): all ${euro(n.paidCents)} paid is refunded ${citation(ruleIds, rb)}`,
  };
}

/** PlusPort cancels the course: refund = everything paid for the booking. */
export function decidePlusportProviderCancellation(
  rb: PlusportRulebook,
  input: PlusportProviderCancellationInput,
): Decision {
  return providerCancellation(
    rb,
    parsePlusportProviderCancellationInput(
      json({ cancelledAt: input.cancelledAt, paidCents: input.paidCents }),
      readingsForNewDecision(PROVIDER_CANCELLATION_READINGS, input.readings),
    ),
  );
}

export function plusportProviderCancellationFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return providerCancellation(rb, parsePlusportProviderCancellationInput(inputs));
}

// ---- PP-7.3 ---------------------------------------------------------------------------------

type NormalizedForceMajeure = Required<Omit<PlusportForceMajeureInput, 'readings'>> & {
  decidedUnder: DecisionReadings;
};

export function parsePlusportForceMajeureInput(
  inputs: JsonObject,
  decidedUnder: DecisionReadings = readingsOfRecordedInputs(inputs, FORCE_MAJEURE_READINGS),
): NormalizedForceMajeure {
  const components = asArray(inputs['components'], 'components').map((v, i) => {
    const o = asObject(v, `components[${i}]`);
    return {
      kind: readOneOf(o, 'kind', PLUSPORT_COMPONENT_KINDS, `components[${i}].kind`),
      priceCents: readCents(o, 'priceCents', `components[${i}].priceCents`),
      delivered: readBoolean(o, 'delivered', `components[${i}].delivered`),
    };
  });
  if (components.length === 0) throw new PlusportInputError('components must not be empty', 'components');
  if (components.every((c) => c.priceCents === 0))
    throw new PlusportInputError('components must have a price', 'components');
  return {
    declaredAt: readInstant(inputs, 'declaredAt'),
    components,
    invoiceTotalCents: readCents(inputs, 'invoiceTotalCents'),
    paidCents: readCents(inputs, 'paidCents'),
    supplierCostsCents: readOptionalCents(inputs, 'supplierCostsCents') ?? 0,
    decidedUnder,
  };
}

function forceMajeureJson(n: PlusportForceMajeureInput): JsonObject {
  return json({
    declaredAt: n.declaredAt,
    components: n.components.map((c) => json({ kind: c.kind, priceCents: c.priceCents, delivered: c.delivered })),
    invoiceTotalCents: n.invoiceTotalCents,
    paidCents: n.paidCents,
    supplierCostsCents: n.supplierCostsCents,
  });
}

function forceMajeure(rb: PlusportRulebook, n: NormalizedForceMajeure): Decision {
  const bp = rb.data.forceMajeure.retentionBasisPoints;
  const ruleIds = ['PP-7.3'];
  const interpretationIds = [rb.data.interpretations.forceMajeureProRata];
  const totalNetCents = n.components.reduce((s, c) => s + c.priceCents, 0);
  const undeliveredNetCents = n.components.filter((c) => !c.delivered).reduce((s, c) => s + c.priceCents, 0);
  // INTERP PP-I12: the paid amount attributable to undelivered components, pro rata to net prices.
  const paidForUndeliveredCents = prorate(n.paidCents, undeliveredNetCents, totalNetCents);
  const retentionCents = percentOf(n.invoiceTotalCents, bp);
  // "less than 20 % of the total invoice value paid": exact, no rounding.
  const belowThreshold = n.paidCents * 10_000 < n.invoiceTotalCents * bp;
  const refundCents = belowThreshold ? 0 : Math.max(0, paidForUndeliveredCents - retentionCents - n.supplierCostsCents);
  // What PlusPort keeps of the prepayment for undelivered components is a gross amount (MONEY-I1: VAT is its share).
  const kept = feeOfGross(paidForUndeliveredCents - refundCents, rb.vatRateBasisPoints);
  const stated = plusportFeeFields(rb, n.decidedUnder, kept);
  const undelivered = n.components.filter((c) => !c.delivered).map((c) => COMPONENT_LABEL[c.kind].toLowerCase());
  const pct = formatPercent(bp);
  const text = belowThreshold
    ? `Permanent force majeure: ${euro(n.paidCents)} paid is less than ${pct} % of the invoice value ${euro(n.invoiceTotalCents)}: no refund`
    : `Permanent force majeure (undelivered: ${undelivered.join(', ') || 'none'}): ${euro(paidForUndeliveredCents)} paid for undelivered components - ${pct} % of ${euro(
        n.invoiceTotalCents,
      )} (${euro(retentionCents)}) - supplier costs ${euro(n.supplierCostsCents)} = refund ${euro(refundCents)}`;
  return {
    kind: PLUSPORT_FORCE_MAJEURE_KIND,
    ruleIds,
    interpretationIds: [
      ...interpretationIds,
      ...(moneyRuleV2(n.decidedUnder) && kept.feeVatCents > 0 ? [MONEY_READING] : []),
    ],
    rulebook: ref(rb),
    inputs: json({
      ...forceMajeureJson(n),
      totalNetCents,
      undeliveredNetCents,
      paidForUndeliveredCents,
      retentionBasisPoints: bp,
      retentionCents,
      paidBelowRetentionThreshold: belowThreshold,
      ...stated.inputs,
      ...readingsJson(n.decidedUnder),
    }),
    ...(moneyRuleV2(n.decidedUnder) ? stated.fields : { feeCents: kept.feeGrossCents }),
    refundCents,
    explanation: `${text}${moneyRuleV2(n.decidedUnder) && kept.feeGrossCents > 0 ? `; kept ${feeMoneyText(kept)}` : ''} ${citation(ruleIds, rb)}`,
  };
}

/**
 * Permanent force majeure: refund = max(0, paid for undelivered components - 20 % x invoice total
 * - supplier costs); nothing when less than 20 % of the invoice value was paid. `feeCents` is the
 * part of the undelivered prepayment PlusPort keeps.
 */
export function decidePlusportForceMajeureRefund(rb: PlusportRulebook, input: PlusportForceMajeureInput): Decision {
  return forceMajeure(
    rb,
    parsePlusportForceMajeureInput(
      forceMajeureJson(input),
      readingsForNewDecision(FORCE_MAJEURE_READINGS, input.readings),
    ),
  );
}

export function plusportForceMajeureFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return forceMajeure(rb, parsePlusportForceMajeureInput(inputs));
}

// ---- PP-5.2 ---------------------------------------------------------------------------------

export function parsePlusportPriceChangeInput(inputs: JsonObject): PlusportPriceChangeInput {
  const n = {
    agreementAt: readInstantOrDate(inputs, 'agreementAt'),
    changedAt: readInstantOrDate(inputs, 'changedAt'),
    oldPriceCents: readCents(inputs, 'oldPriceCents'),
    newPriceCents: readCents(inputs, 'newPriceCents'),
  };
  if (n.oldPriceCents === 0) throw new PlusportInputError('oldPriceCents must be positive', 'oldPriceCents');
  if (compareInstants(n.changedAt, n.agreementAt) < 0)
    throw new PlusportInputError('changedAt is before agreementAt', 'changedAt');
  return n;
}

function priceChange(rb: PlusportRulebook, n: PlusportPriceChangeInput): Decision {
  const p = rb.data.priceChange;
  const ruleIds = ['PP-5.2'];
  const increaseCents = n.newPriceCents - n.oldPriceCents;
  // Exact comparison: increase / old >= threshold (no rounding).
  const reachesThreshold = increaseCents * 10_000 >= n.oldPriceCents * p.thresholdBasisPoints;
  const agreementDate = toLocalDate(n.agreementAt);
  const changeDate = toLocalDate(n.changedAt);
  const windowEndsOn = addMonths(agreementDate, p.windowMonths);
  const withinWindow = compareDates(changeDate, windowEndsOn) <= 0;
  const granted = reachesThreshold && withinWindow;
  const increaseBasisPoints = prorate(increaseCents, 10_000, n.oldPriceCents);
  const change =
    increaseCents >= 0
      ? `Price raised ${formatPercent(increaseBasisPoints)} % (${euro(n.oldPriceCents)} to ${euro(n.newPriceCents)})`
      : `Price lowered (${euro(n.oldPriceCents)} to ${euro(n.newPriceCents)})`;
  const when = `on ${changeDate}, ${withinWindow ? 'within' : 'more than'} ${p.windowMonths} months after the agreement of ${agreementDate} (window ends ${windowEndsOn})`;
  const outcome = granted
    ? 'the customer may dissolve the agreement, paying for what was already performed'
    : `no dissolution right (needs an increase of at least ${formatPercent(p.thresholdBasisPoints)} % within ${p.windowMonths} months)`;
  return {
    kind: PLUSPORT_PRICE_CHANGE_KIND,
    ruleIds,
    interpretationIds: [rb.data.interpretations.priceChangeWindow],
    rulebook: ref(rb),
    inputs: json({
      ...n,
      increaseCents,
      increaseBasisPoints,
      thresholdBasisPoints: p.thresholdBasisPoints,
      windowEndsOn,
      withinWindow,
      reachesThreshold,
    }),
    allowed: granted,
    explanation: `${change} ${when}: ${outcome} ${citation(ruleIds, rb)}`,
  };
}

/** Price change: `allowed` = the affected booking gets a right to dissolve (increase >= 10 % within 3 months). */
export function decidePlusportPriceChange(rb: PlusportRulebook, input: PlusportPriceChangeInput): Decision {
  return priceChange(rb, parsePlusportPriceChangeInput(json({ ...input })));
}

export function plusportPriceChangeFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return priceChange(rb, parsePlusportPriceChangeInput(inputs));
}

// ---- PP-5.3 ---------------------------------------------------------------------------------

export function parsePlusportInvoiceDueDateInput(inputs: JsonObject): PlusportInvoiceDueDateInput {
  const n: PlusportInvoiceDueDateInput = { invoiceDate: readLocalDate(inputs, 'invoiceDate') };
  const startsAt = readOptionalInstant(inputs, 'startsAt');
  if (startsAt !== undefined) n.startsAt = startsAt;
  return n;
}

function invoiceDueDate(rb: PlusportRulebook, n: PlusportInvoiceDueDateInput): Decision {
  const ruleIds = ['PP-5.3'];
  let dueDate: LocalDate;
  let text: string;
  const deadlines: Record<string, string> = {};
  if (n.startsAt === undefined) {
    dueDate = n.invoiceDate;
    text = `Invoice of ${n.invoiceDate} for a course without a later start: due at once, due date ${dueDate}`;
  } else {
    // INTERP PP-I11: payable before the start; the last full day for payment is the day before the start date.
    const dayBefore = addDays(toLocalDate(n.startsAt), -1);
    dueDate = compareDates(dayBefore, n.invoiceDate) < 0 ? n.invoiceDate : dayBefore;
    deadlines['dueBefore'] = n.startsAt;
    text = `Invoice of ${n.invoiceDate} must be paid before the course starts (${n.startsAt}), without set-off: due date ${dueDate}`;
  }
  deadlines['dueDate'] = dueDate;
  return {
    kind: PLUSPORT_INVOICE_DUE_DATE_KIND,
    ruleIds,
    interpretationIds: [rb.data.interpretations.dueDate],
    rulebook: ref(rb),
    inputs: json({ invoiceDate: n.invoiceDate, startsAt: n.startsAt, dueDate }),
    deadlines,
    explanation: `${text} ${citation(ruleIds, rb)}`,
  };
}

/** Invoice due date: `deadlines.dueBefore` = the course start, `deadlines.dueDate` = the last day to pay (INTERP PP-I11). */
export function decidePlusportInvoiceDueDate(rb: PlusportRulebook, input: PlusportInvoiceDueDateInput): Decision {
  return invoiceDueDate(
    rb,
    parsePlusportInvoiceDueDateInput(json({ invoiceDate: input.invoiceDate, startsAt: input.startsAt })),
  );
}

export function plusportInvoiceDueDateFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return invoiceDueDate(rb, parsePlusportInvoiceDueDateInput(inputs));
}

// ---- PP-5.4 ---------------------------------------------------------------------------------

export function parsePlusportLatePaymentInput(inputs: JsonObject): PlusportLatePaymentInput {
  return {
    dueDate: readLocalDate(inputs, 'dueDate'),
    asOf: readInstantOrDate(inputs, 'asOf'),
    outstandingCents: readCents(inputs, 'outstandingCents'),
    customerKind: readOneOf(inputs, 'customerKind', PLUSPORT_CUSTOMER_KINDS),
  };
}

function latePayment(rb: PlusportRulebook, n: PlusportLatePaymentInput): Decision {
  const ruleIds = ['PP-5.4'];
  const asOfDate = toLocalDate(n.asOf);
  if (n.outstandingCents === 0 || compareDates(asOfDate, n.dueDate) <= 0) {
    throw new RuleViolation(
      'INVOICE_NOT_OVERDUE',
      'PP-5.4',
      `Nothing is overdue on ${asOfDate}: due date ${n.dueDate}, outstanding ${euro(n.outstandingCents)}`,
      {
        dueDate: n.dueDate,
      },
    );
  }
  const interestFrom = addDays(n.dueDate, 1);
  const rate = n.customerKind === 'consumer' ? 'consumer' : 'commercial';
  const article = n.customerKind === 'consumer' ? 'art. 6:119 BW' : 'art. 6:119a BW';
  return {
    kind: PLUSPORT_LATE_PAYMENT_KIND,
    ruleIds,
    interpretationIds: [rb.data.interpretations.dueDate],
    rulebook: ref(rb),
    inputs: json({ ...n, interestFrom, interestRate: rate, noticeRequired: false }),
    deadlines: { interestFrom },
    explanation: `Invoice due ${n.dueDate} unpaid on ${asOfDate} (${euro(n.outstandingCents)} outstanding): statutory ${rate} interest (${article}) from ${interestFrom}, no notice needed ${citation(
      ruleIds,
      rb,
    )}`,
  };
}

/** Late payment: statutory interest runs from `deadlines.interestFrom` (= the day after the due date) without notice. */
export function decidePlusportLatePayment(rb: PlusportRulebook, input: PlusportLatePaymentInput): Decision {
  return latePayment(rb, parsePlusportLatePaymentInput(json({ ...input })));
}

export function plusportLatePaymentFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return latePayment(rb, parsePlusportLatePaymentInput(inputs));
}

// ---- PP-5.7 ---------------------------------------------------------------------------------

export function parsePlusportSuspensionInput(inputs: JsonObject): PlusportSuspensionInput {
  return { asOf: readInstantOrDate(inputs, 'asOf'), outstandingCents: readCents(inputs, 'outstandingCents') };
}

function suspension(rb: PlusportRulebook, n: PlusportSuspensionInput): Decision {
  const ruleIds = ['PP-5.7'];
  const unpaid = n.outstandingCents > 0;
  return {
    kind: PLUSPORT_SUSPENSION_KIND,
    ruleIds,
    interpretationIds: [rb.data.interpretations.suspensionWhileUnpaid],
    rulebook: ref(rb),
    inputs: json({ ...n, accessState: unpaid ? 'suspended-unpaid' : 'active' }),
    allowed: unpaid,
    explanation: unpaid
      ? `Invoice unpaid on ${toLocalDate(n.asOf)} (${euro(n.outstandingCents)} outstanding): delivery may be suspended (access suspended-unpaid) ${citation(ruleIds, rb)}`
      : `Invoice paid on ${toLocalDate(n.asOf)}: no ground to suspend delivery ${citation(ruleIds, rb)}`,
  };
}

/** Suspension while unpaid: `allowed` = delivery may be suspended; `inputs.accessState`. */
export function decidePlusportSuspension(rb: PlusportRulebook, input: PlusportSuspensionInput): Decision {
  return suspension(rb, parsePlusportSuspensionInput(json({ ...input })));
}

export function plusportSuspensionFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return suspension(rb, parsePlusportSuspensionInput(inputs));
}
