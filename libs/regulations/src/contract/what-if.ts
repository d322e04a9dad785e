/**
 * What-if over versioned readings (docs/decisions.md, "Versioned readings"): recompute a recorded
 * decision with some readings forced to a version, and compare its money with the recorded one.
 * Nothing here changes a recorded decision; a correction is issued as new events by a command.
 */
import type { Decision, JsonValue, RulebookRef } from '../decision';
import type { RulebookRegistry } from '../rulebook';
import { CURRENT_READINGS, ReadingInputError, checkedVersion, readingTouches, type Readings } from './readings';

/** A what-if asked for something it cannot do (e.g. change a fact the decision records). */
export class WhatIfInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'WhatIfInputError';
  }
}

/** What a recorded decision must carry to be recomputed. */
export type RecordedDecision = Pick<Decision, 'kind' | 'rulebook' | 'inputs'> & Partial<Pick<Decision, 'decisionId'>>;

/** Facts to add to a recorded decision's inputs (e.g. the offering kind PP-I19 version 2 needs). */
export type DecisionFacts = Readonly<Record<string, JsonValue>>;

function describe(decision: RecordedDecision): string {
  const ref: RulebookRef = decision.rulebook;
  return `Decision ${decision.decisionId ?? decision.kind} (${decision.kind}, ${ref.id}@${ref.version})`;
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Recomputes a recorded decision with the readings in `readingsOverride` forced to the versions
 * given; readings it does not name stay as the decision recorded them (version 1 when it recorded
 * none). A reading that does not touch the decision's kind changes nothing. `facts` complete a
 * decision recorded without them (a decision made before PP-I19 version 2 does not hold the
 * offering kind); they never change a fact the decision records. A reading that needs a fact
 * nobody supplied fails with a ReadingInputError naming the reading and the field, not a guess.
 */
export function recomputeUnder(
  registry: RulebookRegistry,
  decision: RecordedDecision,
  readingsOverride: Readings,
  facts: DecisionFacts = {},
): Decision {
  const forced: Record<string, number> = {};
  for (const [id, version] of Object.entries(readingsOverride)) {
    const checked = checkedVersion(id, version);
    if (readingTouches(id, decision.rulebook.id, decision.kind)) forced[id] = checked;
  }
  for (const [field, value] of Object.entries(facts)) {
    const recorded = decision.inputs[field];
    if (recorded !== undefined && recorded !== null && !sameJson(recorded, value)) {
      throw new WhatIfInputError(
        field,
        `${describe(decision)} records ${field} = ${JSON.stringify(recorded)}; a what-if does not change recorded facts`,
      );
    }
  }
  const recordedReadings = decision.inputs['readings'];
  const readings =
    recordedReadings && typeof recordedReadings === 'object' && !Array.isArray(recordedReadings)
      ? { ...recordedReadings, ...forced }
      : forced;
  const inputs: Record<string, JsonValue> = { ...decision.inputs, ...facts };
  if (Object.keys(readings).length > 0) inputs['readings'] = readings;
  try {
    return registry.recompute({ kind: decision.kind, rulebook: decision.rulebook, inputs });
  } catch (error) {
    if (error instanceof ReadingInputError) {
      throw new ReadingInputError(
        error.readingId,
        error.field,
        `${describe(decision)}: ${error.message}`,
        error.missingFact,
      );
    }
    throw error;
  }
}

export const MONEY_FIELDS = ['feeCents', 'feeVatCents', 'feeGrossCents', 'refundCents', 'surchargeCents'] as const;
export type MoneyField = (typeof MONEY_FIELDS)[number];

export interface MoneyFieldComparison {
  recordedCents: number | null;
  recomputedCents: number | null;
  /** recomputed - recorded; null when only one of them states the figure. */
  differenceCents: number | null;
}

export interface DecisionMoneyComparison {
  money: Record<MoneyField, MoneyFieldComparison>;
  /** Money fields that differ, a figure stated on one side only included. */
  changedFields: MoneyField[];
  ruleIdsDiffer: boolean;
  interpretationIdsDiffer: boolean;
  /** Money, rule ids or interpretation ids differ. */
  differs: boolean;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return sameJson([...a].sort(), [...b].sort());
}

/** The money of a recorded and a recomputed decision side by side, in cents, and whether the cited ids differ. */
export function compareDecisionMoney(
  recorded: Pick<Decision, MoneyField | 'ruleIds' | 'interpretationIds'>,
  recomputed: Pick<Decision, MoneyField | 'ruleIds' | 'interpretationIds'>,
): DecisionMoneyComparison {
  const money = {} as Record<MoneyField, MoneyFieldComparison>;
  const changedFields: MoneyField[] = [];
  for (const field of MONEY_FIELDS) {
    const recordedCents = recorded[field] ?? null;
    const recomputedCents = recomputed[field] ?? null;
    const differenceCents = recordedCents !== null && recomputedCents !== null ? recomputedCents - recordedCents : null;
    money[field] = { recordedCents, recomputedCents, differenceCents };
    if (recordedCents !== recomputedCents) changedFields.push(field);
  }
  const ruleIdsDiffer = !sameIds(recorded.ruleIds, recomputed.ruleIds);
  const interpretationIdsDiffer = !sameIds(recorded.interpretationIds, recomputed.interpretationIds);
  return {
    money,
    changedFields,
    ruleIdsDiffer,
    interpretationIdsDiffer,
    differs: changedFields.length > 0 || ruleIdsDiffer || interpretationIdsDiffer,
  };
}

export type WhatIfOutcome =
  | {
      decision: RecordedDecision;
      status: 'unchanged' | 'differs';
      recomputed: Decision;
      comparison: DecisionMoneyComparison;
    }
  | { decision: RecordedDecision; status: 'needs-facts'; readingId: string; field: string; message: string };

/**
 * One recorded decision under a reading's version (default its current one): the recomputed
 * decision and its money difference, or which fact is missing to tell.
 */
export function whatIf(
  registry: RulebookRegistry,
  decision: RecordedDecision & Pick<Decision, MoneyField | 'ruleIds' | 'interpretationIds'>,
  readingId: string,
  options: { version?: number; facts?: DecisionFacts } = {},
): WhatIfOutcome {
  const version = options.version ?? CURRENT_READINGS[readingId];
  try {
    const recomputed = recomputeUnder(registry, decision, { [readingId]: version ?? 0 }, options.facts);
    const comparison = compareDecisionMoney(decision, recomputed);
    return { decision, status: comparison.differs ? 'differs' : 'unchanged', recomputed, comparison };
  } catch (error) {
    if (!(error instanceof ReadingInputError) || !error.missingFact) throw error;
    return { decision, status: 'needs-facts', readingId: error.readingId, field: error.field, message: error.message };
  }
}
