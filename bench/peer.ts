/**
 * The peer workload: the same events appended to govrec's SQLite store and to Emmett's SQLite
 * event store (@event-driven-io/emmett-sqlite, a development dependency), each into a new file:
 * `events` events of ~400 bytes in appends of `batch`, spread over 100 streams in turn, each append
 * with the stream's exact expected version (what a command handler sends). Emmett is run through
 * its public API (`getSQLiteEventStore`, which opens a connection per call) and on one connection
 * kept open (`sqliteConnection` and its `appendToStream`). Both keep WAL files; Emmett leaves
 * `synchronous` at SQLite's default, which is FULL, as govrec's default is.
 *
 * Emmett's known stale-append defect (an append with an expected version another writer has just
 * passed may go through) needs two writers on one stream; here one writer appends in turn, every
 * expected version is the stream's current one, and no append can meet it.
 */
import { rmSync } from 'node:fs';
import {
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import { EventToAppend } from '../src/application/event-store';
import { eventIdFor } from '../src/application/event-ids';
import { SqliteEventStore } from '../src/infra/store/sqlite/sqlite-event-store';

export const STREAMS = 100;

export interface PeerFigures {
  readonly events: number;
  readonly ms: number;
  /** Appends refused SQLITE_BUSY and sent again (Emmett's public API only). */
  readonly busy?: number;
}

/** The n-th event of the workload: a vote's data and a command's metadata, as govrec writes them. */
export function voteOf(n: number): { type: string; data: Record<string, unknown>; commandId: string } {
  const shares = { for: 1000 + n, against: n % 7, abstain: 0 };
  return {
    type: 'VoteCast',
    commandId: `peer:vote-${n}`,
    data: {
      resolutionId: `peer-r${n % STREAMS}`,
      meetingId: 'peer-agm',
      holderId: `HLD-${String(n).padStart(6, '0')}`,
      shareClass: 'A',
      castBy: 'PROXY',
      instructed: shares,
      shares,
      votes: shares,
      proxyId: `PRX-${String(n).padStart(6, '0')}`,
    },
  };
}

/** The appends of the workload in order: stream, first event number, expected version (-1: none). */
export function* appendsOf(events: number, batch: number): Generator<[number, number, number]> {
  const appends = Math.ceil(events / batch);
  const written = new Array<number>(STREAMS).fill(0);
  for (let a = 0; a < appends; a++) {
    const stream = a % STREAMS;
    yield [stream, a * batch, written[stream] - 1];
    written[stream] += Math.min(batch, events - a * batch);
  }
}

/** A new database at `path`: no earlier file, WAL or shared memory left. */
export const freshDatabase = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};

export async function govrecPeer(path: string, events: number, batch: number, thread: boolean) {
  freshDatabase(path);
  const store = new SqliteEventStore(path, { writer: thread ? 'thread' : 'inline' });
  const started = performance.now();
  for (const [stream, first, expected] of appendsOf(events, batch)) {
    const name = `resolution-peer-${stream}`;
    const batchEvents: EventToAppend[] = [];
    for (let n = first; n < Math.min(first + batch, events); n++) {
      const { type, data, commandId } = voteOf(n);
      const eventId = eventIdFor(commandId, name, 0);
      batchEvents.push({
        eventId,
        type,
        schemaVersion: 2,
        data,
        metadata: {
          eventId,
          commandId,
          actor: 'registrar:peer',
          causationId: commandId,
          correlationId: commandId,
          occurredAt: '2025-06-20T10:45:00+08:00',
        },
      });
    }
    await store.append(name, batchEvents, expected < 0 ? 'no_stream' : expected);
  }
  const ms = performance.now() - started;
  await store.close();
  return { events, ms };
}

const emmettEvents = (first: number, last: number) => {
  const out = [];
  for (let n = first; n < last; n++) {
    const { type, data, commandId } = voteOf(n);
    out.push({ type, data, metadata: { commandId, actor: 'registrar:peer' } });
  }
  return out;
};

/** Emmett's public API: one event store, which opens a connection for each call. */
export async function emmettPublic(path: string, events: number, batch: number): Promise<PeerFigures> {
  freshDatabase(path);
  const store = getSQLiteEventStore({ fileName: path, schema: { autoMigration: 'CreateOrUpdate' } });
  const started = performance.now();
  let busy = 0;
  for (const [stream, first, expected] of appendsOf(events, batch)) {
    const append = () =>
      store.appendToStream(
        `resolution-peer-${stream}`,
        emmettEvents(first, Math.min(first + batch, events)),
        {
          // Emmett counts a stream's versions from 1; 0n is "no events yet".
          expectedStreamVersion: BigInt(expected + 1),
        },
      );
    busy += await retryingBusy(append);
  }
  return { events, ms: performance.now() - started, ...(busy > 0 ? { busy } : {}) };
}

const isBusy = (error: unknown) =>
  String((error as { code?: unknown })?.code ?? error).includes('SQLITE_BUSY');

/**
 * The public API opens a connection per call and does not wait for the last one to close, so on a
 * loaded machine an append can meet the previous call's connection still holding the file and be
 * refused SQLITE_BUSY (nothing written). It is sent again after a pause, and the count reported, so
 * that the figure stays Emmett's own and the run does not die of its defect.
 */
async function retryingBusy(append: () => Promise<unknown>): Promise<number> {
  for (let busy = 0; ; busy++) {
    try {
      await append();
      return busy;
    } catch (error) {
      if (!isBusy(error) || busy >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Emmett on one connection kept open for the whole run, through its exported appendToStream. */
export async function emmettKept(path: string, events: number, batch: number): Promise<PeerFigures> {
  freshDatabase(path);
  const connection = sqliteConnection({ fileName: path });
  await createEventStoreSchema(connection);
  const started = performance.now();
  for (const [stream, first, expected] of appendsOf(events, batch)) {
    const result = await appendToStream(
      connection,
      `resolution-peer-${stream}`,
      'resolution',
      emmettEvents(first, Math.min(first + batch, events)),
      { expectedStreamVersion: BigInt(expected + 1) },
    );
    if (!result.success) throw new Error(`Emmett refused an append to stream ${stream}`);
  }
  const ms = performance.now() - started;
  connection.close();
  return { events, ms };
}
