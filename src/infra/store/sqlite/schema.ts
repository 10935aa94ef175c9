import Database from 'better-sqlite3';
import { retryWhileBusySync } from './busy';
import { CHAIN_ALGORITHM, CHAIN_ALGORITHM_V1 } from '../../../application/event-chain';
import { chainOldRows } from './schema-chain';
import { commandIdOfKey, commandNumberKey } from './command-keys';

/** Bumped with each migration; a file written by a newer govrec is refused rather than misread. */
export const SCHEMA_VERSION = 5;

/**
 * The stream's last revision is read from `events` itself (its (stream_name, revision) index makes
 * that a single seek) rather than kept in a separate `streams` table: with one source of truth, a
 * rejected append has nothing to "bump", and the two can never disagree.
 *
 * AUTOINCREMENT (not a bare rowid) so a position is never handed out twice, even after the last
 * events were deleted by hand. Because the write lock is held from BEGIN IMMEDIATE to COMMIT,
 * positions also become visible in increasing order, which is what lets subscribers read
 * `position > checkpoint` without ever skipping an event committed late.
 *
 * event_id is unique across the whole store: ids are UUIDs, so the same id in two places is a bug
 * upstream (an event recorded twice) that we want refused, not stored.
 */
const SCHEMA_V1 = `
  CREATE TABLE events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT    NOT NULL,
    stream_name    TEXT    NOT NULL,
    revision       INTEGER NOT NULL CHECK (revision >= 0),
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    data           TEXT    NOT NULL CHECK (json_valid(data)),
    metadata       TEXT    NOT NULL CHECK (json_valid(metadata)),
    CONSTRAINT events_stream_revision UNIQUE (stream_name, revision),
    CONSTRAINT events_event_id UNIQUE (event_id)
  );
`;

/**
 * Aggregate snapshots (application/snapshots.ts): a cache beside the record, one row a stream,
 * replaced as the stream grows. Nothing reads it but the repository, which checks each against the
 * events before using it, so a row lost or stale costs a fold, never a wrong state.
 */
const SCHEMA_V2 = `
  CREATE TABLE snapshots (
    stream_name TEXT    PRIMARY KEY,
    revision    INTEGER NOT NULL CHECK (revision >= 0),
    event_id    TEXT    NOT NULL,
    shape       TEXT    NOT NULL,
    state       TEXT    NOT NULL
  );
`;

/**
 * The record's hash chain (event-chain.ts): each event's link, written in the transaction of its
 * append. And every command id the store holds, with its command's digest, so that an id names
 * one command across the whole store (a step of that command on another stream carries the same
 * digest and is let through; another command under the id is refused). WITHOUT ROWID: the id is
 * the key, so the table is one index; the key leads with the id's number (command-keys.ts), so that
 * it grows at one end. The digest is kept as its 32 bytes, NULL for commands recorded before
 * digests existed.
 */
const SCHEMA_V3 = `
  CREATE TABLE IF NOT EXISTS command_ids (
    command_key TEXT PRIMARY KEY,
    digest     BLOB
  ) WITHOUT ROWID;
`;

/**
 * The chain's second algorithm (event-chain.ts, CHAIN_ALGORITHM), from the first position written
 * at this version: a file of version 3 keeps its links of the first up to there, and
 * `chain_algorithms` says so, so that verify checks each link as it was made (nothing rewritten).
 * And a command's id claimed by the position of its first event (whose metadata holds the digest)
 * instead of the digest's 32 bytes: rows of version 3 keep their digest.
 */
const SCHEMA_V4 = `
  CREATE TABLE IF NOT EXISTS chain_algorithms (
    from_position INTEGER PRIMARY KEY,
    algorithm     TEXT    NOT NULL
  );
`;

/**
 * A command's id claimed by its number key (command-keys.ts, command-claims.ts), an integer and so
 * the rowid itself: a claim keyed by text cost about twice as much on the writer thread. A key with
 * no position stands for the claims of versions 3 and 4, which stay in `command_ids` under their
 * text key (nothing is rewritten): an id whose number key is held, by whatever id, is looked up
 * there.
 */
const SCHEMA_V5 = `
  CREATE TABLE IF NOT EXISTS command_claims (
    claim_key      INTEGER PRIMARY KEY,
    first_position INTEGER
  );
`;

export type Synchronous = 'NORMAL' | 'FULL';

export interface OpenOptions {
  readonly busyTimeoutMs: number;
  readonly synchronous: Synchronous;
}

export function openDatabase(path: string, options: OpenOptions): Database.Database {
  const db = new Database(path);
  try {
    applyPragmas(db, options);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function applyPragmas(db: Database.Database, options: OpenOptions): void {
  // First, so that everything after it (switching to WAL included) waits for other processes.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  const mode = retryWhileBusySync(() => db.pragma('journal_mode = WAL', { simple: true }));
  if (mode !== 'wal' && !db.memory)
    throw new Error(`Could not put ${db.name} in WAL mode (got ${String(mode)})`);
  // Per connection, see the store's header for the measurements behind the default.
  db.pragma(`synchronous = ${options.synchronous}`);
  // No foreign key today; set anyway because it is off by default and per connection, so a later
  // migration that adds one would otherwise silently go unenforced.
  db.pragma('foreign_keys = ON');
}

function upgradeToVersion4(db: Database.Database): void {
  const wasChained = current(db) === 3;
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('command_ids')").pluck().all();
  if (!columns.includes('first_position'))
    db.exec('ALTER TABLE command_ids ADD COLUMN first_position INTEGER');
  db.exec(SCHEMA_V4);
  const insert = db.prepare(
    'INSERT OR REPLACE INTO chain_algorithms (from_position, algorithm) VALUES (?, ?)',
  );
  const handedOut = db
    .prepare<[], number | null>("SELECT seq FROM sqlite_sequence WHERE name = 'events'")
    .pluck()
    .get();
  // Chained at version 3 with events: those keep their links of the first algorithm.
  if (wasChained && handedOut) {
    insert.run(0, CHAIN_ALGORITHM_V1);
    insert.run(handedOut + 1, CHAIN_ALGORITHM);
  } else insert.run(0, CHAIN_ALGORITHM);
}

/**
 * The claims of versions 3 and 4 stay where they are; each one's number key is added without a
 * position, so that the same id, or another with its key, is looked up by its text key.
 */
function upgradeToVersion5(db: Database.Database): void {
  db.exec(SCHEMA_V5);
  db.function('govrec_number_key', { deterministic: true }, (key: unknown) =>
    commandNumberKey(commandIdOfKey(String(key))),
  );
  db.exec(`INSERT INTO command_claims (claim_key, first_position)
    SELECT govrec_number_key(command_key), NULL FROM command_ids WHERE true ON CONFLICT DO NOTHING`);
}

const current = (db: Database.Database): number => Number(db.pragma('user_version', { simple: true }));

function migrate(db: Database.Database): void {
  if (current(db) > SCHEMA_VERSION) {
    throw new Error(
      `${db.name} has schema version ${current(db)}; this govrec understands up to ${SCHEMA_VERSION}`,
    );
  }
  if (current(db) === SCHEMA_VERSION) return;
  // IMMEDIATE and re-checked inside: two processes opening a new file at once must not both create.
  const upgrade = db.transaction(() => {
    if (current(db) < 1) db.exec(SCHEMA_V1);
    if (current(db) < 2) db.exec(SCHEMA_V2);
    if (current(db) < 3) {
      // Checked, not assumed: a file put back to an older version by hand may have the column.
      const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('events')").pluck().all();
      if (!columns.includes('chain')) db.exec('ALTER TABLE events ADD COLUMN chain BLOB');
      db.exec(SCHEMA_V3);
      chainOldRows(db);
    }
    if (current(db) < 4) upgradeToVersion4(db);
    if (current(db) < 5) upgradeToVersion5(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  retryWhileBusySync(() => upgrade.immediate());
}
