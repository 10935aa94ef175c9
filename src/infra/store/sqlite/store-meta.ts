/**
 * What a SQLite store keeps about itself beside the record: its identity, made once per store file,
 * and the MACs of its snapshots (sqlite-snapshots.ts). Tables created if missing, outside the
 * numbered migrations of schema.ts: they hold nothing of the record, and a file opened by an older
 * govrec keeps working (it reads no MAC, so it trusts no snapshot written by this one; and its own
 * snapshots, having no MAC, are not used here).
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { retryWhileBusySync } from './busy';

const TABLES = `
  CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS snapshot_macs (stream_name TEXT PRIMARY KEY, mac TEXT NOT NULL);
`;

const STORE_ID = 'store_id';

function readStoreId(db: Database.Database): string | undefined {
  try {
    return db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(STORE_ID) as
      string | undefined;
  } catch (error) {
    // By its message, not instanceof: the native module's errors may come from another realm (jest's vm).
    if (/no such table/.test(String((error as { message?: unknown }).message))) return undefined;
    throw error;
  }
}

/**
 * The store's id, made the first time any govrec opens the file (a random UUID): a store deleted
 * and created again under the same name is another store, with another id. Read first and written
 * only when missing, so opening a store takes no write lock once it has one; two processes making
 * it at once keep the first (INSERT OR IGNORE inside one IMMEDIATE transaction).
 */
export function ensureStoreMeta(db: Database.Database): string {
  const existing = readStoreId(db);
  if (existing !== undefined && hasMacTable(db)) return existing;
  const make = db.transaction(() => {
    db.exec(TABLES);
    db.prepare('INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)').run(STORE_ID, randomUUID());
  });
  retryWhileBusySync(() => make.immediate());
  return readStoreId(db)!;
}

const hasMacTable = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshot_macs'").get() !==
  undefined;
