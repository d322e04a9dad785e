/** Small constructors shared by the rule-text files, so each file states only what differs. */
import type { InterpretationText, InterpretationTouch, TextedRulebookId, SeedArticle } from './types';
import { SEED_FILES } from './types';

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
