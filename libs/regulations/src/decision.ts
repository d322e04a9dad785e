/**
 * A decision is a value: which rules of which rulebook version decided what, from which inputs.
 * It is recorded in a decision event and can be recomputed from `inputs` years later
 * (POST /decisions/{id}/verify), so decision functions are pure functions of their inputs and
 * the rulebook version's data.
 */
import { addVat, formatEuro, prorate } from './money';
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
  /**
   * The fee excluding VAT, computed on prices excluding VAT (MONEY-I1 version 2, every rulebook).
   * Decisions recorded under MONEY-I1 version 1 state it in the rulebook's own terms (VLI and LOI
   * including VAT).
   */
  feeCents?: Cents;
  /** VAT on the fee (MONEY-I1 version 2; present wherever `feeCents` is). */
  feeVatCents?: Cents;
  /** The fee including VAT: what the customer is charged (MONEY-I1 version 2). */
  feeGrossCents?: Cents;
  /** Money to pay back, VAT included. */
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

/** A fee as a decision states it under MONEY-I1 version 2. */
export interface FeeMoney {
  feeCents: Cents;
  feeVatCents: Cents;
  feeGrossCents: Cents;
}

/** A fee computed on net prices: VAT half-up once on the fee. */
export function feeOnNet(feeNetCents: Cents, vatRateBasisPoints: number): FeeMoney {
  const { vatCents, grossCents } = addVat(feeNetCents, vatRateBasisPoints);
  return { feeCents: feeNetCents, feeVatCents: vatCents, feeGrossCents: grossCents };
}

/**
 * A fee the rule fixes as a gross amount (a part of gross payments kept, a value reduction the
 * customer pays): its VAT is the share the rate puts in a gross amount, half-up once.
 */
export function feeOfGross(feeGrossCents: Cents, vatRateBasisPoints: number): FeeMoney {
  const feeVatCents = prorate(feeGrossCents, vatRateBasisPoints, 10_000 + vatRateBasisPoints);
  return { feeCents: feeGrossCents - feeVatCents, feeVatCents, feeGrossCents };
}

/** "fee 595.00 excl. VAT + VAT 124.95 = 719.95", for explanations. */
export function feeMoneyText(fee: FeeMoney): string {
  return fee.feeVatCents === 0
    ? `fee ${formatEuro(fee.feeCents)} (no VAT)`
    : `fee ${formatEuro(fee.feeCents)} excl. VAT + VAT ${formatEuro(fee.feeVatCents)} = ${formatEuro(fee.feeGrossCents)}`;
}
