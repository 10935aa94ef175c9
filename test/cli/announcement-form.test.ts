import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

/** `govrec announcement --form hkex|uk-result-of-meeting`: the form without an options file. */
let dir: string;
let store: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-cli-form-'));
  store = `sqlite:${join(dir, 'govrec.db')}`;
  expect(await run(['apply', SCENARIO_PATH, '--store', store], captureIo())).toBe(EXIT.ok);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const announce = async (...args: string[]) => {
  const io = captureIo();
  const code = await run(['announcement', ...args, '--store', store], io);
  return { code, io };
};

it('prints the meeting presentation’s form by default: the reference’s, HKEX', async () => {
  const { code, io } = await announce();
  expect(code).toBe(EXIT.ok);
  expect(io.stdout).toContain('Poll Results of the Meetings');
});

it('prints the form named: the UK Result of a meeting, or HKEX', async () => {
  const uk = await announce('--form', 'uk-result-of-meeting', '--meeting', 'jlmag-2023-egm1');
  expect(uk.code).toBe(EXIT.ok);
  expect(uk.io.stdout).toContain('Result of General Meeting');
  expect(uk.io.stdout).not.toContain('Poll Results of');
  const hkex = await announce('--form', 'hkex');
  expect(hkex.io.stdout).toContain('Poll Results of the Meetings');
});

it('refuses a form it does not know, naming the forms allowed, and prints nothing', async () => {
  const { code, io } = await announce('--form', 'uk');
  expect(code).toBe(EXIT.usage);
  expect(io.stdout).toBe('');
  expect(io.stderr).toContain(
    'Invalid:AnnouncementForm: --form takes hkex or uk-result-of-meeting, not "uk"',
  );
});
