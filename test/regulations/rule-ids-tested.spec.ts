/**
 * Every rule the ledger decides under, and every interpretation, is named by at least one test: the
 * catalogue (docs/regulations.md, generated from the rule texts) is the list, the specs are the proof.
 * Rules the texts mark as no ledger decision carry their reason instead and need no test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_TEXTS } from '@ledger/regulations';

const ROOT = path.resolve(__dirname, '../..');
const TEST_DIRS = ['apps', 'libs', 'projections', 'test'];
const SPEC_FILE = /\.(spec|e2e-spec)\.ts$/;
/** This file lists ids only to check them; it must not count as naming them. */
const SELF = path.resolve(__filename);

function specSources(): string {
  const texts: string[] = [];
  for (const dir of TEST_DIRS) {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !SPEC_FILE.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file.includes(`${path.sep}node_modules${path.sep}`) || path.resolve(file) === SELF) continue;
      texts.push(fs.readFileSync(file, 'utf8'));
    }
  }
  return texts.join('\n');
}

/** Ids in the sources, delimited so that PP-15.5 does not count as naming PP-15.5-EL. */
function untested(ids: readonly string[], sources: string): string[] {
  return ids.filter((id) => {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return !new RegExp(`(^|[^A-Za-z0-9.-])${escaped}($|[^A-Za-z0-9-]|\\.[^0-9])`, 'm').test(sources);
  });
}

describe('rule ids named in tests', () => {
  const sources = specSources();

  it('given every rule the ledger decides under, then each is named by a test', () => {
    const decided = RULE_TEXTS.allRules()
      .filter((rule) => rule.ledgerDecision)
      .map((rule) => rule.ruleId);
    expect(decided.length).toBeGreaterThan(50);
    expect(untested(decided, sources)).toEqual([]);
  });

  it('given every interpretation (each of its versions cites it), then each is named by a test', () => {
    const ids = RULE_TEXTS.allInterpretations().map((text) => text.id);
    expect(ids).toEqual(expect.arrayContaining(['PP-I18', 'PP-I19', 'EXC-I3', 'EXC-I4', 'MONEY-I1']));
    expect(untested(ids, sources)).toEqual([]);
  });

  it('given a source that names PP-15.5-EL only, then PP-15.5 counts as untested (the check can fail)', () => {
    expect(untested(['PP-15.5', 'PP-15.5-EL'], "it('PP-15.5-EL: e-learning fee')")).toEqual(['PP-15.5']);
  });
});
