import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../src/application/canonical-json';
import { EventStore } from '../../src/application/event-store';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { commandIdOfKey, commandKey } from '../../src/infra/store/sqlite/command-keys';
import { SCHEMA_VERSION } from '../../src/infra/store/sqlite/schema';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { eventToAppend } from '../fixtures/event-to-append';

/**
 * The hash chain as each store that keeps one exposes it (chainHead, chainAt, verifyChain), and
 * the migration that chains a file written before it existed.
 */
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-chain-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Files' names. */
let n = 0;
const event = (data: unknown = { z: 1, a: [1, { y: 2, b: 3 }] }) => eventToAppend({ data });

const STORES: [string, () => EventStore][] = [
  ['memory', () => new MemoryEventStore()],
  ['SQLite', () => new SqliteEventStore(join(dir, `${++n}.db`), { writer: 'thread' })],
];

describe.each(STORES)('the %s store', (_, open) => {
  it('has no head before its first event, then one that moves with every append', async () => {
    const store = open();
    expect(await store.chainHead!()).toBeUndefined();
    const first = await store.append('s-1', [event(), event()], 'no_stream');
    const head = await store.chainHead!();
    expect(head).toEqual({ position: first.position, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await store.chainAt!(first.position)).toBe(head!.hash);
    await store.append('s-2', [event()], 'no_stream');
    expect((await store.chainHead!())!.hash).not.toBe(head!.hash);
    expect(await store.chainAt!(first.position)).toBe(head!.hash);
    expect(await store.verifyChain!()).toEqual({ kept: true, events: 3, head: await store.chainHead!() });
    await store.close();
  });

  it('links the same events to the same head, whichever store kept them', async () => {
    const store = open();
    const other = new MemoryEventStore();
    const events = [event(), event({ b: 'x', a: null })];
    await store.append('meeting-x', events, 'no_stream');
    await other.append('meeting-x', events, 'no_stream');
    // Positions differ between stores (SQLite counts from 1), the links do not.
    expect((await store.chainHead!())!.hash).toBe((await other.chainHead!())!.hash);
    await store.close();
  });
});

it('keeps data and metadata as canonical JSON text in the SQLite file', async () => {
  const path = join(dir, 'canonical.db');
  const store = new SqliteEventStore(path);
  await store.append('s', [event({ z: 1, a: { d: 4, c: 3 } })], 'no_stream');
  await store.close();
  const db = new Database(path, { readonly: true });
  const row = db.prepare('SELECT data, metadata FROM events').get() as { data: string; metadata: string };
  db.close();
  expect(row.data).toBe('{"a":{"c":3,"d":4},"z":1}');
  expect(row.metadata).toBe(canonicalJson(JSON.parse(row.metadata)));
});

it('chains a file of schema version 2 when it is opened, its text made canonical and its command ids indexed', async () => {
  const path = join(dir, 'v2.db');
  const store = new SqliteEventStore(path);
  await store.append('s', [event(), event()], 'no_stream');
  const before = await store.readAll();
  await store.close();
  // As govrec left files before the chain: JSON.stringify's text in the order the fields were made
  // (not sorted), no links, no command id index.
  const unsorted = (value: object) => JSON.stringify(Object.fromEntries(Object.entries(value).reverse()));
  const raw = new Database(path);
  for (const { position, data, metadata } of before)
    raw
      .prepare('UPDATE events SET data = ?, metadata = ?, chain = NULL WHERE position = ?')
      .run(unsorted(data as object), unsorted(metadata), position);
  raw.exec('DROP TABLE command_ids');
  raw.pragma('user_version = 2');
  raw.close();

  const upgraded = new SqliteEventStore(path);
  expect(await upgraded.readAll()).toEqual(before);
  expect(await upgraded.verifyChain()).toMatchObject({ kept: true, events: 2 });
  expect((await upgraded.verifyChain()).break).toBeUndefined();
  await upgraded.close();
  const db = new Database(path, { readonly: true });
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  expect(db.prepare('SELECT count(*) FROM command_ids').pluck().get()).toBe(2);
  db.close();
});

it('keys command ids by their number first, one key an id, and reads the id back from its key', () => {
  const ids = ['votes.csv:L9', 'votes.csv:L10', 'votes.csv:L010', 'x:1:2', '', 'no digits', '12345678901234'];
  const keys = ids.map(commandKey);
  expect(new Set(keys).size).toBe(ids.length);
  expect(keys.map(commandIdOfKey)).toEqual(ids);
  expect(commandKey('votes.csv:L9') < commandKey('votes.csv:L10')).toBe(true);
});
