import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EventStore } from '../../src/application/event-store';
import { importFile } from '../../src/infra/import/import-file';
import { ImportInputError } from '../../src/infra/import/import-types';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { applyStep, DEMO_MEETING, demoUpToVotes, importDemo, resultsOf } from './demo';

let dir: string;
let store: EventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-import-'));
  store = new SqliteEventStore(join(dir, 'govrec.db'));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const rejectsText = (kind: string) => readFileSync(join(dir, `${kind}.rejects.csv`), 'utf8');

/** The rejects file's rows as [line, rule, column, row]: the messages are the domain's to word. */
const rejects = (kind: string) =>
  (parse(rejectsText(kind)) as string[][]).map(([line, rule, field, , row]) => [line, rule, field, row]);

describe('importing the example files of examples/import', () => {
  it('records the register in batches and refuses the bad rows with their line, rule and column', async () => {
    const [register] = await demoUpToVotes(store, dir);
    expect(register).toMatchObject({
      rows: 13,
      recorded: 10,
      alreadyRecorded: 0,
      rejected: 3,
      rejectedByRule: { 'Invalid:ShareCount': 1, DuplicateHolder: 1, ShareClassNotAtMeeting: 1 },
    });
    expect(rejects('register')).toEqual([
      ['line', 'rule', 'field', 'row'],
      ['8', 'Invalid:ShareCount', 'shares', 'A-0006,A,12x,A typo in the shares column'],
      ['9', 'DuplicateHolder', 'holder_id', 'A-0002,A,500,Listed a second time'],
      [
        '10',
        'ShareClassNotAtMeeting',
        'share_class',
        'A-0007,B,100,A class that does not vote at this meeting',
      ],
    ]);
    // A codec's refusal quotes the value (written as CSV: quotes doubled).
    expect(rejectsText('register').split('\n')[1]).toBe(
      '8,Invalid:ShareCount,shares,"payload.holders[0].shares must be a whole number of shares or votes (a non-negative integer); got ""12x""","A-0006,A,12x,A typo in the shares column"',
    );
  });

  it('records the proxies, refusing one lodged after the deadline, one for a stranger and a bad date', async () => {
    const [, proxies] = await demoUpToVotes(store, dir);
    expect(proxies).toMatchObject({ rows: 8, recorded: 5, rejected: 3 });
    // In the file's line order, although the bad date (line 9) is refused by the codec at once
    // and the other two only when their batch is recorded.
    expect(rejects('proxies').slice(1)).toEqual([
      [
        '7',
        'ProxyAfterDeadline',
        'lodged_at',
        'PX-0006,H-0002,The chairman of the meeting,2025-06-19T12:00:00+08:00,',
      ],
      [
        '8',
        'HolderNotOnRegister',
        'holder_id',
        'PX-0007,X-9999,The chairman of the meeting,2025-06-16T09:00:00+08:00,',
      ],
      [
        '9',
        'Invalid:IsoDateTime',
        'lodged_at',
        'PX-0008,A-0004,The chairman of the meeting,16/06/2025 09:00,',
      ],
    ]);
  });

  it('records attendance and votes, refuses the bad ballots, and the poll results follow', async () => {
    await demoUpToVotes(store, dir);
    const votes = await importDemo(store, 'votes', dir);
    expect(votes).toMatchObject({
      rows: 23,
      recorded: 18,
      rejected: 5,
      attendanceRecorded: 7,
      rejectedByRule: {
        'Invalid:ShareCount': 1,
        'Invalid:CellCount': 1,
        HolderNotAttending: 1,
        OverVote: 1,
        UnknownResolution: 1,
      },
    });
    // In the file's line order, although rows refused by a codec are known at once and those
    // refused by a rule only when their batch is decided.
    expect(rejects('votes').slice(1)).toEqual([
      ['18', 'OverVote', 'for', 'demo-r2,A-0004,1500,0,0,,'],
      ['21', 'UnknownResolution', 'resolution_id', 'demo-r9,A-0002,1,0,0,,'],
      ['22', 'Invalid:ShareCount', 'for', 'demo-r1,H-0002,-5,0,0,IN_PERSON,'],
      ['23', 'HolderNotAttending', 'holder_id', 'demo-r1,H-0003,1000000,0,0,,'],
      ['24', 'Invalid:CellCount', '', 'demo-r3,A-0005,800,0'],
    ]);
    await applyStep(store, 'close');
    const [meeting] = (await resultsOf(store)).meetings;
    expect(meeting).toMatchObject({ id: DEMO_MEETING, attendingShares: 334_502_000 });
    expect(meeting.resolutions[1]).toMatchObject({
      resolutionId: 'demo-r2',
      for: 285_000_000,
      against: 45_500_000,
      abstain: 4_000_000,
      forPct: '85.2018',
      passed: true,
    });
  });

  it('records nothing the second time the same files are imported', async () => {
    await demoUpToVotes(store, dir);
    await importDemo(store, 'votes', dir);
    const count = (await store.readAll()).length;
    const again = await Promise.all(
      (['register', 'proxies', 'votes'] as const).map((kind) => importDemo(store, kind, dir)),
    );
    expect(again.map((s) => [s.recorded, s.alreadyRecorded, s.rejected])).toEqual([
      [0, 10, 3],
      [0, 5, 3],
      [0, 18, 5],
    ]);
    expect((await store.readAll()).length).toBe(count);
  });
});

describe('a file that cannot be imported', () => {
  const csv = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('is refused whole for an unknown or missing column, naming the columns expected', async () => {
    await demoUpToVotes(store, dir);
    const options = { meetingId: DEMO_MEETING, store };
    await expect(
      importFile('votes', csv('a.csv', 'resolution_id,holder_id,for,against,abstian\n'), options),
    ).rejects.toThrow(
      /Unknown column "abstian"; a votes file has resolution_id, holder_id, for, against, abstain, \[share_class\]/,
    );
    await expect(importFile('proxies', csv('b.csv', 'proxy_id,holder_id\n'), options)).rejects.toThrow(
      /Missing column "proxy_name", "lodged_at"/,
    );
    await expect(importFile('register', csv('c.csv', ''), options)).rejects.toThrow(ImportInputError);
  });

  it('is refused for a meeting the store does not hold', async () => {
    await expect(
      importFile('register', csv('d.csv', 'holder_id,share_class,shares\n'), { meetingId: 'nope', store }),
    ).rejects.toThrow(/Meeting nope has not been scheduled/);
  });

  it('still imports what it can read around an unreadable CSV record, and leaves no rejects file when all is well', async () => {
    await applyStep(store, 'schedule');
    writeFileSync(join(dir, 'register.rejects.csv'), 'stale');
    const clean = csv('e.csv', 'holder_id,share_class,shares\nZ-1,A,10\n');
    expect(await importDemo(store, 'register', dir, {}, clean)).toMatchObject({ recorded: 1, rejected: 0 });
    expect(existsSync(join(dir, 'register.rejects.csv'))).toBe(false);
    const broken = csv('f.csv', 'holder_id,share_class,shares\nZ-2,A,"10\nZ-3,A,5');
    const summary = await importDemo(store, 'register', dir, {}, broken);
    expect(summary).toMatchObject({ rejectedByRule: { 'Invalid:Csv': 1 } });
  });
});
