import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { ResultsView } from '../../src/projections/results/view';
import { ROOT } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

/**
 * The adjourned EGM example end to end: applied to a SQLite store (read models caught up), then
 * replayed in memory. Proxies lodged for the meeting as first convened (one before the first deadline,
 * one after it but before the deadline of the postponed meeting) attend the resumption and their votes
 * count; the votes cast before the adjournment stand; the results are dated the day it resumed, and
 * the resolution put by holders says so.
 */
const EXAMPLE = join(ROOT, 'examples', 'adjourned-egm-2024', 'scenario.json');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-adjourned-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const printed = (io: { stdout: string }) => JSON.parse(io.stdout) as ResultsView;

describe('an adjourned meeting, applied and replayed', () => {
  let applied: ResultsView;

  beforeAll(async () => {
    const store = `sqlite:${join(dir, 'govrec.db')}`;
    expect(await run(['apply', EXAMPLE, '--store', store], captureIo())).toBe(EXIT.ok);
    const io = captureIo();
    expect(await run(['results', '--format', 'json', '--store', store], io)).toBe(EXIT.ok);
    applied = printed(io);
  });

  it('counts the votes of the proxies carried to the resumption beside those cast before the adjournment', () => {
    const [egm] = applied.meetings;
    expect(egm.heldOn).toBe('2024-07-02');
    expect(egm.attendingShares).toBe(662_000);
    // R1: 12,000 + 200,000 FOR before the adjournment; the proxies of A-02 (300,000 FOR) and of the
    // nominee H-02 (100,000 FOR, 50,000 AGAINST) after it.
    expect(egm.resolutions[0]).toMatchObject({ for: 612_000, against: 50_000, abstain: 0, passed: true });
    expect(egm.resolutions[1]).toMatchObject({
      for: 462_000,
      against: 200_000,
      passed: true,
      proposedByHolders: true,
    });
  });

  it('replays in memory to the same results', async () => {
    const io = captureIo();
    expect(await run(['replay', EXAMPLE, '--format', 'json'], io)).toBe(EXIT.ok);
    expect(printed(io)).toEqual(applied);
  });

  it('announces the meeting on the day it was held, and the holders’ resolution as theirs', async () => {
    const io = captureIo();
    expect(await run(['announcement', '--store', `sqlite:${join(dir, 'govrec.db')}`], io)).toBe(EXIT.ok);
    expect(io.stdout).toMatch(/HELD ON JULY 2, 2024/);
    expect(io.stdout).toContain('(proposed by Shareholders)');
  });
});
