import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys, sha256 } from '../../src/http';
import { EXIT, run } from '../../src/infra/cli/main';
import { captureIo } from '../support/cli-io';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-keys-'));
  file = join(dir, 'keys.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function add(...args: string[]) {
  const io = captureIo();
  const code = await run(['keys', 'add', '--keys', file, ...args], io);
  return { code, key: io.stdout.trim(), io };
}

describe('govrec keys add', () => {
  it('prints a new key once on stdout and keeps only its SHA-256, which the server then accepts', async () => {
    const { code, key, io } = await add('--role', 'REGISTRAR', '--actor', 'registrar:acme');
    expect(code).toBe(EXIT.ok);
    expect(io.stdout).toBe(`${key}\n`);
    expect(key).toMatch(/^govrec_[A-Za-z0-9_-]{43}$/);
    expect(io.stderr).toMatch(/Added a REGISTRAR key for registrar:acme .*shown this once/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(key);
    expect(JSON.parse(text)).toEqual({
      keys: [{ sha256: sha256(key).toString('hex'), actor: 'registrar:acme', role: 'REGISTRAR' }],
    });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(ApiKeys.fromFile(file).callerOf(key)).toEqual({ actor: 'registrar:acme', role: 'REGISTRAR' });
  });

  it('adds to the keys already there, each key new', async () => {
    const first = await add('--role', 'CHAIR', '--actor', 'chair:li');
    const second = await add('--role', 'HOLDER', '--actor', 'holder:h-1', '--holder', 'h-1', '--historical');
    expect(first.key).not.toBe(second.key);
    const keys = ApiKeys.fromFile(file);
    expect(keys.callerOf(first.key)).toEqual({ actor: 'chair:li', role: 'CHAIR' });
    expect(keys.callerOf(second.key)).toEqual({
      actor: 'holder:h-1',
      role: 'HOLDER',
      holderId: 'h-1',
      historical: true,
    });
    const listed = captureIo();
    expect(await run(['keys', 'list', '--keys', file], listed)).toBe(EXIT.ok);
    expect(listed.stdout).toBe('CHAIR\tchair:li\nHOLDER\tholder:h-1\tholder h-1\thistorical\n');
  });

  it.each([
    [
      ['--role', 'OWNER', '--actor', 'x:y'],
      /--role takes REGISTRAR, COMPANY_SECRETARY, .* or HOLDER, not OWNER/,
    ],
    [['--role', 'REGISTRAR'], /needs --actor/],
    [['--role', 'HOLDER', '--actor', 'holder:h'], /a HOLDER key needs --holder/],
    [['--role', 'CHAIR', '--actor', 'chair:li', '--holder', 'h'], /--holder is for a HOLDER key/],
  ])('refuses %j in one line, writing nothing', async (args, says) => {
    const { code, io } = await add(...args);
    expect(code).toBe(EXIT.usage);
    expect(io.stderr).toMatch(says);
    expect(io.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(io.stdout).toBe('');
    expect(() => statSync(file)).toThrow();
  });

  it('refuses to add to a keys file the server would refuse, leaving it as it was', async () => {
    writeFileSync(file, '{"keys": [{"sha256": "abc", "actor": "x", "role": "CHAIR"}]}');
    const { code, io } = await add('--role', 'CHAIR', '--actor', 'chair:li');
    expect(code).toBe(EXIT.usage);
    expect(io.stderr).toMatch(/keys\.json/);
    expect(readFileSync(file, 'utf8')).toBe('{"keys": [{"sha256": "abc", "actor": "x", "role": "CHAIR"}]}');
  });
});
