/**
 * Look-ups over the rule texts of every rulebook and the shared ones. The data is checked once, when
 * the registry is built: ids unique, every cited interpretation and rule known, versions numbered.
 */
import { isLocalDate } from '../calendar';
import { TEXTED_RULEBOOK_IDS as RULEBOOK_IDS, type TextedRulebookId } from './types';
import { EXCELLUS_RULE_TEXTS } from '../rulebooks/excellus/rule-texts';
import { LOI_RULE_TEXTS } from '../rulebooks/loi/rule-texts';
import { PLUSPORT_RULE_TEXTS } from '../rulebooks/plusport/rule-texts';
import { SPOT_LMS_RULE_TEXTS } from '../rulebooks/spot-lms/rule-texts';
import { VLI_RULE_TEXTS } from '../rulebooks/vli/rule-texts';
import { SHARED_DEFINITIONS, SHARED_INTERPRETATIONS, SHARED_RULE_TEXTS } from './shared';
import type { InterpretationText, InterpretationVersion, RuleText, RulebookTexts, SharedDefinition } from './types';

export class RuleTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleTextError';
  }
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new RuleTextError(message);
}

export const isRulebookId = (id: string): id is TextedRulebookId => (RULEBOOK_IDS as readonly string[]).includes(id);

export class RuleTextRegistry {
  /** By rulebook ('' for shared rules), then by rule id and alias. */
  private readonly rulesByBook = new Map<TextedRulebookId | '', Map<string, RuleText>>();
  private readonly interpretationsById = new Map<string, InterpretationText>();

  constructor(
    private readonly books: readonly RulebookTexts[],
    private readonly shared: { rules: readonly RuleText[]; interpretations: readonly InterpretationText[] },
  ) {
    check(new Set(books.map((b) => b.rulebookId)).size === books.length, 'A rulebook has two rule-text files');
    for (const book of books) {
      for (const rule of book.rules) {
        check(rule.rulebookId === book.rulebookId, `${rule.ruleId} is filed under ${book.rulebookId}`);
      }
      this.rulesByBook.set(book.rulebookId, this.indexRules(book.rules));
    }
    for (const rule of shared.rules) check(rule.rulebookId === null, `Shared rule ${rule.ruleId} names a rulebook`);
    this.rulesByBook.set('', this.indexRules(shared.rules));
    for (const name of this.rulesByBook.get('')!.keys()) {
      for (const book of books)
        check(!this.rulesByBook.get(book.rulebookId)!.has(name), `${name} is shared and in ${book.rulebookId}`);
    }
    for (const text of [...books.flatMap((b) => b.interpretations), ...shared.interpretations]) {
      check(!this.interpretationsById.has(text.id), `Interpretation ${text.id} is defined twice`);
      checkVersions(text);
      this.interpretationsById.set(text.id, text);
    }
    for (const book of books) {
      for (const text of book.interpretations)
        check(text.rulebookId === book.rulebookId, `${text.id} is filed under ${book.rulebookId}`);
    }
    for (const rule of this.allRules()) {
      for (const id of rule.interpretationIds)
        check(this.interpretationsById.has(id), `${rule.ruleId} cites unknown interpretation ${id}`);
    }
    const ruleIds = new Set(this.allRules().map((r) => r.ruleId));
    for (const text of this.interpretationsById.values()) {
      for (const id of text.ruleIds) check(ruleIds.has(id), `Interpretation ${text.id} reads unknown rule ${id}`);
    }
  }

  private indexRules(rules: readonly RuleText[]): Map<string, RuleText> {
    const byName = new Map<string, RuleText>();
    for (const rule of rules) {
      check(rule.text.trim().length > 0 && rule.title.trim().length > 0, `${rule.ruleId} has no text`);
      check(
        rule.ledgerDecision || rule.reason.trim().length > 0,
        `${rule.ruleId} is no ledger decision but gives no reason`,
      );
      for (const name of [rule.ruleId, ...(rule.aliases ?? [])]) {
        check(!byName.has(name), `Rule id or alias ${name} is used twice`);
        byName.set(name, rule);
      }
    }
    return byName;
  }

  /** A rulebook's rule by id or alias; shared rules (law, catalogue §6) are found under every rulebook. */
  rule(rulebookId: string, ruleId: string): RuleText | undefined {
    if (!isRulebookId(rulebookId)) return undefined;
    return this.rulesByBook.get(rulebookId)?.get(ruleId) ?? this.rulesByBook.get('')!.get(ruleId);
  }

  /** The rulebook's own rules in catalogue order (undefined for an unknown rulebook). */
  rulesOf(rulebookId: string): readonly RuleText[] | undefined {
    if (!isRulebookId(rulebookId)) return undefined;
    return this.books.find((b) => b.rulebookId === rulebookId)?.rules ?? [];
  }

  /** Every rulebook's texts, in the catalogue's order. */
  rulebooks(): readonly RulebookTexts[] {
    return this.books;
  }

  sharedRules(): readonly RuleText[] {
    return this.shared.rules;
  }

  allRules(): readonly RuleText[] {
    return [...this.books.flatMap((b) => b.rules), ...this.shared.rules];
  }

  interpretation(id: string): InterpretationText | undefined {
    return this.interpretationsById.get(id);
  }

  interpretationsOf(rulebookId: TextedRulebookId | null): readonly InterpretationText[] {
    return [...this.interpretationsById.values()].filter((i) => i.rulebookId === rulebookId);
  }

  allInterpretations(): readonly InterpretationText[] {
    return [...this.interpretationsById.values()];
  }
}

function checkVersions(text: InterpretationText): void {
  check(text.versions.length > 0, `Interpretation ${text.id} has no version`);
  text.versions.forEach((v, i) => {
    check(v.version === i + 1, `Interpretation ${text.id}: version ${v.version} is at place ${i + 1}`);
    check(v.reading.trim().length > 0 && v.reasoning.trim().length > 0, `${text.id} v${v.version} has no reading`);
    check(v.adoptedOn === undefined || isLocalDate(v.adoptedOn), `${text.id} v${v.version}: adoptedOn is no date`);
  });
}

/** The reading in force: the last version. */
export const currentVersion = (text: InterpretationText): InterpretationVersion =>
  text.versions[text.versions.length - 1]!;

export const RULE_TEXTS = new RuleTextRegistry(
  [SPOT_LMS_RULE_TEXTS, PLUSPORT_RULE_TEXTS, VLI_RULE_TEXTS, EXCELLUS_RULE_TEXTS, LOI_RULE_TEXTS],
  { rules: SHARED_RULE_TEXTS, interpretations: SHARED_INTERPRETATIONS },
);

/** The rule as the project reads it, with its article quoted; undefined when the rulebook has no such rule. */
export const ruleText = (rulebookId: string, ruleId: string): RuleText | undefined =>
  RULE_TEXTS.rule(rulebookId, ruleId);

/** An interpretation with every version of its reading; undefined when unknown. */
export const interpretation = (id: string): InterpretationText | undefined => RULE_TEXTS.interpretation(id);

export const sharedDefinitions = (): readonly SharedDefinition[] => SHARED_DEFINITIONS;
