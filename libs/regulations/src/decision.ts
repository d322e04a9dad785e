/**
 * A decision is a value: which rules of which rulebook version decided what, from which inputs.
 * It is recorded in a decision event and can be recomputed from `inputs` years later
 * (POST /decisions/{id}/verify), so decision functions are pure functions of their inputs and
 * the rulebook version's data.
 */
import type { Cents } from './money';
import type { LocalDate, Instant } from './calendar';

/** A rulebook's id (e.g. the provider's short name); the registry knows which exist. */
export type RulebookId = string;

export interface RulebookRef {
  id: RulebookId;
  version: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Decision {
  /** Assigned by the write path when the decision is recorded. */
  decisionId?: string;
  kind: string;
  ruleIds: string[];
  interpretationIds: string[];
  rulebook: RulebookRef;
  /** Every input the rule used, raw facts and derived figures (working days, amounts). JSON only. */
  inputs: Record<string, JsonValue>;
  feeCents?: Cents;
  refundCents?: Cents;
  surchargeCents?: Cents;
  allowed?: boolean;
  /** Named deadlines the decision sets (e.g. pendingEvidenceUntil, refundDueDate). */
  deadlines?: Record<string, LocalDate | Instant>;
  /** One line of English, e.g. "Classroom training cancelled 8 working days before start: ...". */
  explanation: string;
}

/**
 * The regulations refuse an action (HTTP 422). `error` is a stable code, `ruleId` the rule.
 */
export class RuleViolation extends Error {
  constructor(
    readonly error: string,
    readonly ruleId: string,
    message: string,
    readonly details: Record<string, JsonValue> = {},
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

/** A decision function: pure, from inputs to a decision (or a RuleViolation). */
export type DecisionFunction = (inputs: Record<string, JsonValue>) => Decision;
