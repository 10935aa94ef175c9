import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { Emulator, startEmulator } from '../esdb-emulator/server';
import { SCENARIO_PATH } from '../golden/reference-scenario';
import { EsdbEventStore } from '../../src/infra/store/esdb/esdb-event-store';
import { ProjectionRunner } from '../../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands } from '../../src/application/scenario';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { referenceCommands } from '../golden/reference-scenario';
import { resultsView } from '../../src/projections/results/view';
import { captureIo } from '../support/cli-io';

/** The same record kept in EventStoreDB (the emulator), read back through the read models. */

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ batchAppend: true });
  dir = mkdtempSync(join(tmpdir(), 'govrec-esdb-cli-'));
});

afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('govrec apply then results on an esdb:// store prints what replay prints', async () => {
  const replayed = captureIo();
  expect(await run(['replay', SCENARIO_PATH, '--format', 'json'], replayed)).toBe(EXIT.ok);

  const store = ['--store', emulator.connectionString, '--read-models', join(dir, 'read.db')];
  const applied = captureIo();
  expect(await run(['apply', SCENARIO_PATH, ...store], applied)).toBe(EXIT.ok);
  expect(applied.stderr).toBe('');

  const results = captureIo();
  expect(await run(['results', '--format', 'json', ...store], results)).toBe(EXIT.ok);
  expect(results.stdout).toBe(replayed.stdout);

  const rebuilt = captureIo();
  expect(await run(['rebuild', ...store], rebuilt)).toBe(EXIT.ok);
  const again = captureIo();
  await run(['results', '--format', 'json', ...store], again);
  expect(again.stdout).toBe(replayed.stdout);
});

it('a projection runner following EventStoreDB resumes from its checkpoint after the subscription drops', async () => {
  const fresh = await startEmulator();
  const store = new EsdbEventStore(fresh.connectionString);
  const readModels = new SqliteReadModels(join(dir, 'follow.read.db'));
  const runner = new ProjectionRunner(store, readModels);
  const drops: Error[] = [];
  runner.follow((error) => drops.push(error));
  const commands = referenceCommands();
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  await runCommands(handler, commands.slice(0, 60));
  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(condition()).toBe(true);
  };
  const lastPosition = async () => (await store.readAll()).at(-1)!.position;
  const firstHalf = await lastPosition();
  await waitFor(() => runner.checkpoint === firstHalf);

  fresh.dropSubscriptions();
  await waitFor(() => drops.length === 1);
  await runCommands(handler, commands.slice(60));
  const end = await lastPosition();
  await waitFor(() => runner.checkpoint === end);
  await runner.stop();
  expect(readModels.checkpoint('results')).toBe(end);

  const replayed = captureIo();
  await run(['replay', SCENARIO_PATH, '--format', 'json'], replayed);
  expect(JSON.stringify(resultsView(runner.results), null, 2) + '\n').toBe(replayed.stdout);
  readModels.close();
  await store.close();
  await fresh.stop();
});
