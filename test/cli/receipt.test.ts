import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { MEETING_IDS, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

const dir = mkdtempSync(join(tmpdir(), 'govrec-receipt-'));
const store = `sqlite:${join(dir, 'govrec.db')}`;
const EGM = MEETING_IDS.EGM;

beforeAll(async () => {
  expect(await run(['apply', SCENARIO_PATH, '--store', store], captureIo())).toBe(EXIT.ok);
});

async function published(): Promise<string> {
  const io = captureIo();
  expect(await run(['verify', '--meeting', EGM, '--store', store, '--format', 'json'], io)).toBe(EXIT.ok);
  return (JSON.parse(io.stdout) as { meetingId: string; root: string }[]).find((v) => v.meetingId === EGM)!
    .root;
}

describe('govrec receipt', () => {
  it('writes a holder receipt that receipt verify accepts with the published root alone', async () => {
    const file = join(dir, 'A-0001.json');
    const made = captureIo();
    expect(
      await run(['receipt', '--meeting', EGM, '--holder', 'A-0001', '--out', file, '--store', store], made),
    ).toBe(EXIT.ok);
    const root = await published();
    const io = captureIo();
    expect(await run(['receipt', 'verify', file, '--root', root], io)).toBe(EXIT.ok);
    expect(io.stdout).toMatch(/^valid: A-0001's \d+ vote\(s\) at jlmag-2023-egm1/);
  });

  it('exits 1 naming the resolution when a vote was changed, and names another root', async () => {
    const io = captureIo();
    expect(await run(['receipt', '--meeting', EGM, '--holder', 'A-0001', '--store', store], io)).toBe(
      EXIT.ok,
    );
    const receipt = JSON.parse(io.stdout);
    receipt.votes[0].event.data.shares.for -= 1;
    const file = join(dir, 'changed.json');
    writeFileSync(file, JSON.stringify(receipt));
    const changed = captureIo();
    expect(await run(['receipt', 'verify', file, '--root', await published()], changed)).toBe(EXIT.refused);
    expect(changed.stdout).toContain(`vote-changed ${receipt.votes[0].resolutionId}`);
    const other = captureIo();
    expect(await run(['receipt', 'verify', file, '--root', 'f'.repeat(64)], other)).toBe(EXIT.refused);
    expect(other.stdout).toContain('another-root');
  });

  it('refuses a bad line or a file that is no receipt in one line, exit 2; a holder without votes, exit 1', async () => {
    const io = captureIo();
    expect(await run(['receipt', 'verify', SCENARIO_PATH, '--root', 'f'.repeat(64)], io)).toBe(EXIT.usage);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(await run(['receipt', 'verify', join(dir, 'none.json')], captureIo())).toBe(EXIT.usage);
    expect(await run(['receipt', '--meeting', EGM], captureIo())).toBe(EXIT.usage);
    const none = captureIo();
    expect(await run(['receipt', '--meeting', EGM, '--holder', 'X', '--store', store], none)).toBe(
      EXIT.refused,
    );
    expect(none.stderr).toContain('NoVoteRecorded');
  });
});
