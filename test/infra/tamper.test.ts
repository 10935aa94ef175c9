import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EXIT, run } from '../../src/infra/cli/main';
import { SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

/**
 * Tamper evidence: the reference record is certified (and so sealed), then the SQLite file is
 * edited behind govrec's back, one kind of tampering a copy, and `govrec verify` must name the
 * stream and revision of each change and exit 1; the untouched record verifies clean.
 */
const EGM = 'jlmag-2023-egm1';
const R2 = 'resolution-jlmag-2023-r2';

let dir: string;
let original: string;

interface Finding {
  streamName: string;
  revision?: number;
  kind: string;
}

async function verify(path: string): Promise<{ code: number; findings: Finding[]; clean: boolean }> {
  const io = captureIo();
  const code = await run(
    [
      'verify',
      '--meeting',
      EGM,
      '--format',
      'json',
      '--store',
      `sqlite:${path}`,
      '--read-models',
      `${path}.read`,
    ],
    io,
  );
  const [verdict] = JSON.parse(io.stdout) as { clean: boolean; findings: Finding[] }[];
  return { code, findings: verdict.findings, clean: verdict.clean };
}

/** A copy of the certified record, edited with raw SQL. */
function tampered(name: string, edit: (db: Database.Database) => void): string {
  const path = join(dir, `${name}.db`);
  copyFileSync(original, path);
  const db = new Database(path);
  edit(db);
  db.close();
  return path;
}

const voteRevisions = (db: Database.Database) =>
  (
    db
      .prepare("SELECT revision FROM events WHERE stream_name = ? AND type = 'VoteCast' ORDER BY revision")
      .all(R2) as { revision: number }[]
  ).map((r) => r.revision);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-tamper-'));
  original = join(dir, 'certified.db');
  expect(await run(['apply', SCENARIO_PATH, '--store', `sqlite:${original}`], captureIo())).toBe(EXIT.ok);
  // One file, no WAL beside it, so that a plain file copy carries the whole record.
  const db = new Database(original);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('verifies the untouched record clean', async () => {
  const verdict = await verify(tampered('untouched', () => undefined));
  expect(verdict).toEqual({ code: EXIT.ok, findings: [], clean: true });
});

it('detects an altered vote', async () => {
  let revision = -1;
  const path = tampered('altered', (db) => {
    revision = voteRevisions(db)[2];
    db.prepare(
      "UPDATE events SET data = json_set(data, '$.shares.for', json_extract(data, '$.shares.for') + 1000) WHERE stream_name = ? AND revision = ?",
    ).run(R2, revision);
  });
  const verdict = await verify(path);
  expect(verdict.code).toBe(EXIT.refused);
  expect(verdict.findings).toEqual([expect.objectContaining({ streamName: R2, revision, kind: 'altered' })]);
});

it('detects a removed event', async () => {
  let revision = -1;
  const path = tampered('removed', (db) => {
    revision = voteRevisions(db)[1];
    db.prepare('DELETE FROM events WHERE stream_name = ? AND revision = ?').run(R2, revision);
  });
  const verdict = await verify(path);
  expect(verdict.code).toBe(EXIT.refused);
  expect(verdict.findings).toEqual([expect.objectContaining({ streamName: R2, revision, kind: 'removed' })]);
});

it('detects two events swapped (reordered)', async () => {
  let a = -1;
  let b = -1;
  const path = tampered('reordered', (db) => {
    [a, b] = voteRevisions(db).slice(0, 2);
    const move = db.prepare('UPDATE events SET revision = ? WHERE stream_name = ? AND revision = ?');
    db.transaction(() => {
      move.run(1_000_000, R2, a);
      move.run(a, R2, b);
      move.run(b, R2, 1_000_000);
    })();
  });
  const verdict = await verify(path);
  expect(verdict.code).toBe(EXIT.refused);
  expect(verdict.findings).toEqual([
    expect.objectContaining({ streamName: R2, revision: a, kind: 'reordered' }),
    expect.objectContaining({ streamName: R2, revision: b, kind: 'reordered' }),
  ]);
});

it('detects an event inserted into the certified record', async () => {
  let at = -1;
  let last = -1;
  const path = tampered('inserted', (db) => {
    const revisions = voteRevisions(db);
    at = revisions[0];
    last = (
      db.prepare('SELECT max(revision) AS r FROM events WHERE stream_name = ?').get(R2) as { r: number }
    ).r;
    const shift = db.prepare(
      'UPDATE events SET revision = revision + 1 WHERE stream_name = ? AND revision = ?',
    );
    const copy = db.prepare(
      "INSERT INTO events (position, event_id, stream_name, revision, type, schema_version, data, metadata) SELECT ?, '11111111-2222-5333-8444-555555555555', stream_name, ?, type, schema_version, json_set(data, '$.holderId', 'A-0005'), metadata FROM events WHERE stream_name = ? AND revision = ?",
    );
    db.transaction(() => {
      for (let r = last; r >= at; r--) shift.run(R2, r);
      // Given the position of a real event, moved: the forged vote seems to have come before certification.
      const position = (db.prepare('SELECT max(position) + 1 AS p FROM events').get() as { p: number }).p;
      copy.run(position, at, R2, at + 1);
    })();
  });
  const verdict = await verify(path);
  expect(verdict.code).toBe(EXIT.refused);
  const kinds = verdict.findings.map((f) => `${f.kind}@${f.revision}`);
  expect(kinds).toContain(`inserted@${at}`);
  expect(kinds).toContain(`reordered@${at}`);
  expect(kinds).not.toContain(`altered@${at}`);
  expect(verdict.findings.every((f) => f.streamName === R2)).toBe(true);
});

it('detects a seal whose fingerprints were rewritten', async () => {
  const path = tampered('seal', (db) => {
    db.prepare(
      "UPDATE events SET data = json_set(data, '$.fingerprints', '0000000000000000' || substr(json_extract(data, '$.fingerprints'), 17)) WHERE stream_name = ? AND revision = 0",
    ).run(`seal-${EGM}`);
  });
  const verdict = await verify(path);
  expect(verdict.code).toBe(EXIT.refused);
  expect(verdict.findings.map((f) => f.kind)).toContain('seal-altered');
});
