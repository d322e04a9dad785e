/**
 * EXC-4.7: after a purchase of material is dissolved (EXC-4.5) the customer sends the material back;
 * Excellus may charge the direct costs of the return, and material on an electronic carrier whose
 * package seal was broken cannot be returned: its price is owed in full.
 */
import { toLocalDate } from '../../../calendar';
import { feeOfGross, feeOnNet, type Decision, type JsonValue } from '../../../decision';
import type { Cents } from '../../../money';
import {
  citation,
  euro,
  jsonInputs,
  readBoolean,
  readInstant,
  readInteger,
  requireCents,
  type JsonInputs,
} from '../../vli/decisions/decision-inputs';
import { EXCELLUS_DECISION_KINDS, excellusRef, type ExcellusRulebook } from './common';

export interface ExcellusMaterialsReturnInput {
  withdrawnAt: string;
  receivedAt: string;
  /** The agreement's price, net (excluding VAT). */
  priceCents: Cents;
  /** The agreement's price as invoiced and not credited (gross). */
  chargedCents: Cents;
  /** Gross paid and kept. */
  paidCents: Cents;
  /** Direct costs of the return Excellus bore and charges to the customer (gross). */
  returnCostsCents: Cents;
  /** The offer states the material comes on sealed electronic media. */
  sealedMedia: boolean;
  /** ... and the seal was broken. */
  sealBroken: boolean;
  vatRateBasisPoints: number;
}

export function decideExcellusMaterialsReturn(
  rulebook: ExcellusRulebook,
  input: ExcellusMaterialsReturnInput,
): Decision {
  return materialsReturn(rulebook, jsonInputs({ ...input } as Record<string, JsonValue>));
}

function materialsReturn(rulebook: ExcellusRulebook, inputs: JsonInputs): Decision {
  const withdrawnAt = readInstant(inputs, 'withdrawnAt');
  const receivedAt = readInstant(inputs, 'receivedAt');
  const cents = (field: string) => requireCents(readInteger(inputs, field), field);
  const priceCents = cents('priceCents');
  const chargedCents = cents('chargedCents');
  const paidCents = cents('paidCents');
  const returnCostsCents = cents('returnCostsCents');
  const sealedMedia = readBoolean(inputs, 'sealedMedia');
  const sealBroken = readBoolean(inputs, 'sealBroken');
  const vatRateBasisPoints = readInteger(inputs, 'vatRateBasisPoints');
  const ruleIds = ['EXC-4.7'];
  const ref = excellusRef(rulebook);
  const raw = {
    withdrawnAt,
    receivedAt,
    priceCents,
    chargedCents,
    paidCents,
    returnCostsCents,
    sealedMedia,
    sealBroken,
    vatRateBasisPoints,
  };
  const returnedOn = toLocalDate(receivedAt);
  if (sealedMedia && sealBroken) {
    // Cannot be returned: the price stays owed in full, and only what was paid beyond it comes back.
    const fee = feeOnNet(priceCents, vatRateBasisPoints);
    const keepCents = Math.min(fee.feeGrossCents, chargedCents);
    const refundCents = Math.max(0, paidCents - keepCents);
    return {
      kind: EXCELLUS_DECISION_KINDS.materialsReturn,
      ruleIds,
      interpretationIds: [],
      rulebook: ref,
      inputs: jsonInputs({ ...raw, returnable: false, keepCents }),
      allowed: false,
      ...fee,
      refundCents,
      explanation: `Material on sealed media came back on ${returnedOn} with the seal broken: it cannot be returned and its price (${euro(fee.feeGrossCents)}) is owed in full; ${euro(refundCents)} comes back ${citation(ruleIds, [], ref)}`,
    };
  }
  // The return costs are kept out of what was paid (or stay owed), never more than the price.
  const keepCents = Math.min(returnCostsCents, chargedCents);
  const fee = feeOfGross(keepCents, vatRateBasisPoints);
  const refundCents = Math.max(0, paidCents - keepCents);
  return {
    kind: EXCELLUS_DECISION_KINDS.materialsReturn,
    ruleIds,
    interpretationIds: [],
    rulebook: ref,
    inputs: jsonInputs({ ...raw, returnable: true, keepCents }),
    allowed: true,
    ...fee,
    refundCents,
    explanation: `The material came back on ${returnedOn}: ${keepCents > 0 ? `the direct return costs of ${euro(keepCents)} are charged` : 'no return costs are charged'} and ${euro(refundCents)} comes back ${citation(ruleIds, [], ref)}`,
  };
}

/** JSON decision functions of this file, by kind. */
export const excellusMaterialsReturnDecisionFunctions = (rulebook: ExcellusRulebook) => ({
  [EXCELLUS_DECISION_KINDS.materialsReturn]: (i: JsonInputs) => materialsReturn(rulebook, i),
});
