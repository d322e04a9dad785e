/**
 * Rule texts for auditors: every rule id and interpretation id a decision can cite, in the project's
 * own words, with the article of the original regulation and its Dutch sentence(s) quoted verbatim
 * from the seed (docs/seeds/). docs/regulations.md is generated from this data
 * (`npx tsx scripts/docs-rules.ts`).
 */
import type { LocalDate } from '../calendar';

/** The rulebooks whose original regulations are kept in docs/seeds/ and have rule texts here. */
export const TEXTED_RULEBOOK_IDS = ['spot-lms', 'plusport', 'vli', 'excellus', 'loi'] as const;
export type TextedRulebookId = (typeof TEXTED_RULEBOOK_IDS)[number];

/** The original regulation of each rulebook, as kept in docs/seeds/ (docs/seeds/README.md). */
export const SEED_FILES = Object.freeze({
  'spot-lms': '000_3d44df56f50a4f89.txt',
  plusport: '001_f99e99e77f183328.txt',
  vli: '002_aaa67cd6e63a63ee.txt',
  excellus: '003_77d2c2c4ffb8373c.txt',
  loi: '004_af9451e6cc3ddd62.txt',
} as const satisfies Record<TextedRulebookId, string>);

export type SeedFile = (typeof SEED_FILES)[TextedRulebookId];

/** A place in a seed and the Dutch text there, quoted verbatim (only whitespace may differ: the extraction's line breaks). */
export interface SeedArticle {
  /** Where in the original, e.g. "art. 15.5, Annuleringsregeling Klassikale trainingen". */
  ref: string;
  quoteNl: string;
  seedFile: SeedFile;
}

/**
 * A rule that comes from Dutch law rather than from a provider's terms. The law's text is not kept
 * in the repository, so nothing is quoted; `seeAlso` quotes the seeds that invoke it.
 */
export interface StatuteArticle {
  /** e.g. "art. 6:96 lid 6 BW". */
  ref: string;
  statute: string;
  quoteNl: null;
  seedFile: null;
}

interface RuleTextFields {
  ruleId: string;
  /** Other spellings that name this rule, e.g. the catalogue's combined row "SPOT-3.4 / 4.1". */
  aliases?: readonly string[];
  /** null: a shared rule (law, catalogue §0/§6) that every rulebook may cite. */
  rulebookId: TextedRulebookId | null;
  title: string;
  /** The rule in the project's own English words, as the ledger applies it. */
  text: string;
  article: SeedArticle | StatuteArticle;
  /** Further sentences of the seeds that state or qualify the same rule (other tables, footnotes). */
  seeAlso?: readonly SeedArticle[];
  /** The interpretations that read this rule (their texts: `interpretation(id)`). */
  interpretationIds: readonly string[];
  /**
   * Where the catalogue (docs/regulations.md) and the seed seem to disagree, or the catalogue adds to
   * the seed: what each says and what the ledger does. Recorded, never silently resolved.
   */
  catalogueVsSeed?: string;
}

/** A rule of the seeds: either the ledger decides under it, or the text says why the ledger does not. */
export type RuleText =
  (RuleTextFields & { ledgerDecision: true }) | (RuleTextFields & { ledgerDecision: false; reason: string });

export interface InterpretationVersion {
  /** 1, 2, ...: a correction is a new version; decisions keep citing the reading they were made under. */
  version: number;
  /** What the ledger reads the rule to mean. */
  reading: string;
  /** Why. */
  reasoning: string;
  /** The day this reading took effect, where it is on record. */
  adoptedOn?: LocalDate;
  /** The catalogue revision that states this reading (absent: a reading of the ledger's own). */
  catalogueRevision?: number;
}

/** Decision kinds (as registered on the rulebook versions) whose outcome the interpretation can change. */
export interface InterpretationTouch {
  rulebookId: TextedRulebookId;
  decisionKinds: readonly string[];
}

export interface InterpretationText {
  id: string;
  /** null: shared by several rulebooks (calendar, money, interest, collection costs, finance reads). */
  rulebookId: TextedRulebookId | null;
  title: string;
  /** `catalogue`: taken by the regulations catalogue; `ledger`: the ledger's own reading (docs/interpretations.md). */
  source: 'catalogue' | 'ledger';
  /** The rules it reads. */
  ruleIds: readonly string[];
  touches: readonly InterpretationTouch[];
  /** Where it acts outside the rulebooks' decision kinds (figures computed on read, domain events), if anywhere. */
  alsoActsOn?: string;
  /** Sentences of the seeds the reading turns on. */
  seedQuotes?: readonly SeedArticle[];
  /** Oldest first; the last one is the reading in force. */
  versions: readonly InterpretationVersion[];
}

/** One rulebook's rule texts and interpretations (libs/regulations/src/rulebooks/<id>/rule-texts.ts). */
export interface RulebookTexts {
  rulebookId: TextedRulebookId;
  /** The provider and its regulation, as docs/seeds/README.md names them. */
  provider: string;
  rules: readonly RuleText[];
  interpretations: readonly InterpretationText[];
}

/** A definition of the catalogue's §0 that has no rule id of its own (time, working days, money...). */
export interface SharedDefinition {
  title: string;
  text: string;
  interpretationIds: readonly string[];
}
