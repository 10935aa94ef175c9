import Database from 'better-sqlite3';
import { AppendedRow, decodePositions } from '../../projections/shared/appended-rows';
import { CheckpointRows, checkpointRowsOf, CheckpointWrite } from './checkpoint-rows';
import { CheckpointThread } from './checkpoint-thread';
import { createReadModelTables } from './read-model-schema';
import { SecurityLogEntry } from './security-log-entry';
import { recordRefusal, securityLog } from './security-log-table';

export type { SecurityLogEntry } from './security-log-entry';

/**
 * Read models kept in SQLite, each as documents plus the position of the last event folded into
 * them. Documents and checkpoint are written in one transaction: after a crash the read model is
 * exactly as of its checkpoint, and the runner resumes after it, so no event is skipped or applied
 * twice. The read models live in their own file beside the event store (govrec.db → govrec.read.db):
 * they can be dropped and rebuilt from the events at any time, and their writes never hold the
 * event store's write lock.
 */
export class SqliteReadModels {
  private readonly db: Database.Database;

  /** Opens the read models' SQLite file at `path`, creating it if need be (`:memory:` keeps none on disk). */
  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    createReadModelTables(this.db);
    // An index grows by a row for each vote, under keys in no order: B-tree pages in cache, not on disk.
    this.db.pragma('cache_size = -65536');
  }

  /**
   * The position of the last event folded in, or -1 when nothing has been.
   *
   * @internal
   */
  checkpoint(projection: string): number {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE projection = ?').get(projection) as
      { position: number } | undefined;
    return row?.position ?? -1;
  }

  /**
   * The checkpoint with the id of the event at its position (undefined: none recorded, as in files
   * written before read models were bound to their store).
   *
   * @internal
   */
  checkpointEvent(projection: string): { position: number; eventId?: string } {
    const row = this.db
      .prepare('SELECT position, event_id AS eventId FROM checkpoints WHERE projection = ?')
      .get(projection) as { position: number; eventId: string | null } | undefined;
    if (!row) return { position: -1 };
    return row.eventId === null
      ? { position: row.position }
      : { position: row.position, eventId: row.eventId };
  }

  /**
   * The store the read models were folded from (store-binding.ts), if they say.
   *
   * @internal
   */
  boundStore(): string | undefined {
    return this.db.prepare('SELECT store_id FROM bound_store WHERE id = 1').pluck().get() as
      string | undefined;
  }

  /**
   * The link of the store's hash chain at a position the read models had folded (store-binding.ts).
   *
   * @internal
   */
  boundChain(): { position: number; link: string } | undefined {
    return this.db.prepare('SELECT position, link FROM bound_chain WHERE id = 1').get() as
      { position: number; link: string } | undefined;
  }

  /** @internal */
  recordChain(position: number, link: string): void {
    this.db
      .prepare(
        'INSERT INTO bound_chain (id, position, link) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, link = excluded.link',
      )
      .run(position, link);
  }

  /**
   * Forgets every read model (not the security log, which is not folded from the record) and
   * records the store the read models are folded from from now on, in one transaction.
   *
   * @internal
   */
  bindTo(storeId: string, dropAll: boolean): void {
    this.db.transaction(() => {
      if (dropAll)
        this.db.exec(
          'DELETE FROM documents; DELETE FROM index_rows; DELETE FROM checkpoints; DELETE FROM bound_chain;',
        );
      this.db
        .prepare(
          'INSERT INTO bound_store (id, store_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id',
        )
        .run(storeId);
    })();
  }

  /**
   * Every document of a read model, as its key and JSON text, in key order.
   *
   * @internal
   */
  documents(projection: string): [string, string][] {
    const rows = this.db
      .prepare('SELECT key, body FROM documents WHERE projection = ? ORDER BY key')
      .all(projection) as {
      key: string;
      body: string;
    }[];
    return rows.map((r) => [r.key, r.body]);
  }

  /**
   * One document of a read model as stored, if there is one: what a paged read model reads in.
   *
   * @internal
   */
  document(projection: string, key: string): string | undefined {
    this.documentStatement ??= this.db
      .prepare('SELECT body FROM documents WHERE projection = ? AND key = ?')
      .pluck();
    return this.documentStatement.get(projection, key) as string | undefined;
  }

  private documentStatement?: Database.Statement;

  /**
   * The documents of a read model whose keys start with a prefix, in key order.
   *
   * @internal
   */
  documentsUnder(projection: string, prefix: string): [string, string][] {
    // Keys compare as bytes: those starting with the prefix lie below it with its last character the next one.
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const rows = this.db
      .prepare('SELECT key, body FROM documents WHERE projection = ? AND key >= ? AND key < ? ORDER BY key')
      .all(projection, prefix, end) as { key: string; body: string }[];
    return rows.map((r) => [r.key, r.body]);
  }

  /**
   * The event positions a read model's index holds under a key, in order.
   *
   * @internal
   */
  indexed(projection: string, key: string): number[] {
    const rows = this.db
      .prepare('SELECT positions FROM index_rows WHERE projection = ? AND key = ? ORDER BY seq')
      .pluck()
      .all(projection, key) as string[];
    const positions = rows.flatMap((list) => decodePositions(list));
    return [...new Set(positions)].sort((a, b) => a - b);
  }

  /**
   * Every row of a read model's index, by key and seq (to compare two stores of it).
   *
   * @internal
   */
  indexRows(projection: string): AppendedRow[] {
    const rows = this.db
      .prepare('SELECT key, seq, positions FROM index_rows WHERE projection = ? ORDER BY key, seq')
      .all(projection) as { key: string; seq: number; positions: string }[];
    return rows.map((r) => ({ ...r, positions: decodePositions(r.positions) }));
  }

  /**
   * Writes the changed documents and the new checkpoint atomically. A document of undefined is removed.
   *
   * @internal
   */
  save(
    projection: string,
    position: number,
    changed: ReadonlyMap<string, string | undefined>,
    appended: readonly AppendedRow[] = [],
  ): void {
    this.write([checkpointRowsOf({ projection, position, changed, appended })]);
  }

  /**
   * Several projections' changes and checkpoints in one transaction.
   *
   * @internal
   */
  saveAll(writes: readonly CheckpointWrite[]): void {
    this.write(writes.map(checkpointRowsOf));
  }

  /**
   * Checkpoints as checkpointRowsOf lays them out, in one transaction.
   *
   * @internal
   */
  write(parts: readonly CheckpointRows[]): void {
    const { upsert, remove, mark, append } = this.writes();
    this.db.transaction(() => {
      for (const { projection, position, eventId, documents, rows } of parts) {
        for (let i = 0; i < documents.length; i += 2) {
          const key = documents[i] as string;
          const body = documents[i + 1];
          if (body === null) remove.run(projection, key);
          else upsert.run(projection, key, body);
        }
        for (let i = 0; i < rows.length; i += 3) append.run(projection, rows[i], rows[i + 1], rows[i + 2]);
        mark.run(projection, position, eventId);
      }
    })();
  }

  private statements?: ReturnType<SqliteReadModels['prepareWrites']>;

  /** Prepared once: a runner following live events writes a checkpoint per event. */
  private writes() {
    this.statements ??= this.prepareWrites();
    return this.statements;
  }

  private prepareWrites() {
    return {
      upsert: this.db.prepare(
        'INSERT INTO documents (projection, key, body) VALUES (?, ?, ?) ON CONFLICT (projection, key) DO UPDATE SET body = excluded.body',
      ),
      remove: this.db.prepare('DELETE FROM documents WHERE projection = ? AND key = ?'),
      mark: this.db.prepare(
        'INSERT INTO checkpoints (projection, position, event_id) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position, event_id = excluded.event_id',
      ),
      // The runner folds each position once (after a crash it redoes only what no row holds); a row
      // already there under the same key and first position is the same row, written again.
      append: this.db.prepare(
        'INSERT OR IGNORE INTO index_rows (projection, key, seq, positions) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /**
   * A refused request, kept for the auditors; never the key or any other secret.
   *
   * @internal
   */
  recordRefusal(entry: SecurityLogEntry): void {
    recordRefusal(this.db, entry);
  }

  /**
   * The newest refusals first, `limit` of them, older than `beforeId` when given.
   *
   * @internal
   */
  securityLog(limit = 100, beforeId?: number): (SecurityLogEntry & { id: number })[] {
    return securityLog(this.db, limit, beforeId);
  }

  /**
   * A thread that writes checkpoints to this file on a connection of its own, for a long catch-up
   * (see ProjectionRunner.catchUp); undefined for an in-memory database, which no other connection
   * can open.
   *
   * @internal
   */
  checkpointThread(): CheckpointThread | undefined {
    return this.db.memory ? undefined : new CheckpointThread(this.db.name);
  }

  /**
   * Forgets a read model: its documents, index rows and checkpoint, to fold it again from the first event.
   *
   * @internal
   */
  drop(projection: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents WHERE projection = ?').run(projection);
      this.db.prepare('DELETE FROM index_rows WHERE projection = ?').run(projection);
      this.db.prepare('DELETE FROM checkpoints WHERE projection = ?').run(projection);
    })();
  }

  /** Closes the file. Storage an embedder opened and gave to `openGovrec` is closed by the embedder, after govrec. */
  close(): void {
    this.db.close();
  }
}
