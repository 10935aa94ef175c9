/**
 * What the hardware and SQLite give without govrec: the floors the benchmark's figures are compared
 * with, measured on the same machine in the same run.
 */
import Database from 'better-sqlite3';
import { openDatabase } from '../src/infra/store/sqlite/schema';

interface Row {
  readonly position: number;
  readonly event_id: string;
  readonly stream_name: string;
  readonly revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
}

const PAGE = 1000;
const COLUMNS = 'position, event_id, stream_name, revision, type, schema_version, data, metadata';

/** Every row of an events table whose type is `type`, page by page (never all in memory). */
function* rowsOf(db: Database.Database, type?: string): Generator<Row[]> {
  const page = db.prepare<[number, number], Row>(
    `SELECT ${COLUMNS} FROM events WHERE position > ? ${type ? `AND type = '${type}'` : ''} ORDER BY position LIMIT ?`,
  );
  for (let after = -1; ;) {
    const rows = page.all(after, PAGE);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].position;
  }
}

/**
 * Raw inserts: the VoteCast rows the ingest wrote (same ids, streams, revisions and JSON, so the same
 * sizes and the same index work) inserted into a copy of the store as it was before the votes (same
 * schema, pragmas and existing events), in
 * transactions of the same shape as the ingest's appends (consecutive rows of one stream, at most
 * `batchSize`). No domain logic, no JSON encoding, no revision check. Only the transactions are timed.
 */
export function rawInsertBaseline(sourcePath: string, targetPath: string, batchSize: number) {
  const source = new Database(sourcePath, { readonly: true });
  const target = openDatabase(targetPath, { busyTimeoutMs: 5000, synchronous: 'FULL' });
  const insert = target.prepare(
    `INSERT INTO events (event_id, stream_name, revision, type, schema_version, data, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const write = target.transaction((rows: readonly Row[]) => {
    for (const r of rows)
      insert.run(r.event_id, r.stream_name, r.revision, r.type, r.schema_version, r.data, r.metadata);
  });
  let ms = 0;
  let rows = 0;
  let pending: Row[] = [];
  const flush = () => {
    const started = performance.now();
    write.immediate(pending);
    ms += performance.now() - started;
    rows += pending.length;
    pending = [];
  };
  for (const page of rowsOf(source, 'VoteCast')) {
    for (const row of page) {
      if (pending.length > 0 && (pending.length >= batchSize || pending[0].stream_name !== row.stream_name))
        flush();
      pending.push(row);
    }
  }
  if (pending.length > 0) flush();
  source.close();
  target.close();
  return { rows, ms };
}

/**
 * Reading every row of the store in pages, as the projection runner does (the store reads them raw,
 * as arrays, and so does this: with objects per row this floor would be ~25 % slower and the ratio
 * flattered), and parsing each row's data and metadata (issue 5's baseline). Nothing is built from
 * them. With `{ metadata: false }` only the data is parsed: the rebuild parses an event's metadata
 * only when a read model reads it (a proxy's times), so the report gives its ratio to both floors.
 */
export function readAndParseBaseline(path: string, parse: { metadata: boolean } = { metadata: true }) {
  const db = new Database(path, { readonly: true });
  const page = db
    .prepare<[number, number], unknown[]>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    )
    .raw();
  const started = performance.now();
  let rows = 0;
  for (let after = -1; ;) {
    const read = page.all(after, PAGE);
    if (read.length === 0) break;
    for (const row of read) {
      JSON.parse(row[6] as string);
      if (parse.metadata) JSON.parse(row[7] as string);
    }
    rows += read.length;
    after = read[read.length - 1][0] as number;
  }
  const ms = performance.now() - started;
  db.close();
  return { rows, ms };
}
