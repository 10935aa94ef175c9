import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { decodePositions, encodePositions } from '../../src/projections/shared/appended-rows';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-read-models-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Ascending distinct positions, with runs of consecutive ones as a meeting's events come. */
const ascending = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 40 })), { maxLength: 30 })
  .map((gaps) => {
    const positions: number[] = [];
    let at = -1;
    for (const [gap, run] of gaps) {
      at += gap;
      for (let i = 0; i <= run; i += 1) positions.push(at + i);
      at += run;
    }
    return positions;
  });

describe('index rows: positions stored compactly', () => {
  it('reads back every list of ascending positions as it was', () => {
    fc.assert(
      fc.property(ascending, (positions) => {
        expect(decodePositions(encodePositions(positions))).toEqual(positions);
      }),
      { numRuns: 500 },
    );
  });

  it('writes a run of consecutive positions as its first and length, and position 0 too', () => {
    expect(encodePositions([0, 1, 2, 3, 39, 75])).toBe('0+3,10,10');
    const run = Array.from({ length: 500_000 }, (_, i) => 1_000 + i);
    expect(encodePositions(run).length).toBeLessThan(12);
  });

  it('reads a row written by an earlier version, as a JSON array', () => {
    expect(decodePositions('[3,7,8,120]')).toEqual([3, 7, 8, 120]);
  });
});

describe('read-model tables', () => {
  it("moves an earlier file's WITHOUT ROWID documents and index rows into the tables, security log kept", () => {
    const path = join(dir, 'read.db');
    const earlier = new Database(path);
    earlier.exec(`
      CREATE TABLE checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL);
      CREATE TABLE security_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT, role TEXT, action TEXT NOT NULL,
        command_id TEXT, rule TEXT NOT NULL, field TEXT NOT NULL, message TEXT NOT NULL);
      CREATE TABLE documents (projection TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (projection, key)) WITHOUT ROWID;
      CREATE TABLE index_rows (projection TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL,
        positions TEXT NOT NULL, PRIMARY KEY (projection, key, seq)) WITHOUT ROWID;
      INSERT INTO checkpoints VALUES ('results', 9);
      INSERT INTO security_log (at, action, rule, field, message) VALUES ('t', 'GET /', 'r', 'f', 'm');
      INSERT INTO documents VALUES ('results', 'poll:m1', '{"a":1}');
      INSERT INTO index_rows VALUES ('holder-index', 'H-1', 3, '[3,5]'), ('holder-index', 'H-1', 8, '[8]');`);
    earlier.close();

    const readModels = new SqliteReadModels(path);
    expect(readModels.checkpoint('results')).toBe(9);
    expect(readModels.documents('results')).toEqual([['poll:m1', '{"a":1}']]);
    expect(readModels.indexed('holder-index', 'H-1')).toEqual([3, 5, 8]);
    expect(readModels.securityLog()).toHaveLength(1);
    // Written again after the move: the same key is still one document, the same row still one row.
    readModels.save('results', 10, new Map([['poll:m1', '{"a":2}']]));
    readModels.save('holder-index', 10, new Map(), [
      { key: 'H-1', seq: 8, positions: [8] },
      { key: 'H-1', seq: 12, positions: [12, 13] },
    ]);
    expect(readModels.documents('results')).toEqual([['poll:m1', '{"a":2}']]);
    expect(readModels.indexRows('holder-index')).toEqual([
      { key: 'H-1', seq: 3, positions: [3, 5] },
      { key: 'H-1', seq: 8, positions: [8] },
      { key: 'H-1', seq: 12, positions: [12, 13] },
    ]);
    readModels.close();

    const tables = new Database(path, { readonly: true });
    const sql = tables.prepare("SELECT group_concat(sql, ';') FROM sqlite_master").pluck().get() as string;
    tables.close();
    expect(sql).not.toMatch(/WITHOUT ROWID/i);
    expect(sql).not.toMatch(/_earlier/);
  });
});
