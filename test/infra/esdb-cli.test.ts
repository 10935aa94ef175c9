import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { Emulator, startEmulator } from '../esdb-emulator/server';
import { SCENARIO_PATH } from '../golden/reference-scenario';

/** The same record kept in EventStoreDB (the emulator), read back through the read models. */
const capture = () => {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
};

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
  const replayed = capture();
  expect(await run(['replay', SCENARIO_PATH, '--format', 'json'], replayed)).toBe(EXIT.ok);

  const store = ['--store', emulator.connectionString, '--read-models', join(dir, 'read.db')];
  const applied = capture();
  expect(await run(['apply', SCENARIO_PATH, ...store], applied)).toBe(EXIT.ok);
  expect(applied.stderr).toBe('');

  const results = capture();
  expect(await run(['results', '--format', 'json', ...store], results)).toBe(EXIT.ok);
  expect(results.stdout).toBe(replayed.stdout);

  const rebuilt = capture();
  expect(await run(['rebuild', ...store], rebuilt)).toBe(EXIT.ok);
  const again = capture();
  await run(['results', '--format', 'json', ...store], again);
  expect(again.stdout).toBe(replayed.stdout);
});
