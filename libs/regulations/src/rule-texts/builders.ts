/** Small constructors shared by the rule-text files, so each file states only what differs. */
import type { InterpretationText, InterpretationTouch, TextedRulebookId, SeedArticle } from './types';
import { SEED_FILES, TEXTED_RULEBOOK_IDS } from './types';
import { VERSIONED_READINGS } from '../contract/readings';

/** `quote(ref, quoteNl)` for one rulebook's seed. */
export function quoteFrom(rulebookId: TextedRulebookId): (ref: string, quoteNl: string) => SeedArticle {
  const seedFile = SEED_FILES[rulebookId];
  return (ref, quoteNl) => ({ ref, quoteNl, seedFile });
}

/** A reading of the ledger's own (docs/interpretations.md) that has had one version so far. */
export function ledgerInterpretation(fields: {
  id: string;
  rulebookId: TextedRulebookId | null;
  title: string;
  ruleIds: readonly string[];
  touches: readonly InterpretationTouch[];
  alsoActsOn?: string;
  reading: string;
  reasoning: string;
}): InterpretationText {
  const { reading, reasoning, ...rest } = fields;
  return { ...rest, source: 'ledger', versions: [{ version: 1, reading, reasoning }] };
}

/**
 * What a versioned reading touches, as the what-if recomputes it: one list serves the auditor's
 * text and the recomputation, so the two cannot drift apart.
 */
export function readingTouches(interpretationId: string): readonly InterpretationTouch[] {
  const reading = VERSIONED_READINGS[interpretationId];
  if (!reading) throw new Error(`${interpretationId} is no versioned reading`);
  return reading.touches.map((touch) => {
    const rulebookId = TEXTED_RULEBOOK_IDS.find((id) => id === touch.rulebookId);
    if (!rulebookId) throw new Error(`${interpretationId} touches unknown rulebook ${touch.rulebookId}`);
    return { rulebookId, decisionKinds: touch.decisionKinds };
  });
}
