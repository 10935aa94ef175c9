import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands } from '../../src/application/scenario';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { ALL_PROJECTIONS } from '../../src/infra/read-models/persisted-projections';
import { ProjectionRunner, RESULTS_PROJECTION } from '../../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { AppendedRow } from '../../src/projections/shared/appended-rows';
import { resultsView } from '../../src/projections/results/view';
import { referenceCommands } from '../golden/reference-scenario';

/**
 * A catch-up that reaches a checkpoint writes its checkpoints on the checkpoint thread: the read
 * models must come out as the same catch-up writing them in place leaves them, and a failure or a
 * crash must leave them at a checkpoint, never past one.
 */
let dir: string;
let store: SqliteEventStore;
let positions: number[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-checkpoints-'));
  store = new SqliteEventStore(join(dir, 'govrec.db'));
  await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    referenceCommands(),
  );
  positions = (await store.readAll()).map((e) => e.position);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every read model's documents, index rows and checkpoint, as stored. */
function stored(path: string) {
  const readModels = new SqliteReadModels(path);
  const all = ALL_PROJECTIONS.map(({ name }) => ({
    name,
    checkpoint: readModels.checkpoint(name),
    documents: readModels.documents(name),
    rows: readModels.indexRows(name),
  }));
  readModels.close();
  return all;
}

function positionsByKey(rows: readonly AppendedRow[]): Record<string, number[]> {
  const byKey: Record<string, number[]> = {};
  for (const row of rows) (byKey[row.key] ??= []).push(...row.positions);
  return byKey;
}

/** The read models, counting the checkpoint threads they start. */
function counted(path: string) {
  const readModels = new SqliteReadModels(path);
  let threads = 0;
  const start = readModels.checkpointThread.bind(readModels);
  readModels.checkpointThread = () => {
    threads += 1;
    return start();
  };
  return { readModels, threads: () => threads };
}

describe('checkpoints written on the checkpoint thread', () => {
  it('leave every read model as checkpoints written in place do', async () => {
    const inPlace = new SqliteReadModels(join(dir, 'in-place.db'));
    await new ProjectionRunner(store, inPlace, { batchSize: 7 }).catchUp();
    inPlace.close();

    const { readModels, threads } = counted(join(dir, 'thread.db'));
    const committed: number[] = [];
    const runner = new ProjectionRunner(store, readModels, {
      readPage: 7,
      checkpointEvery: 7,
      onCheckpoint: (position) => committed.push(position),
    });
    await runner.catchUp();
    expect(threads()).toBe(1);
    // A checkpoint every 7 events, each reported once committed, in order.
    expect(committed).toEqual(positions.filter((_, i) => (i + 1) % 7 === 0 || i === positions.length - 1));
    expect(readModels.checkpoint(RESULTS_PROJECTION)).toBe(positions[positions.length - 1]);
    expect(resultsView(new ProjectionRunner(store, readModels).results)).toEqual(resultsView(runner.results));
    readModels.close();

    expect(stored(join(dir, 'thread.db'))).toEqual(stored(join(dir, 'in-place.db')));
  });

  it('are not used by a catch-up that reaches no checkpoint before its end', async () => {
    const { readModels, threads } = counted(join(dir, 'short.db'));
    await new ProjectionRunner(store, readModels).catchUp();
    expect(threads()).toBe(0);
    expect(readModels.checkpoint(RESULTS_PROJECTION)).toBe(positions[positions.length - 1]);
    readModels.close();
  });

  it('are written once the documents to write reach checkpointDocuments, however few the events', async () => {
    const inPlace = new SqliteReadModels(join(dir, 'in-place.db'));
    await new ProjectionRunner(store, inPlace, { batchSize: 7 }).catchUp();
    inPlace.close();

    const { readModels, threads } = counted(join(dir, 'documents.db'));
    const committed: number[] = [];
    await new ProjectionRunner(store, readModels, {
      readPage: 1,
      checkpointDocuments: 5,
      onCheckpoint: (position) => committed.push(position),
    }).catchUp();
    // By events and time alone this record reaches no checkpoint before its end (the test above).
    expect(threads()).toBe(1);
    expect(committed.length).toBeGreaterThan(3);
    expect(committed.at(-1)).toBe(positions[positions.length - 1]);
    readModels.close();
    // The same documents and checkpoints; the same positions by holder, in rows of other checkpoints.
    const byKey = (path: string) =>
      stored(path).map(({ rows, ...rest }) => ({ ...rest, rows: positionsByKey(rows) }));
    expect(byKey(join(dir, 'documents.db'))).toEqual(byKey(join(dir, 'in-place.db')));
  });

  it('stop at the first that fails: the catch-up throws, and no later checkpoint is written', async () => {
    const path = join(dir, 'failing.db');
    const readModels = new SqliteReadModels(path);
    const committed: number[] = [];
    const runner = new ProjectionRunner(store, readModels, {
      readPage: 7,
      checkpointEvery: 7,
      onCheckpoint: (position) => {
        committed.push(position);
        // Another program breaks the file after the first checkpoint: the next cannot be written.
        if (committed.length === 1) new Database(path).exec('DROP TABLE index_rows');
      },
    });
    await expect(runner.catchUp()).rejects.toThrow(/index_rows/);
    expect(committed).toEqual([positions[6]]);
    expect(readModels.checkpoint(RESULTS_PROJECTION)).toBe(positions[6]);
    readModels.close();
  });

  it.each([1, 4])(
    'killed (SIGKILL) once checkpoint %i is committed, leave the read models at a checkpoint, right after restart',
    async (killAt) => {
      const readPath = join(dir, 'killed.db');
      const child = spawnSync(process.execPath, [
        join(__dirname, 'fixtures', 'checkpoint-thread-killed.js'),
        join(dir, 'govrec.db'),
        readPath,
        String(killAt),
      ]);
      expect(child.signal).toBe('SIGKILL');
      const after = stored(readPath);
      // The one killed at, or the next if the thread committed it meanwhile; every read model alike.
      const checkpoint = after[0].checkpoint;
      expect([positions[7 * killAt - 1], positions[7 * killAt + 6]]).toContain(checkpoint);
      expect(after.every((model) => model.checkpoint === checkpoint)).toBe(true);

      const readModels = new SqliteReadModels(readPath);
      const resumed = new ProjectionRunner(store, readModels);
      await resumed.catchUp();
      const whole = new SqliteReadModels(join(dir, 'whole.db'));
      const uninterrupted = new ProjectionRunner(store, whole);
      await uninterrupted.catchUp();
      expect(resultsView(resumed.results)).toEqual(resultsView(uninterrupted.results));
      readModels.close();
      whole.close();
      // The index rows fall per checkpoint, so the resumed one has more of them: the same positions.
      const byKey = (models: ReturnType<typeof stored>) =>
        models.map(({ rows, ...model }) => ({ ...model, rows: positionsByKey(rows) }));
      expect(byKey(stored(readPath))).toEqual(byKey(stored(join(dir, 'whole.db'))));
    },
  );
});
