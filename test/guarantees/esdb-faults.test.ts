import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '../../src/application/event-store';
import { importFile } from '../../src/infra/import/import-file';
import { ImportSummary } from '../../src/infra/import/import-types';
import { ProjectionRunner } from '../../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { EsdbEventStore } from '../../src/infra/store/esdb/esdb-event-store';
import { resultsView } from '../../src/projections/results/view';
import { MEETING_ID, RESOLUTIONS, writeVotesCsv } from '../../bench/agm-generator';
import { setUpMeeting } from '../../bench/agm-setup';
import { AppendFault } from '../esdb-emulator/faults';
import { Emulator, startEmulator } from '../esdb-emulator/server';
import { waitUntil } from '../esdb-emulator/testing';

/**
 * A votes import through an EventStoreDB cluster that misbehaves at random (seeded): appends that
 * time out after their commit, elections (not-leader, unavailable, a new leader's empty cache,
 * subscriptions dropped), BatchAppend calls cut with appends in flight, and a restore from a
 * backup taken mid-import, behind the read models' checkpoint; the registrar then imports the
 * file again. At the end every vote is recorded exactly once, the read models equal those of an
 * uninterrupted run, and every summary the registrar got was true.
 *
 * GOVREC_FAULT_VOTES sets the number of votes (20 per holder); the default keeps the run short.
 */
const VOTES = Number(process.env.GOVREC_FAULT_VOTES ?? 1_000);
const HOLDERS = Math.max(1, Math.round(VOTES / RESOLUTIONS));
const SEED = Number(process.env.GOVREC_FAULT_SEED ?? 18);
const ISSUED_AT = '2025-06-20T10:45:00+08:00';
/** Rows per batch of the import: small, so that there are many appends to fail. */
const BATCH = 10;

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS: readonly AppendFault[] = [
  'timeout-after-commit',
  'timeout-pending',
  'unavailable-after-commit',
  'not-leader-after-commit',
  'timeout',
  'not-leader',
];

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-esdb-faults-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const votesOf = (events: readonly RecordedEvent[]) => events.filter((e) => e.type === 'VoteCast');

/** Each vote's key (holder, resolution) appears once. */
function expectEachVoteOnce(events: readonly RecordedEvent[]): void {
  const votes = votesOf(events);
  const keys = votes.map((e) => JSON.stringify([e.streamName, (e.data as { holderId?: string }).holderId]));
  expect(new Set(keys).size).toBe(votes.length);
  expect(new Set(votes.map((e) => e.eventId)).size).toBe(votes.length);
}

async function meeting(name: string, batchAppend: boolean) {
  const emulator = await startEmulator({ batchAppend, maxAppendSize: 4 * 1024 * 1024 });
  const store = new EsdbEventStore(emulator.connectionString, { maxAppendBytes: 4 * 1024 * 1024 });
  const workDir = mkdtempSync(join(dir, `${name}-`));
  await setUpMeeting(store, HOLDERS, workDir, false);
  const votesFile = join(workDir, 'votes.csv');
  await writeVotesCsv(votesFile, HOLDERS, true);
  const importVotes = (into = store) =>
    importFile('votes', votesFile, {
      meetingId: MEETING_ID,
      store: into,
      issuedAt: ISSUED_AT,
      batchSize: BATCH,
      rejectsFile: join(workDir, 'votes.rejects.csv'),
    });
  return { emulator, store, workDir, importVotes };
}

/** Random faults on about one append in four, some with an election. */
function injectFaults(emulator: Emulator, random: () => number, counts: Map<string, number>): void {
  emulator.faults.pendingMs = 50;
  emulator.faults.chooser = () => {
    const roll = random();
    if (roll < 0.02 && emulator.faults.batchCutAfter === undefined) {
      emulator.faults.batchCutAfter = 1;
      counts.set('batch-cut', (counts.get('batch-cut') ?? 0) + 1);
      return undefined;
    }
    if (roll > 0.25) return undefined;
    const fault = FAULTS[Math.floor(random() * FAULTS.length)];
    counts.set(fault, (counts.get(fault) ?? 0) + 1);
    if (fault.startsWith('not-leader') || fault.startsWith('unavailable')) emulator.election();
    return fault;
  };
}

describe(`a ${VOTES}-vote import through an EventStoreDB cluster under random faults (seed ${SEED})`, () => {
  test('every vote once, read models as an uninterrupted run, every summary true', async () => {
    const calm = await meeting('calm', true);
    const calmSummary = await calm.importVotes();
    const calmModels = new SqliteReadModels(join(calm.workDir, 'read.db'));
    const calmRunner = new ProjectionRunner(calm.store, calmModels);
    await calmRunner.catchUp();
    const expected = resultsView(calmRunner.results);
    calmModels.close();
    await calm.store.close();
    await calm.emulator.stop();
    expect(calmSummary).toMatchObject({ rows: VOTES, recorded: VOTES, alreadyRecorded: 0, rejected: 0 });

    const { emulator, store, workDir, importVotes } = await meeting('faulty', true);
    // The read side: its own connection, following the record while it is written.
    const readSide = new EsdbEventStore(emulator.connectionString);
    const readModels = new SqliteReadModels(join(workDir, 'read.db'));
    const runner = new ProjectionRunner(readSide, readModels);
    await runner.catchUp();
    const drops: string[] = [];
    runner.follow((error) => drops.push(error.name));

    const restarted = new EsdbEventStore(emulator.connectionString, { maxAppendBytes: 4 * 1024 * 1024 });
    try {
      const counts = new Map<string, number>();
      injectFaults(emulator, seeded(SEED), counts);
      let backup: number | undefined;
      const first = await importFile('votes', join(workDir, 'votes.csv'), {
        meetingId: MEETING_ID,
        store,
        issuedAt: ISSUED_AT,
        batchSize: BATCH,
        rejectsFile: join(workDir, 'first.rejects.csv'),
        progressEvery: Math.max(1, Math.floor(VOTES / 2)),
        onProgress: () => (backup ??= emulator.size),
      });
      // Every answer true: each vote recorded by this run, none refused, the store holding them once.
      expect(first).toMatchObject({ rows: VOTES, recorded: VOTES, alreadyRecorded: 0, rejected: 0 });
      const beforeRestore = await store.readAll();
      expect(votesOf(beforeRestore)).toHaveLength(VOTES);
      expectEachVoteOnce(beforeRestore);
      const head = beforeRestore[beforeRestore.length - 1].position;
      await waitUntil(() => runner.checkpoint === head, 'the read side catching up', 30_000);

      // A restore from the backup taken mid-import, behind the read models' checkpoint.
      emulator.faults.chooser = undefined;
      emulator.restore(backup ?? 0);
      const kept = votesOf(await store.readAll()).length;
      expect(kept).toBeLessThan(VOTES);
      // The registrar imports the file again, with a process started after the restore.
      const second: ImportSummary = await importVotes(restarted);
      expect(second).toMatchObject({
        rows: VOTES,
        recorded: VOTES - kept,
        alreadyRecorded: kept,
        rejected: 0,
      });

      const all = await restarted.readAll();
      expect(votesOf(all)).toHaveLength(VOTES);
      expectEachVoteOnce(all);
      const last = all[all.length - 1].position;
      await waitUntil(() => runner.checkpoint === last, 'the read side rebuilt and caught up', 30_000);
      await runner.stop();
      expect(resultsView(runner.results)).toEqual(expected);
      // Stored read models, read back by a fresh runner, are the same.
      expect(resultsView(new ProjectionRunner(readSide, readModels).results)).toEqual(expected);

      // The faults did happen.
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      const figures = { faults: [...counts], readSideDrops: drops.length, kept };
      process.stdout.write(`esdb faults (${VOTES} votes, seed ${SEED}): ${JSON.stringify(figures)}\n`);
    } finally {
      await runner.stop();
      readModels.close();
      await Promise.all([store.close(), restarted.close(), readSide.close()]);
      await emulator.stop();
    }
  }, 600_000);
});
