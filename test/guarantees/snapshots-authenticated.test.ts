import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CommandInput, openGovrec } from '../../src';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { snapshotKeyPath } from '../../src/infra/store/sqlite/snapshot-key';
import { DEMO_MEETING, demoUpToVotes, importDemo } from '../import/demo';

/**
 * Caches cannot change decisions. A snapshot is a state the domain decides on; an attacker who can
 * write the store file edits the snapshot of a resolution to drop a holder's vote (and the tally
 * with it), so that the holder's second vote would be accepted and counted. Each edit must leave
 * the second vote refused (AlreadyVoted) and the tally as it was: the snapshot's MAC, under a key
 * kept outside the store file, no longer holds, and the stream is folded from the record instead.
 */
const RESOLUTION = 'demo-r1';
const STREAM = `resolution-${RESOLUTION}`;
const HOLDER = 'A-0001';

let dir: string;
let path: string;

/** The snapshot's state as the attacker reads it, with the holder's vote taken out (and its tally). */
function withoutHoldersVote(stateText: string): string {
  const state = JSON.parse(stateText) as { meetings: { $map: unknown[] } };
  const meetings = state.meetings.$map;
  const at = meetings[meetings.indexOf(DEMO_MEETING) + 1] as {
    votes: { $map: unknown[] };
    tally: { votes: Record<string, number>; shares: Record<string, number>; voters: number };
  };
  const votes = at.votes.$map;
  const i = votes.indexOf(HOLDER);
  expect(i).toBeGreaterThanOrEqual(0);
  const vote = votes[i + 1] as { votes: Record<string, number>; shares: Record<string, number> };
  votes.splice(i, 2);
  for (const side of ['for', 'against', 'abstain']) {
    at.tally.votes[side] -= vote.votes[side];
    at.tally.shares[side] -= vote.shares[side];
  }
  at.tally.voters -= 1;
  return JSON.stringify(state);
}

/** Edits the store file as an attacker with write access to it (and not to the key file) would. */
function editSnapshot(edit: (db: Database.Database, state: string) => void): void {
  const db = new Database(path);
  const { state } = db.prepare('SELECT state FROM snapshots WHERE stream_name = ?').get(STREAM) as {
    state: string;
  };
  edit(db, state);
  db.close();
}

const secondVote: CommandInput = {
  type: 'CastVote',
  commandId: 'c0ffee00-0000-4000-8000-000000000001',
  actor: 'registrar:demo',
  issuedAt: '2025-06-20T10:50:00+08:00',
  payload: {
    resolutionId: RESOLUTION,
    meetingId: DEMO_MEETING,
    holderId: HOLDER,
    for: 1,
    against: 0,
    abstain: 0,
  },
} as CommandInput;

async function castAgainAndTally(): Promise<{ rule: string | undefined; tally: unknown; events: number }> {
  const govrec = await openGovrec({ store: `sqlite:${path}`, readModels: join(dir, 'read.db') });
  try {
    const before = (await govrec.store.readAll()).length;
    const outcome = await govrec.execute(secondVote);
    const events = (await govrec.store.readAll()).length - before;
    const tally = (await govrec.meeting(DEMO_MEETING))?.resolutions.find(
      (r) => r.resolutionId === RESOLUTION,
    );
    return { rule: outcome.ok ? undefined : outcome.error.rule, tally, events };
  } finally {
    await govrec.close();
  }
}

let tallyBefore: unknown;
let snapshotBefore: { state: string; mac: string | null };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-snapshots-'));
  path = join(dir, 'govrec.db');
  const store = new SqliteEventStore(path);
  await demoUpToVotes(store, dir);
  // Every stream the import moved on is snapshotted, the resolution's with the holder's vote in it.
  await importDemo(store, 'votes', dir, { snapshotAfter: 1 });
  await store.close();
  const db = new Database(path);
  snapshotBefore = db
    .prepare(
      'SELECT s.state, m.mac FROM snapshots s LEFT JOIN snapshot_macs m USING (stream_name) WHERE stream_name = ?',
    )
    .get(STREAM) as { state: string; mac: string | null };
  db.close();
  expect(snapshotBefore.mac).toMatch(/^[0-9a-f]{64}$/);
  const govrec = await openGovrec({ store: `sqlite:${path}`, readModels: join(dir, 'read.db') });
  tallyBefore = (await govrec.meeting(DEMO_MEETING))?.resolutions.find((r) => r.resolutionId === RESOLUTION);
  await govrec.close();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps the snapshot key outside the store file, readable by its owner only', () => {
  expect(statSync(snapshotKeyPath(path)).mode & 0o777).toBe(0o600);
});

it('refuses the second vote of a holder whose vote was taken out of the snapshot, its MAC kept', async () => {
  editSnapshot((db, state) =>
    db.prepare('UPDATE snapshots SET state = ? WHERE stream_name = ?').run(withoutHoldersVote(state), STREAM),
  );
  expect(await castAgainAndTally()).toEqual({ rule: 'AlreadyVoted', tally: tallyBefore, events: 0 });
});

it('refuses it when the edited snapshot has no MAC at all', async () => {
  editSnapshot((db, state) => {
    db.prepare('UPDATE snapshots SET state = ? WHERE stream_name = ?').run(withoutHoldersVote(state), STREAM);
    db.prepare('DELETE FROM snapshot_macs WHERE stream_name = ?').run(STREAM);
  });
  expect(await castAgainAndTally()).toEqual({ rule: 'AlreadyVoted', tally: tallyBefore, events: 0 });
});

it('refuses it when the edited snapshot carries the MAC of another snapshot', async () => {
  editSnapshot((db, state) => {
    db.prepare('UPDATE snapshots SET state = ? WHERE stream_name = ?').run(withoutHoldersVote(state), STREAM);
    const other = db
      .prepare('SELECT mac FROM snapshot_macs WHERE stream_name <> ? LIMIT 1')
      .pluck()
      .get(STREAM) as string;
    db.prepare('UPDATE snapshot_macs SET mac = ? WHERE stream_name = ?').run(other, STREAM);
  });
  expect(await castAgainAndTally()).toEqual({ rule: 'AlreadyVoted', tally: tallyBefore, events: 0 });
});

const snapshotVerdict = async (): Promise<string | undefined> => {
  const govrec = await openGovrec({ store: `sqlite:${path}`, readModels: join(dir, 'read.db') });
  try {
    return (await govrec.checkSnapshots()).find((f) => f.streamName === STREAM)?.verdict;
  } finally {
    await govrec.close();
  }
};

it('reports the edited snapshot as one govrec does not use (govrec snapshots)', async () => {
  editSnapshot((db, state) =>
    db.prepare('UPDATE snapshots SET state = ? WHERE stream_name = ?').run(withoutHoldersVote(state), STREAM),
  );
  expect(await snapshotVerdict()).toBe('unusable');
});

it('still starts from an untouched snapshot, which its events fold to, and refuses the second vote as the record does', async () => {
  expect(await snapshotVerdict()).toBe('matches');
  expect(await castAgainAndTally()).toEqual({ rule: 'AlreadyVoted', tally: tallyBefore, events: 0 });
});
