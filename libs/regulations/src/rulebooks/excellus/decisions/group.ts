/**
 * EXC-4.1*: an in-company or group agreement is quoted on the number of participants; the number
 * (and with it the agreement) may change until 3 months before the start, and the price follows
 * the number pro rata (the quote's prices are for the number it was made on).
 */
import { addDays, addMonths, compareDates, toLocalDate } from '../../../calendar';
import { RuleViolation, feeOnNet, type Decision, type JsonValue } from '../../../decision';
import { addVat, prorate, type Cents } from '../../../money';
import {
  DecisionInputError,
  citation,
  euro,
  jsonInputs,
  readBoolean,
  readInstantOrDate,
  readInteger,
} from '../../vli/decisions/decision-inputs';
import { componentsJson, readComponents, type PricedComponent } from './agreement-inputs';
import { EXCELLUS_DECISION_KINDS, excellusRef, type ExcellusRulebook } from './common';

type Inputs = Record<string, JsonValue>;

export interface ExcellusParticipantCountChangeInput {
  group: boolean;
  requestedAt: string;
  startsAt: string;
  /** The number of participants the quote (the offering's prices) was made on. */
  quotedParticipants: number;
  currentParticipants: number;
  newParticipants: number;
  /** The offering's components with their net prices for `quotedParticipants`. */
  components: readonly PricedComponent[];
  vatRateBasisPoints: number;
}

/** A line of the extra invoice (positive) or of the reduction (negative), per component. */
export interface ParticipantChangeLine {
  kind: string;
  netCents: Cents;
}

export function decideExcellusParticipantCountChange(
  rulebook: ExcellusRulebook,
  input: ExcellusParticipantCountChangeInput,
): Decision {
  return participantCountChange(
    rulebook,
    jsonInputs({ ...input, components: componentsJson(input.components) } as Record<string, JsonValue>),
  );
}

/** The agreement's net price per component for `participants`, pro rata to the quote. */
const pricesFor = (components: readonly PricedComponent[], participants: number, quoted: number) =>
  components.map((c) => ({ kind: c.kind, netCents: prorate(c.priceCents, participants, quoted) }));

/** Gross as invoices compute it: VAT per line, half-up once each. */
const grossOf = (lines: readonly ParticipantChangeLine[], rate: number): Cents =>
  lines.reduce((sum, line) => sum + addVat(line.netCents, rate).grossCents, 0);

function participantCountChange(rulebook: ExcellusRulebook, inputs: Inputs): Decision {
  const group = readBoolean(inputs, 'group');
  const requestedAt = readInstantOrDate(inputs, 'requestedAt');
  const startsAt = readInstantOrDate(inputs, 'startsAt');
  const components = readComponents(inputs, 'components');
  const vatRateBasisPoints = readInteger(inputs, 'vatRateBasisPoints');
  const counts = {
    quotedParticipants: readInteger(inputs, 'quotedParticipants'),
    currentParticipants: readInteger(inputs, 'currentParticipants'),
    newParticipants: readInteger(inputs, 'newParticipants'),
  };
  for (const [field, value] of Object.entries(counts))
    if (value < 1) throw new DecisionInputError(field, `${field} must be a positive integer`);
  const { quotedParticipants: quoted, currentParticipants: current, newParticipants: next } = counts;
  if (!group)
    throw new RuleViolation(
      'NOT_A_GROUP_AGREEMENT',
      'EXC-4.1*',
      'Only an in-company or group agreement has a changeable number of participants',
    );
  const months = rulebook.data.group.participantCountChangeMonthsBeforeStart;
  const requestDate = toLocalDate(requestedAt);
  const startDate = toLocalDate(startsAt);
  const changeableUntil = addMonths(startDate, -months);
  if (compareDates(requestDate, changeableUntil) > 0)
    throw new RuleViolation(
      'PARTICIPANT_CHANGE_TOO_LATE',
      'EXC-4.1*',
      `The number of participants can change until ${months} months before the start (${changeableUntil}); requested ${requestDate}`,
      { requestDate, changeableUntil },
    );

  const before = pricesFor(components, current, quoted);
  const after = pricesFor(components, next, quoted);
  const priceBeforeCents = before.reduce((sum, l) => sum + l.netCents, 0);
  const priceAfterCents = after.reduce((sum, l) => sum + l.netCents, 0);
  const lines = after
    .map((line, i) => ({ kind: line.kind, netCents: line.netCents - before[i]!.netCents }))
    .filter((line) => line.netCents !== 0);
  const increase = priceAfterCents > priceBeforeCents;
  // EXC-10.3: the extra part is payable like the rest, 10 days before the start (the change is
  // at least 3 months before it, so that day is never before the change).
  const dueDate = increase ? addDays(startDate, -rulebook.data.payment.dueDaysBeforeStart) : undefined;
  const creditGrossCents = increase ? 0 : grossOf(before, vatRateBasisPoints) - grossOf(after, vatRateBasisPoints);
  const ruleIds = increase ? ['EXC-4.1*', 'EXC-10.3'] : ['EXC-4.1*'];
  const ref = excellusRef(rulebook);
  const fee = feeOnNet(priceAfterCents, vatRateBasisPoints);
  const money = increase
    ? `${euro(priceAfterCents - priceBeforeCents)} more is invoiced, due ${dueDate}`
    : priceAfterCents < priceBeforeCents
      ? `${euro(creditGrossCents)} is credited`
      : 'the price stays';
  return {
    kind: EXCELLUS_DECISION_KINDS.participantCountChange,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({
      group,
      requestedAt,
      startsAt,
      quotedParticipants: quoted,
      currentParticipants: current,
      newParticipants: next,
      components: componentsJson(components),
      vatRateBasisPoints,
      requestDate,
      startDate,
      monthsBeforeStart: months,
      priceBeforeCents,
      priceAfterCents,
      lines: lines.map((l) => ({ kind: l.kind, netCents: l.netCents })),
      creditGrossCents,
    }),
    allowed: true,
    ...fee,
    surchargeCents: increase ? priceAfterCents - priceBeforeCents : 0,
    deadlines: { participantCountChangeableUntil: changeableUntil, ...(dueDate ? { dueDate } : {}) },
    explanation: `Group agreement changed from ${current} to ${next} participants on ${requestDate}, on or before ${changeableUntil} (${months} months before the start ${startDate}); quoted for ${quoted}, the price goes from ${euro(priceBeforeCents)} to ${euro(priceAfterCents)} and ${money} ${citation(ruleIds, [], ref)}`,
  };
}

/** The lines of the change the decision recorded (per component, net; negative for a reduction). */
export function participantChangeLines(decision: Decision): ParticipantChangeLine[] {
  const lines = decision.inputs['lines'];
  if (!Array.isArray(lines)) throw new Error('Invariant violated: a participant-count decision records its lines');
  return lines.map((line) => {
    const { kind, netCents } = line as { kind: string; netCents: number };
    return { kind, netCents };
  });
}

/** JSON decision functions of this file, by kind. */
export const excellusGroupDecisionFunctions = (rulebook: ExcellusRulebook) => ({
  [EXCELLUS_DECISION_KINDS.participantCountChange]: (i: Inputs) => participantCountChange(rulebook, i),
});
