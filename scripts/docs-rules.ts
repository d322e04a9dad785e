/**
 * Writes docs/regulations.md from the rule-text data (libs/regulations/src/rule-texts,
 * libs/regulations/src/rulebooks/<id>/rule-texts.ts). Run after changing a rule text:
 *   npx tsx scripts/docs-rules.ts
 * libs/regulations/src/rule-texts/rule-texts.spec.ts fails while the committed file is not current.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REGULATIONS_DOC_PATH, renderRegulationsMarkdown } from '../libs/regulations/src/rule-texts/markdown';

const target = path.resolve(__dirname, '..', REGULATIONS_DOC_PATH);
fs.writeFileSync(target, renderRegulationsMarkdown());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
