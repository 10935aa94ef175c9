import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventToAppend } from '../../src/application/event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { WriterThread } from '../../src/infra/store/sqlite/writer-thread';

/** What the writer thread adds to the store's contract (test/contract runs the contract on it). */
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-writer-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const event = (id: number): EventToAppend => ({
  eventId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  type: 'Noted',
  schemaVersion: 1,
  data: { n: id },
  metadata: {
    eventId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    commandId: `c${id}`,
    actor: 'test',
    causationId: `c${id}`,
    correlationId: `c${id}`,
    occurredAt: '2025-06-20T10:00:00Z',
  },
});

describe('a store appending on its writer thread', () => {
  it('makes appends posted together in the order they were posted, each in its stream', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'), { writer: 'thread' });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.append(`s-${i % 4}`, [event(i)], 'any')),
    );
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(results.map((r) => r.nextExpectedRevision)).toEqual(
      Array.from({ length: 40 }, (_, i) => Math.floor(i / 4)),
    );
    expect((await store.readStream('s-3')).map((e) => e.data)).toEqual(
      Array.from({ length: 10 }, (_, k) => ({ n: 4 * k + 3 })),
    );
    await store.close();
  });

  it('on close, first makes every append already posted; later appends are refused', async () => {
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore(path, { writer: 'thread' });
    const posted = Array.from({ length: 25 }, (_, i) => store.append('s', [event(i)], 'any'));
    await store.close();
    await expect(Promise.all(posted)).resolves.toHaveLength(25);
    await expect(store.append('s', [event(99)], 'any')).rejects.toThrow(/writer thread has stopped/);
    const reopened = new SqliteEventStore(path);
    expect(await reopened.readStream('s')).toHaveLength(25);
    await reopened.close();
  });

  it('answers a refusal made on the thread as the port defines it', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'), { writer: 'thread' });
    await store.append('s', [event(1)], 'no_stream');
    await expect(store.append('s', [event(2)], 'no_stream')).rejects.toMatchObject({
      name: 'WrongExpectedVersion',
      streamName: 's',
      actual: 0,
    });
    await expect(store.append('t', [event(1)], 'any')).rejects.toMatchObject({
      name: 'DuplicateEventId',
      eventId: event(1).eventId,
    });
    await store.close();
  });
});

describe('the writer thread', () => {
  it('refuses every append it has not answered, and every later one, with the cause of its death', async () => {
    // A file the thread cannot open: it dies as it starts, with appends already posted to it.
    const writer = new WriterThread({
      path: join(dir, 'no-such-folder', 'events.db'),
      busyRetries: 0,
      busyTimeoutMs: 0,
      synchronous: 'FULL',
    });
    const row = ['e', 'Noted', 1, '{}', '{}'];
    const posted = await Promise.allSettled([writer.append('s', row, 'any'), writer.append('s', row, 'any')]);
    expect(posted.map((p) => p.status === 'rejected' && String(p.reason))).toEqual([
      expect.stringMatching(/directory does not exist/),
      expect.stringMatching(/directory does not exist/),
    ]);
    await expect(writer.append('s', row, 'any')).rejects.toThrow(/directory does not exist/);
    await writer.close();
  });
});
