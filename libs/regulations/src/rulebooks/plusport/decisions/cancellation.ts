/**
 * Customer cancellation (art. 15): PP-15.2, PP-15.5-EL/EX/PS/CLS/BOOK/RS, PP-15.6 (two steps),
 * PP-15.7 offering terms; INTERP PP-I1, PP-I2 and the ledger's PP-I3..I7, PP-I16; the versioned
 * readings PP-I18, PP-I19 and MONEY-I1 (catalogue revision 2).
 */
import { addDays, compareDates, compareInstants, toLocalDate, wdBefore } from '../../../calendar';
import type { LocalDate } from '../../../calendar';
import { RuleViolation } from '../../../decision';
import type { Decision, JsonValue } from '../../../decision';
import { percentOf } from '../../../money';
import type { Cents } from '../../../money';
import {
  factFor,
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  readingsOfEarlierDecision,
  readingsOfRecordedInputs,
  versionOf,
  type DecisionReadings,
} from '../../../contract/readings';
import {
  BAND_RULE_ID,
  COMPONENT_LABEL,
  bandFor,
  customTermsToJson,
  isDated,
  moneyRuleV2,
  parseCustomTerms,
  plusportFee,
  plusportFeeFields,
} from './common';
import type { PlusportRulebook } from './common';
import {
  PlusportInputError,
  asArray,
  asObject,
  citation,
  euro,
  formatPercent,
  json,
  plural,
  readCents,
  readInstant,
  readInstantOrDate,
  readOneOf,
  readOptionalBoolean,
  readOptionalInstant,
  readOptionalOneOf,
  readOptionalString,
  unique,
} from './json';
import type { JsonObject } from './json';
import {
  PLUSPORT_AFFECTED_PERSONS,
  PLUSPORT_CANCELLATION_REASONS,
  PLUSPORT_COMPONENT_KINDS,
  PLUSPORT_OFFERING_KINDS,
  type PlusportBookingComponent,
  type PlusportCancellationEvidenceInput,
  type PlusportCancellationInput,
  type PlusportComponentKind,
} from './types';

export const PLUSPORT_CANCELLATION_KIND = 'cancellation-fee';
export const PLUSPORT_CANCELLATION_EVIDENCE_KIND = 'cancellation-evidence';

/** The readings a cancellation depends on; PP-15.6 step 2 decides under the cancellation's. */
const CANCELLATION_READINGS = readingIdsOf('plusport', PLUSPORT_CANCELLATION_KIND);

/** A cancellation input with every default applied, and the readings it is decided under. */
type Normalized = Required<Omit<PlusportCancellationInput, 'startsAt' | 'customTerms' | 'offeringKind' | 'readings'>> &
  Pick<PlusportCancellationInput, 'startsAt' | 'customTerms' | 'offeringKind'> & { decidedUnder: DecisionReadings };

// ---------------------------------------------------------------------------------------------
// JSON <-> typed
// ---------------------------------------------------------------------------------------------

/** Reads a cancellation's facts; its readings are the ones recorded in `inputs` unless given. */
export function parsePlusportCancellationInput(
  inputs: JsonObject,
  decidedUnder: DecisionReadings = readingsOfRecordedInputs(inputs, CANCELLATION_READINGS),
): Normalized {
  const components = asArray(inputs['components'], 'components').map((v, i): PlusportBookingComponent => {
    const o = asObject(v, `components[${i}]`);
    const c: PlusportBookingComponent = {
      kind: readOneOf(o, 'kind', PLUSPORT_COMPONENT_KINDS, `components[${i}].kind`),
      priceCents: readCents(o, 'priceCents', `components[${i}].priceCents`),
    };
    const startsAt = readOptionalInstant(o, 'startsAt', `components[${i}].startsAt`);
    if (startsAt !== undefined) c.startsAt = startsAt;
    const rescheduled = readOptionalBoolean(o, 'previouslyRescheduled', `components[${i}].previouslyRescheduled`);
    if (rescheduled !== undefined) c.previouslyRescheduled = rescheduled;
    return c;
  });
  if (components.length === 0) throw new PlusportInputError('components must not be empty', 'components');
  const normalized: Normalized = {
    registeredAt: readInstantOrDate(inputs, 'registeredAt'),
    requestedAt: readInstant(inputs, 'requestedAt'),
    components,
    paidCents: readCents(inputs, 'paidCents'),
    reason: readOneOf(inputs, 'reason', PLUSPORT_CANCELLATION_REASONS),
    affectedPerson: readOptionalOneOf(inputs, 'affectedPerson', PLUSPORT_AFFECTED_PERSONS) ?? 'learner',
    eLearningStarted: readOptionalBoolean(inputs, 'eLearningStarted') ?? false,
    textbookSent: readOptionalBoolean(inputs, 'textbookSent') ?? true,
    textbookReturnedUnused: readOptionalBoolean(inputs, 'textbookReturnedUnused') ?? false,
    previouslyRescheduled: readOptionalBoolean(inputs, 'previouslyRescheduled') ?? false,
    decidedUnder,
  };
  const offeringKind = readOptionalOneOf(inputs, 'offeringKind', PLUSPORT_OFFERING_KINDS);
  if (offeringKind !== undefined) normalized.offeringKind = offeringKind;
  const startsAt = readOptionalInstant(inputs, 'startsAt');
  if (startsAt !== undefined) normalized.startsAt = startsAt;
  const customTerms = parseCustomTerms(inputs['customTerms']);
  if (customTerms !== undefined) normalized.customTerms = customTerms;
  if (compareInstants(normalized.requestedAt, normalized.registeredAt) < 0) {
    throw new PlusportInputError('requestedAt is before registeredAt', 'requestedAt');
  }
  components.forEach((c, i) => {
    if (isDated(c.kind) && c.startsAt === undefined && startsAt === undefined) {
      throw new PlusportInputError(
        `components[${i}] (${c.kind}) needs a startsAt (or the booking's startsAt)`,
        `components[${i}].startsAt`,
      );
    }
  });
  return normalized;
}

export function plusportCancellationInputToJson(input: PlusportCancellationInput): JsonObject {
  return json({
    registeredAt: input.registeredAt,
    requestedAt: input.requestedAt,
    startsAt: input.startsAt,
    components: input.components.map((c) =>
      json({
        kind: c.kind,
        priceCents: c.priceCents,
        startsAt: c.startsAt,
        previouslyRescheduled: c.previouslyRescheduled,
      }),
    ),
    paidCents: input.paidCents,
    reason: input.reason,
    affectedPerson: input.affectedPerson,
    eLearningStarted: input.eLearningStarted,
    textbookSent: input.textbookSent,
    textbookReturnedUnused: input.textbookReturnedUnused,
    previouslyRescheduled: input.previouslyRescheduled,
    customTerms: customTermsToJson(input.customTerms),
    offeringKind: input.offeringKind,
  });
}

// ---------------------------------------------------------------------------------------------
// Assessment: the table fee of each component, and the PP-15.6 exemption
// ---------------------------------------------------------------------------------------------

type ComponentCase =
  | 'e-learning-extra-service'
  | 'e-learning-not-started-within-window'
  | 'e-learning-started-within-window'
  | 'e-learning-after-window'
  | 'textbook-not-sent'
  | 'textbook-returned-unused'
  | 'textbook-not-returned'
  | 'after-start'
  | 'previously-rescheduled'
  | 'band';

interface ComponentOutcome {
  kind: PlusportComponentKind;
  priceCents: Cents;
  startsAt?: string;
  workingDaysBefore?: number;
  onTheDay?: boolean;
  case: ComponentCase;
  ruleId: string;
  interpretationIds: string[];
  tableFeeBasisPoints: number;
  tableFeeCents: Cents;
  exempt: boolean;
  feeCents: Cents;
  /** Explanation fragment for the table fee. */
  tableText: string;
  /** Explanation fragment while the exemption awaits evidence. */
  pendingText: string;
}

interface Assessment {
  input: Normalized;
  cancellationDate: LocalDate;
  workingDaysAfterPurchase?: number;
  workingDaysBefore?: number;
  outcomes: ComponentOutcome[];
  qualifyingReason: boolean;
  feeCents: Cents;
  tableFeeCents: Cents;
  pendingEvidence: boolean;
  pendingEvidenceUntil?: LocalDate;
  ruleIds: string[];
  interpretationIds: string[];
}

function reasonText(input: Normalized): string {
  return input.affectedPerson === 'learner' ? input.reason : `${input.reason} of a first-degree relative`;
}

function assess(rb: PlusportRulebook, input: Normalized): Assessment {
  const d = rb.data;
  const ip = d.interpretations;
  const cancellationDate = toLocalDate(input.requestedAt);
  const registrationDate = toLocalDate(input.registeredAt);
  const hasELearning = input.components.some((c) => c.kind === 'e-learning');
  const eLearningExtraService = hasELearning && isExtraService(input);
  // INTERP PP-I3: working days in (purchase date, cancellation date]: the purchase day is not counted, the request day is.
  const workingDaysAfterPurchase =
    hasELearning && !eLearningExtraService
      ? wdBefore(addDays(registrationDate, 1), addDays(cancellationDate, 1), rb.calendar)
      : undefined;
  const qualifyingReason =
    input.reason !== 'regular' && d.exemption.qualifyingPersons[input.reason].includes(input.affectedPerson);
  const pendingEvidenceUntil = addDays(cancellationDate, d.exemption.evidenceWindowCalendarDays);

  const outcomes = input.components.map((c): ComponentOutcome => {
    const label = COMPONENT_LABEL[c.kind];
    const fee = (bp: number) => percentOf(c.priceCents, bp);
    const text = (head: string, bp: number) =>
      `${head}: ${formatPercent(bp)} % of ${euro(c.priceCents)} = ${euro(fee(bp))}`;
    const base = { kind: c.kind, priceCents: c.priceCents };
    const done = (
      o: Omit<
        ComponentOutcome,
        'tableFeeCents' | 'exempt' | 'feeCents' | 'pendingText' | 'tableText' | keyof typeof base
      > & { head: string },
    ): ComponentOutcome => {
      const exempt = qualifyingReason && o.case !== 'after-start' && d.exemption.exemptComponents.includes(c.kind);
      const tableFeeCents = fee(o.tableFeeBasisPoints);
      const { head, ...rest } = o;
      const tableText = text(head, o.tableFeeBasisPoints);
      const pendingText =
        exempt && tableFeeCents > 0
          ? `${head} for ${reasonText(input)}: 0.00 pending evidence until ${pendingEvidenceUntil} (table: ${formatPercent(o.tableFeeBasisPoints)} % of ${euro(c.priceCents)} = ${euro(tableFeeCents)})`
          : tableText;
      return { ...base, ...rest, tableFeeCents, exempt, feeCents: exempt ? 0 : tableFeeCents, tableText, pendingText };
    };

    switch (c.kind) {
      case 'e-learning': {
        if (eLearningExtraService) {
          // PP-I19 (rev 2): the Praktijkopleiding's table lists e-learning as an extra service, "Geen kosten".
          return done({
            case: 'e-learning-extra-service',
            ruleId: BAND_RULE_ID['practical-session'],
            interpretationIds: ['PP-I19'],
            tableFeeBasisPoints: 0,
            head: 'E-learning of a practical training (an extra service): no cancellation cost',
          });
        }
        const el = d.cancellation.eLearning;
        const n = workingDaysAfterPurchase!;
        const within = n < el.freeWhileWorkingDaysAfterPurchaseBelow;
        const [kase, bp]: [ComponentCase, number] = !within
          ? ['e-learning-after-window', el.afterWindowFeeBasisPoints]
          : input.eLearningStarted
            ? ['e-learning-started-within-window', el.startedFeeBasisPoints]
            : ['e-learning-not-started-within-window', el.notStartedWithinWindowFeeBasisPoints];
        return done({
          case: kase,
          ruleId: 'PP-15.5-EL',
          interpretationIds: [ip.eLearningColumns, ip.eLearningWorkingDayCount],
          tableFeeBasisPoints: bp,
          head: `E-learning cancelled ${plural(n, 'working day')} after purchase, ${input.eLearningStarted ? 'already started' : 'not started'}`,
        });
      }
      case 'textbook': {
        const tb = d.cancellation.textbook;
        if (!input.textbookSent) {
          return done({
            case: 'textbook-not-sent',
            ruleId: 'PP-15.5-BOOK',
            interpretationIds: [ip.textbookNotSent],
            tableFeeBasisPoints: tb.notSentFeeBasisPoints,
            head: 'Textbook not sent yet',
          });
        }
        const returned = input.textbookReturnedUnused;
        // PP-I18 (rev 2): "Geen kosten" in the fee column depends on the textbook coming back unused.
        const citesBookReading = !returned && versionOf(input.decidedUnder, 'PP-I18') >= 2;
        return done({
          case: returned ? 'textbook-returned-unused' : 'textbook-not-returned',
          ruleId: 'PP-15.5-BOOK',
          interpretationIds: citesBookReading ? ['PP-I18'] : [],
          tableFeeBasisPoints: returned ? tb.returnedUnusedFeeBasisPoints : tb.otherwiseFeeBasisPoints,
          head: returned ? 'Textbook returned unused and undamaged' : 'Textbook sent and not returned unused',
        });
      }
      default: {
        const kind = c.kind;
        const startsAt = (c.startsAt ?? input.startsAt)!;
        const workingDaysBefore = wdBefore(input.requestedAt, startsAt, rb.calendar);
        const onTheDay = compareDates(cancellationDate, toLocalDate(startsAt)) === 0;
        const dated = { startsAt, workingDaysBefore, onTheDay };
        const packageIds = kind === 'exam' || kind === 'practical-session' ? [ip.oneComponentTable] : [];
        // PP-15.2 (INTERP PP-I5): received at or after this component's start = no-show.
        if (compareInstants(input.requestedAt, startsAt) >= 0) {
          return done({
            ...dated,
            case: 'after-start',
            ruleId: 'PP-15.2',
            interpretationIds: [ip.perComponentStart],
            tableFeeBasisPoints: d.cancellation.noShowFeeBasisPoints,
            head: `${label} cancelled after start (no-show)`,
          });
        }
        const rescheduled = c.previouslyRescheduled ?? input.previouslyRescheduled;
        if (rescheduled && d.cancellation.previouslyRescheduled.appliesTo.includes(kind)) {
          return done({
            ...dated,
            case: 'previously-rescheduled',
            ruleId: 'PP-15.5-RS',
            interpretationIds: [ip.previouslyRescheduledScope],
            tableFeeBasisPoints: d.cancellation.previouslyRescheduled.feeBasisPoints,
            head: `${label} cancelled after an earlier reschedule`,
          });
        }
        const custom = input.customTerms?.cancellationBands?.[kind];
        const band = bandFor(custom ?? d.cancellation.bands[kind], workingDaysBefore);
        return done({
          ...dated,
          case: 'band',
          ruleId: custom ? 'PP-15.7' : BAND_RULE_ID[kind],
          interpretationIds: custom ? [] : packageIds,
          tableFeeBasisPoints: band.feeBasisPoints,
          head: `${label} cancelled ${onTheDay ? 'on the day of start' : `${plural(workingDaysBefore, 'working day')} before start`}`,
        });
      }
    }
  });

  const feeCents = outcomes.reduce((s, o) => s + o.feeCents, 0);
  const tableFeeCents = outcomes.reduce((s, o) => s + o.tableFeeCents, 0);
  const pendingEvidence = tableFeeCents > feeCents;
  const ruleIds = unique([...outcomes.map((o) => o.ruleId), ...(input.reason !== 'regular' ? ['PP-15.6'] : [])]);
  const interpretationIds = unique([
    ...outcomes.flatMap((o) => o.interpretationIds),
    ...(pendingEvidence ? [ip.evidenceWindow] : []),
    ip.vatOnFees,
  ]);
  const a: Assessment = {
    input,
    cancellationDate,
    outcomes,
    qualifyingReason,
    feeCents,
    tableFeeCents,
    pendingEvidence,
    ruleIds,
    interpretationIds,
  };
  if (workingDaysAfterPurchase !== undefined) a.workingDaysAfterPurchase = workingDaysAfterPurchase;
  if (input.startsAt !== undefined) a.workingDaysBefore = wdBefore(input.requestedAt, input.startsAt, rb.calendar);
  if (pendingEvidence) a.pendingEvidenceUntil = pendingEvidenceUntil;
  return a;
}

/**
 * PP-I19: version 2 reads a Praktijkopleiding's e-learning as an extra service, so it needs the
 * offering kind; version 1 applied the e-learning table to every booking.
 */
function isExtraService(input: Normalized): boolean {
  if (versionOf(input.decidedUnder, 'PP-I19') < 2) return false;
  const offeringKind = factFor(
    input.offeringKind,
    'PP-I19',
    'offeringKind',
    "for a booking with e-learning PP-I19 (rev 2) charges no cancellation cost for the e-learning of a practical training (practical-training); a decision recorded before PP-I19 version 2 does not hold it, supply it from the enrolment's offering",
  );
  return offeringKind === 'practical-training';
}

function breakdownJson(outcomes: readonly ComponentOutcome[]): JsonValue[] {
  return outcomes.map((o) =>
    json({
      kind: o.kind,
      priceCents: o.priceCents,
      startsAt: o.startsAt,
      workingDaysBefore: o.workingDaysBefore,
      onTheDay: o.onTheDay,
      case: o.case,
      ruleId: o.ruleId,
      feeBasisPoints: o.tableFeeBasisPoints,
      tableFeeCents: o.tableFeeCents,
      exempt: o.exempt,
      feeCents: o.feeCents,
    }),
  );
}

function joinFragments(fragments: readonly string[], totalCents: Cents): string {
  return fragments.length > 1 ? `${fragments.join('; ')}; fee ${euro(totalCents)}` : fragments[0]!;
}

function assessmentJson(a: Assessment): JsonObject {
  return json({
    ...plusportCancellationInputToJson(a.input),
    cancellationDate: a.cancellationDate,
    workingDaysAfterPurchase: a.workingDaysAfterPurchase,
    workingDaysBefore: a.workingDaysBefore,
    componentPriceCents: a.input.components.length === 1 ? a.input.components[0]!.priceCents : undefined,
    breakdown: breakdownJson(a.outcomes),
    tableFeeCents: a.tableFeeCents,
  });
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

/** Money of a decision: version 1 kept VAT and gross in the inputs, version 2 states them as fields. */
function moneyOf(rb: PlusportRulebook, readings: DecisionReadings, feeCents: Cents, paidCents: Cents) {
  const fee = plusportFee(rb, feeCents);
  const stated = plusportFeeFields(rb, readings, fee);
  const v1Inputs = moneyRuleV2(readings) ? {} : { feeVatCents: fee.feeVatCents, feeGrossCents: fee.feeGrossCents };
  const refundCents = Math.max(0, paidCents - fee.feeGrossCents);
  return { ...stated, v1Inputs, refundCents };
}

function cancellationDecision(rb: PlusportRulebook, input: Normalized): Decision {
  const a = assess(rb, input);
  const money = moneyOf(rb, input.decidedUnder, a.feeCents, input.paidCents);
  let text = joinFragments(
    a.outcomes.map((o) => o.pendingText),
    a.feeCents,
  );
  if (input.reason !== 'regular' && !a.qualifyingReason) text += `; ${reasonText(input)} is not a ground for exemption`;
  const decision: Decision = {
    kind: PLUSPORT_CANCELLATION_KIND,
    ruleIds: a.ruleIds,
    interpretationIds: a.interpretationIds,
    rulebook: { id: rb.id, version: rb.version },
    inputs: json({
      ...assessmentJson(a),
      ...money.v1Inputs,
      ...money.inputs,
      pendingEvidence: a.pendingEvidence,
      ...readingsJson(input.decidedUnder),
    }),
    ...money.fields,
    refundCents: money.refundCents,
    explanation: `${text} ${citation(a.ruleIds, rb)}`,
  };
  if (a.pendingEvidenceUntil) decision.deadlines = { pendingEvidenceUntil: a.pendingEvidenceUntil };
  return decision;
}

/**
 * Customer cancellation: per-component fee (PP-15.5-*), no-show after start (PP-15.2), offering
 * terms (PP-15.7) and step 1 of the PP-15.6 exemption (fee 0 pending evidence, deadline
 * `pendingEvidenceUntil` = cancellation date + 7 calendar days, inclusive: INTERP PP-I4).
 * `feeCents` is net; `refundCents` = max(0, paid - (fee + VAT)) (INTERP PP-I7). Decided under the
 * current readings unless `input.readings` pins some; `inputs.readings` records them.
 */
export function decidePlusportCancellation(rb: PlusportRulebook, input: PlusportCancellationInput): Decision {
  return cancellationDecision(
    rb,
    parsePlusportCancellationInput(
      plusportCancellationInputToJson(input),
      readingsForNewDecision(CANCELLATION_READINGS, input.readings),
    ),
  );
}

export function plusportCancellationFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return cancellationDecision(rb, parsePlusportCancellationInput(inputs));
}

// ---- PP-15.6 step 2 -------------------------------------------------------------------------

type NormalizedEvidence = {
  cancellation: Normalized;
  evidenceReceivedAt?: string;
  evidenceKind?: string;
  decidedAt: string;
};

/**
 * Reads step 2's facts. The readings are the evidence decision's own (`inputs.readings`), which
 * are the cancellation's. An offering kind beside the cancellation completes a cancellation that
 * was recorded without one (a what-if recompute supplies it).
 */
export function parsePlusportCancellationEvidenceInput(
  inputs: JsonObject,
  decidedUnder: DecisionReadings = readingsOfRecordedInputs(inputs, CANCELLATION_READINGS),
): NormalizedEvidence {
  const recorded = asObject(inputs['cancellation'], 'cancellation');
  const completed =
    recorded['offeringKind'] === undefined && inputs['offeringKind'] !== undefined
      ? { ...recorded, offeringKind: inputs['offeringKind'] }
      : recorded;
  const cancellation = parsePlusportCancellationInput(completed, decidedUnder);
  const evidenceReceivedAt = readOptionalInstant(inputs, 'evidenceReceivedAt');
  const evidenceKind = readOptionalString(inputs, 'evidenceKind');
  const decidedAt = readOptionalInstant(inputs, 'decidedAt') ?? evidenceReceivedAt;
  if (decidedAt === undefined)
    throw new PlusportInputError('decidedAt is required when no evidence was received', 'decidedAt');
  if (evidenceReceivedAt !== undefined && compareInstants(decidedAt, evidenceReceivedAt) < 0) {
    throw new PlusportInputError('decidedAt is before evidenceReceivedAt', 'decidedAt');
  }
  if (compareInstants(decidedAt, cancellation.requestedAt) < 0) {
    throw new PlusportInputError('decidedAt is before the cancellation', 'decidedAt');
  }
  const out: NormalizedEvidence = { cancellation, decidedAt };
  if (evidenceReceivedAt !== undefined) out.evidenceReceivedAt = evidenceReceivedAt;
  if (evidenceKind !== undefined) out.evidenceKind = evidenceKind;
  return out;
}

export function plusportCancellationEvidenceInputToJson(input: PlusportCancellationEvidenceInput): JsonObject {
  return json({
    cancellation: plusportCancellationInputToJson(input.cancellation),
    evidenceReceivedAt: input.evidenceReceivedAt,
    evidenceKind: input.evidenceKind,
    decidedAt: input.decidedAt,
  });
}

function evidenceDecision(rb: PlusportRulebook, e: NormalizedEvidence): Decision {
  const a = assess(rb, e.cancellation);
  if (!a.pendingEvidence || !a.pendingEvidenceUntil) {
    throw new RuleViolation(
      'NO_EVIDENCE_PENDING',
      'PP-15.6',
      'This cancellation has no fee exemption awaiting evidence',
    );
  }
  const until = a.pendingEvidenceUntil;
  const evidenceDate = e.evidenceReceivedAt !== undefined ? toLocalDate(e.evidenceReceivedAt) : undefined;
  const inTime = evidenceDate !== undefined && compareDates(evidenceDate, until) <= 0;
  if (!inTime && compareDates(toLocalDate(e.decidedAt), until) <= 0) {
    throw new RuleViolation(
      'EVIDENCE_WINDOW_OPEN',
      'PP-15.6',
      `Evidence may still arrive until ${until} (inclusive); the table fee cannot be charged before the deadline has passed`,
      { pendingEvidenceUntil: until },
    );
  }
  const outcome = inTime ? 'confirmed' : 'lapsed';
  const feeCents = inTime ? a.feeCents : a.tableFeeCents;
  const money = moneyOf(rb, e.cancellation.decidedUnder, feeCents, e.cancellation.paidCents);
  const ruleIds = unique(['PP-15.6', ...a.ruleIds]);
  const kindText = e.evidenceKind ? ` (${e.evidenceKind})` : '';
  const tableText = joinFragments(
    a.outcomes.map((o) => o.tableText),
    a.tableFeeCents,
  );
  const head = inTime
    ? `Evidence${kindText} received ${evidenceDate}, within the deadline ${until}: exemption confirmed, fee ${euro(feeCents)}`
    : evidenceDate !== undefined
      ? `Evidence${kindText} received ${evidenceDate}, after the deadline ${until}: table fee charged: ${tableText}`
      : `No evidence received by ${until}: table fee charged: ${tableText}`;
  return {
    kind: PLUSPORT_CANCELLATION_EVIDENCE_KIND,
    ruleIds,
    interpretationIds: a.interpretationIds,
    rulebook: { id: rb.id, version: rb.version },
    inputs: json({
      cancellation: plusportCancellationInputToJson(e.cancellation),
      evidenceReceivedAt: e.evidenceReceivedAt,
      evidenceKind: e.evidenceKind,
      decidedAt: e.decidedAt,
      pendingEvidenceUntil: until,
      outcome,
      breakdown: breakdownJson(a.outcomes),
      exemptFeeCents: a.feeCents,
      tableFeeCents: a.tableFeeCents,
      additionalFeeCents: feeCents - a.feeCents,
      ...money.v1Inputs,
      ...money.inputs,
      ...readingsJson(e.cancellation.decidedUnder),
    }),
    ...money.fields,
    refundCents: money.refundCents,
    deadlines: { pendingEvidenceUntil: until },
    explanation: `${head} ${citation(ruleIds, rb)}`,
  };
}

/**
 * PP-15.6 step 2. Evidence whose Amsterdam date is on or before `pendingEvidenceUntil` confirms the
 * exemption (fee stays as in step 1); otherwise, once that date has passed, the table fee is
 * charged. `refundCents` is the booking's whole refund entitlement after this decision
 * (replacing step 1's); `inputs.additionalFeeCents` is the fee added by a lapse.
 * Refused with EVIDENCE_WINDOW_OPEN before the deadline has passed without evidence.
 * Decided under the readings of the cancellation (`input.cancellation.readings`, which the caller
 * takes from the cancellation decision's `inputs.readings`; version 1 of each when it has none).
 */
export function decidePlusportCancellationEvidence(
  rb: PlusportRulebook,
  input: PlusportCancellationEvidenceInput,
): Decision {
  return evidenceDecision(
    rb,
    parsePlusportCancellationEvidenceInput(
      plusportCancellationEvidenceInputToJson(input),
      readingsOfEarlierDecision(CANCELLATION_READINGS, input.cancellation.readings),
    ),
  );
}

export function plusportCancellationEvidenceFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return evidenceDecision(rb, parsePlusportCancellationEvidenceInput(inputs));
}
