import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner } from '../../src/infra/read-models/projection-runner';
import { ALL_PROJECTIONS } from '../../src/infra/read-models/persisted-projections';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { EXIT, run } from '../../src/infra/cli/main';
import { SCENARIO_PATH } from '../golden/reference-scenario';

/**
 * Crash safety of the projection runner: killed (SIGKILL) inside each of its checkpoint
 * transactions in turn, then restarted, every read model — documents and checkpoint — equals the
 * one a runner that was never killed writes, figure for figure.
 */
const BATCH = 7;
let dir: string;
let storePath: string;

/** Every read model's documents, index rows and checkpoint, as stored. */
function dump(path: string): Record<string, unknown> {
  const readModels = new SqliteReadModels(path);
  const all = Object.fromEntries(
    ALL_PROJECTIONS.map((p) => [
      p.name,
      {
        checkpoint: readModels.checkpoint(p.name),
        documents: readModels.documents(p.name),
        indexes: readModels.indexRows(p.name),
      },
    ]),
  );
  readModels.close();
  return all;
}

async function fold(readPath: string): Promise<void> {
  const store = new SqliteEventStore(storePath);
  const readModels = new SqliteReadModels(readPath);
  await new ProjectionRunner(store, readModels, { batchSize: BATCH }).catchUp();
  readModels.close();
  await store.close();
}

let reference: Record<string, unknown>;
let checkpoints: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-crash-'));
  storePath = join(dir, 'govrec.db');
  const io = { out: () => undefined, err: () => undefined };
  expect(await run(['apply', SCENARIO_PATH, '--store', `sqlite:${storePath}`], io)).toBe(EXIT.ok);
  const referencePath = join(dir, 'reference.read.db');
  await fold(referencePath);
  reference = dump(referencePath);
  const store = new SqliteEventStore(storePath);
  checkpoints = Math.ceil((await store.readAll()).length / BATCH);
  await store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('leaves every read model exactly as an uninterrupted run, whichever checkpoint the kill hits', async () => {
  expect(checkpoints).toBeGreaterThan(10);
  for (let killAt = 1; killAt <= checkpoints; killAt += 2) {
    const readPath = join(dir, `killed-${killAt}.read.db`);
    const child = spawnSync(process.execPath, [
      join(__dirname, '..', 'infra', 'fixtures', 'crashing-runner.js'),
      storePath,
      readPath,
      String(killAt),
    ]);
    expect({ killAt, signal: child.signal }).toEqual({ killAt, signal: 'SIGKILL' });
    const afterKill = dump(readPath) as Record<string, { checkpoint: number }>;
    for (const p of ALL_PROJECTIONS)
      expect(afterKill[p.name].checkpoint).toBeLessThan(
        (reference[p.name] as { checkpoint: number }).checkpoint,
      );
    await fold(readPath);
    expect(dump(readPath)).toEqual(reference);
  }
});
