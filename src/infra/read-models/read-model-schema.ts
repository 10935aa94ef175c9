import Database from 'better-sqlite3';

/**
 * The read models' tables. Documents and index rows are rowid tables, each with a unique index on
 * its key, not WITHOUT ROWID tables keyed by it: a WITHOUT ROWID table keeps the whole row in its
 * B-tree, and SQLite reads a row that overflows its page whole each time a search compares a key
 * with it. A results document of a few MiB (a large meeting's holdings) or a long row of positions
 * then cost every insert beside it a few MiB of copying (docs/performance.md, "Read models: checkpoints").
 * The key's index holds small entries; a row's body is read only when it is asked for.
 */
const TABLES = `
  CREATE TABLE IF NOT EXISTS checkpoints (
    projection TEXT PRIMARY KEY, position INTEGER NOT NULL, event_id TEXT
  );
  CREATE TABLE IF NOT EXISTS bound_store (
    id INTEGER PRIMARY KEY CHECK (id = 1), store_id TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS bound_chain (
    id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, link TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS security_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT, role TEXT, action TEXT NOT NULL,
    command_id TEXT, rule TEXT NOT NULL, field TEXT NOT NULL, message TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, projection TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS documents_by_key ON documents (projection, key);
  CREATE TABLE IF NOT EXISTS index_rows (
    id INTEGER PRIMARY KEY, projection TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL,
    positions TEXT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS index_rows_by_key ON index_rows (projection, key, seq);`;

/** The tables an earlier govrec created WITHOUT ROWID, with the columns they keep. */
const EARLIER = [
  { table: 'documents', columns: 'projection, key, body' },
  { table: 'index_rows', columns: 'projection, key, seq, positions' },
] as const;

const isWithoutRowid = (db: Database.Database, table: string): boolean => {
  const sql = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(table);
  return typeof sql === 'string' && /WITHOUT\s+ROWID/i.test(sql);
};

/**
 * Creates the tables, moving the rows of an earlier file's WITHOUT ROWID tables into them (the
 * security log is not derived from the events, so the file is kept, not recreated). IMMEDIATE, and
 * checked inside it: two processes opening the file at once migrate it once.
 */
export function createReadModelTables(db: Database.Database): void {
  db.transaction(() => {
    for (const { table } of EARLIER) {
      if (!isWithoutRowid(db, table)) continue;
      db.exec(`ALTER TABLE ${table} RENAME TO ${table}_earlier`);
    }
    db.exec(TABLES);
    // A file written before read models were bound to their store: its checkpoints name no event,
    // and so are not trusted (store-binding.ts): the read models are folded again once.
    const columns = db.prepare('PRAGMA table_info(checkpoints)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'event_id'))
      db.exec('ALTER TABLE checkpoints ADD COLUMN event_id TEXT');
    for (const { table, columns } of EARLIER) {
      const earlier = `${table}_earlier`;
      if (
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(earlier) === undefined
      )
        continue;
      db.exec(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${earlier}; DROP TABLE ${earlier};`);
    }
  }).immediate();
}
