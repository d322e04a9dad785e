/**
 * How an Excellus agreement is paid when it is not one payment before the start:
 * - EXC-10.2: instalments the agreement sets (shares and due dates), within EXC-10.3 (all paid
 *   before the start; the full amount may be required 10 days before it). The seed names no
 *   surcharge for paying in instalments, and the ledger charges none.
 * - EXC-10.4: material bought without education is paid on delivery at the latest; at most half of
 *   the price may be required in advance, where the agreement says so.
 */
import { addDays, compareDates, toLocalDate, type LocalDate } from '../../../calendar';
import { DEFAULT_PAYMENT_TERM_DAYS, DEFAULT_PAYMENT_TERM_INTERPRETATION } from '../../../contract/defaults';
import { RuleViolation, feeOnNet, type Decision, type JsonValue } from '../../../decision';
import { splitByWeights, type Cents } from '../../../money';
import {
  DecisionInputError,
  citation,
  euro,
  formatPercent,
  jsonInputs,
  readInstant,
  readInteger,
  readOptionalInstant,
  type JsonInputs,
} from '../../vli/decisions/decision-inputs';
import { componentsJson, readComponents, totalPriceCents, type PricedComponent } from './agreement-inputs';
import { EXCELLUS_DECISION_KINDS, excellusRef, type ExcellusRulebook } from './common';

/** Basis points of a whole price. */
const WHOLE = 10_000;
/** EXC-10.2 sets no number; the ledger takes at most 12 instalments. */
const MAX_INSTALMENTS = 12;

export interface ExcellusInstalmentTermInput {
  basisPoints: number;
  dueDaysAfterRegistration: number;
}

/** One instalment as decided: its lines per component (net) and its due date. */
export interface DecidedInstalment {
  dueDate: LocalDate;
  lines: Array<{ kind: string; netCents: Cents }>;
}

export interface ExcellusInstalmentPlanInput {
  registeredAt: string;
  /** The start of a dated course (EXC-10.3 bounds the due dates); absent for e-learning. */
  startsAt?: string;
  components: readonly PricedComponent[];
  plan: readonly ExcellusInstalmentTermInput[];
  vatRateBasisPoints: number;
}

export function decideExcellusInstalmentPlan(rulebook: ExcellusRulebook, input: ExcellusInstalmentPlanInput): Decision {
  return instalmentPlan(
    rulebook,
    jsonInputs({
      ...input,
      components: componentsJson(input.components),
      plan: input.plan.map((t) => ({
        basisPoints: t.basisPoints,
        dueDaysAfterRegistration: t.dueDaysAfterRegistration,
      })),
    } as Record<string, JsonValue>),
  );
}

function readPlan(inputs: JsonInputs): ExcellusInstalmentTermInput[] {
  const plan = inputs['plan'];
  if (!Array.isArray(plan) || plan.length < 2 || plan.length > MAX_INSTALMENTS)
    throw new DecisionInputError('plan', `plan must list 2 to ${MAX_INSTALMENTS} instalments`);
  const terms = plan.map((term, i) => {
    if (typeof term !== 'object' || term === null || Array.isArray(term))
      throw new DecisionInputError(`plan[${i}]`, `plan[${i}] must be { basisPoints, dueDaysAfterRegistration }`);
    const basisPoints = readInteger(term as JsonInputs, 'basisPoints');
    const dueDaysAfterRegistration = readInteger(term as JsonInputs, 'dueDaysAfterRegistration');
    if (basisPoints < 1) throw new DecisionInputError(`plan[${i}].basisPoints`, 'an instalment has a share above 0');
    if (dueDaysAfterRegistration < 0)
      throw new DecisionInputError(
        `plan[${i}].dueDaysAfterRegistration`,
        'an instalment falls due on or after the registration',
      );
    return { basisPoints, dueDaysAfterRegistration };
  });
  const total = terms.reduce((sum, t) => sum + t.basisPoints, 0);
  if (total !== WHOLE)
    throw new DecisionInputError('plan', `the shares must sum to ${WHOLE} basis points (100 %), not ${total}`);
  terms.forEach((t, i) => {
    if (i > 0 && t.dueDaysAfterRegistration < terms[i - 1]!.dueDaysAfterRegistration)
      throw new DecisionInputError(`plan[${i}].dueDaysAfterRegistration`, 'instalments fall due in their order');
  });
  return terms;
}

/** Each component split over the shares (largest remainder, so every component sums exactly). */
function splitComponents(components: readonly PricedComponent[], shares: readonly number[]) {
  const parts = components.map((c) => splitByWeights(c.priceCents, shares));
  return shares.map((_, i) =>
    components.map((c, k) => ({ kind: c.kind, netCents: parts[k]![i]! })).filter((l) => l.netCents > 0),
  );
}

function instalmentPlan(rulebook: ExcellusRulebook, inputs: JsonInputs): Decision {
  const registeredAt = readInstant(inputs, 'registeredAt');
  const startsAt = readOptionalInstant(inputs, 'startsAt');
  const components = readComponents(inputs, 'components');
  const plan = readPlan(inputs);
  const vatRateBasisPoints = readInteger(inputs, 'vatRateBasisPoints');
  const registrationDate = toLocalDate(registeredAt);
  // EXC-10.3 (which EXC-10.2 defers to): everything paid 10 days before the start; registered
  // later than that, at once.
  let latestDueDate: LocalDate | undefined;
  if (startsAt !== undefined) {
    const ruleDueDate = addDays(toLocalDate(startsAt), -rulebook.data.payment.dueDaysBeforeStart);
    latestDueDate = compareDates(registrationDate, ruleDueDate) > 0 ? registrationDate : ruleDueDate;
  }
  const lines = splitComponents(
    components,
    plan.map((t) => t.basisPoints),
  );
  const instalments = plan.map((term, i) => {
    const agreed = addDays(registrationDate, term.dueDaysAfterRegistration);
    const capped = latestDueDate !== undefined && compareDates(agreed, latestDueDate) > 0;
    return {
      number: i + 1,
      basisPoints: term.basisPoints,
      netCents: lines[i]!.reduce((sum, l) => sum + l.netCents, 0),
      dueDate: capped ? latestDueDate! : agreed,
      capped,
      lines: lines[i]!,
    };
  });
  if (instalments.some((i) => i.lines.length === 0))
    throw new DecisionInputError(
      'plan',
      'every instalment must charge something; the price is too small for its shares',
    );
  const anyCapped = instalments.some((i) => i.capped);
  const ruleIds = anyCapped ? ['EXC-10.2', 'EXC-10.3'] : ['EXC-10.2'];
  const ref = excellusRef(rulebook);
  const priceCents = totalPriceCents(components);
  const schedule = instalments
    .map((i) => `${euro(i.netCents)} (${formatPercent(i.basisPoints)}) due ${i.dueDate}${i.capped ? ' (capped)' : ''}`)
    .join(', ');
  return {
    kind: EXCELLUS_DECISION_KINDS.instalmentPlan,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      registeredAt,
      startsAt,
      components: componentsJson(components),
      plan: plan.map((t) => ({ basisPoints: t.basisPoints, dueDaysAfterRegistration: t.dueDaysAfterRegistration })),
      vatRateBasisPoints,
      latestDueDate,
      instalments: instalments.map((i) => ({
        number: i.number,
        netCents: i.netCents,
        dueDate: i.dueDate,
        capped: i.capped,
        lines: i.lines.map((l) => ({ kind: l.kind, netCents: l.netCents })),
      })),
    }),
    allowed: true,
    ...feeOnNet(priceCents, vatRateBasisPoints),
    surchargeCents: 0,
    deadlines: Object.fromEntries(instalments.map((i) => [`instalment${i.number}DueDate`, i.dueDate])),
    explanation: `Price ${euro(priceCents)} paid in ${instalments.length} instalments as agreed, without surcharge: ${schedule}${anyCapped && latestDueDate ? `; none later than ${latestDueDate}, ${rulebook.data.payment.dueDaysBeforeStart} days before the start` : ''} ${citation(ruleIds, [], ref)}`,
  };
}

/** The instalments the decision recorded, in order (the first is the registration invoice). */
export function decidedInstalments(decision: Decision): DecidedInstalment[] {
  const recorded = decision.inputs['instalments'];
  if (!Array.isArray(recorded)) throw new Error('Invariant violated: a payment plan records its instalments');
  return recorded.map((entry) => {
    const { dueDate, lines } = entry as { dueDate: string; lines: Array<{ kind: string; netCents: number }> };
    return { dueDate, lines: lines.map((l) => ({ kind: l.kind, netCents: l.netCents })) };
  });
}

// ---- EXC-10.4 material bought without education ---------------------------------------------------

export interface ExcellusMaterialPaymentInput {
  boughtAt: string;
  components: readonly PricedComponent[];
  /** The share the agreement requires in advance (0: none). */
  prepaymentBasisPoints: number;
  vatRateBasisPoints: number;
}

export function decideExcellusMaterialPayment(
  rulebook: ExcellusRulebook,
  input: ExcellusMaterialPaymentInput,
): Decision {
  return materialPayment(
    rulebook,
    jsonInputs({ ...input, components: componentsJson(input.components) } as Record<string, JsonValue>),
  );
}

function materialPayment(rulebook: ExcellusRulebook, inputs: JsonInputs): Decision {
  const boughtAt = readInstant(inputs, 'boughtAt');
  const components = readComponents(inputs, 'components');
  const prepaymentBasisPoints = readInteger(inputs, 'prepaymentBasisPoints');
  const vatRateBasisPoints = readInteger(inputs, 'vatRateBasisPoints');
  const maxBasisPoints = rulebook.data.material.maxPrepaymentBasisPoints;
  if (prepaymentBasisPoints < 0)
    throw new DecisionInputError('prepaymentBasisPoints', 'prepaymentBasisPoints must not be negative');
  if (prepaymentBasisPoints > maxBasisPoints)
    throw new RuleViolation(
      'PREPAYMENT_ABOVE_HALF',
      'EXC-10.4',
      `At most ${formatPercent(maxBasisPoints)} of the price of material bought alone may be required in advance, not ${formatPercent(prepaymentBasisPoints)}`,
      { prepaymentBasisPoints, maxBasisPoints },
    );
  const boughtOn = toLocalDate(boughtAt);
  // Payment is due on delivery at the latest; the ledger invoices at the purchase and dates the
  // rest to the last day of the EXC-8.1 delivery term (an earlier delivery does not advance it).
  const deliveryDueBy = addDays(boughtOn, rulebook.data.material.deliveryDays);
  const [prepaymentLines, restLines] = splitComponents(components, [
    prepaymentBasisPoints,
    WHOLE - prepaymentBasisPoints,
  ]);
  const prepaymentCents = prepaymentLines!.reduce((sum, l) => sum + l.netCents, 0);
  const restCents = restLines!.reduce((sum, l) => sum + l.netCents, 0);
  const byDefaultTerm = addDays(boughtOn, DEFAULT_PAYMENT_TERM_DAYS);
  const prepaymentDueDate =
    prepaymentCents > 0 ? (compareDates(byDefaultTerm, deliveryDueBy) < 0 ? byDefaultTerm : deliveryDueBy) : undefined;
  const ruleIds = ['EXC-10.4', 'EXC-8.1'];
  const interpretationIds = prepaymentDueDate ? [DEFAULT_PAYMENT_TERM_INTERPRETATION] : [];
  const ref = excellusRef(rulebook);
  const priceCents = totalPriceCents(components);
  return {
    kind: EXCELLUS_DECISION_KINDS.materialPayment,
    ruleIds,
    interpretationIds,
    rulebook: ref,
    inputs: jsonInputs({
      boughtAt,
      components: componentsJson(components),
      prepaymentBasisPoints,
      vatRateBasisPoints,
      maxPrepaymentBasisPoints: maxBasisPoints,
      prepaymentCents,
      restCents,
      prepaymentLines: prepaymentLines!.map((l) => ({ kind: l.kind, netCents: l.netCents })),
      restLines: restLines!.map((l) => ({ kind: l.kind, netCents: l.netCents })),
    }),
    allowed: true,
    ...feeOnNet(priceCents, vatRateBasisPoints),
    deadlines: { ...(prepaymentDueDate ? { prepaymentDueDate } : {}), restDueDate: deliveryDueBy },
    explanation:
      prepaymentCents > 0
        ? `Material bought ${boughtOn} without education: ${euro(prepaymentCents)} (${formatPercent(prepaymentBasisPoints)}, at most ${formatPercent(maxBasisPoints)}) in advance, due ${prepaymentDueDate}; the rest, ${euro(restCents)}, on delivery, at the latest ${deliveryDueBy} ${citation(ruleIds, interpretationIds, ref)}`
        : `Material bought ${boughtOn} without education, no prepayment agreed: ${euro(priceCents)} payable on delivery, at the latest ${deliveryDueBy} ${citation(ruleIds, interpretationIds, ref)}`,
  };
}

/** The prepayment's and the rest's lines the decision recorded (net, per component). */
export function materialPaymentLines(decision: Decision): {
  prepayment: Array<{ kind: string; netCents: Cents }>;
  rest: Array<{ kind: string; netCents: Cents }>;
} {
  const read = (field: string) => {
    const lines = decision.inputs[field];
    if (!Array.isArray(lines)) throw new Error(`Invariant violated: a material payment decision records ${field}`);
    return lines.map((line) => {
      const { kind, netCents } = line as { kind: string; netCents: number };
      return { kind, netCents };
    });
  };
  return { prepayment: read('prepaymentLines'), rest: read('restLines') };
}

/** JSON decision functions of this file, by kind. */
export const excellusPaymentPlanDecisionFunctions = (rulebook: ExcellusRulebook) => ({
  [EXCELLUS_DECISION_KINDS.instalmentPlan]: (i: JsonInputs) => instalmentPlan(rulebook, i),
  [EXCELLUS_DECISION_KINDS.materialPayment]: (i: JsonInputs) => materialPayment(rulebook, i),
});
