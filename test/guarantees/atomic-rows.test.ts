import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { CommandHandler } from '../../src/application/command-handler';
import { EventStore } from '../../src/application/event-store';
import { decodeCommand } from '../../src/application/validation';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { DEMO_MEETING, demoUpToVotes, importDemo } from '../import/demo';

/**
 * Atomic rows: a votes row is one unit, its holder's attendance and its vote. A row refused for its
 * vote (an over-vote, an unknown resolution, a closed poll, a second vote) records nothing: no
 * attendance is left behind; a later row of the same holder may then carry the attendance.
 */
const HEADER = 'resolution_id,holder_id,for,against,abstain,attendance,representative';
let dir: string;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-atomic-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pollOpen(): Promise<EventStore> {
  const store = new MemoryEventStore();
  await demoUpToVotes(store, dir);
  return store;
}

async function importRows(store: EventStore, name: string, rows: string[]) {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  const summary = await importDemo(
    store,
    'votes',
    dir,
    { rejectsFile: join(dir, `${name}.rejects.csv`) },
    file,
  );
  const rejects = summary.rejected ? readFileSync(join(dir, `${name}.rejects.csv`), 'utf8') : '';
  return { summary, rejects: rejects.trim().split('\n').slice(1) };
}

/** The holders the record shows attending. */
const attending = async (store: EventStore) =>
  (await store.readAll())
    .filter((e) => e.type === 'AttendanceRecorded')
    .map((e) => (e.data as { holderId: string }).holderId);

describe('a refused votes row records nothing', () => {
  it.each([
    ['an over-vote', 'demo-r1,A-0004,999999,0,0,IN_PERSON,', 'OverVote'],
    ['an unknown resolution', 'demo-r9,A-0005,800,0,0,IN_PERSON,', 'UnknownResolution'],
    ['a resolution not put to the meeting', 'demo-r1,A-0007,100,0,0,IN_PERSON,', ''],
  ])('%s: the row is refused and its holder is not recorded attending', async (_what, row, rule) => {
    const store = await pollOpen();
    const before = (await store.readAll()).length;
    const { summary, rejects } = await importRows(store, `refused-${rule || 'other'}`, [row]);
    expect(summary).toMatchObject({ rows: 1, recorded: 0, rejected: 1, attendanceRecorded: 0 });
    if (rule) expect(Object.keys(summary.rejectedByRule)).toEqual([rule]);
    expect(rejects).toHaveLength(1);
    expect((await store.readAll()).length).toBe(before);
  });

  it('a closed poll: the row is refused and its holder is not recorded attending', async () => {
    const store = await pollOpen();
    // The poll only: the meeting is still open, so the attendance alone would be accepted.
    const closePoll = decodeCommand({
      type: 'ClosePoll',
      commandId: 'atomic:close-poll',
      actor: 'chair:demo',
      issuedAt: '2025-06-20T11:00:00+08:00',
      payload: { meetingId: DEMO_MEETING },
    });
    const handler = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    if (closePoll._tag === 'Left') throw new Error(closePoll.left.message);
    expect((await handler.handle(closePoll.right))._tag).toBe('Right');
    const before = (await store.readAll()).length;
    const { summary } = await importRows(store, 'closed', ['demo-r1,A-0008,2000000,0,0,IN_PERSON,']);
    expect(summary).toMatchObject({ recorded: 0, rejected: 1, attendanceRecorded: 0 });
    expect((await store.readAll()).length).toBe(before);
    expect(await attending(store)).not.toContain('A-0008');
  });

  it('a later row of the holder carries the attendance that a refused row did not record', async () => {
    const store = await pollOpen();
    const { summary } = await importRows(store, 'later', [
      'demo-r9,A-0008,1,0,0,IN_PERSON,',
      'demo-r1,A-0008,2000000,0,0,IN_PERSON,',
    ]);
    expect(summary).toMatchObject({ rows: 2, recorded: 1, rejected: 1, attendanceRecorded: 1 });
    expect(await attending(store)).toEqual(['A-0008']);
  });

  it('a second vote on a resolution after a first one without attendance: both refused, nothing recorded', async () => {
    const store = await pollOpen();
    const before = (await store.readAll()).length;
    const { summary, rejects } = await importRows(store, 'twice', [
      'demo-r1,A-0003,100,0,0,,',
      'demo-r1,A-0003,200,0,0,PROXY,',
    ]);
    expect(summary).toMatchObject({ rows: 2, recorded: 0, rejected: 2, attendanceRecorded: 0 });
    expect(rejects).toHaveLength(2);
    expect((await store.readAll()).length).toBe(before);
  });

  it('accepted rows still record attendance then vote, and a re-run records nothing more', async () => {
    const store = await pollOpen();
    const rows = ['demo-r1,A-0004,1200,0,0,IN_PERSON,', 'demo-r2,A-0004,0,1200,0,,'];
    const first = await importRows(store, 'accepted', rows);
    expect(first.summary).toMatchObject({ recorded: 2, rejected: 0, attendanceRecorded: 1 });
    const events = (await store.readAll()).length;
    const again = await importRows(store, 'accepted', rows);
    expect(again.summary).toMatchObject({ recorded: 0, alreadyRecorded: 2, rejected: 0 });
    expect((await store.readAll()).length).toBe(events);
  });
});
