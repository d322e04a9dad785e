/**
 * Every rule id and interpretation id the code can cite has a rule text, so every link from a decision
 * (GET /decisions/{id} ruleLinks, cli explain) answers. Reads the repository's own non-test sources and
 * collects each string literal that is exactly such an id.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_TEXTS, interpretation } from '@ledger/regulations';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_DIRS = ['apps', 'libs', 'projections', 'scripts'];
/** Benchmarks build filler payloads whose ids cite nothing. */
const EXCLUDED_DIRS = new Set(['node_modules', 'bench']);
const TEST_FILE = /(\.spec\.ts|\.e2e-spec\.ts|test-support\.ts|decider-spec\.ts)$/;
/** A literal that is exactly an id: 'PP-15.5-CLS', 'EXC-4.1*', 'FIN-I3', 'BW-6:96-6', 'GDPR-17'. */
const ID_LITERAL = /'((?:SPOT|PP|VLI|EXC|LOI|CAL|LEDGER|ENR|INT|WIK|FIN|MONEY|BW|GDPR)-[A-Za-z0-9.:*-]+)'/g;
/** Invoice numbers share the prefixes: PP-2026-000042. */
const INVOICE_NUMBER = /^[A-Z]+-\d{4}-\d+$/;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !TEST_FILE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !file.split(path.sep).some((part) => EXCLUDED_DIRS.has(part)));
}

function citedIds(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(path.join(ROOT, dir))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(ID_LITERAL)) {
        const id = match[1]!;
        if (!INVOICE_NUMBER.test(id) && !found.has(id)) found.set(id, path.relative(ROOT, file));
      }
    }
  }
  return found;
}

describe('every rule and interpretation id cited in the code has a rule text', () => {
  const cited = [...citedIds()].sort(([a], [b]) => a.localeCompare(b));
  const ruleNames = new Set(RULE_TEXTS.allRules().flatMap((r) => [r.ruleId, ...(r.aliases ?? [])]));

  it('finds the ids the code cites', () => {
    expect(cited.map(([id]) => id)).toEqual(expect.arrayContaining(['PP-15.5-CLS', 'FIN-I1', 'WIK-2', 'BW-6:96-6']));
  });

  it.each(cited)('%s (cited in %s)', (id) => {
    const known = /-I\d+$/.test(id) ? interpretation(id) !== undefined : ruleNames.has(id);
    expect(known).toBe(true);
  });
});
