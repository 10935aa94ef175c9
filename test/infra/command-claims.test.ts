import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { CommandIdReused } from '../../src/application/event-store';
import { commandKey, commandNumberKey } from '../../src/infra/store/sqlite/command-keys';
import { SCHEMA_VERSION } from '../../src/infra/store/sqlite/schema';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { eventToAppend } from '../fixtures/event-to-append';

/**
 * Command ids claimed by their number key (schema version 5): one id, one command, across the
 * store, whether the id's key is free, held by the same id, or held by another id; and the claims
 * of a file of version 4 keep refusing another command under their ids after the upgrade.
 */
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-claims-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const event = (commandId: string, digest: string) => eventToAppend({ commandId, digest });
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
/** Two ids with one number key (found by search, and checked below). */
const ID = 'votes.csv:L7';
const SAME_KEY = 'other-182238.csv:L7';

const newStore = () => new SqliteEventStore(join(dir, `${++n}.db`));
const stream = () => `s-${++n}`;

describe('the number key', () => {
  it('is fixed: part of the file format', () => {
    expect(commandNumberKey(ID)).toBe(4_056_519);
    expect(commandNumberKey(SAME_KEY)).toBe(4_056_519);
    expect(commandNumberKey('bench:vote-123')).toBe(64_727_044);
    expect(commandNumberKey('no digits')).toBe(489_080);
    expect(commandNumberKey('')).toBe(302_533);
    expect(commandNumberKey('12345678901234')).toBe(2_977_379_770_185_688);
    expect(commandNumberKey('é:9')).toBe(5_216_729);
  });

  it('is an integer exact in a double, led by the id number', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat(), (prefix, a, b) => {
        const key = commandNumberKey(`${prefix}:${a}`);
        expect(Number.isSafeInteger(key) && key >= 0).toBe(true);
        if (a < b && b < 1e10) expect(key).toBeLessThan(commandNumberKey(`${prefix}:${b}`));
      }),
    );
  });
});

describe('claims by number key', () => {
  it('refuses another command under a claimed id, and lets the same command through on another stream', async () => {
    const store = newStore();
    await store.append(stream(), [event(ID, A)], 'no_stream');
    await expect(store.append(stream(), [event(ID, B)], 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
    await store.append(stream(), [event(ID, A)], 'no_stream');
    await store.close();
  });

  it('claims an id whose key another id holds by its text key, and keeps both ids to one command', async () => {
    const store = newStore();
    const path = join(dir, `${n}.db`);
    await store.append(stream(), [event(ID, A)], 'no_stream');
    // Another id, not another command: not refused.
    await store.append(stream(), [event(SAME_KEY, B)], 'no_stream');
    await expect(store.append(stream(), [event(SAME_KEY, C)], 'no_stream')).rejects.toBeInstanceOf(
      CommandIdReused,
    );
    await expect(store.append(stream(), [event(ID, C)], 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
    await store.append(stream(), [event(SAME_KEY, B)], 'no_stream');
    await store.append(stream(), [event(ID, A)], 'no_stream');
    expect((await store.verifyChain()).break).toBeUndefined();
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM command_claims').pluck().get()).toBe(1);
    expect(db.prepare('SELECT command_key FROM command_ids').pluck().all()).toEqual([commandKey(SAME_KEY)]);
    db.close();
  });

  it('tells two ids of one key apart inside one append', async () => {
    const store = newStore();
    await store.append(stream(), [event(ID, A), event(SAME_KEY, B)], 'no_stream');
    const refused = [event('c-1', C), event(SAME_KEY, C)];
    await expect(store.append(stream(), refused, 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
    await expect(
      store.append(stream(), [event(ID, B), event(SAME_KEY, B)], 'no_stream'),
    ).rejects.toBeInstanceOf(CommandIdReused);
    const s = stream();
    await store.append(s, [event(SAME_KEY, B), event(ID, A)], 'no_stream');
    expect(await store.readStream(s)).toHaveLength(2);
    await store.close();
  });
});

describe('a file of schema version 4', () => {
  /** A store written now, then put back as version 4 left it: every claim under its text key. */
  async function versionFourFile(): Promise<string> {
    const path = join(dir, `${++n}.db`);
    const store = new SqliteEventStore(path);
    await store.append('s-1', [event(ID, A), event('c-2', A)], 'no_stream');
    await store.close();
    const db = new Database(path);
    const firsts = db
      .prepare("SELECT metadata ->> '$.commandId', min(position) FROM events GROUP BY 1")
      .raw()
      .all() as [string, number][];
    const insert = db.prepare('INSERT INTO command_ids (command_key, first_position) VALUES (?, ?)');
    for (const [commandId, position] of firsts) insert.run(commandKey(commandId), position);
    db.exec('DROP TABLE command_claims');
    db.pragma('user_version = 4');
    db.close();
    return path;
  }

  it('keeps its claims as they are, and they still name one command each', async () => {
    const path = await versionFourFile();
    const before = new Database(path, { readonly: true });
    const claims = before.prepare('SELECT * FROM command_ids ORDER BY command_key').all();
    before.close();
    const store = new SqliteEventStore(path);
    await expect(store.append('s-2', [event(ID, B)], 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
    await expect(store.append('s-2', [event('c-2', B)], 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
    await store.append('s-2', [event(ID, A)], 'no_stream');
    // An id new to the file, and one with the number key of an id claimed at version 4.
    await store.append('s-3', [event('c-3', A), event(SAME_KEY, B)], 'no_stream');
    await expect(store.append('s-4', [event('c-3', B)], 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
    await expect(store.append('s-4', [event(SAME_KEY, A)], 'no_stream')).rejects.toBeInstanceOf(
      CommandIdReused,
    );
    expect((await store.verifyChain()).break).toBeUndefined();
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const kept = db
      .prepare('SELECT * FROM command_ids WHERE command_key <> ? ORDER BY command_key')
      .all(commandKey(SAME_KEY));
    expect(kept).toEqual(claims);
    db.close();
  });
});
