import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS, nextLinkV1 } from '../../src/application/event-chain';
import { CommandIdReused } from '../../src/application/event-store';
import { SCHEMA_VERSION } from '../../src/infra/store/sqlite/schema';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { eventToAppend } from '../fixtures/event-to-append';

/**
 * A file of schema version 3 (the chain's first algorithm, command ids claimed with their digest)
 * opened by this govrec: nothing of it is rewritten, verify checks its old links as they were made
 * and the new ones by the current algorithm, and its command ids still name one command each.
 */
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-chain-upgrade-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Files' names. */
let n = 0;
const event = (commandId: string, digest: string) => eventToAppend({ commandId, digest });
const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

/** A store written now, then put back as version 3 left it: v1 links, digests in command_ids. */
async function versionThreeFile(): Promise<string> {
  const path = join(dir, `${++n}.db`);
  const store = new SqliteEventStore(path);
  await store.append('s-1', [event('c-1', DIGEST_A), event('c-2', DIGEST_A)], 'no_stream');
  await store.append('s-2', [event('c-3', DIGEST_A)], 'no_stream');
  await store.close();
  const db = new Database(path);
  const rows = db
    .prepare(
      'SELECT position, event_id, stream_name, revision, type, schema_version, data, metadata FROM events ORDER BY position',
    )
    .raw()
    .all() as [number, string, string, number, string, number, string, string][];
  let link = GENESIS;
  for (const [position, eventId, stream, revision, type, version, data, metadata] of rows) {
    link = nextLinkV1(link, stream, revision, eventId, type, version, data, metadata);
    db.prepare('UPDATE events SET chain = ? WHERE position = ?').run(Buffer.from(link, 'hex'), position);
  }
  db.exec(`UPDATE command_ids SET digest = unhex('${DIGEST_A}');
    ALTER TABLE command_ids DROP COLUMN first_position; DROP TABLE chain_algorithms;`);
  db.pragma('user_version = 3');
  db.close();
  return path;
}

it('keeps the links of the first algorithm, links new events by the current one, and verifies both', async () => {
  const path = await versionThreeFile();
  const store = new SqliteEventStore(path);
  const before = await store.chainHead();
  expect(await store.verifyChain()).toEqual({ kept: true, events: 3, head: before });
  await store.append('s-1', [event('c-4', DIGEST_A)], 1);
  const verdict = await store.verifyChain();
  expect(verdict).toEqual({ kept: true, events: 4, head: await store.chainHead() });
  expect(await store.chainAt(before!.position)).toBe(before!.hash);
  await store.close();
  const db = new Database(path);
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  // An event of the first algorithm's part edited: verify finds it there.
  db.prepare('UPDATE events SET data = \'{"n":99}\' WHERE position = 2').run();
  db.close();
  const tampered = new SqliteEventStore(path);
  expect((await tampered.verifyChain()).break).toMatchObject({ kind: 'chain-broken', position: 2 });
  await tampered.close();
});

it('refuses another command under an id claimed at version 3, and lets the same command through', async () => {
  const path = await versionThreeFile();
  const store = new SqliteEventStore(path);
  await expect(store.append('s-3', [event('c-1', DIGEST_B)], 'no_stream')).rejects.toBeInstanceOf(
    CommandIdReused,
  );
  await store.append('s-3', [event('c-1', DIGEST_A)], 'no_stream');
  // And an id claimed now, by the position of its first event.
  await store.append('s-4', [event('c-5', DIGEST_A)], 'no_stream');
  await expect(store.append('s-5', [event('c-5', DIGEST_B)], 'no_stream')).rejects.toBeInstanceOf(
    CommandIdReused,
  );
  await store.append('s-5', [event('c-5', DIGEST_A)], 'no_stream');
  expect((await store.verifyChain()).break).toBeUndefined();
  await store.close();
});

it('refuses an append in which another command takes an id claimed earlier in the same append', async () => {
  const store = new SqliteEventStore(join(dir, `${++n}.db`));
  const refused = [event('c-1', DIGEST_A), event('c-2', DIGEST_A), event('c-1', DIGEST_B)];
  await expect(store.append('s-1', refused, 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
  expect(await store.readAll()).toEqual([]);
  // The same command's events apart from each other in one append are one command.
  await store.append(
    's-1',
    [event('c-1', DIGEST_A), event('c-2', DIGEST_A), event('c-1', DIGEST_A)],
    'no_stream',
  );
  expect(await store.readAll()).toHaveLength(3);
  await store.close();
});
