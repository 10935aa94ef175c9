import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inexactNumberIn } from '../../src/application/exact-json';
import { run } from '../../src/infra/cli/main';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { captureIo } from '../support/cli-io';
import { MEETING_IDS, referenceCommands, SCENARIO_PATH } from '../golden/reference-scenario';
import { demoUpToVotes, importDemo } from '../import/demo';

/**
 * Exact integers only: a count that is not exactly the integer it would be read as is refused, not
 * rounded. JSON.parse rounds before any codec sees the number (1.0000000000000001 → 1,
 * 9007199254740990.5 → 9007199254740990, both integers a codec accepts), so JSON is checked on its
 * text: in scenarios (CLI, facade) and HTTP bodies. CSV counts must be digits.
 */
const INEXACT = ['1.0000000000000001', '9007199254740990.5', '1e400', '1.0', '2e2', '-0.0'];
const KEY = 'exact-integers-registrar';
let dir: string;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-exact-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the scan of JSON text', () => {
  it.each(INEXACT)('finds %s', (token) => {
    expect(inexactNumberIn(`{"a":[1,{"for":${token}}]}`)).toBe(token);
  });

  // Digits past 2^53 are the codecs' to refuse (Invalid:ShareCount, naming the field): see bad-input.
  it.each([
    '0',
    '12',
    '-3',
    '0.5',
    '9007199254740991',
    '9007199254740993',
    '"1.0000000000000001"',
    '"a\\"1.0"',
  ])('passes %s (an exact integer, a fraction left to the codecs, or a string)', (token) =>
    expect(inexactNumberIn(`{"a":${token}}`)).toBeUndefined(),
  );
});

/** The reference scenario with the first vote's FOR count written as `token`, in the file's text. */
function scenarioWith(token: string): string {
  const text = readFileSync(SCENARIO_PATH, 'utf8');
  const scenario = JSON.parse(text) as { commands: { type: string; payload: { for: number } }[] };
  const first = scenario.commands.find((c) => c.type === 'CastVote')!;
  const marker = 987654321;
  first.payload.for = marker;
  const file = join(dir, `scenario-${INEXACT.indexOf(token)}.json`);
  writeFileSync(file, JSON.stringify(scenario).replace(String(marker), token));
  return file;
}

describe('a scenario', () => {
  it.each(INEXACT)(
    'with a count written %s is refused whole: exit 2, rule Invalid:InexactNumber',
    async (token) => {
      const io = captureIo();
      expect(await run(['replay', scenarioWith(token)], io)).toBe(2);
      expect(io.stderr).toContain('Invalid:InexactNumber');
      expect(io.stdout).toBe('');
    },
  );
});

describe('an HTTP body', () => {
  let serving: Serving;
  let store: MemoryEventStore;
  let readModels: SqliteReadModels;

  beforeAll(async () => {
    store = new MemoryEventStore();
    readModels = new SqliteReadModels(join(dir, 'http.read.db'));
    const keys = ApiKeys.of([
      { sha256: sha256(KEY).toString('hex'), actor: 'registrar:test', role: 'REGISTRAR', historical: true },
    ]);
    const all = referenceCommands();
    const seed = all.slice(
      0,
      all.findIndex((c) => c.type === 'CastVote'),
    );
    serving = await serve({ store, readModels, keys, port: 0, seedIfEmpty: seed });
  });
  afterAll(async () => {
    await serving.close();
    readModels.close();
    await store.close();
  });

  it.each(INEXACT)(
    'with a count written %s is refused 400 Invalid:InexactNumber, nothing recorded',
    async (token) => {
      const before = (await store.readAll()).length;
      const body = JSON.stringify({
        type: 'CastVote',
        commandId: `exact-${INEXACT.indexOf(token)}`,
        issuedAt: '2023-11-23T14:16:00+08:00',
        payload: {
          resolutionId: 'jlmag-2023-r1',
          meetingId: MEETING_IDS.EGM,
          holderId: 'A-0004',
          for: 987654321,
          against: 0,
          abstain: 0,
        },
      }).replace('987654321', token);
      const response = await serving.server.inject({
        method: 'POST',
        url: '/api/commands',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        payload: body,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { rule: 'Invalid:InexactNumber', field: '(body)' } });
      expect((await store.readAll()).length).toBe(before);
    },
  );
});

describe('a CSV count', () => {
  it.each([...INEXACT, '9007199254740993', '１２', '0x10', '+5', '1_000'])(
    'written %s is refused, nothing recorded',
    async (cell) => {
      const store = new MemoryEventStore();
      await demoUpToVotes(store, dir);
      const before = (await store.readAll()).length;
      const file = join(dir, 'votes-inexact.csv');
      writeFileSync(file, `resolution_id,holder_id,for,against,abstain\ndemo-r1,A-0001,${cell},0,0\n`);
      const summary = await importDemo(store, 'votes', dir, {}, file);
      expect(summary).toMatchObject({ rows: 1, recorded: 0, rejected: 1 });
      expect(Object.keys(summary.rejectedByRule)).toEqual(['Invalid:ShareCount']);
      expect((await store.readAll()).length).toBe(before);
    },
  );
});
