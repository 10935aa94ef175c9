/**
 * The embedded store: one SQLite file in WAL mode, shared safely by several govrec processes.
 *
 * synchronous = FULL by default. In WAL mode NORMAL survives a crash of govrec but may lose the last
 * committed appends on power loss or an OS crash; FULL syncs the WAL at every commit. An append that
 * was acknowledged (a vote "recorded") must not vanish, and FULL costs a fraction of a millisecond
 * per append, far below the rate at which a meeting produces votes, and nothing measurable for
 * large batches, where the sync is amortised (docs/performance.md, "The SQLite store: synchronous FULL").
 *
 * NORMAL stays available (options.synchronous) for throwaway stores such as bulk replays.
 *
 * The sync is cheap per event but blocks whoever makes it: with `writer: 'thread'` (what the command
 * line opens) appends are made on a thread of their own (writer-thread.ts) while reads stay on this
 * connection, and an import decides its next batch meanwhile (docs/performance.md, "Appends on a writer thread").
 */
import Database from 'better-sqlite3';
import {
  AppendResult,
  ChainHead,
  ChainVerdict,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  firstPositionOf,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
  SubscriptionHandlers,
  DuplicateEventId,
} from '../../../application/event-store';
import { SnapshotStore } from '../../../application/snapshot-store';
import { IdentifiedStore } from '../../../application/store-identity';

export { DuplicateEventId };
import { LiveFeed } from '../live-feed';
import { DEFAULT_BUSY_RETRIES } from './busy';
import { openDatabase } from './schema';
import { AppendReply, EventRows, resultOf, SqliteAppends } from './sqlite-appends';
import {
  COLUMNS,
  EventRow,
  LazyRecordedEvent,
  RawEventRow,
  rawToRecorded,
  rowsOf,
  toRecorded,
} from './sqlite-rows';
import { SqliteChain } from './sqlite-chain';
import { SqliteSnapshots } from './sqlite-snapshots';
import { ensureStoreMeta } from './store-meta';
import { WriterThread } from './writer-thread';

/** How a {@link SqliteEventStore} uses its file. */
export interface SqliteEventStoreOptions {
  /** How often subscribers look for events appended by other processes. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /**
   * How long one statement waits for another process's write lock. Default 5,000 ms. better-sqlite3
   * is synchronous, so this wait blocks the thread; the retries after it do not.
   */
  readonly busyTimeoutMs?: number;
  /** Further attempts of a whole append after SQLITE_BUSY. Default 5. */
  readonly busyRetries?: number;
  /**
   * When SQLite syncs the file: at every commit (FULL, the default: an acknowledged append survives
   * a power loss), or at checkpoints (NORMAL, for throwaway stores such as bulk replays).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * Where appends are made: on the caller's thread (default), or on a writer thread of their own,
   * which lets the caller go on while SQLite writes and syncs (see WriterThread). The command line
   * uses the thread. A private in-memory database has no file for a thread to open: always inline.
   */
  readonly writer?: 'inline' | 'thread';
}

/** Whoever makes the appends: SqliteAppends itself, or the thread that runs it. */
interface Writer {
  append(streamName: string, rows: EventRows, expected: ExpectedRevision): Promise<AppendReply>;
  close(): Promise<void>;
}

// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;

function prepareStatements(db: Database.Database) {
  return {
    forwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    backwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    // Index only (the event_id index covers it): the ids recorded between two ids, at most a limit.
    idsBetween: db
      .prepare<[string, string, number], string>(
        'SELECT event_id FROM events WHERE event_id BETWEEN ? AND ? ORDER BY event_id LIMIT ?',
      )
      .pluck(),
    byIds: db.prepare<[string, string], EventRow>(
      // `+stream_name` keeps the planner on the event_id index: by stream it would read the whole stream.
      `SELECT ${COLUMNS} FROM events WHERE event_id IN (SELECT value FROM json_each(?)) AND +stream_name = ?`,
    ),
    // Rows as arrays (raw): better-sqlite3 builds an array per row faster than an object with eight
    // named keys; on a full read of the record (a rebuild) that was ~40 % of the read's time.
    fromPosition: db
      .prepare<[number, number], RawEventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
      )
      .raw(),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * The embedded store: the record in one SQLite file (WAL mode, one transaction per append, a unique
 * revision per stream), which several govrec processes may share; `new SqliteEventStore(':memory:')`
 * keeps it in memory instead. Aggregate snapshots are kept in the same file.
 */
export class SqliteEventStore implements EventStore, IdentifiedStore {
  /** Aggregate snapshots, in the same file as the events (table `snapshots`). */
  readonly snapshots: SnapshotStore;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly feed: LiveFeed;
  private readonly writer: Writer;
  private readonly chain: SqliteChain;

  constructor(path: string, options: SqliteEventStoreOptions = {}) {
    const open = {
      busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
      synchronous: options.synchronous ?? 'FULL',
    } as const;
    // Opened (and migrated) here first, so the writer thread never finds a file without its schema.
    this.db = openDatabase(path, open);
    this.statements = prepareStatements(this.db);
    this.snapshots = new SqliteSnapshots(this.db);
    this.chain = new SqliteChain(this.db);
    const busyRetries = options.busyRetries ?? DEFAULT_BUSY_RETRIES;
    this.writer =
      options.writer === 'thread' && !this.db.memory
        ? new WriterThread({ path: this.db.name, busyRetries, ...open })
        : inlineWriter(new SqliteAppends(this.db, busyRetries));
    // Nobody else can write to a private in-memory database, so polling it would be wasted work.
    this.feed = new LiveFeed(this.db.memory ? undefined : (options.pollIntervalMs ?? 100));
  }

  /** The id made when the file was created (store-meta.ts): what read models are bound to. */
  async storeId(): Promise<string> {
    return ensureStoreMeta(this.db);
  }

  async append(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    // Serialised before anything is sent or locked, so a bad event costs nothing. Not kept in a
    // variable: the rows would then live as long as the append (the writer has its own copy), and
    // a bulk ingest's collections would copy them while the next batch is decided.
    const reply = await this.writer.append(streamName, rowsOf(streamName, events), expected);
    const result = resultOf(streamName, reply);
    if (reply.kind === 'appended' && reply.written > 0) this.feed.publish([]);
    return result;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = limitOf(options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamName, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.forwards.all(streamName, options.fromRevision ?? 0, limit);
    return rows.map(toRecorded);
  }

  async findEvents(streamName: string, eventIds: readonly string[]): Promise<RecordedEvent[]> {
    if (eventIds.length === 0) return [];
    const asked = this.recordedAmong(eventIds) ?? eventIds;
    if (asked.length === 0) return [];
    // One statement for all the ids, one seek in the event_id index each: a batch of 1,000 commands
    // is checked in one call rather than 1,000.
    const rows = this.statements.byIds.all(JSON.stringify(asked), streamName);
    return rows.sort((a, b) => a.revision - b.revision).map(toRecorded);
  }

  /**
   * Which of the ids are recorded, by one short scan of the event_id index between the lowest and
   * the highest, when few ids are recorded there; undefined when many are (ids spread over the
   * index, such as random UUIDs), and then each id is sought on its own. The ids of a batch of
   * commands from one file and stream sit together in the index (event-ids.ts), and the usual
   * answer is none: the scan finds an empty range where a seek per id cost ~0.9 µs an id.
   * Only for ASCII ids (UUIDs are): beyond it, JavaScript's order of strings is not SQLite's.
   */
  private recordedAmong(eventIds: readonly string[]): string[] | undefined {
    let low = eventIds[0];
    let high = eventIds[0];
    for (const id of eventIds) {
      if (NOT_ASCII.test(id)) return undefined;
      if (id < low) low = id;
      if (id > high) high = id;
    }
    const limit = 2 * eventIds.length + 16;
    const between = this.statements.idsBetween.all(low, high, limit);
    if (between.length >= limit) return undefined;
    const asked = new Set(eventIds);
    return between.filter((id) => asked.has(id));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.statements.fromPosition.all(firstPositionOf(options), limitOf(options.maxCount));
    return options.lazyMetadata ? rows.map((row) => new LazyRecordedEvent(row)) : rows.map(rawToRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    return this.feed.subscribe(
      async (after, max) => this.readAll({ fromPosition: after + 1, maxCount: max }),
      options,
      handlers,
    );
  }

  async chainHead(): Promise<ChainHead | undefined> {
    return this.chain.head();
  }

  async chainAt(position: number): Promise<string | undefined> {
    return this.chain.at(position);
  }

  /** Every event against the chain, and the text of each against its canonical form. */
  verifyChain(): Promise<ChainVerdict> {
    return this.chain.verify();
  }

  async close(): Promise<void> {
    this.feed.close();
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}

const inlineWriter = (appends: SqliteAppends): Writer => ({
  append: (streamName, rows, expected) => appends.append(streamName, rows, expected),
  close: async () => undefined,
});

function limitOf(maxCount: number | undefined): number {
  return maxCount === undefined ? NO_LIMIT : Math.max(0, maxCount);
}
