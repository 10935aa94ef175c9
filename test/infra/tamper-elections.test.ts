import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EXIT, run } from '../../src/infra/cli/main';
import { CUMULATIVE_EXAMPLE_PATH } from '../golden/example-scenarios';
import { captureIo } from '../support/cli-io';

/**
 * The seal covers the elections at a meeting: the second example, certified, verifies clean; a
 * ballot's allocation edited in the SQLite file afterwards is found in the election's stream.
 */
const M = 'prc-agm-2026';
const E4 = 'election-prc-2026-e4';

let dir: string;
let path: string;

async function verify(): Promise<{
  code: number;
  verdict: { clean: boolean; findings: { streamName: string; revision?: number; kind: string }[] };
}> {
  const io = captureIo();
  const code = await run(
    [
      'verify',
      '--meeting',
      M,
      '--format',
      'json',
      '--store',
      `sqlite:${path}`,
      '--read-models',
      `${path}.read`,
    ],
    io,
  );
  return { code, verdict: (JSON.parse(io.stdout) as never[])[0] };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-tamper-elections-'));
  path = join(dir, 'certified.db');
  expect(await run(['apply', CUMULATIVE_EXAMPLE_PATH, '--store', `sqlite:${path}`], captureIo())).toBe(
    EXIT.ok,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('verifies the certified example clean, then finds a ballot altered after certification', async () => {
  expect(await verify()).toEqual({
    code: EXIT.ok,
    verdict: expect.objectContaining({ clean: true, findings: [] }),
  });
  const db = new Database(path);
  const { revision } = db
    .prepare(
      "SELECT revision FROM events WHERE stream_name = ? AND type = 'CumulativeBallotCast' ORDER BY revision LIMIT 1",
    )
    .get(E4) as { revision: number };
  db.prepare(
    "UPDATE events SET data = json_set(data, '$.allocation[0].votes', 1) WHERE stream_name = ? AND revision = ?",
  ).run(E4, revision);
  db.close();
  const { code, verdict } = await verify();
  expect(code).toBe(EXIT.refused);
  expect(verdict.findings).toEqual([expect.objectContaining({ streamName: E4, revision, kind: 'altered' })]);
});
