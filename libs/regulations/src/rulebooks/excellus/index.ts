/**
 * Excellus Academie algemene voorwaarden — rulebook `excellus` (seed 003, docs/regulations.md §4).
 *
 * VAT: art. 7 lid 5 — prices "zijn vrijgesteld van Btw, tenzij expliciet anders vermeld of
 * schriftelijk overeengekomen": VAT rate 0.
 */
import { TERMIJNENWET_CALENDAR } from '../../calendar';
import type { RulebookVersion } from '../../rulebook';
import type { ExcellusRulebook } from './decisions/common';
import { EXCELLUS_DATA_2024 } from './data';
import type { ExcellusData } from './data';
import { excellusDecisionFunctions } from './decisions/json';
import { excellusEnrolmentActs } from './acts/enrolment';
import { excellusFinanceActs } from './acts/finance';

export * from './data';
export * from './decisions/common';
export * from './decisions/cancellation';
export * from './decisions/payment';
export * from './decisions/attendance';
export * from './decisions/delivery';
export * from './decisions/group';
export * from './decisions/payment-plan';
export * from './decisions/materials-return';
export * from './decisions/json';

export function excellusVersion(base: ExcellusRulebook & { effectiveFrom: string }): RulebookVersion<ExcellusData> {
  return Object.freeze({
    ...base,
    decisions: excellusDecisionFunctions(base),
    acts: { enrolment: excellusEnrolmentActs(base), finance: excellusFinanceActs(base) },
  });
}

export const EXCELLUS_2024_01_01: RulebookVersion<ExcellusData> = excellusVersion({
  id: 'excellus',
  version: '2024-01-01',
  effectiveFrom: '2024-01-01',
  vatRateBasisPoints: 0,
  calendar: TERMIJNENWET_CALENDAR,
  data: EXCELLUS_DATA_2024,
});

export const excellusVersions: RulebookVersion[] = [EXCELLUS_2024_01_01 as RulebookVersion];
