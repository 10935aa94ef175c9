import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportProgress } from '../../src/infra/import/import-types';
import { formatDuration, progressLine, progressPrinter } from '../../src/infra/import/progress';
import { IMPORT_EXIT } from '../../src/infra/import/run-import';
import { run } from '../../src/infra/cli/main';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { applyStep, DEMO_DIR, DEMO_MEETING } from './demo';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-cli-import-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(errIsTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), errIsTTY } };
}

describe('govrec import', () => {
  it.each([
    [[], /import: takes register, proxies or votes, not nothing/],
    [['ballots', 'x.csv', '--meeting', 'm'], /not ballots/],
    [['votes', 'x.csv'], /needs --meeting/],
    [['votes', '--meeting', 'm'], /exactly one file/],
    [['votes', 'x.csv', '--meeting', 'm', '--fast'], /unknown option --fast/],
    [['votes', 'x.csv', '--meeting', 'm', '--batch-size', '0'], /--batch-size takes a whole number/],
    [['votes', 'x.csv', '--meeting'], /--meeting takes a value/],
  ])('answers %j with usage and exit code 2', async (args, problem) => {
    const cli = io();
    expect(await run(['import', ...args], cli.io)).toBe(IMPORT_EXIT.usage);
    expect(cli.err.join('')).toMatch(problem);
    // One line: the problem, and where the command's help is.
    expect(cli.err.join('')).toMatch(/^govrec import: .* \(see govrec import --help\)\n$/);
  });

  it('exits 2 for a file it cannot read, and 1 then 0 as rows are refused or all recorded', async () => {
    const db = join(dir, 'govrec.db');
    const store = new SqliteEventStore(db);
    await applyStep(store, 'schedule');
    await store.close();
    const args = (file: string) => [
      'register',
      file,
      '--meeting',
      DEMO_MEETING,
      '--store',
      `sqlite:${db}`,
      '--rejects',
      join(dir, 'rejects.csv'),
    ];

    const missing = io();
    expect(await run(['import', ...args(join(dir, 'nope.csv'))], missing.io)).toBe(IMPORT_EXIT.usage);
    expect(missing.err.join('')).toMatch(/nope\.csv: .*ENOENT/);

    const refused = io();
    expect(await run(['import', ...args(join(DEMO_DIR, 'register.csv'))], refused.io)).toBe(
      IMPORT_EXIT.rejected,
    );
    const summary = refused.out.join('');
    expect(summary).toMatch(/^Imported register from .*register\.csv into demo-agm-2025 in 0:0\d/);
    expect(summary).toMatch(/ {2}rows read {10}13\n {2}recorded {11}10\n/);
    expect(summary).toMatch(/ {4}DuplicateHolder {16}1\n/);
    expect(summary).toContain(`rejected rows, with line, rule and field: ${join(dir, 'rejects.csv')}`);
    expect(refused.err.join('')).toMatch(
      /^register: 13 rows {2}[\d,]+ rows\/s {2}100% {2}done in 0:0\d {2}3 rejected\n$/,
    );

    writeFileSync(join(dir, 'more.csv'), 'holder_id,share_class,shares\nZ-1,A,10\n');
    const clean = io();
    expect(await run(['import', ...args(join(dir, 'more.csv'))], clean.io)).toBe(IMPORT_EXIT.ok);
  });
});

describe('the progress bar', () => {
  const at = (rows: number, bytes: number, elapsedMs: number, done = false): ImportProgress => ({
    kind: 'votes',
    rows,
    recorded: rows,
    alreadyRecorded: 0,
    rejected: 0,
    bytes,
    totalBytes: 1000,
    elapsedMs,
    done,
  });

  it('says rows, rows per second, the share read and the time left', () => {
    expect(progressLine(at(25_000, 250, 10_000))).toBe('votes: 25,000 rows  2,500 rows/s  25%  ETA 0:30');
    expect(progressLine(at(0, 0, 0))).toBe('votes: 0 rows  0 rows/s  0%  ETA ?');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });

  it('rewrites one line on a terminal, at most every 100 ms, and ends it when done', () => {
    const written: string[] = [];
    let now = 0;
    const print = progressPrinter({ write: (t) => written.push(t), isTTY: true }, { now: () => now });
    print(at(1, 1, 1));
    now = 50;
    print(at(2, 2, 50));
    now = 150;
    print(at(3, 3, 150));
    print(at(4, 1000, 151, true));
    expect(written).toHaveLength(3);
    expect(written.every((t) => t.startsWith('\r') && t.includes('\x1b[K'))).toBe(true);
    expect(written[2].endsWith('\n')).toBe(true);
  });

  it('writes a plain line every few seconds to a log', () => {
    const written: string[] = [];
    let now = 0;
    const print = progressPrinter({ write: (t) => written.push(t), isTTY: false }, { now: () => now });
    for (now = 0; now <= 12_000; now += 1000) print(at(now, 10, now));
    expect(written).toEqual([
      'votes: 0 rows  0 rows/s  1%  ETA 0:00\n',
      'votes: 5,000 rows  1,000 rows/s  1%  ETA 8:15\n',
      'votes: 10,000 rows  1,000 rows/s  1%  ETA 16:30\n',
    ]);
  });
});
