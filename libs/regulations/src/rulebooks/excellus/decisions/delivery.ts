/**
 * EXC-8.1: standard course material bought without education is delivered within 30 days (unless
 * agreed otherwise); when that is exceeded the customer may dissolve without notice of default.
 */
import { addDays, compareDates, toLocalDate } from '../../../calendar';
import { RuleViolation, type Decision, type JsonValue } from '../../../decision';
import type { Cents } from '../../../money';
import {
  citation,
  euro,
  jsonInputs,
  readBoolean,
  readInstant,
  readInteger,
  readLocalDate,
  readOptionalInstant,
  requireCents,
} from '../../vli/decisions/decision-inputs';
import { EXCELLUS_DECISION_KINDS, excellusRef, type ExcellusRulebook } from './common';

const RULE_IDS = ['EXC-8.1'];
type Inputs = Record<string, JsonValue>;

/** The material deadline set at registration: the day of purchase plus 30 days. */
export function decideExcellusMaterialDeliveryDeadline(
  rulebook: ExcellusRulebook,
  input: { boughtAt: string },
): Decision {
  return materialDeadline(rulebook, jsonInputs({ ...input }));
}

function materialDeadline(rulebook: ExcellusRulebook, inputs: Inputs): Decision {
  const boughtAt = readInstant(inputs, 'boughtAt');
  const days = rulebook.data.material.deliveryDays;
  const dueBy = addDays(toLocalDate(boughtAt), days);
  const ref = excellusRef(rulebook);
  return {
    kind: EXCELLUS_DECISION_KINDS.materialDeliveryDeadline,
    ruleIds: RULE_IDS,
    interpretationIds: [],
    rulebook: ref,
    inputs: { boughtAt, deliveryDays: days, dueBy },
    allowed: true,
    deadlines: { materialDueBy: dueBy },
    explanation: `Standard material bought ${toLocalDate(boughtAt)} without education: delivery at the latest ${dueBy} (${days} days); later, the customer may dissolve without notice of default ${citation(RULE_IDS, [], ref)}`,
  };
}

export function decideExcellusMaterialDelivery(
  rulebook: ExcellusRulebook,
  input: { deliveredAt: string; dueBy: string },
): Decision {
  return materialDelivery(rulebook, jsonInputs({ ...input }));
}

function materialDelivery(rulebook: ExcellusRulebook, inputs: Inputs): Decision {
  const deliveredAt = readInstant(inputs, 'deliveredAt');
  const dueBy = readLocalDate(inputs, 'dueBy');
  const deliveredOn = toLocalDate(deliveredAt);
  const inTime = compareDates(deliveredOn, dueBy) <= 0;
  const ref = excellusRef(rulebook);
  return {
    kind: EXCELLUS_DECISION_KINDS.materialDelivery,
    ruleIds: RULE_IDS,
    interpretationIds: [],
    rulebook: ref,
    inputs: { deliveredAt, dueBy, inTime },
    allowed: true,
    explanation: `The material was delivered ${deliveredOn}, ${inTime ? 'in time' : 'late'} (due by ${dueBy}) ${citation(RULE_IDS, [], ref)}`,
  };
}

export function decideExcellusMaterialDeliveryMissed(
  rulebook: ExcellusRulebook,
  input: { dueBy: string; checkedAt: string; deliveredAt: string | null },
): Decision {
  return materialMissed(rulebook, jsonInputs({ ...input }));
}

function materialMissed(rulebook: ExcellusRulebook, inputs: Inputs): Decision {
  const dueBy = readLocalDate(inputs, 'dueBy');
  const checkedAt = readInstant(inputs, 'checkedAt');
  const deliveredAt = readOptionalInstant(inputs, 'deliveredAt') ?? null;
  // A late delivery already made gives no right to dissolve any more (it is recorded as late).
  const dissolutionRight = deliveredAt === null;
  const ref = excellusRef(rulebook);
  return {
    kind: EXCELLUS_DECISION_KINDS.materialDeliveryMissed,
    ruleIds: RULE_IDS,
    interpretationIds: [],
    rulebook: ref,
    inputs: { dueBy, checkedAt, deliveredAt, dissolutionRight },
    allowed: dissolutionRight,
    explanation: dissolutionRight
      ? `The material due by ${dueBy} was not delivered: the customer may dissolve without notice of default ${citation(RULE_IDS, [], ref)}`
      : `The material due by ${dueBy} was delivered late, on ${toLocalDate(deliveredAt!)} ${citation(RULE_IDS, [], ref)}`,
  };
}

export interface ExcellusLateDeliveryDissolutionInput {
  requestedAt: string;
  /** The material deadline passed undelivered and that was recorded. */
  missed: boolean;
  delivered: boolean;
  dueBy: string | null;
  /** Gross paid and kept, all of which comes back. */
  paidCents: Cents;
}

export function decideExcellusLateDeliveryDissolution(
  rulebook: ExcellusRulebook,
  input: ExcellusLateDeliveryDissolutionInput,
): Decision {
  return lateDeliveryDissolution(rulebook, jsonInputs({ ...input }));
}

function lateDeliveryDissolution(rulebook: ExcellusRulebook, inputs: Inputs): Decision {
  const requestedAt = readInstant(inputs, 'requestedAt');
  const missed = readBoolean(inputs, 'missed');
  const delivered = readBoolean(inputs, 'delivered');
  const dueBy = inputs['dueBy'] === null ? null : readLocalDate(inputs, 'dueBy');
  const paidCents = requireCents(readInteger(inputs, 'paidCents'), 'paidCents');
  if (!missed || delivered)
    throw new RuleViolation(
      'NO_LATE_DELIVERY',
      'EXC-8.1',
      dueBy === null
        ? 'This agreement has no material delivery deadline'
        : delivered
          ? `The material was delivered: no right to dissolve for late delivery`
          : `The material is due by ${dueBy}: the right to dissolve arises only once that has passed undelivered`,
      { dueBy },
    );
  const ref = excellusRef(rulebook);
  return {
    kind: EXCELLUS_DECISION_KINDS.lateDeliveryDissolution,
    ruleIds: RULE_IDS,
    interpretationIds: [],
    rulebook: ref,
    inputs: { requestedAt, missed, delivered, dueBy, paidCents },
    allowed: true,
    feeCents: 0,
    feeVatCents: 0,
    feeGrossCents: 0,
    refundCents: paidCents,
    explanation: `The material due by ${dueBy} was not delivered: the customer dissolves on ${toLocalDate(requestedAt)} without notice of default; nothing stays charged and ${euro(paidCents)} paid comes back ${citation(RULE_IDS, [], ref)}`,
  };
}

/** JSON decision functions of this file, by kind. */
export const excellusDeliveryDecisionFunctions = (rulebook: ExcellusRulebook) => ({
  [EXCELLUS_DECISION_KINDS.materialDeliveryDeadline]: (i: Inputs) => materialDeadline(rulebook, i),
  [EXCELLUS_DECISION_KINDS.materialDelivery]: (i: Inputs) => materialDelivery(rulebook, i),
  [EXCELLUS_DECISION_KINDS.materialDeliveryMissed]: (i: Inputs) => materialMissed(rulebook, i),
  [EXCELLUS_DECISION_KINDS.lateDeliveryDissolution]: (i: Inputs) => lateDeliveryDissolution(rulebook, i),
});
