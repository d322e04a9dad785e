/**
 * PlusPort on a running agreement: PP-5.5 dissolution for non-payment, charging what PlusPort
 * already performed; PP-7.4 a new exam date after force majeure that concerns the exam.
 */
import { compareDates, compareInstants, toLocalDate } from '../../../calendar';
import { RuleViolation, type Decision } from '../../../decision';
import type { PlusportRulebook } from './common';
import { COMPONENT_LABEL, plusportFee } from './common';
import {
  asArray,
  asObject,
  citation,
  euro,
  json,
  readCents,
  readInstant,
  readLocalDate,
  readOneOf,
  readOptionalInstant,
  unique,
} from './json';
import type { JsonObject } from './json';
import { PLUSPORT_COMPONENT_KINDS, PLUSPORT_DATED_COMPONENT_KINDS, type PlusportComponentKind } from './types';

export const PLUSPORT_NON_PAYMENT_DISSOLUTION_KIND = 'non-payment-dissolution';
export const PLUSPORT_FORCE_MAJEURE_NEW_DATE_KIND = 'force-majeure-new-date';

const ref = (rb: PlusportRulebook) => ({ id: rb.id, version: rb.version });

// ---- PP-5.5 ---------------------------------------------------------------------------------

export interface PlusportNonPaymentDissolutionInput {
  requestedAt: string;
  /** Due date of the registration invoice (PP-5.3). */
  dueDate: string;
  /** Gross still unpaid on it. */
  outstandingCents: number;
  /** Gross paid on it and kept. */
  paidCents: number;
  components: ReadonlyArray<{ kind: PlusportComponentKind; priceCents: number }>;
  /** The components PlusPort already performed (delivered), charged in full. */
  performedComponents: readonly PlusportComponentKind[];
}

function nonPaymentDissolution(rb: PlusportRulebook, inputs: JsonObject): Decision {
  const requestedAt = readInstant(inputs, 'requestedAt');
  const dueDate = readLocalDate(inputs, 'dueDate');
  const outstandingCents = readCents(inputs, 'outstandingCents');
  const paidCents = readCents(inputs, 'paidCents');
  const components = asArray(inputs['components'], 'components').map((value, i) => {
    const c = asObject(value, `components[${i}]`);
    return {
      kind: readOneOf(c, 'kind', PLUSPORT_COMPONENT_KINDS, `components[${i}].kind`),
      priceCents: readCents(c, 'priceCents', `components[${i}].priceCents`),
    };
  });
  const performed = unique(
    asArray(inputs['performedComponents'], 'performedComponents').map((v, i) =>
      readOneOf({ v }, 'v', PLUSPORT_COMPONENT_KINDS, `performedComponents[${i}]`),
    ),
  ) as PlusportComponentKind[];
  const ruleIds = ['PP-5.5'];
  const requestedOn = toLocalDate(requestedAt);
  if (outstandingCents === 0 || compareDates(requestedOn, dueDate) <= 0)
    throw new RuleViolation(
      'NOT_PAID_LATE',
      'PP-5.5',
      `PlusPort may dissolve for non-payment only after the due date with money outstanding: due ${dueDate}, ` +
        `outstanding ${euro(outstandingCents)} on ${requestedOn}`,
      { dueDate, outstandingCents },
    );
  const performedNetCents = components
    .filter((c) => performed.includes(c.kind))
    .reduce((sum, c) => sum + c.priceCents, 0);
  const fee = plusportFee(rb, performedNetCents);
  const refundCents = Math.max(0, paidCents - fee.feeGrossCents);
  const performedText =
    performed.length === 0
      ? 'nothing was performed yet: nothing stays charged'
      : `${performed.map((k) => COMPONENT_LABEL[k]).join(', ')} performed: ${euro(fee.feeGrossCents)} stays charged`;
  return {
    kind: PLUSPORT_NON_PAYMENT_DISSOLUTION_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({
      requestedAt,
      dueDate,
      outstandingCents,
      paidCents,
      components: components.map((c) => ({ ...c })),
      performedComponents: performed,
      vatRateBasisPoints: rb.vatRateBasisPoints,
    }),
    allowed: true,
    ...fee,
    refundCents,
    explanation:
      `The invoice due ${dueDate} was not paid in time (${euro(outstandingCents)} outstanding on ${requestedOn}): ` +
      `PlusPort dissolves the agreement; ${performedText}` +
      (refundCents > 0 ? `, ${euro(refundCents)} paid beyond it is refunded` : '') +
      `. Damages, which the terms also allow, are not computed by the ledger ${citation(ruleIds, rb)}`,
  };
}

export const decidePlusportNonPaymentDissolution = (
  rb: PlusportRulebook,
  input: PlusportNonPaymentDissolutionInput,
): Decision =>
  nonPaymentDissolution(
    rb,
    json({
      ...input,
      components: input.components.map((c) => ({ ...c })),
      performedComponents: [...input.performedComponents],
    }),
  );
export const plusportNonPaymentDissolutionFromJson = nonPaymentDissolution;

// ---- PP-7.4 ---------------------------------------------------------------------------------

export interface PlusportForceMajeureNewDateInput {
  declaredAt: string;
  /** The booking's dated component (the exam, for PP-7.4 to apply). */
  component: (typeof PLUSPORT_DATED_COMPONENT_KINDS)[number];
  fromStartsAt: string;
  /** null: the exam supplier has no new date yet. */
  newStartsAt: string | null;
}

function forceMajeureNewDate(rb: PlusportRulebook, inputs: JsonObject): Decision {
  const declaredAt = readInstant(inputs, 'declaredAt');
  const component = readOneOf(inputs, 'component', PLUSPORT_DATED_COMPONENT_KINDS);
  const fromStartsAt = readInstant(inputs, 'fromStartsAt');
  const newStartsAt = readOptionalInstant(inputs, 'newStartsAt') ?? null;
  const ruleIds = ['PP-7.4'];
  if (component !== 'exam')
    throw new RuleViolation(
      'NEW_DATE_ONLY_FOR_AN_EXAM',
      'PP-7.4',
      `A new date after force majeure is set for an exam; this booking's ${COMPONENT_LABEL[component].toLowerCase()} ` +
        'is not one (force majeure that prevents it for good is PP-7.3)',
      { component },
    );
  if (newStartsAt !== null && compareInstants(newStartsAt, declaredAt) <= 0)
    throw new RuleViolation(
      'NEW_DATE_NOT_AFTER_DECLARATION',
      'PP-7.4',
      'The new exam date must lie after the declaration',
      {
        declaredAt,
        newStartsAt,
      },
    );
  const fee = plusportFee(rb, 0);
  return {
    kind: PLUSPORT_FORCE_MAJEURE_NEW_DATE_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref(rb),
    inputs: json({ declaredAt, component, fromStartsAt, newStartsAt }),
    allowed: true,
    ...fee,
    ...(newStartsAt !== null ? { deadlines: { newStartsOn: toLocalDate(newStartsAt) } } : {}),
    explanation:
      `Force majeure concerns the exam of ${toLocalDate(fromStartsAt)} (declared ${toLocalDate(declaredAt)}): ` +
      (newStartsAt !== null
        ? `the exam supplier set a new date, ${toLocalDate(newStartsAt)}, at no cost`
        : 'the exam supplier tries to set another time or day; the booking waits for it, at no cost') +
      ` (not the learner's reschedule) ${citation(ruleIds, rb)}`,
  };
}

export const decidePlusportForceMajeureNewDate = (
  rb: PlusportRulebook,
  input: PlusportForceMajeureNewDateInput,
): Decision => forceMajeureNewDate(rb, json({ ...input }));
export const plusportForceMajeureNewDateFromJson = forceMajeureNewDate;
