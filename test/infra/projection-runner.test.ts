import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRight } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands } from '../../src/application/scenario';
import { toDomainEvent } from '../../src/application/stored-events';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { foldResults, resultsView } from '../../src/projections/results/view';
import { ProjectionRunner, RESULTS_PROJECTION } from '../../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { referenceCommands } from '../golden/reference-scenario';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-runner-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const until = async (condition: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('projection runner', () => {
  it('follows events appended by another connection (another process) and checkpoints them', async () => {
    const path = join(dir, 'govrec.db');
    const followed = new SqliteEventStore(path, { pollIntervalMs: 20 });
    const readModels = new SqliteReadModels(join(dir, 'read.db'));
    const runner = new ProjectionRunner(followed, readModels, { batchSize: 10 });
    runner.follow((error) => {
      throw error;
    });

    const writer = new SqliteEventStore(path);
    const ran = await runCommands(
      new CommandHandler(writer, { states: new AggregateStateCache(writer), ruleSets: ruleSetById }),
      referenceCommands(),
    );
    expect(isRight(ran)).toBe(true);
    const all = await writer.readAll();
    const last = all[all.length - 1].position;
    await until(() => runner.checkpoint === last);
    await runner.stop();

    expect(readModels.checkpoint(RESULTS_PROJECTION)).toBe(last);
    const restarted = new ProjectionRunner(followed, readModels);
    expect(resultsView(restarted.results)).toEqual(resultsView(foldResults(all.map(toDomainEvent))));
    readModels.close();
    await followed.close();
    await writer.close();
  });

  it('resumes after its checkpoint: no event folded twice, none skipped', async () => {
    const store = new SqliteEventStore(join(dir, 'govrec.db'));
    const commands = referenceCommands();
    const half = Math.floor(commands.length / 2);
    const handler = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    await runCommands(handler, commands.slice(0, half));
    const readModels = new SqliteReadModels(join(dir, 'read.db'));
    await new ProjectionRunner(store, readModels, { batchSize: 5 }).catchUp();
    await runCommands(handler, commands.slice(half));
    const resumed = new ProjectionRunner(store, readModels, { batchSize: 5 });
    await resumed.catchUp();
    const all = await store.readAll();
    expect(resumed.checkpoint).toBe(all[all.length - 1].position);
    expect(resultsView(resumed.results)).toEqual(resultsView(foldResults(all.map(toDomainEvent))));
    readModels.close();
    await store.close();
  });
});
