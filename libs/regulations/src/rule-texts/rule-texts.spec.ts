import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEXTED_RULEBOOK_IDS as RULEBOOK_IDS, type TextedRulebookId } from './types';
import { createRulebookRegistry } from '../rulebooks';
import { REGULATIONS_DOC_PATH, renderRegulationsMarkdown } from './markdown';
import { RULE_TEXTS, RuleTextError, RuleTextRegistry, currentVersion, interpretation, ruleText } from './registry';
import { SEED_FILES, type RuleText, type RulebookTexts, type SeedArticle } from './types';

const ROOT = path.resolve(__dirname, '../../../..');

/** Every rule id of the catalogue, revision 2 (docs/regulations.md), copied here on purpose. */
const CATALOGUE_RULE_IDS: Record<TextedRulebookId, readonly string[]> = {
  'spot-lms': [
    'SPOT-1.2',
    'SPOT-1.4',
    'SPOT-3.1',
    'SPOT-3.2',
    'SPOT-3.3',
    'SPOT-3.4 / 4.1',
    'SPOT-3.5',
    'SPOT-4.1',
    'SPOT-4.2',
    'SPOT-6.1',
    'SPOT-6.2',
    'SPOT-6.3',
    'SPOT-6.4',
  ],
  plusport: [
    'PP-15.5-EL',
    'PP-15.5-EX',
    'PP-15.5-PS',
    'PP-15.5-CLS',
    'PP-15.5-BOOK',
    'PP-15.5-RS',
    'PP-15.5-LATE',
    'PP-15.6',
    'PP-15.1',
    'PP-15.2',
    'PP-14.1-3',
    'PP-14.4',
    'PP-14.5',
    'PP-14.6',
    'PP-14.7 / 15.7',
    'PP-5.2',
    'PP-5.3',
    'PP-5.4',
    'PP-5.7',
    'PP-7.3',
    'PP-8.2-3',
    'PP-13.2-3',
    'PP-13.6',
    'PP-16.5',
  ],
  vli: ['VLI-2.3', 'VLI-2.1', 'VLI-4.3a', 'VLI-4.3b', 'VLI-4.3c', 'VLI-6.2', 'VLI-5.2'],
  excellus: [
    'EXC-4.2',
    'EXC-4.1',
    'EXC-4.1*',
    'EXC-4.2b',
    'EXC-4.3',
    'EXC-4.4',
    'EXC-4.5',
    'EXC-4.9',
    'EXC-7.1-2',
    'EXC-10.3',
    'EXC-11',
    'EXC-12',
    'EXC-13',
    'EXC-8.2',
  ],
  loi: [
    'LOI-7.1',
    'LOI-7.3',
    'LOI-7.4',
    'LOI-9.1',
    'LOI-10',
    'LOI-4',
    'LOI-5.3-4',
    'LOI-6.2-3',
    'LOI-6.3',
    'LOI-11',
    'LOI-12.2',
    'LOI-12.3-HO',
    'LOI-12.3-MBO',
    'LOI-12.3-OV',
    'LOI-12.4',
    'LOI-14',
  ],
};

/** Every interpretation id of the catalogue, revision 2, and the money rule of rev 2. */
const CATALOGUE_INTERPRETATION_IDS = [
  'CAL-I1',
  'SPOT-I1',
  'SPOT-I2',
  'PP-I1',
  'PP-I2',
  'PP-I18',
  'PP-I19',
  'EXC-I1',
  'EXC-I2',
  'EXC-I3',
  'EXC-I4',
  'LOI-I1',
  'MONEY-I1',
];

/** The ledger's own interpretations (docs/interpretations.md, libs/domain/src/finance/interpretations.ts). */
const LEDGER_INTERPRETATION_IDS = [
  'LEDGER-I1',
  'ENR-I1',
  'INT-I1',
  'INT-I2',
  'INT-I3',
  'INT-I4',
  'WIK-I1',
  'WIK-I2',
  ...Array.from({ length: 15 }, (_, i) => `PP-I${i + 3}`),
  ...Array.from({ length: 14 }, (_, i) => `FIN-I${i + 1}`),
];

/** Rule ids decisions cite that are not catalogue rows of their own: statutes, and rows the code cites apart. */
const CITED_RULE_IDS: ReadonlyArray<[TextedRulebookId, string]> = [
  ['excellus', 'WIK-2'],
  ['vli', 'BW-6:96-6'],
  ['spot-lms', 'BW-6:96-6'],
  ['loi', 'BW-6:119'],
  ['vli', 'GDPR-17'],
  ['spot-lms', 'SPOT-3.4'],
  ['plusport', 'PP-14.7'],
  ['plusport', 'PP-15.7'],
];

/** The four corrections of rev 2 and the rev-2 money rule: version 1 the old reading, version 2 the new. */
const REV2_CORRECTIONS = ['PP-I18', 'PP-I19', 'EXC-I3', 'EXC-I4', 'MONEY-I1'];

const normalise = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const seedTexts = new Map<string, string>();
function seedText(seedFile: string): string {
  let text = seedTexts.get(seedFile);
  if (text === undefined) {
    text = normalise(fs.readFileSync(path.join(ROOT, 'docs', 'seeds', seedFile), 'utf8'));
    seedTexts.set(seedFile, text);
  }
  return text;
}

function quotesOf(rule: RuleText): SeedArticle[] {
  const quotes = [...(rule.seeAlso ?? [])];
  if (rule.article.seedFile !== null) quotes.unshift(rule.article);
  return quotes;
}

describe('rule texts: every id of the catalogue (rev 2)', () => {
  const rows = RULEBOOK_IDS.flatMap((book) => CATALOGUE_RULE_IDS[book].map((id) => [id, book] as const));

  it.each(rows)('%s (%s) has a rule text in the project words with its Dutch article', (id, book) => {
    const rule = ruleText(book, id);
    expect(rule).toBeDefined();
    expect(rule!.rulebookId).toBe(book);
    expect(rule!.text.length).toBeGreaterThan(20);
    expect(rule!.article.seedFile).not.toBeNull();
    expect(rule!.article.quoteNl!.length).toBeGreaterThan(10);
    expect(rule!.ledgerDecision).toBe(true);
    for (const cited of rule!.interpretationIds) expect(interpretation(cited)).toBeDefined();
  });

  it.each(CATALOGUE_INTERPRETATION_IDS)('%s has an interpretation text with its reasoning', (id) => {
    const text = interpretation(id);
    expect(text).toBeDefined();
    expect(text!.source).toBe('catalogue');
    expect(currentVersion(text!).reasoning.length).toBeGreaterThan(20);
  });

  it.each(LEDGER_INTERPRETATION_IDS)('%s (a reading of the ledger) has an interpretation text', (id) => {
    const text = interpretation(id);
    expect(text).toBeDefined();
    expect(text!.source).toBe('ledger');
    expect(text!.versions).toHaveLength(1);
  });

  it.each(CITED_RULE_IDS)('%s: %s, cited by decisions, has a rule text', (book, id) => {
    expect(ruleText(book, id)?.ruleId).toBe(id);
  });

  it('the combined catalogue rows resolve to the rule the code cites', () => {
    expect(ruleText('spot-lms', 'SPOT-3.4 / 4.1')?.ruleId).toBe('SPOT-3.4');
    expect(ruleText('plusport', 'PP-14.7 / 15.7')?.ruleId).toBe('PP-14.7');
    expect(ruleText('loi', 'LOI-6.3')?.ruleId).toBe('LOI-6.2-3');
  });
});

describe('rule texts: look-ups', () => {
  it('a shared rule is found under every rulebook; a rule of another rulebook is not', () => {
    for (const book of RULEBOOK_IDS) expect(ruleText(book, 'WIK-2')?.rulebookId).toBeNull();
    expect(ruleText('vli', 'PP-15.5-CLS')).toBeUndefined();
    expect(ruleText('plusport', 'PP-99')).toBeUndefined();
    expect(ruleText('no-such-book', 'WIK-2')).toBeUndefined();
    expect(interpretation('PP-I999')).toBeUndefined();
  });

  it('PP-16.3 and LOI-15.1 (liability caps) are seed rules that are no ledger decision, with the reason', () => {
    for (const [book, id] of [
      ['plusport', 'PP-16.3'],
      ['loi', 'LOI-15.1'],
    ] as const) {
      const rule = ruleText(book, id)!;
      expect(rule.ledgerDecision).toBe(false);
      expect(rule.ledgerDecision === false && rule.reason).toMatch(/damage/);
    }
  });
});

describe('rule texts: the Dutch quotes are the seeds verbatim (docs/seeds, whitespace normalised)', () => {
  const rules = RULE_TEXTS.allRules().flatMap((rule) =>
    quotesOf(rule).map((quote) => [rule.ruleId, quote.ref, quote] as const),
  );
  it.each(rules)('%s quotes %s verbatim', (_id, _ref, quote) => {
    expect(seedText(quote.seedFile)).toContain(normalise(quote.quoteNl));
  });

  const interpretations = RULE_TEXTS.allInterpretations().flatMap((text) =>
    (text.seedQuotes ?? []).map((quote) => [text.id, quote.ref, quote] as const),
  );
  it.each(interpretations)('%s quotes %s verbatim', (_id, _ref, quote) => {
    expect(seedText(quote.seedFile)).toContain(normalise(quote.quoteNl));
  });

  it('each rulebook quotes its own seed', () => {
    for (const book of RULE_TEXTS.rulebooks()) {
      for (const rule of book.rules) {
        for (const quote of quotesOf(rule))
          expect([rule.ruleId, quote.seedFile]).toEqual([rule.ruleId, SEED_FILES[book.rulebookId]]);
      }
    }
  });
});

describe('rule texts: interpretation versions (catalogue rev 2)', () => {
  it.each(REV2_CORRECTIONS)('%s: version 1 is the old reading, version 2 the rev-2 reading of 2026-12-03', (id) => {
    const text = interpretation(id)!;
    expect(text.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(text.versions[0]!.catalogueRevision).toBe(1);
    expect(text.versions[1]).toMatchObject({ adoptedOn: '2026-12-03', catalogueRevision: 2 });
    expect(text.versions[1]!.reading).not.toBe(text.versions[0]!.reading);
    expect(currentVersion(text)).toBe(text.versions[1]);
  });

  it('PP-I19 version 1 applied PP-15.5-EL to the Praktijkopleiding through PP-I2; EXC-I3 version 1 was for consumers only', () => {
    expect(interpretation('PP-I19')!.versions[0]!.reading).toMatch(/PP-I2/);
    expect(interpretation('EXC-I3')!.versions[0]!.reading).toMatch(/consumers only/);
    expect(interpretation('EXC-I4')!.versions[0]!.reading).toMatch(/started/);
    expect(interpretation('MONEY-I1')!.versions[0]!.reading).toMatch(/71,995/);
    expect(interpretation('MONEY-I1')!.versions[1]!.reading).toMatch(/feeGrossCents/);
  });

  it('every decision kind an interpretation touches is registered on that rulebook', () => {
    const registry = createRulebookRegistry();
    for (const text of RULE_TEXTS.allInterpretations()) {
      for (const touch of text.touches) {
        const kinds = new Set(registry.versions(touch.rulebookId).flatMap((v) => Object.keys(v.decisions)));
        for (const kind of touch.decisionKinds)
          expect([text.id, touch.rulebookId, kinds.has(kind)]).toEqual([text.id, touch.rulebookId, true]);
      }
    }
  });

  it('the corrections of rev 2 touch the decision kinds they change', () => {
    const kindsOf = (id: string, book: TextedRulebookId) =>
      interpretation(id)!.touches.find((t) => t.rulebookId === book)?.decisionKinds ?? [];
    expect(kindsOf('PP-I19', 'plusport')).toContain('cancellation-fee');
    expect(kindsOf('PP-I18', 'plusport')).toContain('cancellation-fee');
    expect(kindsOf('EXC-I3', 'excellus')).toContain('cancellation-fee');
    expect(kindsOf('EXC-I4', 'excellus')).toContain('cancellation-fee');
    for (const book of ['plusport', 'vli', 'excellus', 'loi'] as const)
      expect(kindsOf('MONEY-I1', book).length).toBeGreaterThan(0);
  });

  it('every catalogue-vs-seed note is on a rule with an article of the seed', () => {
    const noted = RULE_TEXTS.allRules().filter((r) => r.catalogueVsSeed);
    expect(noted.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['PP-15.5-BOOK', 'EXC-4.2', 'EXC-4.3', 'EXC-4.9']),
    );
    for (const rule of noted) expect(rule.article.seedFile).not.toBeNull();
  });
});

describe('rule texts: the registry refuses inconsistent data', () => {
  const rule = (fields: Partial<RuleText> = {}): RuleText =>
    ({
      ruleId: 'X-1',
      rulebookId: 'vli',
      title: 'a rule',
      text: 'a text',
      article: { ref: 'art. 1', quoteNl: 'x', seedFile: '002_aaa67cd6e63a63ee.txt' },
      interpretationIds: [],
      ledgerDecision: true,
      ...fields,
    }) as RuleText;
  const book = (rules: RuleText[]): RulebookTexts => ({
    rulebookId: 'vli',
    provider: 'VLI',
    rules,
    interpretations: [],
  });
  const build = (rules: RuleText[]) => () => new RuleTextRegistry([book(rules)], { rules: [], interpretations: [] });

  it('names a duplicate id, an unknown interpretation, a rule filed under another rulebook, a missing reason', () => {
    expect(build([rule(), rule()])).toThrow(new RuleTextError('Rule id or alias X-1 is used twice'));
    expect(build([rule({ interpretationIds: ['NOPE-I1'] })])).toThrow(/X-1 cites unknown interpretation NOPE-I1/);
    expect(build([rule({ rulebookId: 'loi' })])).toThrow(/X-1 is filed under vli/);
    expect(build([rule({ ledgerDecision: false, reason: ' ' } as Partial<RuleText>)])).toThrow(/gives no reason/);
    expect(build([rule()])).not.toThrow();
  });
});

describe('docs/regulations.md', () => {
  it('is current: regenerate with `npx tsx scripts/docs-rules.ts` after changing a rule text', () => {
    const committed = fs.readFileSync(path.join(ROOT, REGULATIONS_DOC_PATH), 'utf8');
    expect(committed === renderRegulationsMarkdown()).toBe(true);
  });

  it('quotes every rule and lists every catalogue-vs-seed case', () => {
    const doc = renderRegulationsMarkdown();
    for (const rule of RULE_TEXTS.allRules()) expect(doc).toContain(`#### ${rule.ruleId} — `);
    for (const text of RULE_TEXTS.allInterpretations()) expect(doc).toContain(`#### ${text.id} — `);
    for (const rule of RULE_TEXTS.allRules().filter((r) => r.catalogueVsSeed))
      expect(doc).toContain(`| ${rule.ruleId} |`);
  });
});
