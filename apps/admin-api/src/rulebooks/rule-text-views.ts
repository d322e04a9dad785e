/**
 * What auditors see of a rule text or an interpretation (GET /rulebooks/{id}/rules/{ruleId},
 * GET /interpretations/{id}, `cli explain`), and the links from a decision to the texts of its rule
 * and interpretation ids. Framework-free so the CLI shows exactly what the API answers.
 */
import {
  currentVersion,
  interpretation,
  ruleText,
  type Decision,
  type InterpretationText,
  type RuleText,
} from '@ledger/regulations';

export const ruleHref = (rulebookId: string, ruleId: string): string =>
  `/rulebooks/${encodeURIComponent(rulebookId)}/rules/${encodeURIComponent(ruleId)}`;

export const interpretationHref = (id: string): string => `/interpretations/${encodeURIComponent(id)}`;

export function interpretationView(text: InterpretationText) {
  return {
    id: text.id,
    rulebookId: text.rulebookId,
    title: text.title,
    source: text.source,
    ruleIds: text.ruleIds,
    touches: text.touches,
    ...(text.alsoActsOn ? { alsoActsOn: text.alsoActsOn } : {}),
    ...(text.seedQuotes ? { seedQuotes: text.seedQuotes } : {}),
    currentVersion: currentVersion(text).version,
    versions: text.versions,
    href: interpretationHref(text.id),
  };
}

/** A rule as served under `rulebookId` (a shared rule is served under every rulebook). */
export function ruleView(rulebookId: string, rule: RuleText) {
  return {
    ruleId: rule.ruleId,
    rulebookId: rule.rulebookId,
    shared: rule.rulebookId === null,
    ...(rule.aliases?.length ? { aliases: rule.aliases } : {}),
    title: rule.title,
    text: rule.text,
    ledgerDecision: rule.ledgerDecision,
    ...(rule.ledgerDecision ? {} : { reason: rule.reason }),
    article: rule.article,
    seeAlso: rule.seeAlso ?? [],
    ...(rule.catalogueVsSeed ? { catalogueVsSeed: rule.catalogueVsSeed } : {}),
    interpretationIds: rule.interpretationIds,
    interpretations: rule.interpretationIds.map((id) => interpretationView(interpretation(id)!)),
    href: ruleHref(rulebookId, rule.ruleId),
  };
}

export function ruleSummary(rulebookId: string, rule: RuleText) {
  return {
    ruleId: rule.ruleId,
    title: rule.title,
    shared: rule.rulebookId === null,
    ledgerDecision: rule.ledgerDecision,
    href: ruleHref(rulebookId, rule.ruleId),
  };
}

/** Links from a decision to the texts of the rules and interpretations it cites. */
export function decisionTextLinks(decision: Pick<Decision, 'rulebook' | 'ruleIds' | 'interpretationIds'>) {
  return {
    ruleLinks: decision.ruleIds.map((ruleId) => ({ ruleId, href: ruleHref(decision.rulebook.id, ruleId) })),
    interpretationLinks: (decision.interpretationIds ?? []).map((interpretationId) => ({
      interpretationId,
      href: interpretationHref(interpretationId),
    })),
  };
}

/** The texts a decision cites, for `cli explain`; ids without a text are listed as missing, never dropped. */
export function decisionTexts(decision: Pick<Decision, 'rulebook' | 'ruleIds' | 'interpretationIds'>) {
  const rules = decision.ruleIds.map((id) => ({ id, text: ruleText(decision.rulebook.id, id) }));
  const interpretations = (decision.interpretationIds ?? []).map((id) => ({ id, text: interpretation(id) }));
  return {
    ruleTexts: rules.flatMap(({ text }) => (text ? [ruleView(decision.rulebook.id, text)] : [])),
    interpretations: interpretations.flatMap(({ text }) => (text ? [interpretationView(text)] : [])),
    missing: [...rules, ...interpretations].filter(({ text }) => !text).map(({ id }) => id),
  };
}
