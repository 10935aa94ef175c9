import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { lineAndColumn } from '../../src/application/json-position';
import { SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-apply-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = readFileSync(SCENARIO_PATH, 'utf8');
const COUNT = (JSON.parse(TEXT) as { commands: unknown[] }).commands.length;

async function apply(file: string, store = `sqlite:${join(dir, 'g.db')}`) {
  const io = captureIo();
  const code = await run(['apply', file, '--store', store], io);
  return { code, ...io };
}

describe('govrec apply', () => {
  it('says how many commands were new and how many were already recorded', async () => {
    const first = await apply(SCENARIO_PATH);
    expect(first.stdout).toMatch(
      new RegExp(`^Recorded ${COUNT} commands; read models at position \\d+\\.\\n$`),
    );
    const again = await apply(SCENARIO_PATH);
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toMatch(
      new RegExp(`^Recorded 0 commands; ${COUNT} already recorded; read models at position \\d+\\.\\n$`),
    );
  });

  it('counts the commands of a longer scenario that the record already holds', async () => {
    const scenario = JSON.parse(TEXT) as { commands: unknown[] };
    const half = join(dir, 'half.json');
    writeFileSync(half, JSON.stringify({ ...scenario, commands: scenario.commands.slice(0, 40) }));
    expect((await apply(half)).stdout).toMatch(/^Recorded 40 commands; read/);
    expect((await apply(SCENARIO_PATH)).stdout).toMatch(
      new RegExp(`^Recorded ${COUNT - 40} commands; 40 already recorded; read`),
    );
  });
});

describe('a scenario that is not JSON', () => {
  it('is refused with the line and column of the fault, not a character offset', async () => {
    // A comma dropped after a value, somewhere in the middle of the file.
    const at = TEXT.indexOf('"shares"', TEXT.length / 2);
    const valueEnd = TEXT.indexOf(',', at);
    const broken = TEXT.slice(0, valueEnd) + TEXT.slice(valueEnd + 1);
    const file = join(dir, 'broken.json');
    writeFileSync(file, broken);
    const { line, column } = lineAndColumn(broken, valueEnd + broken.slice(valueEnd).search(/\S/));
    const answer = await apply(file);
    expect(answer.code).toBe(EXIT.usage);
    expect(answer.stderr).toContain(`at line ${line}, column ${column}`);
    expect(answer.stderr).not.toMatch(/position \d+/);
  });

  it('says where the text ended when it ends too soon', async () => {
    const file = join(dir, 'cut.json');
    writeFileSync(file, '{\n  "id": "x",\n  "commands": [');
    const answer = await apply(file);
    expect(answer.stderr).toMatch(/Unexpected end of JSON input at line 3, column 16/);
  });
});

describe('a command with a wrong value', () => {
  it('is refused in the domain’s words, the codec named only in the rule', async () => {
    const scenario = JSON.parse(TEXT) as {
      commands: { type: string; payload: { holders?: { shares: unknown }[] } }[];
    };
    scenario.commands.find((c) => c.type === 'RecordEntitlements')!.payload.holders![0].shares = 1.5;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(scenario));
    const answer = await apply(file);
    expect(answer.code).toBe(EXIT.usage);
    expect(answer.stderr).toMatch(
      /Invalid:ShareCount at .*shares: .*shares must be a whole number of shares or votes \(a non-negative integer\); got 1\.5/,
    );
  });
});
