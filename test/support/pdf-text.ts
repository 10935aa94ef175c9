import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The text of a PDF, page by page, as PDF.js reads it (through the npm package unpdf). PDF.js is an
 * ES module that loads itself with a dynamic import, which jest's CommonJS sandbox cannot do: the
 * extraction runs in a plain Node process of its own.
 */
export async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-pdf-text-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const script = `
      const { readFileSync } = require('node:fs');
      import(${JSON.stringify(require.resolve('unpdf').replace(/index\.cjs$/, 'index.mjs'))}).then(async ({ extractText, getDocumentProxy }) => {
        const doc = await getDocumentProxy(new Uint8Array(readFileSync(${JSON.stringify(file)})));
        const { text } = await extractText(doc, { mergePages: false });
        process.stdout.write(JSON.stringify(text));
      });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
