import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { CUMULATIVE_EXAMPLE_PATH as EXAMPLE } from '../golden/example-scenarios';
import { captureIo } from '../support/cli-io';

/** `govrec replay` and `govrec results` print each election's candidates, in JSON and as a table. */

interface Printed {
  meetings: {
    elections?: { no: number; candidates: { no: string; votes: number; pct: string; elected: boolean }[] }[];
  }[];
}

describe('elections on the command line', () => {
  it('replay --format json gives every candidate’s votes, percentage and outcome', async () => {
    const io = captureIo();
    expect(await run(['replay', EXAMPLE, '--format', 'json'], io)).toBe(EXIT.ok);
    const [meeting] = (JSON.parse(io.stdout) as Printed).meetings;
    expect(meeting.elections?.map((e) => e.candidates.map((c) => [c.no, c.votes, c.pct, c.elected]))).toEqual(
      [
        [
          ['3.01', 1_100_000, '91.6667', true],
          ['3.02', 1_000_000, '83.3333', true],
          ['3.03', 650_000, '54.1667', true],
          ['3.04', 300_000, '25.0000', false],
        ],
        [
          ['4.01', 900_000, '75.0000', true],
          ['4.02', 650_000, '54.1667', false],
          ['4.03', 650_000, '54.1667', false],
        ],
      ],
    );
  });

  it('replay as a table prints a row per candidate and why those not elected were not', async () => {
    const io = captureIo();
    expect(await run(['replay', EXAMPLE], io)).toBe(EXIT.ok);
    const lines = io.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toContain(
      '4. To elect the independent non-executive directors of the fourth session of the board (cumulative voting; 2 seats, 1 filled, 1 left vacant)',
    );
    expect(lines).toContain(
      'Votes of the holders attending (not cumulated): 1,200,000; abstained (cumulated): 550,000; invalid ballots: 2',
    );
    expect(lines).toContain('3.01 Mr. Zhang Wei 1,100,000 (91.6667%) elected');
    expect(lines).toContain('3.04 Ms. Zhao Min 300,000 (25.0000%) not elected (below the majority required)');
    expect(lines).toContain('4.03 Ms. Sun Li 650,000 (54.1667%) not elected (tied for the last seat)');
  });

  it('apply then results, from the stored read models, print what replay printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govrec-elections-'));
    try {
      const store = `sqlite:${join(dir, 'govrec.db')}`;
      expect(await run(['apply', EXAMPLE, '--store', store], captureIo())).toBe(EXIT.ok);
      const [stored, replayed] = [captureIo(), captureIo()];
      expect(await run(['results', '--store', store, '--format', 'json'], stored)).toBe(EXIT.ok);
      expect(await run(['replay', EXAMPLE, '--format', 'json'], replayed)).toBe(EXIT.ok);
      expect(stored.stdout).toBe(replayed.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
