/** Helpers shared by the PlusPort decision functions (not exported from the rulebook's index). */
import type { RulebookVersion } from '../../../rulebook';
import { feeOnNet, type FeeMoney, type JsonValue } from '../../../decision';
import { MONEY_READING, versionOf, type DecisionReadings } from '../../../contract/readings';
import type { Cents } from '../../../money';
import {
  PlusportInputError,
  asArray,
  asObject,
  readInteger,
  readOptionalBoolean,
  readOptionalCents,
  readOptionalInteger,
  readOptionalString,
  json,
} from './json';
import type { JsonObject } from './json';
import {
  PLUSPORT_DATED_COMPONENT_KINDS,
  type PlusportComponentKind,
  type PlusportCustomTerms,
  type PlusportData,
  type PlusportDatedComponentKind,
  type PlusportFeeBand,
  type PlusportRescheduleBand,
} from './types';

/** What a decision function needs of a rulebook version (the version object minus its decisions). */
export type PlusportRulebook = Pick<
  RulebookVersion<PlusportData>,
  'id' | 'version' | 'calendar' | 'data' | 'vatRateBasisPoints'
>;

export const COMPONENT_LABEL: Record<PlusportComponentKind, string> = {
  'e-learning': 'E-learning',
  exam: 'Exam',
  'practical-session': 'Practical session',
  classroom: 'Classroom training',
  textbook: 'Textbook',
};

/** PP-15.5 rule id of each dated component's timing table. */
export const BAND_RULE_ID: Record<PlusportDatedComponentKind, string> = {
  exam: 'PP-15.5-EX',
  'practical-session': 'PP-15.5-PS',
  classroom: 'PP-15.5-CLS',
};

export function isDated(kind: PlusportComponentKind): kind is PlusportDatedComponentKind {
  return (PLUSPORT_DATED_COMPONENT_KINDS as readonly string[]).includes(kind);
}

/** The first band (highest threshold first) whose threshold `wdBefore` reaches. */
export function bandFor<B extends { minWorkingDaysBefore: number }>(bands: readonly B[], workingDaysBefore: number): B {
  const band = bands.find((b) => workingDaysBefore >= b.minWorkingDaysBefore);
  if (!band) throw new PlusportInputError(`no band covers ${workingDaysBefore} working days before`);
  return band;
}

/** MONEY-I1 version 2: fees stated net with their VAT and gross beside them, as top-level decision fields. */
export function moneyRuleV2(readings: DecisionReadings): boolean {
  return versionOf(readings, MONEY_READING) >= 2;
}

/**
 * What a PlusPort decision states about its fee under MONEY-I1. PlusPort's `feeCents` was net
 * already; version 2 states VAT and gross beside it as decision fields and records the rate in
 * the inputs (version 1 states only `feeCents`, with VAT and gross in some decisions' inputs).
 */
export function plusportFeeFields(
  rb: PlusportRulebook,
  readings: DecisionReadings,
  fee: FeeMoney,
): { fields: Partial<FeeMoney>; inputs: Record<string, JsonValue> } {
  if (!moneyRuleV2(readings)) return { fields: { feeCents: fee.feeCents }, inputs: {} };
  return { fields: fee, inputs: { vatRateBasisPoints: rb.vatRateBasisPoints } };
}

/** The fee at the version's VAT rate (INTERP PP-I7). */
export function plusportFee(rb: PlusportRulebook, feeCents: Cents): FeeMoney {
  return feeOnNet(feeCents, rb.vatRateBasisPoints);
}

// ---------------------------------------------------------------------------------------------
// Offering-specific terms (PP-14.7 / 15.7)
// ---------------------------------------------------------------------------------------------

function checkBasisPoints(bp: number, path: string): void {
  if (bp > 10_000) throw new PlusportInputError(`${path} must be at most 10000 basis points`, path);
}

function checkBandOrder(bands: readonly { minWorkingDaysBefore: number }[], path: string): void {
  if (bands.length === 0) throw new PlusportInputError(`${path} must not be empty`, path);
  for (let i = 1; i < bands.length; i++) {
    if (bands[i]!.minWorkingDaysBefore >= bands[i - 1]!.minWorkingDaysBefore) {
      throw new PlusportInputError(`${path} must list thresholds from high to low`, path);
    }
  }
  if (bands[bands.length - 1]!.minWorkingDaysBefore !== 0) {
    throw new PlusportInputError(`${path} must end with a band from 0 working days`, path);
  }
}

function parseFeeBands(value: JsonValue | undefined, path: string): PlusportFeeBand[] {
  const bands = asArray(value, path).map((v, i) => {
    const o = asObject(v, `${path}[${i}]`);
    const band = {
      minWorkingDaysBefore: readInteger(o, 'minWorkingDaysBefore', `${path}[${i}].minWorkingDaysBefore`),
      feeBasisPoints: readInteger(o, 'feeBasisPoints', `${path}[${i}].feeBasisPoints`),
    };
    checkBasisPoints(band.feeBasisPoints, `${path}[${i}].feeBasisPoints`);
    return band;
  });
  checkBandOrder(bands, path);
  return bands;
}

function parseRescheduleBands(value: JsonValue | undefined, path: string): PlusportRescheduleBand[] {
  const bands = asArray(value, path).map((v, i) => {
    const o = asObject(v, `${path}[${i}]`);
    const p = `${path}[${i}]`;
    const allowed = readOptionalBoolean(o, 'allowed', `${p}.allowed`) ?? true;
    const feeCents = readOptionalCents(o, 'feeCents', `${p}.feeCents`);
    const feeBasisPoints = readOptionalInteger(o, 'feeBasisPoints', `${p}.feeBasisPoints`);
    if (feeCents !== undefined && feeBasisPoints !== undefined) {
      throw new PlusportInputError(`${p} gives both feeCents and feeBasisPoints`, p);
    }
    if (feeBasisPoints !== undefined) checkBasisPoints(feeBasisPoints, `${p}.feeBasisPoints`);
    const band: PlusportRescheduleBand = {
      minWorkingDaysBefore: readInteger(o, 'minWorkingDaysBefore', `${p}.minWorkingDaysBefore`),
      allowed,
    };
    if (feeCents !== undefined) band.feeCents = feeCents;
    if (feeBasisPoints !== undefined) band.feeBasisPoints = feeBasisPoints;
    return band;
  });
  checkBandOrder(bands, path);
  return bands;
}

function parseByComponent<B>(
  value: JsonValue | undefined,
  path: string,
  parse: (v: JsonValue | undefined, p: string) => B[],
) {
  const o = asObject(value, path);
  const out: Partial<Record<PlusportDatedComponentKind, B[]>> = {};
  for (const key of Object.keys(o)) {
    if (!(PLUSPORT_DATED_COMPONENT_KINDS as readonly string[]).includes(key)) {
      throw new PlusportInputError(
        `${path}.${key}: only ${PLUSPORT_DATED_COMPONENT_KINDS.join(', ')} have timing tables`,
        `${path}.${key}`,
      );
    }
    out[key as PlusportDatedComponentKind] = parse(o[key], `${path}.${key}`);
  }
  return out;
}

export function parseCustomTerms(value: JsonValue | undefined, path = 'customTerms'): PlusportCustomTerms | undefined {
  if (value === undefined || value === null) return undefined;
  const o = asObject(value, path);
  const terms: PlusportCustomTerms = {};
  const quoteRef = readOptionalString(o, 'quoteRef', `${path}.quoteRef`);
  if (quoteRef !== undefined) terms.quoteRef = quoteRef;
  if (o['cancellationBands'] !== undefined && o['cancellationBands'] !== null) {
    terms.cancellationBands = parseByComponent(o['cancellationBands'], `${path}.cancellationBands`, parseFeeBands);
  }
  if (o['rescheduleBands'] !== undefined && o['rescheduleBands'] !== null) {
    terms.rescheduleBands = parseByComponent(o['rescheduleBands'], `${path}.rescheduleBands`, parseRescheduleBands);
  }
  return terms;
}

export function customTermsToJson(terms: PlusportCustomTerms | undefined): JsonObject | undefined {
  if (!terms) return undefined;
  let cancellationBands: JsonObject | undefined;
  if (terms.cancellationBands) {
    cancellationBands = {};
    for (const kind of PLUSPORT_DATED_COMPONENT_KINDS) {
      const list = terms.cancellationBands[kind];
      if (list)
        cancellationBands[kind] = list.map((b) =>
          json({ minWorkingDaysBefore: b.minWorkingDaysBefore, feeBasisPoints: b.feeBasisPoints }),
        );
    }
  }
  let rescheduleBands: JsonObject | undefined;
  if (terms.rescheduleBands) {
    rescheduleBands = {};
    for (const kind of PLUSPORT_DATED_COMPONENT_KINDS) {
      const list = terms.rescheduleBands[kind];
      if (list) {
        rescheduleBands[kind] = list.map((b) =>
          json({
            minWorkingDaysBefore: b.minWorkingDaysBefore,
            allowed: b.allowed,
            feeCents: b.feeCents,
            feeBasisPoints: b.feeBasisPoints,
          }),
        );
      }
    }
  }
  return json({ quoteRef: terms.quoteRef, cancellationBands, rescheduleBands });
}
