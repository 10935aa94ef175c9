import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { RESULTS_PROJECTION } from '../../src/infra/read-models/projection-runner';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { ROOT, SCENARIO_PATH } from '../golden/reference-scenario';

/** govrec as a user runs it: each command a new process, the record in a SQLite file. */
const BIN = join(ROOT, 'bin', 'govrec.js');
const govrec = (...args: string[]) => execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

let dir: string;
let store: string;
let replayed: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'infra', 'cli', 'main.js')))
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  replayed = govrec('replay', SCENARIO_PATH, '--format', 'json');
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-apply-'));
  store = join(dir, 'govrec.db');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const countEvents = async () => {
  const s = new SqliteEventStore(store);
  const n = (await s.readAll()).length;
  await s.close();
  return n;
};

describe('govrec apply, then govrec results in a new process', () => {
  it('prints from the read models exactly what replay prints for the same scenario', () => {
    govrec('apply', SCENARIO_PATH, '--store', `sqlite:${store}`);
    expect(existsSync(join(dir, 'govrec.read.db'))).toBe(true);
    expect(govrec('results', '--format', 'json', '--store', `sqlite:${store}`)).toBe(replayed);
  });

  it('records nothing twice when the same scenario is applied again', async () => {
    govrec('apply', SCENARIO_PATH, '--store', `sqlite:${store}`);
    const events = await countEvents();
    govrec('apply', SCENARIO_PATH, '--store', `sqlite:${store}`);
    expect(await countEvents()).toBe(events);
    expect(govrec('results', '--format', 'json', '--store', `sqlite:${store}`)).toBe(replayed);
  });

  it('takes the store from GOVREC_STORE when --store is absent', () => {
    const env = { ...process.env, GOVREC_STORE: `sqlite:${store}` };
    execFileSync(process.execPath, [BIN, 'apply', SCENARIO_PATH], { env });
    expect(
      execFileSync(process.execPath, [BIN, 'results', '--format', 'json'], { env, encoding: 'utf8' }),
    ).toBe(replayed);
  });

  it('rebuilds the read models from position zero to the same figures', () => {
    govrec('apply', SCENARIO_PATH, '--store', `sqlite:${store}`);
    expect(govrec('rebuild', '--store', `sqlite:${store}`)).toMatch(/rebuilt up to position \d+/);
    expect(govrec('results', '--format', 'json', '--store', `sqlite:${store}`)).toBe(replayed);
  });
});

describe('a projection runner killed between its events and their checkpoint', () => {
  it.each([1, 3, 8])(
    'leaves the read model at its last checkpoint and is right after restart (killed at checkpoint %i)',
    async (killAt) => {
      govrec('apply', SCENARIO_PATH, '--store', `sqlite:${store}`);
      const readPath = join(dir, 'crash.read.db');
      const child = spawnSync(process.execPath, [
        join(__dirname, 'fixtures', 'crashing-runner.js'),
        store,
        readPath,
        String(killAt),
      ]);
      expect(child.signal).toBe('SIGKILL');

      const readModels = new SqliteReadModels(readPath);
      // Each completed checkpoint covered 7 events; the killed one left nothing behind.
      const s = new SqliteEventStore(store);
      const positions = (await s.readAll()).map((e) => e.position);
      await s.close();
      expect(readModels.checkpoint(RESULTS_PROJECTION)).toBe(
        killAt === 1 ? -1 : positions[7 * (killAt - 1) - 1],
      );
      readModels.close();

      expect(
        govrec('results', '--format', 'json', '--store', `sqlite:${store}`, '--read-models', readPath),
      ).toBe(replayed);
    },
  );
});

describe('govrec announcement', () => {
  it('prints the announcement generated from the stored record, with the issuer’s drafting options', () => {
    govrec('apply', SCENARIO_PATH, '--store', `sqlite:${store}`);
    const options = join(ROOT, 'examples', 'jlmag-2023-11-23', 'announcement-options.json');
    const text = govrec('announcement', '--store', `sqlite:${store}`, '--announcement-options', options);
    expect(text).toContain(
      'The total number of Shares with voting rights represented by the Shareholders attending the EGM in person or by proxy was 660,025,770 Shares, representing approximately 49.1624% of the total number of Shares.',
    );
    expect(text).toContain('Jingtian & Gongcheng witnessed the Meetings');
    const html = govrec(
      'announcement',
      '--store',
      `sqlite:${store}`,
      '--format',
      'html',
      '--meeting',
      'jlmag-2023-h-class2',
    );
    expect(html).toContain('64,483,760 (97.0475%)');
    expect(html).not.toContain('659,910,462');
  });
});
