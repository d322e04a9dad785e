/**
 * docs/regulations.md, rendered from the rule-text data: the catalogue as the project reads it.
 * `npx tsx scripts/docs-rules.ts` writes it; a test fails when the committed file is not current.
 */
import { RULE_TEXTS, currentVersion, sharedDefinitions } from './registry';
import type { InterpretationText, RuleText, SeedArticle, StatuteArticle } from './types';

export const REGULATIONS_DOC_PATH = 'docs/regulations.md';

const CATALOGUE_REVISION = 2;

function articleLine(article: SeedArticle | StatuteArticle): string {
  if (article.seedFile === null) return `*${article.ref}* (${article.statute}; the law's text is not kept here)`;
  return `*${article.ref}* (\`docs/seeds/${article.seedFile}\`):\n\n> ${article.quoteNl}`;
}

function renderRule(rule: RuleText): string {
  const lines = [`#### ${rule.ruleId} — ${rule.title}`, ''];
  if (rule.aliases?.length) lines.push(`Also cited as: ${rule.aliases.map((a) => `\`${a}\``).join(', ')}.`, '');
  lines.push(rule.text, '');
  lines.push(`Original: ${articleLine(rule.article)}`, '');
  for (const more of rule.seeAlso ?? []) lines.push(`See also: ${articleLine(more)}`, '');
  if (rule.interpretationIds.length) lines.push(`Interpretations: ${rule.interpretationIds.join(', ')}.`, '');
  if (rule.catalogueVsSeed) lines.push(`**Catalogue and seed.** ${rule.catalogueVsSeed}`, '');
  if (!rule.ledgerDecision) lines.push(`**Not a ledger decision.** ${rule.reason}`, '');
  return lines.join('\n');
}

function renderInterpretation(text: InterpretationText): string {
  const lines = [`#### ${text.id} — ${text.title}`, ''];
  lines.push(
    `${text.source === 'catalogue' ? 'Taken by the catalogue' : "The ledger's own reading"}` +
      `${text.ruleIds.length ? `; reads ${text.ruleIds.join(', ')}` : ''}.`,
    '',
  );
  for (const v of text.versions) {
    const when = [
      v.catalogueRevision ? `catalogue rev ${v.catalogueRevision}` : null,
      v.adoptedOn ? `adopted ${v.adoptedOn}` : null,
    ].filter((x): x is string => x !== null);
    const current = v === currentVersion(text) ? ', in force' : '';
    lines.push(
      `- **Version ${v.version}**${when.length ? ` (${when.join(', ')}${current})` : current ? ' (in force)' : ''}: ${v.reading}`,
    );
    lines.push(`  *Why:* ${v.reasoning}`);
  }
  lines.push('');
  for (const quote of text.seedQuotes ?? []) lines.push(`Seed: ${articleLine(quote)}`, '');
  const touched = text.touches.map((t) => `${t.rulebookId} (${t.decisionKinds.join(', ')})`);
  if (touched.length) lines.push(`Decision kinds it touches: ${touched.join('; ')}.`, '');
  if (text.alsoActsOn) lines.push(`Also acts on: ${text.alsoActsOn}.`, '');
  return lines.join('\n');
}

const tableCell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderRegulationsMarkdown(): string {
  const out: string[] = [
    '# Regulations catalogue, as the ledger reads it',
    '',
    '<!-- Generated from the rule-text data by `npx tsx scripts/docs-rules.ts`; do not edit by hand. -->',
    '',
    `Catalogue revision ${CATALOGUE_REVISION}. The ledger decides fees, refunds, surcharges, rights and deadlines under five ` +
      "providers' regulations, kept verbatim in `docs/seeds/` (see `docs/seeds/README.md`). This document is the " +
      'English reading of every rule, each with the stable rule id decisions cite, the article of the original with ' +
      'its Dutch sentence quoted, and the interpretations taken where the original is ambiguous or silent (every ' +
      'version of each, since a correction is a new version and decisions keep citing the reading they were made ' +
      'under). Rules of the seeds that the ledger does not decide are listed too, with the reason.',
    '',
    'The same texts are served to auditors by `GET /rulebooks/{id}/rules/{ruleId}`, `GET /rulebooks/{id}/rules` and ' +
      '`GET /interpretations/{id}` (docs/api.md), and printed by `npm run cli -- explain <decisionId>`. Their source ' +
      'is `libs/regulations/src/rulebooks/<id>/rule-texts.ts` and `libs/regulations/src/rule-texts/shared.ts`.',
    '',
    'A rulebook is data plus decision functions, versioned by the date from which it is in force (`effectiveFrom`). ' +
      'A decision always uses the rulebook version in force at its business date, never "the latest". Price lists ' +
      'and rates are rulebook data, not code constants.',
    '',
  ];

  const corrected = RULE_TEXTS.allInterpretations().filter((i) =>
    i.versions.some((v) => v.version > 1 && v.catalogueRevision === CATALOGUE_REVISION),
  );
  out.push(`## Corrections of catalogue revision ${CATALOGUE_REVISION}`, '');
  out.push(
    'A correction changes how the ledger decides from the day it is deployed; decisions already recorded keep the ' +
      'reading they were made under (they cite it) and stay verifiable.',
    '',
  );
  for (const text of corrected) {
    const now = currentVersion(text);
    out.push(`- **${text.id}** (${now.adoptedOn ?? 'date not on record'}): ${now.reading}`);
  }
  out.push('');

  out.push('## 0. Shared definitions (all rulebooks)', '');
  for (const definition of sharedDefinitions()) {
    out.push(`**${definition.title}.** ${definition.text}`, '');
  }

  RULE_TEXTS.rulebooks().forEach((book, index) => {
    const decided = book.rules.filter((r) => r.ledgerDecision);
    const notDecided = book.rules.filter((r) => !r.ledgerDecision);
    out.push(`## ${index + 1}. ${book.provider} (\`${book.rulebookId}\`)`, '');
    out.push('### Rules the ledger decides', '', ...decided.map(renderRule));
    if (notDecided.length)
      out.push('### Rules of the seed the ledger does not decide', '', ...notDecided.map(renderRule));
    const interpretations = RULE_TEXTS.interpretationsOf(book.rulebookId);
    if (interpretations.length) out.push('### Interpretations', '', ...interpretations.map(renderInterpretation));
  });

  const books = RULE_TEXTS.rulebooks().length;
  out.push(`## ${books + 1}. Shared rules (statutes; statutory interest and collection costs)`, '');
  out.push(
    'These rules come from Dutch law; every rulebook may cite them, and they are served under every rulebook id.',
    '',
    ...RULE_TEXTS.sharedRules().map(renderRule),
  );
  out.push(
    `## ${books + 2}. Shared interpretations`,
    '',
    ...RULE_TEXTS.interpretationsOf(null).map(renderInterpretation),
  );

  out.push(`## ${books + 3}. Where the catalogue and the seeds differ`, '');
  out.push('Every case is also stated with its rule above. The ledger follows the catalogue each time.', '');
  out.push('| rule | catalogue and seed |', '|---|---|');
  for (const rule of RULE_TEXTS.allRules()) {
    if (rule.catalogueVsSeed) out.push(`| ${rule.ruleId} | ${tableCell(rule.catalogueVsSeed)} |`);
  }
  out.push('');
  return out.join('\n');
}
