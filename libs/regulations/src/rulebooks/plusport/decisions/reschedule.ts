/**
 * Rescheduling (art. 14): PP-14.1-3, PP-14.4 (exam), PP-14.5 (practical session, incl. the
 * 3-month window and the colleague swap), PP-14.6 (ATEX/NEN/VCA classroom follows the
 * cancellation table), PP-14.7 (offering terms); INTERP PP-I8..I10, PP-I15.
 */
import { addMonths, compareDates, compareInstants, toLocalDate, wdBefore } from '../../../calendar';
import type { LocalDate } from '../../../calendar';
import { RuleViolation } from '../../../decision';
import type { Decision } from '../../../decision';
import { percentOf } from '../../../money';
import type { Cents } from '../../../money';
import {
  readingIdsOf,
  readingsForNewDecision,
  readingsJson,
  readingsOfRecordedInputs,
  type DecisionReadings,
} from '../../../contract/readings';
import {
  BAND_RULE_ID,
  COMPONENT_LABEL,
  bandFor,
  customTermsToJson,
  moneyRuleV2,
  parseCustomTerms,
  plusportFee,
  plusportFeeFields,
} from './common';
import type { PlusportRulebook } from './common';
import {
  PlusportInputError,
  citation,
  euro,
  formatPercent,
  json,
  plural,
  readBoolean,
  readCents,
  readInstant,
  readOneOf,
  readOptionalBoolean,
  readOptionalInstant,
  unique,
} from './json';
import type { JsonObject } from './json';
import {
  PLUSPORT_DATED_COMPONENT_KINDS,
  type PlusportColleagueSwapInput,
  type PlusportRescheduleBand,
  type PlusportRescheduleInput,
} from './types';

export const PLUSPORT_RESCHEDULE_KIND = 'reschedule';
export const PLUSPORT_COLLEAGUE_SWAP_KIND = 'colleague-swap';

const RESCHEDULE_READINGS = readingIdsOf('plusport', PLUSPORT_RESCHEDULE_KIND);
const SWAP_READINGS = readingIdsOf('plusport', PLUSPORT_COLLEAGUE_SWAP_KIND);

type Normalized = Required<Omit<PlusportRescheduleInput, 'newStartsAt' | 'customTerms' | 'readings'>> &
  Pick<PlusportRescheduleInput, 'newStartsAt' | 'customTerms'> & { decidedUnder: DecisionReadings };

export function parsePlusportRescheduleInput(
  inputs: JsonObject,
  decidedUnder: DecisionReadings = readingsOfRecordedInputs(inputs, RESCHEDULE_READINGS),
): Normalized {
  const n: Normalized = {
    component: readOneOf(inputs, 'component', PLUSPORT_DATED_COMPONENT_KINDS),
    componentPriceCents: readCents(inputs, 'componentPriceCents'),
    startsAt: readInstant(inputs, 'startsAt'),
    requestedAt: readInstant(inputs, 'requestedAt'),
    invoiceTotalCents: readCents(inputs, 'invoiceTotalCents'),
    paidCents: readCents(inputs, 'paidCents'),
    rescheduleAsCancellation: readOptionalBoolean(inputs, 'rescheduleAsCancellation') ?? false,
    previouslyRescheduled: readOptionalBoolean(inputs, 'previouslyRescheduled') ?? false,
    decidedUnder,
  };
  const newStartsAt = readOptionalInstant(inputs, 'newStartsAt');
  if (newStartsAt !== undefined) {
    if (compareInstants(newStartsAt, n.requestedAt) <= 0)
      throw new PlusportInputError('newStartsAt must be after requestedAt', 'newStartsAt');
    if (compareInstants(newStartsAt, n.startsAt) === 0)
      throw new PlusportInputError('newStartsAt equals the current start', 'newStartsAt');
    n.newStartsAt = newStartsAt;
  }
  const customTerms = parseCustomTerms(inputs['customTerms']);
  if (customTerms !== undefined) n.customTerms = customTerms;
  return n;
}

export function plusportRescheduleInputToJson(input: PlusportRescheduleInput): JsonObject {
  return json({
    component: input.component,
    componentPriceCents: input.componentPriceCents,
    startsAt: input.startsAt,
    requestedAt: input.requestedAt,
    newStartsAt: input.newStartsAt,
    invoiceTotalCents: input.invoiceTotalCents,
    paidCents: input.paidCents,
    rescheduleAsCancellation: input.rescheduleAsCancellation,
    previouslyRescheduled: input.previouslyRescheduled,
    customTerms: customTermsToJson(input.customTerms),
  });
}

interface Table {
  ruleIds: string[];
  interpretationIds: string[];
  bands: PlusportRescheduleBand[];
  onTheDay?: PlusportRescheduleBand;
  newDateWithinMonths?: number;
  newDateRequired: boolean;
  /** The rule that refuses when a band says not allowed. */
  refusingRuleId: string;
}

function tableFor(rb: PlusportRulebook, n: Normalized): Table {
  const d = rb.data;
  const ip = d.interpretations;
  const custom = n.customTerms?.rescheduleBands?.[n.component];
  if (custom)
    return {
      ruleIds: ['PP-14.7'],
      interpretationIds: [],
      bands: custom,
      newDateRequired: false,
      refusingRuleId: 'PP-14.7',
    };
  switch (n.component) {
    case 'exam': {
      const t = d.reschedule.exam;
      return {
        ruleIds: ['PP-14.4'],
        interpretationIds: [],
        ...t,
        newDateRequired: t.newDateRequired ?? false,
        refusingRuleId: 'PP-14.4',
      };
    }
    case 'practical-session': {
      const t = d.reschedule['practical-session'];
      return {
        ruleIds: ['PP-14.5'],
        interpretationIds: [ip.rescheduleNonWorkingDayBefore, ip.rescheduleWindow],
        ...t,
        newDateRequired: t.newDateRequired ?? false,
        refusingRuleId: 'PP-14.5',
      };
    }
    case 'classroom': {
      if (!n.rescheduleAsCancellation) {
        throw new RuleViolation(
          'RESCHEDULE_NOT_ALLOWED',
          'PP-14.1-3',
          'Only practical sessions and exams can be rescheduled (art. 14.1), and ATEX/NEN 1010/NEN 3140/VCA classroom trainings under the cancellation table (PP-14.6); this classroom training can only be cancelled',
          { component: n.component },
        );
      }
      // PP-14.6: the cancellation table (PP-15.5-CLS, with its "rescheduled before" row PP-15.5-RS).
      const c = d.cancellation;
      if (n.previouslyRescheduled && c.previouslyRescheduled.appliesTo.includes('classroom')) {
        return {
          ruleIds: ['PP-14.6', 'PP-15.5-RS'],
          interpretationIds: [ip.previouslyRescheduledScope],
          bands: [{ minWorkingDaysBefore: 0, allowed: true, feeBasisPoints: c.previouslyRescheduled.feeBasisPoints }],
          newDateRequired: false,
          refusingRuleId: 'PP-14.6',
        };
      }
      return {
        ruleIds: ['PP-14.6', BAND_RULE_ID.classroom],
        interpretationIds: [],
        bands: c.bands.classroom.map((b) => ({
          minWorkingDaysBefore: b.minWorkingDaysBefore,
          allowed: true,
          feeBasisPoints: b.feeBasisPoints,
        })),
        newDateRequired: false,
        refusingRuleId: 'PP-14.6',
      };
    }
  }
}

function rescheduleDecision(rb: PlusportRulebook, n: Normalized): Decision {
  const ip = rb.data.interpretations;
  const label = COMPONENT_LABEL[n.component];
  // PP-14.1-3: requested before the session, course fee fully paid.
  if (compareInstants(n.requestedAt, n.startsAt) >= 0) {
    throw new RuleViolation(
      'RESCHEDULE_NOT_ALLOWED',
      'PP-14.1-3',
      `${label} has already started (${n.startsAt}); a reschedule must be requested before it`,
      {
        startsAt: n.startsAt,
      },
    );
  }
  if (n.paidCents < n.invoiceTotalCents) {
    throw new RuleViolation(
      'RESCHEDULE_REQUIRES_FULL_PAYMENT',
      'PP-14.1-3',
      `Rescheduling requires the course fee fully paid: ${euro(n.paidCents)} of ${euro(n.invoiceTotalCents)} paid`,
      { paidCents: n.paidCents, invoiceTotalCents: n.invoiceTotalCents },
    );
  }
  const table = tableFor(rb, n);
  const workingDaysBefore = wdBefore(n.requestedAt, n.startsAt, rb.calendar);
  const originalDate = toLocalDate(n.startsAt);
  const onTheDay = compareDates(toLocalDate(n.requestedAt), originalDate) === 0;
  const band = onTheDay && table.onTheDay ? table.onTheDay : bandFor(table.bands, workingDaysBefore);
  const when = onTheDay ? 'on the day of the session' : `${plural(workingDaysBefore, 'working day')} before start`;
  if (!band.allowed) {
    throw new RuleViolation(
      'RESCHEDULE_NOT_ALLOWED',
      table.refusingRuleId,
      `${label} reschedule requested ${when}: not possible under ${table.refusingRuleId}; only cancellation is possible`,
      { workingDaysBefore, onTheDay },
    );
  }
  let latestNewDate: LocalDate | undefined;
  if (table.newDateRequired && n.newStartsAt === undefined) {
    throw new RuleViolation(
      'RESCHEDULE_NEW_DATE_REQUIRED',
      table.refusingRuleId,
      `${label}: the new date must be given with the request; otherwise only cancellation is possible`,
    );
  }
  if (table.newDateWithinMonths !== undefined && n.newStartsAt !== undefined) {
    // INTERP PP-I9: the new date's Amsterdam date on or before original date + N calendar months.
    latestNewDate = addMonths(originalDate, table.newDateWithinMonths);
    if (compareDates(toLocalDate(n.newStartsAt), latestNewDate) > 0) {
      throw new RuleViolation(
        'RESCHEDULE_OUTSIDE_WINDOW',
        table.refusingRuleId,
        `${label}: the new date ${toLocalDate(n.newStartsAt)} is later than ${latestNewDate} (${table.newDateWithinMonths} months after ${originalDate}); only cancellation is possible`,
        { latestNewDate },
      );
    }
  }
  const feeCents: Cents =
    band.feeCents !== undefined
      ? band.feeCents
      : band.feeBasisPoints !== undefined
        ? percentOf(n.componentPriceCents, band.feeBasisPoints)
        : 0;
  const feeText =
    band.feeBasisPoints !== undefined
      ? `${formatPercent(band.feeBasisPoints)} % of ${euro(n.componentPriceCents)} = ${euro(feeCents)}`
      : feeCents === 0
        ? 'no fee'
        : `fee ${euro(feeCents)}`;
  const fee = plusportFee(rb, feeCents);
  const stated = plusportFeeFields(rb, n.decidedUnder, fee);
  const v2 = moneyRuleV2(n.decidedUnder);
  const ruleIds = unique(['PP-14.1-3', ...table.ruleIds]);
  const interpretationIds = unique([...table.interpretationIds, ...(feeCents > 0 ? [ip.vatOnFees] : [])]);
  const target = n.newStartsAt ? ` to ${toLocalDate(n.newStartsAt)}` : '';
  const decision: Decision = {
    kind: PLUSPORT_RESCHEDULE_KIND,
    ruleIds,
    interpretationIds,
    rulebook: { id: rb.id, version: rb.version },
    inputs: json({
      ...plusportRescheduleInputToJson(n),
      workingDaysBefore,
      onTheDay,
      latestNewDate,
      feeBasisPoints: band.feeBasisPoints,
      ...(v2 ? stated.inputs : { feeVatCents: fee.feeVatCents, feeGrossCents: fee.feeGrossCents }),
      ...readingsJson(n.decidedUnder),
    }),
    ...stated.fields,
    refundCents: 0,
    allowed: true,
    explanation: `${label} rescheduled ${when}${target}: ${feeText}${feeCents > 0 ? ', payable at once' : ''} ${citation(ruleIds, rb)}`,
  };
  if (feeCents > 0) decision.deadlines = { feeDueDate: toLocalDate(n.requestedAt) };
  return decision;
}

/**
 * Reschedule a session. Throws RuleViolation: RESCHEDULE_NOT_ALLOWED (after start, PP-14.1-3; exam
 * with wdBefore <= 5 or on the day, PP-14.4; ordinary classroom, PP-14.1-3), RESCHEDULE_REQUIRES_FULL_PAYMENT
 * (PP-14.1-3), RESCHEDULE_NEW_DATE_REQUIRED / RESCHEDULE_OUTSIDE_WINDOW (PP-14.5).
 * Fee (net) payable at once: `deadlines.feeDueDate` = the request date.
 */
export function decidePlusportReschedule(rb: PlusportRulebook, input: PlusportRescheduleInput): Decision {
  return rescheduleDecision(
    rb,
    parsePlusportRescheduleInput(
      plusportRescheduleInputToJson(input),
      readingsForNewDecision(RESCHEDULE_READINGS, input.readings),
    ),
  );
}

export function plusportRescheduleFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return rescheduleDecision(rb, parsePlusportRescheduleInput(inputs));
}

// ---- colleague swap (PP-14.5, INTERP PP-I15) --------------------------------------------------

type NormalizedSwap = Required<Omit<PlusportColleagueSwapInput, 'readings'>> & { decidedUnder: DecisionReadings };

export function parsePlusportColleagueSwapInput(
  inputs: JsonObject,
  decidedUnder: DecisionReadings = readingsOfRecordedInputs(inputs, SWAP_READINGS),
): NormalizedSwap {
  return {
    decidedUnder,
    requestedAt: readInstant(inputs, 'requestedAt'),
    startsAt: readInstant(inputs, 'startsAt'),
    requiresProofOfParticipation: readBoolean(inputs, 'requiresProofOfParticipation'),
    colleaguePassedOnlineTheoryExam: readOptionalBoolean(inputs, 'colleaguePassedOnlineTheoryExam') ?? false,
  };
}

export function plusportColleagueSwapInputToJson(input: PlusportColleagueSwapInput): JsonObject {
  return json({
    requestedAt: input.requestedAt,
    startsAt: input.startsAt,
    requiresProofOfParticipation: input.requiresProofOfParticipation,
    colleaguePassedOnlineTheoryExam: input.colleaguePassedOnlineTheoryExam,
  });
}

function swapDecision(rb: PlusportRulebook, n: NormalizedSwap): Decision {
  const ip = rb.data.interpretations;
  if (compareInstants(n.requestedAt, n.startsAt) >= 0) {
    throw new RuleViolation(
      'SWAP_NOT_ALLOWED',
      'PP-14.5',
      `The practical session has already started (${n.startsAt})`,
      { startsAt: n.startsAt },
    );
  }
  if (n.requiresProofOfParticipation && !n.colleaguePassedOnlineTheoryExam) {
    throw new RuleViolation(
      'SWAP_NOT_ALLOWED',
      'PP-14.5',
      'This practical session requires proof of participation: the colleague must have passed the online theory exam',
    );
  }
  const ruleIds = ['PP-14.5'];
  const stated = plusportFeeFields(rb, n.decidedUnder, plusportFee(rb, 0));
  return {
    kind: PLUSPORT_COLLEAGUE_SWAP_KIND,
    ruleIds,
    interpretationIds: [ip.colleagueSwap],
    rulebook: { id: rb.id, version: rb.version },
    inputs: json({ ...plusportColleagueSwapInputToJson(n), ...stated.inputs, ...readingsJson(n.decidedUnder) }),
    ...stated.fields,
    refundCents: 0,
    allowed: true,
    explanation: `Practical session place taken by a colleague${
      n.requiresProofOfParticipation ? ' who passed the online theory exam (proof of participation required)' : ''
    }: no fee ${citation(ruleIds, rb)}`,
  };
}

/** A colleague takes the learner's practical-session place (before start; proof-of-participation condition). */
export function decidePlusportColleagueSwap(rb: PlusportRulebook, input: PlusportColleagueSwapInput): Decision {
  return swapDecision(
    rb,
    parsePlusportColleagueSwapInput(
      plusportColleagueSwapInputToJson(input),
      readingsForNewDecision(SWAP_READINGS, input.readings),
    ),
  );
}

export function plusportColleagueSwapFromJson(rb: PlusportRulebook, inputs: JsonObject): Decision {
  return swapDecision(rb, parsePlusportColleagueSwapInput(inputs));
}
