/**
 * Checks of invoice documents for tests: the text of a PDF (pdf.js in a child process) and
 * validation of XML against the OASIS UBL 2.1 schemas vendored in test/fixtures/ubl-2.1.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { validateXML } from 'xmllint-wasm';

const UBL_DIR = path.join(__dirname, '..', 'fixtures', 'ubl-2.1');

export async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pdf-')), 'document.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'pdf-text.mjs'), file]);
    return stdout;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Validates a UBL Invoice or CreditNote against the UBL 2.1 XSD; the errors libxml2 reports. */
export async function validateUbl(xml: string, document: 'Invoice' | 'CreditNote'): Promise<string[]> {
  const common = fs.readdirSync(path.join(UBL_DIR, 'common')).map((name) => ({
    fileName: `common/${name}`,
    contents: fs.readFileSync(path.join(UBL_DIR, 'common', name), 'utf8'),
  }));
  const main = `maindoc/UBL-${document}-2.1.xsd`;
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [{ fileName: main, contents: fs.readFileSync(path.join(UBL_DIR, main), 'utf8') }],
    preload: common,
    maxMemoryPages: 16 * 1024,
  });
  return result.errors.map((e) => e.message);
}
