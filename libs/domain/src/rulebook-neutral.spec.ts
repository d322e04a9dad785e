/**
 * The domain names no rulebook and hard-codes no rule or interpretation id: what a rulebook says
 * reaches the domain through its acts (libs/regulations/src/contract). Checked over the non-test
 * source of the folders listed, comments included, so a provider's name cannot slip back in as an
 * identifier (`fooBookOn`), an error code (`..._LEFT_FOO`) or a remark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every feature folder of libs/domain/src, and the files beside them ('.'). */
const NEUTRAL_FOLDERS = [
  '.',
  ...readdirSync(__dirname, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name),
];

const ROOT = __dirname;
const NAMES_ANYWHERE = /plusport|excellus|spot-lms/i;
/** Short names count as words: in text, in identifiers split at case changes, in UPPER_SNAKE codes. */
const NAME_WORDS = new Set(['vli', 'loi', 'spot']);
const RULE_ID = /\b(SPOT|PP|VLI|EXC|LOI|FIN|WIK|INT|ENR|LEDGER|CAL|BW|MONEY|GDPR)-[0-9I]/;

const isTestFile = (file: string): boolean => /\.(spec|e2e-spec|test-support)\.ts$/.test(file);

function sourceFiles(folder: string, recurse = true): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return recurse ? sourceFiles(path) : [];
    return entry.name.endsWith('.ts') && !isTestFile(entry.name) ? [path] : [];
  });
}

function wordsOf(line: string): string[] {
  return line
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase());
}

const namesARulebook = (text: string): boolean =>
  NAMES_ANYWHERE.test(text) || RULE_ID.test(text) || wordsOf(text).some((word) => NAME_WORDS.has(word));

/** `file:line: text` for every line that names a rulebook or carries a rule id. */
function offenders(folders: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    sourceFiles(join(ROOT, folder), folder !== '.').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((text, index) =>
          namesARulebook(text) ? [`${relative(ROOT, file)}:${index + 1}: ${text.trim()}`] : [],
        ),
    ),
  );
}

describe('a rulebook-neutral domain', () => {
  it(`given the non-test source of every folder of libs/domain (${NEUTRAL_FOLDERS.join(', ')}), then no line names a rulebook or hard-codes a rule or interpretation id`, () => {
    expect(offenders(NEUTRAL_FOLDERS)).toEqual([]);
  });

  it('given lines that name a rulebook or carry a rule id, then each is reported (the check can fail)', () => {
    const lines = [
      'const book = spotBookOn(ctx, at);',
      "throw new DomainError('PARTICIPANT_LEFT_SPOT', 409, message);",
      '// PlusPort sends no reminder',
      "ruleIds: ['EXC-12']",
      "interpretationIds: [FIN.tranches, 'WIK-I2']",
      'if (provider === "loi") return;',
      'type VLIRulebook = object;',
    ];
    expect(lines.filter(namesARulebook)).toEqual(lines);
    const neutral = ['const spotted = exploit(loiter);', 'financeActsOf(version).reminders', 'the interval (INTERIM)'];
    expect(neutral.filter(namesARulebook)).toEqual([]);
  });
});
