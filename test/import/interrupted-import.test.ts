import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '../../src/application/event-store';
import { checkSnapshots } from '../../src/infra/state-cache/snapshot-check';
import { importFile } from '../../src/infra/import/import-file';
import { ImportOptions, ImportSummary } from '../../src/infra/import/import-types';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { MEETING_ID, SIZES, writeVotesCsv } from '../../bench/agm-generator';
import { setUpMeeting } from '../../bench/agm-setup';
import { resultsOf } from './demo';

const ISSUED_AT = '2025-06-20T10:45:00+08:00';
let dir: string;
let votesFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-resume-'));
  votesFile = join(dir, 'votes.csv');
  // 50 holders × 20 resolutions, every holder's attendance given on its first row.
  await writeVotesCsv(votesFile, SIZES.tiny, true);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store of its own, at the benchmark AGM's open poll. */
async function pollOpen(name: string): Promise<{ path: string; store: EventStore }> {
  const path = join(dir, `${name}.db`);
  const store = new SqliteEventStore(path);
  const work = mkdtempSync(join(dir, `${name}-`));
  await setUpMeeting(store, SIZES.tiny, work, false);
  return { path, store };
}

const importVotes = (store: EventStore, options: Partial<ImportOptions> = {}): Promise<ImportSummary> =>
  importFile('votes', votesFile, {
    meetingId: MEETING_ID,
    store,
    issuedAt: ISSUED_AT,
    rejectsFile: join(dir, 'rejects.csv'),
    batchSize: 64,
    ...options,
  });

/** Each stream's event ids in order: the record itself, not just its totals. */
async function record(store: EventStore) {
  const streams = new Map<string, string[]>();
  for (const e of await store.readAll())
    streams.set(e.streamName, [...(streams.get(e.streamName) ?? []), e.eventId]);
  return { events: (await store.readAll()).length, streams, results: await resultsOf(store) };
}

let uninterrupted: Awaited<ReturnType<typeof record>>;

beforeAll(async () => {
  const { store } = await pollOpen('whole');
  const summary = await importVotes(store);
  expect(summary).toMatchObject({ rows: 1000, recorded: 1000, rejected: 0, attendanceRecorded: 50 });
  uninterrupted = await record(store);
  await store.close();
});

describe('an interrupted import run again', () => {
  it('stopped after 300 rows, records the rest and ends with the record of an uninterrupted import', async () => {
    const { store } = await pollOpen('stopped');
    const stop = new AbortController();
    const first = await importVotes(store, {
      signal: stop.signal,
      progressEvery: 50,
      onProgress: (p) => (p.rows >= 300 ? stop.abort() : undefined),
    });
    expect(first).toMatchObject({ interrupted: true, rows: 300, recorded: 300 });
    const second = await importVotes(store);
    expect(second).toMatchObject({ interrupted: false, rows: 1000, recorded: 700, alreadyRecorded: 300 });
    expect(await record(store)).toEqual(uninterrupted);
    await store.close();
  });

  it('stopped after 450 rows, snapshots saved, and resumed by a process that starts from them, ends with the same record', async () => {
    const { path, store } = await pollOpen('snapshots');
    const stop = new AbortController();
    const first = await importVotes(store, {
      signal: stop.signal,
      progressEvery: 50,
      snapshotAfter: 1,
      onProgress: (p) => (p.rows >= 450 ? stop.abort() : undefined),
    });
    expect(first).toMatchObject({ interrupted: true, rows: 450, recorded: 450 });
    await store.close();
    const resumed = new SqliteEventStore(path);
    // The meeting (attendance recorded by the votes) and every resolution voted on.
    const meeting = await resumed.snapshots.readSnapshot(`meeting-${MEETING_ID}`);
    expect(meeting?.revision).toBeGreaterThan(0);
    // Saved from the batches' working copies, each is the state its events fold to, to the byte.
    const checked = await checkSnapshots(resumed);
    expect(checked.length).toBe(21);
    expect(checked.every((f) => f.verdict === 'matches')).toBe(true);
    const second = await importVotes(resumed);
    expect(second).toMatchObject({ interrupted: false, rows: 1000, recorded: 550, alreadyRecorded: 450 });
    expect(await record(resumed)).toEqual(uninterrupted);
    await resumed.close();
  });

  it('killed (SIGKILL) with votes read but not written, loses nothing and counts nothing twice', async () => {
    const { path, store } = await pollOpen('killed');
    await store.close();
    const child = spawnSync(process.execPath, [
      join(__dirname, 'fixtures', 'import-and-die.js'),
      path,
      MEETING_ID,
      votesFile,
      '450',
      ISSUED_AT,
    ]);
    expect(child.signal).toBe('SIGKILL');
    const resumed = new SqliteEventStore(path);
    const written = (await resumed.readAll()).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(uninterrupted.events);
    const summary = await importVotes(resumed);
    expect(summary.recorded + summary.alreadyRecorded).toBe(1000);
    expect(summary.alreadyRecorded).toBeGreaterThan(0);
    expect(await record(resumed)).toEqual(uninterrupted);
    await resumed.close();
  });
});
