/**
 * VLI-2.1: a learner refused admission (no ID, or no VOG for a security course) must book a new
 * date. The reglement gives no other reschedule, and names no fee for the new date.
 */
import { compareInstants, type Instant } from '../../../calendar';
import { RuleViolation, type Decision, type JsonValue } from '../../../decision';
import { citation, jsonInputs, readBoolean, readInstant, requireInstant } from './decision-inputs';
import type { VliRulebook } from './decisions';

export const VLI_NEW_DATE_KIND = 'new-date';

export interface VliNewDateInput {
  /** Admission was refused at the booked date (VLI-2.1). */
  admissionRefused: boolean;
  startsAt: Instant;
  requestedAt: Instant;
  newStartsAt: Instant;
}

export function decideVliNewDate(rulebook: VliRulebook, input: VliNewDateInput): Decision {
  const requestedAt = requireInstant(input.requestedAt, 'requestedAt');
  const newStartsAt = requireInstant(input.newStartsAt, 'newStartsAt');
  const startsAt = requireInstant(input.startsAt, 'startsAt');
  const ruleIds = ['VLI-2.1'];
  const ref = { id: rulebook.id, version: rulebook.version };
  if (!input.admissionRefused) {
    throw new RuleViolation(
      'RESCHEDULE_NOT_ALLOWED',
      'VLI-2.1',
      'VLI books a new date only after a refused admission (VLI-2.1); otherwise cancel under VLI-2.3',
    );
  }
  if (compareInstants(newStartsAt, requestedAt) <= 0) {
    throw new RuleViolation('RESCHEDULE_NOT_ALLOWED', 'VLI-2.1', 'The new date must lie after the request');
  }
  return {
    kind: VLI_NEW_DATE_KIND,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({ admissionRefused: true, startsAt, requestedAt, newStartsAt }),
    allowed: true,
    feeCents: 0,
    feeVatCents: 0,
    feeGrossCents: 0,
    refundCents: 0,
    explanation: `Admission was refused on the booked date (${startsAt}): a new date ${newStartsAt} is booked at no fee ${citation(ruleIds, [], ref)}`,
  } as Decision;
}

export function vliNewDateFromJson(rulebook: VliRulebook, inputs: Record<string, JsonValue>): Decision {
  return decideVliNewDate(rulebook, {
    admissionRefused: readBoolean(inputs, 'admissionRefused'),
    startsAt: readInstant(inputs, 'startsAt'),
    requestedAt: readInstant(inputs, 'requestedAt'),
    newStartsAt: readInstant(inputs, 'newStartsAt'),
  });
}
