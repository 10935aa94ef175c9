import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { ROOT, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';
import { pdfText } from '../support/pdf-text';

/** `govrec announcement --format pdf --lang zh-Hant --out <file>`, printed by the headless Chromium. */
const OPTIONS = join(ROOT, 'examples', 'jlmag-2023-11-23', 'announcement-options.json');
let dir: string;
let store: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-cli-pdf-'));
  store = `sqlite:${join(dir, 'govrec.db')}`;
  expect(await run(['apply', SCENARIO_PATH, '--store', store], captureIo())).toBe(EXIT.ok);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('writes the Chinese announcement as a PDF whose text has the reference figures', async () => {
  const out = join(dir, 'announcement.zh-Hant.pdf');
  const io = captureIo();
  const args = ['announcement', '--format', 'pdf', '--lang', 'zh-Hant', '--out', out];
  expect(await run([...args, '--announcement-options', OPTIONS, '--store', store], io)).toBe(EXIT.ok);
  expect(io.stderr).toBe('');
  const text = (await pdfText(readFileSync(out))).join('').replace(/\s+/g, '');
  expect(text).toContain('659,910,462(99.9825%)');
  expect(text).toContain('江西金力永磁科技股份有限公司');
  expect(text).toContain('贊成');
});

it('writes the English HTML document to a file, and refuses a language it does not write', async () => {
  const out = join(dir, 'announcement.html');
  expect(await run(['announcement', '--format', 'html', '--out', out, '--store', store], captureIo())).toBe(
    EXIT.ok,
  );
  expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>\n<html lang="en">/);
  const io = captureIo();
  expect(await run(['announcement', '--lang', 'fr', '--store', store], io)).toBe(EXIT.usage);
  expect(io.stderr).toContain('--lang takes en, zh-Hant, not fr');
});
