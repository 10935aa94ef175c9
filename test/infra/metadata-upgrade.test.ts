import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../src/application/canonical-json';
import { GENESIS, nextLink } from '../../src/application/event-chain';
import { CommandIdReused, EventToAppend } from '../../src/application/event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';

/**
 * Metadata of version 1 (the whole EventMetadata, the event's id again, every row written before
 * version 2) in a file opened by this govrec: read back as it was appended, never rewritten, checked
 * by verify beside the new rows of version 2, and its commands' ids and digests still recognised.
 */
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-metadata-upgrade-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const event = (
  commandId: string,
  digest: string,
  ids: Partial<Record<'causation' | 'correlation', string>> = {},
) => {
  const eventId = `00000000-0000-5000-8000-${String(++n).padStart(12, '0')}`;
  return {
    eventId,
    type: 'T',
    schemaVersion: 1,
    data: { n },
    metadata: {
      eventId,
      commandId,
      actor: 'registrar:x',
      causationId: ids.causation ?? commandId,
      correlationId: ids.correlation ?? commandId,
      occurredAt: '2025-01-01T00:00:00Z',
      commandDigest: digest,
    },
  } satisfies EventToAppend;
};
const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

type Row = [number, string, string, number, string, number, string, string];
const COLUMNS = 'position, event_id, stream_name, revision, type, schema_version, data, metadata';

/** Every row's metadata text and link rewritten by `metadataOf`, the chain linked again over them. */
function rewrite(path: string, metadataOf: (row: Row) => string): void {
  const db = new Database(path);
  const rows = db.prepare(`SELECT ${COLUMNS} FROM events ORDER BY position`).raw().all() as Row[];
  let link = GENESIS;
  for (const row of rows) {
    const [position, eventId, stream, revision, type, version, data] = row;
    const metadata = metadataOf(row);
    link = nextLink(link, stream, revision, eventId, type, version, data, metadata);
    db.prepare('UPDATE events SET metadata = ?, chain = ? WHERE position = ?').run(
      metadata,
      Buffer.from(link, 'hex'),
      position,
    );
  }
  db.close();
}

const appended = [
  event('c-1', DIGEST_A),
  event('c-2', DIGEST_A, { causation: 'import-1', correlation: 'file-1' }),
];

/** A file as govrec wrote it before metadata version 2: every row's metadata whole. */
async function versionOneFile(): Promise<string> {
  const path = join(dir, `${++n}.db`);
  const store = new SqliteEventStore(path);
  await store.append('s-1', appended, 'no_stream');
  await store.close();
  const byId = new Map(appended.map((e) => [e.eventId, e.metadata]));
  rewrite(path, (row) => canonicalJson(byId.get(row[1])));
  return path;
}

const storedMetadata = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  const texts = db.prepare('SELECT metadata FROM events ORDER BY position').pluck().all() as string[];
  db.close();
  return texts;
};

it('reads version 1 back as appended, never rewrites it, and verifies it beside version 2', async () => {
  const path = await versionOneFile();
  const before = storedMetadata(path);
  expect(before.every((text) => text.includes('"eventId"'))).toBe(true);
  const store = new SqliteEventStore(path);
  expect((await store.readAll()).map((e) => e.metadata)).toEqual(appended.map((e) => e.metadata));
  expect(await store.verifyChain()).toEqual({ kept: true, events: 2, head: await store.chainHead() });
  const later = [event('c-3', DIGEST_A), event('c-4', DIGEST_B, { correlation: 'file-2' })];
  await store.append('s-1', later, 1);
  const all = [...appended, ...later].map((e) => e.metadata);
  expect((await store.readAll()).map((e) => e.metadata)).toEqual(all);
  expect((await store.readAll({ lazyMetadata: true })).map((e) => e.metadata)).toEqual(all);
  expect((await store.readStream('s-1')).map((e) => e.metadata)).toEqual(all);
  const found = await store.findEvents('s-1', [appended[0].eventId, later[0].eventId]);
  expect(found.map((e) => e.metadata)).toEqual([appended[0].metadata, later[0].metadata]);
  expect(await store.verifyChain()).toEqual({ kept: true, events: 4, head: await store.chainHead() });
  await store.close();
  const after = storedMetadata(path);
  expect(after.slice(0, 2)).toEqual(before);
  expect(after.slice(2).every((text) => text.endsWith('"version":2}') && !text.includes('eventId'))).toBe(
    true,
  );
});

it("refuses another command under an id recorded in version 1, and lets the same command's retry through", async () => {
  const path = await versionOneFile();
  const store = new SqliteEventStore(path);
  await expect(store.append('s-2', [event('c-1', DIGEST_B)], 'no_stream')).rejects.toBeInstanceOf(
    CommandIdReused,
  );
  await store.append('s-2', [event('c-1', DIGEST_A)], 'no_stream');
  expect((await store.verifyChain()).break).toBeUndefined();
  await store.close();
});

it('refuses, as not canonical, metadata of version 2 in any text but the one it writes', async () => {
  // Each text is canonical JSON, and the chain is linked again over it as an attacker with the file
  // would: only the form tells them from what govrec wrote.
  const forms: ((text: string, commandId: string) => string)[] = [
    (text, commandId) => text.replace('"commandDigest"', `"causationId":"${commandId}","commandDigest"`),
    (text, commandId) => text.replace('"occurredAt"', `"correlationId":"${commandId}","occurredAt"`),
    (text) => text.replace('"version":2', '"version":2,"zone":"x"'),
    (text) => text.replace('"actor":"registrar:x"', '"actor":7'),
  ];
  for (const form of forms) {
    const path = join(dir, `${++n}.db`);
    const store = new SqliteEventStore(path);
    await store.append('s-1', [event('c-1', DIGEST_A), event('c-2', DIGEST_A)], 'no_stream');
    await store.close();
    rewrite(path, ([position, , , , , , , metadata]) => (position === 2 ? form(metadata, 'c-2') : metadata));
    const tampered = new SqliteEventStore(path);
    expect((await tampered.verifyChain()).break).toMatchObject({ kind: 'not-canonical', position: 2 });
    await tampered.close();
  }
});
