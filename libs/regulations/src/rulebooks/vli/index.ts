/**
 * VLI (Vertex Learning Institute) huishoudelijk reglement — rulebook `vli` (seed 002, docs/regulations.md §3).
 *
 * VAT: the reglement says nothing about VAT, so the catalogue's §0 default reading applies: prices
 * exclude VAT and the standard rate (21 %) is charged. A VAT exemption (e.g. CRKBO registration)
 * would be a new rulebook version with rate 0.
 */
import { TERMIJNENWET_CALENDAR } from '../../calendar';
import type { RulebookVersion } from '../../rulebook';
import { VLI_DATA_2024 } from './data';
import type { VliData } from './data';
import { vliDecisionFunctions } from './decisions/decisions';
import { VLI_NEW_DATE_KIND, vliNewDateFromJson } from './decisions/new-date';
import { vliEnrolmentActs } from './acts/enrolment';
import type { JsonValue } from '../../decision';
import { vliFinanceActs } from './acts/finance';
import type { VliRulebook } from './decisions/decisions';

export * from './data';
export * from './decisions/decisions';
export { DecisionInputError as VliInputError } from './decisions/decision-inputs';

export function vliVersion(base: VliRulebook & { effectiveFrom: string }): RulebookVersion<VliData> {
  return Object.freeze({
    ...base,
    decisions: Object.freeze({
      ...vliDecisionFunctions(base),
      [VLI_NEW_DATE_KIND]: (inputs: Record<string, JsonValue>) => vliNewDateFromJson(base, inputs),
    }),
    acts: { enrolment: vliEnrolmentActs(base), finance: vliFinanceActs(base) },
  });
}

export const VLI_2024_01_01: RulebookVersion<VliData> = vliVersion({
  id: 'vli',
  version: '2024-01-01',
  effectiveFrom: '2024-01-01',
  vatRateBasisPoints: 2_100,
  calendar: TERMIJNENWET_CALENDAR,
  data: VLI_DATA_2024,
});

export const vliVersions: RulebookVersion[] = [VLI_2024_01_01 as RulebookVersion];
