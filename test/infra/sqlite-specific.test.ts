/** What only the SQLite store can be asked: files, pragmas, constraints, and several OS processes. */
import Database from 'better-sqlite3';
import { fork } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { AppendResult, RecordedEvent } from '../../src/application/event-store';
import { isBusy, sqliteError } from '../../src/infra/store/sqlite/busy';
import { SCHEMA_VERSION } from '../../src/infra/store/sqlite/schema';
import { DuplicateEventId, SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { anEvent, idsOf, sleep, someEvents, waitFor } from '../contract/event-store-contract';

let directory: string;
let path: string;
const opened: { close(): unknown }[] = [];

function openStore(options: ConstructorParameters<typeof SqliteEventStore>[1] = {}): SqliteEventStore {
  const store = new SqliteEventStore(path, options);
  opened.push(store);
  return store;
}

/** A second, plain connection to the same file, as another program would have. */
function openRaw(): Database.Database {
  const db = new Database(path);
  opened.push(db);
  return db;
}

/** Another connection holds the write lock until the returned function is called. */
function holdWriteLock(): () => void {
  const raw = openRaw();
  raw.exec('BEGIN IMMEDIATE');
  // Harmless if the test already ended (and closed the connection) before the timer fired.
  return () => {
    if (raw.open && raw.inTransaction) raw.exec('COMMIT');
  };
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'govrec-sqlite-'));
  path = join(directory, 'events.db');
});

afterEach(async () => {
  for (const handle of opened.splice(0).reverse()) await handle.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the file', () => {
  it('keeps every event across close and reopen, and the next append continues where it left off', async () => {
    const first = openStore();
    const meeting = someEvents(3);
    const proxy = someEvents(2);
    await first.append('meeting-1', meeting, 'no_stream');
    const { position } = await first.append('proxy-1', proxy, 'no_stream');
    const before = await first.readAll();
    await first.close();

    const second = openStore();
    expect(await second.readAll()).toEqual(before);
    const next = await second.append('meeting-1', someEvents(1), 2);
    expect(next.nextExpectedRevision).toBe(3);
    expect(next.position).toBeGreaterThan(position);
  });

  it('is in WAL mode, with the schema version recorded', async () => {
    const store = openStore();
    await store.append('meeting-1', someEvents(1), 'no_stream');
    expect(existsSync(`${path}-wal`)).toBe(true);
    const raw = openRaw();
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('brings a file of schema version 1 up to date, its events kept, and keeps snapshots in it', async () => {
    const first = openStore();
    await first.append('meeting-1', someEvents(3), 'no_stream');
    const before = await first.readAll();
    await first.close();
    // As govrec left files before snapshots: no snapshots table, user_version 1.
    const raw = openRaw();
    raw.exec('DROP TABLE snapshots');
    raw.pragma('user_version = 1');
    raw.close();

    const upgraded = openStore();
    expect(await upgraded.readAll()).toEqual(before);
    expect(openRaw().pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const snapshot = { revision: 2, eventId: before[2].eventId, shape: 'meeting@1', state: '{"a":1}' };
    await upgraded.snapshots.writeSnapshot('meeting-1', snapshot);
    await upgraded.snapshots.writeSnapshot('meeting-1', { ...snapshot, state: '{"a":2}' });
    await upgraded.close();
    expect(await openStore().snapshots.readSnapshot('meeting-1')).toEqual({ ...snapshot, state: '{"a":2}' });
    expect(await openStore().snapshots.readSnapshot('meeting-2')).toBeUndefined();
  });

  it('refuses a file written by a newer schema rather than misreading it', () => {
    openStore();
    openRaw().pragma('user_version = 99');
    expect(() => new SqliteEventStore(path)).toThrow(/schema version 99/);
  });

  it('answers reads by stream and by position from indexes, not by scanning', () => {
    openStore();
    const plan = (sql: string): string =>
      openRaw()
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => row.detail)
        .join('; ');
    const byStream = plan(
      "SELECT * FROM events WHERE stream_name = 'm' AND revision >= 0 ORDER BY revision LIMIT 10",
    );
    expect(byStream).toMatch(/USING INDEX/);
    expect(byStream).not.toMatch(/TEMP B-TREE/);
    const byPosition = plan('SELECT * FROM events WHERE position >= 5 ORDER BY position LIMIT 10');
    expect(byPosition).toMatch(/USING INTEGER PRIMARY KEY/);
    expect(plan("SELECT revision FROM events WHERE event_id = 'x'")).toMatch(/USING INDEX/);
  });

  it('accepts :memory:, which keeps nothing after close', async () => {
    const store = new SqliteEventStore(':memory:');
    await store.append('meeting-1', someEvents(2), 'no_stream');
    expect((await store.readStream('meeting-1')).length).toBe(2);
    await store.close();
  });

  it('can be closed twice, and refuses appends once closed', async () => {
    const store = openStore();
    await store.close();
    await store.close();
    await expect(store.append('meeting-1', someEvents(1), 'any')).rejects.toThrow(/not open/);
  });
});

describe('constraints and refused appends', () => {
  it('writes nothing of a batch whose middle event cannot be serialised (a BigInt)', async () => {
    const store = openStore();
    await store.append('meeting-1', someEvents(1), 'no_stream');
    const before = await store.readAll();
    const batch = [anEvent(), anEvent({ data: { shares: BigInt(10) } }), anEvent()];

    const refusal = store.append('meeting-1', batch, 0);
    await expect(refusal).rejects.toBeInstanceOf(TypeError);
    await expect(refusal).rejects.toThrow(batch[1].eventId);

    expect(await store.readAll()).toEqual(before);
    const good = [batch[0], anEvent(), batch[2]];
    expect((await store.append('meeting-1', good, 0)).nextExpectedRevision).toBe(3);
  });

  it('refuses data that is not a JSON value at all', async () => {
    const store = openStore();
    await expect(store.append('meeting-1', [anEvent({ data: undefined })], 'any')).rejects.toThrow(
      /not a JSON value/,
    );
    expect(await store.readAll()).toEqual([]);
  });

  it('rolls back the events already inserted when a later one breaks a constraint', async () => {
    const store = openStore();
    const [taken] = someEvents(1);
    await store.append('proxy-1', [taken], 'no_stream');
    await store.append('meeting-1', someEvents(1), 'no_stream');
    const before = await store.readAll();
    // Two inserts succeed inside the transaction before the third hits UNIQUE (event_id).
    const batch = [anEvent(), anEvent(), { ...anEvent(), eventId: taken.eventId }, anEvent()];

    const error = await store.append('meeting-1', batch, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateEventId);
    expect(error).toMatchObject({ streamName: 'meeting-1', eventId: taken.eventId });

    expect(await store.readAll()).toEqual(before);
    const result = await store.append('meeting-1', [batch[0], batch[1], batch[3]], 0);
    expect(result.nextExpectedRevision).toBe(3);
    expect(idsOf(await store.readStream('meeting-1', { fromRevision: 1 }))).toEqual(
      idsOf([batch[0], batch[1], batch[3]]),
    );
  });

  it('refuses the same event id twice in one batch', async () => {
    const store = openStore();
    const event = anEvent();
    await expect(store.append('meeting-1', [event, event], 'no_stream')).rejects.toMatchObject({
      name: 'DuplicateEventId',
      eventId: event.eventId,
    });
    expect(await store.readStream('meeting-1')).toEqual([]);
    expect((await store.append('meeting-1', [event], 'no_stream')).nextExpectedRevision).toBe(0);
  });

  it('recognises SQLite errors when better-sqlite3 is loaded twice in one process, as under jest', async () => {
    // The native addon keeps the SqliteError class of whichever copy of the module came first, so
    // the isolated copy below receives errors that are not instances of its own SqliteError.
    openStore();
    let Isolated: typeof SqliteEventStore | undefined;
    await jest.isolateModulesAsync(async () => {
      ({ SqliteEventStore: Isolated } = await import('../../src/infra/store/sqlite/sqlite-event-store'));
    });
    if (Isolated === undefined) throw new Error('the isolated store did not load');
    const store = new Isolated(path, { busyTimeoutMs: 10, busyRetries: 6 });
    opened.push(store);
    const event = anEvent();
    await expect(store.append('meeting-1', [event, event], 'no_stream')).rejects.toMatchObject({
      name: 'DuplicateEventId',
    });
    const release = holdWriteLock();
    setTimeout(release, 60);
    expect((await store.append('meeting-1', [event], 'no_stream')).nextExpectedRevision).toBe(0);
  });

  it('recognises an SQLite error made in another realm (jest gives each test file its own)', () => {
    const foreign: unknown = runInNewContext(
      "Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' })",
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isBusy(foreign)).toBe(true);
    expect(sqliteError(foreign)).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(isBusy(new Error('database is locked'))).toBe(false);
  });

  it('has UNIQUE (stream_name, revision) as a last line of defence', async () => {
    const store = openStore();
    await store.append('meeting-1', someEvents(1), 'no_stream');
    const insert = openRaw().prepare(
      `INSERT INTO events (event_id, stream_name, revision, type, schema_version, data, metadata)
       VALUES ('x', 'meeting-1', 0, 'T', 1, '{}', '{}')`,
    );
    expect(() => insert.run()).toThrow(/UNIQUE constraint failed: events.stream_name, events.revision/);
  });

  it('never reuses a position, even after the last events were deleted by hand', async () => {
    const store = openStore();
    const { position } = await store.append('meeting-1', someEvents(3), 'no_stream');
    openRaw().prepare("DELETE FROM events WHERE stream_name = 'meeting-1' AND revision > 0").run();
    const next = await store.append('meeting-2', someEvents(1), 'no_stream');
    expect(next.position).toBeGreaterThan(position);
  });
});

describe('finding events by id', () => {
  /** 100 events in stream s with ids id-000…id-099, and one in stream t. */
  async function recorded(): Promise<SqliteEventStore> {
    const store = openStore();
    const ids = Array.from({ length: 100 }, (_, i) => `id-${String(i).padStart(3, '0')}`);
    await store.append(
      's',
      ids.map((eventId) => anEvent({ eventId })),
      'no_stream',
    );
    await store.append('t', [anEvent({ eventId: 'id-050x' })], 'no_stream');
    return store;
  }
  const found = async (store: SqliteEventStore, stream: string, ids: string[]) =>
    (await store.findEvents(stream, ids)).map((e) => e.eventId);

  // Ids close together are found by one scan of the index between them, ids far apart (many
  // events between them) by a seek each: either way the same answer, in stream order.
  it.each([
    ['close together, some recorded', ['id-012', 'id-010', 'id-011a'], ['id-010', 'id-012']],
    ['close together, none recorded', ['id-0105', 'id-0106'], []],
    ['far apart', ['id-099', 'id-000', 'id-050'], ['id-000', 'id-050', 'id-099']],
    ['one in another stream, close together', ['id-050', 'id-050x'], ['id-050']],
    ['one in another stream, far apart', ['id-001', 'id-050x', 'id-098'], ['id-001', 'id-098']],
    ['not ASCII', ['id-007', 'id-00\u00e9', 'id-008'], ['id-007', 'id-008']],
  ])('answers ids %s', async (_, asked, answer) => {
    const store = await recorded();
    expect(await found(store, 's', asked)).toEqual(answer);
  });

  it('finds ids of another stream only in theirs', async () => {
    const store = await recorded();
    expect(await found(store, 't', ['id-050', 'id-050x', 'id-051'])).toEqual(['id-050x']);
  });
});

describe('waiting for the write lock', () => {
  it('retries an append that found the file locked, and succeeds once the lock is released', async () => {
    const store = openStore({ busyTimeoutMs: 20, busyRetries: 6 });
    const release = holdWriteLock();
    setTimeout(release, 120);
    const result = await store.append('meeting-1', someEvents(2), 'no_stream');
    expect(result.nextExpectedRevision).toBe(1);
  });

  it('gives up after its bounded retries with SQLITE_BUSY, leaving nothing behind', async () => {
    const store = openStore({ busyTimeoutMs: 10, busyRetries: 1 });
    const release = holdWriteLock();
    await expect(store.append('meeting-1', someEvents(2), 'no_stream')).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
    });
    release();
    expect(await store.readAll()).toEqual([]);
    expect((await store.append('meeting-1', someEvents(1), 'no_stream')).nextExpectedRevision).toBe(0);
  });

  it('keeps reading while another connection holds the write lock', async () => {
    const store = openStore();
    await store.append('meeting-1', someEvents(2), 'no_stream');
    const release = holdWriteLock();
    expect((await store.readStream('meeting-1')).length).toBe(2);
    release();
  });
});

describe('subscriptions', () => {
  it('wakes subscribers in the same process at once, without waiting for the poll', async () => {
    const store = openStore({ pollIntervalMs: 60_000 });
    const seen: RecordedEvent[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll(
      {},
      {
        onEvent: (e) => {
          seen.push(e);
        },
        onCaughtUp: () => {
          caughtUp = true;
        },
      },
    );
    await waitFor(() => caughtUp, 'catch-up');
    await store.append('meeting-1', someEvents(1), 'no_stream');
    await waitFor(() => seen.length === 1, 'the live event', 1_000);
    await subscription.stop();
  });

  it('sees, by polling, events appended through another connection to the file', async () => {
    const reader = openStore({ pollIntervalMs: 20 });
    const writer = openStore();
    const seen: string[] = [];
    const subscription = reader.subscribeToAll({}, { onEvent: (e) => void seen.push(e.eventId) });
    const events = someEvents(3);
    await writer.append('meeting-1', events, 'no_stream');
    await waitFor(() => seen.length === 3, 'events from the other connection', 2_000);
    expect(seen).toEqual(idsOf(events));
    await subscription.stop();
  });

  it('ends its subscriptions quietly when the store is closed', async () => {
    const store = openStore({ pollIntervalMs: 20 });
    const errors: Error[] = [];
    const subscription = store.subscribeToAll(
      {},
      { onEvent: () => undefined, onError: (e) => errors.push(e) },
    );
    await sleep(30);
    await store.close();
    await subscription.stop();
    expect(errors).toEqual([]);
  });
});

describe('several OS processes on one file', () => {
  interface AcceptedAppend extends AppendResult {
    readonly streamName: string;
    readonly eventIds: string[];
  }
  interface WriterReport {
    readonly accepted: AcceptedAppend[];
    readonly conflicts: number;
  }
  type WriterMessage = { ready: true } | WriterReport;

  const WRITER_SCRIPT = join(__dirname, 'fixtures', 'sqlite-writer.js');

  function startWriter(name: string, appends: number, streams: string[]) {
    const child = fork(WRITER_SCRIPT, [path, name, String(appends), ...streams], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let report: WriterReport | undefined;
    const ready = new Promise<void>((resolve) => {
      child.on('message', (message: WriterMessage) => {
        if ('ready' in message) resolve();
        else report = message;
      });
    });
    const done = new Promise<WriterReport>((resolve, reject) => {
      child.on('exit', (code) => {
        if (code === 0 && report !== undefined) resolve(report);
        else reject(new Error(`Writer ${name} exited with code ${code}:\n${stderr}`));
      });
    });
    // A writer that dies before it is ready must fail the test, not leave it waiting.
    return { ready: Promise.race([ready, done.then(() => undefined)]), done, go: () => child.send('go') };
  }

  it('loses nothing and duplicates nothing when four processes append to the same streams', async () => {
    const streams = ['meeting-1', 'meeting-2'];
    // The file does not exist yet: the writers also race to create the schema.
    const writers = ['w1', 'w2', 'w3', 'w4'].map((name) => startWriter(name, 60, streams));
    await Promise.all(writers.map((w) => w.ready));
    writers.forEach((w) => w.go());
    const reports = await Promise.all(writers.map((w) => w.done));
    // Otherwise the test proved nothing about concurrent writers.
    expect(reports.reduce((sum, r) => sum + r.conflicts, 0)).toBeGreaterThan(0);

    const store = openStore();
    const all = await store.readAll();
    const accepted = reports.flatMap((r) => r.accepted);
    const acceptedIds = accepted.flatMap((a) => a.eventIds);

    // Every accepted event is there exactly once, and nothing else is.
    expect(all.length).toBe(acceptedIds.length);
    expect(new Set(idsOf(all))).toEqual(new Set(acceptedIds));
    expect(new Set(idsOf(all)).size).toBe(all.length);

    // Positions unique and increasing; revisions gapless in each stream.
    for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
    for (const streamName of streams) {
      const read = await store.readStream(streamName);
      expect(read.map((e) => e.revision)).toEqual(read.map((_, i) => i));
    }

    // Each writer was told the truth: its events sit, contiguous, where its append result says.
    const byId = new Map(all.map((e) => [e.eventId, e]));
    for (const append of accepted) {
      const recorded = append.eventIds.map((id) => byId.get(id));
      const last = recorded[recorded.length - 1];
      expect(last).toMatchObject({
        streamName: append.streamName,
        revision: append.nextExpectedRevision,
        position: append.position,
      });
      expect(recorded.map((e) => e?.revision)).toEqual(
        append.eventIds.map((_, i) => append.nextExpectedRevision - append.eventIds.length + 1 + i),
      );
    }
  }, 60_000);
});
