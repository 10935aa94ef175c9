import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandIdReused, EventStore, EventToAppend } from '../../src/application/event-store';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';

/**
 * The SQLite writer inserts an append's events, and claims its command ids, several rows a
 * statement. Appends longer than one statement (and of a length that leaves a remainder) keep every
 * guarantee of a row a statement: contiguous positions, the chain the memory store makes of the same
 * events, a reused id refused wherever in the append it falls, and a retry written once.
 */
const SIZE = 123;

const event = (commandId: string, digest: string, n: number): EventToAppend => {
  const eventId = `${commandId}-${digest.slice(0, 4)}-${n}`;
  const metadata = {
    eventId,
    commandId,
    commandDigest: digest,
    actor: 'test:x',
    causationId: commandId,
    correlationId: commandId,
    occurredAt: '2025-01-01T00:00:00Z',
  };
  return { eventId, type: 'T', schemaVersion: 1, data: { n }, metadata };
};
const digestOf = (n: number) => n.toString(16).padStart(64, '0');
/** SIZE events, one command each, numbered from `from`. */
const batch = (from: number): EventToAppend[] =>
  Array.from({ length: SIZE }, (_, i) => event(`c-${from + i}`, digestOf(from + i), from + i));

let dir: string;
let store: SqliteEventStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-multi-row-'));
  store = new SqliteEventStore(join(dir, 'store.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function appendAll(target: EventStore, batches: [string, EventToAppend[]][]): Promise<void> {
  for (const [stream, events] of batches) await target.append(stream, events, 'any');
}

it('gives the rows of long appends contiguous positions and the chain the memory store makes', async () => {
  const batches: [string, EventToAppend[]][] = [
    ['s-1', batch(1)],
    ['s-2', batch(1_000)],
    ['s-1', batch(2_000)],
  ];
  await appendAll(store, batches);
  const memory = new MemoryEventStore();
  await appendAll(memory, batches);
  const all = await store.readAll();
  expect(all.map((e) => e.position)).toEqual(Array.from({ length: 3 * SIZE }, (_, i) => i + 1));
  expect(all.filter((e) => e.streamName === 's-1').map((e) => e.revision)).toEqual(
    Array.from({ length: 2 * SIZE }, (_, i) => i),
  );
  const verdict = await store.verifyChain();
  expect(verdict.break).toBeUndefined();
  expect(verdict.events).toBe(3 * SIZE);
  expect((await store.chainHead())?.hash).toBe((await memory.chainHead())?.hash);
});

it.each([7, 77, SIZE - 1])(
  'refuses a long append whose command %i reuses an id held by another command, and writes nothing',
  async (at) => {
    await store.append('held', [event('c-77777', digestOf(1), 0)], 'no_stream');
    const events = batch(1);
    events[at] = event('c-77777', digestOf(2), at);
    await expect(store.append('s-1', events, 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
    expect(await store.readAll()).toHaveLength(1);
    // The claims made before the refusal were rolled back with it.
    await store.append('s-1', batch(1).slice(0, at), 'no_stream');
    expect(await store.readAll()).toHaveLength(1 + at);
  },
);

it('lets a long append hold a step of a command recorded on another stream', async () => {
  await store.append('held', [event('c-77777', digestOf(1), 0)], 'no_stream');
  const events = batch(1);
  events[77] = event('c-77777', digestOf(1), 77);
  await store.append('s-1', events, 'no_stream');
  expect(await store.readAll()).toHaveLength(1 + SIZE);
});

it('refuses two commands under one id in one long append, in statements apart', async () => {
  const events = batch(1);
  events[100] = event(`c-${1 + 30}`, digestOf(999), 100);
  await expect(store.append('s-1', events, 'no_stream')).rejects.toBeInstanceOf(CommandIdReused);
  expect(await store.readAll()).toHaveLength(0);
});

it('writes a long append retried once', async () => {
  const events = batch(1);
  await store.append('s-1', events, 'no_stream');
  const retry = await store.append('s-1', events, 'no_stream');
  expect(retry.written).toBe(0);
  expect(await store.readAll()).toHaveLength(SIZE);
});
