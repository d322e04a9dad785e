// Prints the text of a PDF (path in argv[2]), one line per text item, with pdf.js. Run as a child
// process: pdfjs-dist is an ES module that the jest runtime cannot load.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const lines = [];
for (let page = 1; page <= pdf.numPages; page++) {
  const content = await (await pdf.getPage(page)).getTextContent();
  let line = '';
  for (const item of content.items) {
    line += item.str;
    if (item.hasEOL) {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
}
process.stdout.write(lines.join('\n') + '\n');
